"""The parts of the main screen hidden at start (the search prompt, the library's filter and
progress bar) are mounted when first shown: the first screen styles fewer widgets, and each
key still opens its part, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready
from textual.widgets import Input, ProgressBar

from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.widgets.library import PROGRESS_STEPS, SHOW_PROGRESS_FROM


def corpus_of(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"doc-{n:03}.txt").write_text(f"Document number {n}\n\nSome words.\n")
    return folder


async def test_slash_mounts_the_search_prompt_and_the_filter_once(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(corpus=corpus_of(tmp_path / "c", 3))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert not screen.query("#search") and not screen.query("#library-filter")
        for _ in range(2):
            screen.reader.focus()
            await pilot.press("slash", *"number", "escape")
            screen.library.table.focus()
            await pilot.press("slash", *"002")
            await pilot.pause()
            assert screen.library.table.keys == ["c/doc-002.txt"]
            await pilot.press("escape")
        assert len(list(screen.query("#search").results(Input))) == 1
        assert len(list(screen.query("#library-filter").results(Input))) == 1


async def test_the_progress_bar_is_mounted_only_for_a_long_library(
    make_app: AppFactory, tmp_path: Path
) -> None:
    for count, mounted in ((3, False), (SHOW_PROGRESS_FROM + 1, True)):
        corpus = corpus_of(tmp_path / f"c{count}", count)
        app = make_app(corpus=corpus, db=tmp_path / f"db{count}.json")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await ready(pilot)
            bars = list(screen.library.query("#library-progress").results(ProgressBar))
            assert bool(bars) is mounted
            assert not any(bar.display for bar in bars)  # hidden once every file is listed


async def test_slash_while_the_screen_is_taken_down_is_no_crash(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The monkey typed "/" into a screen that a quit was taking down: mounting the filter
    into a detached library raised (the app crashed with exit status 1)."""
    app = make_app(corpus=corpus_of(tmp_path / "c", 3))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = screen.library
        await library.remove()
        library.action_filter()  # raised MountError: "Can't mount widget(s) before ..."
        assert not library.query("#library-filter")
        column = ReadingColumn(app.workspace)  # a column not (or no more) attached
        column.start_search()
        assert not column.query("#search")


async def test_the_progress_bar_moves_by_a_per_cent_not_at_each_batch(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan hands its facts over twenty times a second; the bar moved at each handing
    over, laid out and painted again each time (a first scan of 10,000 files: 500 moves,
    0.2 s of the UI thread's CPU taken from the scan).  It moves when the share it shows
    changes, and ends at the last file, hidden."""
    from functools import partial

    from tui_reader.ui.widgets import library_listing

    count = 2 * PROGRESS_STEPS + 50  # every file handed over alone: more than a move each
    monkeypatch.setattr(
        library_listing, "scan_in_batches", partial(library_listing.scan_in_batches, every=0.0)
    )
    moves: list[float] = []  # the bar's progress at each move
    watch = ProgressBar._watch_progress

    def moved(bar: ProgressBar, progress: float) -> None:  # (Textual counts its parameters)
        moves.append(progress)
        watch(bar, progress)

    monkeypatch.setattr(ProgressBar, "_watch_progress", moved)
    app = make_app(corpus=corpus_of(tmp_path / "c", count))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        bar = next(screen.library.query("#library-progress").results(ProgressBar))
        assert (bar.progress, bar.total, bar.display) == (count, count, False)
        assert moves == sorted(moves) and moves[-1] == count
        assert 2 <= len(moves) <= PROGRESS_STEPS + 1  # a move a per cent, its end
