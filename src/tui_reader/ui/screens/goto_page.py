"""Small dialogs asking for a page number (documents with pages: PDF), or for a percent of the
text to go to (less's ``N%``)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.text_field import HandingOverField

SAID_DIGITS = 12  # of a number typed that is no page, said back


class GotoPageDialog(Dialog[int | None]):
    """Dismisses with the page number typed (1..``pages``), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("dialog")

    TITLE = "Go to page"
    LOWEST = 1  # the first number asked for; the last is ``pages``

    def __init__(self, pages: int, current: int) -> None:
        super().__init__()
        self.pages = pages
        self.current = current

    def _question(self) -> str:
        return f"Page (1–{self.pages}, now {self.current}):"

    def _refusal(self, typed: str) -> str:
        return f"No page {typed}: 1 to {self.pages}."

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box") as box:
            box.border_title = self.TITLE
            box.border_subtitle = "enter go · esc cancel"
            yield Label(Text(self._question()), classes="dialog-label")
            # keys in typing order; those behind enter go to the text once it moved there
            # (typed in the field for numbers alone, "G" behind "%50" enter was lost)
            yield HandingOverField(type="integer", id="page-number")
            yield Static(classes="dialog-error")

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        focus_now(self.query_one("#page-number", Input))

    @on(Input.Submitted, "#page-number")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            page = int(event.value)
        except ValueError:
            page = 0
        if not self.LOWEST <= page <= self.pages or not event.value.strip():
            typed = event.value.strip() or "?"
            if len(typed) > SAID_DIGITS:  # a paste of thousands: its start and its length
                typed = f"{typed[:SAID_DIGITS]}… ({len(typed):,} digits)"
            self.show_error(self._refusal(typed))
            self.query_one("#page-number", HandingOverField).stay()  # the keys held: here
            return
        self.dismiss(page)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GotoPercentDialog(GotoPageDialog):
    """Dismisses with the percent of the text typed (0..100), or None when cancelled."""

    TITLE = "Go to percent"
    LOWEST = 0

    def __init__(self, current: int) -> None:
        super().__init__(100, current)

    def _question(self) -> str:
        return f"Percent of the text (0–100, now {self.current}%):"

    def _refusal(self, typed: str) -> str:
        return f"No {typed}%: 0 to 100."
