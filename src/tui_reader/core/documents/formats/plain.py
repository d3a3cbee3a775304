"""Plain text: the text is kept as it is; spans mark the title line and the paragraphs (and,
in hard-wrapped text, the paragraphs whose line breaks are soft)."""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterator, Sequence
from typing import overload

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.hard_wrap import soft_wrapped_paragraphs
from tui_reader.core.documents.span_table import SpanTable
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.titles import find_title_line

# Paragraphs are separated by one or more blank lines (linear scan: matches start at "\n"):
# lines of nothing but spaces of any kind (a no-break space, a Word file's empty paragraph),
# as the caret's paragraphs and the agreement's are (core.documents.units).
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_NON_SPACE = re.compile(r"\S")


def parse_plain(text: str, pages: Collection[int] = ()) -> Parsed:
    """Canonical text for plain text is the input itself; offsets are code points.  Its
    spans are a :class:`SpanTable` made from the paragraphs' bounds: a 50 MB text has
    100,000 paragraphs, and no Span object is made for them.  ``pages``: the newlines of
    ``text`` that end a page of its file (:func:`~.lines.page_breaks`), for its title."""
    title_span = find_title_line(text, pages=pages)
    title = None
    starts, ends = paragraph_bounds(text)
    soft = soft_wrapped_paragraphs(text, RangePairs(starts, ends))
    if title_span is not None:
        title = text[title_span[0] : title_span[1]]
    if soft:  # hard-wrapped text (small): the three kinds merged in order
        heads = [(*title_span, SpanKind.TITLE)] if title_span is not None else []
        paragraphs = (
            (start, end, SpanKind.PARAGRAPH) for start, end in zip(starts, ends, strict=True)
        )
        softs = ((start, end, SpanKind.SOFT_WRAP) for start, end in soft)
        spans = SpanTable()
        for start, end, kind in heapq.merge(heads, paragraphs, softs, key=_order):
            spans.append(start, end, kind)
    else:  # the paragraphs' arrays become the table's; the title is put in its place
        spans = SpanTable.of_arrays(starts, ends, SpanKind.PARAGRAPH)
        if title_span is not None:
            spans.insert(_place(starts, ends, *title_span), *title_span, SpanKind.TITLE)
    return Parsed(text=text, spans=spans, title=title)


def _order(span: tuple[int, int, SpanKind]) -> tuple[int, int]:
    return span[0], -span[1]


def _place(starts: array[int], ends: array[int], start: int, end: int) -> int:
    """Where the span ``[start, end)`` goes among the paragraphs (sorted by start, longest
    first; before paragraphs of the same bounds, as it comes first)."""
    at = bisect_left(starts, start)
    if at < len(starts) and starts[at] == start and ends[at] > end:
        at += 1  # a longer paragraph from the same start comes first
    return at


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: blank-line separated, outer spaces trimmed as the
    eye sees them (an accent a PDF set apart on a space, " \u0301", is a space's: a line of
    them is no paragraph), the paragraphs of :func:`~tui_reader.core.documents.units.
    paragraph_spans` (which cuts a block over its limit in pieces besides)."""
    return list(zip(*paragraph_bounds(text), strict=True))


def paragraph_bounds(text: str) -> tuple[array[int], array[int]]:
    """The starts and the ends of :func:`paragraph_ranges`, as arrays."""
    typecode = "i" if len(text) < 2**31 else "q"
    starts: array[int] = array(typecode)
    ends: array[int] = array(typecode)
    pos = 0
    for sep in _BLANK_LINES.finditer(text):
        _add_trimmed(text, pos, sep.start(), starts, ends)
        pos = sep.end()
    _add_trimmed(text, pos, len(text), starts, ends)
    return starts, ends


def _add_trimmed(text: str, start: int, end: int, starts: array[int], ends: array[int]) -> None:
    if start >= end:
        return
    first = start
    if text[first].isspace():
        found = _NON_SPACE.search(text, start, end)
        if found is None:
            return
        first = found.start()
    after, step = end, 16
    while text[after - 1].isspace():  # (it stops after ``first``, no space)
        lo = max(first, after - step)
        after = lo + len(text[lo:after].rstrip())
        step *= 4
    if text[after - 1] >= "\u0300" or (first > start and text[first] >= "\u0300"):
        # a mark, which may be an accent set on a space (rare: most often, none; the units
        # are loaded then, not before a plain text's first screen)
        from tui_reader.core.documents.units import spaces_trimmed

        first, after = spaces_trimmed(text, start, end)
        if first >= after:
            return
    starts.append(first)
    ends.append(after)


class RangePairs(Sequence[tuple[int, int]]):
    """``(start, end)`` pairs read from two arrays, made one at a time."""

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        self.starts, self.ends = starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)
