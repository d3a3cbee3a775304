"""A yes/no question in a small modal: ``y``/``enter`` confirm, ``n``/``escape`` decline.

The app's one confirmation (deleting an annotation or a tag, replacing a file).  Given a
``save``, the yes saves it before the question closes, by the dialogs' one save path
(:meth:`~tui_reader.ui.screens.dialog.Dialog.save_typed`): a save of seconds (a code on
19,000 passages deleted) is said on its line and written by the app's save worker, the
screen live, the keys typed meanwhile refused and said; a refused save closes it, said."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui_reader.core.errors import TuiReaderError
from tui_reader.ui import keymap
from tui_reader.ui.notices import notify_error
from tui_reader.ui.save_wait import Saving
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
        self,
        question: str | Text,
        title: str = "Confirm",
        *,
        yes: str = "yes",
        no: str = "no",
        save: Callable[[], Saving[Any]] | None = None,
    ) -> None:
        super().__init__()
        self.question = question  # user data (a path, a quote) only as Text: never markup
        self.save = save
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
            yield Static(classes="dialog-error")  # (a save's line: see the module)

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
        if self.waiting_to_save and self._saying:  # a save of seconds under way: said
            event.stop()
            event.prevent_default()
            self._still_saving(event)
            return
        if await run_binding_at_once(self, event, (self,)):
            return
        await super()._on_key(event)

    def _refused(self, error: TuiReaderError) -> None:
        """A refused save closes the question, said (nothing typed here is kept to save
        again): a read-only database left the question open over the codebook."""
        notify_error(self.app, error, "Not saved")
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        if self.save is not None and self.closing_refused():
            return  # its save waits or is under way: said
        if answer and self.save is not None:
            self.save_typed(self.save, lambda _: self.dismiss(True))
            return
        self.dismiss(answer)
