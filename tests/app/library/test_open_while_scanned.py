"""A document the library's first scan has not read yet opens when chosen: it said "x is
still loading" until the scan reached it (on a corpus of thousands, a big file, read last,
could keep the user waiting for seconds), and the scan then takes its facts from the
reader's load, not from a second read of its file; and the cursor moved off the open
document stays when that document is then shown in full."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, wait_until
from helpers.threads import held_until
from textual.pilot import Pilot

from tui_reader.core.documents.catalog import Scanned
from tui_reader.ui.reading_pane import loading
from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets import library_listing


async def test_a_row_still_loading_opens_when_chosen(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = threading.Event()
    real_scan = library_listing.scan_facts

    def scan_held(*args: Any, **kwargs: Any) -> Iterator[Scanned]:
        held_until(held)  # the rows stay "loading…" until the test lets the scan go
        yield from real_scan(*args, **kwargs)

    monkeypatch.setattr(library_listing, "scan_facts", scan_held)
    app = make_app(corpus=_three_documents(tmp_path), db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _down_from_the_open_document(pilot)
        library = screen.library
        table = library.table
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


async def test_the_cursor_moved_off_the_open_document_stays_when_it_is_shown_in_full(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The library's cursor stays where the user moved it when the open document, shown
    first by its beginning, is then shown in full: it went back to the open document's row,
    so a ``j`` typed while a long document loaded was undone a moment later."""
    app = make_app(corpus=_three_documents(tmp_path), db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _down_from_the_open_document(pilot)
        table = screen.library.table
        opened, moved = screen.pane.key, table.keys[table.cursor_row]
        assert moved != opened
        # the open document shown in full (or again, its file changed) after the key
        for preview, changed in ((False, False), (False, True)):
            screen.post_message(ReadingColumn.Opened(opened, preview, changed))
            await pilot.pause()
            assert table.keys[table.cursor_row] == moved
        # another document opened (a link, a hit): the cursor goes to its row
        other = next(k for k in table.keys if k not in (opened, moved))
        screen.open_document(other)
        await wait_until(pilot, lambda: screen.pane.key == other)
        await pilot.pause()
        assert table.keys[table.cursor_row] == other


async def test_the_cursor_moved_before_the_first_document_opens_stays(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a first start (no document read before), the library has the focus while the first
    file opens: a ``j`` typed before it showed (a big file, a slow machine) was undone when
    it did, the cursor taken back to its row.  It stays where the user moved it."""
    held = threading.Event()
    real_preview = loading.load_preview

    def preview_held(*args: Any, **kwargs: Any) -> Any:
        held_until(held)  # the first document opens once the test lets it
        return real_preview(*args, **kwargs)

    monkeypatch.setattr(loading, "load_preview", preview_held)
    corpus = _three_documents(tmp_path)
    first = corpus / "doc-0.txt"  # too big to open at once: its load goes to a worker
    first.write_text("Document number 0\n\n" + "Some words. " * 30_000, "utf-8")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        library, table = screen.library, screen.library.table
        await wait_until(pilot, lambda: len(library.entries) == 3)
        await wait_until(pilot, lambda: pilot.app.focused is table)
        assert table.cursor_key == "c/doc-0.txt" and not screen.pane.key
        await pilot.press("down")
        assert table.cursor_key == "c/doc-1.txt"
        held.set()
        await wait_until(pilot, lambda: library.current == "c/doc-0.txt")
        await wait_until(pilot, lambda: not screen.pane.previewing)
        assert screen.pane.key == "c/doc-0.txt"
        assert table.cursor_key == "c/doc-1.txt"


def _three_documents(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"doc-{n}.txt").write_text(f"Document number {n}\n\nSome words.\n", "utf-8")
    return corpus


async def _down_from_the_open_document(pilot: Pilot[object]) -> MainScreen:
    """The main screen once the first document has opened with its row under the library's
    cursor, the library told of it (the pane has the document's key before the library has
    its message: on a loaded machine the message came after the key below, and a message
    the test posts could come before it), ``down`` pressed in the library."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    library = screen.library
    await wait_until(pilot, lambda: len(library.entries) == 3)
    table = library.table
    await wait_until(
        pilot,
        lambda: (
            bool(screen.pane.key)
            and library.current == screen.pane.key
            and table.keys[table.cursor_row] == screen.pane.key
        ),
    )
    table.focus()
    await wait_until(pilot, lambda: pilot.app.focused is table)
    await pilot.press("down")  # a row of a document not open
    await pilot.pause()
    return screen
