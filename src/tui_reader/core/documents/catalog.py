"""The facts of every document of a corpus, cheapest first, for the library.

:func:`scan_facts` yields ``(key, facts or error)`` in two passes: first every file whose facts
are cached or quick to read (text, Markdown estimated), in corpus order, so a library of
10,000 documents fills in a second or two; then the files that need a full load (Markdown made
exact, other formats converted), which may take much longer.  Each result goes into the
:class:`~tui_reader.core.documents.facts_cache.FactsCache`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_reader.core.documents.corpus import OUTSIDE_CORPUS, CorpusFile
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.facts import (
    QUICK_FORMATS,
    DocumentFacts,
    facts_of,
    quick_facts_text_and_raw,
)
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.formats import unsupported_reason
from tui_reader.core.documents.safe_read import MadeALink, listed_no_link, not_there
from tui_reader.core.documents.stamps import Stamp, stamp_of_stat
from tui_reader.core.errors import DocumentError

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace

Scanned = tuple[str, DocumentFacts | str]  # (key, facts or the reason it cannot be read)


def _stamp(path: str) -> Stamp | str:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        return not_there(path, exc)  # a link to a file that is not there says so
    except OSError as exc:
        return exc.strerror or "cannot read"
    return stamp_of_stat(st)


def _never_read(
    key: str,
    file: CorpusFile,
    kept: Mapping[str, tuple[Stamp, DocumentFacts]],
    loaded: Callable[[str], Document | None],
    read: Callable[[str], tuple[Stamp, DocumentFacts] | None],
) -> bool:
    """Whether ``file`` is one whose quick facts are read whatever its stamp: none are
    kept (``kept``: :meth:`FactsCache.kept`) or were read since (``read``), and its
    document is not in memory."""
    return (
        file.format in QUICK_FORMATS
        and key not in kept
        and read(key) is None
        and loaded(key) is None
    )


def _read_since(
    key: str,
    stamp: Stamp,
    read: Callable[[str], tuple[Stamp, DocumentFacts] | None],
    cache: FactsCache,
) -> DocumentFacts | None:
    """The facts of ``key`` read since the scan started (``read``) from its file as it is
    now (``stamp``), put into ``cache``; ``None`` when there are none."""
    seen = read(key)
    if seen is None or seen[0] != stamp:
        return None
    cache.put(key, stamp, seen[1])
    return seen[1]


def _unsupported(file: CorpusFile) -> str:
    return unsupported_reason(file.path.suffix)


@dataclass
class Looked:
    """What the facts cache answered for a listing (:func:`cached_facts`)."""

    found: list[Scanned]  # facts from the cache, or why a file cannot be read
    stamps: dict[str, Stamp]  # the stamp of every file that could be stat'ed
    left: list[tuple[str, CorpusFile]]  # files whose facts need a read (or a load)


def cached_facts(
    files: Sequence[tuple[str, CorpusFile]],
    cache: FactsCache,
    taken: Mapping[str, os.stat_result] | None = None,
) -> Looked:
    """What a second start shows at once: each file stat'ed once, its facts taken from the
    cache when its stamp matches.  Files with no facts cached, or estimated ones, are left for
    :func:`scan_facts` (given the stamps: not stat'ed again; a text or Markdown file never
    read is not stat'ed here at all: it is stamped as it is read).  ``taken``: the ``stat``
    of files taken a moment ago by location (the listing's, which looked at the plain texts
    of its folders: :func:`~.corpus.list_corpus_files`), used as they are, not taken
    again (8,000 of the bench's 10,000 files, 30 ms)."""
    looked = Looked([], {}, [])
    found, stamps, left = looked.found, looked.stamps, looked.left
    kept = cache.kept().get  # (the cache's stamps and facts, looked up without its lock)
    for key, file in files:
        form = file.format
        if form is None:
            found.append((key, _unsupported(file)))
            continue
        known = kept(key)
        if known is None and form in QUICK_FORMATS:
            left.append((key, file))
            continue
        st = taken.get(file.location) if taken else None
        stamp = stamp_of_stat(st) if st is not None else _stamp(file.location)
        if isinstance(stamp, str):
            found.append((key, stamp))
            continue
        stamps[key] = stamp
        facts = known[1] if known is not None and known[0] == stamp else None
        if facts is not None:
            found.append((key, facts))
        if facts is None or not facts.exact:
            left.append((key, file))
    return looked


def written_again(
    files: Sequence[tuple[str, CorpusFile]],
    cache: FactsCache,
    listed: Mapping[str, Stamp],
) -> list[str]:
    """The keys of ``files`` written again in place since their facts were read (the same
    name, a new text: a Word file saved again), which no folder's listing shows: the stamp
    of the file now is not the one the listing took (``listed``, :attr:`Looked.stamps`) or,
    for a file it did not stat (a text never read before), the one ``cache`` keeps its facts
    for.  One ``stat`` a file stamped; a file that could not be read again is not read
    again at each look (its listing's stamp is its own, not the cache's older one)."""
    again: list[str] = []
    for key, file in files:
        if file.format is None or file.outside:
            continue
        kept = listed.get(key)
        if kept is None:
            kept = cache.stamp(key)
            if kept is None:
                continue  # never stat'ed: the scan reads it
        if _stamp(file.location) != kept:
            again.append(key)
    return again


def scan_facts(
    files: Sequence[tuple[str, CorpusFile]],
    cache: FactsCache,
    load: Callable[[str], Document],
    cancelled: Callable[[], bool] = lambda: False,
    *,
    exact: bool = False,
    loaded: Callable[[str], Document | None] = lambda key: None,
    stamps: Mapping[str, Stamp] | None = None,
    read: Callable[[str], tuple[Stamp, DocumentFacts] | None] = lambda key: None,
    claim: Callable[[str], AbstractContextManager[object] | None] = lambda key: nullcontext(),
    texts: Callable[[str, str], None] | None = None,
) -> Iterator[Scanned]:
    """Facts of each ``(key, file)``; ``load(key)`` loads a document fully (the workspace's
    cache).  A key may be yielded twice: estimated first, exact later; with ``exact`` only
    exact facts are yielded (once per key).  ``loaded(key)``: the document if it is already
    in memory (its facts are then taken from it: no second read of the file).  ``stamps``:
    the files' stamps taken a moment ago (:func:`cached_facts`); a file not in it is stat'ed.
    ``read(key)``: the facts of the document as read since the scan started (by another
    thread: the query view), with the stamp of its file then: taken when the file is
    unchanged (no second read of it).  ``claim(key)``: held while the scan reads the file
    itself (a load of it by another thread, the reader opening it, waits for that read), or
    None when another thread is loading it now: its facts are then taken from that load once
    the other files are read, not from a read of its file beside it (a 50 MB text's bytes
    and text twice in memory at once).  ``texts(key, text)``: given the canonical text of
    each plain text or plain Markdown file the scan reads itself (its facts exact), before
    its facts are yielded: a caller that wants the text too reads the file once, not twice."""
    later: list[tuple[str, CorpusFile, Stamp]] = []
    # The cache's stamps and facts as the scan starts, looked up without its lock: each file
    # took it twice (does it know the file, then its facts), 20,000 takings for a listing of
    # 10,000 files, kept or not.  (A file's facts put meanwhile by another thread are read
    # again, at worst: the cache only saves time.)
    kept = cache.kept()
    for key, file in files:
        if cancelled():
            return
        if file.format is None:
            yield key, _unsupported(file)
            continue
        if file.outside:
            yield key, OUTSIDE_CORPUS
            continue
        known = stamps.get(key) if stamps is not None else None
        facts: DocumentFacts | None = None
        stamp: Stamp | None = None  # of a file never read: taken as it is opened (see below)
        if known is not None or not _never_read(key, file, kept, loaded, read):
            found = known if known is not None else _stamp(file.location)  # no Path made
            if isinstance(found, str):
                yield key, found
                continue
            stamp = found
            held = kept.get(key)
            facts = held[1] if held is not None and held[0] == stamp else None
            if facts is None or not facts.exact:
                facts = _read_since(key, stamp, read, cache) or facts
            document = loaded(key) if facts is None or not facts.exact else None
            if document is not None:
                facts = facts_of(document)
                cache.put(key, stamp, facts, document.source_sha256)
        if facts is None and file.format in QUICK_FORMATS:
            claimed = claim(key)
            if claimed is None:  # its facts come with that load (below: read since, or its copy)
                found = stamp if stamp is not None else _stamp(file.location)
                if isinstance(found, str):
                    yield key, found
                else:
                    later.append((key, file, found))
                continue
            problem = None
            made_a_link = False
            text: str | None = None
            raw = ""
            with claimed:  # nothing yielded while held: a load of it waits for this read alone
                try:  # no stat before: a tenth of a first list of 10,000 files
                    with nullcontext() if file.link else listed_no_link():
                        facts, text, stamp, raw = quick_facts_text_and_raw(
                            file.location, file.format, cache if key in kept else None, key
                        )
                except MadeALink:
                    made_a_link = True
                except DocumentError as exc:
                    problem = exc.reason
            if texts is not None and text is not None and facts is not None and facts.exact:
                texts(key, text)
            text = None  # (a big text's memory let go before its facts are yielded)
            if made_a_link:  # since the listing: loaded (below), where it leads looked at
                found = _stamp(file.location)
                if isinstance(found, str):
                    yield key, found
                else:
                    later.append((key, file, found))
                continue
            if problem is not None or facts is None or stamp is None:
                yield key, problem or "could not be read"
                continue
            cache.put(key, stamp, facts, raw)
        if facts is not None and (facts.exact or not exact):
            yield key, facts
        if (facts is None or not facts.exact) and stamp is not None:
            later.append((key, file, stamp))
    for key, file, stamp in later:
        if cancelled():
            return
        facts = _read_since(key, stamp, read, cache)
        if facts is not None:  # read meanwhile (the scan stepped aside for the query view)
            yield key, facts
            continue
        with nullcontext() if file.link else listed_no_link():
            facts = cache.current(key, file.location)  # touched, its bytes the same
        if facts is not None and facts.exact:
            yield key, facts
            continue
        try:
            document = load(key)
        except DocumentError as exc:
            yield key, exc.reason
            continue
        facts = facts_of(document)
        cache.put(key, stamp, facts, document.source_sha256)
        yield key, facts


def exact_facts(
    workspace: Workspace,
    keys: Iterable[str] | None = None,
    label: str = "",
    progress: Callable[[str, int], AbstractContextManager[Callable[[], None]]] | None = None,
    texts: Callable[[str, str], None] | None = None,
) -> dict[str, DocumentFacts | str]:
    """The exact facts of the corpus's documents (of ``keys`` when given: a key the corpus
    does not list is left out), from the facts the library and ``list`` keep of unchanged
    files, a changed or new file read; a document that cannot be read gives its reason.
    ``progress(label, total)``: a context giving what to call as each is found (10,000 files
    not known yet take seconds): the command's bar, the app's line.  ``texts``: given the
    text of each plain file read here (see :func:`scan_facts`)."""
    from tui_reader.locations import facts_cache_path

    wanted = None if keys is None else set(keys)
    files = [(k, f) for k, f in workspace.keyed_files() if wanted is None or k in wanted]
    cache = FactsCache(facts_cache_path(workspace.db))
    found: dict[str, DocumentFacts | str] = {}
    with (progress or _no_progress)(label, len(files) if label else 0) as advance:
        for key, facts in scan_facts(files, cache, workspace.document, exact=True, texts=texts):
            found[key] = facts
            advance()
    cache.save()
    return found


def _no_progress(_label: str, _total: int) -> AbstractContextManager[Callable[[], None]]:
    return nullcontext(lambda: None)
