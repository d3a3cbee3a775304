"""``/`` back to a field that holds text (the query view's query, the corpus search's, the
library's and the codebook's filters) keeps the text, the cursor after it, so that what is
typed next refines it; a dialog opened to replace one value (a rename) offers it selected."""

from __future__ import annotations

from helpers.analysis import analysis_app, query_view_opened
from helpers.app import ready, screen_opened_by, wait_until
from helpers.passages import Annotated
from textual.widgets import Input

from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog

SIZE = (110, 36)


async def test_slash_in_the_query_view_refines_the_query(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await query_view_opened(pilot)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await pilot.press("slash", *" AND NOT policy")
        assert screen.input.value == "militarization AND NOT policy"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.running and len(screen.matches) == 2)


async def test_slash_in_the_corpus_search_refines_its_query(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_opened_by(pilot, "F", CorpusSearchScreen)
        await pilot.press(*"the")
        await wait_until(pilot, lambda: screen.results is not None and bool(screen.results.hits))
        await pilot.press("down")
        assert screen.result_list.has_focus
        await pilot.press("slash", *" region")
        assert screen.query_input.value == "the region"


async def test_slash_in_the_library_and_the_codebook_refines_the_filter(
    annotated: Annotated,
) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.library.table.focus()
        await pilot.press("slash", *"mex", "enter")
        await wait_until(pilot, lambda: main.library.table.has_focus)
        await pilot.press("slash", *"ico")
        field = main.library.query_one("#library-filter", Input)
        assert field.value == "mexico"
        await pilot.press("escape")

        codebook = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not codebook.placing)
        await pilot.press("slash", *"mili", "enter")
        await wait_until(pilot, lambda: codebook.tag_tree.has_focus)
        await pilot.press("slash", *"tarization")
        assert codebook.query_one("#codebook-filter", Input).value == "militarization"
        await pilot.press("enter")
        await wait_until(pilot, lambda: codebook.tag_tree.has_focus)
        await pilot.press("r")  # rename: the old name is offered to type over
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        await pilot.pause()
        await pilot.press(*"army")
        assert app.screen.query_one("#tag-name", Input).value == "army"
