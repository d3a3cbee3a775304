"""The status line under the reading view: the document's name and the reading figures.

The figures always show; where the line is short, what says least gives way first (see
:func:`fitted`): the figures come closer together, the name is shortened in its middle (its
end, which tells two files apart, kept), a search's pattern and the percentage are left out
in that order (the search then says "hit 2/9"), then the name, the hint of how to show every
line, a turn's time, "annotations" ("12 ann."), and only then the last figures, whole, with
a "…" (a selection's count kept among them, "selected 32", where "selected 32 chars" would
be cut, a turn's speaker left out for it where even that is).  It is fitted again whenever
the line's width changes (a pane shown or hidden beside it), not only when the figures do.

"line N/M" counts source lines (a line ends at a newline), as the codebook and the exports
do: one meaning of "line" wherever the user sees it, whatever the width of the window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui_reader.core.display import shown
from tui_reader.core.documents.document import Document
from tui_reader.core.wording import counted
from tui_reader.reading.selection import trimmed

SEPARATOR = "  ·  "
LONG_COUNTS = "long-counts"  # the worker group loading what a long selection's count takes
NARROW_SEPARATOR = " · "
# What the count of annotations says while those of a document just opened are placed (seconds
# with 100,000 annotations on a busy machine): "0 annotations" read as coding lost.
PLACING = "placing annotations…"
EVERY_LINE = "& enter: every line"  # said while a filter shows some lines only (less's &)
# A search's pattern, before what is said of it ("2/23"): left out where the line is short.
_QUOTED = re.compile(r"^“.*” ", re.DOTALL)
# What gives way where the line is short, in this order (see fitted): a search's pattern,
# the percentage (the line says where the caret is), then the name (the library shows it
# beside the text), the hint of how to show every line again (while only some show), a
# turn's time (its speaker kept), the word "annotations" ("12 ann.", as the library's rows
# say it: the hit a search says without its pattern, "hit 3/9", kept on the line), and last
# the last figures.  The pages left out where the caret is are said shorter once the hint
# has given way ("p. 2 not read"): their reason, long, cut a search's hit off the line.  A
# Teams call's line at 120 columns, the library beside it, lost the count of annotations and
# the hit the caret was on while the time and the percentage kept their room.
GIVING_WAY = ("pattern", "percent", "hint", "unread", "time", "count")
NAME_BEFORE = "hint"  # the name is left out before this gives way
# A selection's count, said without "chars" ("selected 32") only where, the last figures cut,
# it would be cut with them: a speaker's turn, the line and "selected 32 chars" did not fit
# beside the annotations panel, and nothing said what was selected (see fitted).
SELECTED = "selected"
# The fewest cells of a name shortened in its middle; with less room it is left out.
NAME_LEAST = 12


class Figure(NamedTuple):
    """One figure of the line: ``text``; ``shorter``, said instead once ``gives`` (one of
    :data:`GIVING_WAY`) gives way ("" left out); ``gives`` "" for a figure that never does."""

    text: str
    gives: str = ""
    shorter: str = ""


class SourceLines:
    """The source line of an offset in one text.  The newlines before every
    :data:`CHECKPOINT`-th code point are counted once (with the total); a line is then the
    count at the nearest checkpoint, or at the offset asked for last (the caret moves a little
    at a time), plus the newlines in between: never more than half a checkpoint's span is
    scanned, so `G` in a 50 MB text does not count every newline of it again."""

    def __init__(self, text: str, checkpoint: int = 1 << 20) -> None:
        self.text = text
        self._span = checkpoint
        self._before = [0]  # newlines before offset i * span
        for start in range(0, len(text), checkpoint):
            self._before.append(self._before[-1] + text.count("\n", start, start + checkpoint))
        self.total = self._before[-1] + (0 if text.endswith("\n") else 1)
        self._offset = 0
        self._line = 1

    def line_of(self, offset: int) -> int:
        """1-based line of the code point at ``offset``."""
        offset = min(max(0, offset), len(self.text))
        mark = min(round(offset / self._span), len(self._before) - 1)
        at, line = mark * self._span, self._before[mark] + 1
        if abs(offset - self._offset) < abs(offset - at):
            at, line = self._offset, self._line
        if offset >= at:
            line += self.text.count("\n", at, offset)
        else:
            line -= self.text.count("\n", offset, at)
        self._offset, self._line = offset, line
        return min(line, max(1, self.total))


class StatusLine(Static):
    """One line: ``name  ·  figures``, the name clipped to the width left by the figures.

    It changes with every key that moves the caret, so it draws its one line itself: two
    segments in the widget's style, as the ``Static`` it is would draw them through
    Textual's content (turning the text into content, then into lines: about a tenth of a
    key's work).  ``render()`` still gives the text shown."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self._label = ""
        self._figures: list[Figure] = []
        self._lines: SourceLines | None = None
        self._counted: tuple[str, int, int, int] | None = None  # text, selection, characters
        # What the reading figures were shown of, and whether a worker loads what a long
        # selection's first count takes (see :meth:`_characters`).
        self._reading: (
            tuple[Document, int, tuple[int, int] | None, int | None, str, str, str, str] | None
        ) = None
        self._preparing = False
        self._shown = ("", "")  # the name as clipped, and the figures
        self._strip: tuple[tuple[str, str], Strip] | None = None  # the line drawn last
        # Its rich_style, worked out once per style update: it walks every ancestor's styles,
        # and the line's own background is opaque (the stylesheet's), so theirs never shows.
        self._base: Style | None = None

    def show_reading(
        self,
        document: Document | None,
        caret: int,
        selection: tuple[int, int] | None,
        annotations: int | None,
        search: str,
        filtered: str = "",
        compared: str = "",
        whose: str = "",
    ) -> None:
        """The figures of reading ``document`` with the caret at ``caret``; ``annotations``
        None while they are being placed (:data:`PLACING`); ``filtered``: what a filter of the
        lines shows (less's ``&``), said first, where a narrow line keeps it, and how to show
        every line again said last, left out first; ``compared``: which of two coders'
        disagreements the caret is on, said before the count of annotations; ``whose``: the
        coder whose annotations alone are shown and counted ("mine", "ben's"; C), said after
        the count ("0 annotations" of ben's read as one's own coding lost)."""
        if document is None:
            self._reading = None
            self.show("", [searched_figure(search)] if search else [])
            return
        text = document.text
        if self._lines is None or self._lines.text is not text:
            self._lines = SourceLines(text)
        percent = 100 if not text else round(100 * caret / len(text))
        parts = [
            Figure(f"{percent}%", "percent"),
            Figure(f"line {self._lines.line_of(caret)}/{self._lines.total}"),
        ]
        if document.pages:
            parts.insert(0, Figure(f"p. {document.page_at(caret)}/{len(document.pages)}"))
            unread = document.unread_at(caret)
            if unread:  # the pages left out here: a scan said where it is reached
                parts.insert(1, Figure(_unread_figure(unread), "unread", _unread_short(unread)))
        turn = document.turn_at(caret)
        if turn is not None:
            cited = turn.citation_at(caret)
            parts.insert(0, Figure(cited, "time", turn.speaker or cited))
        if selection is not None and selection[0] == selection[1]:
            # started at the end: a move back selects
            parts.append(Figure("nothing selected yet"))
        elif selection is not None:
            # what a codes: the selection without the spaces at its ends (it said 10 of
            # "In a move " and the annotate dialog 9 of the passage it codes, "In a move")
            start, end = trimmed(text, *selection)
            characters = self._characters(text, *((start, end) if start < end else selection))
            parts.append(
                Figure(
                    "selected … chars"  # counted once a worker has loaded what the count takes
                    if characters is None
                    else f"selected {counted(characters, 'char')}",
                    SELECTED,
                    "selected …" if characters is None else f"selected {characters:,}",
                )
            )
        if compared:
            parts.append(Figure(compared))
        if annotations is None:
            parts.append(Figure(PLACING))
        else:  # "12 ann." where the line is short, as the library's rows say it
            said = f" ({whose})" if whose else ""
            parts.append(
                Figure(
                    f"{counted(annotations, 'annotation')}{said}",
                    "count",
                    f"{annotations:,} ann.{said}",
                )
            )
        if search:
            parts.append(searched_figure(search))
        if filtered:
            parts.insert(0, Figure(filtered))
            parts.append(Figure(EVERY_LINE, "hint"))
        self._reading = (
            document, caret, selection, annotations, search, filtered, compared, whose
        )  # fmt: skip
        self.show(document.path.name, parts)

    def _characters(self, text: str, start: int, end: int) -> int | None:
        """The characters selected as the eye sees them, counted again only when the
        selection changed (the status line is drawn again at every key); ``None`` while a
        worker loads what the first count of a long selection takes (numpy: a third of a
        second of the app's thread, the key that grew the selection frozen), the line drawn
        again once it has."""
        from tui_reader.core.documents.units import (
            character_count,
            character_count_from,
            long_count_waits,
            prepare_long_counts,
        )

        if long_count_waits(text, start, end):
            if not self._preparing:
                self._preparing = True
                self.run_worker(
                    prepare_long_counts,
                    thread=True,
                    group=LONG_COUNTS,
                    description="loading what a long selection's count takes",
                    exit_on_error=False,
                )
            return None
        kept = self._counted
        if kept is None or kept[0] is not text:
            kept = self._counted = (text, start, end, character_count(text, start, end))
        elif kept[1:3] != (start, end):
            # From the count before the key: only what the caret went over is counted
            characters = character_count_from(text, kept[1:], start, end)
            kept = self._counted = (text, start, end, characters)
        return kept[3]

    @on(Worker.StateChanged)
    def _prepared(self, event: Worker.StateChanged) -> None:
        if event.worker.group != LONG_COUNTS or not event.worker.is_finished:
            return
        self._preparing = False
        if event.state == WorkerState.SUCCESS and self._reading is not None:
            self.show_reading(*self._reading)  # the selection's count, now without a wait

    def show(self, name: str, figures: Sequence[Figure]) -> None:
        """Show ``figures`` and ``name``, as many of them as fit (see :func:`fitted`)."""
        self._label = shown(name)
        self._figures = [f._replace(text=shown(f.text), shorter=shown(f.shorter)) for f in figures]
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        shown = fitted(self._label, self._figures, self.content_region.width)
        if shown != self._shown:
            self._shown = shown
            # One line, always (the stylesheet says so): no layout pass for each caret move.
            self.refresh()

    def render(self) -> Text:
        name, details = self._shown
        return Text.assemble((name, "bold"), SEPARATOR if name else "", details)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None
        self._base = None

    def render_line(self, y: int) -> Strip:
        kept = self._strip
        if kept is not None and kept[0] == self._shown:
            return kept[1]
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        name, details = self._shown
        segments = [Segment(name, base + Style(bold=True))] if name else []
        segments.append(Segment(f"{SEPARATOR}{details}" if name else details, base))
        strip = Strip(segments)
        self._strip = (self._shown, strip)
        return strip


def _unread_figure(unread: tuple[tuple[int, str], ...]) -> str:
    """The pages not read lying at the caret, as the status line says them: "p. 3: scanned,
    no text layer", "pp. 2–4: ...", each reason once ("p. 2: damaged, not read; p. 3: ...")."""
    said: dict[str, list[int]] = {}
    for number, why in unread:
        said.setdefault(why, []).append(number)
    return "; ".join(f"{_pages(numbers)}: {why}" for why, numbers in said.items())


def _unread_short(unread: tuple[tuple[int, str], ...]) -> str:
    """The pages not read lying at the caret, their reasons left out: "p. 3 not read"."""
    return f"{_pages(sorted({number for number, _why in unread}))} not read"


def _pages(numbers: list[int]) -> str:
    """ "p. 3", "pp. 2–4" (a run), "pp. 2, 4" (a blank page between them)."""
    if len(numbers) == 1:
        return f"p. {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pp. {numbers[0]}–{numbers[-1]}"
    return "pp. " + ", ".join(map(str, numbers))


# What a search says without its pattern, where it would not say what it counts: "2/23"
# after "0 annotations" read as a count of them, or of lines; "not found" as nothing found.
_UNQUOTED = (
    (re.compile(r"^(?=[\d,]+/)"), "hit "),
    (re.compile(r"^not found$"), "no hits"),
    (re.compile(r"^not (?=on the lines shown$)"), "no hits "),
)
# That ``n`` went round the text, left out with the pattern: a notice says it as it happens,
# and the hit's number says where the caret is.  Kept, it was longer than the pattern it
# stood beside: at 100 columns, the library shown, "hit 1/1 (from the top)" took the name off
# the line, which came back at the next hit; beside the annotations panel at 80 it cut the hit.
_WENT_ROUND = re.compile(r" \(from the (?:top|bottom)\)$")


def searched_figure(search: str) -> Figure:
    """What a search says, its pattern left out where the line is short: "hit 2/23", "12
    hits", "no hits" (and without "(from the top)" after ``n`` went round the text)."""
    shorter = _QUOTED.sub("", search, count=1)
    if shorter != search:
        for said, words in _UNQUOTED:
            shorter = said.sub(words, shorter, count=1)
        shorter = _WENT_ROUND.sub("", shorter, count=1)
    return Figure(search, "pattern", shorter)


def fitted(name: str, figures: Sequence[Figure], width: int) -> tuple[str, str]:
    """The name and the figures as the line of ``width`` cells shows them: all of them,
    :data:`SEPARATOR` between, where they fit; else the figures closer together and the name
    shortened in its middle to the room left (:data:`NAME_LEAST` cells at least); else each
    of :data:`GIVING_WAY` given way in turn, the name kept while it has that room, up to
    :data:`NAME_BEFORE`; else the name left out, the fewest figures given way that then fit,
    and the last figures cut where they still do not (see :func:`_whole_figures`)."""
    if width <= 0:
        return "", ""
    said = [f.text for f in figures]
    details = SEPARATOR.join(said)
    whole = cell_len(details) + (cell_len(name) + len(SEPARATOR) if name else 0)
    if whole <= width:
        return name, details
    least = min(cell_len(name), NAME_LEAST)
    tries = [details, NARROW_SEPARATOR.join(said)]
    for gives in GIVING_WAY:
        said = [
            f.shorter if f.gives == gives else text for f, text in zip(figures, said, strict=True)
        ]
        tries.append(NARROW_SEPARATOR.join(text for text in said if text))
    if name:  # (the name is left out before the hint and a turn's time: see GIVING_WAY)
        for details in tries[: 2 + GIVING_WAY.index(NAME_BEFORE)]:
            room = width - cell_len(details) - len(SEPARATOR)
            if room >= least:
                return _middle_clip(name, room), details
    details = next((details for details in tries if cell_len(details) <= width), tries[-1])
    if cell_len(details) <= width:
        return "", details
    cut = _whole_figures(details, width)
    kept = cut.split(NARROW_SEPARATOR)
    for index, figure in enumerate(figures):
        if figure.gives == SELECTED and said[index] and said[index] not in kept:
            # the selection's count would go with the last figures: said shorter, it stays;
            # else without the turn's speaker too (the text shows whose turn it is)
            shorter = [figure.shorter if n == index else text for n, text in enumerate(said)]
            unspoken = [t for f, t in zip(figures, shorter, strict=True) if f.gives != "time"]
            for texts in (shorter, unspoken):
                again = _whole_figures(NARROW_SEPARATOR.join(t for t in texts if t), width)
                if figure.shorter in again.split(NARROW_SEPARATOR):
                    return "", again
    return "", cut


def _middle_clip(text: str, width: int) -> str:
    """``text`` in ``width`` cells at most, its middle left out ("teams-cal…-14.vtt"): a
    file's name ends in what tells it from its neighbours (a date, a number, a participant)
    and its type.  A Chinese or Japanese name's characters take two cells."""
    if cell_len(text) <= width:
        return text
    tail_room = (width - 1) // 2
    tail = ""
    for char in reversed(text):
        if cell_len(char + tail) > tail_room:
            break
        tail = char + tail
    head = set_cell_size(text, width - 1 - cell_len(tail)).rstrip(" ")
    return head + "…" + tail


def _whole_figures(details: str, width: int) -> str:
    """The first figures of ``details`` (joined by :data:`NARROW_SEPARATOR`) that fit in
    ``width`` cells with a "…" after them, each whole: the last cut where the edge fell read
    as another figure ("0 annotations" as "0…").  Cut in the middle only when not even the
    first fits."""
    figures = details.split(NARROW_SEPARATOR)
    for count in range(len(figures) - 1, 0, -1):
        kept = NARROW_SEPARATOR.join(figures[:count]) + NARROW_SEPARATOR + "…"
        if cell_len(kept) <= width:
            return kept
    return set_cell_size(details, width - 1) + "…"
