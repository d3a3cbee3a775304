"""Durable file operations the journal is built from: an atomic replace, a synced append, a
directory entry made durable, and the cheap stat that tells whether a file changed.

Each either completes durably or raises (``OSError``, or :class:`StoreError` naming the file);
none leaves a half-written file where a reader looks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from tui_reader.core.documents.safe_read import LINK_REFUSED, file_kind, special_file_problem
from tui_reader.core.errors import StoreError

StatKey = tuple[int, int, int]  # inode, size, mtime (ns): changes when the file does


class NotRegularFile(OSError):
    """A file of ours found to be no regular file (a FIFO, a device, a folder put in its
    place while it was open): its ``strerror`` says what it is."""


def open_regular(path: Path, flags: int, mode: int = 0o644) -> int:
    """``path`` opened with ``flags`` (``os.open``), never waiting on a FIFO put in its place
    (O_NONBLOCK: opening one waits for its other end for ever, and the app with it, every
    key unanswered), nor through a symbolic link put there (O_NOFOLLOW);
    :class:`NotRegularFile` when it is no regular file, or a link.  The database and its
    journal are refused so at start; one made a FIFO, a link to ``/dev/zero`` or a folder
    while the app ran hung it, or was read as damaged JSON, and one made a link to another
    file had that file read as the database, or cut and written as the journal."""
    try:
        fd = os.open(path, flags | _NO_WAIT_NO_LINK, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):
            raise NotRegularFile(errno.ELOOP, LINK_REFUSED) from None
        raise
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise NotRegularFile(errno.EINVAL, f"is {file_kind(kind)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


_NO_WAIT_NO_LINK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)  # (not Windows)


def cut_at(path: Path, size: int) -> None:
    """Cut the regular file ``path`` to ``size`` bytes, never through a symbolic link put in
    its place (the file it leads to was cut: :func:`open_regular`'s errors)."""
    fd = open_regular(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, size)
    finally:
        os.close(fd)


def stat_key(path: Path) -> StatKey | None:
    """The file's :data:`StatKey`, or ``None`` when there is no file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def datasync(fd: int) -> None:
    """fdatasync where the platform has it (Linux), else fsync (macOS, Windows)."""
    sync = getattr(os, "fdatasync", None) or os.fsync
    sync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; Windows has no such call)."""
    if os.name != "nt":
        _fsync_path(folder, os.O_RDONLY)


def _fsync_path(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, *parts: bytes) -> None:
    """Write every byte of ``parts``, one after the other (``os.write`` may write less), and
    sync them."""
    for data in parts:
        view, written = memoryview(data), 0
        while written < len(data):
            written += os.write(fd, view[written:])
    datasync(fd)


def append_synced(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path`` (created when missing) and fsync it; ``OSError`` on failure."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_complete_lines(source: Path, offset: int, target: Path) -> int:
    """Append the complete lines of ``source`` from byte ``offset`` on (not a last line
    without its newline) to ``target``, synced; an unreadable source copies nothing.  How
    many bytes were copied.  :class:`StoreError` when ``target`` is not a regular file (a
    link, a device, a FIFO).  They are copied a part at a time: a journal of 64 MB of
    damaged lines was read whole, then copied again to be written."""
    with contextlib.ExitStack() as stack:
        try:
            handle = stack.enter_context(open(source, "rb"))
            end = _last_line_end(handle, offset)
        except OSError:
            return 0
        if end <= offset:
            return 0
        problem = special_file_problem(target)
        if problem is not None:
            raise StoreError(f"{target}: {problem}; the journal was left as it is")
        fd = open_regular(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            handle.seek(offset)
            copied = 0
            while copied < end - offset:
                part = handle.read(min(_PART, end - offset - copied))
                if not part:
                    break  # cut meanwhile
                view = memoryview(part)
                while view:
                    view = view[os.write(fd, view) :]
                copied += len(part)
            os.fsync(fd)
        finally:
            os.close(fd)
    return copied


_PART = 1 << 20  # bytes read and written at a time


def _last_line_end(handle: BinaryIO, offset: int) -> int:
    """Where the last complete line of the open file ends (after its newline), looked for
    from the file's end back to ``offset``; ``offset`` when no newline is past it."""
    end = os.fstat(handle.fileno()).st_size
    while end > offset:
        start = max(offset, end - _PART)
        handle.seek(start)
        newline = handle.read(end - start).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        end = start
    return offset


def empty_synced(path: Path) -> None:
    """Truncate ``path`` to nothing, durably (a missing file is left missing); never through
    a symbolic link put in its place (:func:`open_regular`'s errors)."""
    try:
        fd = open_regular(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        os.ftruncate(fd, 0)
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomically(path: Path, data: bytes | Sequence[bytes | memoryview]) -> StatKey:
    """Make ``data`` (or its parts, one after the other: a 100 MB database is not joined in
    memory first) the whole content of ``path``: a synced temp file renamed over it (so a
    reader sees the old or the new file, never part of one), keeping the file's mode.
    Returns the new file's :data:`StatKey`; :class:`StoreError` when it could not be saved."""
    return put_in_place(written_beside(path, data), path)


def written_beside(path: Path, data: bytes | Sequence[bytes | memoryview]) -> Path:
    """A synced temp file beside ``path`` holding ``data`` (its parts one after the other),
    for :func:`put_in_place`; :class:`StoreError` when it could not be written (none is
    left)."""
    tmp = temp_beside(path)
    try:
        with open(tmp, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _being_written.discard(tmp.name)
        raise StoreError(f"{path}: could not save ({exc.strerror})") from exc
    return tmp


# The names of the temp files this process made and has not put in place or removed yet:
# its own, which are not a killed save's (see remove_stale_temp_files).
_being_written: set[str] = set()


def temp_beside(path: Path) -> Path:
    """A new temp file's name beside ``path``: hidden, named after it and this process
    (``.annotations.json.<pid>-<random>.tmp``), kept as this process's until
    :func:`done_with` it."""
    # os.urandom, as secrets.token_hex does (whose import, hmac and OpenSSL, is ~5 ms of a start)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    _being_written.add(tmp.name)
    return tmp


def done_with(tmp: Path) -> None:
    """``tmp`` (:func:`temp_beside`) put in place or removed: no longer this process's."""
    _being_written.discard(tmp.name)


def put_in_place(tmp: Path, path: Path) -> StatKey:
    """Rename the temp file ``tmp`` (:func:`written_beside`) over ``path``, durably, with
    ``path``'s mode; its :data:`StatKey`.  :class:`StoreError` when it could not (``tmp`` is
    removed)."""
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
        done_with(tmp)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        done_with(tmp)
        raise StoreError(f"{path}: could not save ({exc.strerror})") from exc
    st = os.stat(path)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def keep_previous(
    path: Path, journal: Path, previous: Path, previous_journal: Path
) -> OSError | None:
    """Before a fold replaces ``path``: keep it (a second name, no copy) and a copy of the
    ``journal`` it folds as ``previous`` and ``previous_journal``, which together hold what the
    fold writes.  A snapshot of no bytes (emptied by a '>' into it) keeps the state kept before
    it.  Best effort: a fold does not fail for this (both are removed when one could not be
    made, so the two never disagree); the error met making them is returned, for the caller
    to say (``previous`` a folder, or not writable: the last state was kept without a word)."""
    try:
        if os.stat(path).st_size == 0:
            return None
        with open(journal, "rb") as handle:
            folded = handle.read()
    except FileNotFoundError:
        folded = b""
    except OSError as exc:
        return exc
    # Not synced: a copy for the day the database is emptied, not what the fold stands on (a
    # crash meanwhile leaves an older state there, or none).
    tmp = temp_beside(previous)
    try:
        with open(tmp, "wb") as handle:
            handle.write(folded)
        os.replace(tmp, previous_journal)
        try:
            os.link(path, tmp)
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            # a file system without hard links (a USB stick's FAT or exFAT, a Windows share):
            # the last state was never kept there, its loss said at every fold; a copy keeps it
            _copy(path, tmp)
        os.replace(tmp, previous)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        for made in (previous, previous_journal):
            with contextlib.suppress(OSError):
                made.unlink()
        return exc
    finally:
        done_with(tmp)
    return None


# What os.link meets on a file system that has no hard links.
_NO_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}
)


def _copy(source: Path, target: Path) -> None:
    """``source``'s bytes into the new file ``target`` (not synced: see :func:`keep_previous`),
    a piece at a time (a database of 100 MB is never held whole)."""
    import shutil  # only where a file system has no hard links

    with open(source, "rb") as reading, open(target, "xb") as writing:
        shutil.copyfileobj(reading, writing, 1 << 20)


def stale_temp_files(path: Path) -> list[Path]:
    """The temp files beside ``path`` that saves killed half-way left (``kill -9`` during a
    fold: a hidden file the database's size): those of :func:`temp_beside` named after a
    process that has ended, or after this one but not among those it is writing.  Never
    another live process's: one folds aside, writing its temp file before it takes the lock.
    A process whose number was given again to another since is taken as alive (its file
    is left, not lost)."""
    import re  # when a database is opened for changes, not when it is read

    found = []
    writer = re.compile(rf"{re.escape(f'.{path.name}.')}(?:.*\.)?([0-9]+)-[0-9a-f]+\.tmp\Z")
    prefix = f".{path.name}."
    try:  # a folder of 10,000 files: 5 ms of CPU listed so, 9 by Path.glob
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix)]
    except OSError:
        return []
    for name in names:
        named = writer.match(name)
        if named is None:
            continue  # not a name this module gives
        pid = int(named[1])
        ours = pid == os.getpid()
        if (name not in _being_written) if ours else not _alive(pid):
            found.append(path.parent / name)
    return found


def remove_stale_temp_files(path: Path) -> None:
    """Remove :func:`stale_temp_files` (call under the lock)."""
    for stale in stale_temp_files(path):
        with contextlib.suppress(OSError):
            stale.unlink()


def _alive(pid: int) -> bool:
    """Whether a process numbered ``pid`` runs on this system (another user's included)."""
    if pid <= 0:
        return True  # not a process's number: left alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's (EPERM), or the system will not say: alive
        return True
    return True
