"""The sentence or paragraph around many offsets of one text, in one pass over the text.

:func:`~tui_reader.core.documents.units.sentence_range` finds the unit around one offset by
searching near it: right for a caret, but a search per offset makes coding every hit of a
pattern quadratic in a long paragraph (20,000 short lines took 42 s).  Here the paragraphs are
found once, each one's sentences when first asked for, and each offset is placed by bisection.
The units are those of :mod:`~tui_reader.core.documents.units` (the same paragraphs and
sentences), or a table's rows and cells (:mod:`~tui_reader.core.documents.table_units`).
Offsets are code points into the canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from bisect import bisect_right

from tui_reader.core.documents.table_units import PROSE, UnitRule

Span = tuple[int, int]


class UnitIndex:
    """Paragraphs of ``text`` (found on creation) and their sentences (found when asked),
    cut by ``rule`` (a table's: a row a paragraph, a sentence in its cell)."""

    def __init__(self, text: str, rule: UnitRule = PROSE) -> None:
        self.text = text
        self.rule = rule
        self.paragraphs = rule.paragraph_spans(text)
        self._starts = [start for start, _ in self.paragraphs]
        self._sentences: dict[int, tuple[list[Span], list[int]]] = {}

    def _paragraph_index(self, offset: int) -> int | None:
        """The paragraph holding ``offset``; in the blank lines between two, the next one
        (the last one at the end), as :func:`~tui_reader.core.documents.units.paragraph_range`."""
        if not self.paragraphs:
            return None
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        end = self.paragraphs[index][1]
        if offset < end or "\n" not in self.text[end:offset]:
            return index  # inside it, or on its last line past its trimmed end
        return min(index + 1, len(self.paragraphs) - 1)

    def paragraph(self, offset: int) -> Span:
        """``[start, end)`` of the paragraph around ``offset`` (``(offset, offset)``: none)."""
        index = self._paragraph_index(offset)
        return (offset, offset) if index is None else self.paragraphs[index]

    def sentence(self, offset: int) -> Span:
        """``[start, end)`` of the sentence around ``offset``: the last of its paragraph that
        starts at or before it, else the paragraph's first (``(offset, offset)``: none)."""
        index = self._paragraph_index(offset)
        if index is None:
            return offset, offset
        found = self._sentences.get(index)
        if found is None:
            spans = self.rule.sentences_of(self.text, self.paragraphs[index])
            found = self._sentences[index] = (spans, [start for start, _ in spans])
        spans, starts = found
        if not spans:
            return offset, offset
        return spans[max(0, bisect_right(starts, offset) - 1)]

    def unit(self, unit: str, offset: int) -> Span:
        """The ``"sentence"`` or ``"paragraph"`` around ``offset``."""
        return self.paragraph(offset) if unit == "paragraph" else self.sentence(offset)
