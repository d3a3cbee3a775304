"""Coding stripes: in a margin beside the text, which codes cover each display line, one lane
(a coloured bar) per code, as QualCoder's and ATLAS.ti's margins show them.

The painter takes a list of columns, each ``(label, marks)``: one column for the whole coding
(the reading view), or one per coder (agreement views).  Within a column every code has its
own lane, in a stable order, so a code's bar runs unbroken down the lines it covers.

Offsets are code points into the canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.reading.highlights import TagPalette

BAR = "▍"
MORE = "+"  # a lane standing for the codes past the last lane
MAX_LANES = 8  # lanes per column at most


@dataclass(frozen=True)
class StripeMark:
    """``[start, end)`` coded ``tag``, drawn in ``colour`` (hex)."""

    start: int
    end: int
    tag: str
    colour: str


def stripe_marks(annotations: Iterable[Annotation], palette: TagPalette) -> list[StripeMark]:
    """One mark per annotation and code, in the code's highlight colour (a passage that
    lost its place, an orphan, has none: its offsets are where its text was)."""
    return [
        StripeMark(a.start, a.end, tag, palette.colour(tag).background)
        for a in annotations
        if a.end > a.start and a.status is not AnchorStatus.ORPHAN
        for tag in a.tags
    ]


@dataclass(frozen=True)
class Cell:
    """One cell of the margin: its character and colour (None: blank or dim)."""

    text: str
    colour: str | None = None


class _Lane:
    """The union of one code's ranges, for "does it touch ``[a, b)``" in log time."""

    def __init__(self, colour: str, ranges: list[tuple[int, int]]) -> None:
        self.colour = colour
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(ranges):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start


class StripePainter:
    """The margin cells of any display line, for a list of ``(label, marks)`` columns."""

    def __init__(
        self, columns: Sequence[tuple[str, Sequence[StripeMark]]], max_lanes: int = MAX_LANES
    ) -> None:
        self.labels = [label for label, _ in columns]
        self._columns: list[tuple[list[_Lane], _Lane | None]] = []
        for _, marks in columns:
            ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
            colours: dict[str, str] = {}
            for mark in marks:
                ranges[mark.tag].append((mark.start, mark.end))
                colours.setdefault(mark.tag, mark.colour)
            tags = sorted(ranges)
            shown = tags if len(tags) <= max_lanes else tags[: max_lanes - 1]
            rest = [r for t in tags[len(shown) :] for r in ranges[t]]
            lanes = [_Lane(colours[t], ranges[t]) for t in shown]
            self._columns.append((lanes, _Lane("", rest) if rest else None))

    @property
    def width(self) -> int:
        """Cells the margin takes: the lanes, a space between columns and one after."""
        if not any(lanes for lanes, _ in self._columns):
            return 0
        lanes = sum(len(lanes) + (more is not None) for lanes, more in self._columns)
        return lanes + len(self._columns)

    def cells(self, start: int, end: int) -> list[Cell]:
        """The margin of the display line ``[start, end)`` (an empty line counts as one code
        point, so a bar runs on through blank lines inside a passage)."""
        if not self.width:
            return []
        end = max(end, start + 1)
        row: list[Cell] = []
        for lanes, more in self._columns:
            for lane in lanes:
                row.append(Cell(BAR, lane.colour) if lane.touches(start, end) else Cell(" "))
            if more is not None:
                row.append(Cell(MORE) if more.touches(start, end) else Cell(" "))
            row.append(Cell(" "))
        return row
