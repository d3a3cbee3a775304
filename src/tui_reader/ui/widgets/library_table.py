"""The library's list of documents: two lines per document, drawn only where visible.

A Line API widget (Textual's ``ScrollView``): the rows are a list of keys, each drawn from its
entry when its lines come into view, so 10,000 documents cost a list, and updating one entry
redraws its two lines (a ``DataTable`` re-measures every row after each update).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.ui import keymap
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus

ROW_HEIGHT = 2  # a title line and a details line
CELL_PADDING = 1  # cells of space left and right of the text


class LibraryTable(KeysFollowFocus, ScrollView, can_focus=True):
    """Rows of documents with a cursor; ``render_row(key, width)`` gives a row's two lines."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("library")
    # Taken while a save of seconds holds the store: a move draws rows from the entries the
    # library holds (enter, opening a document, reads the store: refused until it is saved).
    ANSWERED_WHILE_SAVING: ClassVar[frozenset[str]] = frozenset(
        {"cursor_down", "cursor_up", "first", "last", "page_down", "page_up"}
    )
    # the library's filter; the library hidden (the text focused)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"library-table--cursor"}
    DEFAULT_CSS = """
    LibraryTable {
        background: $surface;
        color: $foreground;
        & > .library-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .library-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)

    def __init__(
        self,
        render_row: Callable[[str, int], Text],
        chosen: Callable[[str], None],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._render_row = render_row
        # The row of a document chosen (enter, or a click on the cursor's row), called at
        # once, not posted: the keys typed right behind enter reached the list before a
        # message had moved the focus to the text it opened (j moved the list's cursor).
        self._chosen = chosen
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._lines: dict[tuple[str, int, bool], list[Strip]] = {}  # drawn rows, by width
        self._base: Style | None = None  # rich_style while lines are drawn (render_lines)
        # Whether the user has moved the cursor (a key, a click): the first document to
        # open, the app starting, then leaves it where it is (see Library.set_current).
        self.moved_by_user = False

    # -- rows ------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The keys of the rows shown, in order."""
        return list(self._keys)

    def set_rows(self, keys: list[str], cursor_key: str | None = None) -> None:
        """Show the rows ``keys`` (the cursor stays on ``cursor_key`` when it is among them)."""
        if bool(keys) != bool(self._keys):  # the footer offers to open a row when one shows
            self.refresh_bindings()
        self._keys = keys
        self._index = {key: i for i, key in enumerate(keys)}
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(keys) * ROW_HEIGHT)
        row = self._index.get(cursor_key, 0) if cursor_key is not None else 0
        self.move_cursor(min(row, max(0, len(keys) - 1)))
        self.refresh()

    def row_index(self, key: str) -> int | None:
        return self._index.get(key)

    @property
    def cursor_key(self) -> str | None:
        if not self._keys:
            return None
        return self._keys[min(self.cursor_row, len(self._keys) - 1)]

    def refresh_row(self, key: str) -> None:
        """Redraw the row of ``key`` (its entry changed); nothing when it is filtered out."""
        row = self._index.get(key)
        if row is None:
            return
        for cached in [k for k in self._lines if k[0] == key]:
            del self._lines[cached]
        top = int(self.scroll_y)
        if top - ROW_HEIGHT < row * ROW_HEIGHT < top + self.size.height:
            self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)

    def refresh_rows(self, keys: Iterable[str]) -> None:
        """:meth:`refresh_row` for many rows at once (thousands of facts arriving together):
        one pass over the drawn rows, and only the rows on screen redrawn."""
        changed = set(keys)
        for cached in [k for k in self._lines if k[0] in changed]:
            del self._lines[cached]
        top = int(self.scroll_y)
        first = max(0, top // ROW_HEIGHT - 1)
        last = min(len(self._keys), (top + self.size.height) // ROW_HEIGHT + 1)
        for row in range(first, last):
            if self._keys[row] in changed:
                self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)

    def refresh_all_rows(self) -> None:
        self._lines.clear()
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        old = self.cursor_row
        self.cursor_row = max(0, min(row, len(self._keys) - 1)) if self._keys else 0
        if old != self.cursor_row:
            self.refresh_lines(old * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(self.cursor_row * ROW_HEIGHT, ROW_HEIGHT)
        if self.is_mounted:
            self.scroll_to_region(
                Region(0, self.cursor_row * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, force=True
            )

    def _move_for_user(self, row: int) -> None:
        self.moved_by_user = True
        self.move_cursor(row)

    def action_cursor_down(self) -> None:
        self._move_for_user(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self._move_for_user(self.cursor_row - 1)

    def action_first(self) -> None:
        self._move_for_user(0)

    def action_last(self) -> None:
        self._move_for_user(len(self._keys) - 1)

    def action_page_down(self) -> None:
        self._move_for_user(self.cursor_row + max(1, self.size.height // ROW_HEIGHT))

    def action_page_up(self) -> None:
        self._move_for_user(self.cursor_row - max(1, self.size.height // ROW_HEIGHT))

    def action_select_cursor(self) -> None:
        key = self.cursor_key
        if key is not None:
            self._chosen(key)

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row clicked; a click on the cursor's row (the second
        of a double click too) chooses it, as ``enter`` does: as the passage lists (a first
        click opened the document the user only reached for)."""
        row = (event.y + int(self.scroll_y)) // ROW_HEIGHT
        if not 0 <= row < len(self._keys):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self._move_for_user(row)

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(self._keys) * ROW_HEIGHT)
        # A shorter list: its cursor's row kept in view (else j jumped to it, far below).
        self.call_after_refresh(self._cursor_in_view)

    # -- whole entries -----------------------------------------------------------------------
    # The view starts at an entry's title line, never in the middle of an entry: a view of an
    # odd number of lines scrolled to the end showed a top row of only its details line.

    @property
    def max_scroll_y(self) -> int:
        """The furthest scroll, up to a whole entry (a blank line below the last one)."""
        furthest = super().max_scroll_y
        return furthest + (-furthest) % ROW_HEIGHT

    @property
    def allow_vertical_scroll(self) -> bool:
        """The list scrolls, by the wheel or by code, though it draws no scroll bar (Textual
        lets a view scroll only with one shown: the wheel did not move the list)."""
        return not self._check_disabled() and self.max_scroll_y > 0

    def validate_scroll_y(self, value: float) -> float:
        return self._whole_entry(super().validate_scroll_y(value), self.scroll_y)

    def validate_scroll_target_y(self, value: float) -> float:
        return self._whole_entry(super().validate_scroll_target_y(value), self.scroll_target_y)

    def _whole_entry(self, top: float, before: float) -> float:
        """``top`` moved on to the start of an entry, the way it goes from ``before``: down
        (a row scrolled to from above keeps its last line in sight, as one scrolled to from
        below its first: their tops are even), or up (a scroll of one line up, rounded down,
        had gone back to where it was)."""
        if top < before:
            return float(min(self.max_scroll_y, math.floor(top) // ROW_HEIGHT * ROW_HEIGHT))
        return float(min(self.max_scroll_y, -(-math.ceil(top) // ROW_HEIGHT) * ROW_HEIGHT))

    def _cursor_in_view(self) -> None:
        if self.is_mounted and self._keys and self.size.height:
            row = Region(0, self.cursor_row * ROW_HEIGHT, 1, ROW_HEIGHT)
            self.scroll_to_region(row, animate=False, force=True, immediate=True)

    def on_focus(self) -> None:
        self._lines.clear()  # the cursor's colours change with the focus

    def on_blur(self) -> None:
        self._lines.clear()

    def notify_style_update(self) -> None:
        self._lines.clear()  # a new theme
        super().notify_style_update()

    # -- drawing ---------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # rich_style walks every ancestor's styles: worked out once for the lines drawn now,
        # not once a line (the empty table of the first screen drew 38 lines that way).
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = y + int(self.scroll_y)
        row, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style if self._base is None else self._base
        if row >= len(self._keys):
            return Strip.blank(width, base)
        key = self._keys[row]
        is_cursor = row == self.cursor_row
        cached = self._lines.get((key, width, is_cursor))
        if cached is None:
            cached = self._draw(key, width, is_cursor, base)
            self._lines[(key, width, is_cursor)] = cached
        return cached[part]

    def _draw(self, key: str, width: int, is_cursor: bool, base: Style) -> list[Strip]:
        style = base
        if is_cursor:
            style = base + self.get_component_rich_style("library-table--cursor")
        inner = max(1, width - 2 * CELL_PADDING)
        text = self._render_row(key, inner)
        pad = Segment(" " * CELL_PADDING, style)
        strips = []
        for part in text.split("\n", allow_blank=True)[:ROW_HEIGHT]:
            part.truncate(inner, overflow="ellipsis", pad=True)
            segments = [pad, *part.render(self.app.console), pad]
            strips.append(Strip(segments).apply_style(style).crop(0, width))
        while len(strips) < ROW_HEIGHT:
            strips.append(Strip.blank(width, style))
        return strips
