"""Keys sent fast (the monkey test found these): a screen closed twice, or the palette opened
again while the last one is still closing, never closes the screen under it nor crashes."""

from __future__ import annotations

from helpers.app import AppFactory, ready

from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen


async def test_a_screen_dismissed_twice_closes_only_itself(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        help_screen.dismiss()
        help_screen.dismiss()  # a second escape queued before the first closed it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_the_palette_opened_again_while_closing_does_not_crash(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_command_palette()
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SteadyCommandPalette)
        palette.dismiss()
        app.action_command_palette()  # ctrl+p again before the first palette is gone
        await pilot.pause()
        assert isinstance(app.screen, SteadyCommandPalette) and app.screen is not palette
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
