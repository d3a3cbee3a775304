"""The documents a scope places first: those whose stored records carry the codes of a query
typed while the project's passages are placed.  The query view's user waits on them, not on
the whole project: once they are placed, the passages placed so far hold every passage such
a query can match (a passage matching it carries one of its codes: ``codes_required``).

A query that may match a passage carrying none of its codes (``NOT x``, ``text:``), or any
query of a project whose records are not read first (files moved: placing moves their
passages), has no such documents, and a code every document holds has them all: a query
asks for a look at the passages placed so far (:meth:`PlaceFirst.look`), handed on at the
end of the document being placed, and runs on them, its count said "so far", while the
rest are placed.

A query that may match through an attribute (``border OR country=Mexico``), and one asked
with one coder's coding on show, has documents first too: those whose passages it can match,
as their records and their own attributes tell (:class:`FirstAsked`), before any is placed;
and when no document can hold one, the view says so at once (:meth:`FirstAsked.none_match`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from tui_reader.core.analysis.attributes import EVERY_DOCUMENTS_OWN, DocumentAttributes
from tui_reader.core.analysis.matching import document_test
from tui_reader.core.analysis.query import And, Code, Compare, Field, Meeting, Node, Not, Or
from tui_reader.core.analysis.scope_records import Record, carries_any
from tui_reader.core.analysis.values import Value
from tui_reader.core.store.index import coder_of

# What a document tells of a query before its passages are placed: True, every passage of
# it matches; False, none does; None, some may (their codes, text, places decide).
Maybe = bool | None
# A document's test: (its key, the codes its passages carry) -> Maybe
DocumentTest = Callable[[str, Callable[[Code], bool]], Maybe]


@dataclass(frozen=True)
class FirstAsked:
    """A query typed while the passages are placed (its tree, codes spelled as coded) and
    the coder whose coding is on show (None: every coder's): the documents that may hold a
    passage it matches, told by their records' codes and coders and by their own attributes
    (``own``: the user's, by document; a name the user gives no document, a format's fact
    such as ``words``, is not known before the document is read, and may match)."""

    tree: Node
    coder: str | None = None
    own: Mapping[str, Mapping[str, Value]] = field(default_factory=dict, compare=False)
    default_coder: str = field(default="", compare=False)

    @cached_property
    def _test(self) -> DocumentTest:
        return self._compiled(keyed=True)

    @cached_property
    def _test_unkeyed(self) -> DocumentTest:
        return self._compiled(keyed=False)

    def _compiled(self, *, keyed: bool) -> DocumentTest:
        lookup = DocumentAttributes(self.own)
        known = {n.casefold() for values in self.own.values() for n in values}
        return _maybe(self.tree, lookup, known.difference(EVERY_DOCUMENTS_OWN), keyed=keyed)

    def _shown(self, records: Iterable[Record]) -> list[Record]:
        """Those of ``records`` of the coder on show."""
        if self.coder is None:
            return list(records)
        default = self.default_coder
        return [r for r in records if coder_of(r, default) == self.coder]

    def may_hold(self, key: str, records: Sequence[Record]) -> bool:
        """Whether document ``key``, whose annotations are ``records``, may hold a passage
        the query matches."""
        shown = self._shown(records)
        if not shown:
            return False
        carried = [tuple(r.get("tags") or ()) for r in shown]
        return self._test(key, lambda code: _carried(code, carried)) is not False

    def none_match(self, documents: Iterable[str], codes: Collection[str]) -> bool:
        """Whether no passage of ``documents`` (those holding annotations) can match, when
        the codes on the passages of the coder on show are ``codes``, wherever they lie (the
        query view's, before any passage is placed: the store's counts of codes)."""
        carried = [tuple(codes)]
        # (doc: is left to the placing: a file moved takes its passages to another key)
        test = self._test_unkeyed
        return all(test(key, lambda code: _carried(code, carried)) is False for key in documents)


def _carried(code: Code, tag_lists: Sequence[Sequence[str]]) -> bool:
    """Whether a passage carrying one of ``tag_lists`` can match ``code``."""
    if code.exact:
        return any(code.name in tags for tags in tag_lists)
    wanted = frozenset((code.name,))
    return any(carries_any(tags, wanted) for tags in tag_lists)


def _maybe(
    node: Node, attributes: DocumentAttributes, users: Collection[str], *, keyed: bool = True
) -> DocumentTest:
    """``node`` as a test of a document before its passages are placed (see :data:`Maybe`):
    a code, by the codes carried in it; an attribute the user gives documents, and
    ``doc:`` (``keyed``: the keys are those the passages will lie in), by the document; the
    rest (text, note, speaker, coder) may match."""
    if isinstance(node, Code):
        return lambda _key, carried: None if carried(node) else False
    if isinstance(node, Compare) and node.name.casefold() in users:
        compared = document_test(node, attributes)
        return lambda key, _carried: compared(key)
    if isinstance(node, Field) and node.field == "doc" and keyed:
        named = document_test(node)
        return lambda key, _carried: named(key)
    if isinstance(node, Not):
        inner = _maybe(node.operand, attributes, users, keyed=keyed)

        def negated(key: str, carried: Callable[[Code], bool]) -> Maybe:
            value = inner(key, carried)
            return None if value is None else not value

        return negated
    if isinstance(node, Meeting):  # the subject's passages, meeting the others' in it
        sides = [
            _maybe(n, attributes, users, keyed=keyed)
            for n in (node.subject, *(o for _, o in node.meets))
        ]

        def meeting(key: str, carried: Callable[[Code], bool]) -> Maybe:
            values = [side(key, carried) for side in sides]
            return False if False in values else None

        return meeting
    if isinstance(node, And | Or):
        parts = [_maybe(n, attributes, users, keyed=keyed) for n in node.operands]
        every = isinstance(node, And)

        def joined(key: str, carried: Callable[[Code], bool]) -> Maybe:
            values = [part(key, carried) for part in parts]
            if every:
                return False if False in values else (True if all(values) else None)
            return True if True in values else (False if all(v is False for v in values) else None)

        return joined
    return lambda _key, _carried: None


# What a query asks to be placed first: the documents carrying codes, or those it may match.
Wanted = frozenset[str] | FirstAsked


class PlaceFirst:
    """The codes whose documents are to be placed first, asked for by one thread (the
    view's), read by the one placing the passages."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: Wanted | None = None
        self._asked = 0
        self._looks = 0

    def want(self, codes: Wanted) -> None:
        """Place first the documents whose records carry one of ``codes`` (or a code below),
        or those a query may match (:class:`FirstAsked`)."""
        with self._lock:
            self._codes = codes
            self._asked += 1

    def asked(self) -> tuple[int, Wanted | None]:
        """How many times codes were asked for, and the last ones."""
        with self._lock:
            return self._asked, self._codes

    def look(self) -> None:
        """Hand on the passages placed so far, once the document being placed is."""
        with self._lock:
            self._looks += 1

    def looks(self) -> int:
        """How many times a look was asked for."""
        with self._lock:
            return self._looks


def carrying(records: Sequence[Record], codes: frozenset[str]) -> bool:
    """Whether one of ``records`` carries one of ``codes`` or a code below one."""
    return any(carries_any(tuple(r.get("tags") or ()), codes) for r in records)


def holding(key: str, records: Sequence[Record], wanted: Wanted) -> bool:
    """Whether document ``key``, whose records are ``records``, is one ``wanted`` places
    first."""
    if isinstance(wanted, FirstAsked):
        return wanted.may_hold(key, records)
    return carrying(records, wanted)


def placing_order(
    keys: Sequence[str],
    first: PlaceFirst | None,
    stored: Mapping[str, Sequence[Record]] | None,
    placed_first: Callable[[Wanted], None],
    looked: Callable[[], None] = lambda: None,
) -> Iterator[str]:
    """``keys`` in the order to place them: as given, until codes are asked of ``first``;
    then the documents left whose ``stored`` records carry them (or that a query asked may
    match: :class:`FirstAsked`), then the rest.  Once those
    are placed (each key's placing is done when the next is asked for) and others remain,
    ``placed_first(codes)`` is called.  In the order given without ``first`` or ``stored``
    (the records not read first: placing may move them to other documents), codes asked
    then taken as a look.  A look asked of ``first`` (:meth:`PlaceFirst.look`) calls
    ``looked()`` once the document being placed is, when others remain."""
    remaining = deque(keys)
    asked = looks = done = 0
    codes: Wanted | None = None
    left = -1  # documents carrying ``codes`` still to place; -1: none asked
    while remaining:
        if left == 0 and codes is not None:
            placed_first(codes)
            left = -1
        if first is not None:
            now, wanted = first.asked()
            if now != asked and wanted is not None and stored is None:
                asked = now
                first.look()  # no records to find them by: what is placed so far
            elif now != asked and wanted is not None and stored is not None:
                asked, codes = now, wanted
                found = [k for k in remaining if holding(k, stored.get(k, ()), wanted)]
                held = set(found)
                remaining = deque([*found, *(k for k in remaining if k not in held)])
                left = len(found)
                continue
            if done and first.looks() != looks:
                looks = first.looks()
                looked()
        key = remaining.popleft()
        done += 1
        if left > 0:
            left -= 1
        yield key
