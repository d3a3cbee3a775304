"""While a corpus search runs (it holds the foreground: :mod:`tui_reader.ui.foreground`), the
library's rows wait to be made and its timer starts no listing: the UI thread and the
interpreter are the search's.  Once the search has ended, both come."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from helpers.app import AppFactory, main_screen, ready, wait_until
from helpers.texts import later

from tui_reader.ui.foreground import FOREGROUND
from tui_reader.ui.screens.main import MainScreen

TEXT = "Document number {n}\n\nSome words about the border and the checkpoints.\n"


def corpus_of(folder: Path, count: int = 3) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"doc-{n}.txt").write_text(TEXT.format(n=n))
    return folder


async def test_the_listing_waits_for_a_search_running_then_comes(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(corpus=corpus_of(tmp_path / "c"), db=tmp_path / "annotations.json")
    with ExitStack() as search:
        search.enter_context(FOREGROUND.running())
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await main_screen(pilot)
            await wait_until(pilot, lambda: screen.workspace.listing_generation == 1)
            await pilot.pause(0.3)
            assert not screen.library.listed and screen.library.entries == []
            search.close()  # the search ended
            await wait_until(pilot, lambda: len(screen.library.entries) == 3)
            assert screen.library.listed


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
