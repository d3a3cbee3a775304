"""Find the ranges that overlap a window quickly: style spans, search hits, highlights.

Offsets are code points, ranges half-open ``[start, end)``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, Protocol, TypeVar

from rich.style import Style


class HasRange(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=HasRange)

# Ranges longer than this are kept apart and checked one by one: they are few (block spans,
# long highlights), and keeping them out of the sorted index bounds its backward scan.
_LONG = 4096


class RangeIndex(Generic[T]):
    """An immutable index of ranges answering "which ranges overlap ``[a, b)``" in time
    proportional to the ranges near the window, not to the whole document."""

    def __init__(self, items: Iterable[T]) -> None:
        short: list[T] = []
        self._long: list[T] = []
        for item in items:
            (self._long if item.end - item.start > _LONG else short).append(item)
        short.sort(key=lambda r: (r.start, -r.end))
        self._long.sort(key=lambda r: (r.start, -r.end))
        self._short = short
        self._starts = [r.start for r in short]
        self._max_end: list[int] = []
        running = -1
        for r in short:
            running = max(running, r.end)
            self._max_end.append(running)

    def __len__(self) -> int:
        return len(self._short) + len(self._long)

    def overlapping(self, a: int, b: int) -> list[T]:
        """Ranges with ``start < b`` and ``end > a`` (empty ranges at ``a <= start < b`` too),
        in order of start."""
        found = [r for r in self._long if r.start < b and (r.end > a or a <= r.start == r.end)]
        i = bisect_left(self._starts, b) - 1
        near: list[T] = []
        while i >= 0 and self._max_end[i] >= a:
            r = self._short[i]
            if r.end > a or (r.start == r.end and r.start >= a):
                near.append(r)
            i -= 1
        near.reverse()
        if not found:
            return near
        return sorted(found + near, key=lambda r: (r.start, -r.end))


class MarkKind(Enum):
    """What a mark is, for the view to style as it likes (the engine names no CSS)."""

    SEARCH_HIT = "search-hit"
    SEARCH_CURRENT = "search-current"
    SELECTION = "selection"
    CARET = "caret"


# How a mark looks: a kind the view maps to its style, a Rich style string (``"on #553300"``)
# or a Rich Style.
Look = MarkKind | str | Style


@dataclass(frozen=True, slots=True)
class Mark:
    """A decoration over ``[start, end)`` code points: a search hit, a highlight, ..."""

    start: int
    end: int
    style: Look


class MarkSource(Protocol):
    """Anything that answers which marks overlap ``[a, b)`` (a layer of the reading view)."""

    def overlapping(self, a: int, b: int) -> list[Mark]: ...


class FixedLengthMarks:
    """Marks of one length at sorted starts (search hits): millions of them cost 8 bytes
    each, and a window is answered by bisection."""

    def __init__(self, starts: Sequence[int], length: int, style: Look) -> None:
        self.starts = starts
        self.length = length
        self.style = style

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, a: int, b: int) -> list[Mark]:
        i = bisect_left(self.starts, a - self.length + 1)
        found: list[Mark] = []
        while i < len(self.starts) and self.starts[i] < b:
            start = self.starts[i]
            found.append(Mark(start, start + self.length, self.style))
            i += 1
        return found


class SortedMarks:
    """Marks at sorted, non-overlapping ``[start, end)`` of varied lengths (the hits of a
    search in a text not composed, or across a book's soft line breaks): 16 bytes each, a
    window answered by bisection, as :class:`FixedLengthMarks`."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], style: Look) -> None:
        self.starts = starts
        self.ends = ends
        self.style = style

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, a: int, b: int) -> list[Mark]:
        i = bisect_right(self.ends, a)  # the first ending after ``a`` (ends are sorted too)
        while i > 0 and self.starts[i - 1] == self.ends[i - 1] == a:
            i -= 1  # an empty mark at ``a``
        found: list[Mark] = []
        while i < len(self.starts) and self.starts[i] < b:
            found.append(Mark(self.starts[i], self.ends[i], self.style))
            i += 1
        return found
