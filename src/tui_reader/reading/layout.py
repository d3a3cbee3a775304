"""Canonical text + a width -> wrapped display lines, and back (code points <-> lines).

A display line ``y`` covers the code points ``[start, end)`` of the text; its newline, if
any, is not part of it, and a caret may stand at ``end``.  Lines break at spaces (a space may
hang at the end of a line) and beside Chinese and Japanese characters (never before a closing
mark nor after an opening one); a word longer than the width is cut, never inside a picture
(❤️, a flag).

A hard-wrapped document (see :mod:`tui_reader.core.documents.hard_wrap`) names *soft* ranges:
inside them a newline is wrapped and shown as a space (as nothing between two Chinese or
Japanese characters), and the indentation of each line is hidden (zero cells), so the
paragraph flows at the reading width while offsets stay those of the unchanged text.

Built lazily so that a 50 MB text opens at once: the text is cut into chunks of a few
thousand code points at newlines; a chunk's line count is estimated from its size until the
chunk is first needed, then it is wrapped exactly.  Line numbers past an estimated chunk can
therefore change as the text is wrapped; offsets never do, so callers keep their place as an
offset and ask for its line again.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate

from rich.cells import get_character_cell_size

from tui_reader.core.display import JOINER_BEFORE_ASCII
from tui_reader.core.lazy_pattern import LazyPattern

CHUNK_SIZE = 16_384  # code points per chunk, extended to the next newline
_MAX_CHUNK = 16 * CHUNK_SIZE  # a longer line is cut (at a space if it can) into chunks
_LOOK_AHEAD = 4  # lines' widths of code points wrapped past a chunk's end, to tell it a break
_KEEP_WRAPPED = 256  # chunks whose line starts stay in memory (the rest keep their count)
TAB_SIZE = 8  # as less, cat and the terminal draw a tab: the columns of a table line up
_HANGING = 4  # spaces that may hang past the end of a line at most
# Combining marks drawn on one character at most (a cell of a terminal holds a few: tmux
# keeps about nine, xterm ten); more (a hostile "Zalgo" text of thousands on one letter)
# spilled over the rows after it.  The text and its offsets keep them all.
MAX_MARKS_DRAWN = 8
_BY_RUNS = 64  # a longer line of characters not all one cell wraps a run of one width at a time

# Characters whose cell width is not 1: tabs, controls, and every character Rich's table of
# cell widths (the one Textual draws by) gives 0 or 2 cells: combining marks and vowel signs,
# zero-width and wide characters.  Lines without any take the fast path (one code point = one
# cell).  Compiling this class walks each of its ranges a code point at a time (5-10 ms, a
# share of the first screen), so it is made when a line first holds a character it may hold
# (see below).
#
# Every character outside a few ranges of one-cell characters (printable ASCII and Latin-1,
# Latin extended, Greek and Cyrillic letters, typographic punctuation such as ’ “ ” – — …):
# a small class, quick to compile.  A line with none of them has none of the full class.
_ONE_CELL = " -~\u00a1-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e"
_MAYBE_NOT_ONE_CELL = re.compile(f"[^{_ONE_CELL}]")
# (for a chunk's estimate, a text of many chunks: a small one's first screen compiles it not)
_MAYBE_NOT_ONE_CELL_OR_NEWLINE = LazyPattern(f"[^\n{_ONE_CELL}]")


@cache
def _not_one_cell() -> re.Pattern[str]:
    from rich._unicode_data import load

    ranges = [f"\\U{a:08x}-\\U{b:08x}" for a, b, cells in load("auto").widths if cells != 1]
    # Flag letters too: one cell each, but a line must not part the two of a flag.
    return re.compile(f"[\t\x00-\x1f\x7f-\x9f\U0001f1e6-\U0001f1ff{''.join(ranges)}]")


def not_one_cell_at(text: str, start: int = 0, end: int | None = None) -> int:
    """The offset of the first character in ``text[start:end]`` of :func:`_not_one_cell`
    (its cell width may not be 1), or -1 when every one takes one cell."""
    end = len(text) if end is None else end
    search = _MAYBE_NOT_ONE_CELL.search
    maybe = search(text, start, end)
    # The first few characters outside the quick class are looked up one by one (a
    # news page's no-break spaces, a € or a ™ take one cell): the full class is compiled
    # only for a text that holds many of them, or one that does not take one cell.
    for _ in range(_LOOKED_UP_ONE_BY_ONE):
        if maybe is None:
            return -1
        at = maybe.start()
        if _is_not_one_cell(text[at]):
            return at
        maybe = search(text, at + 1, end)
    if maybe is None:
        return -1
    found = _not_one_cell().search(text, maybe.start(), end)
    return -1 if found is None else found.start()


_LOOKED_UP_ONE_BY_ONE = 32


def _is_not_one_cell(ch: str) -> bool:
    """Whether ``ch`` is of :func:`_not_one_cell`'s class, without compiling it."""
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0x1F1E6 <= code <= 0x1F1FF
        or get_character_cell_size(ch) != 1
    )


def char_cells(ch: str, column: int = 0) -> int:
    """Cells the character ``ch`` takes on screen at cell ``column`` of its display line (a
    tab reaches the next tab stop, every :data:`TAB_SIZE` cells), alone (see
    :func:`cells_at` for a character among others)."""
    if ch == "\t":
        return TAB_SIZE - column % TAB_SIZE
    return get_character_cell_size(ch)


_JOINER = "\u200d"  # zero-width joiner: 👨 + joiner + 👩 is one picture
_EMOJI_STYLE = "\ufe0f"  # variation selector 16: ❤ + it is ❤️, drawn two cells wide


@cache
def _narrow_to_wide() -> frozenset[str]:
    from rich._unicode_data import load

    return load("auto").narrow_to_wide


def cells_at(text: str, i: int, column: int = 0, start: int = 0) -> int:
    """Cells ``text[i]`` takes at cell ``column`` of a display line starting at ``start``, as
    the screen is drawn (Rich's measure of a line): a tab reaches the next tab stop, a
    character joined to the one before by a zero-width joiner (a family, a profession emoji)
    takes none, and an emoji-style selector widens the narrow character before it to two."""
    ch = text[i]
    if ch == "\t":
        return TAB_SIZE - column % TAB_SIZE
    if i > start and text[i - 1] == _JOINER and (ch == _JOINER or _joined(text, i, start)):
        return 0
    if ch == _EMOJI_STYLE:
        return int(_widened(text, i, start))
    return get_character_cell_size(ch)


def _joined(text: str, i: int, start: int) -> bool:
    """Whether ``text[i]`` is joined to the character before by a zero-width joiner, as Rich
    measures a line from ``start``: a joiner takes the character after it, unless another
    joiner took the joiner itself (of two joiners running, the second is the first's; the
    character after them is measured).  A blank or another ASCII character is never joined:
    the terminal draws it after a joiner in its own cell (a space, or "b" in "a‍b": tmux
    drew "a‍b" two cells wide where Rich measured one), and the joiner, which joins nothing
    there, is not drawn (:func:`drawn`)."""
    return text[i] > "\x7f" and _taken(text, i, start)


def _taken(text: str, i: int, start: int) -> bool:
    """Whether Rich lets a joiner before ``text[i]`` take it (see :func:`_joined`)."""
    j = i - 1
    while j >= start and text[j] == _JOINER:  # (each run walked once: never a joiner's own)
        j -= 1
    return (i - 1 - j) % 2 == 1


def _widened(text: str, i: int, start: int) -> bool:
    """Whether the emoji selector at ``i`` widens a character: the last one before it that
    takes cells (marks and joined characters between them aside; a few dozen looked at, so
    that a run of marks costs no more) is narrow by default, and no selector came between."""
    j = i - 1
    while j >= max(start, i - 32):
        ch = text[j]
        joined = ch == _JOINER or _joined(text, j, start)
        if not joined and ch == _EMOJI_STYLE:
            return False
        if not joined and get_character_cell_size(ch):
            return ch in _narrow_to_wide()
        j -= 1
    return False


def _character_start(text: str, i: int, line_start: int) -> int:
    """The start of the character as the eye sees one holding ``text[i]`` (its second flag
    letter, the emoji selector that widens ❤ to ❤️, a vowel sign: the cell a column falls in
    may be given to them), never before ``line_start``."""
    if i <= line_start:
        return i
    ch = text[i]
    if _is_flag_letter(ch):  # paired from the first of the run, as the lines are wrapped
        return i - 1 if second_half(text, i, line_start) else i
    if not (
        text[i - 1] == _JOINER
        or unicodedata.combining(text[i - 1]) == 9  # after a virama: a conjunct (क्ष)
        or unicodedata.category(ch)[0] == "M"  # accents, vowel signs, the emoji selector
        or ch == _JOINER
        or "🏻" <= ch <= "🏿"  # a skin tone
        or "ᅠ" <= ch <= "ᇿ"  # a Korean syllable's vowel or final consonant
        or "ힰ" <= ch <= "퟿"
    ):
        return i  # (a character that starts one: no cutting, quick on a long line)
    from tui_reader.core.documents.units import previous_character

    return previous_character(text, i + 1, line_start)  # (nothing before the line read)


def character_start_on_line(text: str, i: int, line_start: int) -> int:
    """The start of the character as the eye sees one holding ``text[i]``, never before
    ``line_start`` (what a painter widens a style to)."""
    return _character_start(text, i, line_start)


def _unparted(text: str, i: int, line_start: int) -> int:
    """Where a line starting at ``line_start`` that overflows at ``text[i]`` and finds no
    break is cut: before ``i``, or before the character as the eye sees one that ``text[i]``
    goes on (❤️, 🇫🇷, a conjunct such as क्ष), unless it began the line."""
    whole = _character_start(text, i, line_start)
    return whole if whole > line_start else i


def text_cells(segment: str, column: int = 0) -> int:
    """Cells ``segment`` (no newlines in it) takes on screen from cell ``column`` of its
    display line (the column matters only to its tabs)."""
    if not_one_cell_at(segment) < 0:
        return len(segment)
    used = column
    for i in _measured(segment, 0, len(segment)):
        used += cells_at(segment, i, used)
    return used - column


def _measured(text: str, start: int, end: int) -> Iterable[int]:
    """The offsets of ``[start, end)`` (one display line) a measure of its cells looks at:
    all of them, but the plain marks of a long run (a letter of thousands of accents), of
    no cells, stepped over at once."""
    runs = _long_mark_runs(text, start, end)
    if not runs:
        return range(start, end)
    return _stepping_over(runs, start, end)


def _stepping_over(runs: dict[int, int], start: int, end: int) -> Iterator[int]:
    i = start
    while i < end:
        i = runs.get(i, i)
        if i < end:
            yield i
            i += 1


# Plain marks (accents, vowel signs: no joiner, selector, tab or control) taken in one step
# by the measures of a line that holds this many of them in a row, a letter of thousands of
# accents: each is of no cells, whatever comes before or after it (see :func:`cells_at`).
_LONG_MARK_RUN = 64


def _long_mark_runs(text: str, start: int, end: int) -> dict[int, int]:
    """The runs of at least :data:`_LONG_MARK_RUN` plain marks of ``text[start:end]``, each
    start to its end; none looked for in a line with no run of a few characters of other
    widths than one (the quick test :func:`drawn` makes)."""
    if end - start < _LONG_MARK_RUN or _MAYBE_MANY_MARKS.search(text, start, end) is None:
        return {}
    return {m.start(): m.end() for m in _long_marks().finditer(text, start, end)}


@cache
def _long_marks() -> re.Pattern[str]:
    return re.compile(f"[{_bmp_marks()}]{{{_LONG_MARK_RUN},}}")


def after_long_marks(text: str, at: int, end: int) -> int:
    """The end of the run of at least :data:`_LONG_MARK_RUN` plain marks of ``text`` that
    starts at ``at`` (none of them past ``end``), else ``at``."""
    if end - at < _LONG_MARK_RUN or not _is_mark(text[at]):
        return at
    run = _long_marks().match(text, at, end)
    return at if run is None else run.end()


@cache
def _marks_beyond_drawn() -> re.Pattern[str]:
    """A run of characters of no cells (combining marks, joiners, selectors) longer than
    :data:`MAX_MARKS_DRAWN`: the first of them in group 1."""
    from rich._unicode_data import load

    ranges = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, cells in load("auto").widths if cells == 0)
    return re.compile(f"([{ranges}]{{{MAX_MARKS_DRAWN}}})[{ranges}]+")


# A run that may hold more than MAX_MARKS_DRAWN characters of no cells: none of the quick
# class of one-cell characters, nor a Chinese, Japanese or Korean character (two cells: a
# line of them is looked at no further; the kana's and ideographs' combining marks and the
# Hangul filler are left out of these ranges).  The full class of no cells is a list of 338
# ranges, which the regex engine walks for each character: 50 us a line of prose.  Compiled
# when a long segment first holds a character outside ASCII (about 2 ms: an ASCII text's
# first screen never asks it).
_MAYBE_MANY_MARKS = LazyPattern(
    f"[^{_ONE_CELL}\u1100-\u115f\u2e80-\u3029\u3030-\u3098\u309b-\u3163"
    f"\u3165-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60]{{{MAX_MARKS_DRAWN + 1},}}"
)


def _with_marks_drawn(segment: str) -> str:
    """``segment`` with each run of characters of no cells cut to :data:`MAX_MARKS_DRAWN`."""
    found = _MAYBE_MANY_MARKS.search(segment)
    if found is None:
        return segment
    out: list[str] = []
    done = 0
    while found is not None:
        a, b = found.span()
        out.append(segment[done:a])
        out.append(_marks_beyond_drawn().sub(r"\1", segment[a:b]))
        done = b
        found = _MAYBE_MANY_MARKS.search(segment, b)
    out.append(segment[done:])
    return "".join(out)


def continues_a_character(text: str, start: int) -> bool:
    """Whether the display line starting at ``start`` starts inside a character: with marks
    of no cells that belong to the letter ending the line before it (a line is cut after
    :data:`_LONGEST_LINE` code points of them, a hostile letter of thousands of accents)."""
    return 0 < start < len(text) and text[start - 1] != "\n" and _is_mark(text[start])


def _is_mark(ch: str) -> bool:
    return ch != "\t" and get_character_cell_size(ch) == 0


def without_leading_marks(segment: str) -> str:
    """``segment`` without the characters of no cells it starts with: drawn alone, at the
    start of a row, the accents of a letter drawn on the row before (a few of them: see
    :data:`MAX_MARKS_DRAWN`) stood bare."""
    i = 0
    while i < len(segment) and _is_mark(segment[i]):
        i += 1
    return segment[i:]


def drawn(segment: str, column: int = 0, after: str = "") -> str:
    """``segment`` as the terminal is given it from cell ``column`` of its display line: each
    tab the spaces that reach the next tab stop, and a zero-width joiner right before a blank
    or another ASCII character (in it, or ``after`` it: the character that follows it on its
    line) left out.  Rich lets a joiner take the character after it, and measures that
    character no cell, but the terminal draws a space (or a tab's first), a letter, a digit in
    its cell, whatever style comes between: the line was drawn a cell wider than its place
    (:func:`cells_at` gives the character its cell).  A run of characters of no cells
    (combining marks) is drawn :data:`MAX_MARKS_DRAWN` long at most."""
    if len(segment) > MAX_MARKS_DRAWN and not segment.isascii():
        segment = _with_marks_drawn(segment)
    if _JOINER in segment:
        tail = after[:1]  # (a joiner is never taken from it: it ends what is looked at)
        segment = JOINER_BEFORE_ASCII.sub(r"\1", segment + tail)[: -len(tail) or None]
    if "\t" not in segment:
        return segment
    out: list[str] = []
    used = column
    for part in segment.split("\t")[:-1]:
        out.append(part)
        used += text_cells(part, used)
        out.append(" " * char_cells("\t", used))
        used += char_cells("\t", used)
    out.append(segment.rsplit("\t", 1)[1])
    return "".join(out)


class Layout:
    """Wrapped display lines of ``text`` at ``width`` cells, computed on demand.  ``soft``
    lists sorted, disjoint ``[start, end)`` ranges whose newlines are soft.

    ``chunks``: the ``(starts, ends)`` of the only parts of the text shown, each a run of
    whole lines of the text (from a line's start to after its newline, or to the text's
    end), in order, none empty (:class:`~tui_reader.reading.filtered.FilteredLayout`); an
    offset between two of them is on the last display line of the one before it (on the
    first display line before the first)."""

    FINAL_EMPTY_LINE = True  # a text ending with a newline shows an empty line after it

    def __init__(
        self,
        text: str,
        width: int,
        *,
        chunk_size: int = CHUNK_SIZE,
        soft: Sequence[tuple[int, int]] = (),
        chunks: tuple[Sequence[int], Sequence[int]] | None = None,
    ) -> None:
        self.text = text
        self.width = max(2, width)
        self._soft_starts = [start for start, _ in soft]
        self._soft_ends = [end for _, end in soft]
        # Arrays, not lists of ints: a 50 MB text has 3,000 chunks (0.3 MB less).
        if chunks is None:
            starts = _chunk_starts(text, chunk_size, self.is_soft, self.width)
            self._chunk_starts = array("q", starts)
            self._chunk_ends = array("q", [*self._chunk_starts[1:], len(text)])
        else:
            self._chunk_starts, self._chunk_ends = array("q", chunks[0]), array("q", chunks[1])
        self._counts = array("q", self._first_counts())
        self._exact = bytearray(len(self._chunk_starts))
        self._first_line = array("q", [0, *accumulate(self._counts)])
        self._wrapped: OrderedDict[int, array[int]] = OrderedDict()

    # -- queries -------------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        """Display lines (exact once every chunk has been wrapped, else an estimate)."""
        return self._first_line[-1]

    @property
    def is_exact(self) -> bool:
        """True when every chunk has been wrapped and :attr:`line_count` is exact."""
        return all(self._exact)

    def line_range(self, y: int) -> tuple[int, int]:
        """``[start, end)`` code points shown on display line ``y`` (clamped to the text)."""
        y = self._locate(y)
        k = bisect_right(self._first_line, y) - 1
        starts = self._starts(k)
        i = y - self._first_line[k]
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else self._chunk_ends[k]
        if end > start and self.text[end - 1] == "\n":
            end -= 1
        return start, max(start, end)

    def line_of(self, offset: int) -> int:
        """The display line holding the caret position ``offset`` (0 <= offset <= len)."""
        offset = min(max(0, offset), len(self.text))
        while True:  # (wrapping a chunk may end it before the offset)
            k = max(0, bisect_right(self._chunk_starts, offset) - 1)
            if self._exact[k]:
                break
            self._wrap(k)
        starts = self._starts(k)
        return self._first_line[k] + max(0, bisect_right(starts, offset) - 1)

    def position_of(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``offset``."""
        y = self.line_of(offset)
        start, _ = self.line_range(y)
        return y, self.cells(start, max(start, offset))

    # -- soft newlines ------------------------------------------------------------------

    @property
    def soft_ranges(self) -> list[tuple[int, int]]:
        """The ``[start, end)`` ranges whose newlines are soft."""
        return list(zip(self._soft_starts, self._soft_ends, strict=True))

    @property
    def has_soft(self) -> bool:
        """Whether the text has soft paragraphs (hard-wrapped text, flowed)."""
        return bool(self._soft_starts)

    def _in_soft(self, offset: int) -> bool:
        i = bisect_right(self._soft_starts, offset) - 1
        return i >= 0 and offset < self._soft_ends[i]

    def is_soft(self, offset: int) -> bool:
        """True when the newline at ``offset`` is soft (wrapped and shown as a space, or as
        nothing after a compound's hyphen: :meth:`joins`)."""
        return self.text[offset] == "\n" and self._in_soft(offset)

    def joins(self, offset: int) -> bool:
        """Whether the soft newline at ``offset`` ends a line broken after the hyphen of a
        compound ("self-" above "determination"): it shows as nothing, the word whole."""
        text = self.text
        hyphen = offset - 1
        while hyphen > 0 and text[hyphen] in " \t":  # blanks left after it: hidden too
            hyphen -= 1
        if hyphen < 1 or text[hyphen] != "-" or not text[hyphen - 1].isalpha():
            return False
        after = offset + 1
        while after < len(text) and text[after] in " \t":
            after += 1
        return after < len(text) and text[after].islower() and self.is_soft(offset)

    def soft_newline_shown(self, offset: int) -> str:
        """What the soft newline at ``offset`` shows: a space, or nothing where it joins a
        compound's halves or two Chinese characters, or where its line ends with a blank
        already (a line wrapped with a space left at its end, as a mail is: "the peace " above
        "talks" reads, and is searched, as "the peace talks", never with two spaces)."""
        if offset > 0 and self.text[offset - 1] in " \t":
            return ""
        return "" if self.joins(offset) or self._joins_wide(offset) else " "

    def shows_nothing(self, offset: int) -> bool:
        """Whether ``text[offset]`` takes no place on screen in a soft paragraph: a soft
        newline shown as nothing (after a blank, between a compound's halves or two Chinese
        characters), a blank of the indentation after one, a blank left after a compound's
        hyphen.  A caret there would be drawn where the character after it is: the
        character keys step over it."""
        if not self._soft_starts or not 0 <= offset < len(self.text):
            return False
        if self.text[offset] not in " \t\n":
            return False
        return self.shown(offset, offset + 1) == ""

    def _joined_blank(self, i: int) -> bool:
        """Whether ``text[i]`` is a blank left at the end of a line broken after a compound's
        hyphen ("self- " above "determination"): hidden, the word whole."""
        text = self.text
        if text[i] not in " \t" or not self._soft_starts:
            return False
        j = i + 1
        while j < len(text) and text[j] in " \t":
            j += 1
        return j < len(text) and text[j] == "\n" and self.is_soft(j) and self.joins(j)

    def _hidden_from(self, start: int) -> bool:
        """Whether blanks at ``start`` are a soft paragraph's indentation (hidden): they
        start one of its lines."""
        if not self._soft_starts or not self._in_soft(start):
            return False
        pos = start - 1
        text = self.text
        while pos >= 0 and text[pos] in " \t":
            pos -= 1
        return pos < 0 or text[pos] == "\n"

    def cells(self, start: int, end: int) -> int:
        """Cells the code points ``[start, end)`` of one display line take on screen."""
        if not self._soft_starts:
            return text_cells(self.text[start:end])
        return text_cells(self.shown(start, end))

    def shown(self, start: int, end: int) -> str:
        """What ``[start, end)`` of one display line shows: soft newlines as spaces (as
        nothing between two Chinese or Japanese characters), the blanks after them hidden,
        tabs as they are."""
        text = self.text
        segment = text[start:end]
        if not self._soft_starts or (
            "\n" not in segment
            and not self._hidden_from(start)
            and not (end > start and self._joined_blank(end - 1))
        ):
            return segment
        out: list[str] = []
        hidden = self._hidden_from(start)
        for i in range(start, end):
            ch = text[i]
            if ch == "\n" and self.is_soft(i):
                out.append(self.soft_newline_shown(i))
                hidden = True
            elif (hidden and ch in " \t") or self._joined_blank(i):
                continue
            else:
                hidden = False
                out.append(ch)
        return "".join(out)

    def offset_at(self, y: int, column: int) -> int:
        """The offset at cell ``column`` of display line ``y`` (clamped to the line; a column
        inside a wide character gives that character, one inside a character as the eye sees
        one, a flag, ❤️, a conjunct, its start).  On a line that wraps, the last
        offset is its last character: its end is the next line's start."""
        start, end = self.line_range(y)
        text = self.text
        last = end if end == len(text) or text[end] == "\n" else max(start, end - 1)
        segment = text[start:end]
        soft = bool(self._soft_starts) and ("\n" in segment or self._hidden_from(start))
        if column <= 0 and not soft:
            return start
        if not soft and not_one_cell_at(segment) < 0:
            return min(start + column, last)
        if last < end:  # the last character, whole (❤️: the heart, not its selector)
            last = _character_start(text, last, start)
        used = 0
        for i in _measured(text, start, end):
            shown = self.shown(i, i + 1) if soft else text[i]
            if shown != text[i]:  # a soft newline (a space) or hidden indentation
                used += text_cells(shown, used)
            else:
                used += cells_at(text, i, used, start)
            if used > column:
                return min(_character_start(text, i, start), last)
        return last

    def ensure_lines(self, y0: int, y1: int) -> bool:
        """Wrap every chunk that display lines ``[y0, y1)`` fall in; True if any line count
        changed (line numbers after the first such chunk may have moved)."""
        changed = False
        y = max(0, y0)
        while y < min(y1, self.line_count):
            k = bisect_right(self._first_line, y) - 1
            if not self._exact[k]:
                changed |= self._wrap(k)
                continue
            y = self._first_line[k + 1]
        return changed

    def ensure_offsets(self, a: int, b: int) -> bool:
        """Wrap every chunk holding an offset in ``[a, b]``; True if a line count changed."""
        changed = False
        k = max(0, bisect_right(self._chunk_starts, max(0, a)) - 1)
        b = min(b, len(self.text))
        while k < len(self._chunk_starts) and self._chunk_starts[k] <= b:
            if not self._exact[k]:  # (which may end it earlier: the next then holds more)
                changed |= self._wrap(k)
            k += 1
        return changed

    # -- internals -----------------------------------------------------------------------

    def _locate(self, y: int) -> int:
        """Clamp ``y`` and wrap its chunk (which may move it into another chunk)."""
        while True:
            y = min(max(0, y), self.line_count - 1)
            k = bisect_right(self._first_line, y) - 1
            if self._exact[k]:
                return y
            self._wrap(k)

    def _estimate(self, k: int) -> int:
        start, end = self._chunk_starts[k], self._chunk_ends[k]
        newlines = self.text.count("\n", start, end)
        soft = self._soft_newlines(start, end)  # shown as spaces: the paragraph flows on
        cells = end - start - newlines
        if not self.text.isascii():  # (known at once: Python keeps it)
            cells = round(cells * _cells_per_character(self.text, start, end))
        estimate = newlines - soft + round((cells + soft) / (self.width * 0.85))
        if self._ends_empty(k):
            estimate += 1
        return max(1, estimate)

    def _first_counts(self) -> list[int]:
        """Each chunk's display lines as guessed before it is wrapped."""
        return [self._estimate(k) for k in range(len(self._chunk_starts))]

    def _ends_empty(self, k: int) -> bool:
        """Whether chunk ``k`` ends with the empty line after the text's final newline."""
        return (
            self.FINAL_EMPTY_LINE
            and k == len(self._chunk_starts) - 1
            and (not self.text or self.text[-1] == "\n")
        )

    def _soft_newlines(self, start: int, end: int) -> int:
        """The soft newlines in ``[start, end)`` (those of the soft ranges overlapping it)."""
        if not self._soft_starts:
            return 0
        count = 0
        i = max(0, bisect_right(self._soft_starts, start) - 1)
        while i < len(self._soft_starts) and self._soft_starts[i] < end:
            a, b = max(start, self._soft_starts[i]), min(end, self._soft_ends[i])
            if a < b:
                count += self.text.count("\n", a, b)
            i += 1
        return count

    def _starts(self, k: int) -> array[int]:
        starts = self._wrapped.get(k)
        if starts is None:
            self._wrap(k)
            starts = self._wrapped[k]
        else:
            self._wrapped.move_to_end(k)
        return starts

    def _wrap(self, k: int) -> bool:
        text = self.text
        start, end = self._chunk_starts[k], self._chunk_ends[k]
        starts: array[int] = array("q")
        pos = start
        moved = False
        while pos < end:
            newline = text.find("\n", pos, end)
            while newline >= 0 and self._soft_starts and self.is_soft(newline):
                newline = text.find("\n", newline + 1, end)  # a soft newline goes on
            if newline < 0 and end < len(text):  # the chunk ends inside a line
                moved = self._wrap_to_a_break(k, pos, starts)
                end = self._chunk_ends[k]
                break
            line_end = end if newline < 0 else newline
            self._wrap_any_line(pos, line_end, starts)
            pos = end if newline < 0 else newline + 1
        if self._ends_empty(k):
            starts.append(len(text))  # the empty line after a final newline
        if not starts:
            starts.append(start)
        self._wrapped[k] = starts
        if len(self._wrapped) > _KEEP_WRAPPED:
            self._wrapped.popitem(last=False)
        changed = moved or self._counts[k] != len(starts)
        self._counts[k] = len(starts)
        self._exact[k] = 1
        if changed:
            self._first_line = array("q", [0, *accumulate(self._counts)])
        return changed

    def _wrap_any_line(self, start: int, end: int, out: array[int]) -> None:
        """Wrap ``[start, end)``, a line of the text (soft newlines in it or not)."""
        if self._soft_starts and self.text.find("\n", start, end) >= 0:
            self._wrap_soft_line(start, end, out)
        else:
            self._wrap_line(start, end, out)

    def _wrap_to_a_break(self, k: int, pos: int, out: array[int]) -> bool:
        """Wrap the last line of chunk ``k`` from ``pos`` (a line of the text that goes on
        past the chunk's end), and a little past the end: where the end is no break of it (the
        chunk was cut at a space, the line too long to wrap as the text opened), the chunk
        ends at the start of its last line instead, which begins the next chunk (wrapped again
        from there), so that no short line shows at the cut.  True when the end moved."""
        text, end = self.text, self._chunk_ends[k]
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        while line_end < len(text) and self._soft_starts and self.is_soft(line_end):
            line_end = text.find("\n", line_end + 1)
            line_end = len(text) if line_end < 0 else line_end
        ahead: array[int] = array("q")
        self._wrap_any_line(pos, min(line_end, end + _LOOK_AHEAD * self.width), ahead)
        cut = bisect_right(ahead, end)
        out.extend(ahead[: cut - 1 if ahead[cut - 1] == end else cut])
        if ahead[cut - 1] == end or out[-1] <= self._chunk_starts[k]:
            return False  # the end is a break (or the chunk is one line): it stays
        at = out.pop()  # the last line goes to the next chunk
        self._chunk_ends[k] = self._chunk_starts[k + 1] = at
        self._exact[k + 1] = 0
        self._wrapped.pop(k + 1, None)
        self._counts[k + 1] = self._estimate(k + 1)
        return True

    def _wrap_line(self, start: int, end: int, out: array[int]) -> None:
        text, width = self.text, self.width
        out.append(start)
        if not_one_cell_at(text, start, end) >= 0:
            cuts = _breaks_by_runs(text, start, end, width) if end - start > _BY_RUNS else None
            if cuts is None:
                self._wrap_line_by_cells(start, end, out)
            else:
                out.extend(cuts)
            return
        pos = start
        while end - pos > width:
            space = text.rfind(" ", pos + 1, pos + width + 1)
            cut = _after_spaces(text, space + 1) if space > pos else pos + width
            if cut >= end:
                return
            out.append(cut)
            pos = cut

    def _wrap_line_by_cells(self, start: int, end: int, out: array[int]) -> None:
        text, width = self.text, self.width
        line_start, used, i = start, 0, start
        while i < end:
            cells = cells_at(text, i, used, line_start)
            if cells and used + cells > width and i > line_start:
                cut = _break_at(text, i, line_start, text[i] == " ")
                if cut == i:  # ❤️, 🇫🇷 or क्षि goes on whole, never half of it here, half there
                    cut = _unparted(text, i, line_start)
                if cut >= end:
                    return
                out.append(cut)
                line_start = cut
                if cut > i:  # the space hangs at the end: the next line starts after it
                    i, used = cut, 0
                else:
                    used = text_cells(text[cut:i])
                continue
            used += cells
            i += 1

    def _wrap_soft_line(self, start: int, end: int, out: array[int]) -> None:
        """Wrap ``[start, end)``, which holds soft newlines: they break like spaces (and
        hang at a line's end like them); the blanks after them take no cells."""
        text, width = self.text, self.width
        out.append(start)
        line_start, used, i = start, 0, start
        hidden = self._hidden_from(start)
        while i < end:
            ch = text[i]
            if ch == "\n":
                cells, hidden, space = len(self.soft_newline_shown(i)), True, True
            elif (hidden and ch in " \t") or self._joined_blank(i):
                cells, space = 0, True
            else:
                hidden = False
                cells, space = cells_at(text, i, used, line_start), ch == " "
            if cells and used + cells > width and i > line_start:
                # A soft newline and the indentation after it break as a space.
                cut = _break_at(text, i, line_start, space, self._breaks_as_space)
                if cut == i:
                    cut = _unparted(text, i, line_start)
                if cut >= end:
                    return
                out.append(cut)
                line_start = cut
                if cut > i:  # the space (or soft newline) hangs: the next line starts after it
                    i, used = cut, 0
                else:
                    used = self.cells(cut, i)
                hidden = self._hidden_from(i)
                continue
            used += cells
            i += 1

    def _breaks_as_space(self, j: int) -> bool:
        """In a soft paragraph: whether ``text[j]`` breaks as a space (a space, a soft
        newline, a blank of the indentation after one)."""
        ch = self.text[j]
        return ch in " \n" or (ch == "\t" and self._hidden_from(j))

    def _joins_wide(self, i: int) -> bool:
        """Whether the soft newline at ``i`` joins two Chinese or Japanese characters (wide):
        it shows as nothing, as a line break inside Chinese is no space (Korean, which puts
        spaces between words, keeps it)."""
        text = self.text
        after = i + 1
        while after < len(text) and text[after] in " \t":
            after += 1
        if i == 0 or after >= len(text):
            return False
        return _joins(text[i - 1]) and _joins(text[after])


_SAMPLES = 4  # places of a chunk looked at to estimate its cells
_SAMPLE = 256  # code points looked at in each


def _cells_per_character(text: str, start: int, end: int) -> float:
    """The cells a character of ``[start, end)`` (newlines aside) takes on screen, on
    average, as a few samples of it measure: 2 for Chinese, 1 for English, so that a
    chunk's line count is estimated by its width on screen, not its length."""
    step = max(_SAMPLE, (end - start) // _SAMPLES)
    looked = cells = 0
    for a in range(start, end, step):
        b = min(end, a + _SAMPLE)
        if _MAYBE_NOT_ONE_CELL_OR_NEWLINE.search(text, a, b) is None:
            looked, cells = looked + b - a, cells + b - a
            continue
        newlines = text.count("\n", a, b)
        looked += b - a - newlines
        cells += b - a - newlines
        for run in _runs().finditer(text, a, b):
            if run.lastgroup == "w":
                cells += run.end() - run.start()
            elif run.lastgroup == "z":  # newlines are among them, counted out above
                cells -= run.end() - run.start() - text.count("\n", run.start(), run.end())
    return cells / looked if looked else 1.0


class Flowed:
    """The text of ``layout`` as its soft paragraphs read (each soft newline a space, or
    nothing where it joins two Chinese characters or a compound's halves, the indentation
    after it gone: what a search looks for a phrase in), and the way back to the text's
    offsets.  Only the places where something was left out are kept (a few per paragraph)."""

    def __init__(self, layout: Layout) -> None:
        text = layout.text
        pieces: list[str] = []
        self._at: list[int] = []  # flowed offsets from which ...
        self._left_out: list[int] = []  # ... so many code points of the text were left out
        done = left_out = 0
        for start, end in zip(layout._soft_starts, layout._soft_ends, strict=True):
            i = text.find("\n", start, end)
            while i >= 0:
                shown = layout.soft_newline_shown(i)
                after = i + 1
                while after < len(text) and text[after] in " \t":
                    after += 1
                kept = i
                if layout.joins(i):  # "self- " above "determination": the blanks go too
                    while kept > done and text[kept - 1] in " \t":
                        kept -= 1
                pieces.append(text[done:kept])
                pieces.append(shown)
                left_out += after - kept - len(shown)
                done = after
                self._at.append(done - left_out)
                self._left_out.append(left_out)
                i = text.find("\n", after, end)
        pieces.append(text[done:])
        self.text = "".join(pieces) if self._at else text

    def original(self, offset: int) -> int:
        """The text's offset of the flowed text's ``offset`` (a character shown)."""
        k = bisect_right(self._at, offset) - 1
        return offset + (self._left_out[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's ``[start, end)`` of the flowed text's."""
        first = self.original(start)
        return first, (self.original(end - 1) + 1 if end > start else first)


def _joins(ch: str) -> bool:
    """A wide character that a line break beside another joins without a space: Chinese,
    Japanese (not Korean Hangul)."""
    return get_character_cell_size(ch) == 2 and not (
        "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f" or "\uac00" <= ch <= "\ud7a3"
    )


def _is_flag_letter(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


_FLAG_LETTERS = "".join(map(chr, range(0x1F1E6, 0x1F200)))


def second_half(text: str, i: int, line_start: int | None = None) -> bool:
    """Whether ``text[i]`` ends a picture begun by the character before it, which a line
    must not part: the emoji selector of ❤️, the second letter of a flag (🇫🇷 is two regional
    indicator letters, paired from the first of a run, or from ``line_start``, the start of
    the display line holding it, which the wrapping puts at a pair's first letter; without
    it, from 64 letters back at most)."""
    ch = text[i]
    if ch == _EMOJI_STYLE:
        return True
    if not _is_flag_letter(ch):
        return False
    lo = max(0, i - 64) if line_start is None else line_start
    run = lo + len(text[lo:i].rstrip(_FLAG_LETTERS))  # after the last other character
    return (i - run) % 2 == 1


# Chinese and Japanese break between any two characters, but never before a closing mark
# (、。，」) or a small kana, nor after an opening one (「（): 禁則, as their books set them.
_NO_LINE_START = frozenset(
    "、。，．：；？！）」』】〕〉》〗〙〛｝］”’・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥％,.:;?!)]}"
)
_NO_LINE_END = frozenset("「『（【〔〈《〖〘〚｛［“‘([{")


def _after_spaces(text: str, at: int) -> int:
    """``at``, after the spaces there: the spaces of a short run ("end.  Next") hang at the
    end of the line with the first, never one starting the next line (a longer run, a
    column of a table, wraps as it is: the caret on it stays in sight)."""
    last = min(len(text), at + _HANGING - 1)
    while at < last and text[at] == " ":
        at += 1
    return at


def _break_at(
    text: str,
    i: int,
    line_start: int,
    at_space: bool,
    blank: Callable[[int], bool] | None = None,
) -> int:
    """Where a line starting at ``line_start`` that overflows at ``i`` breaks: after the space
    at ``i`` (``at_space``: it hangs at the end of the line), else at its last break: after a
    space (``blank(j)``: whether ``text[j]`` breaks as one), or beside a Chinese or Japanese
    character (wide), else (one long word) at ``i``."""
    if at_space:
        return _after_spaces(text, i + 1)
    if blank is None and _wide_character().search(text, line_start, i + 1) is None:
        # no wide character to break beside: the last space (a line of a few hundred
        # accented letters was walked back a character at a time at each break)
        space = text.rfind(" ", line_start + 1, i)
        return space + 1 if space >= 0 else i
    p = i
    while p > line_start:
        before, ch = text[p - 1], text[p]
        if before == " " if blank is None else blank(p - 1):
            if p - 1 > line_start:
                return p
        elif _breaks_beside_wide(before, ch):
            return p
        p -= 1
    return i


def _breaks_beside_wide(before: str, ch: str) -> bool:
    """Whether a line may break between ``before`` and ``ch`` as Chinese and Japanese break:
    beside a wide character, never before a closing mark nor after an opening one."""
    return (
        ch != " "
        and before != _JOINER
        and ch not in _NO_LINE_START
        and before not in _NO_LINE_END
        and get_character_cell_size(ch) > 0
        and (get_character_cell_size(ch) == 2 or get_character_cell_size(before) == 2)
    )


def _chunk_starts(
    text: str, size: int, is_soft: Callable[[int], bool], width: int = 80
) -> list[int]:
    starts = [0]
    n = len(text)
    pos = 0
    while n - pos > size:
        newline = text.find("\n", pos + size, pos + _MAX_CHUNK)
        while newline >= 0 and is_soft(newline):  # a chunk never cuts a soft paragraph
            newline = text.find("\n", newline + 1, pos + _MAX_CHUNK)
        if newline >= 0:
            cut = newline + 1
        elif n <= pos + _MAX_CHUNK:
            break  # the rest is one line: keep it whole so it wraps as one
        else:
            at_break = _cut_at_a_break(text, pos, width, is_soft)
            if at_break is not None:
                cut = at_break
            else:
                space = text.rfind(" ", pos + size, pos + _MAX_CHUNK)
                cut = space + 1 if space >= 0 else min(n, pos + _MAX_CHUNK)
                # never inside a character as the eye sees one: a chunk's lines start at its
                # start, and a flag's second letter there paired every flag after it wrongly
                cut = _whole_character_start(text, cut, pos)
                past = _past_long_marks(text, cut, size)
                if past is None:
                    break  # the rest is one line: keep it whole so it wraps as one
                cut = past
        if cut >= n:
            break
        starts.append(cut)
        pos = cut
    return starts


def _whole_character_start(text: str, cut: int, pos: int) -> int:
    """``cut``, or the start of the character as the eye sees one it falls inside (a flag's
    letters, a letter and its accents), unless that is ``pos`` or before it, or more than
    :data:`_WHOLE_LOOK_BACK` code points back (a character longer than that, a run of
    megabytes of joiners: cut it must be, and looking back all through it took seconds)."""
    from tui_reader.core.documents.units import character_start

    if cut >= len(text):
        return cut
    if _is_flag_letter(text[cut]):
        # paired from the first of their run, or from the chunk's start, itself a pair's
        run = pos + len(text[pos:cut].rstrip(_FLAG_LETTERS))
        start = cut - (cut - run) % 2
        return start if start > pos else cut
    lo = max(pos, cut - _WHOLE_LOOK_BACK)
    start = lo + character_start(text[lo : cut + 1], cut - lo)
    return start if start > lo else cut


_WHOLE_LOOK_BACK = 256


def _past_long_marks(text: str, cut: int, size: int) -> int | None:
    """``cut``, or, when it falls inside a run of marks on one letter too long to look back
    through (:data:`_WHOLE_LOOK_BACK`: hundreds of thousands of accents), a cut past the run
    ending no more than :data:`_MAX_CHUNK` further: after the next newline within ``size``
    of it, or at its end; ``None`` when the text ends within ``size`` of it (the rest one
    line, kept whole).  A cut inside the run began a line with bare accents and left the
    line's last words (" end") alone on a line of their own."""
    if not 0 < cut < len(text) or not (_is_mark(text[cut]) and _is_mark(text[cut - 1])):
        return cut
    limit = min(len(text), cut + _MAX_CHUNK)
    end = after_long_marks(text, cut, limit)
    if end == cut or (end == limit and limit < len(text)):
        return cut  # a run longer still: cut it must be
    newline = text.find("\n", end, end + size)
    if newline >= 0:
        return newline + 1
    return None if len(text) <= end + size else end


def _cut_at_a_break(text: str, pos: int, width: int, is_soft: Callable[[int], bool]) -> int | None:
    """Where a chunk ending inside a line longer than ``_MAX_CHUNK`` (a 10 MB line of prose,
    base64, a URL) is cut: where its lines break anyway, wrapped as :meth:`Layout._wrap_line`
    wraps them from the line's start (or the chunk's, itself such a break), so that no short
    line shows at the cut.  None when a soft paragraph holds it, or more than
    :data:`_CONTEXT_BUDGET` characters measured one at a time (megabytes of emoji: each chunk's
    cut is found as the text opens), or more than :data:`_RUNS_BUDGET` runs of characters of
    one width and characters measured alone: a cut at a space then."""
    limit = pos + _MAX_CHUNK
    newline = text.rfind("\n", pos, limit)
    if newline >= 0 and is_soft(newline):
        return None
    base = newline + 1 if newline >= 0 else pos
    if limit - base <= width:
        return None
    if not_one_cell_at(text, base, limit) >= 0:  # Chinese, Japanese, emoji...
        if len(_CONTEXT_CHARACTERS.findall(text, base, limit)) > _CONTEXT_BUDGET:
            return None
        cuts = _breaks_by_runs(text, base, limit, width, _RUNS_BUDGET)
        return cuts[-1] if cuts else None
    cut = base
    if text.find(" ", base, limit) < 0:  # one long word: a line every ``width``
        return base + (limit - base - 1) // width * width
    while limit - cut > width:
        space = text.rfind(" ", cut + 1, cut + width + 1)
        cut = _after_spaces(text, space + 1) if space > cut else cut + width
    return cut


# Characters whose cells depend on the ones around them (see :func:`cells_at`): a tab, a
# joiner, an emoji selector, a flag's letters.  Where a line holds one, it (and the
# character after a joiner) is measured alone, as :meth:`Layout._wrap_line_by_cells` does.
_CONTEXT_RANGES = ((0x09, 0x09), (0x200D, 0x200D), (0xFE0F, 0xFE0F), (0x1F1E6, 0x1F1FF))
_CONTEXT_CHARACTERS = LazyPattern("[\t\u200d\ufe0f\U0001f1e6-\U0001f1ff]")  # (a wide chunk's)
# A chunk's cut is found by wrapping the line up to it, which measures these characters one at
# a time: a chat log's emoji (one in fifty characters) are a few thousand a chunk; a line of
# them alone would take seconds to open (3 s for 7 MB).
_CONTEXT_BUDGET = 16_384
# ... and by runs of characters of one width: Hindi or Thai, a run at each vowel sign, are
# runs of one or two characters (a second to cut each 2 MB of a line of them as it opened, and
# again at each resize): past this many, a cut at a space then.
_RUNS_BUDGET = 32_768


# Code points a display line holds at most: a line of characters that take no cells (a hostile
# file of megabytes of emoji selectors, joiners or accents) was one display line per part of
# the text, 262,144 code points that each paint, click and caret move measured one at a time
# (half a second each).  Text a reader can see holds a few hundred a line at most.  A long run
# of plain marks (a letter of 100,000 accents) is not counted: its measures step over it at
# once (:func:`_long_mark_runs`), and cut, its marks alone drew blank rows.
_LONGEST_LINE = 16_384
_SELECTOR_OR_JOINER = "\u200d\ufe0f"
_SELECTORS_AND_JOINERS = re.compile("[\u200d\ufe0f]*")


def _in_context(ch: str) -> bool:
    return ch in "\t\u200d\ufe0f" or "\U0001f1e6" <= ch <= "\U0001f1ff"


def _without_context(ranges: list[tuple[int, int]]) -> str:
    """A character class's ranges, the characters of :data:`_CONTEXT_RANGES` taken out."""
    parts: list[str] = []
    for a, b in ranges:
        for c, d in _CONTEXT_RANGES:
            if c <= b and a <= d:  # they overlap: keep the pieces either side
                if a < c:
                    parts.append(f"\\U{a:08x}-\\U{c - 1:08x}")
                a = d + 1
        if a <= b:
            parts.append(f"\\U{a:08x}-\\U{b:08x}")
    return "".join(parts)


@cache
def _wide_character() -> re.Pattern[str]:
    """A character that may be two cells wide: one of the Basic Multilingual Plane's that
    is (Chinese, Japanese), or any beyond it (emoji; a class of few ranges, quick to test)."""
    from rich._unicode_data import load

    widths = load("auto").widths
    wide = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b, cells in widths if cells == 2 and b < 0x10000)
    return re.compile(f"[{wide}\\U00010000-\\U0010ffff]")


@cache
def _marks() -> re.Pattern[str]:
    """A run of marks of a run ``m`` of :func:`_runs`."""
    return re.compile(f"[{_bmp_marks()}]+")


@cache
def _marked_letters(count: int) -> re.Pattern[str]:
    """``count`` letters of one cell, each with its marks (as a run ``m`` of :func:`_runs`)."""
    return re.compile(f"(?:{_marked_letter()}){{{count}}}")


@cache
def _bmp_marks() -> str:
    """The class of the characters of no cells of the Basic Multilingual Plane (accents,
    vowel signs), joiners and selectors aside: Python's re tests a class of its ranges at
    once, where one with ranges beyond it is tested a range at a time."""
    from rich._unicode_data import load

    widths = load("auto").widths
    marks = _without_context([(a, b) for a, b, cells in widths if cells == 0 and b < 0x10000])
    return marks.replace("\\U0000", "\\u")


@cache
def _marked_letter() -> str:
    """A letter of one cell (of :data:`_ONE_CELL`, no space) and the accents on it (at most
    :data:`_MARKS_ON_ONE`)."""
    return f"[!-{_ONE_CELL[2:]}][{_bmp_marks()}]{{1,{_MARKS_ON_ONE}}}"


# Marks a letter of a run ``m`` holds at most: a letter under thousands of them (a hostile
# file) is a letter and a run of marks, which a line of at most :data:`_LONGEST_LINE` holds.
_MARKS_ON_ONE = 64


@cache
def _runs() -> re.Pattern[str]:
    """Runs of characters of one cell width: letters each with its marks (one cell each:
    2 MB of "é" decomposed was two runs a letter), wide (two cells), none (marks, controls),
    and the rest (one cell each, spaces among them: a line of prose is one run, matched
    first by the small class of :data:`_ONE_CELL`, quick to test); never a character of
    :data:`_CONTEXT_RANGES`."""
    from rich._unicode_data import load

    widths = load("auto").widths
    wide = _without_context([(a, b) for a, b, cells in widths if cells == 2])
    controls = [(1, 31), (127, 159)]
    none = _without_context([*((a, b) for a, b, cells in widths if cells == 0), *controls])
    context = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _CONTEXT_RANGES)
    return re.compile(
        f"(?P<m>(?:{_marked_letter()})+)|(?P<o>[{_ONE_CELL}]+)|(?P<w>[{wide}]+)|(?P<z>[{none}]+)|(?P<p>[^{wide}{none}{context}]+)"
    )


def _breaks_by_runs(
    text: str, start: int, end: int, width: int, steps: int | None = None
) -> list[int] | None:
    """Where ``[start, end)`` (one line of the text) breaks, as
    :meth:`Layout._wrap_line_by_cells` breaks it (the starts of its lines after the first),
    worked out a run of characters of one width at a time: a line of 262,144 Chinese
    characters in a few milliseconds.  A character whose cells depend on its neighbours (a
    tab, a joiner and the character after it, an emoji selector, a flag's letter) is
    measured alone, as the line is wrapped a character at a time.  None when that takes more
    than ``steps`` runs and characters measured alone."""
    runs = _runs()
    cuts: list[int] = []
    line_start, used, a = start, 0, start
    # plain marks of long runs on the line starting at ``marked_from``, stepped over at once
    # (by the wrap, and by the measures of its line: see :func:`_long_mark_runs`), not counted
    # to its :data:`_LONGEST_LINE`: a letter of 100,000 accents was cut into lines of them
    # alone, drawn as blank rows
    marked, marked_from = 0, start
    while a < end:
        if steps is not None:
            steps -= 1
            if steps < 0:
                return None
        free = marked if marked_from == line_start else 0
        if a - line_start - free >= _LONGEST_LINE:  # characters of no cells, without end: cut
            cuts.append(a)
            line_start, used = a, 0
        if _in_context(text[a]) or (a > line_start and text[a - 1] == _JOINER):
            cells = cells_at(text, a, used, line_start)
            if cells and used + cells > width and a > line_start:
                cut = _break_at(text, a, line_start, text[a] == " ")
                if cut == a:
                    cut = _unparted(text, a, line_start)  # ❤️ or 🇫🇷 goes on whole
                if cut >= end:
                    return cuts
                cuts.append(cut)
                line_start = cut
                if cut > a:
                    a, used = cut, 0
                else:
                    used = text_cells(text[cut:a])
                continue
            used += cells
            a += 1
            if text[a - 1] in _SELECTOR_OR_JOINER:
                # the selectors and joiners right after a selector or a joiner take no cells
                # (a hostile run of millions of them was measured one at a time: seconds)
                stop = min(end, line_start + _LONGEST_LINE)
                a = max(a, _SELECTORS_AND_JOINERS.match(text, a, stop).end())  # type: ignore[union-attr]
            continue
        run = runs.match(text, a, end)
        assert run is not None  # every character is in one of the runs' classes
        kind = run.lastgroup
        b = run.end()
        if kind == "z":  # no cells: never the one that overflows
            if b - a >= _LONG_MARK_RUN and (run := _long_marks().match(text, a, b)) is not None:
                marked = run.end() - a + (marked if marked_from == line_start else 0)
                marked_from, a = line_start, run.end()
                continue
            a = min(b, max(a + 1, line_start + _LONGEST_LINE))
            continue
        if kind == "m":
            a, used, line_start = _wrap_marked(text, a, b, end, width, used, line_start, cuts)
            if a < 0:
                return cuts
            continue
        cells = 2 if kind == "w" else 1
        while a < b:
            room = max(0, (width - used) // cells)  # a tab may have filled the line
            if b - a <= room:
                used += (b - a) * cells
                break
            i = a + room  # the character that overflows (never the line's first)
            if kind == "w" and i > a and text[i] not in _NO_LINE_START:
                # Between two wide characters: a break (_break_at's), the common case of a
                # Chinese text, worked out here at once.
                cut = (
                    i if text[i - 1] not in _NO_LINE_END else _break_at(text, i, line_start, False)
                )
            else:
                cut = _break_at(text, i, line_start, text[i] == " ")
                if cut == i:  # a conjunct (क्षि) goes on whole
                    cut = _unparted(text, i, line_start)
            if cut >= end:
                return cuts
            cuts.append(cut)
            line_start = cut
            if cut > i:
                a, used = cut, 0
            else:
                a, used = i, text_cells(text[cut:i]) if cut < i else 0
        a = max(a, b)
    return cuts


def _wrap_marked(
    text: str, a: int, b: int, end: int, width: int, used: int, line_start: int, cuts: list[int]
) -> tuple[int, int, int]:
    """Wrap ``[a, b)``, a run of letters each with its marks (``m`` of :func:`_runs`), on a
    line starting at ``line_start`` with ``used`` cells taken, as
    :meth:`Layout._wrap_line_by_cells` wraps it: the breaks appended to ``cuts``, a line's
    worth of letters stepped over at once.  The place after the run, the cells then taken on
    its last line and that line's start; a place of -1 when a break falls at ``end``."""
    while True:
        room = max(0, width - used)
        found = _marked_letters(room).match(text, a, b)
        if found is None or found.end() == b:  # the rest fits on the line
            break
        i = found.end()  # the letter that overflows (never the line's first)
        cut = _break_at(text, i, line_start, False)
        if cut == i:  # a conjunct (क्षि) goes on whole
            cut = _unparted(text, i, line_start)
        if cut >= end:
            return -1, 0, line_start
        cuts.append(cut)
        line_start = cut
        a, used = i, text_cells(text[cut:i]) if cut < i else 0
    letters = len(_marks().findall(text, a, b))  # a run of marks after each letter
    return b, used + letters, line_start
