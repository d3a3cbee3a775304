"""The Markdown export's blocks of each document's passages, kept between exports beside the
places cache.

A passage's block (its quote as a block quote, its block id, location, tags, time, coder and
note: see :mod:`.markdown`) is made from those facts alone; making 100,000 of them took 0.7 s
of CPU, a third of a Markdown export of documents unchanged, most of it the quotes and notes
escaped again.  This cache keeps, by document key, a digest of the facts its passages' blocks
were made from (in order: each block id, quote, location, the lines of its tags, time and
coder as this export writes them, and note, with this cache's release) and those blocks.  An
export whose passages of a document give the same digest takes its blocks; any fact changed
(a code renamed, a coder added, a passage moved, a note edited, another place found) gives
another digest, and its blocks are made again.  A document keeps the blocks of a few sets of
its passages (:data:`SETS_KEPT`, the last used first): an export of a code's keeps its own
beside the whole's.  An Obsidian vault's notes of documents hold the same blocks, and take them;
an export by tag shows each passage's quote and its facts after its source, cut out of its block.

Never the truth: a file that cannot be read, is damaged or is of another release (another
rule of making the blocks) is ignored; one that cannot be written is left unsaved, the export
written all the same.  Where it lives: :func:`tui_reader.locations.blocks_cache_path`.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui_reader.core.cache_files import read_cache_more, release_of, write_cache_documents
from tui_reader.core.digests import blake2b
from tui_reader.core.interchange.kept_sets import KeptSets

VERSION = 1

# The sets of a document's passages whose blocks are kept, the last used first: the whole
# export's and a part's (a code's)
SETS_KEPT = 2

# What is kept of one set of a document's passages: the digest of their facts and their blocks
Entry = tuple[str, list[str]]


@functools.cache
def release() -> str:
    """This cache's form and the rules that make a block (their modules' source)."""
    from tui_reader.core.interchange import markdown, markdown_text

    return release_of(VERSION, markdown, markdown_text)


def facts_digest(*columns: Sequence[str]) -> str:
    """A digest of ``columns`` (one string per passage each, of one document's passages in
    order), each string's length in it so no two sequences run together alike."""
    digest = blake2b(digest_size=16)
    digest.update(release().encode("ascii"))
    for column in columns:
        digest.update(array("q", map(len, column)).tobytes())
        digest.update("".join(column).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class KeptBlocks(KeptSets[Entry]):
    """The blocks of each document's passages, by key; the file at ``path`` read when first
    asked (None: nothing kept), ``placements`` telling which documents are still placed (the
    others' left out when it is written)."""

    def _load(self, path: Path) -> dict[str, list[Entry]]:
        return _read(path)

    def known(self, key: str, digest: str, count: int) -> list[str] | None:
        """The ``count`` blocks of ``key``'s passages whose facts' digest is ``digest``;
        None: not kept (made again)."""
        entries = self._kept.get(key)
        if not entries:
            return None
        at = next((n for n, entry in enumerate(entries) if entry[0] == digest), None)
        if at is None or len(entries[at][1]) != count:
            return None
        return self._used(entries, at)[1]

    def put(self, key: str, digest: str, blocks: list[str]) -> None:
        """``blocks``: those made of ``key``'s passages whose facts' digest is ``digest``,
        kept first (at most :data:`SETS_KEPT` sets in all)."""
        entries = self._kept.get(key) or []
        others = [e for e in entries if e[0] != digest]
        self._kept[key] = [(digest, blocks), *others[: SETS_KEPT - 1]]
        self._dirty = True

    def save(self) -> None:
        """Write the file when an entry was put (atomically; an error is ignored), without
        the documents the placement cache no longer knows."""
        if self.path is None or not self._dirty:
            return
        records: dict[str, Any] = {
            key: [[digest, blocks] for digest, blocks in entries]
            for key, entries in self._kept.items()
            if self._placements.mark(key) is not None
        }
        self._dirty = False
        write_cache_documents(self.path, release(), records, plain=True)


def _read(path: Path) -> dict[str, list[Entry]]:
    """The entries of the file at ``path``; none when it is missing, damaged or of another
    release (one entry not as :meth:`KeptBlocks.save` writes it, and the file is taken as
    damaged)."""
    # (typed: orjson at once, no look for numbers it might not keep, as every value is
    # checked to be a string or a list: the file holds no number, but a block's many digits)
    records, _ = read_cache_more(path, release(), typed=True)
    entries: dict[str, list[Entry]] = {}
    for key, sets in records.items():
        if type(sets) is not list or not sets:
            return {}
        kept: list[Entry] = []
        for one in sets:
            if not (type(one) is list and len(one) == 2 and type(one[0]) is str):
                return {}
            digest, blocks = one
            if type(blocks) is not list or not all(type(b) is str for b in blocks):
                return {}
            kept.append((digest, blocks))
        entries[key] = kept[:SETS_KEPT]
    return entries
