"""A terminal too narrow for the library beside the text shows one at a time, each the whole
width.  The library kept its 24 columns: at 40 columns the text had 15 (a word or two a line),
at 24 none at all."""

from __future__ import annotations

from pathlib import Path

from helpers.analysis import analysis_app
from helpers.app import AppFactory, ready, wait_until
from helpers.passages import Annotated
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui_reader.ui.reading_pane.annotations_panel import AnnotationsPanel
from tui_reader.ui.screens.main import MainScreen

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def shown(screen: MainScreen) -> tuple[bool, bool]:
    """Whether the library and the text are on show."""
    return screen.library.display, screen.pane.display


async def test_a_narrow_terminal_shows_the_library_or_the_text(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(40, 16)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert shown(screen) == (False, True)
        assert screen.reader.size.width >= 38  # the whole width, not 15 columns
        await pilot.press("L")  # the library, alone
        await wait_until(pilot, lambda: shown(screen) == (True, False))
        assert screen.library.table.has_focus and screen.library.size.width == 40
        await pilot.press("j", "enter")  # the second document opens: the text again
        await wait_until(pilot, lambda: shown(screen) == (False, True))
        assert screen.reader.has_focus and screen.column.open_key != DOC
        await pilot.press("tab")  # tab goes to the library, and back
        await wait_until(pilot, lambda: shown(screen) == (True, False))
        assert screen.library.table.has_focus
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: shown(screen) == (False, True))
        assert screen.reader.has_focus


async def test_both_show_again_when_the_terminal_widens(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        assert shown(screen) == (True, True)
        await pilot.resize_terminal(24, 16)
        await wait_until(pilot, lambda: shown(screen) == (False, True))
        assert screen.reader.size.width >= 20
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: shown(screen) == (True, True))
        await pilot.press("L")  # hidden on purpose: it stays hidden through a narrowing
        await pilot.resize_terminal(40, 16)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert shown(screen) == (False, True)


async def test_the_annotations_go_under_the_text_in_a_narrow_terminal(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """A at 40 columns put the 40-column side panel beside the text, which was left a column;
    the annotations now go under the text, each the whole width."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(40, 20)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("A")
        side = screen.pane.side
        await wait_until(pilot, lambda: side.display and side.size.height > 0)
        await pilot.pause()
        assert side.size.width >= 38 and screen.reader.size.width >= 38
        assert side.region.y >= screen.reader.region.bottom
        await pilot.resize_terminal(140, 30)
        await wait_until(pilot, lambda: side.region.x >= screen.reader.region.right)


async def test_the_annotations_go_under_the_text_where_beside_it_the_text_has_no_room(
    annotated: Annotated,
) -> None:
    """At 60x20 A put the 40-column panel beside the text, which kept 16 cells a line, and 8
    with the coders compared (K): words broken in two, "deportin" above "g".  Below 72
    columns the annotations go under the text, which keeps the width; at 80 they are beside
    it still."""
    async with analysis_app(annotated).run_test(size=(60, 20)) as pilot:
        screen, _panel = await _annotations_listed(pilot)
        side, reader = screen.pane.side, screen.reader
        await wait_until(pilot, lambda: side.size.height > 0)
        await pilot.pause()
        assert side.region.y >= reader.region.bottom, (side.region, reader.region)
        assert reader.scrollable_content_region.width >= 50, reader.scrollable_content_region
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: side.region.x >= reader.region.right)
        assert reader.scrollable_content_region.width >= 30


async def test_the_annotations_under_the_text_open_only_when_asked(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """Beside the text the side shows by itself where the text keeps its measure; under it,
    it would take half the rows the text has: it opens with A alone."""
    app = make_app(open_file=corpus_copy / DOC, measure=20)
    async with app.run_test(size=(50, 20)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert not screen.pane.side_open
        assert screen.reader.size.height >= 15


async def _annotations_listed(pilot: Pilot[object]) -> tuple[MainScreen, AnnotationsPanel]:
    """The main screen once ``A`` has opened the annotations panel and it lists them."""
    screen = await ready(pilot)
    screen.reader.focus()
    await pilot.press("A")
    panel = screen.pane.panel
    await wait_until(pilot, lambda: panel.has_class("-open") and bool(panel.annotations))
    return screen, panel


async def test_a_short_narrow_terminal_lists_the_annotations_when_asked(
    annotated: Annotated,
) -> None:
    """At 40x12, A put the annotation's box and the list under the text, sharing five rows:
    their borders were all that showed, not one annotation.  The list has the rows alone
    there; a taller terminal shows both again."""
    async with analysis_app(annotated).run_test(size=(40, 12)) as pilot:
        screen, panel = await _annotations_listed(pilot)
        await pilot.pause()
        await pilot.pause()
        listed = panel.query_one(OptionList)
        assert listed.size.height >= 2  # a passage's lines, not borders alone
        assert not screen.pane.details.display
        await pilot.resize_terminal(40, 30)
        await wait_until(pilot, lambda: screen.pane.details.display)


async def test_the_library_keeps_its_cursor_in_view_when_the_terminal_shrinks(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The cursor on the 15th document of a tall terminal, the terminal made short: the
    library showed its first rows, the cursor's row out of view (j then jumped the list).
    Its cursor's row stays in view."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02}.txt").write_text(f"Title {n:02}\n\nwords\n", encoding="utf-8")
    app = make_app(corpus=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        await wait_until(pilot, lambda: table.row_count == 40)
        table.focus()
        table.move_cursor(15)
        await pilot.pause()
        for size in ((100, 12), (40, 12), (100, 40), (60, 9)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            top, height = int(table.scroll_y), table.size.height
            cursor = table.cursor_row * 2
            assert top <= cursor and cursor + 2 <= top + height, (size, top, height, cursor)


async def test_the_filter_count_is_never_cut_in_a_word_in_a_narrow_library(
    make_app: AppFactory,
) -> None:
    """At 21 columns the filter's border said 'no document ma…' (cut in a word, its end
    lost): it says it in fewer words where the library is narrow, and in full again once the
    terminal widens."""
    from rich.cells import cell_len
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(21, 12)) as pilot:
        screen = await ready(pilot)
        screen.library.table.focus()
        await pilot.press("slash", "z", "z", "z")
        field = screen.library.query_one("#library-filter", Input)
        await wait_until(pilot, lambda: field.value == "zzz" and not screen.library.table.keys)
        await pilot.pause()
        said = str(field.border_subtitle)
        assert said == "no match" and cell_len(said) <= field.outer_size.width - 6, said
        await pilot.resize_terminal(80, 12)
        await wait_until(pilot, lambda: field.border_subtitle == "no document matches")
        field.value = "m"  # a word of both titles: how many of how many
        await wait_until(pilot, lambda: field.border_subtitle == "2 of 2")
        await pilot.resize_terminal(21, 12)
        await wait_until(pilot, lambda: field.border_subtitle == "2 of 2")  # it fits


async def test_a_wide_terminal_leaves_both_panes_as_the_stylesheet_shows_them(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """The width fit set the text shown at every start, though it was: Textual takes that
    for a change, draws the whole pane again and lays the screen out again; shown by the
    stylesheet, neither pane takes a display of its own."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        assert shown(screen) == (True, True)
        assert not screen.pane.styles.inline.has_rule("display")
        assert not screen.library.styles.inline.has_rule("display")


async def test_the_annotations_at_20x6_list_their_passages(annotated: Annotated) -> None:
    """At 20x6 the line over the panel and the panel's border took the two rows the panel
    had under the text: A showed a border and not one annotation, j moved through nothing
    seen."""
    async with analysis_app(annotated).run_test(size=(20, 6)) as pilot:
        _screen, panel = await _annotations_listed(pilot)
        listed = panel.query_one(OptionList)
        await wait_until(pilot, lambda: listed.size.height >= 2)


async def test_the_library_makes_way_for_a_panel_opened_narrow_once_wide(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """A in a narrow terminal, then the terminal widened to 80 columns: the library came back
    beside the open panel, and the text had 12 columns, a word a line; opened at 80 columns
    the library makes way.  It makes way so too, and comes back as the panel closes."""
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(50, 24)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("A")
        panel = screen.pane.panel
        await wait_until(pilot, lambda: panel.has_class("-open"))
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: screen.size.width == 80 and not screen.one_pane)
        await pilot.pause()
        await wait_until(pilot, lambda: shown(screen) == (False, True))
        assert screen.reader.size.width >= 30  # not 12
        if not panel.has_focus_within:
            await pilot.press("A")  # to the panel
        await pilot.press("A")  # closed from it
        await wait_until(pilot, lambda: shown(screen) == (True, True))
