"""The memo editor: Markdown in the same editor as an annotation's note (a soft-wrapping
``TextArea``), for a document's memo (``M``), a code's memo (``M`` in the codebook) and the
project journal's entries (``J``).

``ctrl+s`` saves through the given function: when it raises a :class:`TuiReaderError`
(read-only database, disk full...) the error is shown and the editor stays open with the text,
so nothing is lost.  ``escape`` closes without saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.display import shown
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.places import display_time
from tui_reader.ui import keymap
from tui_reader.ui.screens.dialog import Dialog

if TYPE_CHECKING:
    from tui_reader.core.store.annotation_store import AnnotationStore

EARLIER_ENTRIES = 3  # journal entries shown above a new one


class MemoDialog(Dialog[str | None]):
    """Edit ``text``; dismisses with the saved text (None when cancelled or empty)."""

    DEFAULT_CSS = """
    MemoDialog > .dialog-box {
        width: 90;
    }
    MemoDialog #memo-earlier {
        color: $text-muted;
        max-height: 10;
        margin-bottom: 1;
    }
    MemoDialog #memo-text {
        height: 14;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("memo")

    def __init__(
        self,
        title: str,
        text: str = "",
        save: Callable[[str], object] | None = None,
        earlier: Sequence[Memo] = (),
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = text
        self.save = save
        self.earlier = list(earlier)[-EARLIER_ENTRIES:]

    @classmethod
    def of(cls, store: AnnotationStore, kind: MemoKind, subject: str, title: str) -> MemoDialog:
        """The dialog editing the memo of ``subject`` (a code, a document), saved in ``store``."""
        old = store.memo(kind, subject)

        def save(text: str) -> None:
            store.put_memo(old.evolve(text=text) if old else Memo(kind, subject, text))

        return cls(title, old.text if old else "", save)

    @classmethod
    def journal_entry(cls, store: AnnotationStore) -> MemoDialog:
        """A new dated entry of the project journal, the earlier ones above it."""

        def save(text: str) -> None:
            store.put_memo(Memo(MemoKind.JOURNAL, "", text))

        return cls("Journal: new entry", "", save, store.memos(MemoKind.JOURNAL))

    def compose(self) -> ComposeResult:
        with Vertical(id="memo-box", classes="dialog-box") as box:
            box.border_title = Text(shown(self.title_text))  # user data: never markup
            box.border_subtitle = "Markdown · ctrl+s save · esc cancel"
            if self.earlier:
                yield Static(self._earlier_text(), id="memo-earlier")
            yield TextArea(self.initial, id="memo-text", soft_wrap=True)
            yield Static(id="memo-error", classes="dialog-error")

    def _earlier_text(self) -> Text:
        shown = Text()
        for memo in self.earlier:
            shown.append(display_time(memo.created) + "  ", style="bold")
            shown.append(memo.text.strip() + "\n")
        return shown

    def on_mount(self) -> None:
        editor = self.query_one("#memo-text", TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def text(self) -> str:
        return self.query_one("#memo-text", TextArea).text

    def action_save(self) -> None:
        text = self.text.strip()
        if not text:
            self.dismiss(None)
            return
        if self.save is not None:
            try:
                self.save(text + "\n")
            except TuiReaderError as exc:
                self.show_error(f"Not saved: {exc}")
                self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
                return
        self.dismiss(text + "\n")

    def action_cancel(self) -> None:
        self.dismiss(None)
