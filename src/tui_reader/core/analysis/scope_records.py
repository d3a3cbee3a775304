"""The annotations of a scope's documents known in place, kept as the store's records until
something needs them as :class:`Annotation` objects.

Building 100,000 Annotation objects costs more than a report over them: a report needs only
each passage's document, place, codes and coder (:class:`Passage`, made in C from a record), and a
query needs objects only for the passages that carry one of the codes it asks for
(:func:`codes_required`).  Records are used this way only when every one of a document's reads
exactly as its Annotation would (:func:`plain_in_order`); the placement cache then says
whether they are in place (:func:`~tui_reader.core.annotations.placement_cache.
record_fingerprint`).  Any other document's annotations are built and placed as before.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from itertools import chain, compress, repeat
from operator import add, itemgetter, not_
from typing import Any, NamedTuple

from tui_reader.core.analysis.query import And, Code, Meeting, Node, Or
from tui_reader.core.annotations.model import AnchorStatus, Annotation, are_code_paths

Record = dict[str, Any]

_ORDER = itemgetter("start", "end", "created", "id")  # reading order within one document
_STATUS = "status"
_STATUSES = {status.value for status in AnchorStatus}
_START, _END = itemgetter("start"), itemgetter("end")
_TAGS = itemgetter("tags")
_ORPHAN = AnchorStatus.ORPHAN.value


class Passage(NamedTuple):
    """What a report reads of a placed annotation: its document, place, codes and coder."""

    document: str
    start: int
    end: int
    tags: Sequence[str]
    coder: str = ""  # co-occurrence meets one coder's passages with that coder's


_PASSAGE = itemgetter("document", "start", "end", "tags")
_make_passage = partial(tuple.__new__, Passage)  # a Passage from a 5-tuple, in C


def are_plain(records: Sequence[Record]) -> bool:
    """Whether each of ``records`` reads exactly as ``Annotation.from_record`` reads it in
    what reports, queries and the order use, and makes one (a status it knows, start and end
    whole numbers, codes a list of text each read as written (:func:`code_names`), created a
    text, revision a whole number >= 0): checked in C, for 100,000 records at once.

    The other place fields are left to the placement cache: the records' fingerprint
    (:func:`~tui_reader.core.annotations.placement_cache.record_fingerprint`) equals the one
    of their objects only when they are exactly what the objects hold."""
    count = len(records)
    get = dict.get
    statuses = list(map(get, records, repeat(_STATUS, count)))
    if not _types_are(statuses, str) or not set(statuses) <= _STATUSES:  # a list: no set's
        return False
    if not _types_are(map(_START, records), int) or not _types_are(map(_END, records), int):
        return False
    tags: list[Any] = list(map(get, records, repeat("tags", count)))
    if not _types_are(tags, list) or not _types_are(chain.from_iterable(tags), str):
        return False
    if not are_code_paths(chain.from_iterable(tags)):  # "x/", "": read as code_names
        return False
    if not _types_are(map(get, records, repeat("created", count)), str):
        return False
    revisions: list[Any] = list(map(get, records, repeat("revision", count)))
    return _types_are(revisions, int) and (not revisions or min(revisions) >= 0)


def in_reading_order(records: Sequence[Record]) -> list[Record]:
    """One document's plain records (:func:`are_plain`) in reading order."""
    return sorted(records, key=_ORDER)


def _types_are(values: Iterable[object], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def orphaned(records: Sequence[Record]) -> list[bool]:
    """For each record: whether its status says it has no place in the current text."""
    return [status == _ORPHAN for status in map(dict.get, records, repeat(_STATUS))]


def placed_only(records: Sequence[Record], orphans: Sequence[bool]) -> list[Record]:
    """``records`` less those ``orphans`` marks."""
    return list(compress(records, [not o for o in orphans])) if any(orphans) else list(records)


def passages_of(records: Iterable[Record], default_coder: str = "") -> list[Passage]:
    """The :class:`Passage` of each of ``records`` (plain ones: see :func:`plain_in_order`);
    ``default_coder``: the coder of a record that names none, as the store reads it."""
    records = list(records)
    coders = [str(c or default_coder) for c in map(dict.get, records, repeat("coder"))]
    return list(map(_make_passage, map(add, map(_PASSAGE, records), zip(coders))))


def annotations_of(records: Iterable[Record], default_coder: str) -> list[Annotation]:
    """The :class:`Annotation` of each of ``records``, as the store builds it."""
    return [Annotation.from_record(r, default_coder) for r in records]


def codes_required(node: Node) -> frozenset[str] | None:
    """Codes of which any passage ``node`` matches carries one (or a code below one); None
    when the query can match a passage carrying none of them (``NOT a``, ``text:x``)."""
    if isinstance(node, Code):
        return frozenset([node.name])
    if isinstance(node, Meeting):  # a OVERLAPS b: a's passages
        return codes_required(node.subject)
    if isinstance(node, And):
        found = [c for c in map(codes_required, node.operands) if c is not None]
        return min(found, key=len) if found else None  # every one holds: the smallest will do
    if isinstance(node, Or):
        parts = list(map(codes_required, node.operands))
        if any(p is None for p in parts):
            return None
        return frozenset().union(*(p for p in parts if p is not None))
    return None


def carries_any(tags: Iterable[str], codes: frozenset[str]) -> bool:
    """Whether one of ``tags`` is one of ``codes`` or below one (``a`` takes ``a/b``)."""
    for tag in tags:
        if tag in codes:
            return True
        if "/" in tag:
            parts = tag.split("/")
            if any("/".join(parts[:n]) in codes for n in range(1, len(parts))):
                return True
    return False


def uncarried(names: Sequence[str], carried: Iterable[str]) -> list[str]:
    """Those of ``names`` (codes) that no code of ``carried`` (the codes on the database's
    passages) is, nor is below: a code no passage carries, told before a passage is placed."""
    codes = set(carried)
    return [name for name in names if not carries_any(codes, frozenset((name,)))]


class CodeFilter:
    """Which passages carry one of some codes or a code below one, asked of each distinct
    code once (a scope of 100,000 passages has a few hundred)."""

    def __init__(self, codes: frozenset[str]) -> None:
        self.codes = codes
        self._seen: dict[str, bool] = {}

    def _wanted(self, tag_lists: Iterable[Sequence[str]]) -> set[str]:
        seen = self._seen
        for tag in set(chain.from_iterable(tag_lists)).difference(seen):
            seen[tag] = carries_any((tag,), self.codes)
        return {tag for tag, wanted in seen.items() if wanted}

    def records(self, records: Sequence[Record]) -> list[Record]:
        """``records`` (plain) that carry a wanted code, in order."""
        tags = list(map(_TAGS, records))
        misses = map(self._wanted(tags).isdisjoint, tags)
        return list(compress(records, map(not_, misses)))

    def annotations(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """``annotations`` that carry a wanted code, in order."""
        tags = [a.tags for a in annotations]
        misses = map(self._wanted(tags).isdisjoint, tags)
        return list(compress(annotations, map(not_, misses)))
