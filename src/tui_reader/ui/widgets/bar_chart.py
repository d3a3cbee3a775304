"""Horizontal bar charts drawn with block characters (eighths of a cell), for the reports view:
passages per code, coverage per document.  Labels are user data: plain :class:`Text`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

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
    label_room = min(label_width, max(len(label) for label, _, _ in rows))
    shown_room = max(len(shown) for _, _, shown in rows)
    bar_room = max(4, width - label_room - shown_room - 3)
    largest = max(value for _, value, _ in rows)
    for label, value, shown in rows:
        if len(label) > label_room:
            label = "…" + label[-(label_room - 1) :]
        chart.append(label.ljust(label_room) + " ")
        drawn = bar(value, largest, bar_room)
        chart.append(drawn, style=style)
        chart.append(" " * (bar_room - len(drawn)) + " " + shown.rjust(shown_room) + "\n")
    return chart
