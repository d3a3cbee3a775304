"""Reading positions: the one place that writes where reading stopped in a document.

The caret's offset is saved once it has been still for :data:`SAVE_DELAY` seconds, when
another document is shown, and when the app quits (then, unmoved too, the place in the
document open, once another was shown since the start, when the store does not have it as
read last: the next start opens it); never for the preview of a big file (its offsets are
the document's, but it is not what the user opened yet).  A failure to save is said once,
and saving stops (a read-only database); at quit it is tried once more, and a failure then
is kept for the command to say once the terminal is back (a notification shown as the app
closes is never seen).
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widget import Widget

from tui_reader.core.documents.named_marks import NamedMark
from tui_reader.core.errors import LockBusy, TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.lock_wait import holder_text
from tui_reader.ui.notices import notify_warning

SAVE_DELAY = 1.5  # seconds of stillness before the reading position is written


class ReadingPositions:
    """Saves reading positions to ``store``; ``owner`` runs the timer and shows failures."""

    def __init__(self, owner: Widget, store: AnnotationStore) -> None:
        self.owner = owner
        self.store = store
        self.saved: dict[str, int] = {}  # what the store holds, as far as we know
        self._timer: Timer | None = None
        self._failed = False
        # Why the position at quit was not saved (said by the command after the app)
        self.unsaved: str | None = None
        # The named marks (m letter) by document key: read from the store at the first open,
        # then kept here as set, each with the words around it in the text it was set in.
        self._marks: dict[str, dict[str, NamedMark]] = {}
        self._first: str | None = None  # the document shown first (the one the app opened)
        self._another = False  # whether a document other than the first was shown since

    def known(self, key: str, caret: int) -> None:
        """``caret`` is where ``key`` opened: nothing to save until it moves."""
        self.saved[key] = caret
        if self._first is None:
            self._first = key
        elif key != self._first:
            self._another = True

    def moved(self, save: object) -> None:
        """The caret moved: ``save()`` after :data:`SAVE_DELAY` seconds of stillness."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(SAVE_DELAY, save)  # type: ignore[arg-type]

    def save(self, key: str, caret: int, text_sha256: str = "", *, quitting: bool = False) -> bool:
        """Write ``caret`` for ``key`` unless the store has it; True when written.
        ``text_sha256``: the hash of the text read, kept with it (a file moved with no
        annotation is found by it, its memo and attributes following).  ``quitting``: the
        app is closing; tried even after a failure, and one now kept in :attr:`unsaved`."""
        if self._failed and not quitting:
            return False
        if self.saved.get(key) == caret and not (quitting and self._opened_unsaved(key)):
            return False
        try:
            self.store.set_reading_position(key, caret, text_sha256)
        except LockBusy as exc:
            if quitting:  # no next move: the place read is lost
                self.unsaved = f"{key}: the reading position was not saved: {exc}"
            return False  # another process is writing: saved at the next move
        except TuiReaderError as exc:
            self._failed = True
            if quitting:
                self.unsaved = f"{key}: the reading position was not saved: {exc}"
            else:
                notify_warning(self.owner, str(exc), "Reading position not saved")
            return False
        self.saved[key] = caret
        return True

    def _opened_unsaved(self, key: str) -> bool:
        """Whether ``key``, open as the app quits, was opened since it started (the first
        document too, gone back to from another) and is not the document the store says was
        read last: its place, unmoved, is written all the same, for the next start to open it
        (a document opened and left at its top, or taken back there before the save's delay,
        gave the one read before it; the first, gone back to unmoved, the one read between)."""
        try:
            return self._another and self.store.last_read() != key
        except TuiReaderError:
            return False

    def marks_in(self, key: str, text: str) -> dict[str, int]:
        """The named marks of ``key``, by letter, placed in ``text`` (the text of its file,
        edited or not since they were set)."""
        return {letter: mark.placed_in(text) for letter, mark in self._kept_marks(key).items()}

    def set_mark(self, key: str, letter: str, text: str, offset: int) -> None:
        """``m`` ``letter`` at ``offset`` of ``text`` (the document ``key``'s): kept for the
        next start, and for the text of its file once edited."""
        mark = NamedMark.taken(text, offset)
        self._kept_marks(key)[letter] = mark
        try:
            self.store.set_named_mark(key, letter, mark)
        except TuiReaderError as exc:  # another process writing, a read-only database
            if isinstance(exc, LockBusy):
                reason = f"{holder_text(exc.holder)} is writing"
            else:
                reason = str(exc)
            notify_warning(
                self.owner, f"Mark '{letter}' is set for now, not kept for the next start: {reason}"
            )

    def _kept_marks(self, key: str) -> dict[str, NamedMark]:
        kept = self._marks.get(key)
        if kept is None:
            try:
                kept = self.store.named_marks(key)
            except TuiReaderError:
                kept = {}
            self._marks[key] = kept
        return kept
