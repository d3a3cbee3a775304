"""Positions another tool counted in UTF-16 units (the tools built on .NET, Java or a web
browser count a character past U+FFFF, an emoji, as two; a tool reading a file as it is, each
of its Windows line ends, CR LF, and a PARAGRAPH SEPARATOR one, a blank line here), turned
into the code points every offset here counts, and what tells one count from the other: a
passage coded runs from a word's start to a word's end, so the count that cuts a word in two
is the wrong one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence


@functools.lru_cache(maxsize=8)  # asked for each of a document's many passages
def from_units(text: str) -> Callable[[int], int] | None:
    """What turns a position in UTF-16 units of ``text`` into code points; None when the
    two counts are one (no character past U+FFFF)."""
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    wide = [n for n, char in enumerate(text) if char > "\uffff"]
    return counted_twice(wide) if wide else None


def counted_twice(places: Sequence[int]) -> Callable[[int], int]:
    """What turns a position counted with each character at ``places`` (sorted code points
    of the text) taken as two (an emoji in UTF-16 units) into code points."""
    starts = [n + k for k, n in enumerate(places)]  # each one's place in the other count

    def read(units: int) -> int:
        return units - bisect_left(starts, units)

    return read


def at_words(text: str, start: int, end: int) -> int:
    """1 when ``[start, end)`` of ``text`` is a passage that cuts no word (nor a letter from
    its accent), else 0."""
    if not 0 <= start < end <= len(text):
        return 0

    def inside(n: int) -> bool:
        return 0 < n < len(text) and _wordly(text[n - 1]) and _wordly(text[n])

    return int(not inside(start) and not inside(end))


def _wordly(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


# A line end of CRs before a LF (CR CR LF: a CR LF written again in text mode on Windows) is
# one newline here, as a CR LF is (sanitize.normalize_newlines).
_COUNTED_OTHERWISE = re.compile("\r+\n|\u2029")
_OR_WIDE = re.compile("\r+\n|\u2029|[\U00010000-\U0010ffff]")


def as_file(raw: str, *, wide: bool) -> Callable[[int], int]:
    """What turns a position counted in the characters of the file ``raw`` (``wide``: in its
    UTF-16 units, a character past U+FFFF two) into code points of its text: each CR LF
    there one character here (CR CR LF too), each PARAGRAPH SEPARATOR two (a blank line)."""
    places: list[int] = []  # where each one is, in the file's count
    shifts: list[int] = []  # what a position after it is moved by, it and those before
    shift = wides = 0
    for match in (_OR_WIDE if wide else _COUNTED_OTHERWISE).finditer(raw):
        found = match.group()
        places.append(match.start() + wides)
        if found == "\u2029":
            shift += 1
        elif found.endswith("\n"):
            shift -= len(found) - 1
        else:  # a character past U+FFFF, two units
            wides += 1
            shift -= 1
        shifts.append(shift)

    def read(counted: int) -> int:
        before = bisect_left(places, counted)
        return counted + shifts[before - 1] if before else counted

    return read
