"""Where a passage meets others: what a query's ``OVERLAPS``, ``WITHIN``, ``ENCLOSES``,
``OVERLAPPED BY``, ``ENCLOSED BY``, ``FOLLOWS`` and ``PRECEDES`` ask
(:class:`~tui_reader.core.analysis.query.Meeting`).

A passage meets another as the co-occurrence report counts a meeting: the two of one
document and one coder (two coders' passages never meet), neither empty, and, for
``overlaps``, sharing a character (two that only touch do not).  ``within`` (and ``enclosed
by``, ATLAS.ti's other name for it): the passage lies wholly inside the other (their starts
and ends may be the same); ``encloses``: it holds the other wholly; ``overlapped by``, as
ATLAS.ti asks it: the other starts before it and ends inside it (after its start, before its
end: neither holds the other); ``overlaps start``, ATLAS.ti's directional ``overlaps``: it
starts before the other and ends inside it; ``follows``: it starts where the other ends or after it;
``precedes``: it ends where the other starts or before it; given a distance (``follows/2``),
at most that many paragraphs of the document's text apart (``follows/2s``: sentences,
``follows/2w``: words), counted from the unit the other ends in to the one the passage starts
in (0: the same one), the nearest such passage's; ``near/n``: either, or overlapping.  A
passage that itself matches the other side of ``overlaps``, ``within``, ``enclosed by`` or
``encloses`` meets it, as a passage carrying both codes is counted in a co-occurrence cell;
none follows, precedes, is overlapped by or overlaps the start of itself.

The passages of every other side of a query are asked of the scope in one look (:class:`Sides`);
each distinct side's are kept by document and coder, sorted by start, with the furthest
end among those starting up to each and the nearest end among those starting from each: a
passage is answered by a bisection, never pair by pair (thousands stacked on one place)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from itertools import accumulate
from typing import Protocol

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import TuiReaderError

# the codes of which every passage wanted carries one (None: every passage) -> those passages
Passages = Callable[[frozenset[str] | None], Iterable[Annotation]]


class Others:
    """The passages of the other side of an operator, by document and coder, each group as
    its starts (in order), the furthest end among those starting up to each and the nearest
    end among those starting from each."""

    def __init__(self, passages: Iterable[Annotation], coder: Callable[[Annotation], str]) -> None:
        grouped: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for b in passages:
            if b.start < b.end:  # an empty passage meets nothing
                grouped.setdefault((b.document, coder(b)), []).append((b.start, b.end))
        self.coder = coder
        self.groups: dict[tuple[str, str], tuple[list[int], list[int], list[int]]] = {}
        self._ends: dict[tuple[str, str], list[int]] = {}  # each group's ends, in order
        self._places = grouped  # (each group's (start, end), in order)
        # each group's ends in order, and the earliest start of those ending in a range
        self._by_end: dict[tuple[str, str], tuple[list[int], _RangeMin]] = {}
        # each group's starts in order, and the furthest end (negated) of those starting in one
        self._by_start: dict[tuple[str, str], tuple[list[int], _RangeMin]] = {}
        for key, places in grouped.items():
            places.sort()
            ends = [end for _, end in places]
            furthest = list(accumulate(ends, max))
            nearest = list(accumulate(reversed(ends), min))[::-1]
            self.groups[key] = ([start for start, _ in places], furthest, nearest)
            self._ends[key] = sorted(ends)

    @property
    def documents(self) -> set[str]:
        return {document for document, _ in self.groups}

    def _group(self, a: Annotation) -> tuple[list[int], list[int], list[int]] | None:
        if a.start >= a.end:
            return None
        return self.groups.get((a.document, self.coder(a)))

    def overlapped_by(self, a: Annotation) -> bool:
        """Whether one of them shares a character with ``a``."""
        group = self._group(a)
        if group is None:
            return False
        starts, furthest, _ = group
        before = bisect_left(starts, a.end)  # those starting before a ends
        return bool(before) and furthest[before - 1] > a.start  # one ends after a starts

    def around(self, a: Annotation) -> bool:
        """Whether one of them holds ``a`` wholly."""
        group = self._group(a)
        if group is None:
            return False
        starts, furthest, _ = group
        before = bisect_right(starts, a.start)  # those starting where a starts or before
        return bool(before) and furthest[before - 1] >= a.end

    def inside(self, a: Annotation) -> bool:
        """Whether ``a`` holds one of them wholly."""
        group = self._group(a)
        if group is None:
            return False
        starts, _, nearest = group
        after = bisect_left(starts, a.start)  # the first starting where a starts or after
        return after < len(starts) and nearest[after] <= a.end

    def overlapping_start(self, a: Annotation) -> bool:
        """Whether one of them starts before ``a`` starts and ends inside it (after its start,
        before its end): ATLAS.ti's ``a OVERLAPPED BY b``."""
        if a.start >= a.end:
            return False
        key = (a.document, self.coder(a))
        found = self._by_end.get(key)
        if found is None:
            places = self._places.get(key)
            if not places:
                return False
            by_end = sorted(places, key=lambda place: place[1])
            found = self._by_end[key] = (
                [end for _, end in by_end],
                _RangeMin([start for start, _ in by_end]),
            )
        ends, starts = found
        # those ending after a starts and before it ends: does one of them start before it?
        lo, hi = bisect_right(ends, a.start), bisect_left(ends, a.end)
        return lo < hi and starts.least(lo, hi) < a.start

    def overlapping_end(self, a: Annotation) -> bool:
        """Whether one of them starts inside ``a`` (after its start, before its end) and ends
        after it: ``a`` starts before it and ends inside it, ATLAS.ti's ``a OVERLAPS b``."""
        if a.start >= a.end:
            return False
        key = (a.document, self.coder(a))
        found = self._by_start.get(key)
        if found is None:
            places = self._places.get(key)
            if not places:
                return False
            found = self._by_start[key] = (
                [start for start, _ in places],
                _RangeMin([-end for _, end in places]),
            )
        starts, ends = found
        # those starting after a starts and before it ends: does one of them end after it?
        lo, hi = bisect_right(starts, a.start), bisect_left(starts, a.end)
        return lo < hi and -ends.least(lo, hi) > a.end

    def ended_before(self, a: Annotation) -> bool:
        """Whether one of them ends where ``a`` starts or before it."""
        group = self._group(a)
        return group is not None and group[2][0] <= a.start  # the nearest end of all

    def starting_after(self, a: Annotation) -> bool:
        """Whether one of them starts where ``a`` ends or after it."""
        group = self._group(a)
        return group is not None and group[0][-1] >= a.end  # the last start of all

    def last_end_before(self, a: Annotation) -> int | None:
        """The end nearest ``a``'s start of those of them ending where it starts or before."""
        if a.start >= a.end:
            return None
        ends = self._ends.get((a.document, self.coder(a)))
        if not ends:
            return None
        at = bisect_right(ends, a.start)
        return ends[at - 1] if at else None

    def first_start_after(self, a: Annotation) -> int | None:
        """The start nearest ``a``'s end of those of them starting where it ends or after."""
        group = self._group(a)
        if group is None:
            return None
        starts = group[0]
        at = bisect_left(starts, a.end)
        return starts[at] if at < len(starts) else None


class _RangeMin:
    """The least of ``values[lo:hi]`` for any ``lo < hi`` in two looks (a sparse table:
    the least of each run of 1, 2, 4, ... values), however many values the range holds."""

    def __init__(self, values: list[int]) -> None:
        self.levels = [values]
        width = 1
        while width * 2 <= len(values):
            last = self.levels[-1]
            self.levels.append([min(x, y) for x, y in zip(last, last[width:], strict=False)])
            width *= 2

    def least(self, lo: int, hi: int) -> int:
        level = (hi - lo).bit_length() - 1
        row = self.levels[level]
        return min(row[lo], row[hi - (1 << level)])


# what each operator asks of the other side's passages
ASKS: dict[str, Callable[[Others, Annotation], bool]] = {
    "overlaps": Others.overlapped_by,
    "within": Others.around,
    "encloses": Others.inside,
    "enclosed by": Others.around,  # (ATLAS.ti's WITHIN: "enclosed by" another)
    "overlapped by": Others.overlapping_start,
    "overlaps start": Others.overlapping_end,  # (ATLAS.ti's OVERLAPS)
    "follows": Others.ended_before,
    "precedes": Others.starting_after,
}
# the operators a passage matching their other side meets by itself (a passage carrying
# both codes is a meeting, as the co-occurrence report counts it; none follows itself, nor
# overlaps its own start)
SELF_MEETING = frozenset(("overlaps", "within", "enclosed by", "encloses", "near"))

# what a distance counts, by the letter behind its number (FOLLOWS/2s): none, paragraphs
UNITS = {"": "paragraph", "s": "sentence", "w": "word"}


class Places(Protocol):
    """A document's key -> the starts of its units (``"paragraph"``, ``"sentence"`` or
    ``"word"``), in order, of the documents given."""

    def __call__(
        self, keys: Iterable[str], unit: str = "paragraph"
    ) -> Mapping[str, Sequence[int]]: ...


Paragraphs = Places  # (the paragraphs were the one unit a distance counted)


class Apart:
    """How many paragraphs, sentences or words apart two places of a document are: the
    starts of its units asked of ``places`` once a unit, for every document a side's
    passages lie in, when a passage is first tested."""

    def __init__(self, places: Places) -> None:
        self._places = places
        self._starts: dict[str, dict[str, Sequence[int]]] = {}

    def read(self, documents: Iterable[str], unit: str = "paragraph") -> None:
        known = self._starts.setdefault(unit, {})
        wanted = [d for d in documents if d not in known]
        if wanted:
            found = self._places(wanted, unit) if unit != "paragraph" else self._places(wanted)
            for document in wanted:
                known[document] = found.get(document, ())

    def within(
        self, document: str, first: int, then: int, distance: int, unit: str = "paragraph"
    ) -> bool:
        """Whether the unit holding offset ``then`` is at most ``distance`` after the one
        holding offset ``first`` (a document whose text cannot be read: never; an offset
        between two units is the earlier one's)."""
        starts = self._starts.get(unit, {}).get(document)
        if not starts:
            return False
        return bisect_right(starts, then) - bisect_right(starts, first) <= distance


Asks = Callable[[Others, Annotation], bool]


def _follows_within(distance: int, apart: Apart, unit: str) -> Asks:
    def asks(others: Others, a: Annotation) -> bool:
        end = others.last_end_before(a)
        return end is not None and apart.within(a.document, end - 1, a.start, distance, unit)

    return asks


def _precedes_within(distance: int, apart: Apart, unit: str) -> Asks:
    def asks(others: Others, a: Annotation) -> bool:
        start = others.first_start_after(a)
        return start is not None and apart.within(a.document, a.end - 1, start, distance, unit)

    return asks


def _near(distance: int, apart: Apart, unit: str) -> Asks:
    after = _follows_within(distance, apart, unit)
    before = _precedes_within(distance, apart, unit)

    def asks(others: Others, a: Annotation) -> bool:
        return others.overlapped_by(a) or after(others, a) or before(others, a)

    return asks


def distance_of(relation: str) -> tuple[str, int, str] | None:
    """``"follows/2s"`` -> ``("follows", 2, "sentence")``; a relation without a distance:
    None."""
    operator, slash, distance = relation.partition("/")
    if not slash:
        return None
    letter = distance[-1:] if distance[-1:].isalpha() else ""
    return operator, int(distance.removesuffix(letter)), UNITS[letter]


DISTANCED: dict[str, Callable[[int, Apart, str], Asks]] = {
    "follows": _follows_within,
    "precedes": _precedes_within,
    "near": _near,
}


class _Gathered:
    """The passages of every side of a query's operators, asked of the scope in one look,
    and kept by code when a side asks for those of some codes."""

    def __init__(self, passages: Iterable[Annotation]) -> None:
        self.passages = list(passages)
        self._by_tag: dict[str, list[Annotation]] | None = None
        self._tags: list[str] = []

    def carrying(self, codes: frozenset[str] | None) -> Iterable[Annotation]:
        """Those carrying one of ``codes`` or a code below one (all of them given None)."""
        if codes is None:
            return self.passages
        if self._by_tag is None:
            self._by_tag = {}
            for a in self.passages:
                for tag in a.tags:
                    self._by_tag.setdefault(tag, []).append(a)
            self._tags = sorted(self._by_tag)
        tags = self._tags
        runs = []
        for code in codes:
            if code in self._by_tag:
                runs.append(self._by_tag[code])
            # the codes below: those beginning "code/", before "code0" ("0" follows "/")
            below = tags[bisect_left(tags, code + "/") : bisect_left(tags, code + "0")]
            runs.extend(self._by_tag[tag] for tag in below)
        if len(runs) == 1:
            return runs[0]
        return {id(a): a for run in runs for a in run}.values()  # one carrying two, once


class Sides:
    """The other sides of one query's operators.  Their passages are asked of the scope in
    one look, when a passage is first tested (in the worker that tests them): those carrying
    the codes of every side, or all of them when a side can match a passage of any code
    (``NOT a``).  Each distinct side's passages are then found among those, never by another
    look at the scope, and kept once however often the side is named: a row of thousands of
    codes pasted as other sides costs a look at each code's passages, not at the scope."""

    def __init__(
        self,
        passages: Passages,
        coder: Callable[[Annotation], str],
        paragraphs: Paragraphs | None = None,
    ) -> None:
        self._passages = passages
        self._coder = coder
        # the units FOLLOWS/2, PRECEDES/2s and NEAR/2w count (None: such a query refused)
        self._apart = None if paragraphs is None else Apart(paragraphs)
        self._codes: set[str] = set()
        self._every = False  # a side may match a passage of any code
        self._gathered: _Gathered | None = None
        self._others: dict[Hashable, Others] = {}

    def test(
        self,
        relation: str,
        side: Hashable,
        other: Callable[[Annotation], bool],
        codes: frozenset[str] | None,
    ) -> Callable[[Annotation], bool]:
        """Whether a passage meets as ``relation`` (one of :data:`ASKS`) says a passage the
        test ``other`` takes (the test of ``side``, whose passages carry one of ``codes``,
        or any code given None), or is taken by ``other`` itself (a relation of
        :data:`SELF_MEETING`)."""
        if codes is None:
            self._every = True
        else:
            self._codes |= codes
        self._gathered = None  # (a look taken before this side was named lacks its passages)
        distanced = distance_of(relation)
        apart = self._apart
        unit = "paragraph"
        if distanced is not None:
            operator, distance, unit = distanced
            if apart is None:
                raise TuiReaderError(
                    f"{relation.upper()} counts the {unit}s of the documents' texts, and "
                    "none are given here"
                )
            asks = DISTANCED[operator](distance, apart, unit)
        else:
            operator = relation
            asks = ASKS[relation]
        itself = operator in SELF_MEETING
        found: list[Others] = []

        def test(a: Annotation) -> bool:
            if itself and other(a):
                return True
            if not found:
                found.append(self._of(side, other, codes))
                if distanced is not None and apart is not None:  # every document, at once
                    apart.read(found[0].documents, unit)
            return asks(found[0], a)

        return test

    def _of(
        self, side: Hashable, other: Callable[[Annotation], bool], codes: frozenset[str] | None
    ) -> Others:
        kept = self._others.get(side)
        if kept is None:
            if self._gathered is None:
                wanted = None if self._every else frozenset(self._codes)
                self._gathered = _Gathered(self._passages(wanted))
            kept = Others(filter(other, self._gathered.carrying(codes)), self._coder)
            self._others[side] = kept
        return kept
