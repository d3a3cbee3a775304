"""Waiting for the database's lock while another process holds it: how long, who holds it,
and a way to stop.

Every change is made under a file lock shared by every tui-reader on the database.  A change
normally waits milliseconds for it; a stuck process (or a long import) can hold it for minutes.
The command line waits up to :data:`~.caller.CLI_WAIT` seconds (``$TUI_READER_LOCK_WAIT``) and says
whom it waits for; the app never
waits on its UI thread more than :data:`UI_WAIT` seconds (a save then waits in a worker the user
can stop).  The policy of the running code is :data:`~.caller.LOCK_WAIT`, a context variable:
each thread, and each asyncio task, has its own.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.core.display import shown
from tui_reader.core.documents.safe_read import LINK_REFUSED
from tui_reader.core.errors import LockBusy, LockHolder, LockWaitCancelled, StoreError
from tui_reader.core.store.caller import LockWait
from tui_reader.core.store.file_lock import FileLock, LockTimeout, written_holder
from tui_reader.core.wording import seconds

UI_WAIT = 0.25  # seconds the app's UI thread may wait before handing the save to a worker
FIRST_TRY = 0.05  # seconds tried before the wait is reported (a normal change takes ms)


def lock_holder(path: Path) -> LockHolder | None:
    """The process holding the lock on the file ``path`` (Linux's /proc/locks lists each flock
    with its holder and the file's device and inode); None when not known.  A tui-reader wrote
    its id in the file as it took the lock (:class:`FileLock`); any other holder is named by
    its program."""
    try:
        st = os.stat(path)
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            lines = locks.read().splitlines()
    except OSError:
        return None
    where = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a waiter on a lock, not its holder
            continue
        if len(fields) >= 6 and fields[5] == where:
            with contextlib.suppress(ValueError):
                pid = int(fields[4])
                if written_holder(path) == pid:
                    return LockHolder(pid)
                return LockHolder(pid, program_of(pid))
    return None


def program_of(pid: int) -> str:
    """The name of the program process ``pid`` runs ("" when the system does not tell)."""
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            return shown(comm.read().strip())
    except OSError:
        return ""


def holder_text(holder: LockHolder | None) -> str:
    """``another tui-reader (pid N)``, or ``another program, flock (pid N)``, as a message
    names the holder."""
    if holder is None:
        return "another tui-reader"
    if holder.program is None:
        return f"another tui-reader (pid {holder.pid})"
    if not holder.program:
        return f"another program (pid {holder.pid})"
    return f"another program, {holder.program} (pid {holder.pid})"


def acquire(lock: FileLock, path: Path, wait: LockWait) -> None:
    """Take ``lock`` (the file ``path``) as ``wait`` says: :class:`LockBusy` when its timeout
    passed, :class:`LockWaitCancelled` when it was cancelled, StoreError when the system
    refuses the lock."""
    try:
        try:
            first = FIRST_TRY if wait.timeout is None else min(FIRST_TRY, wait.timeout)
            lock.acquire(timeout=first, poll_interval=0.002)
            return
        except LockTimeout:
            pass
        holder = lock_holder(path)
        if wait.report is not None:
            wait.report(holder)
        started = time.monotonic()
        while True:
            if wait.cancel is not None and wait.cancel.is_set():
                raise LockWaitCancelled(
                    f"stopped waiting for {holder_text(holder)}; nothing was saved"
                )
            waited = time.monotonic() - started + FIRST_TRY
            if wait.timeout is not None and waited >= wait.timeout:
                held = (
                    f"has held the database's lock for {seconds(waited)}"
                    if waited >= 1
                    else ("holds the database's lock")
                )
                raise LockBusy(
                    f"{path}: {holder_text(holder)} {held}; nothing was saved (try again when "
                    "it is done"
                    + ("" if holder is None else f", or end process {holder.pid} if it is stuck")
                    + ")",
                    holder,
                )
            step = 0.1 if wait.timeout is None else min(0.1, wait.timeout - waited + 0.001)
            try:
                lock.acquire(timeout=max(step, 0.001), poll_interval=0.01)
                return
            except LockTimeout:
                continue
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):  # made a link while open
            raise StoreError(f"{path}: {LINK_REFUSED}; nothing was saved") from None
        raise StoreError(f"{path}: cannot lock ({exc.strerror})") from exc


def wait_until_free(
    try_lock: Callable[[], contextlib.AbstractContextManager[None]], wait: LockWait
) -> None:
    """Try the lock (``try_lock`` takes it briefly or raises :class:`LockBusy`) until it is
    free, holding nothing between tries, as ``wait`` says: :class:`LockBusy` at its timeout,
    :class:`LockWaitCancelled` when cancelled; the holder is reported once."""
    started = time.monotonic()
    reported = False
    while True:
        try:
            with try_lock():
                return
        except LockBusy as busy:
            if not reported and wait.report is not None:
                wait.report(busy.holder)
                reported = True
            if wait.cancel is not None and wait.cancel.is_set():
                raise LockWaitCancelled(
                    f"stopped waiting for {holder_text(busy.holder)}; nothing was saved"
                ) from busy
            if wait.timeout is not None and time.monotonic() - started >= wait.timeout:
                raise
        time.sleep(0.05)
