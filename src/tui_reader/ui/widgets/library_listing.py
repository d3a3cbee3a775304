"""The library's reading of the corpus, in its worker threads: the corpus listed with what the
facts cache knows of each file (:func:`list_corpus`), then the facts it did not know read in
batches (:func:`scan_in_batches`).

Loaded when the library first lists (after the first screen): the facts, the cache and the
scan are not needed to paint it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tui_reader.core.collector import collector_paused
from tui_reader.core.documents.catalog import (
    Looked,
    Scanned,
    cached_facts,
    scan_facts,
    written_again,
)
from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path

BATCH_SECONDS = 0.05  # the scan hands over what it found this often (not once per document)
# Files whose stamps one look takes (~3.5 ms of stat): a corpus of 10,000 is looked at whole
# in five of the library's ticks.
STAMPS_A_LOOK = 2_000


@dataclass
class Listing:
    """The corpus listed: ``(key, file)`` of each file in order, the folders that could not be
    read, the facts cache and what it knew of the files, the workspace's listing shown."""

    files: list[tuple[str, CorpusFile]]
    unreadable: list[str]
    cache: FactsCache
    looked: Looked
    generation: int


def list_corpus(
    workspace: Workspace, *, again: bool, written: frozenset[str] = frozenset()
) -> Listing:
    """List the corpus of ``workspace`` (``again``: anew if a folder changed, else as it was
    listed last, maybe elsewhere) and look its files up in the facts cache (one ``stat`` a
    file: the listing's own when it listed them now).  ``written``: the keys of files
    written again in place, which no folder's time shows: anew too when one is a plain
    text, which may be our Markdown export now (``export > docs/a.txt``), left out of the
    listing."""
    before = workspace.listing_generation
    with collector_paused():  # ~100,000 objects made to live on (see ui.collector)
        if again and (workspace.listing_changed() or _texts_among(workspace, written)):
            workspace.refresh_files()
        files = workspace.keyed_files()
        generation = workspace.listing_generation
        # The stats of files the listing took, when it listed them now (a listing made
        # before, by the corpus search, may be seconds old: its files are stat'ed again).
        taken = workspace.take_listing_stats(generation) if generation != before else {}
        cache = FactsCache(facts_cache_path(workspace.db))
        cache.keep_only({key for key, _ in files})
        looked = cached_facts(files, cache, taken)
    return Listing(files, workspace.unreadable_folders, cache, looked, generation)


def listing_head(workspace: Workspace) -> list[tuple[str, CorpusFile, DocumentFacts]] | None:
    """The first files of the listing of ``workspace`` and their facts, as the last run kept
    them when nothing since changed them (see :mod:`~tui_reader.core.documents.listing_head`);
    ``None`` otherwise."""
    from tui_reader.core.documents.listing_head import head_path, kept_head

    return kept_head(head_path(facts_cache_path(workspace.db)), str(workspace.corpus))


def keep_listing_head(workspace: Workspace, cache: FactsCache) -> None:
    """Keep the first files of the last listing of ``workspace``, with their facts in
    ``cache``, for the next run's library to show while it lists (quiet: a cache)."""
    from tui_reader.core.documents.listing_head import head_path, keep_head

    keep_head(
        head_path(facts_cache_path(workspace.db)),
        str(workspace.corpus),
        workspace.keyed_files(),
        workspace.listed_folders(),
        cache,
    )


def _texts_among(workspace: Workspace, keys: frozenset[str]) -> bool:
    """Whether one of ``keys`` is a plain text of the listing of ``workspace``."""
    return bool(keys) and any(
        key in keys and file.format == "text" for key, file in workspace.keyed_files()
    )


def scan_in_batches(
    workspace: Workspace,
    looked: Looked,
    cache: FactsCache,
    cancelled: Callable[[], bool],
    every: float = BATCH_SECONDS,
) -> Iterator[tuple[list[Scanned], int, bool]]:
    """The facts of the files the listing did not find cached (``looked.left``), cheapest
    first: ``(batch, done so far, last)`` with what was read in each ``every`` seconds; the
    last batch (maybe empty) comes when every file was read or ``cancelled`` says stop.  The
    facts cache is saved once every file was read (what a second start needs, even if the app
    quits then) and at the end."""
    files = looked.left
    batch: list[Scanned] = []
    done = 0
    sent = time.monotonic()
    scanned = scan_facts(
        files,
        cache,
        workspace.document,
        cancelled,
        loaded=workspace.loaded,
        stamps=looked.stamps,
        read=workspace.facts_read,  # by the query view while the scan stepped aside
        claim=workspace.claim,  # the reader's load of a file waits for the scan's read
    )
    for result in scanned:
        batch.append(result)
        done += 1
        if done == len(files):
            cache.save()
            keep_listing_head(workspace, cache)  # (a first scan: the next start shows it)
        now = time.monotonic()
        if now - sent >= every:
            yield batch, done, False
            batch, sent = [], now
    cache.save()
    yield batch, done, True


class StampLooks:
    """The library's looks at its files' stamps (a file written again in place, which no
    folder's time shows), :data:`STAMPS_A_LOOK` files at a time, taking turns round the
    corpus."""

    def __init__(self, every: int = STAMPS_A_LOOK) -> None:
        self.every = every
        self._next = 0

    def look(self, workspace: Workspace, looked: Looked, cache: FactsCache) -> list[str]:
        """The keys of the next files in turn that were written again since they were
        listed or read (in a worker: one ``stat`` a file)."""
        files = workspace.keyed_files()
        if not files:
            return []
        start = self._next if self._next < len(files) else 0
        turn = files[start : start + self.every]
        self._next = start + len(turn)
        return written_again(turn, cache, looked.stamps)
