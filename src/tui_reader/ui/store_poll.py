"""The one poll of the database for changes other processes made (another terminal, the
command line): the app checks every :data:`POLL_SECONDS` and tells every screen.  The same
poll folds the journal into the database file in a worker once changes settle, so the file
alone, copied or committed while the app is open, holds every change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import ModalScreen
from textual.worker import Worker

from tui_reader.core.errors import DatabaseGone, TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.notices import notify_error, notify_info, notify_warning

POLL_SECONDS = 2.0
UNREADABLE = "Database unreadable: annotations not loaded or saved"


class StoreChanged(FieldMessage):
    """The database changed on disk; the store now has ``revision``."""

    revision: int


class StoreUnreadable(FieldMessage):
    """A view could not read the database (another program wrote over it) and did without
    it: the app says ``reason`` once, as the poll says it (:meth:`StorePoll.unreadable`)."""

    reason: str


class StorePoll:
    """Polls ``store`` for ``app``; each screen of the stack gets :class:`StoreChanged`."""

    def __init__(
        self, app: App[Any], store: AnnotationStore, busy: Callable[[], object] = lambda: False
    ) -> None:
        """``busy()``: true while a save of seconds holds the store in a worker (the app's
        :attr:`SaveWaiter.under_way`): the poll looks next time, rather than hold the
        screen until it is written."""
        self.app = app
        self.store = store
        self.busy = busy
        self._revision = store.revision
        self._said: str | None = None  # the problem reading the database said last
        self._folding: Worker[bool] | None = None  # the fold of settled changes, if running
        self._offered = False  # the database gone: writing it back offered (once while gone)

    def start(self) -> None:
        self.store.fold_in_background()  # a save on the UI thread leaves its fold to the poll
        self.app.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        """Look once (the app's timer calls this; tests too, rather than waiting); and say,
        once, a fold a save made that could not keep the state it replaced or could not fold
        the journal in (said on stderr only as the app closed).  A database that cannot be
        read (another program wrote over it) is said once, not at every poll while it
        stays so (a new toast every two seconds, the same words stacked); again if the
        problem changes, or comes back once the file was read again."""
        if self.busy():
            return
        # a worker holding the store (a relink's save of every passage) is not waited for:
        # the screen would wait with it; looked at next time
        with self.store.unless_held() as free:
            if not free:
                return
            warning = self.store.take_fold_warning()
            problem: TuiReaderError | None = None
            try:
                self.store.reload_if_changed()
            except TuiReaderError as exc:
                problem = exc
        if warning is not None:
            notify_warning(self.app, warning, "Database", timeout=10)
        if problem is not None:
            self.unreadable(str(problem))
            if isinstance(problem, DatabaseGone):
                self.offer_write_back()
            return
        self._said = None
        self._offered = False
        if self.store.revision != self._revision:
            self._revision = self.store.revision
            for screen in self.app.screen_stack:
                screen.post_message(StoreChanged(self._revision))
        self.fold_if_settled()

    def fold_if_settled(self) -> None:
        """Once changes settle (none for a few seconds), fold them into the database file in
        a worker: seconds at 100,000 annotations, never on the UI thread, one at a time."""
        if self._folding is not None and not self._folding.is_finished:
            return
        if self.store.settled():
            self._folding = self.app.run_worker(
                self.store.fold_settled, thread=True, group="fold", exit_on_error=False
            )

    def offer_write_back(self) -> None:
        """The database file deleted or moved away while open (an ``rm``, a ``git checkout``,
        a sync): the app holds every change in memory, but refused each new one until the
        file was restored by hand.  Asked once while it stays gone: ``y`` writes it back from
        memory (atomically, the state kept at the last save left as it is); ``n`` leaves it
        to be restored by hand, as the notice says.  Not asked over a dialog (the annotation
        being typed): its keys, an enter among them, would answer the question; asked at the
        first poll after it closes."""
        if self._offered or isinstance(self.app.screen, ModalScreen):
            return
        self._offered = True
        from rich.text import Text

        from tui_reader.ui.screens.confirm import ConfirmScreen

        name = self.store.path.name
        question = Text(
            f"{name} was deleted or moved away while open. Write it back now from what the "
            "app holds (every annotation, code and memo up to the last change saved)? "
            "It is written whole, then put in place; the state kept at the last save is left."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.write_back()

        self.app.push_screen(
            ConfirmScreen(question, "Database gone", yes="write back", no="not now"), answered
        )

    def write_back(self) -> None:
        """Write the database back from memory, and say what came of it."""
        try:
            written = self.store.write_back()
        except TuiReaderError as exc:
            notify_error(self.app, str(exc), "Database not written back")
            return
        self._said = None
        self._offered = False
        name = self.store.path.name
        if written:
            notify_info(self.app, f"{name} written back: changes are saved again", title="Database")
        else:
            notify_info(self.app, f"{name} is there again: read as it is", title="Database")
        self.poll()

    def unreadable(self, reason: str) -> None:
        """Say that the database cannot be read, unless that was the last thing said of it
        (a document opened over a damaged database says it once, and the poll no more)."""
        if reason != self._said:
            self._said = reason
            notify_error(self.app, reason, UNREADABLE)
