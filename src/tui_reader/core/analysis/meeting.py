"""Where a passage meets others: what a query's ``OVERLAPS``, ``WITHIN`` and
``ENCLOSES`` ask (:class:`~tui_reader.core.analysis.query.Meeting`).

A passage meets another as the co-occurrence report counts a meeting: the two of one
document and one coder (two coders' passages never meet), neither empty, and, for
``overlaps``, sharing a character (two that only touch do not).  ``within``: the passage
lies wholly inside the other (their starts and ends may be the same); ``encloses``: it holds
the other wholly.  A passage that itself matches the other side of the operator meets it,
as a passage carrying both codes is counted in a co-occurrence cell.

The other side's passages are kept by document and coder, sorted by start, with the furthest
end among those starting up to each and the nearest end among those starting from each: a
passage is answered by a bisection, never pair by pair (thousands stacked on one place)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from tui_reader.core.annotations.model import Annotation

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
        for key, places in grouped.items():
            places.sort()
            ends = [end for _, end in places]
            furthest = list(accumulate(ends, max))
            nearest = list(accumulate(reversed(ends), min))[::-1]
            self.groups[key] = ([start for start, _ in places], furthest, nearest)

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


# what each operator asks of the other side's passages
ASKS: dict[str, Callable[[Others, Annotation], bool]] = {
    "overlaps": Others.overlapped_by,
    "within": Others.around,
    "encloses": Others.inside,
}


def meeting_test(
    relation: str,
    other: Callable[[Annotation], bool],
    passages: Callable[[], Iterable[Annotation]],
    coder: Callable[[Annotation], str],
) -> Callable[[Annotation], bool]:
    """Whether a passage meets as ``relation`` (one of :data:`ASKS`) says a passage the test
    ``other`` takes, of ``passages`` (asked once, when the first passage is tested: in the
    worker that tests them), or is taken by ``other`` itself."""
    asks = ASKS[relation]
    found: list[Others] = []

    def test(a: Annotation) -> bool:
        if other(a):
            return True
        if not found:
            found.append(Others(filter(other, passages()), coder))
        return asks(found[0], a)

    return test
