"""The database's lock between processes: an exclusive ``flock`` on ``annotations.json.lock``.

On a POSIX system it is taken here, with ``fcntl.flock`` (what the file-lock library does there);
elsewhere through that library.  Measured: the library's import was ~12 ms of a first screen's
CPU and ~2 MiB of memory for this one call.  Reentrant: taken again by its holder (a fold inside
a change), it is released when every taking is.  Not shared between threads: the journal's
mutex already is (``JournaledTables.locked``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # not POSIX: the file-lock library's lock (loaded when first taken)
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from filelock import BaseFileLock


_NO_WAIT_NO_LINK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)  # (not Windows)


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


class FileLock:
    """An exclusive lock on the file ``path`` (made if missing), shared with other processes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self._held = 0
        self._other: BaseFileLock | None = None  # the library's lock, where fcntl is missing

    @property
    def is_locked(self) -> bool:
        return self._held > 0

    def acquire(self, timeout: float, poll_interval: float = 0.01) -> None:
        """Take the lock, trying every ``poll_interval`` seconds for up to ``timeout``;
        :class:`LockTimeout` when another process held it all along, OSError when the system
        refuses it."""
        if self._held:
            self._held += 1
            return
        if fcntl is None:
            self._acquire_elsewhere(timeout, poll_interval)
        else:
            self._fd = self._flock(timeout, poll_interval)
        self._held = 1

    def _flock(self, timeout: float, poll_interval: float) -> int:
        deadline = time.monotonic() + timeout
        while True:
            # never through a symbolic link put in its place (ELOOP): what it led to was
            # written over with the id below; nor waiting on a FIFO there
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NO_WAIT_NO_LINK, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise LockTimeout(self.path) from None
                time.sleep(poll_interval)
                continue
            except BaseException:
                os.close(fd)
                raise
            # Its id in the file, which says whom a process waiting for it waits for (a
            # tui-reader, not another program holding it); the lock holds without it.
            with contextlib.suppress(OSError):
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return fd  # (a FIFO, a device put there: not written)
                written = b"%d\n" % os.getpid()
                os.pwrite(fd, written, 0)
                os.ftruncate(fd, len(written))
            return fd

    def _acquire_elsewhere(self, timeout: float, poll_interval: float) -> None:
        import filelock

        if self._other is None:
            self._other = filelock.FileLock(self.path, thread_local=False)
        try:
            self._other.acquire(timeout=timeout, poll_interval=poll_interval)
        except filelock.Timeout:
            raise LockTimeout(self.path) from None

    def release(self) -> None:
        """Give back one taking; the lock itself with the last."""
        if self._held == 0:
            return
        self._held -= 1
        if self._held:
            return
        if self._other is not None:
            self._other.release()
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


def written_holder(path: str | os.PathLike[str]) -> int | None:
    """The process id the last tui-reader to take the lock ``path`` wrote in it (None: none)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NO_WAIT_NO_LINK)  # (a FIFO put there: not waited on)
        try:
            first = os.read(fd, 32).split(b"\n", 1)[0]
        finally:
            os.close(fd)
        return int(first)
    except (OSError, ValueError):
        return None


class OpenMark:
    """This process has the database open: a shared ``flock`` on ``path``
    (``annotations.json.open``), held until :meth:`last_out`, which says whether any other
    process still holds it.  The last process to close folds the journal; the others leave
    it (a fold rewrites the whole file: seconds at 100,000 annotations, for a command run
    beside the app).  Where this cannot be told (no ``fcntl``, the file refused), every
    process counts as the last, as before."""

    def __init__(self, path: str) -> None:
        self._fd: int | None = None
        self._path = path
        self._made = False  # made here (none was there): removed again if the open fails
        if fcntl is None:
            return
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            self._made = True
        except FileExistsError:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return
        except OSError:
            return
        try:  # (held exclusively only for the instant a closing process looks)
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def abandon(self) -> None:
        """Let go of the mark of a database that could not be opened (not one: a document
        named by --db, a damaged file), removing the file made for it when no other process
        holds it: it was left beside the file named ("interview.txt.open" in the corpus)."""
        if self.last_out() and self._made:
            with contextlib.suppress(OSError):
                os.unlink(self._path)

    def last_out(self) -> bool:
        """Let go of the mark; True unless another process holds it still."""
        fd, self._fd = self._fd, None
        if fd is None:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # another process has the database open: it folds, later
            except OSError:
                return True
            fcntl.flock(fd, fcntl.LOCK_UN)
            return True
        finally:
            os.close(fd)
