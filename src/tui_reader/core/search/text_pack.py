"""The canonical texts of a corpus in one file, for searching it again without reading,
decoding and converting 10,000 files.

Searching a corpus is reading every document's canonical text: for 10,000 files that is
10,000 opens, decodings in pure Python and Markdown renderings, where ``grep`` only reads
bytes.  The pack keeps each document's canonical text (UTF-8) with its title, keyed on the
document key and stamped with the file's modification time, size, change time and inode
(:mod:`~tui_reader.core.documents.stamps`), like the facts cache: never the truth.  A file
whose stamp changed is read again; a pack that cannot be read or parsed (damaged, from
another version) is ignored and rewritten.  A search reads the texts from the pack, mapped
into memory (the pages are the system's file cache, not the process's memory), and tests a
text's bytes where they are (:meth:`TextPack.test`): a text that cannot match is never
copied or decoded.

The file: a magic line, the texts, the header (JSON: the keys and the titles, in order; a
title ``null`` is the caller's to find from the text), seven little-endian 64-bit numbers
per document (mtime, size, ctime, inode, offset, length, flags), then where the header
starts and how long it is (two more such numbers).  Reading it is two JSON lists and an
array, not 10,000 records.

Texts put are written as they come, to a temporary file beside the pack that becomes the next
pack (a *spool*): a first search of 100 MB holds none of them in memory (holding them cost
more than reading the files) and its save writes only the header, the texts of the pack read
before that are still wanted, and renames the spool into place (a reader always sees a whole
pack).  The pack holds the documents still listed, up to ``max_bytes`` of text.  Where it
lives is decided in :func:`tui_reader.locations.texts_cache_path`.

A clean plain text, whose text is its file's bytes, is copied too.  Measured over the
benchmark's 10,000 files (8,000 of them such texts): keeping its stamp alone, the file read
again at the next search, made a first ``search -il the`` 13% cheaper in CPU (0.55 s to
0.49 s) and the next one 50% dearer (0.21 s to 0.32 s: 8,000 files opened where one pack is
mapped); holding the texts read to write them once the hits are out made a first search
35% dearer (0.75 s).
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tui_reader.core.cache_files import make_cache_folder, new_file, open_own_file
from tui_reader.core.documents.formats import texts_version
from tui_reader.core.documents.stamps import Stamp
from tui_reader.core.search.composed import is_composed
from tui_reader.core.search.hits import ASCII_FOLDS, holds_ascii_folds
from tui_reader.locations import DEFAULT_CACHE_BYTES

# The texts hold for this layout and the converters that made them (another: read again).
MAGIC = b"tui-reader texts 8 " + texts_version().encode("ascii") + b"\n"
_STAMP = 4  # numbers of a stamp: mtime_ns, size, ctime_ns, inode
_FIELDS = _STAMP + 3  # numbers per document: the stamp's, offset, length, flags
_TRAILER = 16  # the header's offset and length, little-endian, at the file's end
ASCII = 1  # flag: every character of the text is ASCII
FOLDS = 2  # flag: the text holds a character whose case fold holds an ASCII one (ß, ﬁ)
UNCOMPOSED = 4  # flag: the text is not in its composed form (NFC): searched composed
# flag: each line break of the text is a line feed of its file, as a plain text file read
# clean has them (no form feed, lone CR or line separator made one): its lines are its
# file's, and a search printing them does not read the file again to count them
FILE_LINES = 8
Buffer = bytes | mmap.mmap
T = TypeVar("T")
SpooledText = tuple[str, Stamp, str | None, int, int, int, tuple[str, ...]]  # TextPack.spooled
_FOLDS_UTF8 = tuple(fold.encode("utf-8") for fold in ASCII_FOLDS)
SPOOL_BUFFER = 1 << 20  # bytes of texts gathered before a write to the spool
STALE_SPOOL = 3600.0  # seconds: a spool this old was left by a process that ended mid-search


# The bullet the converters write for a list's items ("- " in Markdown): a character of its own
# (nothing composes with it, it reorders nothing: NFC's quick check says yes) whose case fold
# is itself, three bytes in UTF-8.  A text whose only characters beyond ASCII are bullets
# (Markdown of ASCII notes with lists) has the flags of an ASCII text but ASCII's: told by
# one count, where the composed check and the folds' searches read the text twenty times.
BULLET = "\u2022"


def text_flags(text: str, utf8_length: int | None = None) -> int:
    """The flags of ``text`` (:data:`ASCII`, :data:`FOLDS`, :data:`UNCOMPOSED`);
    ``utf8_length``, the length of its UTF-8 when the caller has it, tells a text whose
    only characters beyond ASCII are bullets at once."""
    if text.isascii():
        return ASCII
    if utf8_length is not None:
        # Each character beyond ASCII makes its UTF-8 at least one byte longer, a bullet
        # two: two for each bullet, and nothing else is beyond ASCII.
        extra = utf8_length - len(text)
        if extra % 2 == 0 and text.count(BULLET) * 2 == extra:
            return 0
    flags = FOLDS if holds_ascii_folds(text) else 0
    return flags if is_composed(text) else flags | UNCOMPOSED


def data_flags(data: bytes) -> int:
    """The flags of the text whose UTF-8 is ``data`` (:func:`text_flags`; decoded only when it
    is not ASCII, to tell whether it is composed)."""
    if data.isascii():
        return ASCII
    flags = FOLDS if any(fold in data for fold in _FOLDS_UTF8) else 0
    try:
        composed = is_composed(data.decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError:
        composed = False  # searched as its text, which is composed first
    return flags if composed else flags | UNCOMPOSED


class _Spool:
    """A pack being written: the magic line, then the texts put, appended as they come; its
    texts are read back through a map of what was written (made again when it falls short)."""

    def __init__(self, path: Path) -> None:
        make_cache_folder(path.parent)
        _remove_stale_spools(path)
        fd, name = new_file(path.parent, f".{path.name}.")
        self.name = name
        try:
            self.handle = os.fdopen(fd, "w+b", buffering=SPOOL_BUFFER)
        except BaseException:
            os.close(fd)
            self.discard()
            raise
        self.size = 0  # bytes written (some may wait in the buffer)
        self.map: mmap.mmap | None = None
        self.append(MAGIC)

    @classmethod
    def existing(cls, name: str) -> _Spool:
        """The spool another process wrote at ``name`` (:meth:`TextPack.spooled`), to read its
        texts and remove it once they are saved.  Raises OSError."""
        spool = cls.__new__(cls)
        spool.name = name
        spool.handle = open(name, "r+b")  # noqa: SIM115 - kept open as the spool is
        spool.size = os.fstat(spool.handle.fileno()).st_size
        spool.map = None
        return spool

    def append(self, data: bytes) -> int:
        """Write ``data`` at the end; where it starts.  Raises OSError."""
        start = self.size
        try:
            self.handle.write(data)
        except BaseException:
            # Cut short (ctrl+c, a full disk): its part written is taken back, or the next
            # text, or the header of the pack saved now, would go after it, not at ``size``
            # (the header not where the trailer says: the pack refused).
            with contextlib.suppress(OSError, ValueError):
                self.handle.seek(start)
                self.handle.truncate()
            raise
        self.size += len(data)
        return start

    def append_from(self, source: _Spool, start: int, end: int) -> None:
        """Write the bytes ``[start, end)`` of ``source`` at the end, copied by the kernel where
        it can (not read into this process).  Raises OSError."""
        self.handle.flush()
        source.handle.flush()
        into, at = self.handle.fileno(), self.size
        done = start
        while done < end:
            if _copy_file_range is not None:
                try:
                    copied = _copy_file_range(source.handle.fileno(), into, end - done, done, at)
                except OSError:  # not between these files (an old kernel, file systems)
                    copied = _copy(source.handle.fileno(), into, end - done, done, at)
            else:
                copied = _copy(source.handle.fileno(), into, end - done, done, at)
            if copied <= 0:
                raise OSError(f"{source.name}: shorter than its texts")
            done += copied
            at += copied
        self.size = at
        self.handle.seek(at)

    def view(self, end: int) -> mmap.mmap:
        """A map of the spool holding its first ``end`` bytes.  Raises OSError."""
        if self.map is None or len(self.map) < end:
            self.handle.flush()
            self.map = mmap.mmap(self.handle.fileno(), 0, access=mmap.ACCESS_READ)
        return self.map

    def discard(self) -> None:
        """Close it and remove its file (when it was not renamed into place)."""
        with contextlib.suppress(OSError, ValueError):
            self.handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self.name)


_copy_file_range = getattr(os, "copy_file_range", None)


def _copy(source: int, into: int, count: int, start: int, at: int) -> int:
    """Copy up to ``count`` bytes of ``source`` from ``start`` into ``into`` at ``at``
    through this process (a megabyte at a time); how many."""
    data = os.pread(source, min(count, 1 << 20), start)
    return os.pwrite(into, data, at) if data else 0


def _remove_stale_spools(path: Path) -> None:
    """Remove the spools of ``path`` left by processes that ended before saving (a live one is
    written to as its search runs, and saved when it ends)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(f".{path.name}."):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SPOOL:
                        os.unlink(entry.path)


@dataclass(slots=True)
class PackedText:
    """A text put since the pack was read: the stamp of its file, its title (None: the
    caller's to find), its flags, where its UTF-8 lies in ``spool``, and what could not be
    read of its file (``Document.problems``: an EPUB's missing chapter)."""

    stamp: Stamp
    title: str | None
    flags: int
    spool: _Spool
    offset: int
    length: int
    problems: tuple[str, ...] = ()


@dataclass
class _Layout:
    """A pack to write into ``spool``: the texts of other files to append (``copies``), then
    ``header``; ``written`` names the documents it holds (with the text put since the pack
    was read, if one was)."""

    spool: _Spool
    copies: list[tuple[Buffer | _Spool, int, int]] = field(default_factory=list)
    header: bytes = b""
    written: dict[str, PackedText | None] = field(default_factory=dict)

    def write(self) -> None:
        """Raises OSError."""
        spool = self.spool
        for source, start, end in self.copies:  # a map is not closed while a save runs
            if isinstance(source, _Spool):
                spool.append_from(source, start, end)
            else:
                spool.append(source[start:end])
        spool.append(self.header)
        spool.handle.flush()


class TextPack:
    """Canonical texts by document key, each with the stamp of the file it was read from."""

    def __init__(self, path: Path | None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._saving = threading.Lock()  # one save at a time; taken before _lock
        self._rows: dict[str, int] = {}  # key -> its row in the file read
        self._numbers: array[int] = array("q")  # _FIELDS per row; offsets into the map
        self._stamps: list[Stamp] = []  # each row's stamp (its first _STAMP numbers)
        self._titles: list[str | None] = []
        self._problems: dict[str, tuple[str, ...]] = {}  # of rows read from a document in part
        self._added: dict[str, PackedText] = {}  # put since the file was read
        self._spool: _Spool | None = None  # where texts put now are written
        # The text put last, with its UTF-8: tested right after it is put (a first search),
        # it is not read back from the spool (a flush and a map each time).
        self._recent: tuple[PackedText, bytes] | None = None
        self._map: mmap.mmap | None = None
        self._adopted: list[_Spool] = []  # other processes' spools (adopt), removed once saved
        self._bytes = 0  # of text held
        self._dirty = False
        self._opened = path is None  # read on first use: not in a screen's constructor

    def __len__(self) -> int:
        with self._lock:
            self._open_once()
            return len(self._rows) + len(self._added)

    def __contains__(self, key: str) -> bool:
        """Whether a text of ``key`` is held (for some stamp)."""
        with self._lock:
            self._open_once()
            return key in self._rows or key in self._added

    def held(self, keys: Iterable[str]) -> list[bool]:
        """Whether a text of each of ``keys`` is held (for some stamp), in one look: a look
        a key takes the lock, 10,000 of them before a search of kept texts."""
        with self._lock:
            self._open_once()
            rows, added = self._rows, self._added
            return [key in rows or key in added for key in keys]

    def get(self, key: str, stamp: Stamp) -> tuple[str | None, str] | None:
        """``(title, text)`` of ``key`` if it was read from a file with this ``stamp`` (the
        title ``None`` when it was put so)."""
        with self._lock:
            found = self._find(key, stamp)
            if found is None:
                return None
            title, buffer, start, end, _flags = found
            try:
                return title, buffer[start:end].decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:  # a pack damaged where its texts lie: read again
                return None

    def test(self, key: str, stamp: Stamp, test: Callable[[Buffer, int, int, int], T]) -> T | None:
        """``test(buffer, start, end, flags)`` on the UTF-8 text of ``key`` (``buffer[start:
        end]``, not copied) if it was read from a file with this ``stamp``, else ``None``."""
        with self._lock:
            found = self._find(key, stamp)
            if found is None:
                return None
            _title, buffer, start, end, flags = found
            return test(buffer, start, end, flags)

    def problems(self, key: str, stamp: Stamp) -> tuple[str, ...]:
        """What could not be read of the file of ``key`` when its text was put, if that text
        was read from a file with this ``stamp`` (``()``: it was read whole, or is not held)."""
        with self._lock:
            self._open_once()
            return self._problems_of(key, stamp)

    def test_said(
        self, key: str, stamp: Stamp, test: Callable[[Buffer, int, int, int], T]
    ) -> tuple[T | None, tuple[str, ...]]:
        """:meth:`test` and :meth:`problems` of ``key`` in one look (a search of 10,000 texts
        kept looked each up three times, each look taking the lock)."""
        with self._lock:
            found = self._find(key, stamp)
            if found is None:
                return None, self._problems_of(key, stamp)
            _title, buffer, start, end, flags = found
            return test(buffer, start, end, flags), self._problems_of(key, stamp)

    def test_each(
        self, looks: Iterable[tuple[str, Stamp | None]], test: Callable[[Buffer, int, int, int], T]
    ) -> list[tuple[T | None, tuple[str, ...]] | None]:
        """:meth:`test_said` of each ``(key, stamp)`` of ``looks``, in one look (``None`` for a
        stamp ``None``): a search of 10,000 texts kept took the lock, found the row and
        called three methods for each."""
        results: list[tuple[T | None, tuple[str, ...]] | None] = []
        with self._lock:
            self._open_once()
            rows, stamps, numbers, mapped = self._rows, self._stamps, self._numbers, self._map
            problems = self._problems
            for key, stamp in looks:
                row = rows.get(key)
                if stamp is None:
                    results.append(None)
                elif row is None or mapped is None:  # put since the pack was read, or none
                    found = self._find(key, stamp)
                    if found is None:
                        results.append((None, ()))
                    else:
                        _title, buffer, start, end, flags = found
                        results.append(
                            (test(buffer, start, end, flags), self._problems_of(key, stamp))
                        )
                elif stamps[row] != stamp:
                    results.append((None, ()))
                else:
                    base = row * _FIELDS + _STAMP
                    start = numbers[base]
                    held = test(mapped, start, start + numbers[base + 1], numbers[base + 2])
                    results.append((held, problems.get(key, ())))
        return results

    def file_lines(self, key: str, stamp: Stamp) -> bool:
        """Whether each line break of the text of ``key``, read from a file with this
        ``stamp``, is a line feed of that file (False when it is not held, or not known)."""
        with self._lock:
            found = self._find(key, stamp)
            return found is not None and bool(found[4] & FILE_LINES)

    def title(self, key: str, stamp: Stamp) -> str | None:
        """The title of ``key`` for this ``stamp`` (None: not held, or put without one)."""
        with self._lock:
            found = self._find(key, stamp)
            return None if found is None else found[0]

    def put(
        self,
        key: str,
        stamp: Stamp,
        title: str | None,
        text: str | None,
        data: bytes | None = None,
        problems: tuple[str, ...] = (),
        *,
        file_lines: bool = False,
        flags: int | None = None,
    ) -> bool:
        """Keep ``text`` (``data``: its UTF-8 when the caller has it, read from a clean file:
        not encoded again; then ``text`` may be None) and ``problems``, what could not be read
        of its file; False when it is not kept (the pack is full, or its file cannot be
        written).  ``file_lines``: each line break of the text is a line feed of its file
        (:data:`FILE_LINES`, which :meth:`file_lines` tells).  ``flags``: the text's
        :func:`text_flags` when the caller found them reading it (a first search's pass
        over 8,000 clean ASCII files was made again here to tell them ASCII)."""
        if data is None:
            assert text is not None
            data = text.encode("utf-8", "surrogatepass")
        if flags is None:
            flags = text_flags(text, len(data)) if text is not None else data_flags(data)
        if file_lines:
            flags |= FILE_LINES
        with self._lock:
            self._open_once()
            held = self._bytes - self._length(key)
            if held + len(data) > self.max_bytes or self.path is None:
                return False
            try:
                if self._spool is None:
                    self._spool = _Spool(self.path)
                offset = self._spool.append(data)
            except OSError:
                self._drop_spool()
                return False
            self._rows.pop(key, None)
            added = PackedText(stamp, title, flags, self._spool, offset, len(data), problems)
            self._added[key] = added
            self._recent = (added, data)
            self._bytes = held + len(data)
            self._dirty = True
            return True

    @property
    def spooling(self) -> bool:
        """Whether texts were put since the pack was read (a spool is being written)."""
        with self._lock:
            return self._spool is not None

    def spooled(self) -> tuple[str, list[SpooledText]] | None:
        """The texts put since the pack was read, for another process to :meth:`adopt`: the
        name of the spool they were written to (flushed now) and, for each, ``(key, stamp,
        title, flags, offset, length, problems)``; ``None`` when none was put.  Raises
        OSError."""
        with self._lock:
            spool = self._spool
            if spool is None:
                return None
            spool.handle.flush()
            return spool.name, [
                (key, a.stamp, a.title, a.flags, a.offset, a.length, a.problems)
                for key, a in self._added.items()
                if a.spool is spool
            ]

    def adopt(self, name: str, texts: list[SpooledText]) -> None:
        """Take ``texts``, put by another process in its spool ``name`` (:meth:`spooled`), as
        if put here (as many as ``max_bytes`` leaves room for): they are copied into the pack
        when it is saved, and that spool is removed then (or by :meth:`close`).  Raises
        OSError (the spool cannot be opened: nothing taken)."""
        with self._lock:
            self._open_once()
            if self.path is None:
                return
            spool = _Spool.existing(name)
            self._adopted.append(spool)
            for key, stamp, title, flags, offset, length, problems in texts:
                held = self._bytes - self._length(key)
                if held + length > self.max_bytes or offset + length > spool.size:
                    continue
                self._rows.pop(key, None)
                self._added[key] = PackedText(
                    stamp, title, flags, spool, offset, length, tuple(problems)
                )
                self._bytes = held + length
                self._dirty = True

    def adopted(self, name: str) -> bool:
        """Whether the spool ``name`` was adopted (this pack removes it)."""
        with self._lock:
            return any(spool.name == name for spool in self._adopted)

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents no longer in the corpus."""
        with self._lock:
            self._open_once()
            for key in [k for k in (*self._rows, *self._added) if k not in keys]:
                self._drop(key)
                self._dirty = True

    def save(self, *, closing: bool = False) -> None:
        """Write the pack if anything changed (atomically; errors are ignored: the pack only
        saves time).  The texts stay readable while it is written (100 MB take a while): a
        search started meanwhile does not wait for it.  ``closing``: the pack is not used
        again (a command's last save): it is closed once written (:meth:`close`), the file
        written not read back to be used (its header of 10,000 keys and titles parsed, 30 ms
        of CPU at the end of a search)."""
        try:
            self._save(closing)
        finally:
            if closing:
                self.close()

    def _save(self, closing: bool) -> None:
        with self._saving:
            with self._lock:
                if self.path is None or not self._dirty:
                    return
                try:
                    layout = self._layout()
                except OSError:
                    self._drop_spool()
                    return
                self._dirty = False
            try:
                layout.write()
                os.replace(layout.spool.name, self.path)
            except OSError:
                with self._lock:
                    self._dirty = True
                layout.spool.discard()  # its texts stay readable through its map
                return
            except BaseException:
                # a second ctrl+c while it is written (the first stopped a search, which
                # saves what it read): its file was left beside the pack, a copy of every
                # text, until a search an hour on removed it
                layout.spool.discard()
                raise
            if closing:  # (its spool renamed into place: closed, not read again)
                with contextlib.suppress(OSError, ValueError):
                    layout.spool.handle.close()
                return
            with self._lock:
                self._take_written(self.path, layout)
                self._drop_adopted()

    def close(self) -> None:
        with self._saving, self._lock:
            self._forget()
            self._drop_spool()
            self._drop_adopted()
            self._opened = True

    # -- held entries (under the lock) -------------------------------------------------------

    def _open_once(self) -> None:
        if not self._opened:
            self._opened = True
            assert self.path is not None
            self._open(self.path)

    def _find(self, key: str, stamp: Stamp) -> tuple[str | None, Buffer, int, int, int] | None:
        """``(title, buffer, start, end, flags)`` of ``key`` for this ``stamp``."""
        self._open_once()
        added = self._added.get(key)
        if added is not None:
            if added.stamp != stamp:
                return None
            if self._recent is not None and self._recent[0] is added:
                return added.title, self._recent[1], 0, added.length, added.flags
            end = added.offset + added.length
            try:
                buffer = added.spool.view(end)
            except (OSError, ValueError):  # ValueError: a spool closed by a failed save
                return None
            return added.title, buffer, added.offset, end, added.flags
        row = self._rows.get(key)
        if row is None or self._map is None:
            return None
        if self._stamps[row] != stamp:
            return None
        base = row * _FIELDS + _STAMP
        numbers = self._numbers
        offset = numbers[base]
        return self._titles[row], self._map, offset, offset + numbers[base + 1], numbers[base + 2]

    def _problems_of(self, key: str, stamp: Stamp) -> tuple[str, ...]:
        """:meth:`problems`, the pack opened."""
        added = self._added.get(key)
        if added is not None:
            return added.problems if added.stamp == stamp else ()
        problems = self._problems.get(key)
        if problems is None:  # (most texts: no row looked at)
            return ()
        return problems if self._stamps[self._rows[key]] == stamp else ()

    def _length(self, key: str) -> int:
        added = self._added.get(key)
        if added is not None:
            return added.length
        row = self._rows.get(key)
        return 0 if row is None else self._numbers[row * _FIELDS + _STAMP + 1]

    def _drop_spool(self) -> None:
        """Give up the spool being written (a write failed): its texts are forgotten."""
        spool, self._spool = self._spool, None
        if spool is not None:
            for key in [k for k, a in self._added.items() if a.spool is spool]:
                self._drop(key)
            spool.discard()

    def _drop_adopted(self) -> None:
        """Remove the adopted spools no text held here lies in any more."""
        used = {id(a.spool) for a in self._added.values()}
        for spool in [s for s in self._adopted if id(s) not in used]:
            self._adopted.remove(spool)
            spool.discard()

    def _forget(self) -> None:
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a slice still referenced: left to GC
                self._map.close()
            self._map = None
        self._rows, self._numbers, self._titles, self._added = {}, array("q"), [], {}
        self._stamps = []
        self._problems = {}
        self._recent = None
        self._bytes = 0

    # -- the file -----------------------------------------------------------------------------

    def _layout(self) -> _Layout:
        """What the file will hold: the texts held now, where they will be.  The spool being
        written becomes it (texts put from now on go to a new one).  Raises OSError."""
        assert self.path is not None
        spool = self._spool if self._spool is not None else _Spool(self.path)
        spool.view(spool.size)  # what is in it readable from here on, by its map alone
        self._spool = None
        layout = _Layout(spool)
        keys: list[str] = []
        titles: list[str | None] = []
        problems: dict[str, tuple[str, ...]] = {}  # of the texts of files read in part
        numbers: array[int] = array("q")
        end = spool.size  # where the next copied text goes
        for key, row in self._rows.items():
            base = row * _FIELDS
            start, length, flags = self._numbers[base + _STAMP : base + _FIELDS]
            assert self._map is not None
            keys.append(key)
            titles.append(self._titles[row])
            if key in self._problems:
                problems[key] = self._problems[key]
            numbers.extend(self._numbers[base : base + _STAMP])
            numbers.extend((end, length, flags))
            layout.copies.append((self._map, start, start + length))
            layout.written[key] = None
            end += length
        for key, added in self._added.items():
            keys.append(key)
            titles.append(added.title)
            if added.problems:
                problems[key] = added.problems
            if added.spool is spool:
                offset = added.offset
            else:  # in another spool (adopted, or left by a failed save): copied
                offset, end = end, end + added.length
                start, stop = added.offset, added.offset + added.length
                last = layout.copies[-1] if layout.copies else None
                if added.spool.handle.closed:  # a failed save's: read through its map
                    layout.copies.append((added.spool.view(stop), start, stop))
                elif last is not None and last[0] is added.spool and last[2] == start:
                    layout.copies[-1] = (added.spool, last[1], stop)  # a run: one copy
                else:
                    layout.copies.append((added.spool, start, stop))
            numbers.extend((*added.stamp, offset, added.length, added.flags))
            layout.written[key] = added
        # ASCII: keys that are not UTF-8 (surrogate escapes) survive the round trip.
        header = json.dumps({"keys": keys, "titles": titles, "problems": problems}).encode("ascii")
        if sys.byteorder != "little":
            numbers.byteswap()
        trailer = array("q", (end, len(header)))
        if sys.byteorder != "little":
            trailer.byteswap()
        layout.header = header + numbers.tobytes() + trailer.tobytes()
        return layout

    def _take_written(self, path: Path, layout: _Layout) -> None:
        """Read the file just written, keeping what changed while it was written (texts put,
        documents forgotten) as changes still to save."""
        put_since = {
            k: a
            for k, a in self._added.items()
            if k not in layout.written or layout.written[k] is not a
        }
        gone = [k for k in layout.written if k not in self._rows and k not in self._added]
        self._forget()
        self._open(path)
        with contextlib.suppress(OSError, ValueError):
            layout.spool.handle.close()  # renamed into place: read through the new map
        for key in gone:
            self._drop(key)
        for key, added in put_since.items():
            self._drop(key)
            self._added[key] = added
            self._bytes += added.length
        self._dirty = bool(put_since or gone)

    def _drop(self, key: str) -> None:
        self._bytes -= self._length(key)
        self._rows.pop(key, None)
        self._added.pop(key, None)
        self._problems.pop(key, None)

    def _open(self, path: Path) -> None:
        try:
            with os.fdopen(open_own_file(path), "rb") as handle:  # (never a FIFO waited on)
                size = os.fstat(handle.fileno()).st_size
                if size < len(MAGIC) + _TRAILER or handle.read(len(MAGIC)) != MAGIC:
                    return
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # damaged: rewritten
            return
        if not self._read_header(mapped, size):
            mapped.close()

    def _read_header(self, mapped: mmap.mmap, size: int) -> bool:
        """Take the pack mapped in ``mapped`` (``size`` bytes); False when it is damaged."""
        trailer = array("q")
        trailer.frombytes(mapped[size - _TRAILER :])
        if sys.byteorder != "little":
            trailer.byteswap()
        at, length = trailer
        numbers = array("q")
        if not len(MAGIC) <= at <= size - _TRAILER - length or length < 0:
            return False
        try:
            header = json.loads(mapped[at : at + length].decode("ascii"))
            keys, titles, problems = header["keys"], header["titles"], header["problems"]
            if not (isinstance(keys, list) and isinstance(titles, list)):
                return False
            if not isinstance(problems, dict):
                return False
            width = len(keys) * _FIELDS * numbers.itemsize
            if at + length + width != size - _TRAILER or len(titles) != len(keys):
                return False
            numbers.frombytes(mapped[at + length : at + length + width])
        except (ValueError, TypeError, KeyError, RecursionError):
            return False
        if sys.byteorder != "little":
            numbers.byteswap()
        rows: dict[str, int] = {}
        held = 0
        # Each field of every row at once (a strided slice each, in C): 10,000 rows were
        # sliced one at a time, and each stamp made again from the numbers at each look.
        columns = [numbers[field::_FIELDS] for field in range(_FIELDS)]
        stamps: list[Stamp] = list(zip(*columns[:_STAMP], strict=True))
        offsets, lengths, flagged = columns[_STAMP:]
        for row, (key, title, size, offset, text_length, flags) in enumerate(
            zip(keys, titles, columns[1], offsets, lengths, flagged, strict=True)
        ):
            if (
                isinstance(key, str)
                and (title is None or isinstance(title, str))
                and size >= 0
                and offset >= len(MAGIC)
                and text_length >= 0
                and offset + text_length <= at
                and 0 <= flags <= ASCII | FOLDS | UNCOMPOSED | FILE_LINES
            ):
                rows[key] = row
                held += text_length
        self._map, self._rows, self._numbers, self._titles = mapped, rows, numbers, titles
        self._stamps = stamps
        self._problems = {
            key: tuple(said)
            for key, said in problems.items()
            if key in rows and isinstance(said, list) and all(isinstance(p, str) for p in said)
        }
        self._bytes = held
        return True
