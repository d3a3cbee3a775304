"""Looking for a short string whose first character is rare in what is searched.

``str.find`` and ``bytes.find`` of one character go at ``memchr``'s pace (0.4 microseconds
for 10 KB); of two characters or more, at about a nanosecond a character (10 microseconds for
10 KB), whether or not the first character is there at all.  A document's first reading looks
for a few such strings ("Q." of a deposition, "%%" of a vault's comment, the UTF-8 of a line
separator) in every file: 10,000 files paid a tenth of a second for each, for nothing.
"""

from __future__ import annotations

from typing import AnyStr

_TRIES = 16  # first characters not followed by the rest, before ``find`` takes over


def find_rare(haystack: AnyStr, needle: AnyStr, start: int = 0, end: int | None = None) -> int:
    """``haystack.find(needle, start, end)`` for a non-empty ``needle`` and ``start`` and
    ``end`` not below 0, found by its first character: quick where that is rare."""
    if start < 0 or (end is not None and end < 0) or not needle:
        raise ValueError("find_rare takes a needle and positions from the start")
    stop = len(haystack) if end is None else end
    first, rest = needle[:1], needle[1:]
    at = haystack.find(first, start, stop)
    for _ in range(_TRIES):
        if at < 0 or haystack.startswith(rest, at + 1, stop):
            return at
        at = haystack.find(first, at + 1, stop)
    return haystack.find(needle, at, stop) if at >= 0 else -1


def holds_rare(haystack: AnyStr, needle: AnyStr) -> bool:
    """``needle in haystack`` for a non-empty ``needle`` (:func:`find_rare`)."""
    return find_rare(haystack, needle) >= 0


# Bytes below this many are looked at in one pass by bytes.translate (a memchr for each of a
# set's thirty bytes costs more than the pass over so few).
_ONE_PASS_BYTES = 1024


def holds_any_byte(data: bytes, values: bytes) -> bool:
    """Whether ``data`` holds any of the bytes ``values`` (a few rare bytes: controls,
    Markdown's markup), each looked for with ``memchr`` (a machine word or more at a time),
    the first found ending the look.  ``bytes.translate`` deleting them, a pass byte by
    byte, took two to three times as long over 10 KB holding none: every file a first search
    or a first listing reads is looked at so, once or twice."""
    if len(data) < _ONE_PASS_BYTES:
        return len(data.translate(None, values)) != len(data)
    return any(map(data.__contains__, values))
