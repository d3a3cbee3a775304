"""The first screen shows the document: a small text (or one already in memory) opens at
once, with no worker and no frame painted without it; a bigger one still loads in a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.counting import count_calls

from tui_reader.ui.reading_pane.loading import QUICK_BYTES, DocumentLoader
from tui_reader.ui.screens.main import MainScreen


def corpus_of(folder: Path, sizes: dict[str, int]) -> Path:
    folder.mkdir()
    for name, size in sizes.items():
        body = ("Some words of the body here. " * (size // 29 + 1))[:size]
        (folder / name).write_text(f"Title of {name}\n\n{body}\n", "utf-8")
    return folder


async def test_a_small_text_is_open_when_the_screen_is_mounted(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c", {"small.txt": 2_000})
    started = count_calls(monkeypatch, DocumentLoader, "start")
    app = make_app(corpus=corpus, open_file=corpus / "small.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # No pause for a worker: the screen's own mount opened it.
        document = screen.reader.document
        assert document is not None and document.title == "Title of small.txt"
        assert started.calls == 0


async def test_a_bigger_text_loads_in_a_worker_and_one_in_memory_opens_at_once(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c", {"a-big.txt": QUICK_BYTES + 1_000, "b-small.txt": 100})
    started = count_calls(monkeypatch, DocumentLoader, "start")
    app = make_app(corpus=corpus, open_file=corpus / "a-big.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.reader.document is not None
        assert screen.reader.document.title == "Title of a-big.txt"
        assert started.calls == 1
        await pilot.press(">")  # the next document: small, at once
        assert screen.pane.key == "c/b-small.txt" and started.calls == 1
        await pilot.press("<")  # back to the big one: in memory, at once
        assert screen.reader.document.title == "Title of a-big.txt"
        assert started.calls == 1
