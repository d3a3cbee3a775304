"""The views' header: a title change while a view closes (its title widget already taken down)
stopped the app with Textual's ``Header`` (``NoMatches``, found by the monkey in a real
terminal); ``ViewHeader`` lets the closing view be, and shows titles as ``Header`` does."""

from __future__ import annotations

import pytest
from helpers.counting import record_calls
from textual.app import App, ComposeResult
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from tui_reader.ui.widgets.view_header import ViewHeader


class _Titled(App[None]):
    def __init__(self, header: type[Header]) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        yield self.header()


@pytest.mark.asyncio
async def test_a_title_changed_while_the_header_is_taken_down_does_not_stop_the_app() -> None:
    app = _Titled(ViewHeader)
    async with app.run_test() as pilot:
        await app.query_one(HeaderTitle).remove()  # as while its view closes
        app.title = "another document"
        app.sub_title = "p. 3"
        await pilot.pause(0.1)
        assert app.is_running
    assert app._exception is None


@pytest.mark.asyncio
async def test_textuals_header_stops_the_app_there() -> None:
    # What the guard is for: if Textual's own header comes to pass over it, this fails and
    # ViewHeader can go.
    app = _Titled(Header)
    with pytest.raises(Exception, match="HeaderTitle"):
        async with app.run_test() as pilot:
            await app.query_one(HeaderTitle).remove()
            app.title = "another document"
            await pilot.pause(0.1)


@pytest.mark.asyncio
async def test_the_title_shows_as_before() -> None:
    app = _Titled(ViewHeader)
    async with app.run_test() as pilot:
        app.title = "Field report"
        app.sub_title = "p. 3"
        await pilot.pause(0.1)
        shown = str(app.query_one(HeaderTitle).render())
        assert "Field report" in shown and "p. 3" in shown


@pytest.mark.asyncio
async def test_the_title_is_set_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The header watches four titles (the app's and the view's, each with its subtitle) and
    set its title again at each, four times as it showed, the same text each time: each an
    update of the title's text and a layout of the screen asked for."""
    updates = record_calls(monkeypatch, HeaderTitle, "update")
    app = _Titled(ViewHeader)
    async with app.run_test() as pilot:
        await pilot.pause(0.1)
        assert len(updates.args) == 1
        app.sub_title = "p. 3"
        app.title = app.title  # the same: nothing to set
        await pilot.pause(0.1)
        assert len(updates.args) == 2
        assert "p. 3" in str(app.query_one(HeaderTitle).render())
