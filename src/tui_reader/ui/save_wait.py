"""Saves that wait for another tui-reader's lock in a worker, so the UI never does.

The app's UI thread waits at most :data:`~tui_reader.core.store.lock_wait.UI_WAIT` for the
database's lock.  When another process holds it longer (a stuck tui-reader, a long import), the
save is queued: a worker thread waits until the lock is free and saves then, in the order the
saves were asked for; the user sees "waiting for another tui-reader (pid N)" and can stop
waiting (``ctrl+g``: the waiting changes are then not saved, and the user is told so).  The
result of each save is shown (``then``) on the UI thread once it is saved.

A save of seconds (a code on 19,000 passages renamed: ``long``) is written by the same worker,
in its turn, the screen live meanwhile: :attr:`SaveWaiter.under_way` says what is being
written (the UI thread reads nothing from the store then: it would wait for the worker's hold
on it), ``ctrl+g`` does not stop it, and quitting waits for it (:meth:`SaveWaiter.when_saved`).

Every save the app makes goes through the app's one :class:`SaveWaiter` (``saves_of(app)``):
the reading pane's keys directly, the codebook's, memos' and attributes' dialogs through
:class:`Saving` and :meth:`~tui_reader.ui.screens.dialog.Dialog.save_typed`, which keep what
was typed in the dialog until it is saved (or, when the user stops waiting, there to save
again).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, ParamSpec, TypeVar

from textual.app import App

from tui_reader.core.errors import LockBusy, LockHolder, LockWaitCancelled, TuiReaderError
from tui_reader.core.frozen_value import FrozenValue
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import LOCK_WAIT, LockWait
from tui_reader.core.store.lock_wait import UI_WAIT, holder_text
from tui_reader.ui.notices import Said, notify_error, notify_info, notify_warning

T = TypeVar("T")
P = ParamSpec("P")
Failed = Callable[[TuiReaderError], None]
Dropped = Callable[[], None]
# What a change made by a key (no dialog keeping it) is, kept as a draft when it is dropped
# as the app ends (SaveWaiter.drafts_dropped): the draft's text and the key of the
# document it was made on (None: none).
Draft = tuple[str, str | None] | None
# (the save, then, failed, dropped, long, and its draft: see SaveWaiter.run)
Queued = tuple[Callable[[], Any], Callable[[Any], None], Failed, Dropped | None, str, Draft]

UI_LOCK_WAIT = LockWait(timeout=UI_WAIT)  # the policy of the app's UI thread


def _nothing(_: object) -> None:
    return None


def _as_it_is(error: TuiReaderError) -> TuiReaderError:
    return error


class Saving(FrozenValue, Generic[T]):
    """A save a dialog asks for: ``work()`` writes (on the UI thread, or in the waiter's
    worker while another process holds the lock), ``then(result)`` shows what was saved (on
    the UI thread); ``refused(error)`` is told when the store refuses it and gives the error
    to show (it may show a newer version first); ``long``: what the save does, said on
    screen before it starts when it takes seconds ("Renaming fear in 19,059 passages…": the
    screen froze for as long, nothing said), ``""`` for a save made at once."""

    __slots__ = ("long", "refused", "then", "work")
    work: Callable[[], T]
    then: Callable[[T], None]
    refused: Callable[[TuiReaderError], TuiReaderError]
    long: str

    def __init__(
        self,
        work: Callable[[], T],
        then: Callable[[T], None] = _nothing,
        refused: Callable[[TuiReaderError], TuiReaderError] = _as_it_is,
        long: str = "",
    ) -> None:
        self._set(work=work, then=then, refused=refused, long=long)


class SaveWaiter:
    """The app's queue of saves waiting for another process's lock (one per app)."""

    def __init__(self, app: App[Any], store: AnnotationStore) -> None:
        self.app = app
        self.store = store
        self.holder: LockHolder | None = None
        self._queue: list[Queued] = []
        self._guard = threading.Lock()
        self._cancel = threading.Event()
        # "Waiting to save", taken back once the wait is over (the saves landed or dropped):
        # left to its time out, it said a change waits for another program after it was saved.
        self._said = Said()
        # What the long save being written does ("Renaming fear in 19,059 passages…"), ""
        # when none is: set on the UI thread as it is queued, "" once written (the worker).
        self.under_way = ""
        self._when_saved: list[Callable[[bool], object]] = []
        self._all_saved = True  # no save refused or dropped since the queue was last empty
        self._long_ended = threading.Event()  # see long_refusal
        self._long_ended.set()
        self._long_refusal: str | None = None
        self._giving_up = False  # the app is ending: see give_up_after
        self.said_at_exit: list[str] = []  # the saves it dropped then, said once it has ended
        self.drafts_dropped: list[tuple[str, str | None]] = []  # their drafts: kept at exit

    @property
    def waiting(self) -> int:
        """How many saves wait for the lock."""
        with self._guard:
            return len(self._queue)

    def run(
        self,
        save: Callable[[], T],
        then: Callable[[T], None],
        failed: Failed,
        dropped: Dropped | None = None,
        *,
        long: str = "",
        draft: Draft = None,
    ) -> bool:
        """``save()`` now and ``then(result)`` (True); when another process holds the lock,
        both once it is free (False: queued; ``failed(error)`` if the save is refused then,
        ``dropped()`` if the user stops waiting).  An error of a save made now is raised, as
        ``save`` raised it.  A ``long`` save (what it does, said while it is written) is
        always queued: written by the worker, the screen live.  Every callback runs on the
        UI thread.  ``draft``: what the change is, as the next start offers it back (a
        change made by a key, no dialog keeping it), kept when it is dropped as the app ends
        (:meth:`give_up_after`)."""
        with self._guard:
            queued = bool(self._queue)
        if not queued and not long:
            try:
                result = save()
            except LockBusy as busy:
                self.holder = busy.holder
            else:
                then(result)
                return True
        if long:
            self.under_way = long  # before the worker can hold the store
            self._long_ended.clear()
        self._add((save, then, failed, dropped, long, draft))
        return False

    def when_saved(self, then: Callable[[bool], object]) -> None:
        """``then(saved)`` on the UI thread once no save is queued or under way (at once when
        none is): ``saved`` is False when one was refused or dropped meanwhile."""
        with self._guard:
            if self._queue:
                self._when_saved.append(then)
                return
        then(True)

    def refusing(self) -> bool:
        """True (and said) while a save of seconds is written: an action reading the store
        it holds would hold the screen until it is written."""
        if self.under_way:
            notify_warning(
                self.app, f"Still saving: {self.under_way} (ctrl+q quits once it is saved)",
                "Saving", timeout=4,
            )  # fmt: skip
        return bool(self.under_way)

    def stop(self) -> None:
        """Stop waiting: the queued saves are dropped (the worker says how many).  A long save
        being written is not stopped: it is said so."""
        if self.under_way:
            notify_warning(
                self.app,
                f"Not stopped: {self.under_way} It is saved in a few seconds (every change "
                "is written whole or not at all).",
                "Saving",
                timeout=6,
            )
            return
        if self.waiting:
            self._cancel.set()
        else:
            notify_info(self.app, "No change is waiting to be saved.", timeout=3)

    def give_up_after(self, seconds: float, why: str) -> None:
        """The app is ending unasked (a signal, its terminal maybe gone): the saves queued
        wait for the lock ``seconds`` more at most, then are dropped, said at exit
        (:attr:`said_at_exit`, with ``why``; what a dialog held typed is kept as a draft, and
        so is what a change made by a key was: :attr:`drafts_dropped`).
        Waiting until the user stopped the wait, the process outlived its terminal for as
        long as another program held the lock (a stuck tui-reader: for good).  A long save
        being written is not stopped: it ends in seconds."""
        self._giving_up = True
        self._why_given_up = why
        if not self.waiting:
            return
        timer = threading.Timer(seconds, self._cancel.set)
        timer.daemon = True
        timer.start()

    _why_given_up = ""

    def _tell(self, callback: Callable[..., object], *args: object) -> None:
        """``callback(*args)`` on the UI thread, unless the app is ending (:meth:`give_up_after`)
        or has ended: nothing is left there to tell."""
        if not self._giving_up and self.app.is_running:
            self.app.call_from_thread(callback, *args)

    def _add(self, queued: Queued) -> None:
        with self._guard:
            self._queue.append(queued)
            first = len(self._queue) == 1
        if first:
            self._all_saved = True
        if first and not queued[4]:  # (a long save is said where it was asked for)
            self._said.warn(
                self.app,
                f"Waiting for {holder_text(self.holder)}, which is changing the database: your "
                "change is saved as soon as it is done. ctrl+g stops waiting (the change is "
                "then not saved; a dialog keeps what was typed).",
                "Waiting to save",
                timeout=8,
            )
        if first:
            self.app.run_worker(self._work, thread=True, group="save-wait", exit_on_error=False)

    def _work(self) -> None:
        """The worker: wait for the lock, then save each queued change in order."""
        LOCK_WAIT.set(UI_LOCK_WAIT)  # never hold the store's mutex long: the UI reads with it
        while True:
            with self._guard:
                over = not self._queue
                if not over:
                    save, then, failed, _, long, _ = self._queue[0]
            if over:
                self._tell(self._wait_over)  # (not holding the guard it takes)
                return
            try:
                self.store.wait_until_free(LockWait(timeout=None, cancel=self._cancel))
                result = save()
            except LockBusy:
                continue  # taken again before us: wait again
            except LockWaitCancelled:
                with self._guard:
                    dropped, self._queue = self._queue, []
                self._cancel.clear()
                self._long_over(long, "the wait to save was stopped")
                if self._giving_up:
                    changes = "1 change" if len(dropped) == 1 else f"{len(dropped)} changes"
                    self.said_at_exit.append(
                        f"{changes} waiting for {holder_text(self.holder)} not saved "
                        f"({self._why_given_up})"
                    )
                    self.drafts_dropped += [queued[5] for queued in dropped if queued[5]]
                self._tell(self._say_dropped, dropped)
                return
            except TuiReaderError as exc:
                self._long_over(long, str(exc))  # (the store let go of: the UI may read it)
                self._done()
                self._tell(self._refused(failed), exc)
                continue
            except Exception as bug:  # the app stops on it, as on one met on its own thread
                self._long_over(long, "the app met an error saving it")
                self._done()
                self._tell(self.app._handle_exception, bug)
                return
            self._long_over(long, None)
            self._done()
            self._tell(then, result)

    def _long_over(self, long: str, refusal: str | None) -> None:
        """A save (``long``: of seconds) is over: nothing is under way, and how the last long
        one ended is known (:meth:`long_refusal`)."""
        self.under_way = ""
        if long:
            self._long_refusal = refusal
            self._long_ended.set()

    def long_refusal(self, timeout: float = 120.0) -> str | None:
        """Once the long save last asked for is over (waited for up to ``timeout`` seconds:
        the app has ended, the process waits for the store anyway), why it was not saved;
        None when it was (or none was asked for).  The dialog it was typed in is gone: what
        was typed is kept when it was not saved."""
        if not self._long_ended.wait(timeout):
            return f"it was still being saved after {timeout:.0f} s"
        return self._long_refusal

    def _wait_over(self) -> None:
        """Every queued save landed: the notice that they wait is taken back (unless a new
        save queued meanwhile waits in its turn), and those waiting for it told."""
        if self.waiting:
            return
        self._said.take_back(self.app)
        told, self._when_saved = self._when_saved, []
        for then in told:
            then(self._all_saved)

    def _done(self) -> None:
        with self._guard:
            self._queue.pop(0)

    def _refused(self, failed: Failed) -> Failed:
        def refused(error: TuiReaderError) -> None:
            self._all_saved = False
            failed(error)

        return refused

    def _say_dropped(self, dropped: list[Queued]) -> None:
        self._all_saved = False
        self._wait_over()  # (told before the dialogs take back what they held)
        changes = "1 change was" if len(dropped) == 1 else f"{len(dropped)} changes were"
        notify_error(self.app, f"Stopped waiting: {changes} not saved.", "Not saved", timeout=8)
        for _, _, _, told, _, _ in dropped:
            if told is not None:
                told()  # a dialog keeps what was typed, to save again


def workers_wait_as_the_ui() -> None:
    """Every worker thread of the running app waits for the lock as its UI thread does (the
    loop's executor starts its threads with that policy).  A worker that writes (re-anchored
    positions it saves, a save waiting here) holds the store's in-process mutex while it waits
    for the lock, and the UI thread reads the store with that mutex: a worker waiting 30 s for
    another process would freeze the UI for as long.  Such a worker's save fails at once
    instead (positions are saved next time; a save waits here, holding nothing)."""
    asyncio.get_running_loop().set_default_executor(
        WorkerThreads(
            thread_name_prefix="tui-reader-worker",
            initializer=LOCK_WAIT.set,
            initargs=(UI_LOCK_WAIT,),
        )
    )


class WorkerThreads(ThreadPoolExecutor):
    """The app's worker threads, each task run in a copy of its thread's context (the lock
    policy set as the thread started), which ends with the task.  Textual sets the worker it
    runs (``active_worker``) in the context of the thread that runs it and never unsets it: an
    idle thread kept the last worker it ran, its result (a search's hits, a document's text)
    and its work (a bound method: its widget), until that thread ran another."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        return super().submit(_in_a_context_of_its_own, fn, *args, **kwargs)


def _in_a_context_of_its_own(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    return contextvars.copy_context().run(fn, *args, **kwargs)


def saves_of(app: App[Any]) -> SaveWaiter:
    """The app's one save waiter (the app makes it with its store)."""
    waiter = getattr(app, "saves", None)
    if not isinstance(waiter, SaveWaiter):
        raise TypeError(f"{type(app).__name__} has no SaveWaiter: saves need the reader app")
    return waiter
