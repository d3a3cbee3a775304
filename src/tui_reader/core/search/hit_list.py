"""Search hits as a compact list of ``(start, end)`` code-point offsets, and the hit after or
before an offset: what the reading pane holds of a search from its first screen on, without
the search itself (:mod:`.hits`: its folding tables and patterns load with a first search)."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import overload


class Hits(Sequence[tuple[int, int]]):
    """Search hits as ``(start, end)`` pairs, stored compactly (8 bytes a hit): every hit of
    a query has the query's length, but in a text that is not composed (NFC), across lines,
    or ignoring case where a fold is longer than its character (ß, "ss"): then each hit has
    its ``ends``."""

    def __init__(
        self,
        starts: array[int],
        length: int,
        *,
        truncated: bool = False,
        ends: array[int] | None = None,
    ) -> None:
        self.starts = starts
        self.length = length
        self.truncated = truncated  # the limit was reached: there are more hits
        self.ends = ends  # None: every hit is ``length`` long

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            if self.ends is not None:
                return list(zip(self.starts[index], self.ends[index], strict=True))
            return [(s, s + self.length) for s in self.starts[index]]
        start = self.starts[index]
        return start, start + self.length if self.ends is None else self.ends[index]


def hit_after(hits: Sequence[tuple[int, int]], offset: int, *, wrap: bool = True) -> int | None:
    """Index of the first hit starting after ``offset`` (wrapping to the first hit when
    ``wrap``); ``None`` when there is none."""
    if not hits:
        return None
    index = bisect_right(hits, (offset, 1 << 62))
    if index < len(hits):
        return index
    return 0 if wrap else None


def hit_before(hits: Sequence[tuple[int, int]], offset: int, *, wrap: bool = True) -> int | None:
    """Index of the last hit starting before ``offset`` (wrapping to the last hit when
    ``wrap``); ``None`` when there is none."""
    if not hits:
        return None
    index = bisect_left(hits, (offset, -1)) - 1
    if index >= 0:
        return index
    return len(hits) - 1 if wrap else None
