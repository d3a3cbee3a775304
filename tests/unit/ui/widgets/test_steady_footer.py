"""The footer shows the keys of what has the focus, composed again only when they change."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tui_reader.ui.widgets.steady_footer import SteadyFooter


class Marking(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+k", "mark", "Mark")]


class TwoFields(App[None]):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+o", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Input(id="plain")
        yield Marking(id="marking")
        yield SteadyFooter()


def footer_keys(app: App[None]) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


async def test_the_keys_follow_the_focus_and_are_not_composed_again_for_nothing() -> None:
    app = TwoFields()
    async with app.run_test(size=(80, 10)) as pilot:
        app.set_focus(app.query_one("#plain"))
        await pilot.pause()
        shown = footer_keys(app)
        assert [k.key for k in shown] == ["ctrl+o"]
        for _ in range(3):  # what a screen settling does: the same keys come back
            app.screen.refresh_bindings()
        app.set_focus(app.query_one("#plain"))
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == shown  # the very same widgets: not composed again
        app.set_focus(app.query_one("#marking"))
        await pilot.pause()
        await pilot.pause()
        assert [k.key for k in footer_keys(app)] == ["ctrl+k", "ctrl+o"]
        app.set_focus(app.query_one("#plain"))
        await pilot.pause()
        await pilot.pause()
        assert [k.key for k in footer_keys(app)] == ["ctrl+o"]
