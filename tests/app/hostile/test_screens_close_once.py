"""Keys sent fast (the monkey test found these): a screen closed twice, or the palette opened
again while the last one is still closing, never closes the screen under it nor crashes."""

from __future__ import annotations

from helpers.app import AppFactory, command_chosen, ready, wait_until, workers_done
from textual.pilot import Pilot
from textual.screen import Screen

from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.screens.help import HelpScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.reports import ReportsScreen


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
        palette = await _palette_opened(pilot)
        palette.dismiss()
        app.action_command_palette()  # ctrl+p again before the first palette is gone
        await pilot.pause()
        assert isinstance(app.screen, SteadyCommandPalette) and app.screen is not palette
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_palettes_busy_mark_once_its_list_is_gone_does_not_crash(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette_opened(pilot)
        await palette.remove_children()  # as while it closes, its search still running
        palette._show_busy = not palette._show_busy  # its watcher: NoMatches in Textual's
        await pilot.pause()
        palette._list_visible = not palette._list_visible
        await pilot.pause()
        assert app.is_running
        palette.dismiss()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_corpus_search_closed_as_it_opens_does_not_crash(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, CorpusSearchScreen)
        await search.remove_children()  # as when the app quits while the screen mounts
        search._start("Pentagon")  # what its mount does: NoMatches before
        await pilot.pause()
        assert app.is_running


async def test_a_screen_opened_by_keys_sent_before_quitting_does_not_crash_the_quit(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.exit(0)
        app.push_screen(MemoDialog("Journal", "typed"))  # its mount finds its parts gone
    assert app.crash_log is None and app.return_code == 0


async def _palette_opened(pilot: Pilot[None]) -> SteadyCommandPalette:
    """The main screen ready, then the command palette opened on it."""
    await ready(pilot)
    pilot.app.action_command_palette()
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, SteadyCommandPalette)
    return palette


async def test_the_palettes_no_match_pause_ending_once_its_list_is_gone_does_not_crash(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        palette = await _palette_opened(pilot)
        palette._start_no_matches_countdown("zzqx")  # a search that found nothing
        palette._action_cursor_down()
        await palette.remove_children()  # as while it closes, before the pause ends
        palette._action_cursor_down()  # down pressed as it closes
        await pilot.pause(palette._NO_MATCHES_COUNTDOWN + 0.3)
        assert app.is_running and app.crash_log is None
        palette.dismiss()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_dialogs_keys_queued_behind_the_one_that_closed_it_do_not_crash(
    make_app: AppFactory,
) -> None:
    # The monkey in a real terminal: escape twice in the memo editor, the second after the
    # editor was taken down, asked whether text was typed in an editor no longer there
    # (NoMatches, the app stopped); a second ctrl+s would have saved what it opened with.
    saved: list[str] = []
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        dialog = MemoDialog("Journal", "kept", save=lambda text: saved.append(text))  # type: ignore[arg-type,func-returns-value]
        await app.push_screen(dialog)
        await pilot.pause()
        await dialog.dismiss(None)
        await pilot.pause()
        await dialog.remove_children()  # as when it is taken down
        dialog.action_cancel()  # escape queued before it closed
        dialog.action_save()  # ctrl+s queued before it closed
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running
    assert app.crash_log is None and saved == []


# A view or dialog, the key that opens it from the text, and the palette's words for it.
OPENED_AGAIN: list[tuple[str, str, type[Screen[object]]]] = [
    ("R", "reports", ReportsScreen),
    ("T", "codebook", CodebookScreen),
    ("F", "search the whole", CorpusSearchScreen),
    ("J", "journal", MemoDialog),
]


async def test_the_palette_does_not_open_the_screen_on_top_again(make_app: AppFactory) -> None:
    """The palette over a view offered the main screen's keys: "Reports" in the reports
    opened the reports again over them, as many times as asked, until the app crashed with
    a RecursionError some 46 screens deep. Over a view it offers the view's own keys, and
    the journal is not opened over the journal.  Each view in turn on one app, closed before
    the next is opened, and asked for once over itself: the fault stacked a second one at
    once (asking again stacked more); a view whose own key closes it may close."""
    app = make_app()
    async with app.run_test() as pilot:
        main = await ready(pilot)
        for key, command, opened in OPENED_AGAIN:
            await pilot.press(key)
            await wait_until(pilot, lambda o=opened: isinstance(app.screen, o))
            await command_chosen(pilot, command)
            await pilot.pause()
            assert sum(isinstance(s, opened) for s in app.screen_stack) <= 1, command
            while app.screen is not main:
                await app.pop_screen()
            await workers_done(app)
