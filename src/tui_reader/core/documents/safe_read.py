"""Reading a document's bytes without hanging or running out of memory.

A corpus is a folder anyone may have written to: a "document" can be a FIFO (opening it
blocks until a writer comes), a link to ``/dev/zero`` (endless), or a 3 GB file.  Every read
of a document's bytes opens it without blocking, checks that it is a regular file and not
larger than :data:`MAX_DOCUMENT_BYTES`, then reads it; anything else is a
:class:`DocumentError` saying what the file is.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from tui_reader.core.errors import DocumentError

MAX_DOCUMENT_BYTES = 512 * 1024 * 1024

# Set while files a listing found to be no symbolic link are read (see listed_no_link).
_NO_LINK: ContextVar[bool] = ContextVar("no_link", default=False)


class MadeALink(DocumentError):
    """A file read as listed, no symbolic link, that is one now (see :func:`listed_no_link`):
    not read through it; the reader looks where it leads before reading it."""


class listed_no_link:  # (named as the function it was: `with listed_no_link():`)
    """Read the files opened in this block as the files a listing found there, no symbolic
    link: each is opened without following a link (``O_NOFOLLOW``; on Linux at any name of
    its path, :func:`_open_no_link`), and one that has become a link since, or whose folder
    has, is :class:`MadeALink`, never read.  A reader trusting a listing up to a few
    seconds old to say a file lies inside the corpus (the app's corpus search, the library's
    scan) read, once, a file just made a link to one outside it (``a.txt`` to
    ``/etc/passwd``); the open itself now checks, at no cost.  A class, not a generator's
    context: entered for each file of a listing, 10,000 times (1.5 us less each)."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _NO_LINK.set(True)

    def __exit__(self, *_exc: object) -> None:
        _NO_LINK.reset(self._token)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(mode: int) -> str:
    """Why a file of ``mode``, no regular file (a device, a FIFO...), is not read: one
    sentence for every command and the app, whether the file or a link to it is listed."""
    return f"is {file_kind(mode)}, not a regular file; not read"


FILE_GONE = "the file is gone (moved or deleted?)"


def unreadable_now(path: Path) -> str | None:
    """Why the file ``path`` of a document on show cannot be opened again: it is gone
    (:data:`FILE_GONE`), or something else stands at its name (a FIFO, a link to a device,
    a folder: said what it is), or it cannot be looked at (a loop of links: the system's
    words); ``None`` for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return FILE_GONE
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode):
        return None
    return not_regular(mode)


def read_document_bytes(
    path: Path | str, *, limit: int = MAX_DOCUMENT_BYTES, max_bytes: int | None = None
) -> bytes:
    """The bytes of the regular file ``path`` (the first ``max_bytes`` when given; a path
    as a string makes no ``Path``)."""
    return read_document_bytes_and_status(path, limit=limit, max_bytes=max_bytes)[0]


def read_document_bytes_and_status(
    path: Path | str, *, limit: int = MAX_DOCUMENT_BYTES, max_bytes: int | None = None
) -> tuple[bytes, os.stat_result]:
    """:func:`read_document_bytes`, with the file's status as it was opened (its stamp: the
    file the bytes came from, with no ``stat`` of the path before)."""
    fd, st = _open_regular_stat(path, limit, whole=max_bytes is None)
    size = st.st_size
    try:
        wanted = limit + 1 if max_bytes is None else max_bytes
        # Asking for what the file holds (one more byte tells it grew), not for the limit:
        # a read of 512 MB maps that much memory first (60 us per small file).  Read from the
        # descriptor: a buffered file object costs more than a small file's read.  One read:
        # a short one at the size said is the end (a second read to see it, and the copy
        # joining the two, were 10,000 system calls of a first listing).
        asked = min(wanted, size + 1)
        data = os.read(fd, asked)
        if len(data) < min(asked, size):  # a short read (rare for a regular file): read on
            data += _read_up_to(fd, asked - len(data))
        if size < len(data) < wanted:  # it grew while we read: read on
            data += _read_up_to(fd, wanted - len(data))
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if max_bytes is None and len(data) > limit:  # it grew while we read
        raise DocumentError(path, f"is larger than the {limit / 2**20:,.0f} MB tui-reader reads")
    return data, st


def written_anew(path: Path, data: bytes) -> None:
    """``data`` written to a new file ``path``, whatever was there removed first (a file
    of the app's own, a part file renamed into place after): never into a FIFO put there
    (its open waited for a reader for good), nor through a symbolic link (the file it leads
    to was written over).  ``OSError`` when it cannot be (a folder there)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    with open(path, "xb") as file:  # O_EXCL: a FIFO or a link put there meanwhile refused
        file.write(data)


def read_small_document(path: Path | str, small: int) -> tuple[bytes | None, os.stat_result]:
    """The bytes of the regular file ``path`` when it holds at most ``small`` bytes (else
    ``None``: the caller reads it another way), with its status as opened (its stamp: the
    file the bytes came from, in one ``fstat``).  The same checks and errors as
    :func:`read_document_bytes`."""
    fd, st = _open_regular_stat(path, MAX_DOCUMENT_BYTES, whole=True)
    try:
        if st.st_size > small:
            return None, st
        # One read of a byte more than it holds: all of it, as a short read says (a second
        # read to see its end, 10,000 times, is a tenth of a search's system calls).
        data = os.read(fd, st.st_size + 1)
        if len(data) < st.st_size:  # a short read (rare for a regular file): read on
            data += _read_up_to(fd, st.st_size + 1 - len(data))
        if len(data) > st.st_size:  # it grew while we read: read on, as a whole read does
            data += _read_up_to(fd, MAX_DOCUMENT_BYTES + 1 - len(data))
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES
        raise DocumentError(path, f"is larger than the {limit / 2**20:,.0f} MB tui-reader reads")
    return data, st


def _read_up_to(fd: int, count: int) -> bytes:
    """``count`` bytes from ``fd``, fewer at its end."""
    data = os.read(fd, count)
    if not data or len(data) == count:
        return data
    parts, got = [data], len(data)
    while got < count:  # a short read (rare for a regular file): read on
        more = os.read(fd, count - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def document_chunks(
    path: Path, chunk_bytes: int, *, limit: int = MAX_DOCUMENT_BYTES
) -> Iterator[bytes]:
    """The bytes of the regular file ``path``, ``chunk_bytes`` at a time (the same checks as
    :func:`read_document_bytes`; a file that grows past ``limit`` as it is read is refused)."""
    with _opened(path, limit, whole=True) as (handle, _size):
        total = 0
        while True:
            try:
                data = handle.read(chunk_bytes)
            except OSError as exc:
                raise DocumentError(path, exc.strerror or str(exc)) from exc
            if not data:
                return
            total += len(data)
            if total > limit:
                raise DocumentError(
                    path, f"is larger than the {limit / 2**20:,.0f} MB tui-reader reads"
                )
            yield data
            del data


@contextlib.contextmanager
def opened_document(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """The regular file ``path`` opened for reading however big it is (the same checks as
    :func:`read_document_bytes` but its size), and its size: a container read a part at a
    time (a REFI-QDA project carrying its recordings), never whole."""
    with _opened(path, MAX_DOCUMENT_BYTES, whole=False) as opened:
        yield opened


@contextlib.contextmanager
def _opened(path: Path, limit: int, *, whole: bool) -> Iterator[tuple[BinaryIO, int]]:
    """The file ``path`` opened for reading (see :func:`_open_regular`), and its size."""
    fd, size = _open_regular(path, limit, whole=whole)
    try:
        handle = os.fdopen(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, size


def _open_regular(path: Path | str, limit: int, *, whole: bool) -> tuple[int, int]:
    """A descriptor of the file ``path`` opened for reading (never blocking on a FIFO), if
    it is a regular file no larger than ``limit`` bytes (when it is read ``whole``), and its
    size.  The caller closes it."""
    fd, st = _open_regular_stat(path, limit, whole=whole)
    return fd, st.st_size


def _open_regular_stat(path: Path | str, limit: int, *, whole: bool) -> tuple[int, os.stat_result]:
    """:func:`_open_regular`, with the file's whole status."""
    no_link = _NO_LINK.get()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = _open_no_link(path, flags) if no_link else os.open(path, flags)
    except IsADirectoryError as exc:
        raise DocumentError(path, "is a folder, not a file") from exc
    except FileNotFoundError as exc:
        raise DocumentError(path, not_there(path, exc)) from exc
    except OSError as exc:
        if no_link and exc.errno == errno.ELOOP:
            if os.path.islink(path):
                raise MadeALink(
                    path, "became a symbolic link since it was listed; not read"
                ) from exc
            if os.path.realpath(path) != os.path.abspath(path):
                raise MadeALink(
                    path,
                    "a folder on its path became a symbolic link since it was listed; not read",
                ) from exc
        raise DocumentError(path, _not_opened(path, exc)) from exc
    return _checked_status(path, fd, limit, whole=whole)


def _open_no_link(path: Path | str, flags: int) -> int:
    """``os.open(path, flags)`` following no symbolic link, of any name of the path: the path
    of a file listed as no link is the real one, every folder on it resolved
    (:func:`~tui_reader.core.documents.corpus.list_corpus_files`), so a link met on it was
    made since (``ELOOP``).  ``O_NOFOLLOW`` alone checks the file's own name: a folder of the
    corpus turned into a link to one out of it (``notes`` to ``/etc``) was read through.
    Linux's ``openat2`` checks every name in the one call; elsewhere, or where it is refused
    (an older kernel, a sandbox), the file's own name alone is checked, as before."""
    opener = _openat2()
    if opener is not None:
        fd = opener.open(path, flags)
        if fd is not None:
            return fd
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


class _OpenAt2:
    """Linux's ``openat2`` system call with ``RESOLVE_NO_SYMLINKS`` (Python has no function
    for it), through ``ctypes``, loaded at the first read of a listed file (~6 ms, once): ~4 us
    an open more than ``os.open``'s (5,000 opens: 48 ms, 24 ms before)."""

    NUMBER = 437  # the same on every Linux architecture but Alpha's
    RESOLVE_NO_SYMLINKS = 0x04
    AT_FDCWD = -100  # paths taken from the current folder, as os.open takes them

    def __init__(self) -> None:
        import ctypes

        class OpenHow(ctypes.Structure):
            _fields_ = (
                ("flags", ctypes.c_uint64),
                ("mode", ctypes.c_uint64),
                ("resolve", ctypes.c_uint64),
            )

        self.ctypes = ctypes
        self.how = OpenHow
        self.hows: dict[int, tuple[object, int]] = {}  # each set of flags' argument, made once
        self.size = ctypes.sizeof(OpenHow)
        syscall = ctypes.CDLL(None, use_errno=True).syscall
        syscall.restype = ctypes.c_long
        syscall.argtypes = (ctypes.c_long, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p,
                            ctypes.c_size_t)  # fmt: skip
        self.syscall = syscall
        self.refused = False  # ENOSYS or EPERM once: an older kernel, a sandbox

    def open(self, path: Path | str, flags: int) -> int | None:
        """A descriptor of ``path`` opened with ``flags``, no link followed; None when the
        call is refused here (then never made again)."""
        if self.refused:
            return None
        raw = os.fsencode(path)
        if b"\0" in raw:
            raise ValueError("embedded null byte")  # as os.open says it
        how = self.hows.get(flags)
        if how is None:
            made = self.how(flags, 0, self.RESOLVE_NO_SYMLINKS)
            how = self.hows[flags] = (made, self.ctypes.addressof(made))
        while True:
            fd: int = self.syscall(self.NUMBER, self.AT_FDCWD, raw, how[1], self.size)
            if fd >= 0:
                return fd
            code = self.ctypes.get_errno()
            if code != errno.EINTR:
                break
        if code in (errno.ENOSYS, errno.EPERM):
            self.refused = True
            return None
        raise OSError(code, os.strerror(code), os.fspath(path))


@functools.cache
def _openat2() -> _OpenAt2 | None:
    """The ``openat2`` call, on Linux; None elsewhere, or where it cannot be loaded."""
    if not sys.platform.startswith("linux") or os.uname().machine.startswith("alpha"):
        return None
    try:
        return _OpenAt2()
    except (OSError, AttributeError, ImportError):
        return None


def _checked_status(
    path: Path | str, fd: int, limit: int, *, whole: bool
) -> tuple[int, os.stat_result]:
    """The status of ``fd``, opened on ``path``, if it is a regular file no larger than
    ``limit`` (read ``whole``); else it is closed and :class:`DocumentError` says why."""
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(path, not_regular(st.st_mode))
        if whole and st.st_size > limit:
            raise DocumentError(
                path,
                f"is {st.st_size / 2**20:,.0f} MB, more than the {limit / 2**20:,.0f} MB "
                "tui-reader reads; split it into smaller files",
            )
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
    except OSError as exc:
        os.close(fd)
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def _not_opened(path: Path | str, exc: OSError) -> str:
    """Why ``path`` could not be opened: a socket (which cannot be) is said to be one, as a
    FIFO is; it was "No such device or address"."""
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            return not_regular(mode)
    return exc.strerror or str(exc)


def not_there(path: Path | str, exc: OSError) -> str:
    """Why ``path`` cannot be opened when the system says it is not there: a symbolic link
    to a file that is not there (moved, on a drive not mounted) says so and where it leads;
    it was said "No such file or directory" of a file listed in its folder."""
    try:
        target = os.readlink(path)
    except OSError:
        return exc.strerror or str(exc)
    return f"is a symbolic link to {target}, which is not there (moved, or on a drive not mounted)"


def is_gone(path: Path | str) -> bool:
    """Whether nothing is at ``path`` (not even a link): looked up, the name, or a folder
    on its way, is not found.  A file in a folder the user may not enter is not gone: it was
    said "the file is gone (moved or deleted?)" where the system said "Permission denied"."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):  # there, but not to be looked at (EACCES, ELOOP...)
        return False
    return False


# Why a file of ours (the database, its journal or lock) that is a symbolic link is refused.
LINK_REFUSED = "is a symbolic link; give the real file's path"


def special_file_problem(path: Path) -> str | None:
    """Why ``path`` must not be written as a file of ours (the database, its journal or lock,
    an export target): it is a symlink, a device, a FIFO...; None when it is a regular file
    or does not exist.  Writing one of these by rename would replace a device node with a
    file, and opening a FIFO would hang."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISLNK(st.st_mode):
        try:
            os.stat(path)
        except OSError as exc:  # a loop of links: no real file's path to give
            if exc.errno == errno.ELOOP:
                return exc.strerror or str(exc)
        return LINK_REFUSED
    if not stat.S_ISREG(st.st_mode):
        return f"is {file_kind(st.st_mode)}, not a regular file"
    return None
