"""The codebook's footer says what esc does where the focus is: it read "esc Back / close"
whether esc was to clear the filter, leave the passages for their tag or close the codebook."""

from __future__ import annotations

import pytest
from helpers.app import bottom_line, ready, screen_opened_by, wait_until
from helpers.passages import Annotated
from textual.geometry import Size
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.steady_footer import SteadyFooter


async def footer_says(pilot: Pilot[int], *words: str) -> str:
    """The footer's line once it holds each of ``words`` (a footer laid out again as the
    screen settles may show fewer keys for a frame)."""
    await wait_until(pilot, lambda: all(w in bottom_line(pilot.app) for w in words))
    return bottom_line(pilot.app)


async def codebook_opened(pilot: Pilot[int]) -> CodebookScreen:
    await ready(pilot)
    screen = await screen_opened_by(pilot, "T", CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing)
    return screen


async def test_esc_is_offered_as_what_it_does_there(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await codebook_opened(pilot)
        line = await footer_says(pilot, "esc Close")
        assert "Back" not in line and "Clear" not in line, line
        await pilot.press("enter")  # to the passages of the tag
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        line = await footer_says(pilot, "esc Back to tags")
        assert "Close" not in line, line
        await pilot.press("slash")
        await wait_until(pilot, lambda: screen.filter_field.has_focus)
        line = await footer_says(pilot, "esc Clear filter", "⏎ Keep filter")
        assert "Close" not in line and "Back" not in line, line
        assert "/ Filter" not in line, line  # (/ types a slash there)
        await pilot.press(*"zz", "escape")  # the filter cleared, the tags again
        await wait_until(pilot, lambda: screen.tag_tree.has_focus)
        assert screen.filter_field.value == "" and app.screen is screen
        await footer_says(pilot, "esc Close")
        await pilot.press("enter", "escape")  # the passages, then back to the tags
        await wait_until(pilot, lambda: screen.tag_tree.has_focus)
        assert app.screen is screen
        await pilot.press("escape")  # closed
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_at_60_columns_esc_is_offered_with_the_help(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(60, 30)) as pilot:
        screen = await codebook_opened(pilot)
        await footer_says(pilot, "esc Close", "? Help")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        await footer_says(pilot, "esc Back to tags", "? Help")


async def test_at_60_columns_the_keys_leave_the_palettes_cells_before_its_size_is_known(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The footer fitted its keys once laid out, while the palette's key, laid out at its
    right, had not yet been told its size (a busy machine): the keys took its cells too, "m
    Merge in" was cut under it and "? Help" hidden.  The fit counts the palette's cells as
    laid out."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(60, 30)) as pilot:
        await codebook_opened(pilot)
        await footer_says(pilot, "esc Close", "? Help")
        monkeypatch.setattr(FooterKey, "outer_size", property(lambda _key: Size(0, 0)))
        app.screen.query_one(SteadyFooter)._fit()  # as it runs once the footer is laid out
        await pilot.pause()
        line = await footer_says(pilot, "esc Close", "? Help", "^p")
        assert "Merge" not in line, line
