"""Search in a document's canonical text.

Smart case, as in vim and less: a query with no capital letter matches any case, a query
with a capital matches exactly.  Hits are ``(start, end)`` code-point offsets, half-open,
non-overlapping, in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence


def is_case_sensitive(query: str) -> bool:
    """True when ``query`` holds a capital letter (smart case)."""
    return any(ch.isupper() for ch in query)


def find_all(text: str, query: str, *, limit: int | None = None) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text`` (smart case), at most ``limit`` of them."""
    if not query:
        return []
    hits: list[tuple[int, int]] = []
    if is_case_sensitive(query):
        size = len(query)
        pos = text.find(query)
        while pos >= 0:
            hits.append((pos, pos + size))
            if limit is not None and len(hits) >= limit:
                break
            pos = text.find(query, pos + size)
        return hits
    # re.IGNORECASE keeps offsets in the original text (str.lower() can change lengths).
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    for match in pattern.finditer(text):
        hits.append(match.span())
        if limit is not None and len(hits) >= limit:
            break
    return hits


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
