"""The main screen's footer while another screen covers it."""

from __future__ import annotations

import asyncio

import pytest
from helpers.app import AppFactory, ready, wait_until

from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
from tui_reader.ui.widgets.steady_footer import SteadyFooter


async def test_keys_composed_as_a_screen_covers_them_are_fitted_once_it_closes(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main screen's footer composes its keys again as the corpus search opens over it
    (the focus moved as the app started, F typed meanwhile): the main screen, not drawn,
    does not lay the new keys out, and the footer asked to fit them again after each
    refresh of the search, about a thousand times a second on the UI thread, for as long as
    the search stayed open.  They are fitted once the main screen shows again.  (The app is
    left to run by itself meanwhile, as in a terminal: Pilot's pauses lay the screens out.)"""
    fitted: list[SteadyFooter] = []  # each footer fitting its keys, once a time
    real_fit = SteadyFooter._fit

    def fit(footer: SteadyFooter) -> None:
        fitted.append(footer)
        real_fit(footer)

    monkeypatch.setattr(SteadyFooter, "_fit", fit)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        footer = main.query_one(SteadyFooter)
        footer._shown = None  # the keys to show changed ...
        footer.call_later(footer.bindings_changed, main)  # ... as the footer is told
        search = CorpusSearchScreen(main.workspace)
        app.push_screen(search)  # ... and the search opens
        for _ in range(250):
            await asyncio.sleep(0.02)
            if app.screen is search and footer._shown is not None:  # composed again
                break
        await asyncio.sleep(0.2)
        covered = fitted.count(footer)
        for _ in range(10):  # the search drawn again, ten times
            search.refresh()
            await asyncio.sleep(0.03)
        # nothing changed under the search: not fitted again (once at most, late on a busy
        # machine; it was after each of the search's refreshes, and more)
        assert fitted.count(footer) - covered <= 1
        search.action_close()
        await wait_until(pilot, lambda: app.screen is main)
        keys = [key for key in footer.children if not key.has_class("-command-palette")]
        await wait_until(pilot, lambda: all(key in footer._widths for key in keys))
