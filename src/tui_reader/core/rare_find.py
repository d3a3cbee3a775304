"""Looking for a short string whose first character is rare in what is searched.

``str.find`` and ``bytes.find`` of one character go at ``memchr``'s pace (0.4 microseconds
for 10 KB); of two characters or more, at about a nanosecond a character (10 microseconds for
10 KB), whether or not the first character is there at all.  A document's first reading looks
for a few such strings ("Q." of a deposition, "%%" of a vault's comment, the UTF-8 of a line
separator) in every file: 10,000 files paid a tenth of a second for each, for nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import AnyStr, Protocol

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


# ASCII letters from the least used in English prose to the most, then its commonest signs:
# the byte of a query looked for first (a "z" is far rarer than an "e"); any other byte (a
# digit, a sign) before them.  Past the first _RARE_LETTERS a byte is too common to be worth
# it (a "k" or an "f", one letter in a hundred of prose or more: some hundred places in 10 KB).
_BY_USE = b"zqxjkvbpygfwmucldrhsnioate.,' "
_RARE_LETTERS = 4


@lru_cache(maxsize=16)
def _anchor(needle: bytes) -> int | None:
    """Where in ``needle`` (lower case) the byte looked for first is, its least used (its
    first place); ``None`` when that one is common too."""
    others = needle.translate(None, _BY_USE)  # (a pasted page's bytes told in C)
    if others:
        return needle.index(others[:1])
    for byte in _BY_USE[:_RARE_LETTERS]:
        at = needle.find(byte)
        if at >= 0:
            return at
    return None


class Lowered(Protocol):
    """What :func:`find_lowered` reads: bytes, or a file's mapped bytes."""

    def find(self, sub: bytes, start: int, end: int, /) -> int: ...

    def __getitem__(self, key: slice, /) -> bytes: ...


# Bytes lowercased and searched (bytes.lower, then find) in about the time one place of
# find_lowered's byte is looked at, not the needle's: past as many such places as the bytes
# hold this many, lowercasing them costs less.
_BYTES_A_TRY = 2048
_TRIES_LOWERED = 2
_HEAD = 64  # bytes of a place compared first


def find_lowered(data: Lowered, needle: bytes, start: int, end: int) -> int | None:
    """``data[start:end].lower().find(needle)``, as an offset in ``data``, for an ASCII
    ``needle`` in lower case (not empty), found by its rarest byte, each of its cases looked
    for with ``memchr``, without copying or lowercasing ``data``; ``None`` when it holds
    no byte rare in prose (a digit, a sign, a "z", "q", "x" or "j"), or when that byte
    proved common (more of its places not the needle's than the bytes hold
    :data:`_BYTES_A_TRY`, a few more in a short text): the caller lowercases.  A rare word
    ignoring case was looked for in every file lowercased, 10 KB copied for each, four times
    as long as a byte's ``memchr`` in both cases."""
    size = len(needle)
    if not size or start < 0 or end < 0:
        raise ValueError("find_lowered takes a needle and positions from the start")
    at = _anchor(needle)
    if at is None:
        return None  # (a word of common letters: found lowercased at once)
    lower = needle[at : at + 1]
    upper = lower.upper()
    low, high = start + at, end - (size - 1 - at)  # where the byte may be, for a whole match
    if high <= low:
        return -1
    head = min(size, _HEAD)
    next_lower = data.find(lower, low, high)
    next_upper = data.find(upper, low, high) if upper != lower else -1
    for _ in range(_TRIES_LOWERED + (high - low) // _BYTES_A_TRY):
        if next_lower < 0 and next_upper < 0:
            return -1
        place = next_upper if next_lower < 0 or 0 <= next_upper < next_lower else next_lower
        begin = place - at  # (a long needle's places told by their first bytes, not copied)
        if data[begin : begin + head].lower() == needle[:head] and (
            size <= head or data[begin : begin + size].lower() == needle
        ):
            return begin
        if place == next_lower:
            next_lower = data.find(lower, place + 1, high)
        else:
            next_upper = data.find(upper, place + 1, high)
    return None
