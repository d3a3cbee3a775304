"""A document the library's first scan has not read yet opens when chosen: it said "x is
still loading" until the scan reached it (on a corpus of thousands, a big file, read last,
could keep the user waiting for seconds), and the scan then takes its facts from the
reader's load, not from a second read of its file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, wait_until

from tui_reader.core.documents.catalog import Scanned
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets import library_listing


async def test_a_row_still_loading_opens_when_chosen(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = threading.Event()
    real_scan = library_listing.scan_facts

    def scan_held(*args: Any, **kwargs: Any) -> Iterator[Scanned]:
        held.wait(10)  # the rows stay "loading…" until the test lets the scan go
        yield from real_scan(*args, **kwargs)

    monkeypatch.setattr(library_listing, "scan_facts", scan_held)
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"doc-{n}.txt").write_text(f"Document number {n}\n\nSome words.\n", "utf-8")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        library = screen.library
        await wait_until(pilot, lambda: len(library.entries) == 3)
        table = library.table
        # the first document opened and its row under the cursor (the library follows the
        # open document: on a loaded machine it came after the key below, and took it back)
        await wait_until(
            pilot,
            lambda: bool(screen.pane.key) and table.keys[table.cursor_row] == screen.pane.key,
        )
        table.focus()
        await wait_until(pilot, lambda: pilot.app.focused is table)
        await pilot.press("down")  # a row of a document not open
        await pilot.pause()
        key = table.keys[table.cursor_row]
        entry = library.entry(key)
        assert entry is not None and entry.loading and key != screen.pane.key
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.pane.key == key)
        document = screen.reader.document
        assert document is not None and document.path.name == Path(key).name
        held.set()
        await wait_until(pilot, lambda: not any(e.loading for e in library.entries))
        entry = library.entry(key)
        assert entry is not None and entry.title == document.text.splitlines()[0]
