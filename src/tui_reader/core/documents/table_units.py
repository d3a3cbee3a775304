"""A table's rows as units: the one rule by which a CSV, TSV or Excel document is cut.

Such a document's text is a line a row (a cell's own lines joined), its cells parted by
" │ " (a survey's answers, a row a respondent).  Read as prose, the sheet was one paragraph
(its rows are lines with no blank line between them) and a sentence ran from one cell into
the next ("2 │ 51 │ Too noisy.").  Here a row is a paragraph, as a transcript's turn is, and a
sentence never runs out of its cell.  Every reader of units takes them from here: autocode's
``--unit`` (through :class:`~tui_reader.core.documents.unit_index.UnitIndex`), agreement's
units and a query's distances (``agreement.unit_spans``, kept in the units cache), and the
reading view's ``{`` ``}`` ``(`` ``)`` ``p`` ``s`` and a triple click (a row at a time).

A line of a table is a row when it holds words and no speaker's turn reaches into it (a CSV
transcript, a sheet of one); the lines of turns are cut as any text is
(:mod:`~tui_reader.core.documents.units`), where a row begins or ends and where a turn
begins.  Any other text is cut as prose is (:data:`PROSE`), and where a turn begins: turns
on lines one after the other (an interview typed a turn a line) are a paragraph each, as
turns a blank line apart are, for ``}`` and ``{`` as for ``p``, agreement and autocode.
Offsets are code points into the canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from tui_reader.core.documents import units
from tui_reader.core.documents.turns import Turn, turn_pieces

Span = tuple[int, int]
RangeAt = Callable[[str, int], Span]

# Formats read as tables, a line a row (a cell's own lines joined), its cells parted by " │ ".
TABLE_FORMATS = frozenset({"csv", "tsv", "xlsx"})
CELL = "│"  # what parts a row's cells (" │ ")
OWN_BAR = "|"  # a cell's own "│", as every converter writes it: it parts no cells


def cell_words(text: str) -> str:
    """A table cell's ``text`` as its row holds it: its own bars ``OWN_BAR``.  A cell
    holding "│" (a survey's "Yes │ no") started a new cell, its row read as one cell more
    than its table has and a sentence cut at its bar."""
    return text.replace(CELL, OWN_BAR) if CELL in text else text


_A_STOP = re.compile(units.STOP_FIRST)  # a character that may end a sentence


class UnitRule:
    """How a text is cut into sentences and paragraphs, and the motions over them: a text's
    own paragraphs (a blank line ends one) and sentences, as :mod:`units` finds them, cut
    where a speaker's turn begins (``turns``: turns on lines one after the other, no blank
    line between them, are a paragraph each, as a transcript's turns a blank line apart
    are)."""

    def __init__(self, turns: Sequence[Turn] = ()) -> None:
        self.turns = tuple(turns)
        self._starts = [turn.start for turn in self.turns]

    def _one_turn_s(self, text: str, offset: int, unit: Span) -> Span:
        """Of ``unit`` (holding ``offset``), the piece one speaker's turn holds (the next one,
        in the spaces before it)."""
        if not self.turns:
            return unit
        pieces = turn_pieces(self.turns, text, *unit)
        if len(pieces) == 1:
            return unit
        return next((piece for piece in pieces if offset < piece[1]), pieces[-1])

    def _turn_after(self, offset: int, text: str) -> int:
        """Where the first turn beginning after ``offset`` begins (``len(text)``: none)."""
        at = bisect_right(self._starts, offset)
        return self._starts[at] if at < len(self._starts) else len(text)

    def _turn_before(self, offset: int) -> int:
        """Where the last turn beginning before ``offset`` begins (0: none)."""
        at = bisect_left(self._starts, offset) - 1
        return self._starts[at] if at >= 0 else 0

    def paragraph_range(self, text: str, offset: int) -> Span:
        return self._one_turn_s(text, offset, units.paragraph_range(text, offset))

    def sentence_range(self, text: str, offset: int) -> Span:
        return self._one_turn_s(text, offset, units.sentence_range(text, offset))

    # (a turn begins on a line's first word, where a unit cut at it begins: the next unit's
    # start is the nearer of the text's own and the next turn's, the one before likewise)

    def next_paragraph(self, text: str, offset: int) -> int:
        found = units.next_paragraph(text, offset)
        return min(found, self._turn_after(offset, text)) if self.turns else found

    def previous_paragraph(self, text: str, offset: int) -> int:
        found = units.previous_paragraph(text, offset)
        return max(found, self._turn_before(offset)) if self.turns else found

    def paragraph_end(self, text: str, offset: int) -> int:
        if not self.turns:
            return units.paragraph_end(text, offset)
        return _unit_end(text, offset, self.next_paragraph, False)

    def next_sentence(self, text: str, offset: int) -> int:
        found = units.next_sentence(text, offset)
        return min(found, self._turn_after(offset, text)) if self.turns else found

    def previous_sentence(self, text: str, offset: int) -> int:
        found = units.previous_sentence(text, offset)
        return max(found, self._turn_before(offset)) if self.turns else found

    def sentence_end(self, text: str, offset: int) -> int:
        if not self.turns:
            return units.sentence_end(text, offset)
        return _unit_end(text, offset, self.next_sentence, False)

    def paragraph_spans(self, text: str) -> list[Span]:
        """Every paragraph of ``text``, in order."""
        found = units.paragraph_spans(text)
        if not self.turns:
            return found
        return [piece for span in found for piece in turn_pieces(self.turns, text, *span)]

    def sentences_of(self, text: str, paragraph: Span) -> list[Span]:
        """The sentences of one of :meth:`paragraph_spans`."""
        return units.sentences_between(text, *paragraph)

    def sentence_spans(self, text: str) -> list[Span]:
        """Every sentence of ``text``, in order."""
        if not self.turns:
            return units.sentence_spans(text)
        stops = units.text_stops(text)
        between = units.sentences_between
        return [s for lo, hi in self.paragraph_spans(text) for s in between(text, lo, hi, stops)]

    def motion(self, name: str) -> Callable[[str, int], int]:
        """The motion named ``name`` (``"next_paragraph"``, ``"sentence_end"``...), of this
        rule's units where it has one, else :mod:`units`'s (words, characters)."""
        if name in _UNIT_MOTIONS:
            found: Callable[[str, int], int] = getattr(self, name)
            return found
        found = getattr(units, name)
        return found


_UNIT_MOTIONS = frozenset(
    {"next_paragraph", "previous_paragraph", "paragraph_end"}
    | {"next_sentence", "previous_sentence", "sentence_end"}
)

PROSE = UnitRule()


class TableRule(UnitRule):
    """A table's units: a row a paragraph, a sentence in one cell (see the module)."""

    # -- which lines are rows ------------------------------------------------------------

    def _in_turn(self, lo: int, hi: int) -> bool:
        """Whether a turn reaches into the line ``[lo, hi)``."""
        at = bisect_right(self._starts, max(lo, hi - 1)) - 1
        if at < 0:
            return False
        turn = self.turns[at]
        return max(turn.end, turn.body + 1) > lo

    def _pieces(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, bool]]:
        """The paragraph ``[lo, hi)`` of :mod:`units` cut at its rows: ``(start, end, row)``
        each piece trimmed, a row's a line of its own, a turn's its lines (a turn a line, as
        a transcript's sheet has them: a turn at a time)."""
        pending = -1  # where the lines of turns not yet given begin
        line = lo
        while line < hi:
            end = text.find("\n", line, hi)
            end = hi if end < 0 else end
            if self.turns and self._in_turn(line, end):
                pending = line if pending < 0 else pending
            else:
                if pending >= 0:
                    yield from self._turns_of(text, pending, line)
                    pending = -1
                yield from _trimmed(text, line, end, True)
            line = end + 1
        if pending >= 0:
            yield from self._turns_of(text, pending, hi)

    def _turns_of(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, bool]]:
        """The lines of turns ``[lo, hi)`` a turn at a time, trimmed."""
        for start, end in turn_pieces(self.turns, text, lo, hi):
            yield from _trimmed(text, start, end, False)

    # -- whole texts ---------------------------------------------------------------------

    def paragraph_spans(self, text: str) -> list[Span]:
        return [(lo, hi) for lo, hi, _row in self._all_pieces(text)]

    def _all_pieces(self, text: str) -> Iterator[tuple[int, int, bool]]:
        for lo, hi in units.paragraph_spans(text):
            yield from self._pieces(text, lo, hi)

    def sentences_of(self, text: str, paragraph: Span) -> list[Span]:
        lo, hi = paragraph
        if self.turns and self._in_turn(lo, hi):
            return units.sentences_between(text, lo, hi)
        return [s for cell in _cells(text, lo, hi) for s in units.sentences_between(text, *cell)]

    def sentence_spans(self, text: str) -> list[Span]:
        stops = units.text_stops(text)  # once for the text, not once a cell
        return self.sentence_spans_between(text, 0, len(text), stops)

    def sentence_spans_between(
        self, text: str, lo: int, hi: int, stops: re.Pattern[str]
    ) -> list[Span]:
        """The sentences of the paragraphs of :mod:`units` in ``[lo, hi)``."""
        found: list[Span] = []
        between = units.sentences_between
        pieces = (
            self._all_pieces(text) if (lo, hi) == (0, len(text)) else self._pieces(text, lo, hi)
        )
        for lo, hi, row in pieces:
            if not row:
                found += between(text, lo, hi, stops)
                continue
            for start, end in _cells(text, lo, hi):
                if _A_STOP.search(text, start, end) is None:  # no stop: the cell is one (quick)
                    found.append((start, end))
                else:
                    found += between(text, start, end, stops)
        return found

    # -- around an offset ----------------------------------------------------------------

    def paragraph_range(self, text: str, offset: int) -> Span:
        offset = min(max(0, offset), len(text))
        lo, hi = units.paragraph_range(text, offset)
        if lo >= hi:
            return lo, hi
        if not lo <= offset < hi:  # between two paragraphs: the next one (the last at the end)
            offset = lo if offset < lo else hi - 1
        line = text.rfind("\n", lo, offset) + 1 if offset > lo else lo
        line = max(line, lo)
        end = text.find("\n", offset, hi)
        end = hi if end < 0 else end
        if not (self.turns and self._in_turn(line, end)):
            return _spaces_trimmed(text, line, end)  # a row
        pieces = list(self._pieces(text, lo, hi))
        for start, stop, _row in pieces:
            if offset < stop:
                return start, stop
        return pieces[-1][:2] if pieces else (offset, offset)

    def sentence_range(self, text: str, offset: int) -> Span:
        paragraph = self.paragraph_range(text, offset)
        if paragraph[0] >= paragraph[1]:
            return paragraph
        sentences = self.sentences_of(text, paragraph)
        return units.sentence_holding(sentences, offset) if sentences else (offset, offset)

    def next_paragraph(self, text: str, offset: int) -> int:
        return _next_start(self.paragraph_range, text, offset, False)

    def previous_paragraph(self, text: str, offset: int) -> int:
        return _previous_start(self.paragraph_range, text, offset, False)

    def paragraph_end(self, text: str, offset: int) -> int:
        return _unit_end(text, offset, self.next_paragraph, False)

    def next_sentence(self, text: str, offset: int) -> int:
        return _next_start(self.sentence_range, text, offset, True)

    def previous_sentence(self, text: str, offset: int) -> int:
        return _previous_start(self.sentence_range, text, offset, True)

    def sentence_end(self, text: str, offset: int) -> int:
        return _unit_end(text, offset, self.next_sentence, True)


class BlockRule(UnitRule):
    """Prose whose tables stand among its paragraphs, each a block of " │ " lines a blank
    line apart (a Word, OpenDocument, RTF, web page's, EPUB's or Markdown table): such a
    block's rows are cut as a table's (:class:`TableRule`), the prose as prose (see
    :class:`UnitRule`)."""

    def __init__(self, turns: Sequence[Turn] = ()) -> None:
        super().__init__(turns)
        self._table = TableRule(turns)
        self._seen: tuple[str, bool] = ("", False)

    def _cells_in(self, text: str) -> bool:
        """Whether ``text`` holds a cell's mark (looked for once a text: a motion asks
        often, a big document's text is MBs)."""
        if text is not self._seen[0]:
            self._seen = (text, CELL in text)
        return self._seen[1]

    def _in_table(self, text: str, offset: int) -> bool:
        """Whether the paragraph of :mod:`units` at ``offset`` is a table's rows."""
        lo, hi = units.paragraph_range(text, offset)
        return lo < hi and _rows_alone(text, lo, hi)

    def paragraph_range(self, text: str, offset: int) -> Span:
        if self._cells_in(text) and self._in_table(text, offset):
            return self._table.paragraph_range(text, offset)
        return super().paragraph_range(text, offset)

    def sentence_range(self, text: str, offset: int) -> Span:
        if self._cells_in(text) and self._in_table(text, offset):
            return self._table.sentence_range(text, offset)
        return super().sentence_range(text, offset)

    def paragraph_spans(self, text: str) -> list[Span]:
        if not self._cells_in(text):
            return super().paragraph_spans(text)
        found: list[Span] = []
        for lo, hi in units.paragraph_spans(text):
            if _rows_alone(text, lo, hi):
                found += [(start, end) for start, end, _row in self._table._pieces(text, lo, hi)]
            elif self.turns:
                found += turn_pieces(self.turns, text, lo, hi)
            else:
                found.append((lo, hi))
        return found

    def sentences_of(self, text: str, paragraph: Span) -> list[Span]:
        if CELL in text[paragraph[0] : paragraph[1]] and self._in_table(text, paragraph[0]):
            return self._table.sentences_of(text, paragraph)
        return super().sentences_of(text, paragraph)

    def sentence_spans(self, text: str) -> list[Span]:
        if not self._cells_in(text):
            return super().sentence_spans(text)
        found: list[Span] = []
        stops = units.text_stops(text)
        for lo, hi in units.paragraph_spans(text):
            if _rows_alone(text, lo, hi):
                found += self._table.sentence_spans_between(text, lo, hi, stops)
                continue
            pieces = turn_pieces(self.turns, text, lo, hi) if self.turns else [(lo, hi)]
            for start, end in pieces:
                found += units.sentences_between(text, start, end, stops)
        return found

    # (the motions: of the rows and cells' sentences where a table stands, else prose's)

    def next_paragraph(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().next_paragraph(text, offset)
        return _next_start(self.paragraph_range, text, offset, False)

    def previous_paragraph(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().previous_paragraph(text, offset)
        return _previous_start(self.paragraph_range, text, offset, False)

    def paragraph_end(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().paragraph_end(text, offset)
        return _unit_end(text, offset, self.next_paragraph, False)

    def next_sentence(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().next_sentence(text, offset)
        return _next_start(self.sentence_range, text, offset, True)

    def previous_sentence(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().previous_sentence(text, offset)
        return _previous_start(self.sentence_range, text, offset, True)

    def sentence_end(self, text: str, offset: int) -> int:
        if not self._cells_in(text):
            return super().sentence_end(text, offset)
        return _unit_end(text, offset, self.next_sentence, True)


# Formats whose tables stand among their prose, a block of " │ " lines (see BlockRule); a
# plain text's "│" are its writer's, no converter's.
BLOCK_FORMATS = frozenset({"docx", "odt", "rtf", "html", "mhtml", "markdown", "epub"})


def rule_for(fmt: str, turns: Sequence[Turn] = ()) -> UnitRule:
    """The unit rule of a document of format ``fmt`` (with these speaker ``turns``)."""
    if fmt in TABLE_FORMATS:
        return TableRule(turns)
    if fmt in BLOCK_FORMATS:
        return BlockRule(turns)
    return UnitRule(turns) if turns else PROSE


def _rows_alone(text: str, lo: int, hi: int) -> bool:
    """Whether the paragraph ``[lo, hi)`` is a table's rows: half of its lines or more hold a
    cell's mark, the others a row of one cell (a title row spanning the table's columns, a
    web page's caption above its rows: "Table 1. Families by site" over "Site │ Families";
    when every line had to hold one, such a table was read as one paragraph of prose, a
    sentence running from its title through its rows)."""
    part = text[lo:hi]
    if CELL not in part:
        return False
    lines = part.split("\n")
    return 2 * sum(CELL in line for line in lines) >= len(lines)


def _trimmed(text: str, lo: int, hi: int, row: bool) -> Iterator[tuple[int, int, bool]]:
    start, end = _spaces_trimmed(text, lo, hi)
    if start < end:
        yield start, end, row


def _spaces_trimmed(text: str, lo: int, hi: int) -> Span:
    """:func:`units.spaces_trimmed`, told by ``str.strip`` when no accent stands at either
    end (a table's every cell: a call of the other took a third of cutting a sheet)."""
    part = text[lo:hi]
    kept = part.strip()
    if not kept:
        return hi, hi
    if kept[0] >= "\u0300" or kept[-1] >= "\u0300":  # an accent on a space, perhaps
        return units.spaces_trimmed(text, lo, hi)
    start = lo + len(part) - len(part.lstrip())
    return start, start + len(kept)


def _cells(text: str, lo: int, hi: int) -> list[Span]:
    """The cells of the row ``[lo, hi)``, trimmed, the empty ones left out."""
    found: list[Span] = []
    for part in text[lo:hi].split(CELL):
        start, end = _spaces_trimmed(text, lo, lo + len(part))
        if start < end:
            found.append((start, end))
        lo += len(part) + 1
    return found


def _skip_to_words(text: str, offset: int, marks: bool) -> int:
    """The first character at or after ``offset`` that is no space, nor a cell's mark
    (``marks``: between sentences, not between rows, where a row of empty cells is one)."""
    offset = units.spaces_trimmed(text, offset, len(text))[0]
    while marks and offset < len(text) and text[offset] == CELL:
        offset = units.spaces_trimmed(text, offset + 1, len(text))[0]
    return offset


def _words_before(text: str, offset: int, marks: bool) -> int:
    """Where the spaces (and ``marks``: cells' marks) just before ``offset`` begin (0: none
    but them)."""
    while offset > 0:
        start, offset = units.spaces_trimmed(text, 0, offset)
        if start >= offset:
            return 0  # spaces alone before it
        if not marks or text[offset - 1] != CELL:
            return offset
        offset -= 1
    return 0


def _next_start(unit: RangeAt, text: str, offset: int, marks: bool) -> int:
    """The start of the unit after the one holding ``offset`` (``len(text)``: none)."""
    start, end = unit(text, offset)
    if start > offset:
        return start
    found = _skip_to_words(text, max(end, offset), marks)
    if found <= offset:  # (the caret on a word no unit holds)
        found = _skip_to_words(text, offset + 1, marks)
    return min(found, len(text))


def _previous_start(unit: RangeAt, text: str, offset: int, marks: bool) -> int:
    """The start of the unit holding ``offset`` when the caret is past it, else of the one
    before (0: none)."""
    start, _ = unit(text, offset)
    if start < offset:
        return start
    before = _words_before(text, min(start, offset), marks)
    if before == 0:
        return 0
    return unit(text, before - 1)[0]


def _unit_end(text: str, offset: int, following: Callable[[str, int], int], marks: bool) -> int:
    """The last character of the unit after the caret's character (see
    :func:`units.sentence_end`)."""
    i = _skip_to_words(text, units.next_character(text, offset), marks)
    if i >= len(text):
        return offset
    end = _words_before(text, following(text, i), marks)
    return units.previous_character(text, end) if end > i else i
