"""less's ``&pattern``: only the lines of the text holding a match shown, wrapped as the whole
text wraps them, offsets still the canonical text's.

A line here is a line of the text (up to its newline); in a text wrapped by hand, a paragraph
that flows (its soft newlines no line's end, see :mod:`~tui_reader.reading.layout`) is one.
:func:`lines_holding` finds the lines a search's hits fall in; :class:`FilteredLayout` lays
out those lines alone, lazily as :class:`Layout` does (its chunks are the lines shown, runs
of neighbours put together up to a chunk's size), so a 50 MB text filtered opens at once
and each display line is found as quickly as in the whole text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui_reader.reading.layout import CHUNK_SIZE, Layout

SLICE = 1 << 20  # code points of the text looked at for newlines at a time


@dataclass(frozen=True)
class ShownLines:
    """The lines a filter shows: ``starts`` and ``ends`` of runs of whole lines of the text
    (each from a line's start to after its newline, or to the text's end), in order, apart;
    ``count`` the lines of the text they hold, ``line_starts`` and ``line_lengths`` (arrays)
    each one's start and length, its newline aside."""

    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    count: int = 0
    line_starts: Any = ()
    line_lengths: Any = ()

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, text: str, offset: int) -> bool:
        """Whether the caret at ``offset`` of ``text`` is on a line shown (at its end too)."""
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and (offset < self.ends[k] or offset == _caret_end(text, self.ends[k]))

    def shows(self, text: str, start: int, end: int) -> bool:
        """Whether some of ``[start, end)`` of ``text`` lies on a line shown (an empty
        range: whether the caret at ``start`` is)."""
        if end <= start:
            return self.holds(text, start)
        k = bisect_right(self.starts, end - 1) - 1  # the last run starting in it or before
        return k >= 0 and self.ends[k] > start

    def nearest(self, text: str, offset: int, *, forward: bool) -> int:
        """``offset`` when a line shown holds it; else, ``forward``, the start of the next
        line shown (the end of the last one when none follows), or going back the end of
        the one before (the first one's start when none comes before)."""
        if not self.starts or self.holds(text, offset):
            return offset
        k = bisect_right(self.starts, offset) - 1  # the run before it (-1: none)
        if k < 0 or (forward and k + 1 < len(self.starts)):
            return self.starts[k + 1]
        return _caret_end(text, self.ends[k])


def _caret_end(text: str, end: int) -> int:
    """Where the caret stands at the end of a run of lines ending at ``end``: on its last
    newline (the end of its last line), or at the text's end."""
    return end - 1 if end > 0 and text[end - 1] == "\n" else end


def lines_holding(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int] | int,
    soft: Sequence[tuple[int, int]] = (),
    *,
    chunk_size: int = CHUNK_SIZE,
    pause: Callable[[], None] | None = None,
) -> ShownLines:
    """The lines of ``text`` that hits fall in: ``[starts[i], ends[i])``, in order of their
    starts (``ends`` a number: every hit that long), a hit over a line's end taking each
    line it touches; ``soft``: the ranges whose newlines end no line (a paragraph that
    flows is one line).  Neighbouring lines are put in one run up to ``chunk_size`` code
    points.  Worked out as arrays: "the" in 50 MB is a million hits on 700,000 lines;
    ``pause`` called between slices of the text (see :func:`_hard_newlines`)."""
    import numpy as np

    newlines = _hard_newlines(text, soft, pause)
    first = np.asarray(starts, dtype=np.int64)
    if first.size == 0:
        return ShownLines()
    last = (
        first + max(0, ends - 1)
        if isinstance(ends, int)
        else np.maximum(first, np.asarray(ends, dtype=np.int64) - 1)
    )
    # a line's index: the hard newlines before it; a hit takes its lines from first to last
    from_line = np.searchsorted(newlines, first, side="left")
    to_line = np.searchsorted(newlines, last, side="left")
    taken = [from_line, to_line]
    for a, b in zip(
        from_line[to_line - from_line > 1], to_line[to_line - from_line > 1], strict=True
    ):
        taken.append(np.arange(a + 1, b, dtype=np.int64))  # a hit over three lines or more
    lines = np.unique(np.concatenate(taken))
    line_starts = np.concatenate(([-1], newlines))[lines] + 1
    line_ends = np.append(newlines + 1, len(text))[lines]
    # runs of neighbouring lines (as arrays), a run longer than chunk_size cut at the ends of
    # its lines (a few: a stretch of text where every line holds a match)
    breaks = np.flatnonzero(np.diff(lines) != 1) + 1
    run_starts = line_starts[np.concatenate(([0], breaks))]
    run_ends = line_ends[np.concatenate((breaks - 1, [len(lines) - 1]))]
    long = np.flatnonzero(run_ends - run_starts > chunk_size)
    if long.size:
        cuts = [_cuts(newlines, int(run_starts[k]), int(run_ends[k]), chunk_size) for k in long]
        cut = np.concatenate([np.asarray(c, np.int64) for c in cuts])
        run_starts = np.insert(run_starts, np.repeat(long + 1, [len(c) for c in cuts]), cut)
        run_ends = np.sort(np.concatenate((run_ends, cut)))
    open_end = (line_ends == len(text)) & (not text.endswith("\n"))  # no newline ends it
    lengths = line_ends - line_starts - np.where(open_end, 0, 1)
    return ShownLines(_array(run_starts), _array(run_ends), len(lines), line_starts, lengths)


def _cuts(newlines: Any, start: int, end: int, chunk_size: int) -> list[int]:
    """Where the run of lines ``[start, end)`` is cut into chunks of ``chunk_size`` code
    points at least: after a newline (``newlines``: the text's that end a line)."""
    import numpy as np

    found: list[int] = []
    while end - start > chunk_size:
        at = int(np.searchsorted(newlines, start + chunk_size, side="left"))
        if at >= len(newlines) or newlines[at] + 1 >= end:
            break
        start = int(newlines[at]) + 1
        found.append(start)
    return found


def _array(values: Any) -> array[int]:
    """A numpy array of offsets as an ``array("q")``, copied at once."""
    import numpy as np

    made: array[int] = array("q")
    made.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return made


def _hard_newlines(
    text: str, soft: Sequence[tuple[int, int]], pause: Callable[[], None] | None = None
) -> Any:
    """The offsets of the newlines of ``text`` that end a line (those of the ``soft``
    ranges left out), as an array; found :data:`SLICE` code points at a time, ``pause``
    called between (a thread splitting 50 MB at once held the interpreter half a second)."""
    import numpy as np

    found = []
    for base in range(0, len(text), SLICE):
        piece = text[base : base + SLICE]
        if piece.isascii():  # (known at once: Python keeps it)
            at = np.flatnonzero(np.frombuffer(piece.encode("ascii"), np.uint8) == 10)
        else:
            lengths = np.fromiter(map(len, piece.split("\n")), np.int64)
            at = np.cumsum(lengths[:-1] + 1) - 1
        found.append(at + base)
        if pause is not None:
            pause()
    newlines = np.concatenate(found) if found else np.zeros(0, np.int64)
    if soft and newlines.size:
        soft_starts = np.asarray([a for a, _ in soft], dtype=np.int64)
        soft_ends = np.asarray([b for _, b in soft], dtype=np.int64)
        k = np.searchsorted(soft_starts, newlines, side="right") - 1
        inside = (k >= 0) & (newlines < soft_ends[np.maximum(k, 0)])
        newlines = newlines[~inside]
    return newlines.astype(np.int64)


def estimated_lines(lines: ShownLines, width: int) -> list[int]:
    """The display lines each run of ``lines`` takes at ``width``, as they are guessed before
    they are wrapped: one a line that fits, else its length over a line's likely fill.
    Counted as arrays (700,000 lines); a line as the whole text's layout guesses a chunk's
    (a newline counted as a line more) was two of one that fits, and every run wrapped
    changed the count of every line below it."""
    import numpy as np

    if not lines:
        return []
    lengths = np.asarray(lines.line_lengths, dtype=np.int64)
    each = np.where(lengths <= width, 1, np.ceil(lengths / (width * 0.9)).astype(np.int64))
    firsts = np.searchsorted(np.asarray(lines.line_starts, dtype=np.int64), lines.starts)
    return [int(n) for n in np.add.reduceat(each, firsts)]


class FilteredLayout(Layout):
    """The display lines of the ``lines`` of ``text`` alone, at ``width`` cells: line ``y``
    is the ``y``-th of theirs; offsets are the whole text's.  An offset on a line not shown
    is on the last display line of the lines shown before it."""

    FINAL_EMPTY_LINE = False  # the empty line after a final newline holds no match

    def __init__(
        self,
        text: str,
        width: int,
        lines: ShownLines,
        *,
        soft: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.lines = lines
        super().__init__(text, width, soft=soft, chunks=(lines.starts, lines.ends))

    def _first_counts(self) -> list[int]:
        return estimated_lines(self.lines, self.width)
