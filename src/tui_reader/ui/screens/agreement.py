"""The agreement of two compared coders (``K``, then ``=``) in the document on show: a row per
code and one over every code, the figures ``tui-reader agreement A B --doc DOC`` prints (the
same :class:`~tui_reader.core.analysis.agreement.Comparison`), in a box that fits 80
columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Label, Static

from tui_reader.core.analysis.agreement import AgreementRow
from tui_reader.core.analysis.tables import percent, statistic
from tui_reader.core.display import shown, shown_name, shown_pictured
from tui_reader.ui import keymap
from tui_reader.ui.screens.dialog import Dialog

CODE_WIDTH = 16  # a longer code cut around an ellipsis: the rest is 55 cells, the box holds 72
# The figures' columns and their widths (right-aligned), as the command names them.
COLUMNS = (("units", 10), ("agreed", 7), ("kappa", 7), ("alpha", 7), ("L only", 9), ("R only", 9))


def figures_lines(rows: Sequence[AgreementRow]) -> list[str]:
    """The table of ``rows``: a heading, a line per code, the line over every code last, and
    under it why a figure is n/a, each reason once."""

    def cells(code: str, values: Sequence[str]) -> str:
        row = set_cell_size(_cut(code), CODE_WIDTH)
        return row + "".join(f" {v:>{w}}" for v, (_, w) in zip(values, COLUMNS, strict=True))

    def figure(value: float | None) -> str:
        return "n/a" if value is None else statistic(value)

    lines = [cells("code", [name for name, _ in COLUMNS])]
    reasons: list[str] = []
    for row in rows:
        table = row.table
        code = "(all codes)" if row.tag is None else shown_pictured(row.tag)
        agreed = "n/a" if table.agreement is None else percent(table.agreement)
        values = [
            f"{table.units:,}",
            agreed,
            figure(table.kappa),
            figure(table.alpha),
            f"{table.only_a:,}",
            f"{table.only_b:,}",
        ]
        lines.append(cells(code, values))
        reason = table.undefined_because
        if reason and reason not in reasons:
            reasons.append(reason)
    lines.extend(f"n/a: {reason}" for reason in reasons)
    return lines


def _cut(code: str) -> str:
    """``code`` in :data:`CODE_WIDTH` cells: a longer one as its start, ``…`` and its last
    level (``mil…/checkpoints``, ``milita…/training``: two codes below one parent told
    apart), or, its last level too long, its two ends around ``…``."""
    if cell_len(code) <= CODE_WIDTH:
        return code
    room = CODE_WIDTH - 1
    _, slash, last = code.rpartition("/")
    end = slash + last
    if not slash or cell_len(end) > room:
        end = ""
        for char in reversed(code):  # the end, half the room
            if cell_len(char + end) > room // 2:
                break
            end = char + end
    return set_cell_size(code, room - cell_len(end)) + "…" + end


class AgreementDialog(Dialog[None]):
    """The figures; ``esc`` closes it."""

    DEFAULT_CSS = """
    AgreementDialog > .dialog-box {
        width: 78;
    }
    AgreementDialog #agreement-figures {
        text-wrap: nowrap;
        overflow-x: auto;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("dialog")
    KEYS = ("esc close",)

    def __init__(self, me: str, other: str, document: str, rows: Sequence[AgreementRow]) -> None:
        super().__init__()
        self.me, self.other = me, other
        self.document = document
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        me, other = shown(self.me), shown(self.other)
        with Vertical(classes="dialog-box") as box:
            box.border_title = "Agreement"
            box.border_subtitle = self.KEYS[0]
            said = (
                f"{me} (L) and {other} (R) in {shown_name(self.document)}, by character, as "
                f"tui-reader agreement {me} {other} --doc counts them: units are its "
                "characters; L only, R only those one coded and the other did not."
            )
            yield Label(Text(said), classes="dialog-label")
            yield Static(Text("\n".join(figures_lines(self.rows))), id="agreement-figures")

    def action_cancel(self) -> None:
        self.dismiss(None)
