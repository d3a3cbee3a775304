"""The first rows of the corpus listing kept between runs: the library shows them at start
while the listing is made.

The app's listing of a corpus of 10,000 files (a ``scandir`` a folder, a ``stat`` a plain
text, the facts cache read and checked) takes a fifth of a second of CPU, and the library's
first rows waited for all of it, where a screen shows forty of them.  The listing's first
:data:`HEAD_FILES` documents are kept with their facts, every folder listed with its
modification time.  A folder's time changes when a file in it is added, removed or renamed,
so a head whose folders all have their times as kept, and whose files their stamps as kept
(a text written over in place changes no folder's time), is what the listing will begin
with: the library shows it, then the whole listing once it is made.  A folder changed in
the last seconds is not kept (see :data:`~.own_texts.RECENT`), nor a head holding a link,
a file that is no document or one whose facts are not known yet.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui_reader.core.cache_files import read_cache_more, release_of, write_cache_documents
from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.facts_cache import (
    FactsCache,
    cache_version,
    parsed_records,
    record_of,
)
from tui_reader.core.documents.formats import format_of_name
from tui_reader.core.documents.own_texts import RECENT
from tui_reader.core.documents.stamps import stamp_of_stat

HEAD_FILES = 100  # more than the rows of a tall terminal
_VERSION = 1


def head_path(facts_path: Path) -> Path:
    """The head kept beside the facts cache ``facts_path`` (named as the library's cache files
    are: a cache left in a corpus is told by them)."""
    return facts_path.with_name(f"{facts_path.stem}-head.json")


def _version() -> str:
    """The facts' version and the rules the listing was made by (the formats, the files left
    out): another release lists otherwise, its head is not taken."""
    from tui_reader.core.documents import corpus, formats

    return f"{cache_version()};{release_of(_VERSION, corpus, formats)}"


def keep_head(
    path: Path,
    corpus: str,
    files: Sequence[tuple[str, CorpusFile]],
    folders: Mapping[str, int],
    cache: FactsCache,
) -> bool:
    """Keep the first :data:`HEAD_FILES` of the listing ``files`` of ``corpus`` (its absolute
    path), each with its facts in ``cache``, and the ``folders`` listed with their times, in
    ``path`` when it does not hold them already; whether it holds them now.  None kept (and
    an older one removed) when a folder could not be listed or changed a moment ago, or a
    file of the head is a link, no document or of no facts known (a first scan's)."""
    head = files[:HEAD_FILES]
    kept = cache.kept()
    now = time.time_ns()
    records: dict[str, object] = {}
    usable = bool(head) and all(mtime >= 0 and now - mtime > RECENT for mtime in folders.values())
    for key, file in head if usable else ():
        known = kept.get(key)
        if file.link or file.format is None or known is None:
            usable = False
            break
        records[key] = record_of(known[0], known[1], "")
    if not usable:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return False
    order = [[key, file.location, file.rel] for key, file in head]
    version = _version()
    records_before, more = read_cache_more(path, version, typed=True)
    if (
        records_before == records
        and more.get("corpus") == corpus
        and more.get("folders") == dict(folders)
        and more.get("order") == order
    ):
        return True
    return write_cache_documents(
        path, version, records, plain=True, corpus=corpus, folders=dict(folders), order=order
    )


def kept_head(path: Path, corpus: str) -> list[tuple[str, CorpusFile, DocumentFacts]] | None:
    """The head of the listing of ``corpus`` kept in ``path`` (:func:`keep_head`), each file
    with its facts, when every folder listed has its modification time as then (one ``stat``
    a folder) and each file of the head its stamp (one ``stat`` a file); ``None`` when one
    changed or went, or none is kept (missing, damaged, of another corpus or release)."""
    records, more = read_cache_more(path, _version(), typed=True)
    folders, order = more.get("folders"), more.get("order")
    if not records or more.get("corpus") != corpus or not isinstance(folders, dict):
        return None
    if not folders or not isinstance(order, list) or len(order) != len(records):
        return None
    within = os.path.join(corpus, "")
    try:
        for folder, mtime in folders.items():
            if not isinstance(mtime, int) or (folder != corpus and not folder.startswith(within)):
                return None
            if os.stat(folder).st_mtime_ns != mtime:
                return None
    except (OSError, ValueError):
        return None
    entries, _ = parsed_records(records)
    head: list[tuple[str, CorpusFile, DocumentFacts]] = []
    for item in order:
        if not isinstance(item, list) or len(item) != 3 or not all(type(v) is str for v in item):
            return None
        key, location, rel = item
        known = entries.get(key)
        if known is None or not location.startswith(within):
            return None
        try:
            info = os.stat(location, follow_symlinks=False)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode) or stamp_of_stat(info) != known[0]:
            return None
        name = rel.rpartition("/")[2]
        head.append((key, CorpusFile(location, rel, format_of_name(name)), known[1]))
    return head
