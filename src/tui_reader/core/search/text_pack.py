"""The canonical texts of a corpus in one file, for searching it again without reading,
decoding and converting 10,000 files.

Searching a corpus is reading every document's canonical text: for 10,000 files that is
10,000 opens, decodings in pure Python and Markdown renderings, where ``grep`` only reads
bytes.  The pack keeps each document's canonical text (UTF-8) with its title, keyed on the
document key and stamped with the file's modification time and size, like the facts cache:
never the truth.  A file whose stamp changed is read again; a pack that cannot be read or
parsed (damaged, from another version) is ignored and rewritten.  A search reads the texts
from the pack, mapped into memory (the pages are the system's file cache, not the process's
memory), and runs the very search it runs on a file's text on the same text.

The file: a magic line, the length of the index, the index (JSON: key -> mtime, size,
offset, length, title, ASCII or not), then the texts.  It is rewritten whole when something
changed (to a temporary file renamed into place: a reader always sees a whole pack), holding
the documents still listed, up to ``max_bytes`` of text.  Where it lives is decided in
:func:`tui_reader.locations.texts_cache_path`.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tui_reader.core.cache_files import write_cache_file
from tui_reader.locations import DEFAULT_CACHE_BYTES

MAGIC = b"tui-reader texts 1\n"
_LENGTH = 8  # bytes of the index's length, little-endian
Stamp = tuple[int, int]  # (mtime_ns, size), as workspace.file_stamp gives it


@dataclass(slots=True)
class PackedText:
    """A document's entry: the stamp of the file its text was read from, its title, where
    its UTF-8 text lies in the pack (or the text itself, put since the pack was read)."""

    stamp: Stamp
    title: str
    offset: int
    length: int
    ascii: bool  # every character of the text is ASCII
    data: bytes | None = None


class TextPack:
    """Canonical texts by document key, each with the stamp of the file it was read from."""

    def __init__(self, path: Path | None, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: dict[str, PackedText] = {}
        self._map: mmap.mmap | None = None
        self._bytes = 0  # of text held
        self._dirty = False
        self._opened = path is None  # read on first use: not in a screen's constructor

    def __len__(self) -> int:
        with self._lock:
            self._open_once()
            return len(self._entries)

    def get(self, key: str, stamp: Stamp) -> tuple[str, str] | None:
        """``(title, text)`` of ``key`` if it was read from a file with this ``stamp``."""
        found = self.get_bytes(key, stamp)
        if found is None:
            return None
        return found[0], found[1].decode("utf-8", "surrogatepass")

    def get_bytes(self, key: str, stamp: Stamp) -> tuple[str, bytes, bool] | None:
        """``(title, text as UTF-8, whether it is ASCII)`` of ``key`` for this ``stamp``."""
        with self._lock:
            self._open_once()
            entry = self._entries.get(key)
            if entry is None or entry.stamp != stamp:
                return None
            if entry.data is not None:
                return entry.title, entry.data, entry.ascii
            assert self._map is not None
            return entry.title, self._map[entry.offset : entry.offset + entry.length], entry.ascii

    def put(self, key: str, stamp: Stamp, title: str, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        with self._lock:
            self._open_once()
            old = self._entries.get(key)
            held = self._bytes - (old.length if old is not None else 0)
            if held + len(data) > self.max_bytes:
                return  # full: this text is read from its file each time
            self._entries[key] = PackedText(stamp, title, 0, len(data), text.isascii(), data)
            self._bytes = held + len(data)
            self._dirty = True

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents no longer in the corpus."""
        with self._lock:
            self._open_once()
            for key in [k for k in self._entries if k not in keys]:
                self._bytes -= self._entries.pop(key).length
                self._dirty = True

    def save(self) -> None:
        """Write the pack if anything changed (atomically; errors are ignored: the pack only
        saves time)."""
        with self._lock:
            if self.path is None or not self._dirty:
                return
            self._dirty = False
            if not write_cache_file(self.path, self._write):
                return
            self._close_map()
            self._entries, self._bytes = {}, 0
            self._open(self.path)  # the texts put since are now in the file

    def close(self) -> None:
        with self._lock:
            self._close_map()
            self._entries = {}
            self._opened = True

    def _open_once(self) -> None:
        if not self._opened:
            self._opened = True
            assert self.path is not None
            self._open(self.path)

    # -- the file -----------------------------------------------------------------------------

    def _write(self, handle: BinaryIO) -> None:
        index: dict[str, list[object]] = {}
        offset = 0
        for key, e in self._entries.items():
            index[key] = [e.stamp[0], e.stamp[1], offset, e.length, e.title, e.ascii]
            offset += e.length
        # ASCII: keys that are not UTF-8 (surrogate escapes) survive the round trip.
        header = json.dumps({"documents": index}).encode("ascii")
        handle.write(MAGIC + len(header).to_bytes(_LENGTH, "little") + header)
        for e in self._entries.values():
            if e.data is not None:
                handle.write(e.data)
            else:
                assert self._map is not None
                handle.write(self._map[e.offset : e.offset + e.length])

    def _open(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                head = handle.read(len(MAGIC) + _LENGTH)
                if len(head) < len(MAGIC) + _LENGTH or not head.startswith(MAGIC):
                    return
                length = int.from_bytes(head[len(MAGIC) :], "little")
                index = json.loads(handle.read(length).decode("ascii"))
                size = os.fstat(handle.fileno()).st_size
                start = len(head) + length
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        except (OSError, ValueError, RecursionError):  # damaged: ignored, rewritten
            return
        entries = _entries(index, start, size)
        if mapped is None and any(e.length for e in entries.values()):
            return
        self._map = mapped
        self._entries = entries
        self._bytes = sum(e.length for e in entries.values())

    def _close_map(self) -> None:
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a slice still referenced: left to GC
                self._map.close()
            self._map = None


def _entries(index: object, start: int, size: int) -> dict[str, PackedText]:
    """The well-formed entries of ``index`` whose text lies within the file."""
    documents = index.get("documents") if isinstance(index, dict) else None
    if not isinstance(documents, dict):
        return {}
    entries: dict[str, PackedText] = {}
    for key, record in documents.items():
        try:
            mtime, file_size, offset, length, title, ascii = record
        except (TypeError, ValueError):
            continue
        if (
            all(type(n) is int and n >= 0 for n in (mtime, file_size, offset, length))
            and isinstance(title, str)
            and isinstance(ascii, bool)
            and start + offset + length <= size
        ):
            entries[key] = PackedText((mtime, file_size), title, start + offset, length, ascii)
    return entries
