"""The titles found of clean plain text files, by the hash of each file's bytes, kept between
exports beside the placement cache.

An export with every document placed again (every file touched, or the caches lost) reads
each annotated file and finds its canonical text and title as the corpus search does (see
:mod:`.records_in_place`): for 8,000 plain texts of 10 KB, telling that each needs no
cleaning (its text is then its bytes decoded) and finding its title line took about a fifth
of a second beyond reading and hashing them, at each Markdown export (the format that shows
titles; another looks for none, and tells the cleaning as fast as an entry would).  Both
depend on the file's bytes, its name (a text without a title line is titled by it: the
entries are by document key) and the rules that find them (see :func:`release`), so they
are kept by document key with the hash of the bytes they were found of: a file read again
with the same bytes (touched, copied back) is its bytes decoded, with the kept title; a file
edited has other bytes, and is read as before.  Only clean UTF-8 plain texts are kept: a
Markdown file is rendered again (its text kept too made the file seventeen times the size,
and reading it cost what the rendering saved), a text to clean or subtitles saved as text
found again.

Never the truth: a file that cannot be read, is damaged or is of another release is
ignored, an entry not of the form written is ignored; one that cannot be written is left
unsaved.  Where it lives: :func:`tui_reader.locations.texts_read_cache_path`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection
from pathlib import Path

from tui_reader.core.cache_files import read_cache_documents, release_of, write_cache_documents

VERSION = 1

Canonical = tuple[str, str, bytes | None]  # title, canonical text, the text's UTF-8 if the file's
Entry = tuple[str, str | None]  # the bytes' hash, the title (None: not looked for)


@functools.cache
def release() -> str:
    """What a kept entry depends on besides its file's bytes and name: this cache's form and
    the rules that find a plain text's text and title, as the source of every module they
    live in, so that a change to any of them misses every entry rather than giving an old
    title, or a text to clean as clean."""
    from tui_reader.core import lazy_pattern, rare_find
    from tui_reader.core.documents import document, facts, formats, sanitize, titles, turns
    from tui_reader.core.search import corpus

    modules = (corpus, facts, document, titles, turns, formats, sanitize, rare_find)
    return release_of(VERSION, *modules, lazy_pattern)


class TextsRead:
    """The entries kept in the file at ``path`` (None: nothing kept), read when first asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Entry] | None = None
        self._dirty = False

    @property
    def _kept(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = _read(self.path) if self.path is not None else {}
        return self._entries

    def load(self) -> None:
        """Read the file now (else when first asked)."""
        self._kept  # noqa: B018 - read for what it does

    def of(self, key: str, titled: bool) -> KeptRead:
        """What the reading of the plain text ``key`` (``titled``: its title wanted) asks
        first, with the entry kept for it."""
        return KeptRead(self._kept.get(key), titled)

    def put(self, key: str, entry: Entry) -> None:
        """Keep ``entry`` (as :attr:`KeptRead.found` gave it) for the document ``key``."""
        kept = self._kept
        if kept.get(key) != entry:
            kept[key] = entry
            self._dirty = True

    def save(self, wanted: Collection[str]) -> None:
        """Write the file when an entry was put (atomically; errors are ignored), with only
        the entries of the documents ``wanted`` (those listed now): a file gone is forgotten."""
        if self.path is None or not self._dirty:
            return
        self._dirty = False
        records = {key: list(entry) for key, entry in self._kept.items() if key in wanted}
        write_cache_documents(self.path, release(), records, plain=True)


class KeptRead:
    """A plain text's reading, as the corpus search's ``memo``: given the file's bytes and
    what finds their text, the bytes decoded and the kept title when the entry is of these
    bytes, else what is found (and, in :attr:`found`, the entry to keep of it, if any).
    :attr:`digest`: the bytes' hash (the text's when it is the bytes: not hashed twice)."""

    def __init__(self, entry: Entry | None, titled: bool) -> None:
        self.entry = entry
        self.titled = titled
        self.digest = ""
        self.found: Entry | None = None

    def __call__(self, data: bytes, find: Callable[[], Canonical]) -> Canonical:
        digest = self.digest = hashlib.sha256(data).hexdigest()
        entry = self.entry
        if entry is not None and entry[0] == digest and (entry[1] is not None or not self.titled):
            try:
                return (entry[1] or "") if self.titled else "", data.decode("utf-8"), data
            except UnicodeDecodeError:  # not what was kept: found again
                pass
        title, _, utf8 = found = find()
        if utf8 is not None:  # a clean UTF-8 plain text: its text is its bytes
            self.found = (digest, title if self.titled else None)
        return found


def _read(path: Path) -> dict[str, Entry]:
    """The entries the file at ``path`` keeps, each of the form written (others left out);
    none when it is missing, damaged or of another release."""
    entries: dict[str, Entry] = {}
    for key, record in read_cache_documents(path, release()).items():
        if type(record) is not list or len(record) != 2:
            continue
        digest, title = record
        if (
            type(digest) is not str
            or len(digest) != 64
            or not (title is None or type(title) is str)
        ):
            continue
        entries[key] = (digest, title)
    return entries
