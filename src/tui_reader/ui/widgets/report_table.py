"""A report's table (a :class:`ReportGrid`), drawn only where visible: the heading line and the
code column stay in place, the other columns scroll, and each line draws only the cells in
view.  A ``DataTable`` draws every cell of each visible row (200 matrix columns: 4,000 cells
a screen) and again on every cursor move; here a cursor move redraws two lines.

Cells are shaded by magnitude: a background blended from the theme's background towards its
accent, with text that contrasts with it, so it reads in dark and light themes alike."""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.color import Color
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.core.analysis.report_grid import WORD_ENDS, ReportGrid, ended, fitted, started
from tui_reader.ui import keymap
from tui_reader.ui.field_message import FieldMessage
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus

PADDING = 1  # cells of space either side of a cell's text, shaded with it
GAP = 1  # cells of space between two columns, never shaded (cells stay apart)
ARROW_CELLS = 2  # "← " and " →": columns off screen, said in the heading line
SHADE_STEPS = 64  # shades are drawn in this many steps (their styles are kept)
# A column headed by a long name (a document's file, a code) is made narrower, its heading
# cut in the middle, so that this many columns are in view beside the code column (at 80
# columns the matrix showed one document and a half, the co-occurrence one code and "…" for
# the counts of the next), down to NARROWEST cells of its heading and never narrower than
# its figures.
COLUMNS_IN_VIEW = 3
NARROWEST = 12
# Lines a narrowed column's heading is written on (fewer on a short table: a third of it),
# broken after a word's end where one falls in the line: "report-" over "08702.txt".
HEADING_LINES = 3
EMPTY = ReportGrid(["tag"], ["tag"], [3], [], [])


class ReportTable(KeysFollowFocus, ScrollView, can_focus=True):
    """A table of report cells with a cell cursor; ``row``/``column`` index the grid."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("report_table")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "report-table--header",
        "report-table--cursor",
        "report-table--missing",
    }
    DEFAULT_CSS = """
    ReportTable {
        background: $surface;
        color: $foreground;
        & > .report-table--header {
            background: $panel;
            color: $foreground;
            text-style: bold;
        }
        & > .report-table--missing {
            color: $text-muted;
        }
        & > .report-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .report-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class CellChosen(FieldMessage):
        """The cell at ``(row, column)`` was chosen (a click on the cursor's cell)."""

        row: int
        column: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid = EMPTY
        self.cursor = (0, 0)  # (row, column)
        self._starts: list[int] = [0]  # x of each scrolled column (1..) within the scrolled part
        self._widths: list[int] = [3]  # cells of each column's text as drawn (see _sync_layout)
        self._figures: list[int] = [3]  # cells of each column's widest figure (not its heading)
        self._heading_lines = 1  # lines of the heading (see _sync_layout)
        self._styles: dict[object, Style] = {}
        # Whether a key typed here waits (its screen keeps it): an enter typed before the
        # report asked for was shown opens the cell's passages once it is; the keys behind
        # it are theirs (see ReportsScreen.action_drill).
        self.keys_wait: Callable[[events.Key], bool] | None = None

    async def _on_key(self, event: events.Key) -> None:
        wait = self.keys_wait
        if wait is not None and self.screen is self.app.screen and wait(event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    # -- content ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self.grid.row_count

    def show(self, grid: ReportGrid) -> None:
        """Show ``grid`` (the cursor stays where it was, within the new table)."""
        self.grid = grid
        self._figures = [
            max((cell_len(cells[column]) for cells in grid.cells), default=1)
            for column in range(len(grid.columns))
        ]
        self._sync_layout()
        row, column = self.cursor
        self.move_cursor(row, column)
        self.refresh()

    def _code_width(self) -> int:
        """Cells of the code column's text: at most half the table's width.  At 40 columns
        a code 40 cells wide took them all, and no number was ever in view."""
        full = self.grid.widths[0]
        if self.size.width <= 0:
            return full
        return max(1, min(full, self.size.width // 2 - 2 * PADDING))

    def _fixed_width(self) -> int:
        return self._code_width() + 2 * PADDING

    def on_resize(self) -> None:
        self._sync_layout()
        self.refresh()

    def _sync_layout(self) -> None:
        """Each column's width and place: none wider than the room beside the code column (at
        80 columns a document's column, its file's name, ran past the edge with its numbers,
        set at its right, and the matrix looked empty); its heading is cut in the middle."""
        grid = self.grid
        # (and the heading's arrows either side: a column as wide as the room had its heading
        # cut under them)
        room = self.size.width - self._fixed_width() - GAP - 2 * PADDING - 2 * ARROW_CELLS
        widths = list(grid.widths)
        if self.size.width > 0:
            # the room shared by as many columns as there are, three at most (two codes'
            # columns at 60 columns each took a third: "militar…tion", a third left empty)
            sharing = max(1, min(COLUMNS_IN_VIEW, len(widths) - 1))
            shared = max(NARROWEST, (room + GAP + 2 * PADDING) // sharing - GAP - 2 * PADDING)
            figures = self._figures if len(self._figures) == len(widths) else widths
            widths[1:] = [
                min(width, max(3, room), max(shared, figure))
                for width, figure in zip(widths[1:], figures[1:], strict=True)
            ]
        self._widths = widths
        starts = [0]
        for width in widths[1:]:
            starts.append(starts[-1] + GAP + width + 2 * PADDING)
        self._starts = starts
        most = min(HEADING_LINES, max(1, (self.size.height - 1) // 3))
        self._heading_lines = max(
            (
                len(heading_lines(heading, width, most))
                for heading, width in zip(grid.headings[1:], widths[1:], strict=True)
            ),
            default=1,
        )
        self.virtual_size = Size(
            self._fixed_width() + starts[-1], grid.row_count + self._heading_lines
        )

    # -- cursor ----------------------------------------------------------------------------

    def move_cursor(self, row: int, column: int) -> None:
        """Put the cursor on ``(row, column)`` (clamped to the table) and scroll it into view.
        Before a first table is shown (R, j typed in one burst) the place is kept as asked,
        and clamped to the table :meth:`show` shows: the move was lost, the cursor held on
        an empty table's first cell."""
        if self.grid is EMPTY:
            self.cursor = (max(0, row), max(0, column))
            return
        old_row = self.cursor[0]
        row = max(0, min(row, self.grid.row_count - 1))
        column = max(0, min(column, len(self.grid.columns) - 1))
        self.cursor = (row, column)
        self._refresh_row(old_row)
        self._refresh_row(row)
        if not self.is_mounted or not self.grid.row_count:
            return
        # The heading and the code column stay put: the region to show is in the scrolled
        # part's coordinates, shifted by them.
        if column == 0:
            x, width = int(self.scroll_x), 1
        else:  # (with room for the heading's arrows either side: the cell under none)
            x = max(0, self._starts[column - 1] - ARROW_CELLS)
            width = self._starts[column] + ARROW_CELLS - x
        fixed = self._fixed_width()
        self.scroll_to_region(
            Region(x + fixed, row + self._heading_lines, width, 1),
            spacing=None,
            animate=False,
            force=True,
            immediate=True,
        )
        if x < int(self.scroll_x):  # the region's left edge hid under the code column
            self.scroll_to(x=x, animate=False, force=True, immediate=True)
        if row < int(self.scroll_y):  # the row hid under the heading
            self.scroll_to(y=row, animate=False, force=True, immediate=True)

    def _refresh_row(self, row: int) -> None:
        line = row + self._heading_lines - int(self.scroll_y)
        if self._heading_lines <= line < self.size.height:
            self.refresh_lines(line, 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor[0] + 1, self.cursor[1])

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor[0] - 1, self.cursor[1])

    def action_cursor_right(self) -> None:
        self.move_cursor(self.cursor[0], self.cursor[1] + 1)

    def action_cursor_left(self) -> None:
        self.move_cursor(self.cursor[0], self.cursor[1] - 1)

    def action_first(self) -> None:
        self.move_cursor(0, self.cursor[1])

    def action_last(self) -> None:
        last = self.grid.row_count - 1 if self.grid is not EMPTY else sys.maxsize
        self.move_cursor(last, self.cursor[1])

    def action_page_down(self) -> None:
        page = max(1, self.size.height - self._heading_lines)
        self.move_cursor(self.cursor[0] + page, self.cursor[1])

    def action_page_up(self) -> None:
        page = max(1, self.size.height - self._heading_lines)
        self.move_cursor(self.cursor[0] - page, self.cursor[1])

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The cell at ``(x, y)`` of the widget (None on the heading or outside the table)."""
        row = y - self._heading_lines + int(self.scroll_y)
        if y < self._heading_lines or not 0 <= row < self.grid.row_count:
            return None
        fixed = self._fixed_width()
        if x < fixed:
            return (row, 0)
        within = x - fixed + int(self.scroll_x)
        column = bisect_right(self._starts, within)
        return (row, column) if column < len(self.grid.columns) else None

    def on_click(self, event: events.Click) -> None:
        cell = self.cell_at(event.x, event.y)
        if cell is None:
            return
        if cell == self.cursor:
            self.post_message(self.CellChosen(*cell))
        else:
            self.move_cursor(*cell)

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._styles.clear()  # a new theme, or the focus changed the cursor's colours
        super().notify_style_update()

    def on_focus(self) -> None:
        self._styles.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._styles.clear()
        self.refresh()

    def _component(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _shade(self, fraction: float) -> Style:
        """A background between the theme's background and its accent, by ``fraction``."""
        step = round(fraction * SHADE_STEPS)
        style = self._styles.get(step)
        if style is None:
            variables = self.app.theme_variables
            base = Color.parse(variables.get("background", "#000000"))
            accent = Color.parse(variables.get("accent", variables.get("primary", "#0178d4")))
            background = base.blend(accent, 0.12 + 0.6 * step / SHADE_STEPS)
            style = Style(
                bgcolor=background.rich_color, color=background.get_contrast_text(1.0).rich_color
            )
            self._styles[step] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        lines = self._heading_lines
        row = -1 if y < lines else y - lines + int(self.scroll_y)
        line = y if y < lines else 0  # the heading's line drawn
        grid = self.grid
        if row >= grid.row_count:
            return Strip.blank(width, base)
        fixed = Strip(self._cell(row, 0, line=line))
        room = max(0, width - fixed.cell_length)
        left = int(self.scroll_x)
        right = left + room
        # The heading says where columns lie off screen: "← " first while some lie past the
        # left edge, " →" last while some lie past the right one (at 80 columns nothing said
        # that more speakers followed those in view).  Its cells are drawn in the rest.
        arrows = row < 0 and line == lines - 1  # on the heading's last line
        before = ARROW_CELLS if arrows and left > 0 and room > 2 * ARROW_CELLS else 0
        after = ARROW_CELLS if arrows and self._starts[-1] > right and room > 2 * ARROW_CELLS else 0
        low, high = left + before, right - after
        first = max(1, bisect_right(self._starts, low))  # the column under the left edge
        segments: list[Segment] = []
        for column in range(first, len(grid.columns)):
            start, end = self._starts[column - 1], self._starts[column]
            if start >= high:
                break
            shown = min(end, high) - max(start, low)
            if shown == end - start:
                segments.extend(self._cell(row, column, line=line))
                continue
            # A column partly scrolled out, at either edge, is drawn in what shows of it, its
            # text fitted there: cropped, "theme0/sub2" read "ub2", and 1234 read 34 or 12.
            # Its heading at the right edge keeps its start: it reads on past the edge.
            at_right = start >= low
            fits = max(1, shown - GAP - 2 * PADDING)
            cell = Strip(self._cell(row, column, fits, at_right, line=line))
            kept = (cell.cell_length - shown, cell.cell_length) if start < low else (0, shown)
            segments.extend(cell.crop(*kept))
        line_style = base + self._component("report-table--header") if row < 0 else base
        scrolled = Strip(segments).crop(0, high - low)
        if before or after:
            scrolled = Strip.join(
                [
                    Strip([Segment("← ", line_style)] if before else []),
                    scrolled.extend_cell_length(high - low, line_style),
                    Strip([Segment(" →", line_style)] if after else []),
                ]
            )
        strip = Strip.join([fixed, scrolled]).extend_cell_length(width, line_style)
        return strip.crop(0, width).apply_style(base)

    def _cell(
        self, row: int, column: int, width: int = 0, cut_by_edge: bool = False, line: int = 0
    ) -> list[Segment]:
        """The segments of one cell: its text padded to the column's width, or ``width``
        cells (numbers to the right), shaded, or in the cursor's colours; the heading's
        ``line`` of its lines (:func:`heading_lines`, the last ones used), a heading
        ``cut_by_edge`` (the right edge) keeping its start (:func:`started`)."""
        grid = self.grid
        whole = self._code_width() if column == 0 else self._widths[column]
        width = width or whole
        if row < 0:
            # Broken into lines at the column's whole width, as the columns beside it, each
            # line then fitted in what shows of it: broken at the few cells an edge leaves,
            # "report-2019-08702.txt" read "rep" over "ort" over "…".
            lines = self._heading_lines
            parts = heading_lines(grid.headings[column], whole, lines)
            at = line - (lines - len(parts))  # on the last lines, over the figures
            text = parts[at] if 0 <= at < len(parts) else ""
            style = self._component("report-table--header")
        else:
            text = grid.cells[row][column]
            shade = grid.shades[row][column]
            if shade is None:
                style = self._component("report-table--missing")
            elif shade > 0:
                style = self._shade(shade)
            else:
                style = Style()
            if (row, column) == self.cursor:
                style = style + self._component("report-table--cursor")
        if cell_len(text) > width and row < 0 and text.startswith("…"):
            # a heading's line that goes on from the lines above keeps its end, either edge
            # ("…-migrants.txt" read "…igr…txt" under the left edge, "…igrant…" at the right)
            text = "…" + ended(text[1:], width - 1)
        elif cell_len(text) > width:
            text = started(text, width) if row < 0 and cut_by_edge else fitted(text, width)
        fill = " " * max(0, width - cell_len(text))
        text = text + fill if column == 0 else fill + text
        pad = " " * PADDING
        cell = Segment(pad + text + pad, style)
        if column == 0:
            return [cell]
        gap_style = self._component("report-table--header") if row < 0 else Style()
        return [Segment(" " * GAP, gap_style), cell]


def heading_lines(text: str, width: int, most: int, cut_by_edge: bool = False) -> list[str]:
    """``text`` on at most ``most`` lines of ``width`` cells, each broken after a word's end
    (one of :data:`~tui_reader.core.analysis.report_grid.WORD_ENDS`) where one falls in the
    line, else where the line ends; what the last line cannot hold is cut there: its end
    kept under the lines of its start ("…pentagon.txt", "…08702.txt": what tells one file or
    code from the next; of a heading fitted already, what follows its ellipsis), its start
    and end on one line (:func:`fitted`), and a heading ``cut_by_edge`` keeps its start
    (:func:`started`)."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < most - 1 and cell_len(rest) > width:
        kept = set_cell_size(rest, width).rstrip()
        while cell_len(kept) > width:  # a wide character cut in two was padded back
            kept = kept[:-1]
        end = max((i + 1 for i, char in enumerate(kept) if char in WORD_ENDS), default=0)
        cut = end if end > width // 3 else len(kept)
        lines.append(rest[: max(1, cut)].rstrip())
        rest = rest[max(1, cut) :].lstrip()
    if rest or not lines:
        if cell_len(rest) > width and (cut_by_edge or not lines):
            rest = started(rest, width) if cut_by_edge else fitted(rest, width)
        elif cell_len(rest) > width:  # under its start: its end, which tells it apart
            tail = ""
            for char in reversed(rest):
                # a heading fitted before (report_grid.fitted) keeps its end after its "…"
                if char == "…" or cell_len(char + tail) > width - 1:
                    break
                tail = char + tail
            rest = tail if tail.startswith("…") else "…" + tail  # (not "……-migrants.txt")
        lines.append(rest)
    return lines
