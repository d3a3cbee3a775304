"""The texts found to hold no speaker's turn (:func:`~tui_reader.core.documents.turns.
find_turns` gives none), by the hash of each, kept between exports beside the places cache.

An export with every document placed again (every file touched, or the caches lost) finds
where each passage lies in its document's text read just now: its line, how far in, and the
speaker's turn it is in (see :mod:`.places_in_text`).  Most texts are no transcript, and
telling so of 10,000 texts (100 MB) took a quarter of a second at every such export.
Whether a text holds turns depends on that text alone and on the rules that find them (see
:func:`release`), so the hashes of the texts that hold none are kept: a text of one of them
is not looked at again.  A text edited has another hash, looked at; a text that holds turns
is not kept, its turns found each time.

Never the truth: a file that cannot be read, is damaged or is of another release is
ignored; one that cannot be written is left unsaved.  Where it lives:
:func:`tui_reader.locations.turnless_cache_path`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from tui_reader.core.cache_files import read_cache_more, release_of, write_cache_documents

VERSION = 1


@functools.cache
def release() -> str:
    """What a kept hash depends on besides its text: this cache's form and the rules that
    find turns, as the source of every module they live in, so that a change to any of them
    misses every kept hash rather than taking a transcript for a text without turns."""
    from tui_reader.core import lazy_pattern, rare_find
    from tui_reader.core.documents import turns

    return release_of(VERSION, turns, lazy_pattern, rare_find)


class TurnlessTexts:
    """The hashes (SHA-256, hexadecimal) of the texts that hold no speaker's turn; the file
    at ``path`` read when first asked (None: nothing kept)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._hashes: set[str] | None = None
        self._dirty = False

    @property
    def _kept(self) -> set[str]:
        if self._hashes is None:
            self._hashes = _read(self.path) if self.path is not None else set()
        return self._hashes

    def holds_none(self, sha256: str) -> bool:
        """Whether the text of hash ``sha256`` was found to hold no turn."""
        return sha256 in self._kept

    def found_none(self, sha256: str) -> None:
        """The text of hash ``sha256`` holds no turn (as find_turns found just now)."""
        kept = self._kept
        if sha256 not in kept:
            kept.add(sha256)
            self._dirty = True

    def save(self, wanted: Iterable[str]) -> None:
        """Write the file when a hash was added (atomically; errors are ignored), with only
        the hashes of ``wanted`` (the texts the database's documents had when last placed):
        a text edited away is forgotten."""
        if self.path is None or not self._dirty:
            return
        hashes = sorted(self._kept.intersection(wanted))
        self._dirty = False
        write_cache_documents(self.path, release(), {}, turnless=hashes)


def _read(path: Path) -> set[str]:
    """The hashes the file at ``path`` keeps; none when it is missing, damaged or of another
    release (a value that is no hash, and the file is taken as damaged)."""
    _, more = read_cache_more(path, release())
    hashes = more.get("turnless")
    if type(hashes) is not list:
        return set()
    if not all(type(h) is str and len(h) == 64 for h in hashes):
        return set()
    return set(hashes)
