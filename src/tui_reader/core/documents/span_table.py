"""A document's spans kept as arrays: what a 50 MB text's 100,000 paragraphs cost.

As :class:`~tui_reader.core.documents.spans.Span` objects, a span per paragraph of a 50 MB
text took 14 MB beside the text (and the reading view's index of them 3 MB more); here each
span is 9 bytes in arrays (its start, its end, its kind; 8 in a table made of a text's
paragraphs, whose one kind is kept once).  A :class:`SpanTable` is a
sequence of spans in the order they were given; a Span is made when one is asked for (by
index, by iterating, or among the spans that overlap a window of text, which the reading
view asks for each screen).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from tui_reader.core.documents.spans import Span, SpanKind

_KINDS = tuple(SpanKind)
_CODES = {kind: code for code, kind in enumerate(_KINDS)}
# Spans longer than this are kept apart and checked one by one (few: whole blocks), which
# bounds the backward scan of the others (as the reading engine's RangeIndex does).
_LONG = 4096
# The furthest end so far is kept for each block of this many spans (not each span: 0.4 MB
# less for a 50 MB text); a query checks at most a block more.
_BLOCK = 64
# Spans of another kind than a table of arrays' own kept apart, at most (then a byte a span).
_FEW = 64
_SMALL = "i"  # offsets below 2**31 (a text of up to 512 MB): 4 bytes each
_WIDE = "q"


class SpanTable(Sequence[Span]):
    """The spans of one document, in the order given, as arrays."""

    __slots__ = (
        "_data",
        "_ends",
        "_kinds",
        "_long",
        "_max_end",
        "_order",
        "_order_starts",
        "_starts"
    )  # fmt: skip

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._starts: array[int] = array(_SMALL)
        self._ends: array[int] = array(_SMALL)
        self._kinds: array[int] | _MostlyOneKind = array("B")
        self._data: dict[int, str] = {}  # the data of the spans that have any (a link's URL)
        self._order: array[int] | None = None  # positions by (start, -end), unless in order
        self._order_starts: array[int] | None = None  # their starts
        self._max_end: array[int] | None = None  # built on the first query
        self._long: list[int] = []
        for span in spans:
            self.append(span.start, span.end, span.kind, span.data)

    @classmethod
    def of(cls, spans: Sequence[Span]) -> SpanTable:
        """``spans`` as a table (the very object when it is one already)."""
        return spans if isinstance(spans, SpanTable) else cls(spans)

    @classmethod
    def of_arrays(cls, starts: array[int], ends: array[int], kind: SpanKind) -> SpanTable:
        """Spans of one ``kind`` (without data) from arrays of their starts and ends, which
        become the table's (no copy: a 50 MB text's paragraphs are not held twice)."""
        if len(starts) != len(ends):
            raise ValueError("as many starts as ends are needed")
        table = cls()
        if starts.typecode != ends.typecode:
            starts, ends = array(_WIDE, starts), array(_WIDE, ends)
        table._starts, table._ends = starts, ends
        table._kinds = _MostlyOneKind(_CODES[kind], len(starts))
        return table

    def append(self, start: int, end: int, kind: SpanKind, data: str = "") -> None:
        """Add a span at the end (while the table is being built: before any query)."""
        self._few_other_kinds()
        try:
            self._starts.append(start)
            self._ends.append(end)
        except OverflowError:  # an offset past 2**31: 8 bytes each from now on
            self._starts = array(_WIDE, self._starts[: len(self._kinds)])
            self._ends = array(_WIDE, self._ends[: len(self._kinds)])
            self._starts.append(start)
            self._ends.append(end)
        if data:
            self._data[len(self._kinds)] = data
        self._kinds.append(_CODES[kind])
        self._max_end = self._order = self._order_starts = None

    def insert(self, position: int, start: int, end: int, kind: SpanKind, data: str = "") -> None:
        """Put a span at ``position`` (0..len) in the order (while the table is built)."""
        position = max(0, min(position, len(self)))
        self._few_other_kinds()
        if max(start, end) >= 2**31 and self._starts.typecode == _SMALL:
            self._starts, self._ends = array(_WIDE, self._starts), array(_WIDE, self._ends)
        self._starts.insert(position, start)
        self._ends.insert(position, end)
        self._kinds.insert(position, _CODES[kind])
        self._data = {i + (i >= position): d for i, d in self._data.items()}
        if data:
            self._data[position] = data
        self._max_end = self._order = self._order_starts = None

    def _few_other_kinds(self) -> None:
        """The kinds as an array of their own once many spans are not of the table's one kind
        (a table of arrays given more than a title)."""
        if isinstance(self._kinds, _MostlyOneKind) and len(self._kinds.others) >= _FEW:
            self._kinds = array("B", self._kinds)

    # -- the sequence ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._kinds)

    @overload
    def __getitem__(self, index: int) -> Span: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Span, ...]: ...

    def __getitem__(self, index: int | slice) -> Span | tuple[Span, ...]:
        if isinstance(index, slice):
            return tuple(self._span(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("span index out of range")
        return self._span(index)

    def __iter__(self) -> Iterator[Span]:
        data = self._data
        for i, (start, end, code) in enumerate(
            zip(self._starts, self._ends, self._kinds, strict=True)
        ):
            yield Span(start, end, _KINDS[code], data.get(i, "") if data else "")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SpanTable({list(self)!r})"

    def _span(self, i: int) -> Span:
        return Span(self._starts[i], self._ends[i], _KINDS[self._kinds[i]], self._data.get(i, ""))

    def has_kind(self, kind: SpanKind) -> bool:
        """Whether any span is of ``kind``."""
        return _CODES[kind] in self._kinds

    def of_kind(self, kind: SpanKind) -> list[Span]:
        """The spans of ``kind``, in order."""
        code = _CODES[kind]
        return [self._span(i) for i, k in enumerate(self._kinds) if k == code]

    # -- the reading view's query ---------------------------------------------------------

    def overlapping(self, a: int, b: int) -> list[Span]:
        """Spans with ``start < b`` and ``end > a`` (empty spans at ``a <= start < b`` too), in
        order of start (longest first), in time proportional to the spans near the window."""
        if self._max_end is None:
            self._index()
        starts, ends, order, max_end = self._starts, self._ends, self._order, self._max_end
        assert max_end is not None
        sorted_starts = starts if self._order_starts is None else self._order_starts
        found = [
            i for i in self._long if starts[i] < b and (ends[i] > a or a <= starts[i] == ends[i])
        ]
        pos = bisect_left(sorted_starts, b) - 1
        near: list[int] = []
        while pos >= 0:
            if pos % _BLOCK == _BLOCK - 1 and max_end[pos // _BLOCK] < a:
                break  # every span up to here ends before the window
            i = pos if order is None else order[pos]
            start, end = starts[i], ends[i]
            if end - start <= _LONG and (end > a or (start == end and start >= a)):
                near.append(i)
            pos -= 1
        near.reverse()
        if found:
            near = sorted(found + near, key=lambda i: (starts[i], -ends[i]))
        return [self._span(i) for i in near]

    def _index(self) -> None:
        """Build the query's index in locals, published at the end (the furthest ends last:
        a query that sees them sees the rest), so a query from another thread never meets
        half an index."""
        starts, ends = self._starts, self._ends
        positions: Iterable[int] = range(len(starts))
        in_order = all(
            starts[i] < starts[i + 1] or (starts[i] == starts[i + 1] and ends[i] >= ends[i + 1])
            for i in range(len(starts) - 1)
        )
        order = order_starts = None
        if not in_order:
            positions = sorted(positions, key=lambda i: (starts[i], -ends[i]))
            order = array("q", positions)
            order_starts = array(starts.typecode, (starts[i] for i in positions))
        max_end = array(starts.typecode)  # the furthest end up to each block's last span
        running = -1
        long: list[int] = []
        for n, i in enumerate(positions):
            if ends[i] - starts[i] > _LONG:
                long.append(i)
            else:
                running = max(running, ends[i])
            if n % _BLOCK == _BLOCK - 1:
                max_end.append(running)
        self._order, self._order_starts, self._long = order, order_starts, long
        self._max_end = max_end


class _MostlyOneKind:
    """The kinds of a table made of arrays (a text's paragraphs): the one kind, and the few
    spans of another (its title) apart, where an array holds a byte a span (0.1 MB for a
    50 MB text's paragraphs, all of one kind).  Read as the array is, by positions from 0."""

    __slots__ = ("code", "length", "others")

    def __init__(self, code: int, length: int) -> None:
        self.code, self.length = code, length
        self.others: dict[int, int] = {}  # position -> kind, of the spans of another kind

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> int:
        return self.others.get(index, self.code)

    def __iter__(self) -> Iterator[int]:
        others, code = self.others, self.code
        return (others.get(i, code) for i in range(self.length))

    def __contains__(self, code: object) -> bool:
        if code == self.code:
            return len(self.others) < self.length
        return code in self.others.values()

    def append(self, code: int) -> None:
        if code != self.code:
            self.others[self.length] = code
        self.length += 1

    def insert(self, position: int, code: int) -> None:
        self.others = {i + (i >= position): c for i, c in self.others.items()}
        if code != self.code:
            self.others[position] = code
        self.length += 1
