"""Translucent screens (dialogs, the help, the palette) stacked draw each the screen directly
below it, however each was last drawn: never one above it, so never two drawing each other
until Python's limit (a ``RecursionError`` that ended the app under random keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.app import main_screen
from textual.pilot import Pilot
from textual.screen import Screen

from tui_reader.ui.app import ReaderApp, _drawn_beneath
from tui_reader.ui.screens.confirm import ConfirmScreen


def _drawn_again_from_what_they_kept(app: ReaderApp, screens: list[Screen[Any]]) -> None:
    """Each of ``screens`` (translucent, bottom first, the top one on show) drawn anew; then
    the lowest refreshed (as a resize, or a change of its own, refreshes a screen below the
    top one), and those above it marked to draw their lines again without a refresh, as
    Textual marks a screen below the top one when a part of it changes (and the top one as
    it was marked while another covered it); then the top one drawn whole, as Textual draws
    the screen on show (a headless app draws nothing of its own).  The screens above the
    lowest draw what they kept beneath them; the lowest, drawn anew, took one above it."""
    for screen in screens:
        screen.refresh()
    app.export_screenshot()
    screens[0].refresh()
    for screen in screens[1:]:
        screen._set_dirty()  # Textual's own marking of a screen below the top one
    app.export_screenshot()


async def _stacked(pilot: Pilot[object], screens: list[Screen[Any]]) -> None:
    for screen in screens:
        await pilot.app.push_screen(screen)
        await pilot.pause()


async def test_screens_drawn_again_from_what_they_kept_draw_the_screen_below_them(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Three questions over the main screen: the lowest drew the middle one beneath it, and
    the middle one the lowest, until the RecursionError."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json")
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        questions: list[Screen[Any]] = [ConfirmScreen(f"Question {n}?", f"Q{n}") for n in "123"]
        await _stacked(pilot, questions)
        lowest, middle, _ = questions

        _drawn_again_from_what_they_kept(app, questions)

        assert [_drawn_beneath(q) for q in questions] == [main, lowest, middle]
        await pilot.pause()
        assert app.is_running and app._exception is None


async def test_after_a_resize_too_each_question_draws_the_screen_below_it(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """The random keys resize the terminal now and then: a resize reaches every screen below
    the top one, and each question still draws the screen directly below it."""
    app = ReaderApp(corpus_copy, tmp_path / "db.json")
    async with app.run_test(size=(100, 30)) as pilot:
        main = await main_screen(pilot)
        questions: list[Screen[Any]] = [ConfirmScreen(f"Question {n}?", f"Q{n}") for n in "1234"]
        await _stacked(pilot, questions)
        for width, height in ((80, 24), (120, 40)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            _drawn_again_from_what_they_kept(app, questions)
            assert [_drawn_beneath(q) for q in questions] == [main, *questions[:-1]]
        assert app.is_running and app._exception is None
