"""The footer shows the keys of what has the focus, composed again only when they change."""

from __future__ import annotations

from typing import ClassVar

import pytest
from helpers.counting import record_calls
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
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


async def fitted(pilot: Pilot[None]) -> list[FooterKey]:
    """The footer's keys once measured and fitted to its width."""
    footer = pilot.app.screen.query_one(SteadyFooter)
    for _ in range(100):
        keys = footer_keys(pilot.app)
        fitted = [key for key in keys if not key.has_class("-command-palette")]
        if keys and all(key in footer._widths for key in fitted):
            await pilot.pause()
            return keys
        await pilot.pause(0.01)
    raise AssertionError("the footer's keys were not fitted")


async def test_keys_are_shown_or_hidden_without_setting_those_already_so() -> None:
    """A key the footer shows, and shows already, is left as it is: each display set, the
    same as before or not, had Textual lay the whole screen out again (once more at every
    start, the keys all fitting); a key with no room is still hidden."""
    app = TwoFields()
    async with app.run_test(size=(80, 10)) as pilot:
        app.set_focus(app.query_one("#marking"))
        keys = await fitted(pilot)
        assert [k.key for k in keys] == ["ctrl+k", "ctrl+o"]
        assert all(k.display for k in keys)
        assert not any(k.styles.inline.has_rule("display") for k in keys)
        await pilot.resize_terminal(16, 10)  # room for one key of the two
        await pilot.pause()
        keys = await fitted(pilot)
        assert [k.key for k in keys if k.display] == ["ctrl+k"]


class WithPalette(TwoFields):
    ENABLE_COMMAND_PALETTE = True


async def test_each_key_mounts_styled_as_it_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys are styled as they mount, and not again: each key was made compact (its
    default), styled so as it mounted, and styled again when its footer's own look (not
    compact) reached it, every time the footer composed its keys.  The look is Textual's:
    the palette's key compact, the others not."""
    styled = record_calls(monkeypatch, App, "update_styles")
    app = WithPalette()
    async with app.run_test(size=(80, 10)) as pilot:
        app.set_focus(app.query_one("#marking"))
        keys = await fitted(pilot)
        app.set_focus(app.query_one("#plain"))  # composed again: one key fewer
        await pilot.pause()
        keys = await fitted(pilot)
        assert [k.key for k in keys] == ["ctrl+o", "ctrl+p"]
        assert [k.has_class("-compact") for k in keys] == [False, True]
        assert [k.compact for k in keys] == [False, True]
        assert not [node for node, *_ in styled.args if isinstance(node, FooterKey)]
