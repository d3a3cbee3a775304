"""Every annotated passage of a corpus, placed in the current text of its document, with the
document's title and the passage's line: what "find every passage tagged X" lists.

Offsets are code points into the canonical text, half-open; lines are 1-based source lines.
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation, reading_order
from tui_reader.core.codebook.names import is_within
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.errors import DocumentError

if TYPE_CHECKING:
    from tui_reader.core.analysis.scope import Scope
    from tui_reader.core.interchange.documents_on_use import DocumentsOnUse
    from tui_reader.core.interchange.places_in_text import Places
    from tui_reader.core.workspace import Workspace


@dataclass(frozen=True)
class Passage:
    """An annotation with where it lies: its document's title and its 1-based line (None
    when the document cannot be read)."""

    annotation: Annotation
    title: str
    line: int | None
    # In a transcript, the time of its words and its speakers as a reader cites them
    # ("[00:07:09] P03"), as the query view and the exports do; "" elsewhere
    cited: str = ""

    @property
    def key(self) -> str:
        return self.annotation.document


LOOKED_AT_ONCE = 1000  # passages refreshed between two looks at whether to stop


class Cancelled(Exception):
    """The caller stopped :func:`passages_of_scope` or :func:`refreshed` (its screen was
    closed)."""


# The passages last listed from a placed scope, with the scope and the store's annotations
# they were made of: the codebook opened again on the scope its owner kept, the annotations
# the same objects (the store makes a new one for any change), lists them with no line
# looked up again.
_LISTED: weakref.WeakKeyDictionary[Workspace, tuple[Scope, list[Annotation], list[Passage]]] = (
    weakref.WeakKeyDictionary()
)


def passages_of_scope(
    workspace: Workspace, scope: Scope, cancelled: Callable[[], bool] = lambda: False
) -> list[Passage]:
    """Every annotation of the workspace as a passage, from ``scope``: the project's coded
    passages placed whole (:func:`~tui_reader.core.analysis.scope.load_scope`, the placing
    the query view and the reports share), sorted by document then position.  Those it
    placed have their document's title and their line from the places cache (a document
    loaded only for a place not known); the rest are orphans, their line found in their
    document's text, or None when it could not be read.  ``cancelled()`` is asked before
    each document, and stops the work (:class:`Cancelled`)."""
    from tui_reader.core.annotations.placement_cache import PlacementCache
    from tui_reader.core.interchange.documents_on_use import DocumentsOnUse
    from tui_reader.core.interchange.export_text import export_line
    from tui_reader.core.interchange.places_in_text import Places, PlacesCache
    from tui_reader.core.interchange.records_in_place import text_reader
    from tui_reader.locations import placement_cache_path, places_cache_path

    current = workspace.store.annotations()
    kept = _LISTED.get(workspace)
    if kept is not None and kept[0] is scope and _same(current, kept[1]):
        return list(kept[2])
    placed = scope.annotations_from(lambda: {a.id: a for a in current})
    every: list[Annotation]
    if len(placed) == len(current) and set(map(id, placed)) == set(map(id, current)):
        every = current  # each placed as the store holds it, in its order: nothing to sort
    else:
        ids = {a.id for a in placed}
        orphans = [_orphan(a) for a in current if a.id not in ids]
        every = sorted([*placed, *orphans], key=reading_order)  # first by the document
    placements = scope.placements or PlacementCache(placement_cache_path(workspace.db))
    clean = scope.placements is not None and all(export_line(k) == k for k in scope.lengths)
    cache = PlacesCache(  # a touched file read as a text, not loaded (see PlacesCache.known)
        places_cache_path(workspace.db) if clean else None,
        placements,
        reader=text_reader(workspace),
    )
    passages: list[Passage] = []
    for key, group in groupby(every, key=lambda a: a.document):
        if cancelled():
            raise Cancelled
        if key not in scope.lengths:  # it could not be read: its passages are orphans
            passages.extend(Passage(_orphan(a), key, None) for a in group)
            continue
        on_use = DocumentsOnUse({key: None}, workspace.document)
        annotations = list(group)
        try:
            passages.extend(_in_document(key, annotations, on_use, Places(on_use, cache)))
        except DocumentError:  # changed or gone since it was placed
            passages.extend(Passage(_orphan(a), key, None) for a in annotations)
    cache.save()
    _LISTED[workspace] = (scope, current, list(passages))
    return passages


def _same(current: list[Annotation], made_of: list[Annotation]) -> bool:
    return len(current) == len(made_of) and all(map(operator.is_, current, made_of))


def _in_document(
    key: str, annotations: list[Annotation], on_use: DocumentsOnUse, places: Places
) -> list[Passage]:
    """The passages of one document's annotations: the title and lines as placed last when
    the document is in place (nothing loaded), else from its text.  The places cache keeping
    their spans in their order (a document in place, listed as last time), its columns give
    the lines and citations, no place looked up one by one (100,000 took a fifth of the
    codebook's listing)."""
    title = places.cache.title(key) if places.cache is not None else None
    if all(a.status is not AnchorStatus.ORPHAN for a in annotations):
        columns = places.in_order(key, [a.start for a in annotations], [a.end for a in annotations])
        if columns is not None:
            title = title or on_use[key].title
            numbers, speakers, times = columns[0], columns[3], columns[4]
            return [
                Passage(annotation, title, line, _cited(speaker, time))
                for annotation, line, speaker, time in zip(
                    annotations, numbers, speakers, times, strict=True
                )
            ]
    passages = []
    lines: LineIndex | None = None
    for annotation in annotations:
        if annotation.status is AnchorStatus.ORPHAN:  # its last place may lie past the text
            text = on_use[key].text
            lines = lines or LineIndex(text, on_use[key].added_breaks)
            line = lines.line(min(annotation.start, len(text)))
            cited = ""
        else:
            place = places.of(annotation)
            line, cited = place.line, _cited(place.speaker, place.time)
        passages.append(Passage(annotation, title or on_use[key].title, line, cited))
    return passages


def _cited(speaker: str, time: str) -> str:
    """``[00:07:09] P03``, either alone, or ``""`` (see :func:`passage_citation`)."""
    if time and speaker:
        return f"[{time}] {speaker}"
    return f"[{time}]" if time else speaker


def _orphan(annotation: Annotation) -> Annotation:
    if annotation.status is AnchorStatus.ORPHAN:
        return annotation
    return annotation.evolve(status=AnchorStatus.ORPHAN)


def with_tag(passages: Iterable[Passage], tag: str) -> list[Passage]:
    """The passages tagged ``tag`` or one of its descendants (``tag/...``)."""
    return [p for p in passages if any(is_within(t, tag) for t in p.annotation.tags)]


def by_tag(passages: Iterable[Passage]) -> dict[str, list[Passage]]:
    """``with_tag(passages, tag)`` for every tag and every parent of a tag at once, in the
    passages' order: the codebook asks for one tag's passages at every move in its tree, and a
    scan of 100,000 passages each time would hold the screen."""
    index: dict[str, list[Passage]] = {}
    buckets_of: dict[str, list[list[Passage]]] = {}  # a tag -> its own and its parents' lists
    for passage in passages:
        for tag in passage.annotation.tags:
            buckets = buckets_of.get(tag)
            if buckets is None:
                parts = tag.split("/")
                buckets = buckets_of[tag] = [
                    index.setdefault("/".join(parts[:depth]), [])
                    for depth in range(1, len(parts) + 1)
                ]
            for bucket in buckets:
                if not bucket or bucket[-1] is not passage:  # two tags under one parent
                    bucket.append(passage)
    return index


def refreshed(
    passages: Sequence[Passage],
    current: Iterable[Annotation],
    cancelled: Callable[[], bool] = lambda: False,
) -> list[Passage]:
    """``passages`` with the tags and note of ``current`` (the store's annotations, e.g.
    after a tag was renamed), keeping their placed positions; deleted ones are dropped.  A
    passage whose tags and note did not change is kept as it is (100,000 copies made for
    nothing held the codebook for seconds).  ``cancelled()`` is asked every
    :data:`LOOKED_AT_ONCE` passages, and stops the work (:class:`Cancelled`).

    Passages made of ``current`` itself, one each in its order (the codebook's first listing,
    every coder shown, nothing changed meanwhile), are given as they are, no annotation
    looked up by its id (100,000 of them took a tenth of a second)."""
    current = current if isinstance(current, list) else list(current)
    if len(passages) == len(current) and all(
        map(operator.is_, (p.annotation for p in passages), current)
    ):
        return list(passages)
    by_id = {a.id: a for a in current}
    result = []
    for at, passage in enumerate(passages):
        if at % LOOKED_AT_ONCE == 0 and cancelled():
            raise Cancelled
        was = passage.annotation
        now = by_id.get(was.id)
        if now is None:
            continue
        if now.tags == was.tags and now.note == was.note and now.updated == was.updated:
            result.append(passage)
            continue
        annotation = was.evolve(tags=now.tags, note=now.note, updated=now.updated)
        result.append(replace(passage, annotation=annotation))
    return result
