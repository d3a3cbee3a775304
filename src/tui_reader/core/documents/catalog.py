"""The facts of every document of a corpus, cheapest first, for the library.

:func:`scan_facts` yields ``(key, facts or error)`` in two passes: first every file whose facts
are cached or quick to read (text, Markdown estimated), in corpus order, so a library of
10,000 documents fills in a second or two; then the files that need a full load (Markdown made
exact, other formats converted), which may take much longer.  Each result goes into the
:class:`~tui_reader.core.documents.facts_cache.FactsCache`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.facts import QUICK_FORMATS, DocumentFacts, facts_of, quick_facts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.stamps import Stamp
from tui_reader.core.errors import DocumentError

Scanned = tuple[str, DocumentFacts | str]  # (key, facts or the reason it cannot be read)


def _stamp(path: str) -> Stamp | str:
    try:
        st = os.stat(path)
    except OSError as exc:
        return exc.strerror or "cannot read"
    return (st.st_mtime_ns, st.st_size)


def scan_facts(
    files: Sequence[tuple[str, CorpusFile]],
    cache: FactsCache,
    load: Callable[[str], Document],
    cancelled: Callable[[], bool] = lambda: False,
    *,
    exact: bool = False,
    loaded: Callable[[str], Document | None] = lambda key: None,
) -> Iterator[Scanned]:
    """Facts of each ``(key, file)``; ``load(key)`` loads a document fully (the workspace's
    cache).  A key may be yielded twice: estimated first, exact later; with ``exact`` only
    exact facts are yielded (once per key).  ``loaded(key)``: the document if it is already
    in memory (its facts are then taken from it: no second read of the file)."""
    later: list[tuple[str, CorpusFile, Stamp]] = []
    for key, file in files:
        if cancelled():
            return
        if file.format is None:
            yield key, f"unsupported file type {file.path.suffix!r}"
            continue
        stamp = _stamp(file.location)  # no Path made
        if isinstance(stamp, str):
            yield key, stamp
            continue
        facts = cache.get(key, stamp)
        document = loaded(key) if facts is None or not facts.exact else None
        if document is not None:
            facts = facts_of(document)
            cache.put(key, stamp, facts)
        if facts is None and file.format in QUICK_FORMATS:
            try:
                facts = quick_facts(file.path, file.format)
            except DocumentError as exc:
                yield key, exc.reason
                continue
            cache.put(key, stamp, facts)
        if facts is not None and (facts.exact or not exact):
            yield key, facts
        if facts is None or not facts.exact:
            later.append((key, file, stamp))
    for key, _file, stamp in later:
        if cancelled():
            return
        try:
            facts = facts_of(load(key))
        except DocumentError as exc:
            yield key, exc.reason
            continue
        cache.put(key, stamp, facts)
        yield key, facts
