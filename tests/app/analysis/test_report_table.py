"""The reports' table: a heading line and a code column that stay, other columns that scroll,
and only the cells in view drawn; a cell cursor moved by the registry's keys and the mouse."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tui_reader.core.analysis.report_grid import fitted, report_grid, started
from tui_reader.ui.widgets.report_table import HEADING_LINES, ReportTable, heading_lines

COLUMNS = 200


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        rows = [
            {"tag": f"code-{r}"} | {f"doc-{c:03}": r * c for c in range(COLUMNS)} for r in range(60)
        ]
        table = self.query_one(ReportTable)
        table.show(report_grid(rows))
        table.focus()

    def on_report_table_cell_chosen(self, event: ReportTable.CellChosen) -> None:
        self.chosen.append((event.row, event.column))


def line(table: ReportTable, y: int) -> str:
    return table.render_line(y).text


def columns_named(heading: str) -> list[str]:
    """The names of the scrolled columns a heading line shows (its arrows left out)."""
    return [name for name in heading.split()[1:] if name not in ("←", "→")]


async def test_only_the_columns_in_view_are_drawn_and_the_cursor_brings_its_cell_in() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.query_one(ReportTable)
        heading = line(table, 0)
        assert heading.startswith(" tag ") and "doc-000" in heading and "doc-150" not in heading
        assert len(heading) == table.size.width
        table.move_cursor(40, 151)  # column 0 is the code: doc-150
        await pilot.pause()
        heading = line(table, 0)
        assert heading.startswith(" tag ")  # the code column stays
        assert "doc-150" in heading and "doc-000" not in heading
        y = 40 + 1 - int(table.scroll_y)
        assert 1 <= y < table.size.height
        assert line(table, y).startswith(" code-40 ") and str(40 * 150) in line(table, y)


async def test_keys_move_the_cursor_and_a_click_on_it_chooses_the_cell() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.press("l", "l", "j")
        assert table.cursor == (1, 2)
        await pilot.press("G")
        assert table.cursor == (59, 2)
        await pilot.press("g", "h")
        assert table.cursor == (0, 1)
        target = table.cell_at(20, 3)
        assert target is not None and target[0] == 2 + int(table.scroll_y)
        await pilot.click(ReportTable, offset=(20, 3))
        assert table.cursor == target and app.chosen == []
        await pilot.click(ReportTable, offset=(20, 3))
        await pilot.pause()
        assert app.chosen == [target]


class LongCodeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        long = "a-very-long-code-name-that-goes-on-and-on-forever/leaf"
        rows = [{"tag": long, "passages": 7, "documents": 3}, {"tag": "short", "passages": 2}]
        self.query_one(ReportTable).show(report_grid(rows))


async def test_a_narrow_table_keeps_numbers_in_view_beside_a_long_code() -> None:
    """At 40 columns a code 40 cells wide took the whole table: the numbers were never in
    view, not even scrolled to; the code column takes half the table at most, cut in the
    middle (its start and its leaf kept)."""
    app = LongCodeApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        first = line(table, 1)
        assert first.startswith(" a-very-long") and "…" in first and "/leaf" in first
        assert "7" in first and len(first) == 40
        await pilot.resize_terminal(120, 10)
        await pilot.pause()
        assert line(table, 1).startswith(" a-very-long-code-name-that…-forever/leaf ")  # 40


class ThemesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        rows = [{"tag": f"c{r}"} | {f"theme0/sub{c}": 1234 * (c + 1) for c in range(12)}
                for r in range(5)]  # fmt: skip
        self.query_one(ReportTable).show(report_grid(rows))


@pytest.mark.parametrize("width", [60, 66])
async def test_a_column_half_scrolled_out_keeps_its_heading_s_start_and_its_number_whole(
    width: int,
) -> None:
    """Scrolled sideways, the column under the left edge was cropped: its heading read 'ub2'
    for theme0/sub2, its number 34 for 1234 (at the right edge 'theme0/su' and 12).  It is
    drawn in what shows of it, fitted there: the heading's start, an ellipsis, its end; no
    number cut to another (a heading the right edge cuts keeps its start: see below)."""
    app = ThemesApp()
    async with app.run_test(size=(width, 10)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        for column in range(1, 13):
            table.move_cursor(0, column)
            await pilot.pause()
            heading, first = line(table, 0), line(table, 1)
            assert len(heading) == len(first) == table.size.width
            headings = table.grid.headings[1:]
            names = columns_named(heading)
            fits = {fitted(h, len(name)) for h in headings for name in names}
            starts = {started(h, len(names[-1])) for h in headings}  # cut by the right edge
            assert names and all(name in fits for name in names[:-1]), heading
            assert names[-1] in fits | starts, heading
            numbers = first.split()[1:]
            shown = [int(n) for n in numbers if "…" not in n]
            assert all(n % 1234 == 0 and 1 <= n // 1234 <= 12 for n in shown), first


class FrequenciesApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        rows = [
            {"tag": tag, "passages": 2, "documents": 1, "characters": 55, "coverage": 0.5}
            for tag in ("migration/deportation", "militarization/patrols", "policy/border")
        ]
        self.query_one(ReportTable).show(report_grid(rows))


@pytest.mark.parametrize("width", range(44, 58))
async def test_a_heading_cut_at_the_right_edge_keeps_its_start(width: int) -> None:
    """At 50 columns the frequencies' heading at the right edge, its column cut there, read
    "char…ers": its start and its end around an ellipsis, a word read as no word.  Cut by the
    edge, a heading keeps its start (after a whole word where one fits) and says it goes on
    with an ellipsis; a heading whose column shows whole is whole."""
    app = FrequenciesApp()
    async with app.run_test(size=(width, 8)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        headings = table.grid.headings[1:]
        for column in range(1, len(headings) + 1):
            table.move_cursor(0, column)
            await pilot.pause()
            names = columns_named(line(table, 0))
            *whole, last = names[1:] if names[0] not in headings else names  # at the left edge
            assert all(name in headings for name in whole), names
            assert last in headings or (
                last.endswith("…") and any(h.startswith(last[:-1]) for h in headings)
            ), names


async def test_the_heading_says_where_columns_lie_off_screen() -> None:
    """At 80 columns the code-by-speaker table showed as many speakers as fitted and
    nothing said that more lay past the right edge (nor, scrolled, past the left one): the
    heading line ends with → while columns lie past the right edge and starts its columns
    with ← while some lie past the left one; the rows below keep their cells."""
    app = ThemesApp()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        heading = line(table, 0)
        assert len(heading) == 80
        assert heading.endswith(" →") and "←" not in heading, heading
        code = table._fixed_width()
        assert heading[code : code + 2] != "← "
        table.move_cursor(0, 6)
        await pilot.pause()
        heading = line(table, 0)
        assert heading.endswith(" →") and heading[code : code + 2] == "← ", heading
        assert "→" not in line(table, 1) and "←" not in line(table, 1)
        table.move_cursor(0, 12)
        await pilot.pause()
        heading = line(table, 0)
        assert "→" not in heading and heading[code : code + 2] == "← ", heading
        assert "theme0/sub11" in heading  # the last column whole


async def test_a_table_that_fits_has_no_arrows() -> None:
    app = FrequenciesApp()
    async with app.run_test(size=(100, 8)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        heading = line(table, 0)
        assert "→" not in heading and "←" not in heading, heading
        assert heading.split() == ["tag", *table.grid.headings[1:]]


FILES = [
    "report-2019-08702.txt",
    "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt",
    "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt",
    "report-2020-11234.txt",
    "interview-ana-2019-wave-two.txt",
]


# A co-occurrence's columns: codes, two levels deep, as a study's codebook has them.
CODES = [
    "actors/mexico",
    "actors/southcom",
    "actors/us",
    "migration/enforcement",
    "migration/journey",
    "militarization",
]


class FilesApp(App[None]):
    """A matrix's columns: documents by their long file names, headed on several lines (or
    columns named ``names``)."""

    def __init__(self, names: list[str] = FILES) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        rows = [{"tag": f"migration/code{r}"} | {n: r + c for c, n in enumerate(self.names)}
                for r in range(4)]  # fmt: skip
        self.query_one(ReportTable).show(report_grid(rows))


@pytest.mark.parametrize(
    ("names", "width", "height"),
    [(FILES, 60, 10), (FILES, 70, 10), (FILES, 75, 10), (FILES, 80, 10)]
    + [(CODES, width, height) for width in (66, 70, 74) for height in (8, 10)],
)
async def test_a_heading_on_several_lines_cut_at_the_right_edge_reads_as_the_column_s(
    names: list[str], width: int, height: int
) -> None:
    """At 80 columns the document cut by the right edge had its heading broken at the three
    cells that showed of it, "rep" over "ort" over "…" for report-2019-08702.txt.  Its lines
    are broken as the whole column's are, each showing its start.  A code's first line,
    "actors/", read "ac…/" (and "migration/" "migrati…/" over "enforc…" in the
    co-occurrence at 80x24): its start and a slash, as if a level were left out."""
    app = FilesApp(names)
    async with app.run_test(size=(width, height)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        lines = table._heading_lines
        assert lines > 1
        cut = 0
        for cursor in range(1, len(names) + 1):
            table.move_cursor(0, cursor)
            await pilot.pause()
            right = int(table.scroll_x) + table.size.width - table._fixed_width()
            starts = table._starts
            column = next((c for c in range(1, len(names) + 1) if starts[c] > right), 0)
            if not column or right - starts[column - 1] < 3:
                continue  # none cut, or the edge leaves one its gap and padding alone
            cut += 1
            x = table.size.width - (right - starts[column - 1])
            whole = heading_lines(table.grid.headings[column], table._widths[column], lines)
            whole = [""] * (lines - len(whole)) + whole  # over the figures
            for y in range(lines):
                shown = line(table, y)[x:].removesuffix("→").strip()
                if whole[y].startswith("…"):  # it goes on from above: its end kept
                    assert shown.startswith("…") and whole[y].endswith(shown[1:]), (y, shown)
                    continue
                start = shown.removesuffix("…")
                assert whole[y].startswith(start), (column, y, shown, whole)
        assert cut


def test_a_heading_s_last_line_has_one_ellipsis() -> None:
    """A file name shortened for its heading (its middle left out) and cut again for its
    last line read "……-migrants.txt"."""
    heading = "us-wants-mexico-to-ramp-up…-migrants.txt"
    assert heading_lines(heading, 15, 3) == ["us-wants-", "mexico-to-ramp-", "…-migrants.txt"]


class TwoCodesApp(App[None]):
    """A co-occurrence of two codes: two columns."""

    def compose(self) -> ComposeResult:
        yield ReportTable()

    def on_mount(self) -> None:
        rows = [
            {"tag": "militarization", "militarization": 0, "policy/border": 1},
            {"tag": "policy/border", "militarization": 1, "policy/border": 0},
        ]
        self.query_one(ReportTable).show(report_grid(rows, code_by_code=True))


async def test_two_columns_share_the_room_a_narrow_terminal_leaves() -> None:
    """At 60x20 the co-occurrence of two codes headed its columns "militar…tion" and
    "policy/…rder", each narrowed to a third of the room, the last third empty.  The room
    is shared by the columns there are, three at most."""
    app = TwoCodesApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        heading = line(table, table._heading_lines - 1)
        assert heading.split() == ["tag", "militarization", "policy/border"], heading


@pytest.mark.parametrize("size", [(120, 20), (100, 24)])
async def test_a_long_file_name_shows_whole_over_heading_lines_with_the_room(
    size: tuple[int, int],
) -> None:
    """A matrix's heading was shortened to 40 cells before it was broken into lines:
    "mexico-hosts-southcom-conf…-pentagon.txt" lost its middle where its three lines had
    the room for the whole name."""
    app = FilesApp()
    async with app.run_test(size=size) as pilot:
        table = app.query_one(ReportTable)
        table.move_cursor(0, 2)
        await pilot.pause()
        name = FILES[1]
        assert len(name) <= HEADING_LINES * table._widths[2] - 6  # the room (broken at a -)
        lines = table._heading_lines
        shown = [line(table, y) for y in range(lines)]
        for word in name.split("-"):
            assert any(word in text for text in shown), (word, shown)
        assert not any("…" in text for text in shown[:-1]), shown


@pytest.mark.parametrize("width", [60, 70, 80])
async def test_a_heading_line_that_begins_with_an_ellipsis_keeps_its_end_in_a_cut_column(
    width: int,
) -> None:
    """Scrolled sideways, the column under the left edge had its heading's last line
    "…-migrants.txt" fitted into what showed of it: "…igr…txt", two ellipses around bits of
    words.  A line that begins with an ellipsis (its start on the lines above) keeps its end
    there: "…nts.txt"."""
    app = FilesApp()
    async with app.run_test(size=(width, 10)) as pilot:
        table = app.query_one(ReportTable)
        await pilot.pause()
        seen = 0
        for x in range(0, int(table.max_scroll_x) + 1):
            table.scroll_to(x=x, animate=False, immediate=True)
            await pilot.pause()
            for y in range(table._heading_lines):
                for word in line(table, y).split():
                    assert word.count("…") <= 1, (x, y, line(table, y))
                    seen += word.startswith("…") and len(word) > 1
        assert seen
