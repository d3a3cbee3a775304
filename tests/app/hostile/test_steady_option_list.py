"""A page key that reaches an option list before its new options are laid out does nothing
(Textual's ``OptionList`` raises ``KeyError`` there: the monkey test crashed the app so)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList

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
