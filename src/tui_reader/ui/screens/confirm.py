"""A yes/no question in a small modal: ``y``/``enter`` confirm, ``n``/``escape`` decline.

The app's one confirmation (deleting an annotation or a tag, replacing a file)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui_reader.ui import keymap
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.key_bursts import passed_to_new_screen, run_binding_at_once


class ConfirmScreen(Dialog[bool]):
    """Asks ``question``; dismisses with True (confirmed) or False."""

    DEFAULT_CSS = """
    ConfirmScreen > .dialog-box {
        width: 64;
        border: round $warning;
        border-title-color: $warning;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("confirm")

    def __init__(
        self, question: str | Text, title: str = "Confirm", *, yes: str = "yes", no: str = "no"
    ) -> None:
        super().__init__()
        self.question = question  # user data (a path, a quote) only as Text: never markup
        self.title_text = title
        self.answers = (yes, no)
        # The footer says the answers as the box does ("y Replace  n Keep", not "y Yes  n No").
        self.footer_words = {"confirm.yes": yes.capitalize(), "confirm.no": no.capitalize()}
        # The keys under the box, in fewer words where it is narrow (see Dialog.fit_keys).
        self.KEYS = (f"y/enter {yes} · n/esc {no}", f"y {yes} · n {no}", "y · n")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = self.KEYS[0]  # fitted to the box once it has its width
            yield Static(self.question, id="confirm-question")

    async def _on_key(self, event: events.Key) -> None:
        """The answer runs as its key comes, and the keys typed behind it wait for the
        screen it leaves on top (:mod:`~tui_reader.ui.widgets.key_bursts`).  Nothing here
        takes the focus, so every key of a burst came here; the answer ran once it had
        bubbled up to the app, after them, and each key behind it then looked for its
        binding where the focus had gone: ``y`` dropping a note, then ``a``, a tag, ``tab``,
        a note and ``ctrl+s``, typed fast, saved the new passage with no tag and no note
        (the letters found no binding in the dialog ``a`` opened)."""
        if passed_to_new_screen(self, event):
            return
        if await run_binding_at_once(self, event, (self,)):
            return
        await super()._on_key(event)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
