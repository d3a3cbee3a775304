"""Reading positions: the one place that writes where reading stopped in a document.

The caret's offset is saved once it has been still for :data:`SAVE_DELAY` seconds, when
another document is shown, and when the app quits; never for the preview of a big file
(its offsets are the document's, but it is not what the user opened yet).  A failure to
save is said once, and saving stops (a read-only database).
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widget import Widget

from tui_reader.core.errors import LockBusy, TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
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

    def known(self, key: str, caret: int) -> None:
        """``caret`` is where ``key`` opened: nothing to save until it moves."""
        self.saved[key] = caret

    def moved(self, save: object) -> None:
        """The caret moved: ``save()`` after :data:`SAVE_DELAY` seconds of stillness."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(SAVE_DELAY, save)  # type: ignore[arg-type]

    def save(self, key: str, caret: int) -> bool:
        """Write ``caret`` for ``key`` unless the store has it; True when written."""
        if self._failed or self.saved.get(key) == caret:
            return False
        try:
            self.store.set_reading_position(key, caret)
        except LockBusy:
            return False  # another tui-reader is writing: saved at the next move
        except TuiReaderError as exc:
            self._failed = True
            notify_warning(self.owner, str(exc), "Reading position not saved")
            return False
        self.saved[key] = caret
        return True
