"""How highlights look and where they lie: tag colours, overlap segments, caret look-ups.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.

Colours are pairs (background, foreground) chosen so the highlighted text is readable on any
theme, dark or light: the highlight sets both, it never relies on the theme's text colour.
"""

from __future__ import annotations

import bisect
import itertools
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.color import Color
from rich.style import Style

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, nesting_order
from tui_reader.core.codebook.colours import colour_hex
from tui_reader.core.display import shown_text

# Twelve hues at mid-high lightness (dark text on them), then the same hues darker (light
# text on them): 24 visually distinct highlight colours before any repeats.
_LIGHT_HUES = (
    "#f7d44a",  # yellow, the classic highlighter
    "#7ec8f2",  # sky blue
    "#8bdc8b",  # green
    "#f9a85a",  # orange
    "#c9a3e8",  # lilac
    "#f59a9a",  # salmon
    "#6fd9c9",  # teal
    "#f48fc6",  # pink
    "#c7d96a",  # lime
    "#a3b4f5",  # periwinkle
    "#e6c49a",  # sand
    "#9fe3f5",  # cyan
)
_DARK_HUES = (
    "#8a6d00",
    "#1f5f8b",
    "#2f7d32",
    "#a84f00",
    "#6a3d9a",
    "#a33a3a",
    "#1b7a6e",
    "#a0306e",
    "#5f7a12",
    "#3949ab",
    "#7a5530",
    "#00707f",
)
PALETTE: tuple[str, ...] = _LIGHT_HUES + _DARK_HUES
UNTAGGED_BACKGROUND = "#b8bec6"  # a highlight with a note but no tag

_OVERLAP = Style(underline=True, bold=True)
_BLACK = "#111111"
_WHITE = "#fafafa"


@dataclass(frozen=True)
class TagColour:
    """A highlight colour: hex background and the hex foreground readable on it."""

    background: str
    foreground: str

    @property
    def style(self) -> Style:
        return Style(color=self.foreground, bgcolor=self.background)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    triplet = Color.parse(hex_colour).get_truecolor()
    channels = []
    for value in (triplet.red, triplet.green, triplet.blue):
        c = value / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio (1..21) between two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(background: str) -> TagColour:
    """``background`` with whichever of near-black or near-white contrasts with it more."""
    foreground = max((_BLACK, _WHITE), key=lambda fg: contrast_ratio(background, fg))
    return TagColour(background, foreground)


class TagPalette:
    """Assigns every tag a highlight colour.

    A tag's own ``color`` (set in the codebook) wins; otherwise the n-th tag of the codebook
    (creation order) gets ``PALETTE[n]``, so the first 24 tags all differ.  A tag missing from
    the codebook gets a colour derived from its name, stable across runs.
    """

    def __init__(self, codebook: Sequence[Tag] = ()) -> None:
        self._colours: dict[str, TagColour] = {}
        for index, tag in enumerate(codebook):
            own = colour_hex(tag.color)
            self._colours[tag.name] = readable_on(own or PALETTE[index % len(PALETTE)])

    def colour(self, tag: str) -> TagColour:
        """The colour of ``tag``."""
        known = self._colours.get(tag)
        if known is not None:
            return known
        return readable_on(PALETTE[zlib.crc32(tag.encode("utf-8")) % len(PALETTE)])

    def annotation_colour(self, annotation: Annotation) -> TagColour:
        """The colour of ``annotation``: that of its first tag (grey when it has none)."""
        if annotation.tags:
            return self.colour(annotation.tags[0])
        return readable_on(UNTAGGED_BACKGROUND)


@dataclass(frozen=True)
class Segment:
    """A stretch ``[start, end)`` covered by the same set of highlights.

    ``annotations`` lists them outermost first (earlier start, then longer first); the last one,
    the innermost, is the one drawn, so a short highlight inside a long one stays visible.
    """

    start: int
    end: int
    annotations: tuple[Annotation, ...]

    @property
    def top(self) -> Annotation:
        return self.annotations[-1]

    @property
    def overlapping(self) -> bool:
        return len(self.annotations) > 1


def _start(annotation: Annotation) -> int | None:
    return annotation.start


def _placed(annotations: Iterable[Annotation]) -> list[Annotation]:
    """Annotations that have a place in the text (not orphans, not empty), outermost first."""
    placed = [a for a in annotations if a.status != AnchorStatus.ORPHAN and a.start < a.end]
    placed.sort(key=nesting_order)
    return placed


def segments(annotations: Iterable[Annotation]) -> list[Segment]:
    """Split possibly overlapping highlights into sorted, non-overlapping, non-empty segments,
    each with the highlights covering it.  Orphans are left out (they have no place)."""
    placed = _placed(annotations)
    if not placed:
        return []
    boundaries = sorted({a.start for a in placed} | {a.end for a in placed})
    starts_at: dict[int, list[Annotation]] = {}
    for annotation in placed:
        starts_at.setdefault(annotation.start, []).append(annotation)
    result: list[Segment] = []
    active: list[Annotation] = []
    for left, right in itertools.pairwise(boundaries):
        # Starts come in outermost-first order, so appending keeps `active` in that order.
        active = [a for a in active if a.end > left]
        active.extend(starts_at.get(left, ()))
        if active:
            result.append(Segment(left, right, tuple(active)))
    return result


def _styles(found: Iterable[Segment], palette: TagPalette) -> list[tuple[int, int, Style]]:
    runs: list[tuple[int, int, Style]] = []
    styles: dict[tuple[TagColour, bool], Style] = {}  # a few distinct styles, many runs
    for segment in found:
        key = (palette.annotation_colour(segment.top), segment.overlapping)
        style = styles.get(key)
        if style is None:
            style = key[0].style + _OVERLAP if key[1] else key[0].style
            styles[key] = style
        runs.append((segment.start, segment.end, style))
    return runs


class HighlightIndex:
    """One document's placed annotations, indexed once so that caret look-ups take
    logarithmic time (they run on every caret move)."""

    def __init__(self, annotations: Iterable[Annotation]) -> None:
        self.placed = _placed(annotations)
        self.segments = segments(self.placed)
        self._starts = [a.start for a in self.placed]
        self._segment_starts = [s.start for s in self.segments]

    def styles(self, palette: TagPalette) -> list[tuple[int, int, Style]]:
        """``(start, end, style)`` runs to paint: each segment in the colour of its innermost
        highlight's first tag; where highlights overlap the text is also underlined and bold,
        so the overlap reads as one even when both highlights have the same colour."""
        return _styles(self.segments, palette)

    def at(self, offset: int) -> Annotation | None:
        """The innermost annotation covering ``offset`` (``start <= offset < end``)."""
        index = bisect.bisect_right(self._segment_starts, offset) - 1
        if index >= 0 and offset < self.segments[index].end:
            return self.segments[index].top
        return None

    def after(self, offset: int) -> Annotation | None:
        """The first annotation starting after ``offset``."""
        return next(self.beyond(offset, forward=True), None)

    def before(self, offset: int) -> Annotation | None:
        """The last annotation starting before ``offset``."""
        return next(self.beyond(offset, forward=False), None)

    def position(self, annotation: Annotation) -> int | None:
        """Where ``annotation`` (by its id) is in :attr:`placed`; None when it is not placed."""
        placed = self.placed
        index = bisect.bisect_left(placed, nesting_order(annotation), key=nesting_order)
        if index < len(placed) and placed[index].id == annotation.id:
            return index
        return None

    def step(
        self,
        caret: int,
        on: Annotation | None,
        *,
        forward: bool,
        place: Callable[[Annotation], int | None] = _start,
        taken: bool = True,
    ) -> tuple[Annotation | None, bool]:
        """The annotation ``]`` (``forward``) or ``[`` goes to from ``caret``, and whether it
        stepped over one not shown.  ``place`` says where the caret goes for each (its start,
        or with a line filter its first part shown; None: not shown, stepped over); it must
        keep their order (a later start, a place no sooner).  Several placed at one offset
        (starting together, or a filter showing them from one line) are gone to one after
        the other, outermost first: ``on`` is the one the caret is on (the one it was taken
        to, else the innermost there), and when it is placed at ``caret`` the next is the one
        after it, at the same place or beyond; else the nearest placed beyond the caret.
        ``taken`` False: the caret was not taken to ``on`` (it is the innermost there, the
        caret moved there by other keys), so forward the ones placed there before it, those
        starting together around it, come first (from ``g`` at a passage starting with the
        text, ``]`` went past the longer ones starting with it, reached by ``[`` alone)."""
        placed = self.placed
        index = None if on is None else self.position(on)
        if index is not None and place(placed[index]) != caret:
            index = None  # the caret has gone from it
        if forward and index is not None and not taken:
            first = self._first_placed_at(caret, index, place)
            order: Iterable[int] = (k for k in range(first, len(placed)) if k != index)
        elif forward:
            first = bisect.bisect_right(self._starts, caret) if index is None else index + 1
            order = range(first, len(placed))
        else:
            first = bisect.bisect_left(self._starts, caret) if index is None else index
            order = range(first - 1, -1, -1)
        hidden = False
        for k in order:
            found = place(placed[k])
            if found is None:
                hidden = True
            elif index is not None or (found > caret if forward else found < caret):
                return placed[k], hidden
        return None, hidden

    def _first_placed_at(
        self, caret: int, index: int, place: Callable[[Annotation], int | None]
    ) -> int:
        """The first of the annotations placed at ``caret`` in the index's order, ``index``
        one of them (their places keep the order: they lie together, those not shown among
        them)."""
        first = k = index
        while k > 0:
            k -= 1
            found = place(self.placed[k])
            if found is not None and found != caret:
                break
            if found is not None:
                first = k
        return first

    def beyond(self, offset: int, *, forward: bool) -> Iterator[Annotation]:
        """The annotations starting after ``offset`` (``forward``) in order, or before it,
        the nearest first."""
        placed = self.placed
        if forward:
            index = bisect.bisect_right(self._starts, offset)
            return (placed[k] for k in range(index, len(placed)))
        index = bisect.bisect_left(self._starts, offset)
        return (placed[k] for k in range(index - 1, -1, -1))


def excerpt(text: str, width: int) -> str:
    """``text`` on one line (whitespace runs collapsed), cut to ``width`` code points with an
    ellipsis in the middle when longer, so both ends of a quote stay recognisable."""
    flat = shown_text(" ".join(text.split()))
    if len(flat) <= width:
        return flat
    if width <= 1:
        return "…"[:width]
    head = (width - 1) * 2 // 3
    tail = len(flat) - (width - 1 - head)
    if not flat.isascii():  # never half of é, 👍🏽, 🇫🇷 or a family at either cut
        from tui_reader.core.documents.units import next_character, previous_character

        head = previous_character(flat, head + 1)  # back to the start of the one it cuts
        start = previous_character(flat, tail + 1)  # on to the end of the one it cuts
        tail = start if start == tail else next_character(flat, start)
    return flat[:head].rstrip() + "…" + (flat[tail:].lstrip() if tail < len(flat) else "")
