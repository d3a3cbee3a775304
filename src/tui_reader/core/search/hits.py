"""Search in a document's canonical text.

Smart case, as in vim and less: a query with no capital letter matches any case, a query
with a capital matches exactly.  Hits are ``(start, end)`` code-point offsets, half-open,
non-overlapping, in order.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import overload


def is_case_sensitive(query: str) -> bool:
    """True when ``query`` holds a capital letter (smart case)."""
    return any(ch.isupper() for ch in query)


class Hits(Sequence[tuple[int, int]]):
    """Search hits as ``(start, end)`` pairs, stored compactly (8 bytes a hit): every hit of
    a query has the query's length, since case-insensitive matching folds one code point
    to one code point."""

    def __init__(self, starts: array[int], length: int, *, truncated: bool = False) -> None:
        self.starts = starts
        self.length = length
        self.truncated = truncated  # the limit was reached: there are more hits

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return [(s, s + self.length) for s in self.starts[index]]
        start = self.starts[index]
        return start, start + self.length


def find_hits(text: str, query: str, *, limit: int | None = None) -> Hits:
    """Every occurrence of ``query`` in ``text`` (smart case), at most ``limit``."""
    starts: array[int] = array("q")
    if not query:
        return Hits(starts, 0)
    if is_case_sensitive(query):
        size = len(query)
        pos = text.find(query)
        while pos >= 0:
            starts.append(pos)
            if limit is not None and len(starts) >= limit:
                return Hits(starts, size, truncated=text.find(query, pos + size) >= 0)
            pos = text.find(query, pos + size)
        return Hits(starts, size)
    # re.IGNORECASE keeps offsets in the original text (str.lower() can change lengths).
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    matches = pattern.finditer(text)
    for match in matches:
        starts.append(match.start())
        if limit is not None and len(starts) >= limit:
            return Hits(starts, len(query), truncated=next(matches, None) is not None)
    return Hits(starts, len(query))


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
