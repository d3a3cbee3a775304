"""A value that may be a long file name, a path or an address, wrapped where a reader expects
it to go on: at a space, or after a ``-``, ``_`` or ``/`` (Rich breaks a line at spaces alone,
and folds a word wider than the line mid-word: "...-plan-penta" above "gon.txt").  A part
wider than the whole line is still folded, as nothing else can show it."""

from __future__ import annotations

import re
from functools import cache

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NAME_BREAKS = "/_-"  # what a line may break after, besides a space
PATH_BREAKS = "/"  # a path's folders: a file name kept whole ("annotations-" above "export.csv")


@cache
def _part(breaks: str) -> re.Pattern[str]:
    """A part: what comes up to a break, the break with it (a run of spaces, or of
    ``breaks``); breaks a word begins with are its own (``--doc`` and ``/home/`` are not
    left as ``--`` and ``/`` at a line's end)."""
    chars = re.escape(breaks)
    return re.compile(rf"[{chars}]*[^\s{chars}]+(?:[{chars}]+|\s+)?|[{chars}]+\s*|\s+")


def _parts(line: str, breaks: str = NAME_BREAKS) -> list[tuple[int, int]]:
    return [m.span() for m in _part(breaks).finditer(line) if m.end() > m.start()]


def broken_lines(text: Text, width: int, breaks: str = NAME_BREAKS) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, each of its lines broken at a space or
    after one of ``breaks`` (a ``-``, ``_`` or ``/``) where it must be; the spaces a line is
    broken at are dropped (those it ends with are kept, within ``width``)."""
    width = max(1, width)
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        cuts: list[int] = []
        start, used = 0, 0
        for begin, end in _parts(plain, breaks):
            size = cell_len(plain[begin:end].rstrip())
            if used and used + size > width:
                cuts.append(begin)
                start, used = begin, 0
            if size > width:  # wider than a line: folded, as nothing else shows it
                while cell_len(plain[start:end].rstrip()) > width:
                    pos = start + 1
                    while pos < end and cell_len(plain[start : pos + 1]) <= width:
                        pos += 1
                    cuts.append(pos)
                    start = pos
                used = cell_len(plain[start:end])
                continue
            used += cell_len(plain[begin:end])
        pieces = line.divide(cuts) if cuts else [line]
        for n, piece in enumerate(pieces):
            if n < len(pieces) - 1:  # broken there: its spaces go (a line's own end keeps
                piece.rstrip()  # them: a tag chip's coloured space)
            out.append(piece)
    return out


class BreakingText:
    """``text`` rendered in :func:`broken_lines` at the width it is given (a table's cell),
    broken after one of ``breaks``."""

    def __init__(self, text: Text, breaks: str = NAME_BREAKS) -> None:
        self.text = text
        self.breaks = breaks

    def __str__(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.text.plain.split("\n")
        widest = max((cell_len(line) for line in lines), default=0)
        parts = [
            cell_len(line[b:e].rstrip()) for line in lines for b, e in _parts(line, self.breaks)
        ]
        return Measurement(max(parts, default=0), widest).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = broken_lines(self.text, options.max_width, self.breaks)
        joined = Text("\n").join(lines)
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined


SEPARATOR = " · "


def parted_lines(parts: list[Text], width: int, style: str = "") -> Text:
    """Parts of a line said one after another, :data:`SEPARATOR` (in ``style``) between them,
    broken between two parts where a line of ``width`` cells is too narrow for both: a hint,
    ``f m c: reports``, stays whole (Rich broke it at a space, "f m" ending one line and "c:
    reports" starting the next).  A part wider than a line is left to wrap at its spaces."""
    lines: list[Text] = []
    line = Text()
    for part in parts:
        if line.cell_len and line.cell_len + len(SEPARATOR) + part.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(SEPARATOR, style=style)
        line.append_text(part)
    lines.append(line)
    return Text("\n").join(lines)


class PartedText:
    """:func:`parted_lines` at the width it is given (a panel's line of facts: "by ana ·
    created 2026-12-05 09:50 UTC", whose "UTC" began a line of its own)."""

    def __init__(self, parts: list[Text], style: str = "") -> None:
        self.parts = parts
        self.style = style

    def __str__(self) -> str:
        return SEPARATOR.join(part.plain for part in self.parts)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        cells = [part.cell_len for part in self.parts]
        whole = sum(cells) + len(SEPARATOR) * max(0, len(cells) - 1)
        return Measurement(max(cells, default=0), whole).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield parted_lines(self.parts, options.max_width, self.style)


class HangingText:
    """``head`` then ``body`` beside it, the body's lines wrapped under its own first (a
    history step's words, wrapped, went on under its id and time, out of their column) and
    broken as :func:`broken_lines` breaks them (a file name after a ``-``); too
    narrow for a body of :data:`HANGING_LEAST` cells beside the head, one text wrapped.
    ``above``: a line of its own before the head (a narrow history's id and time)."""

    def __init__(self, head: Text, body: Text, above: Text | None = None) -> None:
        self.head = head
        self.body = body
        self.above = above

    def __str__(self) -> str:
        above = f"{self.above.plain}\n" if self.above is not None else ""
        return above + self.head.plain + self.body.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        head = self.head.cell_len
        body = Measurement.get(console, options, self.body)
        above = self.above.cell_len if self.above is not None else 0
        most = max(above, head + body.maximum)
        return Measurement(head + body.minimum, most).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.head.cell_len
        room = options.max_width - indent
        if self.above is not None:
            yield self.above
        if room < HANGING_LEAST:
            yield self.head + self.body
            return
        lines = broken_lines(self.body, room)  # a file name broken after a "-", not mid-word
        joined = Text()
        for n, line in enumerate(lines):
            if n:
                joined.append("\n" + " " * indent)
            else:
                joined.append_text(self.head)
            joined.append_text(line)
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined


HANGING_LEAST = 12
