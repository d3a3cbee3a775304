"""The memo editor: Markdown in the same editor as an annotation's note (a soft-wrapping
``TextArea``), for a document's memo (``M``), a code's memo (``M`` in the codebook) and the
project journal's entries (``J``).

``ctrl+s`` saves what the given function gives (a :class:`~tui_reader.ui.save_wait.Saving`);
a memo that was written, its text all deleted, is deleted (``erase``: undone as any change)
through :meth:`~tui_reader.ui.screens.dialog.Dialog.save_typed`: while another tui-reader holds
the database, the editor waits, open; when the save is refused (read-only database, disk
full, the user stopped waiting) the error is shown and the editor stays open with the text,
so nothing is lost.  ``escape`` closes without saving, asking first when text was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.display import shown, shown_block
from tui_reader.core.interchange.places import display_time
from tui_reader.ui import keymap
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.notices import notify_info
from tui_reader.ui.save_wait import Saving
from tui_reader.ui.screens.dialog import Dialog
from tui_reader.ui.widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from tui_reader.core.store.annotation_store import AnnotationStore

EARLIER_ENTRIES = 3  # journal entries shown above a new one


def erasing(store: AnnotationStore, memo: Memo) -> Saving[None]:
    """The save deleting ``memo`` from ``store`` (nothing when it is gone already)."""

    def work() -> None:
        if any(found.id == memo.id for found in store.memos(memo.kind)):
            store.delete_memo(memo.id)

    return Saving(work)


def _location(text: str, offset: int) -> tuple[int, int]:
    """The editor's (row, column) of ``offset`` into ``text`` (code points, as both count)."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


class MemoDialog(Dialog[str | None]):
    """Edit ``text``; dismisses with the saved text ("" when the memo was deleted, None when
    cancelled or left empty)."""

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
        height: 14;  /* never taller than FIELD_SHARE of the terminal: see _fit_field */
    }
    MemoDialog.-short #memo-earlier {
        max-height: 2;
        margin-bottom: 0;
    }
    /* A short terminal: the box as tall as it may be, the field all of it below the earlier
       entries (held to 55% of the terminal, it left two empty rows under it at 40x12, the
       box laid out for the field's 14 lines). */
    MemoDialog.-short > .dialog-box {
        height: 95%;
    }
    MemoDialog.-short #memo-text {
        height: 1fr;
        max-height: 100%;
    }
    """
    # Below this many rows the earlier entries take two lines: the field keeps its room.
    TALL_FROM = 24
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL_FROM, "-tall")]  # noqa: RUF012 (Textual types it an instance variable)
    FIELD_SHARE = 0.55  # of the terminal's rows, at most, the field takes in a tall one

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("memo")
    KEYS = (
        "Markdown · ctrl+s save · esc cancel",
        "ctrl+s save · esc cancel",
        "ctrl+s save · esc",
        "ctrl+s · esc",
    )

    def __init__(
        self,
        title: str,
        text: str = "",
        save: Callable[[str], Saving[Any]] | None = None,
        earlier: Sequence[Memo] = (),
        erase: Callable[[], Saving[Any]] | None = None,
        at: tuple[int, int] | None = None,
        subject: tuple[MemoKind, str] | None = None,
    ) -> None:
        """``erase``: the save of a memo written before whose text was all deleted here (it
        deletes the memo); without it such a memo is left as it was, and said so.  ``at``:
        the passage of ``text`` to show selected (a search's hit, ``[start, end)``), rather
        than the end, where the caret is put to write on.  ``subject``: whose memo it is (a
        document's, a code's), said in a draft kept when the app is stopped over it."""
        super().__init__()
        self.title_text = title
        self.initial = text
        self.at = at
        self.save = save
        self.erase = erase
        self.earlier = list(earlier)[-EARLIER_ENTRIES:]
        self.subject = subject
        self.saved_words = "Memo saved"  # said once ``save`` saved what was typed

    @classmethod
    def of(
        cls,
        store: AnnotationStore,
        kind: MemoKind,
        subject: str,
        title: str,
        saved: Callable[[], None] | None = None,
        text: str | None = None,
    ) -> MemoDialog:
        """The dialog editing the memo of ``subject`` (a code, a document), saved in ``store``;
        ``saved``: run after each save, in its worker (a document's text kept, by which the
        memo follows its file when it moves: :meth:`Workspace.remember_texts`); ``text``: what
        it opens with, rather than the memo's (a draft kept when the app was stopped)."""
        old = store.memo(kind, subject)

        def put(memo: Memo) -> Memo:
            stored = store.put_memo(memo)
            if saved is not None:
                saved()
            return stored

        def save(text: str) -> Saving[Memo]:
            memo = old.evolve(text=text) if old else Memo(kind, subject, text)
            return Saving(lambda: put(memo))

        erase = (lambda: erasing(store, old)) if old is not None else None
        opening = text if text is not None else old.text if old else ""
        return cls(title, opening, save, erase=erase, subject=(kind, subject))

    @classmethod
    def journal_entry(cls, store: AnnotationStore, text: str = "") -> MemoDialog:
        """A new dated entry of the project journal, the earlier ones above it; ``text``:
        what it opens with (a draft kept when the app was stopped)."""

        def save(text: str) -> Saving[Memo]:
            memo = Memo(MemoKind.JOURNAL, "", text)
            return Saving(lambda: store.put_memo(memo))

        dialog = cls("Journal: new entry", text, save, store.memos(MemoKind.JOURNAL))
        dialog.saved_words = "Journal entry saved"
        return dialog

    def compose(self) -> ComposeResult:
        with Vertical(id="memo-box", classes="dialog-box") as box:
            box.border_title = Text(shown(self.title_text))  # user data: never markup
            box.border_subtitle = self.KEYS[0]
            if self.earlier:
                yield Static(self._earlier_text(), id="memo-earlier")
            yield TextEditor(self.initial, id="memo-text", soft_wrap=True)
            yield Static(id="memo-error", classes="dialog-error")

    def _earlier_text(self) -> Text:
        """The earlier entries, the newest first: where the box has room for two lines
        (40x12) the oldest of them showed, cut, and the entry just before the one written
        did not; and no line left empty after the last."""
        lines = []
        for memo in reversed(self.earlier):
            lines.append(
                Text.assemble(
                    (display_time(memo.created) + "  ", "bold"), shown_block(memo.text.strip())
                )
            )
        return Text("\n").join(lines)

    def on_resize(self) -> None:  # (Dialog's own runs too: Textual calls each class's)
        self._fit_field()

    def _fit_field(self) -> None:
        """The field never taller than the box shows (at 40x12, 14 lines in a box of 8: what
        was typed from the seventh line on went out of sight): in a tall terminal at most
        :data:`FIELD_SHARE` of its rows, a whole number of them (55vh, 13.2 rows at 80x24,
        made the field 13 rows and its box room for 14, one left empty under it); in a
        short one, the rest of the box (the stylesheet's ``-short``)."""
        editor = next(self.query("#memo-text").results(TextArea), None)
        if editor is None:
            return
        rows = self.size.height
        editor.styles.max_height = int(rows * self.FIELD_SHARE) if rows >= self.TALL_FROM else None

    def on_mount(self) -> None:
        if self.closed_as_opened():
            return
        self._fit_field()
        editor = self.query_one("#memo-text", TextArea)
        focus_now(editor)
        if self.at is None:
            editor.move_cursor(editor.document.end)
            return
        start, end = (_location(self.initial, offset) for offset in self.at)
        editor.move_cursor(start)
        editor.move_cursor(end, select=True)
        # once laid out: the field's height is not known yet
        self.call_after_refresh(editor.scroll_cursor_visible, True)

    @property
    def text(self) -> str:
        """What the editor holds (what it opened with while it is not there: not yet
        composed, or taken down as the dialog closes)."""
        editor = self.query("#memo-text").results(TextArea)
        return next((found.text for found in editor), self.initial)

    def action_save(self) -> None:
        if self.app.screen is not self:
            return  # closed already: a ctrl+s queued behind the one that saved
        text = self.text.strip()
        if not text and self.initial.strip():  # a memo's text all deleted: the memo is
            if self.erase is None:
                self.show_error("Not saved: a memo cannot be left empty here; esc keeps it.")
                return
            self.save_typed(self.erase, lambda _: self._erased())
            return
        if not text:
            self.dismiss(None)
            return
        save, typed = self.save, text + "\n"
        if save is None:
            self.dismiss(typed)
        else:
            self.save_typed(lambda: save(typed), lambda _: self._saved(typed))

    def _saved(self, typed: str) -> None:
        """Said, as its deletion is: ctrl+s closed the editor without a word, and a journal
        entry, shown nowhere once written, left the researcher unsure it was kept."""
        where = "" if self._undo_below() else " in the text or the library"
        notify_info(self.app, f"{self.saved_words} (u{where} undoes it).", timeout=3)
        self.dismiss(typed)

    def _erased(self) -> None:
        where = "" if self._undo_below() else " in the text or the library"
        notify_info(self.app, f"Memo deleted (u{where} undoes it).", timeout=4)
        self.dismiss("")

    def _undo_below(self) -> bool:
        """Whether ``u`` undoes a change on the screen this dialog goes back to (the main
        screen, the codebook); over the details or the corpus search it is a letter typed or
        nothing, and the change is undone from the text or the library."""
        stack = self.app.screen_stack
        if len(stack) < 2 or stack[-1] is not self:
            return False
        undo = {key.id for key in keymap.undo_keys()}
        return any(
            isinstance(binding, Binding) and binding.id in undo
            for cls in type(stack[-2]).__mro__
            for binding in cls.__dict__.get("BINDINGS", ())
        )

    def typed(self) -> bool:
        return self.text.strip() != self.initial.strip()

    def typed_draft(self) -> str:
        from tui_reader.core.kept_drafts import memo_line

        if self.subject is None:
            return f"{self.title_text}:\n{self.text}"
        kind, subject = self.subject
        return f"{memo_line(kind.value, subject)}\n{self.title_text}:\n{self.text}"

    def action_cancel(self) -> None:
        self.close_asking("Discard the text typed here?", lambda: self.dismiss(None))
