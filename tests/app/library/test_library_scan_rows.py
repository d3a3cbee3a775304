"""The library's rows fill in from the scan, in one go per batch: the rows on screen are
drawn again with their facts, the rest when scrolled to; counts and shares coded come with
them, on a first start; on a second one every row comes whole with the listing (facts from
the cache), before the scan reads anything."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, ready, wait_until
from helpers.threads import held_until

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.catalog import Scanned
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets import library_listing as library_listing

COUNT = 120
TEXT = "Document number {n}\n\nSome words about the border.\n"


def corpus_of(folder: Path) -> Path:
    folder.mkdir()
    for n in range(COUNT):
        (folder / f"doc-{n:03}.txt").write_text(TEXT.format(n=n))
    return folder


def row_text(screen: MainScreen, row: int) -> str:
    table = screen.library.table
    top = int(table.scroll_y)
    return " ".join(table.render_line(y - top).text for y in (2 * row, 2 * row + 1))


async def test_rows_fill_in_with_facts_counts_and_shares_on_every_start(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = threading.Event()
    real_scan = library_listing.scan_facts

    def scan_after_the_rows_are_drawn(*args: Any, **kwargs: Any) -> Iterator[Scanned]:
        held_until(held)
        yield from real_scan(*args, **kwargs)

    monkeypatch.setattr(library_listing, "scan_facts", scan_after_the_rows_are_drawn)
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        for n in (0, COUNT - 1):
            text = TEXT.format(n=n)
            start = text.index("border")
            store.put(make_annotation(f"c/doc-{n:03}.txt", text, start, start + 6, "", ("b",)))
    for start in range(2):  # the second start takes the facts from the cache
        held.clear()
        app = make_app(corpus=corpus, db=db)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
            screen = pilot.app.screen
            assert isinstance(screen, MainScreen)
            library = screen.library
            await wait_until(pilot, lambda lib=library: len(lib.entries) == COUNT)
            await pilot.pause()
            if start == 0:
                assert "loading" in row_text(screen, 0)  # drawn before its facts came
            else:  # listed with them: every row whole before the scan reads a file
                assert "Document number 0" in row_text(screen, 0) and "1 ann" in row_text(screen, 0)
                assert not any(e.loading for e in library.entries)
                assert library.entries[-1].title == f"Document number {COUNT - 1}"
            held.set()
            await wait_until(pilot, lambda lib=library: not any(e.loading for e in lib.entries))
            assert "Document number 0" in row_text(screen, 0)  # drawn again with them
            await ready(pilot)
            await wait_until(pilot, lambda lib=library: not any(e.loading for e in lib.entries))
            await pilot.pause()
            entries = library.entries
            assert [e.title for e in entries] == [f"Document number {n}" for n in range(COUNT)]
            assert [e.annotations for e in entries if e.annotations] == [1, 1]
            assert entries[0].coverage > 0 and entries[1].coverage == 0
            assert "Document number 0" in row_text(screen, 0)
            assert "1 ann" in row_text(screen, 0) and "loading" not in row_text(screen, 1)
            library.table.focus()
            await pilot.press("G")
            await pilot.pause()
            last = row_text(screen, COUNT - 1)
            assert f"Document number {COUNT - 1}" in last and "1 ann" in last
