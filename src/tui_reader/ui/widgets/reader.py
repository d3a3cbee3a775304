"""The reading view: a Line API ScrollView over a lazily wrapped :class:`Layout`.

Only visible lines are rendered; rendered strips are LRU-cached.  The caret, the selection and
every decoration (search hits, highlights) are code-point offsets into the document's
canonical text; :class:`Layout` maps them to screen lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui_reader.core.documents.document import Document
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.documents.named_marks import NamedMark
from tui_reader.core.documents.span_table import SpanTable
from tui_reader.core.documents.spans import SpanKind
from tui_reader.locations import DEFAULT_MEASURE
from tui_reader.reading.filtered import FilteredLayout, ShownLines
from tui_reader.reading.layout import Layout
from tui_reader.reading.marks import Look, Mark, MarkKind, MarkSource, RangeIndex
from tui_reader.reading.paint import paint_line
from tui_reader.reading.selection import selection_in_edited
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.focusing import focus_now
from tui_reader.ui.widgets.finished_lines import FinishedLines
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus
from tui_reader.ui.widgets.line_scrollbar import LineScrollBar

__all__ = ["DEFAULT_MEASURE", "Mark", "ReaderView"]

QUOTE_BAR = "▌ "  # drawn left of block quote lines, in the gutter (never in the text)
# Paint order of the known layers (lower first); other layers paint at 15, in creation order.
LAYER_Z = {"highlights": 10, "filter": 19, "search": 20, "search-current": 30}


# What the view draws for each span kind and mark kind (kinds not listed: the base style).
COMPONENT_OF: dict[SpanKind | MarkKind, str] = {
    SpanKind.TITLE: "reader--title",
    SpanKind.HEADING: "reader--heading",
    SpanKind.BLOCKQUOTE: "reader--quote",
    SpanKind.BULLET: "reader--bullet",
    SpanKind.CODE_BLOCK: "reader--code-block",
    SpanKind.CODE: "reader--code",
    SpanKind.RULE: "reader--rule",
    SpanKind.EMPHASIS: "reader--emphasis",
    SpanKind.STRONG: "reader--strong",
    SpanKind.STRIKETHROUGH: "reader--strike",
    SpanKind.LINK: "reader--link",
    MarkKind.SEARCH_HIT: "reader--search-hit",
    MarkKind.SEARCH_CURRENT: "reader--search-current",
    MarkKind.SELECTION: "reader--selection",
    MarkKind.CARET: "reader--caret",
}


if TYPE_CHECKING:
    from tui_reader.reading.stripes import StripePainter

# The motions by unit of text (the key registry's ``to_unit('next_word')`` and so on): the
# functions of that name in core.documents.units (loaded after the first screen, ui.warm_up).
UNIT_MOTIONS = frozenset(
    {
        "next_word",
        "previous_word",
        "next_sentence",
        "previous_sentence",
        "next_paragraph",
        "previous_paragraph",
    }
)


_PAST_ANY_LINE = 1 << 40  # a goal column past the end of every line ($)


class ReaderView(KeysFollowFocus, ScrollView, can_focus=True):
    """Shows one document with a caret; vim/less keys move it and the view follows."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--heading",
        "reader--quote",
        "reader--quote-bar",
        "reader--line-number",
        "reader--bullet",
        "reader--code-block",
        "reader--code",
        "reader--rule",
        "reader--emphasis",
        "reader--strong",
        "reader--strike",
        "reader--link",
        "reader--caret",
        "reader--selection",
        "reader--search-hit",
        "reader--search-current",
        "reader--empty",
    }
    DEFAULT_CSS = """
    ReaderView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
        & > .reader--title { text-style: bold; color: $text-accent; }
        & > .reader--heading { text-style: bold underline; color: $text-primary; }
        & > .reader--quote { color: $text-muted; text-style: italic; }
        & > .reader--quote-bar { color: $primary; }
        & > .reader--line-number { color: $text-muted; }
        & > .reader--bullet { color: $text-accent; text-style: bold; }
        & > .reader--code-block { color: $text-success; background: $foreground 7%; }
        & > .reader--code { color: $text-success; }
        & > .reader--rule { color: $text-muted; }
        & > .reader--emphasis { text-style: italic; }
        & > .reader--strong { text-style: bold; }
        & > .reader--strike { text-style: strike; }
        & > .reader--link { text-style: underline; color: $text-primary; }
        & > .reader--caret { text-style: reverse; }
        & > .reader--selection { background: $primary 45%; color: $foreground; }
        & > .reader--search-hit { background: $warning 35%; color: $foreground; }
        & > .reader--search-current { background: $primary; color: $text; text-style: bold; }
        & > .reader--empty { color: $text-muted; text-style: italic; }
    }
    ReaderView:blur > .reader--caret { text-style: underline; background: $foreground 20%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("reader")
    # the search prompt; the library shown (and focused) or hidden

    # No repaint of the whole view when the caret moves: watch_caret redraws its lines.
    caret: reactive[int] = reactive(0, init=False, always_update=False, repaint=False)
    measure: reactive[int] = reactive(DEFAULT_MEASURE, init=False)

    class CaretMoved(FieldMessage):
        """The caret moved to ``caret`` (a code-point offset)."""

        reader: ReaderView
        caret: int

    class SelectionChanged(FieldMessage):
        """The selection changed: ``[start, end)`` code points, or ``None`` when cleared."""

        reader: ReaderView
        selection: tuple[int, int] | None

    class DocumentChanged(FieldMessage):
        """A document (or ``None``) is now shown; decoration layers were cleared."""

        reader: ReaderView
        document: Document | None

    class Cleared(Message):
        """``escape`` was pressed with nothing of the view's own to clear."""

    class PercentTyped(FieldMessage):
        """Digits and ``%`` typed one after another (``50%``, as in less): the caret went
        there; what the digits did as keys of their own (tag, ``0``) from ``since``
        (monotonic seconds) is theirs to take back."""

        reader: ReaderView
        typed: str
        since: float

    class MarkSet(FieldMessage):
        """``m`` ``letter`` put the mark ``letter`` at ``offset`` of ``document``."""

        reader: ReaderView
        document: Document
        letter: str
        offset: int

    def __init__(
        self,
        *,
        measure: int = DEFAULT_MEASURE,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(ReaderView.measure, measure)
        self._document: Document | None = None
        self._text = ""
        self._soft: list[tuple[int, int]] = []  # soft-wrapped paragraphs (hard-wrapped text)
        self._layout = Layout("", DEFAULT_MEASURE)
        self._shown_lines: ShownLines | None = None  # less's &pattern: only these lines show
        self._spans = SpanTable()
        self._layers: dict[str, MarkSource] = {}
        self._layer_z: dict[str, float] = {}
        self._marks_version = 0
        self._anchor: int | None = None
        self._at_end = False  # the caret was last taken to the end (G)
        self._goal_column: int | None = None
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._finished = FinishedLines()  # the lines of _cache as Textual's styles finish them
        self._styles: dict[str | Style, Style] = {}
        self._kind_styles: dict[SpanKind | MarkKind, Style] = {}
        self._base_style: Style | None = None  # rich_style, worked out once per style update
        self._adjusting = False
        self._drag_from: int | None = None  # offset where a mouse drag started
        self._pointer_scrolled = (
            False  # the wheel or the scroll bar moved the view (a key not since)
        )
        self._kept_top: int | None = None  # the top line's offset before the last resize
        self._seen_height = 0  # rows of text at the last resize
        self._revealed: int | None = None  # the offset reveal() brought in sight
        self._gutter = 0  # cells left of the text for block quote bars (none without quotes)
        self._has_code = False  # any code block in the document (shaded across the measure)
        self._stripes: StripePainter | None = None  # coding stripes in the left margin
        self._mark_key: str | None = None  # after m ("set") or ' ("go"): the mark's letter next
        # The digits typed last, one after another (less's 50%: a percent once % follows),
        # when the first and the last came (monotonic seconds)
        self._number = ("", 0.0, 0.0)
        # less's -N: the file's line numbers left of the text (the index of its newlines).
        self._line_numbers: LineIndex | None = None
        # less's marks, a letter each, per document (its path) while the app runs, and the
        # place the last jump (a mark, g, G, a search) left: '' goes back to it.
        self._named_marks: dict[object, dict[str, int]] = {}
        self._jumped_from: dict[object, int] = {}

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The scroll bar, made as Textual makes it, of a kind that redraws a moved thumb
        from lines it drew before (a page key moves it)."""
        if self._vertical_scrollbar is None:
            bar = LineScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    # -- public API ----------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        """The document shown, or ``None``."""
        return self._document

    @property
    def layout_engine(self) -> Layout:
        """The layout of the current document at the current width."""
        return self._layout

    @property
    def selection(self) -> tuple[int, int] | None:
        """``[start, end)`` from the selection anchor to the caret, the characters under both
        in (as vim's visual mode and a terminal's own mouse selection take them), or
        ``None``."""
        return None if self._anchor is None else self._selection_with(self.caret)

    def _selection_with(self, caret: int) -> tuple[int, int]:
        from tui_reader.core.documents.units import next_character

        anchor = self._anchor if self._anchor is not None else caret
        return min(anchor, caret), next_character(self._text, max(anchor, caret))

    @property
    def line_number(self) -> int:
        """The display line of the caret (0-based)."""
        return self._layout.line_of(self.caret)

    @property
    def top_offset(self) -> int:
        """The offset at the start of the top line on screen."""
        return self._top_offset()

    def set_document(
        self, document: Document | None, caret: int = 0, *, top: int | None = None
    ) -> None:
        """Show ``document`` with the caret at ``caret`` (clamped), placed a third of the way
        down the view, or with the line holding offset ``top`` at the top of the view."""
        self._follow_edit(document)
        if (document is None) != (self._document is None):  # the footer's text keys follow
            self.refresh_bindings()
        self._document = document
        self._text = document.text if document is not None else ""
        # The document's spans as a table: a 50 MB text's 100,000 paragraphs stay arrays.
        self._spans = SpanTable.of(document.spans) if document is not None else SpanTable()
        has_quotes = self._spans.has_kind(SpanKind.BLOCKQUOTE)
        self._gutter = len(QUOTE_BAR) if has_quotes else 0
        self._has_code = self._spans.has_kind(SpanKind.CODE_BLOCK)  # asked once, not each line
        self._layers.clear()
        self._anchor = None
        self._goal_column = None
        self._kept_top = None
        self._cache.clear()
        self._soft = [(span.start, span.end) for span in self._spans.of_kind(SpanKind.SOFT_WRAP)]
        if self._line_numbers is not None:
            self._line_numbers = self._line_index()
        self._shown_lines = None  # (the filter of the text before: the column runs it again)
        self._layout = self._new_layout(self._text_width())
        caret = min(max(0, caret), len(self._text))
        self.set_reactive(ReaderView.caret, caret)
        y = self._layout.line_of(caret)
        top_y = self._layout.line_of(top) if top is not None else y - self._page_height() // 3
        self._sync_virtual_size()  # after line_of, which may have wrapped a chunk exactly
        self._scroll_quietly(max(0, top_y))
        self._ensure_viewport()
        self._follow_caret()
        self.refresh()
        self._announce(self.DocumentChanged(self, document))
        self._announce(self.CaretMoved(self, caret))
        self._announce(self.SelectionChanged(self, None))

    def _follow_edit(self, document: Document | None) -> None:
        """The place ``''`` goes back to, moved with its words when ``document`` is the text of
        the file on show, edited (see :class:`NamedMark`)."""
        shown = self._document
        if document is None or shown is None or document.path != shown.path:
            return
        key = self._marks_key()
        back = self._jumped_from.get(key)
        if back is not None and document.text != self._text:
            self._jumped_from[key] = NamedMark.taken(self._text, back).placed_in(document.text)

    def replace_document(self, document: Document) -> None:
        """``document``, the whole of the one shown (its beginning, while it loaded), in its
        place: the caret, the selection and the view stay; a caret taken to the end (``G``)
        goes to the new end.  (The selection was dropped, and ``G`` pressed while the rest
        loaded left the caret at the end of the beginning.)"""
        at_end = self._at_end and self.caret == len(self._text)
        anchor = self._anchor
        self.set_document(document, caret=self.caret, top=self.top_offset)
        if at_end:
            self.action_bottom()
        if anchor is not None:
            self._anchor = min(anchor, len(self._text))
            self.refresh()
            self._announce(self.SelectionChanged(self, self.selection))

    def show_edited(self, document: Document, caret: int, *, top: int) -> bool:
        """``document``, the text of the file on show edited in another program (or only
        saved again), in its place: the caret at ``caret`` and the view's top line at
        ``top`` (offsets of the text shown), each moved with the words around it, as a mark
        is, and a selection being made kept, moved with its words, when the characters it
        holds are there together (its caret the caret).  A caret at the text's end (``G``)
        goes to the new end, as ``tail -f`` and less's ``F`` follow a file growing (a live
        transcript, a log).  False when a selection was dropped, its text changed in the
        file."""
        old, new = self._text, document.text
        anchor = self._anchor
        if anchor is None and self.caret == len(old) and caret == len(old):
            self.set_document(document, caret=len(new), top=top)
            self._move(len(self._text))  # the end's line at the view's foot, as tail shows it
            self._at_end = True
            return True
        selection = None
        if anchor is not None:
            selection = selection_in_edited(old, new, anchor, self.caret)
        if selection is not None:
            caret = selection[1]
        elif old != new:
            caret = NamedMark.taken(old, caret).placed_in(new)
        if old != new:
            top = NamedMark.taken(old, top).placed_in(new)
        self.set_document(document, caret=caret, top=top)
        if selection is None:
            return anchor is None
        self._anchor = selection[0]
        self.refresh()
        self._announce(self.SelectionChanged(self, self.selection))
        return True

    def _new_layout(self, width: int) -> Layout:
        """The text's layout at ``width``: of the lines the filter shows, when one is on."""
        if self._shown_lines is not None:
            return FilteredLayout(self._text, width, self._shown_lines, soft=self._soft)
        return Layout(self._text, width, soft=self._soft)

    @property
    def shown_lines(self) -> ShownLines | None:
        """The lines of the text a filter shows (less's ``&pattern``), None: every line."""
        return self._shown_lines

    def set_filter(self, lines: ShownLines | None) -> None:
        """Show only ``lines`` of the text (less's ``&pattern``), or every line (None, or no
        line): the caret, when on a line no longer shown, goes to the next one shown, a third
        of the way down the view; the selection and every mark keep their offsets."""
        self._shown_lines = lines or None
        caret = self.caret
        if self._shown_lines is not None:
            caret = self._shown_lines.nearest(self._text, caret, forward=True)
        self._layout = self._new_layout(self._text_width())
        self._cache.clear()
        self._layout.ensure_offsets(caret, caret)
        y = self._layout.line_of(caret)
        self._sync_virtual_size()
        self._scroll_quietly(max(0, y - self._page_height() // 3))
        self._ensure_viewport()
        self._goal_column = None
        self._move(caret)
        self.refresh()

    def set_stripes(self, painter: StripePainter | None) -> None:
        """Show coding stripes (see :mod:`tui_reader.reading.stripes`) in the margin left of
        the text, or none.  The text keeps its offsets; it narrows only when the margin would
        not fit beside it."""
        self._stripes = painter
        self._cache.clear()
        self._relayout()
        self.refresh()

    @property
    def stripes(self) -> StripePainter | None:
        return self._stripes

    def _stripe_width(self) -> int:
        return 0 if self._stripes is None else self._stripes.width

    def set_marks(self, layer: str, marks: Sequence[Mark]) -> None:
        """Replace the decorations of ``layer`` (offsets in code points, half-open).  Layers
        paint in order: highlights, other layers, search hits, the current hit; the
        selection and the caret always paint last."""
        self.set_mark_source(layer, RangeIndex(marks))

    def set_mark_source(self, layer: str, source: MarkSource) -> None:
        """Like :meth:`set_marks`, with any object that answers ``overlapping(a, b)``
        (e.g. :class:`~tui_reader.reading.marks.FixedLengthMarks` for millions of hits)."""
        if layer not in self._layer_z:
            self._layer_z[layer] = LAYER_Z.get(layer, 15 + len(self._layer_z) / 1000)
        self._layers[layer] = source
        self._marks_version += 1
        self.refresh()

    def clear_marks(self, layer: str) -> None:
        """Remove every decoration of ``layer``."""
        self.set_marks(layer, ())

    def move_caret(self, offset: int, *, select: bool | None = None) -> None:
        """Put the caret at ``offset`` and bring it into view.  ``select=True`` starts a
        selection at the old caret if none is active, ``False`` drops the selection."""
        if select is False:
            self.clear_selection()
        elif select and self._anchor is None:
            self._start_selection()
        self._goal_column = None
        self._move(offset)

    def select(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (not empty), the caret on its last character."""
        from tui_reader.core.documents.units import previous_character

        self.move_caret(start, select=False)
        self.move_caret(max(start, previous_character(self._text, end)), select=True)

    def reveal(self, offset: int) -> None:
        """Scroll so that the line of ``offset`` shows too (the end of a passage whose start
        the caret is at), the caret's line staying in view."""
        layout = self._layout
        self._revealed = offset
        self._ensure_viewport()
        y, caret_y = layout.line_of(offset), layout.line_of(self.caret)
        top, height = int(self.scroll_y), self._page_height()
        if y >= top + height:
            self._scroll_quietly(max(top, min(caret_y, y - height + 1)))
            self._ensure_viewport()

    def clear_selection(self) -> None:
        if self._anchor is not None:
            self._anchor = None
            self.refresh()
            self._announce(self.SelectionChanged(self, None))

    def offset_at_screen(self, x: int, y: int) -> int:
        """The offset under widget-relative cell ``(x, y)`` (padding included)."""
        gutter = self.styles.gutter
        row = int(self.scroll_y) + y - gutter.top
        return self._layout.offset_at(row, x - gutter.left - self._left_pad())

    def _announce(self, message: Message) -> None:
        """Post one of the view's own messages as sent by the view.  Textual takes the sender
        from the handler running when a message is made, and stops a message's bubbling at
        the sender's parent: made while the view's container handles something, it would
        never reach the container's own parent (the reading pane)."""
        message._sender = self
        self.post_message(message)

    # -- caret motion --------------------------------------------------------------------

    def _move(self, offset: int, *, keep_goal: bool = False, follow: bool = True) -> None:
        """The caret to ``offset``, the view following it (``follow``)."""
        offset = min(max(0, offset), len(self._text))
        if self._shown_lines is not None:  # onto a line the filter shows, the way it went
            offset = self._shown_lines.nearest(self._text, offset, forward=offset >= self.caret)
        self._at_end = False
        self._revealed = None
        if not keep_goal:
            self._goal_column = None
        old_selection = self.selection
        self.caret = offset
        if follow:
            self._follow_caret()
        if self._anchor is not None and self.selection != old_selection:
            self._announce(self.SelectionChanged(self, self.selection))

    def watch_caret(self, old: int, new: int) -> None:
        # Only the lines that changed are drawn again (a scroll redraws the view anyway): the
        # caret's old and new lines, or every line between them when a selection follows.
        layout = self._layout
        rows = sorted((layout.line_of(old), layout.line_of(new)))
        if self._anchor is not None:
            self.refresh_lines(max(0, rows[0] - 1), rows[1] - rows[0] + 3)
        else:
            for row in dict.fromkeys(rows):
                self.refresh_lines(max(0, row - 1), 3)  # a caret at a line's end shows beside
        self._announce(self.CaretMoved(self, new))

    def _vertical(self, lines: int) -> None:
        y, column = self._layout.position_of(self.caret)
        goal = column if self._goal_column is None else self._goal_column
        target = min(max(0, y + lines), self._layout.line_count - 1)
        self._goal_column = goal
        self._move(self._layout.offset_at(target, goal), keep_goal=True)

    def action_line_down(self) -> None:
        self._vertical(1)

    def action_line_up(self) -> None:
        self._vertical(-1)

    def action_char_left(self) -> None:
        """One character back as the eye sees one: never between a letter and its accent,
        nor onto what a flowing paragraph shows as nothing (a soft newline after a blank,
        the indentation after one: the caret would seem not to move)."""
        from tui_reader.core.documents import units

        text, layout = self._text, self._layout
        offset = units.previous_character(text, self.caret)
        while offset > 0 and layout.shows_nothing(offset):
            offset = units.previous_character(text, offset)
        self._move(offset)

    def action_char_right(self) -> None:
        from tui_reader.core.documents import units

        text, layout = self._text, self._layout
        offset = units.next_character(text, self.caret)
        while offset < len(text) and layout.shows_nothing(offset):
            offset = units.next_character(text, offset)
        self._move(offset)

    def action_line_start(self) -> None:
        """vim's ``0`` (``^`` too): to the start of the caret's line on screen (its first
        character shown: a flowing paragraph's indentation is not)."""
        layout = self._layout
        start, end = layout.line_range(layout.line_of(self.caret))
        while start < end and layout.shows_nothing(start):
            start += 1
        self._move(start)

    def action_line_end(self) -> None:
        """vim's ``$``: to the last character of the caret's line on screen; ``j`` and ``k``
        then keep to the ends of the lines (the goal column is past any line's end)."""
        from tui_reader.core.documents import units

        layout = self._layout
        start, end = layout.line_range(layout.line_of(self.caret))
        last = units.previous_character(self._text, end) if end > start else start
        while last > start and layout.shows_nothing(last):  # a soft newline hanging there
            last = units.previous_character(self._text, last)
        self._goal_column = _PAST_ANY_LINE
        self._move(max(start, last), keep_goal=True)

    def action_to_unit(self, unit: str) -> None:
        """To the next or previous word, sentence or paragraph (``unit``: ``"next_word"``...)."""
        from tui_reader.core.documents.table_units import PROSE

        if unit not in UNIT_MOTIONS:
            raise ValueError(f"no motion {unit!r}")
        # (in a table, a CSV's or a workbook's, a row is a paragraph, a sentence in its cell)
        rule = self._document.unit_rule if self._document is not None else PROSE
        if self._anchor is not None and self.caret >= self._anchor:
            # a selection growing forward takes whole words, sentences and paragraphs: to
            # their last character (vim's e; the caret's character is in the selection: )
            # took the next sentence's first letter)
            unit = {
                "next_word": "word_end",
                "next_sentence": "sentence_end",
                "next_paragraph": "paragraph_end",
            }.get(unit, unit)
        self._move(rule.motion(unit)(self._text, self.caret))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_half_page_down(self) -> None:
        self._page(1, half=True)

    def action_half_page_up(self) -> None:
        self._page(-1, half=True)

    def _page(self, direction: int, *, half: bool = False) -> None:
        page = max(1, self._page_height() // 2 if half else self._page_height() - 1)
        y, column = self._layout.position_of(self.caret)
        goal = column if self._goal_column is None else self._goal_column
        self._goal_column = goal
        top = int(self.scroll_y) + direction * page
        target = min(max(0, y + direction * page), self._layout.line_count - 1)
        self.scroll_to(y=max(0, top), animate=False, immediate=True)
        self._ensure_viewport()
        self._move(self._layout.offset_at(target, goal), keep_goal=True)

    def action_top(self) -> None:
        self.note_jump()
        self._move(0)

    def action_bottom(self) -> None:
        self.note_jump()
        self._move(len(self._text))
        self._at_end = True

    def action_goto_percent(self) -> None:
        """``%``: ask for a percent of the text and go to the start of the line on screen there;
        right after digits (``50%``, as less takes it) go to that percent at once, what the
        digits did as keys of their own taken back by the pane (:class:`PercentTyped`)."""
        from tui_reader.ui.screens.goto_page import GotoPercentDialog

        document = self._document
        if document is None:
            return
        length = len(self._text)
        typed, first, last = self._number
        self._number = ("", 0.0, 0.0)
        if typed and monotonic() - last <= self.NUMBER_GAP:
            # less's 50%: the digits typed just before were the percent, not tags
            self.post_message(self.PercentTyped(self, typed, first))
            if int(typed) > 100:
                from tui_reader.ui.notices import notify_warning

                notify_warning(self, f"{typed}%: a percent of the text is 0 to 100.")
                return
            chosen_now = int(typed)
        else:
            chosen_now = None

        def chosen(percent: int | None) -> None:
            if percent is None or document is not self._document:
                return
            self.note_jump()
            if percent >= 100:
                self.action_bottom()
            else:
                # The start of the line on screen there: the start of the file's line was
                # the top in a text of one long line (a minified page, a PDF without breaks).
                layout = self._layout
                offset = length * percent // 100
                layout.ensure_offsets(offset, offset)
                self.jump(layout.line_range(layout.line_of(offset))[0] if offset else 0)
            focus_now(self)

        if chosen_now is not None:
            chosen(chosen_now)
            return
        current = 100 if not length else round(100 * self.caret / length)
        self.app.push_screen(GotoPercentDialog(current), chosen)

    def jump(self, offset: int) -> None:
        """Take the caret to ``offset`` as a jump (``%``, a mark, ``''``, a search's hit): a
        place out of sight shows its line at the top of the view, as less shows it, the text
        that follows it in sight (the least scroll that showed it left it on the last row,
        under a page of the text before it)."""
        layout = self._layout
        first = self._top_offset()
        layout.ensure_offsets(offset, offset)  # (line numbers after a chunk wrapped may move)
        top, y = layout.line_of(first), layout.line_of(offset)
        in_sight = top <= y < top + self._page_height()
        self._move(offset)
        if in_sight:
            return
        self._scroll_quietly(layout.line_of(self.caret))
        self._ensure_viewport()
        self._sync_virtual_size()

    # -- named marks (less's m and ') ----------------------------------------------------

    def _marks_key(self) -> object:
        return None if self._document is None else self._document.path

    def note_jump(self) -> None:
        """Keep the caret's place before a jump (a mark, ``g``, ``G``, a search's hit), where
        ``''`` takes the caret back."""
        if self._document is not None:
            self._jumped_from[self._marks_key()] = self.caret

    def named_marks(self) -> dict[str, int]:
        """The named marks of the document on show, by letter."""
        return dict(self._named_marks.get(self._marks_key(), {}))

    def put_named_marks(self, marks: dict[str, int]) -> None:
        """The named marks of the document on show are ``marks`` (clamped to its text)."""
        if self._document is not None:
            end = len(self._text)
            self._named_marks[self._marks_key()] = {
                letter: min(max(0, offset), end) for letter, offset in marks.items()
            }

    def action_option(self) -> None:
        """``-``: the next key names one of less's options (``N``: line numbers)."""
        self._mark_key = "option" if self._document is not None else None

    def _line_index(self) -> LineIndex:
        """The file's lines of the text shown (a plain text's as grep counts them)."""
        added = self._document.added_breaks if self._document is not None else ()
        return LineIndex(self._text, added)

    def toggle_line_numbers(self) -> None:
        """Show the file's line numbers left of the text, or hide them (less's ``-N``)."""
        self._line_numbers = None if self._line_numbers is not None else self._line_index()
        self._cache.clear()
        self._relayout()
        self.refresh()

    @property
    def shows_line_numbers(self) -> bool:
        return self._line_numbers is not None

    def _numbers_width(self) -> int:
        """Cells of the line numbers left of the text (their digits and a space), or 0."""
        if self._line_numbers is None:
            return 0
        # the last line's: the empty line after a final newline has none (as in the status line)
        return len(str(self._line_numbers.line(max(0, len(self._text) - 1)))) + 1

    def action_mark(self, kind: str) -> None:
        """``m`` (``kind`` "set") or ``'`` ("go"): the next key is the mark's letter."""
        self._mark_key = kind if self._document is not None else None

    async def _on_key(self, event: events.Key) -> None:
        self._pointer_scrolled = False  # the keys move the view by the caret again
        kind, self._mark_key = self._mark_key, None
        if kind is None or self.app.focused is not self or self.screen is not self.app.screen:
            self._count_digit(event.key, event.character)
            await super()._on_key(event)
            if event.key == "percent_sign":
                self._number = ("", 0.0, 0.0)
            if not event._stop_propagation:
                # a key of the library's or the annotations panel's, which the text does not
                # take: said where it works (an on_key beside this method is never called)
                from tui_reader.ui.widgets.text_keys import said_where_a_pane_s_key_works

                if said_where_a_pane_s_key_works(self, event):
                    event.stop()
            return
        event.stop()
        event.prevent_default()
        self._number = ("", 0.0, 0.0)
        self._use_mark(kind, event.character or "", event.key)

    # Seconds between the keys of a number typed before % (less's 50%): a digit typed to tag
    # and a % typed later to ask for a percent are two keys of their own.
    NUMBER_GAP = 1.0

    def _count_digit(self, key: str, character: str | None) -> None:
        """Keep the digits typed one after another (the first of them when ``%`` follows)."""
        if key == "percent_sign":
            return
        if character is None or len(character) != 1 or character not in "0123456789":
            self._number = ("", 0.0, 0.0)
            return
        now = monotonic()
        typed, first, last = self._number
        if not typed or now - last > self.NUMBER_GAP:
            typed, first = "", now
        self._number = (typed + character, first, now)

    def on_blur(self) -> None:
        self._mark_key = None  # a key typed elsewhere names no mark

    def _use_mark(self, kind: str, letter: str, key: str) -> None:
        from tui_reader.ui.notices import notify_warning

        if key == "escape":
            return
        if kind == "option":
            if letter == "N":
                self.toggle_line_numbers()
            else:
                notify_warning(self, "An option here is - then N (line numbers, as less's -N).")
            return
        marks = self._named_marks.setdefault(self._marks_key(), {})
        if kind == "go" and letter == "'":
            back = self._jumped_from.get(self._marks_key())
            if back is None:
                notify_warning(self, "No jump to go back from yet ('' returns after one).")
                return
            self.note_jump()
            self.jump(back)
            return
        if not (len(letter) == 1 and letter.isascii() and letter.isalpha()):
            prefix = "m" if kind == "set" else "'"
            notify_warning(self, f"A mark is a letter: {prefix} then a to z (or A to Z).")
            return
        if kind == "set":
            marks[letter] = self.caret
            if self._document is not None:
                self._announce(self.MarkSet(self, self._document, letter, self.caret))
            return
        if letter not in marks:
            notify_warning(self, f"No mark '{letter}' in this document (m{letter} sets it).")
            return
        self.note_jump()
        self.jump(marks[letter])

    def action_toggle_selection(self) -> None:
        if self._anchor is None:
            self._start_selection()
        else:
            self.clear_selection()

    def _start_selection(self) -> None:
        if self._document is not None and self.caret >= len(self._text):
            from tui_reader.ui.notices import notify_info

            # No character under the caret: the selection starts here and takes what a move
            # back goes over, up to the end.
            notify_info(self, "Nothing to select at the end of the text: move back to select.")
        self._anchor = self.caret
        self.refresh()
        self._announce(self.SelectionChanged(self, self.selection))

    def action_clear(self) -> None:
        if self._anchor is not None:
            self.clear_selection()
        else:
            self._announce(self.Cleared())

    def on_click(self, event: events.Click) -> None:
        """A click puts the caret under the pointer; a double click selects the word there,
        a triple click its paragraph."""
        from tui_reader.core.documents import units

        focus_now(self)
        offset = self.offset_at_screen(event.x, event.y)
        self._move(offset)
        if event.chain < 2 or self._document is None:
            return
        text = self._text
        found = units.word_range(text, offset) if event.chain == 2 else None
        if event.chain > 2:  # the paragraph as p takes it: in a transcript, without its label
            from tui_reader.core.documents.turns import label_free

            rule = self._document.unit_rule  # (a table's row)
            paragraph = label_free(self._document.turns, rule.paragraph_range)
            start, end = paragraph(text, offset)
            found = (start, end) if start < end else None
        if found is not None:
            self.select(*found)

    # Dragging with the left button selects from where it was pressed to the pointer.

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1 or self._document is None:
            return
        focus_now(self)
        self._drag_from = self.offset_at_screen(event.x, event.y)
        self.move_caret(self._drag_from, select=False)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or not event.button:
            return
        offset = self.offset_at_screen(event.x, event.y)
        if self._anchor is None and offset == self._drag_from:
            return
        self.move_caret(offset, select=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()

    # -- layout and scrolling ------------------------------------------------------------

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        if width <= 0:
            width = self.measure + 1
        margin = self._gutter + self._stripe_width() + self._numbers_width()
        return max(8, min(self.measure, width - 1 - margin))

    def _left_pad(self) -> int:
        """Cells left of the text: it is centred, with room for the quote bars' gutter."""
        width = self.scrollable_content_region.width
        margin = self._gutter + self._stripe_width() + self._numbers_width()
        return max(margin, (width - (self._layout.width + 1)) // 2)

    def _page_height(self) -> int:
        height = self.scrollable_content_region.height if self.is_mounted else 0
        return max(1, height)

    def _sync_virtual_size(self) -> None:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        size, old = Size(width, self._layout.line_count), self.virtual_size
        if size == old:
            return
        page = self._page_height()
        if self.is_mounted and size.width == old.width and min(size.height, old.height) > page:
            # Only the count of lines changed (a chunk of a long text wrapped exactly as a
            # page key reached it) and the scroll bar stays: the view's size does not follow
            # its lines, so no layout of the whole screen (~10 ms); the scroll bar catches up.
            self.set_reactive(ReaderView.virtual_size, size)
            self._scroll_update(size)
            return
        self.virtual_size = size

    def _top_offset(self) -> int:
        return self._layout.line_range(int(self.scroll_y))[0]

    def _follow_caret(self) -> None:
        top = self._top_offset()
        height = self._page_height()
        changed = self._layout.ensure_offsets(self.caret, self.caret)
        y = self._layout.line_of(self.caret)
        # The lines the view may show around the caret are wrapped exactly first: wrapping a
        # chunk above it afterwards (a text whose lines were estimated too few, Chinese) would
        # move the caret's line down, out of the view.
        while self._layout.ensure_lines(y - 2 * height, y + 2 * height):
            changed = True
            y = self._layout.line_of(self.caret)
        top_y = self._layout.line_of(top) if changed else int(self.scroll_y)
        self._sync_virtual_size()  # first: a scroll stops at the last line the view knows of
        if y < top_y:
            top_y = y
        elif y >= top_y + height:
            top_y = y - height + 1
        self._scroll_quietly(top_y)
        self._ensure_viewport()
        self._sync_virtual_size()  # line_of may have wrapped an estimated chunk exactly

    def _scroll_quietly(self, y: int) -> None:
        self._adjusting = True
        try:
            # At once (Textual defers it by default), and even before the scrollbars caught
            # up with a new document's height: the code after this reads scroll_y.
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        finally:
            self._adjusting = False

    def _ensure_viewport(self) -> None:
        """Wrap the text around the viewport exactly, keeping the top line where it is."""
        top = self._top_offset()
        y = int(self.scroll_y)
        height = self._page_height()
        if self._layout.ensure_lines(y - height, y + 2 * height):
            self._sync_virtual_size()
            self._scroll_quietly(self._layout.line_of(top))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._adjusting:
            self._ensure_viewport()
            if self._pointer_scrolled:
                self._caret_into_view()

    # The pointer's scrolling (the wheel, the scroll bar's clicks and drags), told apart from
    # the keys' and the code's: these handlers run before Textual's, which scroll.
    def on_mouse_scroll_down(self) -> None:
        self._pointer_scrolled = True

    def on_mouse_scroll_up(self) -> None:
        self._pointer_scrolled = True

    def on_scroll_to(self) -> None:
        self._pointer_scrolled = True

    def on_scroll_up(self) -> None:
        self._pointer_scrolled = True

    def on_scroll_down(self) -> None:
        self._pointer_scrolled = True

    def _caret_into_view(self) -> None:
        """The caret onto the view the pointer scrolled, as vim keeps it there: on the first
        or the last line shown, in its column.  It stayed where it was, out of sight, and the
        next key (j, v, s to select the sentence in view) took the view back to it."""
        if self._document is None:
            return
        top, height = int(self.scroll_y), self._page_height()
        y, column = self._layout.position_of(self.caret)
        if top <= y < top + height:
            return
        target = min(top if y < top else top + height - 1, self._layout.line_count - 1)
        goal = column if self._goal_column is None else self._goal_column
        self._goal_column = goal
        # Not followed: the view is where the pointer put it, and a scroll to it would stop
        # the scroll bar's page (an animation) three lines down.
        self._move(self._layout.offset_at(max(0, target), goal), keep_goal=True, follow=False)

    def watch_measure(self) -> None:
        self._relayout()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._keep_caret_seen()

    def _keep_caret_seen(self) -> None:
        """A view made shorter (the annotation's line shown under it, a terminal made lower)
        keeps in sight the caret it showed on a row it has lost."""
        before, height = self._seen_height, self._page_height()
        self._seen_height = height
        if not self.is_mounted or height >= before:
            return
        y, top = self._layout.line_of(self.caret), int(self.scroll_y)
        # The end of a passage just revealed (a search hit's, an annotation's) too.
        last = y if self._revealed is None else max(y, self._layout.line_of(self._revealed))
        if top + height <= last < top + before:
            self._scroll_quietly(min(y, last - height + 1))
            self._ensure_viewport()

    def _relayout(self) -> None:
        width = self._text_width()
        if width == self._layout.width:
            self._sync_virtual_size()
            return
        top = self._top_offset()
        kept = self._kept_top
        if kept is not None and self._layout.line_of(kept) == int(self.scroll_y):
            # Still the line a resize put at the top: the place the reader had before it
            # (a wider line starts before it, so back at the narrow width the view came up).
            top = kept
        self._kept_top = top
        self._layout = self._new_layout(width)
        self._cache.clear()
        top_y = self._layout.line_of(top)
        self._sync_virtual_size()  # after line_of, which may have wrapped a chunk exactly
        self._scroll_quietly(top_y)
        self._follow_caret()
        # Finding lines above may have wrapped estimated chunks exactly (line_of does so
        # quietly): the scrollbar must show the count as it is now, not the estimate.
        self._sync_virtual_size()
        self.refresh()

    # -- rendering -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._kind_styles.clear()
        self._base_style = None
        self._cache.clear()
        self._finished.clear()

    def _resolve(self, style: SpanKind | Look) -> Style:
        if isinstance(style, (SpanKind, MarkKind)):  # a kind: its component class, if any
            kind_style = self._kind_styles.get(style)
            if kind_style is None:
                name = COMPONENT_OF.get(style)
                kind_style = self._component_style(name) if name is not None else Style()
                self._kind_styles[style] = kind_style
            return kind_style
        resolved = self._styles.get(style)
        if resolved is None:
            if isinstance(style, Style):
                resolved = style
            elif style in self.COMPONENT_CLASSES:
                resolved = self._component_style(style)
            else:
                resolved = Style.parse(style)
            self._styles[style] = resolved
        return resolved

    def _component_style(self, name: str) -> Style:
        """The Rich style of component class ``name``, its colours blended over the view's
        background: a Rich style has no alpha, and Textual's partial styles drop it (so
        ``$primary 45%`` would paint full ``$primary``, and ``auto`` text colours such as
        ``$text-muted`` would not contrast with a light theme's background)."""
        styles = self.get_component_styles(name)
        under = self.background_colors[1]
        background = None
        if styles.has_rule("background") and styles.background.a > 0:
            background = under + styles.background
            under = background
        color = None
        if styles.has_rule("color"):
            if styles.has_rule("auto_color") and styles.auto_color:
                color = under + under.get_contrast_text(styles.color.a)
            elif styles.color.a > 0:
                color = under + styles.color
        style = Style(
            color=None if color is None else color.rich_color,
            bgcolor=None if background is None else background.rich_color,
        )
        return style + styles.text_style

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width and the top row once a frame, not once a line (the width's region walks
        # up to the screen): a frame asks for every line of the view, however few changed.
        width = self.scrollable_content_region.width
        top = int(self.scroll_y)
        finished = self._finished.render_lines(self, crop, lambda y: self._line(top + y, width))
        return super().render_lines(crop) if finished is None else finished

    def render_line(self, y: int) -> Strip:
        return self._line(int(self.scroll_y) + y, self.scrollable_content_region.width)

    def _line(self, row: int, width: int) -> Strip:
        """Display line ``row`` of the document, ``width`` cells wide."""
        base = self._base_style
        if base is None:  # rich_style walks the ancestors' styles: 0.2 ms a line, a page 8 ms
            base = self._base_style = self.rich_style
        before = self._layout.line_count
        if row >= before or not self._document:
            return Strip.blank(width, base)
        if not self._text:
            return self._render_empty(width, base)
        start, end = self._layout.line_range(row)
        if self._layout.line_count != before:
            self.call_after_refresh(self._sync_virtual_size)
        at = self.caret  # a reactive: read once
        selection = None if self._anchor is None else self._selection_with(at)
        caret = at if start <= at <= end else None
        if caret == end and end < len(self._text) and self._text[end] != "\n":
            caret = None  # a wrapped line: the caret shows at the start of the next one
        clip = None if selection is None else (max(start, selection[0]), min(end, selection[1]))
        key = (start, end, caret, clip, self._marks_version, width, self._layout.width)
        strip = self._cache.get(key)
        if strip is None:
            order = sorted(self._layers, key=lambda name: self._layer_z[name])
            layers = [self._layers[name] for name in order]
            segments = paint_line(
                self._text,
                start,
                end,
                spans=self._spans,
                layers=layers,
                selection=selection,
                caret=caret,
                resolve=self._resolve,
                shown=self._layout.shown if self._soft else None,
            )
            line = [*self._margin(start, end), *segments, *self._code_fill(start, segments)]
            if caret is not None and Segment.get_line_length(line) > width:
                line = self._caret_in_view(
                    line, width, self._left_pad() + self._layout.cells(start, caret)
                )
            strip = self._strip(line, width, base)
            self._cache[key] = strip
        return strip

    def _caret_in_view(self, line: list[Segment], width: int, column: int) -> list[Segment]:
        """``line``, whose caret at cell ``column`` would be cut off at the view's edge (on
        spaces hanging past a full line's end, in a narrow view), with the caret drawn on
        its last cell instead."""
        if column < width:
            return line
        caret = Segment(" ", self._resolve(MarkKind.CARET))
        return [*Strip(line).crop(0, width - 1), caret]

    @staticmethod
    def _strip(segments: list[Segment], width: int, base: Style) -> Strip:
        """``segments`` padded or cropped to ``width`` cells over ``base``, as one Strip (a
        Strip is built with its caches: one a line, not one per padding, crop and style)."""
        length = Segment.get_line_length(segments)
        if length > width:
            segments, length = list(Strip(segments, length).crop(0, width)), width
        if length < width:
            segments.append(Segment(" " * (width - length)))
        return Strip(Segment.apply_style(segments, base), width)

    def _block_at(self, offset: int, kind: SpanKind) -> bool:
        """Whether the display line starting at ``offset`` lies in a block of ``kind``."""
        return any(
            span.kind == kind and span.start <= offset < span.end
            for span in self._spans.overlapping(offset, offset + 1)
        )

    def _margin(self, start: int, end: int) -> list[Segment]:
        """The cells left of a line: padding, coding stripes when shown, and a bar beside
        block quotes.  Both are decoration in the margin every line has (:meth:`_left_pad`),
        so offsets map to the same columns with or without them."""
        pad = self._left_pad()
        stripes = [*self._number_segments(start), *self._stripe_segments(start, end)]
        used = sum(segment.cell_length for segment in stripes)
        if self._gutter and self._block_at(start, SpanKind.BLOCKQUOTE):
            bar = Segment(QUOTE_BAR, self._resolve("reader--quote-bar"))
            return [Segment(" " * (pad - self._gutter - used)), *stripes, bar]
        return [Segment(" " * (pad - used)), *stripes]

    def _number_segments(self, start: int) -> list[Segment]:
        """The file's line number beside a line on screen that starts one of its lines (blank
        beside the lines a long line wraps onto), when line numbers are shown."""
        numbers = self._line_numbers
        if numbers is None:
            return []
        width = self._numbers_width()
        text = self._text
        if start and (
            text[start - 1] != "\n" or start == len(text) or self._layout.is_soft(start - 1)
        ):  # a long line's next, or a reflowed paragraph's: numbered at its first line
            return [Segment(" " * width)]
        number = f"{numbers.line(start):>{width - 1}} "
        return [Segment(number, self._resolve("reader--line-number"))]

    def _stripe_segments(self, start: int, end: int) -> list[Segment]:
        if self._stripes is None:
            return []
        return [
            Segment(cell.text, self._resolve(f"bold {cell.colour}" if cell.colour else "dim"))
            for cell in self._stripes.cells(start, end)
        ]

    def _code_fill(self, start: int, segments: list[Segment]) -> list[Segment]:
        """Code block lines are shaded across the whole measure, not only under the text."""
        if not self._has_code or not self._block_at(start, SpanKind.CODE_BLOCK):
            return []
        used = Segment.get_line_length(segments)
        fill = self._layout.width + 1 - used
        return [Segment(" " * fill, self._resolve("reader--code-block"))] if fill > 0 else []

    def _render_empty(self, width: int, base: Style) -> Strip:
        """An empty document says so (dim) rather than leaving the pane blank."""
        segments = [
            Segment(" " * self._left_pad()),
            Segment(" ", self._resolve(MarkKind.CARET)),
            Segment(" (empty document)", self._resolve("reader--empty")),
        ]
        return Strip(segments).extend_cell_length(width).crop(0, width).apply_style(base)
