"""A page key that reaches an option list before its new options are laid out does nothing
(Textual's ``OptionList`` raises ``KeyError`` there: the monkey test crashed the app so); a list
with no room for its options' text does not stop the app (``ui/textual_guards.py``)."""

from __future__ import annotations

from pathlib import Path

from helpers.app import palette_searched, ready, wait_until
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import OptionList

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.widgets.steady_option_list import SteadyOptionList


class Harness(App[None]):
    def compose(self) -> ComposeResult:
        yield SteadyOptionList()


async def test_page_keys_before_the_options_are_laid_out_do_nothing() -> None:
    app = Harness()
    async with app.run_test(size=(60, 20)) as pilot:
        options = app.query_one(SteadyOptionList)
        assert isinstance(options, OptionList)
        options.add_options([f"option {i}" for i in range(50)])
        options.highlighted = 10
        options._index_to_line.clear()  # as between new options and their layout
        options.action_page_up()
        options.action_page_down()
        await pilot.pause()
        assert app.is_running and options.highlighted is not None
        await pilot.press("pagedown")  # laid out now: pages move again
        assert options.highlighted > 10


class Narrow(App[None]):
    CSS = "SteadyOptionList { width: 4; }"  # its border leaves 2 cells: its padding takes both

    def compose(self) -> ComposeResult:
        yield SteadyOptionList()


async def test_options_added_to_a_list_with_no_room_for_their_text_do_not_stop_the_app() -> None:
    """A list left no cell for an option's text (a terminal made 20 columns wide showed the
    codebook's passages so) crashed the app: Textual wrapped each option at a width of 0
    (``ValueError: range() arg 3 must not be zero``).  They are laid out once there is room."""
    app = Narrow()
    async with app.run_test(size=(60, 20)) as pilot:
        options = app.query_one(SteadyOptionList)
        options.add_options([f"option number {i}" for i in range(5)])
        options.highlighted = 2
        await pilot.pause()
        assert app.is_running
        options.styles.width = 30
        await pilot.pause()
        await pilot.pause()
        assert options.option_count == 5 and options.highlighted == 2
        assert options._line_cache.index_to_line[4] > 0  # laid out


async def test_the_command_palette_in_a_terminal_a_few_columns_wide(tmp_path: Path) -> None:
    """The command palette opened in a terminal 6 columns wide stopped the app: its list (not
    one of ours: Textual's) had no room for its commands' text, as above."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nSome words.\n")
    app = ReaderApp(corpus, tmp_path / "db.json", corpus / "a.txt")
    async with app.run_test(size=(6, 8)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"co")
        await palette_searched(pilot)  # the commands found and listed
        assert app.is_running
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
