"""Who runs the code that changes the database, and how it waits for the database's lock:
context variables (each thread, and each asyncio task, has its own) that the command line and
the app set and the store reads.  Apart from the store, so that setting them loads nothing: a
command that never opens the database (``search``) starts without the store's modules."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING

from tui_reader.core.frozen_value import FrozenValue
from tui_reader.locations import DEFAULT_LOCK_WAIT

if TYPE_CHECKING:
    from tui_reader.core.errors import LockHolder

CLI_WAIT = DEFAULT_LOCK_WAIT  # seconds a command waits (``$TUI_READER_LOCK_WAIT``)


class LockWait(FrozenValue):
    """How to wait for the lock: ``timeout`` seconds (None: until ``cancel`` is set); ``report``
    is told the holder (None: unknown) once, when a wait begins."""

    __slots__ = ("cancel", "report", "timeout")
    timeout: float | None
    cancel: threading.Event | None
    report: Callable[[LockHolder | None], None] | None

    def __init__(
        self,
        timeout: float | None = CLI_WAIT,
        cancel: threading.Event | None = None,
        report: Callable[[LockHolder | None], None] | None = None,
    ) -> None:
        self._set(timeout=timeout, cancel=cancel, report=report)


# The policy of the running code (see :mod:`tui_reader.core.store.lock_wait`).
LOCK_WAIT: ContextVar[LockWait] = ContextVar("LOCK_WAIT", default=LockWait())  # noqa: B039 (frozen)

# Who makes the changes, shown by `tui-reader history`: the command line sets it to the command;
# the app's steps name their key instead.
ORIGIN: ContextVar[str] = ContextVar("history_origin", default="app")
# The app's options that take a value, which a command may be given before its name as well
# (``tui-reader --db X export``, as ``git -C DIR log``): its origin then begins with them.
APP_OPTIONS = ("--corpus", "--db", "--measure", "--coder")

# Whether what the store reads lives until the process ends: the console script sets it for a
# command (the process ends with it).  Each table parsed is then frozen out of the cyclic
# collector's passes (``gc.freeze``): 100,000 records are not walked again and again by them.
READS_LIVE_TO_EXIT: ContextVar[bool] = ContextVar("reads_live_to_exit", default=False)

# Whether a change was saved to a database (a journal line written) in this context: a
# command whose output then cannot be written says so, its exit 2 no "nothing done".
SAVED: ContextVar[bool] = ContextVar("changes_saved", default=False)

# Whether the running code is a command, which may share a long reading of many files with a
# forked copy of itself (see :mod:`tui_reader.core.forked`); never the app, whose threads a
# copy would not have.
FORKING: ContextVar[bool] = ContextVar("forking", default=False)
