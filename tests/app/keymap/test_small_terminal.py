"""The help and the palette on a small terminal (20x6, 20x8): what they are for is in view."""

from __future__ import annotations

from helpers.app import (
    AppFactory,
    burst,
    palette_searched,
    reader_focused,
    ready,
    screen_opened_by,
    terminal_lines,
    wait_until,
)
from helpers.passages import Annotated

from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.document_details import DocumentDetails
from tui_reader.ui.screens.help import HelpScreen


async def test_the_help_at_20x6_shows_its_keys(make_app: AppFactory) -> None:
    """At 20x6 the help's box, its padding and its title's margin took the two lines it had:
    an empty box, and j scrolled nothing into view; a key's words had a cell or two ("Q" for
    Quit)."""
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        shown = "\n".join(terminal_lines(app))
        assert "tui-reader" in shown, shown
        body = app.screen.query_one("#help-body")
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: body.scroll_y == 3)
        await wait_until(pilot, lambda: any("q Quit" in line for line in terminal_lines(app)))


async def test_the_palette_at_20x8_shows_the_commands_found(make_app: AppFactory) -> None:
    """At 20x8 the palette's field, under Textual's margin of three lines and between its
    blank borders, reached the last line: the commands found were all out of view."""
    app = make_app()
    async with app.run_test(size=(20, 8)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await burst(pilot, ["e", "x", "p"])
        await palette_searched(pilot)
        await wait_until(pilot, lambda: any("Export" in line for line in terminal_lines(app)))


async def test_the_search_typed_at_20x6_is_in_view(
    make_app: AppFactory, annotated: Annotated
) -> None:
    """At 20x6, the caret on a passage (its tags on a line under the text), the search's
    field, three lines high, showed its top border alone: what was typed was out of view."""
    app = make_app(db=annotated.db)
    async with app.run_test(size=(20, 6)) as pilot:
        await reader_focused(pilot)
        await pilot.press("right_square_bracket")
        await pilot.press("slash", *"zqx")
        await wait_until(pilot, lambda: any("zqx" in line for line in terminal_lines(app)))


async def test_the_corpus_search_at_20x6_shows_its_hits(make_app: AppFactory) -> None:
    """At 20x6 the corpus search's query, three lines high, and the hits' borders took every
    line: the hits had none, and down to them showed two borders and nothing between."""
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await pilot.press(*"Mexico")
        hits = screen.result_list
        await wait_until(pilot, lambda: hits.option_count > 1)
        await pilot.press("down")
        await wait_until(pilot, lambda: hits.has_focus)
        assert hits.content_region.height >= 2, hits.content_region


async def test_the_codebook_filter_typed_at_20x6_is_in_view(
    make_app: AppFactory, annotated: Annotated
) -> None:
    """At 20x6 the codebook's filter, three lines high in the tags' one line over its rule,
    showed a blank line: what was typed was out of view."""
    app = make_app(db=annotated.db)
    async with app.run_test(size=(20, 6)) as pilot:
        await screen_opened_by(pilot, "T", CodebookScreen)
        await pilot.press("slash", "z", "q")
        await wait_until(pilot, lambda: any(line.strip() == "zq" for line in terminal_lines(app)))


async def test_an_attribute_typed_in_the_details_at_20x6_is_in_view(make_app: AppFactory) -> None:
    """At 20x6 the details' field and the two lines said under it, docked at the box's
    foot, were taller than the box: the field was cut off, what was typed out of view."""
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await screen_opened_by(pilot, "i", DocumentDetails, from_reader=True)
        await pilot.press("tab", "a", *"zq=1")
        await wait_until(pilot, lambda: any("zq=1" in line for line in terminal_lines(app)))
