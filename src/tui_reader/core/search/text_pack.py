"""The canonical texts of a corpus in one file, for searching it again without reading,
decoding and converting 10,000 files.

Searching a corpus is reading every document's canonical text: for 10,000 files that is
10,000 opens, decodings in pure Python and Markdown renderings, where ``grep`` only reads
bytes.  The pack keeps each document's canonical text (UTF-8) with its title, keyed on the
document key and stamped with the file's modification time and size, like the facts cache:
never the truth.  A file whose stamp changed is read again; a pack that cannot be read or
parsed (damaged, from another version) is ignored and rewritten.  A search reads the texts
from the pack, mapped into memory (the pages are the system's file cache, not the process's
memory), and tests a text's bytes where they are (:meth:`TextPack.test`): a text that cannot
match is never copied or decoded.

The file: a magic line, the length of the header, the header (JSON: the keys and the titles,
in order), five little-endian 64-bit numbers per document (mtime, size, offset, length,
flags), then the texts.  Reading it is two JSON lists and an array, not 10,000 records.  It is
rewritten whole when something changed (to a temporary file renamed into place: a reader
always sees a whole pack), holding the documents still listed, up to ``max_bytes`` of text.
Where it lives is decided in :func:`tui_reader.locations.texts_cache_path`.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from tui_reader.core.cache_files import write_cache_file
from tui_reader.core.documents.stamps import Stamp
from tui_reader.core.search.hits import holds_ascii_folds
from tui_reader.locations import DEFAULT_CACHE_BYTES

MAGIC = b"tui-reader texts 3\n"
_LENGTH = 8  # bytes of the header's length, little-endian
_FIELDS = 5  # numbers per document: mtime_ns, size, offset, length, flags
ASCII = 1  # flag: every character of the text is ASCII
FOLDS = 2  # flag: the text holds a character that matches an ASCII letter ignoring case
Buffer = bytes | mmap.mmap
T = TypeVar("T")


def text_flags(text: str) -> int:
    """The flags of ``text`` (:data:`ASCII`, :data:`FOLDS`)."""
    if text.isascii():
        return ASCII
    return FOLDS if holds_ascii_folds(text) else 0


@dataclass(frozen=True)
class _Layout:
    """A pack to write: its head (magic, header, numbers), then its texts' pieces; ``written``
    names the documents it holds (with the text put since the pack was read, if one was)."""

    head: bytes
    pieces: list[tuple[Buffer, int, int]]
    written: dict[str, PackedText | None]

    def write(self, handle: BinaryIO) -> None:
        handle.write(self.head)
        for buffer, start, end in self.pieces:  # a map is not closed while a save runs
            handle.write(buffer[start:end])


@dataclass(slots=True)
class PackedText:
    """A text put since the pack was read: the stamp of its file, its title, its UTF-8."""

    stamp: Stamp
    title: str
    flags: int
    data: bytes


class TextPack:
    """Canonical texts by document key, each with the stamp of the file it was read from."""

    def __init__(self, path: Path | None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._saving = threading.Lock()  # one save at a time; taken before _lock
        self._rows: dict[str, int] = {}  # key -> its row in the file read
        self._numbers: array[int] = array("q")  # _FIELDS per row; offsets into the map
        self._titles: list[str] = []
        self._added: dict[str, PackedText] = {}  # put since the file was read
        self._map: mmap.mmap | None = None
        self._bytes = 0  # of text held
        self._dirty = False
        self._opened = path is None  # read on first use: not in a screen's constructor

    def __len__(self) -> int:
        with self._lock:
            self._open_once()
            return len(self._rows) + len(self._added)

    def get(self, key: str, stamp: Stamp) -> tuple[str, str] | None:
        """``(title, text)`` of ``key`` if it was read from a file with this ``stamp``."""
        with self._lock:
            found = self._find(key, stamp)
            if found is None:
                return None
            title, buffer, start, end, _flags = found
            return title, buffer[start:end].decode("utf-8", "surrogatepass")

    def test(self, key: str, stamp: Stamp, test: Callable[[Buffer, int, int, int], T]) -> T | None:
        """``test(buffer, start, end, flags)`` on the UTF-8 text of ``key`` (``buffer[start:
        end]``, not copied) if it was read from a file with this ``stamp``, else ``None``."""
        with self._lock:
            found = self._find(key, stamp)
            if found is None:
                return None
            _title, buffer, start, end, flags = found
            return test(buffer, start, end, flags)

    def title(self, key: str, stamp: Stamp) -> str | None:
        with self._lock:
            found = self._find(key, stamp)
            return None if found is None else found[0]

    def put(self, key: str, stamp: Stamp, title: str, text: str, data: bytes | None = None) -> bool:
        """Keep ``text`` (``data``: its UTF-8 when the caller has it, read from a clean file:
        not encoded again); False when the pack is full (it is not kept)."""
        if data is None:
            data = text.encode("utf-8", "surrogatepass")
        with self._lock:
            self._open_once()
            held = self._bytes - self._length(key)
            if held + len(data) > self.max_bytes:
                return False
            self._rows.pop(key, None)
            self._added[key] = PackedText(stamp, title, text_flags(text), data)
            self._bytes = held + len(data)
            self._dirty = True
            return True

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents no longer in the corpus."""
        with self._lock:
            self._open_once()
            for key in [k for k in (*self._rows, *self._added) if k not in keys]:
                self._drop(key)
                self._dirty = True

    def save(self) -> None:
        """Write the pack if anything changed (atomically; errors are ignored: the pack only
        saves time).  The texts stay readable while it is written (100 MB take a while): a
        search started meanwhile does not wait for it."""
        with self._saving:
            with self._lock:
                if self.path is None or not self._dirty:
                    return
                self._dirty = False
                layout = self._layout()
            if not write_cache_file(self.path, layout.write):
                with self._lock:
                    self._dirty = True
                return
            with self._lock:
                self._take_written(self.path, layout)

    def close(self) -> None:
        with self._saving, self._lock:
            self._forget()
            self._opened = True

    # -- held entries (under the lock) -------------------------------------------------------

    def _open_once(self) -> None:
        if not self._opened:
            self._opened = True
            assert self.path is not None
            self._open(self.path)

    def _find(self, key: str, stamp: Stamp) -> tuple[str, Buffer, int, int, int] | None:
        """``(title, buffer, start, end, flags)`` of ``key`` for this ``stamp``."""
        self._open_once()
        added = self._added.get(key)
        if added is not None:
            if added.stamp != stamp:
                return None
            return added.title, added.data, 0, len(added.data), added.flags
        row = self._rows.get(key)
        if row is None or self._map is None:
            return None
        mtime, size, offset, length, flags = self._numbers[row * _FIELDS : (row + 1) * _FIELDS]
        if (mtime, size) != stamp:
            return None
        return self._titles[row], self._map, offset, offset + length, flags

    def _length(self, key: str) -> int:
        added = self._added.get(key)
        if added is not None:
            return len(added.data)
        row = self._rows.get(key)
        return 0 if row is None else self._numbers[row * _FIELDS + 3]

    def _forget(self) -> None:
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a slice still referenced: left to GC
                self._map.close()
            self._map = None
        self._rows, self._numbers, self._titles, self._added = {}, array("q"), [], {}
        self._bytes = 0

    # -- the file -----------------------------------------------------------------------------

    def _layout(self) -> _Layout:
        """What the file will hold: the texts held now, where they are."""
        keys: list[str] = []
        titles: list[str] = []
        numbers: array[int] = array("q")
        pieces: list[tuple[Buffer, int, int]] = []
        written: dict[str, PackedText | None] = {}  # key -> its text put since read, if any
        offset = 0
        for key, row in self._rows.items():
            mtime, size, start, length, flags = self._numbers[row * _FIELDS : (row + 1) * _FIELDS]
            assert self._map is not None
            keys.append(key)
            titles.append(self._titles[row])
            numbers.extend((mtime, size, offset, length, flags))
            pieces.append((self._map, start, start + length))
            written[key] = None
            offset += length
        for key, added in self._added.items():
            keys.append(key)
            titles.append(added.title)
            numbers.extend((*added.stamp, offset, len(added.data), added.flags))
            pieces.append((added.data, 0, len(added.data)))
            written[key] = added
            offset += len(added.data)
        # ASCII: keys that are not UTF-8 (surrogate escapes) survive the round trip.
        header = json.dumps({"keys": keys, "titles": titles}).encode("ascii")
        if sys.byteorder != "little":
            numbers.byteswap()
        head = MAGIC + len(header).to_bytes(_LENGTH, "little") + header + numbers.tobytes()
        return _Layout(head, pieces, written)

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
        for key in gone:
            self._drop(key)
        for key, added in put_since.items():
            self._drop(key)
            self._added[key] = added
            self._bytes += len(added.data)
        self._dirty = bool(put_since or gone)

    def _drop(self, key: str) -> None:
        self._bytes -= self._length(key)
        self._rows.pop(key, None)
        self._added.pop(key, None)

    def _open(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                head = handle.read(len(MAGIC) + _LENGTH)
                if len(head) < len(MAGIC) + _LENGTH or not head.startswith(MAGIC):
                    return
                length = int.from_bytes(head[len(MAGIC) :], "little")
                header = json.loads(handle.read(length).decode("ascii"))
                keys, titles = header["keys"], header["titles"]
                if not (isinstance(keys, list) and isinstance(titles, list)):
                    return
                numbers = array("q")
                numbers.frombytes(handle.read(len(keys) * _FIELDS * numbers.itemsize))
                size = os.fstat(handle.fileno()).st_size
                start = len(head) + length + len(numbers) * numbers.itemsize
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        except (OSError, ValueError, TypeError, KeyError, RecursionError):  # damaged: rewritten
            return
        if sys.byteorder != "little":
            numbers.byteswap()
        if mapped is None:
            return
        if len(numbers) != len(keys) * _FIELDS or len(titles) != len(keys):
            mapped.close()
            return
        rows: dict[str, int] = {}
        held = 0
        for row, key in enumerate(keys):
            base = row * _FIELDS
            offset, text_length, flags = numbers[base + 2 : base + 5]
            if (
                isinstance(key, str)
                and isinstance(titles[row], str)
                and numbers[base + 1] >= 0
                and offset >= 0
                and text_length >= 0
                and start + offset + text_length <= size
                and 0 <= flags <= ASCII | FOLDS
            ):
                numbers[base + 2] = start + offset  # offsets into the map from here on
                rows[key] = row
                held += text_length
        self._map, self._rows, self._numbers, self._titles = mapped, rows, numbers, titles
        self._bytes = held
