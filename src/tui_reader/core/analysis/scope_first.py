"""The documents a scope places first: those whose stored records carry the codes of a query
typed while the project's passages are placed.  The query view's user waits on them, not on
the whole project: once they are placed, the passages placed so far hold every passage such
a query can match (a passage matching it carries one of its codes: ``codes_required``).

A query that may match a passage carrying none of its codes (``NOT x``, ``text:``), or any
query of a project whose records are not read first (files moved: placing moves their
passages), has no such documents, and a code every document holds has them all: a query
asks for a look at the passages placed so far (:meth:`PlaceFirst.look`), handed on at the
end of the document being placed, and runs on them, its count said "so far", while the
rest are placed."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence

from tui_reader.core.analysis.scope_records import Record, carries_any


class PlaceFirst:
    """The codes whose documents are to be placed first, asked for by one thread (the
    view's), read by the one placing the passages."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._codes: frozenset[str] | None = None
        self._asked = 0
        self._looks = 0

    def want(self, codes: frozenset[str]) -> None:
        """Place first the documents whose records carry one of ``codes`` (or a code below)."""
        with self._lock:
            self._codes = codes
            self._asked += 1

    def asked(self) -> tuple[int, frozenset[str] | None]:
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


def placing_order(
    keys: Sequence[str],
    first: PlaceFirst | None,
    stored: Mapping[str, Sequence[Record]] | None,
    placed_first: Callable[[frozenset[str]], None],
    looked: Callable[[], None] = lambda: None,
) -> Iterator[str]:
    """``keys`` in the order to place them: as given, until codes are asked of ``first``;
    then the documents left whose ``stored`` records carry them, then the rest.  Once those
    are placed (each key's placing is done when the next is asked for) and others remain,
    ``placed_first(codes)`` is called.  In the order given without ``first`` or ``stored``
    (the records not read first: placing may move them to other documents), codes asked
    then taken as a look.  A look asked of ``first`` (:meth:`PlaceFirst.look`) calls
    ``looked()`` once the document being placed is, when others remain."""
    remaining = deque(keys)
    asked = looks = done = 0
    codes: frozenset[str] | None = None
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
                holding = [k for k in remaining if carrying(stored.get(k, ()), wanted)]
                held = set(holding)
                remaining = deque([*holding, *(k for k in remaining if k not in held)])
                left = len(holding)
                continue
            if done and first.looks() != looks:
                looks = first.looks()
                looked()
        key = remaining.popleft()
        done += 1
        if left > 0:
            left -= 1
        yield key
