"""Every annotation found in place from the store's records and the documents' texts alone,
for an export of them all when the placement cache cannot vouch for them (every file
touched, or the cache lost): no Document built, no Annotation made.

Re-anchoring (:func:`~tui_reader.core.annotations.anchoring.reanchor`) returns an annotation
unchanged when it is not an orphan, its quote is not empty, its ``doc_sha256`` is the text's
hash and the text holds its quote at its ``[start, end)``.  So a document whose every record
passes that check is placed exactly as re-anchoring would place it, knowing only its
canonical text (read as the corpus search reads it), the text's hash and its title: its entry
goes into the placement cache as a full pass would put it, and when every annotated document
passes, the cache settles and the export is made from the records as columns (see
:class:`~tui_reader.core.interchange.annotation_columns.AnnotationColumns`).  Any document
that does not pass (a quote that moved, an orphan, a file gone or unreadable, another format)
leaves the export to the full pass (:meth:`Workspace.all_anchored`), which then loads only
the documents this pass could not vouch for.  Offsets are code points, half-open.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable

from tui_reader.core.annotations.model import AnchorStatus
from tui_reader.core.annotations.placement_cache import PlacementCache, places_mark, stamp_of
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange.annotation_columns import AnnotationColumns, StoredColumns
from tui_reader.core.workspace import Workspace

_ORPHAN = AnchorStatus.ORPHAN.value
_QUICK_FORMATS = frozenset({"text", "markdown"})  # read without building a Document


def placed_texts(
    workspace: Workspace,
    places: PlacementCache,
    advance: Callable[[], None],
    stored: StoredColumns,
) -> dict[str, str] | None:
    """Each annotated document's canonical text by key (what csv and Markdown print of a
    place is found in it), when every annotation of the ``stored`` columns is found in
    place by the check above (``places`` then holds every document's entry, settled and
    saved; ``advance()`` is called after each document); None otherwise (``places`` keeps
    the entries of the documents that passed, for the full pass)."""
    workspace.keyed_files()  # listed once: only listed files are read
    columns, keys, _, state = stored
    listed_now = not workspace.listing_changed()
    if workspace.missing_keys(listed_now=listed_now, keys=keys):
        return None  # files to re-link: the full pass
    listed = {key: f for key, f in workspace.keyed_files() if not f.link}
    documents = columns.document  # in reading order: each document's rows in a run
    starts, ends, quotes, shas = columns.start, columns.end, columns.quote, columns.doc_sha256
    statuses = columns.status
    every = True
    texts: dict[str, str] = {}
    lo = 0
    for key in keys:
        hi = bisect_right(documents, key, lo)
        rows = range(lo, hi)
        lo = hi
        file = listed.get(key)
        stamp = stamp_of(file.location) if file is not None else None  # before the read
        if stamp is None or file is None or file.format not in _QUICK_FORMATS:
            every = False
            advance()
            continue
        try:
            from tui_reader.core.search.corpus import read_canonical  # not for every export

            title, text, utf8 = read_canonical(file.location, file.format, stamp[2])
        except DocumentError:
            every = False
            advance()
            continue
        sha = hashlib.sha256(utf8).hexdigest() if utf8 is not None else text_sha256(text)
        if all(
            statuses[n] != _ORPHAN
            and quotes[n]
            and shas[n] == sha
            and text[starts[n] : ends[n]] == quotes[n]
            for n in rows
        ):
            places.put_mark(key, stamp, sha, _mark(columns, rows), title)
            texts[key] = text
        else:
            every = False
        advance()
    if not every:
        places.save()
        return None
    places.keep_only({*workspace.keys(), *keys})
    places.settle(state)
    places.save()
    return texts


def _mark(columns: AnnotationColumns, rows: range) -> str:
    """The placement cache's fingerprint of the annotations in ``rows`` (in reading order)."""
    pick = slice(rows.start, rows.stop)
    c = columns
    fields = (c.start, c.end, c.status, c.doc_sha256, c.quote, c.prefix, c.suffix)
    return places_mark(list(zip(*(f[pick] for f in fields), strict=True)))
