"""Saves that wait for another tui-reader's lock in a worker, so the UI never does.

The app's UI thread waits at most :data:`~tui_reader.core.store.lock_wait.UI_WAIT` for the
database's lock.  When another process holds it longer (a stuck tui-reader, a long import), the
save is queued: a worker thread waits until the lock is free and saves then, in the order the
saves were asked for; the user sees "waiting for another tui-reader (pid N)" and can stop
waiting (``ctrl+g``: the waiting changes are then not saved, and the user is told so).  The
result of each save is shown (``then``) on the UI thread once it is saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

from tui_reader.core.errors import LockBusy, LockWaitCancelled, TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.lock_wait import LOCK_WAIT, UI_WAIT, LockWait, holder_text
from tui_reader.ui.notices import notify_error, notify_info, notify_warning

T = TypeVar("T")
Failed = Callable[[TuiReaderError], None]

UI_LOCK_WAIT = LockWait(timeout=UI_WAIT)  # the policy of the app's UI thread


class SaveWaiter:
    """The app's queue of saves waiting for another process's lock (one per app)."""

    def __init__(self, app: App[Any], store: AnnotationStore) -> None:
        self.app = app
        self.store = store
        self.holder: int | None = None
        self._queue: list[tuple[Callable[[], Any], Callable[[Any], None], Failed]] = []
        self._guard = threading.Lock()
        self._cancel = threading.Event()

    @property
    def waiting(self) -> int:
        """How many saves wait for the lock."""
        with self._guard:
            return len(self._queue)

    def run(self, save: Callable[[], T], then: Callable[[T], None], failed: Failed) -> None:
        """``save()`` now and ``then(result)``; when another process holds the lock, both once
        it is free (``failed(error)`` if the save is refused then).  An error of a save made now
        is raised, as ``save`` raised it."""
        with self._guard:
            queued = bool(self._queue)
        if not queued:
            try:
                result = save()
            except LockBusy as busy:
                self.holder = busy.holder
            else:
                then(result)
                return
        self._add(save, then, failed)

    def stop(self) -> None:
        """Stop waiting: the queued saves are dropped (the worker says how many)."""
        if self.waiting:
            self._cancel.set()
        else:
            notify_info(self.app, "No change is waiting to be saved.", timeout=3)

    def _add(self, save: Callable[[], Any], then: Callable[[Any], None], failed: Failed) -> None:
        with self._guard:
            self._queue.append((save, then, failed))
            first = len(self._queue) == 1
        if first:
            notify_warning(
                self.app,
                f"Waiting for {holder_text(self.holder)}, which is changing the database: your "
                "change is saved as soon as it is done. ctrl+g stops waiting (the change is "
                "then not saved).",
                "Waiting to save",
                timeout=8,
            )
            self.app.run_worker(self._work, thread=True, group="save-wait", exit_on_error=False)

    def _work(self) -> None:
        """The worker: wait for the lock, then save each queued change in order."""
        LOCK_WAIT.set(UI_LOCK_WAIT)  # never hold the store's mutex long: the UI reads with it
        while True:
            with self._guard:
                if not self._queue:
                    return
                save, then, failed = self._queue[0]
            try:
                self.store.wait_until_free(LockWait(timeout=None, cancel=self._cancel))
                result = save()
            except LockBusy:
                continue  # taken again before us: wait again
            except LockWaitCancelled:
                with self._guard:
                    dropped, self._queue = len(self._queue), []
                self._cancel.clear()
                self.app.call_from_thread(self._say_dropped, dropped)
                return
            except TuiReaderError as exc:
                self._done()
                self.app.call_from_thread(failed, exc)
                continue
            self._done()
            self.app.call_from_thread(then, result)

    def _done(self) -> None:
        with self._guard:
            self._queue.pop(0)

    def _say_dropped(self, dropped: int) -> None:
        changes = "1 change was" if dropped == 1 else f"{dropped} changes were"
        notify_error(self.app, f"Stopped waiting: {changes} not saved.", "Not saved", timeout=8)


def waiter_of(app: App[Any], store: AnnotationStore) -> SaveWaiter:
    """The app's save waiter (made when first asked for)."""
    waiter = getattr(app, "_save_waiter", None)
    if not isinstance(waiter, SaveWaiter):
        waiter = SaveWaiter(app, store)
        app._save_waiter = waiter  # type: ignore[attr-defined]
    return waiter
