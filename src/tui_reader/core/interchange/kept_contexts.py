"""The W3C export's quote contexts lengthened to name one place, kept between exports beside
the places cache.

A quote's context is lengthened until it occurs once in its text (see :mod:`.w3c_context`):
that needs the text, and reading 10,000 texts (100 MB) for it made a W3C export of documents
known in place take 0.8 s of CPU more, where no text is read for the csv and Markdown
places.  What it finds depends on the text and on the passages' spans and kept contexts
alone, so this cache keeps, by document key, the hash of the text they were found in, a
digest of the passages looked at (their start, end, prefix and suffix, in order) and the
contexts lengthened among them, by their place in that order (most documents: none).  An
export whose passages of a document are those, placed on a text of that hash (the placement
cache's: a file touched, its bytes the same, keeps it), takes them and reads no text;
another text, a passage added, moved or given another context is looked at in the text
again.  A document keeps the contexts of a few sets of its passages (:data:`SETS_KEPT`,
the last used first): an export of a part of them (``--tag``) keeps its own beside the
whole's, which the next export of the whole still finds (a part's replaced them: that
export read again the text of every document the part held, 0.4 s of CPU more after a
code of 4,000 passages, 0.7 s after a theme of 20,000).

Never the truth: a file that cannot be read, is damaged or is of another release (another
rule of lengthening) is ignored; one that cannot be written is left unsaved.  Where it lives:
:func:`tui_reader.locations.contexts_cache_path`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui_reader.core.annotations.placement_cache import places_mark
from tui_reader.core.cache_files import read_cache_more, release_of, write_cache_documents
from tui_reader.core.interchange.kept_sets import KeptSets

VERSION = 2

# The sets of a document's passages whose contexts are kept, the last used first: the whole
# export's and those of a few parts of it (a code's, a coder's)
SETS_KEPT = 4

# The contexts lengthened among a document's passages: (place among them, prefix, suffix)
Lengthened = list[tuple[int, str, str]]
# What is kept of one set of a document's passages: the hash of the text they were looked at
# in, their mark (see passages_mark) and the contexts lengthened among them
Entry = tuple[str, str, Lengthened]


@functools.cache
def release() -> str:
    """This cache's form and the rules that lengthen a context (their module's source)."""
    from tui_reader.core.interchange import w3c_context

    return release_of(VERSION, w3c_context)


def passages_mark(passages: Sequence[tuple[int, int, str, str]]) -> str:
    """A digest of a document's passages looked at: each one's start, end, prefix and
    suffix, in order."""
    return places_mark(passages)


class KeptContexts(KeptSets[Entry]):
    """The contexts lengthened of each document's passages, by key (the text's hash, the
    passages' mark and the contexts lengthened of each set of its passages kept, the last
    used first); the file at ``path`` read when first asked (None: nothing kept),
    ``placements`` telling the hash of the text each document's passages were placed on."""

    def _load(self, path: Path) -> dict[str, list[Entry]]:
        return _read(path)

    def known(self, key: str, mark: str) -> Lengthened | None:
        """The contexts lengthened of ``key``'s passages whose :func:`passages_mark` is
        ``mark``, when they were found in the text its passages were placed on (as the
        placement cache says now); None: not known, looked at in its text."""
        entries = self._kept.get(key)
        if not entries:
            return None
        at = next((n for n, entry in enumerate(entries) if entry[1] == mark), None)
        if at is None:
            return None
        entry = entries[at]
        sha = self._placements.placed_sha256(key)
        if not sha or entry[0] != sha or self._placements.mark(key) is None:
            return None
        return self._used(entries, at)[2]

    def put(self, key: str, sha256: str, mark: str, lengthened: Lengthened) -> None:
        """``lengthened``: what :func:`.w3c_context.unique_context` found of ``key``'s
        passages whose :func:`passages_mark` is ``mark``, in the text of hash ``sha256``;
        kept first, before those of its other sets of passages found in that text (at most
        :data:`SETS_KEPT` in all)."""
        entry = (sha256, mark, lengthened)
        entries = self._kept.get(key) or []
        if entries[:1] == [entry]:
            return
        others = [e for e in entries if e[1] != mark and e[0] == sha256]
        self._kept[key] = [entry, *others[: SETS_KEPT - 1]]
        self._dirty = True

    def save(self) -> None:
        """Write the file when an entry was put (atomically; errors are ignored), with only
        the entries found in the text each document's passages are placed on now."""
        if self.path is None or not self._dirty:
            return
        records: dict[str, Any] = {}
        for key, entries in self._kept.items():
            sha = self._placements.placed_sha256(key)
            rows = [
                [mark, [list(one) for one in lengthened]]
                for kept_sha, mark, lengthened in entries
                if kept_sha == sha
            ]
            if rows:
                records[key] = [sha, rows]
        self._dirty = False
        write_cache_documents(self.path, release(), records, plain=True)


def _read(path: Path) -> dict[str, list[Entry]]:
    """The entries of the file at ``path``; none when it is missing, damaged or of another
    release (one entry not as :meth:`KeptContexts.save` writes it, and the file is taken as
    damaged)."""
    records, _ = read_cache_more(path, release())
    entries: dict[str, list[Entry]] = {}
    for key, record in records.items():
        try:
            sha, sets = record
        except (TypeError, ValueError):
            return {}
        if type(sha) is not str or type(sets) is not list or not sets:
            return {}
        kept: list[Entry] = []
        for one in sets:
            if not (type(one) is list and len(one) == 2 and type(one[0]) is str):
                return {}
            mark, rows = one
            if type(rows) is not list:
                return {}
            lengthened: Lengthened = []
            for row in rows:
                if not (
                    type(row) is list
                    and len(row) == 3
                    and type(row[0]) is int
                    and type(row[1]) is str
                    and type(row[2]) is str
                ):
                    return {}
                lengthened.append((row[0], row[1], row[2]))
            kept.append((sha, mark, lengthened))
        entries[key] = kept[:SETS_KEPT]
    return entries
