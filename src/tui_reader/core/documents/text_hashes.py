"""The hash of each file's canonical text, by the file's absolute path and its stamp (its
modification time, size, change time and inode: :mod:`~tui_reader.core.documents.stamps`),
one cache shared by every database.

The other caches of texts and places are kept per database and keyed by its document keys,
which are paths relative to the database's folder: a copy of a database in another folder
names every file by another key, and none of them tells it anything.  Re-linking that copy's
annotations to the files of their texts asked every file's text's hash, and loaded each
file for it (10,000 documents).  This cache tells the hash of a file whose stamp is the one
it was kept with, read by the converters of this version (:func:`texts_version`): the same
hash of the same text, no file read; and the text's title, so the placement cache a relink
fills holds what loading the file would have put there.

Never the truth, like the other caches: a changed stamp misses, and a cache file that is no
regular file (a FIFO, a symbolic link, a folder), is damaged or of another version is no
cache (read as empty, written anew).  It keeps the :data:`LIMIT` files kept last.  Where it
lives: :func:`tui_reader.locations.text_hashes_path`."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from tui_reader.core.cache_files import read_cache_documents, write_cache_documents
from tui_reader.core.documents.formats import texts_version
from tui_reader.core.documents.stamps import Stamp

VERSION = 2  # 2: the title kept beside the hash
LIMIT = 100_000  # files kept: those kept last (a few MB)
_HALF = 1 << 63


def cache_version() -> str:
    """The hashes hold for this cache's layout and the converters that made the texts."""
    return f"{VERSION}/{texts_version()}"


def stamp_of_placed(stamp: tuple[int, int, int, int]) -> Stamp:
    """The stamp a placement cache keeps (``(mtime_ns, ctime_ns, size, inode)``, the inode
    as ``os.stat`` gives it) as :mod:`~tui_reader.core.documents.stamps` reads it."""
    mtime, ctime, size, inode = stamp
    return (mtime, size, ctime, (inode + _HALF) % (2 * _HALF) - _HALF)


class TextHashes:
    """Text hashes by absolute file path, each with the stamp of the file it was read from;
    the file at ``path`` read when first asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] | None = None
        self._new: dict[str, _Entry] = {}

    def _kept(self) -> dict[str, _Entry]:
        if self._entries is None:
            self._entries = _read(self.path)
        return self._entries

    def sha256(self, where: str, stamp: Stamp | None) -> str | None:
        """The hash of the text of the file at ``where`` when it was read from a file of
        ``stamp``, else None."""
        known = self.text(where, stamp)
        return None if known is None else known[0]

    def text(self, where: str, stamp: Stamp | None) -> tuple[str, str | None] | None:
        """The hash and title (None: not kept) of the text of the file at ``where`` when it
        was read from a file of ``stamp``, else None."""
        if stamp is None:
            return None
        with self._lock:
            known = self._new.get(where) or self._kept().get(where)
        return (known[1], known[2]) if known is not None and known[0] == stamp else None

    def put(self, where: str, stamp: Stamp, sha256: str, title: str | None = None) -> None:
        """The text read from the file at ``where``, of ``stamp``, has hash ``sha256`` and
        ``title``."""
        with self._lock:
            if self._kept().get(where) != (stamp, sha256, title):
                self._new[where] = (stamp, sha256, title)

    def save(self) -> None:
        """Add the hashes put since to the file as it is now (another process may have
        written it meanwhile), the oldest beyond :data:`LIMIT` left out; quiet."""
        with self._lock:
            new, self._new = self._new, {}
            if self.path is None or not new:
                return
            entries = _read(self.path)
            for where in new:
                entries.pop(where, None)  # kept last: at the end
            entries.update(new)
            for where in list(entries)[: max(0, len(entries) - LIMIT)]:
                del entries[where]
            self._entries = entries
            records = {
                where: [*stamp, sha, title] for where, (stamp, sha, title) in entries.items()
            }
        write_cache_documents(self.path, cache_version(), records, plain=True)


_Entry = tuple[Stamp, str, str | None]  # the file's stamp, its text's hash and title


def _read(path: Path | None) -> dict[str, _Entry]:
    if path is None:
        return {}
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):  # a symbolic link put there: none
            return {}
    except OSError:
        return {}
    entries: dict[str, _Entry] = {}
    for where, record in read_cache_documents(path, cache_version()).items():
        if type(record) is not list or len(record) != 6:
            continue
        mtime, size, ctime, inode, sha, title = record
        if (
            type(mtime) is int
            and type(size) is int
            and type(ctime) is int
            and type(inode) is int
            and type(sha) is str
            and len(sha) == 64
            and (title is None or type(title) is str)
        ):
            entries[where] = ((mtime, size, ctime, inode), sha, title)
    return entries
