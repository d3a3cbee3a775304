"""Horizontal bar charts drawn with block characters (eighths of a cell), for the reports view:
passages per code, coverage per document.  Labels are user data: plain :class:`Text`, shown
on one line (:func:`~tui_reader.core.display.shown`: a file name's line break as ``⏎``) and
measured in terminal cells (a Japanese code takes two a character), so each row is one line."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

from tui_reader.core.analysis.report_grid import fitted
from tui_reader.core.display import shown as one_line

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


def bar(value: float, largest: float, width: int) -> str:
    """A bar ``value / largest`` of ``width`` cells long, to an eighth of a cell."""
    if largest <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = round(min(1.0, value / largest) * width * 8)
    whole, part = divmod(max(1, eighths), 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, float, str]],
    width: int,
    style: str | Style = "bold",
    label_width: int = 28,
) -> Text:
    """``title`` then one line per ``(label, value, shown value)``: label, bar, value."""
    chart = Text()
    chart.append(title + "\n", style="bold underline")
    if not rows:
        chart.append("(nothing to show)\n", style="dim")
        return chart
    labels = [one_line(label) for label, _, _ in rows]
    label_room = min(label_width, max(cell_len(label) for label in labels))
    shown_room = max(len(shown) for _, _, shown in rows)
    bar_room = max(4, width - label_room - shown_room - 3)
    largest = max(value for _, value, _ in rows)
    for label, (_, value, shown) in zip(labels, rows, strict=True):
        chart.append(_fitted(label, label_room) + " ")
        drawn = bar(value, largest, bar_room)
        chart.append(drawn, style=style)
        chart.append(" " * (bar_room - len(drawn)) + " " + shown.rjust(shown_room) + "\n")
    return chart


def _fitted(label: str, room: int) -> str:
    """``label`` in exactly ``room`` cells: padded, or its start and its end with an ellipsis
    between, as the report's table cuts it (its end alone, the codes ``theme1/a_long_leaf``
    and ``theme2/a_long_leaf`` read the same)."""
    return set_cell_size(fitted(label, room), room)
