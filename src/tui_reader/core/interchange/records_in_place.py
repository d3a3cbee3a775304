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
:class:`~tui_reader.core.interchange.annotation_columns.AnnotationColumns`).  A document that
does not pass (a quote that moved, an orphan, a file gone or unreadable, another format) is
placed by the full pass's own steps (:meth:`Workspace.anchored_documents`), alone: the
export's rows are then the records of the documents that passed and the placed annotations of
the others (see :mod:`~tui_reader.core.interchange.workspace_export`).  Offsets are code
points, half-open.
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
) -> tuple[dict[str, str], list[str], list[str]]:
    """The canonical text of each annotated document whose every annotation (of the
    ``stored`` columns) is found in place by the check above, by key (what csv and Markdown
    print of a place is found in it), its entry put in ``places``; the keys of those the
    placement cache knows in place as they are (their files are not read, as the full pass
    reads none); and the keys of the others, in order, for the full pass to place (a file
    missing or not listed, of another format or unreadable, an annotation that does not
    pass).  ``advance()`` is called after each document in place; ``places`` is neither
    settled nor saved."""
    workspace.keyed_files()  # listed once: only listed files are read
    columns, keys = stored.columns, stored.keys
    listed = {key: f for key, f in workspace.keyed_files() if not f.link}
    documents = columns.document  # in reading order: each document's rows in a run
    starts, ends, quotes, shas = columns.start, columns.end, columns.quote, columns.doc_sha256
    statuses = columns.status
    texts: dict[str, str] = {}
    known: list[str] = []  # in place as the placement cache knows them
    rest: list[str] = []
    lo = 0
    for key in keys:
        hi = bisect_right(documents, key, lo)
        rows = range(lo, hi)
        lo = hi
        file = listed.get(key)
        stamp = stamp_of(file.location) if file is not None else None  # before the read
        if stamp is None or file is None:
            rest.append(key)
            continue
        mark = _mark(columns, rows)
        if places.fingerprint_in_place(key, stamp, mark):  # known in place: not read
            known.append(key)
            advance()
            continue
        if file.format not in _QUICK_FORMATS:
            rest.append(key)
            continue
        try:
            from tui_reader.core.search.corpus import read_canonical  # not for every export

            title, text, utf8 = read_canonical(file.location, file.format, stamp[2])
        except DocumentError:
            rest.append(key)
            continue
        sha = hashlib.sha256(utf8).hexdigest() if utf8 is not None else text_sha256(text)
        if all(
            statuses[n] != _ORPHAN
            and quotes[n]
            and shas[n] == sha
            and text[starts[n] : ends[n]] == quotes[n]
            for n in rows
        ):
            places.put_mark(key, stamp, sha, mark, title)
            texts[key] = text
            advance()
        else:
            rest.append(key)
    return texts, known, rest


def _mark(columns: AnnotationColumns, rows: range) -> str:
    """The placement cache's fingerprint of the annotations in ``rows`` (in reading order)."""
    pick = slice(rows.start, rows.stop)
    c = columns
    fields = (c.start, c.end, c.status, c.doc_sha256, c.quote, c.prefix, c.suffix)
    return places_mark(list(zip(*(f[pick] for f in fields), strict=True)))
