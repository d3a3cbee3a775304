"""At 120 columns the open annotations panel does not squeeze the text: the library makes way;
``L`` shows and hides the library."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, command_chosen, opened

from tui_reader.ui.screens.help import collect_bindings
from tui_reader.ui.widgets.library import Library

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_the_library_makes_way_for_the_annotations_panel(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        library = app.screen.query_one(Library)
        assert library.display and reader.layout_engine.width >= 70
        await pilot.press("A")
        await pilot.pause()
        await pilot.pause()
        assert not library.display  # hidden: the text keeps a comfortable width
        assert reader.layout_engine.width >= 70
        await pilot.press("A")  # from the panel: closes it, and the library comes back
        await pilot.pause()
        assert library.display and reader.has_focus


async def test_the_library_stays_where_there_is_room(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC, measure=60)
    async with app.run_test(size=(170, 40)) as pilot:
        await opened(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert app.screen.query_one(Library).display


async def test_L_hides_and_shows_the_library(make_app: AppFactory, corpus_copy: Path) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        library = app.screen.query_one(Library)
        narrow = reader.layout_engine.width
        await pilot.press("L")
        await pilot.pause()
        assert not library.display and reader.has_focus
        assert reader.layout_engine.width > narrow or narrow == reader.measure
        await pilot.press("L")
        await pilot.pause()
        assert library.display and library.table.has_focus
        # A library the user hid stays hidden when the panel opens and closes.
        await pilot.press("L", "A")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert not library.display
        shown = [row for rows in collect_bindings(app.screen).values() for row in rows]
        assert ("L", "Show/hide the library") in shown  # on the help screen


async def test_focusing_the_library_from_the_palette_shows_it(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        library = app.screen.query_one(Library)
        await pilot.press("L")
        await pilot.pause()
        assert not library.display
        await command_chosen(pilot, "focus library")
        assert library.display and library.table.has_focus


async def test_tab_from_the_text_goes_to_the_library_s_list_past_its_filter(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """With a filter typed, tab from the text landed in the filter's field: the j typed next
    to move down the list went into the filter, which then matched nothing."""
    from helpers.app import ready

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.library.focus()
        await pilot.press("slash", *"us wants", "enter", "enter")
        await pilot.pause()
        assert screen.reader.has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert screen.library.table.has_focus
        await pilot.press("j", "shift+tab")
        await pilot.pause()
        assert screen.reader.has_focus
        assert screen.library._filter_text() == "us wants"
        await pilot.press("shift+tab")  # backwards too, to the list
        await pilot.pause()
        assert screen.library.table.has_focus


async def test_the_palette_filters_the_library_shown_at_any_width(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """The library's filter (its / and the footer's "Filter": words, a path, attributes as
    role=migrant) had no command in the palette: "filter" found nothing. Chosen from the
    text, it shows the library, hidden by L or by a terminal too narrow for both panes, and
    the keys typed next filter it."""
    from textual.widgets import Input

    app = make_app(open_file=corpus_copy / DOC)
    for size, hide in (((120, 40), True), ((50, 20), False)):
        async with app.run_test(size=size) as pilot:
            await opened(pilot)
            screen = app.screen
            library = screen.query_one(Library)
            screen.reader.focus()  # type: ignore[attr-defined]
            if hide:
                await pilot.press("L")
            await pilot.pause()
            assert not library.display or library.region.width == 0, size
            await command_chosen(pilot, "library: filter")
            field = library.query_one("#library-filter", Input)
            assert library.display and field.has_focus, size
            await pilot.press(*"us wants")
            await pilot.pause()
            assert field.region.width > 0 and library.table.row_count == 1, size
        app = make_app(open_file=corpus_copy / DOC)
