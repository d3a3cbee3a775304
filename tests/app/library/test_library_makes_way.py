"""While a corpus search runs (it holds the foreground: :mod:`tui_reader.ui.foreground`), a
big library's rows wait to be made and its timer starts no listing: the UI thread and the
interpreter are the search's.  Once the search has ended, both come.  A small library's rows,
made in a frame, never wait."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest
from helpers.app import AppFactory, main_screen, ready, wait_until
from helpers.texts import later

from tui_reader.ui.foreground import FOREGROUND, Foreground
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library import STEPS_ASIDE_FROM

TEXT = "Document number {n}\n\nSome words about the border and the checkpoints.\n"


def corpus_of(folder: Path, count: int = 3) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"doc-{n}.txt").write_text(TEXT.format(n=n))
    return folder


async def test_the_listing_waits_for_a_search_running_then_comes(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = corpus_of(tmp_path / "c", STEPS_ASIDE_FROM)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    with ExitStack() as search:
        search.enter_context(FOREGROUND.running())
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await main_screen(pilot)
            await wait_until(pilot, lambda: screen.workspace.listing_generation == 1)
            await pilot.pause(0.3)
            assert not screen.library.listed and screen.library.entries == []
            search.close()  # the search ended
            await wait_until(pilot, lambda: len(screen.library.entries) == STEPS_ASIDE_FROM)
            assert screen.library.listed


async def test_a_small_library_is_listed_and_read_while_a_search_runs(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six documents showed "loading…" for seconds on a loaded machine while a corpus search
    typed at once ran: the listing and each document's facts waited for the search, though
    they take a frame or two.  A library that small waits for nothing."""
    stepped_aside = Foreground.step_aside

    def waits_while_it_runs(self: Foreground, stop: Callable[[], bool], longest: float = 0) -> None:
        stepped_aside(self, stop, longest=600)  # as long as the search runs, however long

    monkeypatch.setattr(Foreground, "step_aside", waits_while_it_runs)
    app = make_app(corpus=corpus_of(tmp_path / "c", 6), db=tmp_path / "annotations.json")
    with FOREGROUND.running():
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await main_screen(pilot)
            library = screen.library
            await wait_until(pilot, lambda: len(library.entries) == 6 and library.listed)
            await wait_until(pilot, lambda: not any(e.loading for e in library.entries))


async def test_no_relisting_starts_while_a_search_runs(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = corpus_of(tmp_path / "c")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        (corpus / "new.txt").write_text(TEXT.format(n=9))
        later(corpus)  # the change shows in the mtime even on a coarse clock
        generation = screen.workspace.listing_generation
        with FOREGROUND.running():
            screen.library._relist_if_changed()  # what its timer does
            await pilot.pause(0.2)
            assert screen.workspace.listing_generation == generation  # not listed again
        screen.library._relist_if_changed()  # the next tick, the search over
        await wait_until(pilot, lambda: screen.library.entry("c/new.txt") is not None)
        assert screen.workspace.listing_generation == generation + 1
