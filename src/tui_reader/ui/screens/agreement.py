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

CODE_WIDTH = 16  # a longer code cut with an ellipsis: the rest is 55 cells, the box holds 72
# The figures' columns and their widths (right-aligned), as the command names them.
COLUMNS = (("units", 10), ("agreed", 7), ("kappa", 7), ("alpha", 7), ("L only", 9), ("R only", 9))


def figures_lines(rows: Sequence[AgreementRow]) -> list[str]:
    """The table of ``rows``: a heading, a line per code, the line over every code last, and
    under it why a figure is n/a, each reason once."""

    def cells(code: str, values: Sequence[str]) -> str:
        if cell_len(code) > CODE_WIDTH:
            code = set_cell_size(code, CODE_WIDTH - 1) + "…"
        row = set_cell_size(code, CODE_WIDTH)
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


def uncoded_line(me: str, other: str, document: str, coded: tuple[bool, bool]) -> str:
    """What ``tui-reader agreement ME OTHER --doc DOCUMENT`` says on stderr of a coder who
    coded nothing in the document (their figures count every unit as not coded by them), or
    of both; "" when each coded some of it."""
    name = shown_name(document)
    if not any(coded):
        return f"Neither {shown(me)} nor {shown(other)} coded {name} here: no code to compare."
    for coder, its_other, did in ((me, other, coded[0]), (other, me, coded[1])):
        if not did:
            return (
                f"{shown(coder)} coded nothing in {name}: every unit {shown(its_other)} "
                f"coded counts as one {shown(coder)} left uncoded."
            )
    return ""


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

    def __init__(
        self,
        me: str,
        other: str,
        document: str,
        rows: Sequence[AgreementRow],
        coded: tuple[bool, bool] = (True, True),
    ) -> None:
        """``coded``: whether each of the two coded anything in the document (one who did
        not is said under the figures, as the command says it)."""
        super().__init__()
        self.me, self.other = me, other
        self.document = document
        self.rows = list(rows)
        self.coded = coded

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
            said_too = uncoded_line(self.me, self.other, self.document, self.coded)
            if said_too:
                yield Label(Text(said_too), classes="dialog-label")

    def action_cancel(self) -> None:
        self.dismiss(None)
