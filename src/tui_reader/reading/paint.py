"""Painting one display line: text + style spans + decoration layers -> Segments.

Document text never goes through a markup parser: segments are built from the text as it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.reading.layout import (
    after_long_marks,
    character_start_on_line,
    continues_a_character,
    drawn,
    not_one_cell_at,
    second_half,
    text_cells,
    without_leading_marks,
)
from tui_reader.reading.marks import Look, MarkKind, MarkSource

# The view's style for a span kind or a mark's look (an empty Style: drawn in the base style).
StyleResolver = Callable[[SpanKind | Look], Style]


class SpanSource(Protocol):
    """A document's style spans, asked which overlap ``[a, b)`` (a SpanTable, a RangeIndex)."""

    def overlapping(self, a: int, b: int) -> list[Span]: ...


# What is drawn with the character before it: an emoji selector (❤ + it is ❤️, two cells), a
# character joined by a zero-width joiner (👨 + joiner + 👩: one picture), a combining accent
# (e + U+0301 is é), a skin tone (👍🏽), a flag's second letter (🇫🇷).  A style that starts or
# ends between them starts or ends after them, else the terminal would be given them as two
# pieces, measured apart (❤ one cell, its selector none) or drawn apart (the caret on the e
# of é and not on its accent, on half a flag).
_SKIN_TONES = range(0x1F3FB, 0x1F400)


def _with_the_one_before(text: str, at: int, start: int) -> bool:
    """Whether ``text[at]`` is drawn with the character before it (see above), on a display
    line starting at ``start``."""
    ch = text[at]
    return (
        (text[at - 1] == "\u200d" and ch > "\x7f")  # (ASCII: drawn in its own cell)
        or ord(ch) in _SKIN_TONES
        or second_half(text, at, start)
        or (ch != "\u200d" and get_character_cell_size(ch) == 0)
    )


def _whole(text: str, at: int, start: int, end: int) -> int:
    """``at``, moved past any character that belongs to the one before (on the display line
    ``[start, end)``), then to the end of the character as the eye sees one that it still
    falls inside (a conjunct: क्ष, its second consonant after the virama), as a selection
    ends: a search hit for क painted क् in one style and ष in another."""
    while 0 < at < end and _with_the_one_before(text, at, start):
        at = max(at + 1, after_long_marks(text, at, end))  # a letter of 100,000 accents
    if start < at < end:
        first = character_start_on_line(text, at, start)
        if first < at:
            from tui_reader.core.documents.units import next_character

            # (on the line's own text: a hostile chain of conjuncts is read no further)
            at = max(at, first + next_character(text[first:end], 0))
            while at < end and _with_the_one_before(text, at, start):
                at += 1  # (a letter after "x" and a joiner: drawn, and measured, with them)
    return at


def paint_line(
    text: str,
    start: int,
    end: int,
    *,
    spans: SpanSource,
    layers: Sequence[MarkSource],
    selection: tuple[int, int] | None,
    caret: int | None,
    resolve: StyleResolver,
    shown: Callable[[int, int], str] | None = None,
) -> list[Segment]:
    """Segments for the code points ``[start, end)``; a caret at ``end`` draws one extra
    cell.  Paint order: spans, then each layer in order, then the selection, then the caret.
    ``shown(a, b)`` gives what ``[a, b)`` shows when that is not the text itself (soft
    newlines of a hard-wrapped paragraph: :meth:`Layout.shown`)."""
    ops: list[tuple[int, int, Style]] = []
    for span in spans.overlapping(start, end):
        style = resolve(span.kind)
        if style:
            ops.append((span.start, span.end, style))
    for layer in layers:
        for mark in layer.overlapping(start, end):
            if mark.end > mark.start:
                ops.append((mark.start, mark.end, resolve(mark.style)))
    if selection is not None and selection[0] < end and selection[1] > start:
        ops.append((selection[0], selection[1], resolve(MarkKind.SELECTION)))
    caret_past_end = caret is not None and caret >= end
    if caret is not None and not caret_past_end:
        ops.append((caret, caret + 1, resolve(MarkKind.CARET)))

    if not_one_cell_at(text, start, end) >= 0:  # a line of one-cell characters has none
        ops = [
            (_whole(text, a, start, end), _whole(text, b, start, end), style) for a, b, style in ops
        ]
    cuts = {start, end}
    for a, b, _ in ops:
        if start < a < end:
            cuts.add(a)
        if start < b < end:
            cuts.add(b)
    points = sorted(cuts)
    segments: list[Segment] = []
    column = 0  # cells from the line's start: a tab reaches the next tab stop
    for a, b in itertools.pairwise(points):
        style = Style()
        for op_start, op_end, op_style in ops:
            if op_start <= a and op_end >= b:
                style += op_style
        chunk = text[a:b] if shown is None else shown(a, b)
        cells = text_cells(chunk, column)
        chunk = drawn(chunk, column, text[b] if b < end else "")
        if a == start and continues_a_character(text, start):
            chunk = without_leading_marks(chunk)
        column += cells
        segments.append(Segment(chunk, style))
    if caret_past_end:
        segments.append(Segment(" ", resolve(MarkKind.CARET)))
    return segments
