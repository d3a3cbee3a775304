"""At start, the library shows the listing's first rows as the last run kept them while it
lists the corpus (10,000 files: a fifth of a second), when nothing changed them since; then
the whole listing, as it would have been."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from helpers.app import AppFactory, opened, ready, wait_until
from helpers.counting import held_calls
from textual.pilot import Pilot

from tui_reader.core.documents import corpus as corpus_module
from tui_reader.ui.screens.main import MainScreen

OLD = 1_700_000_000_000_000_000  # a folder's time long past (ns): not changed a moment ago


def corpus_of(folder: Path, count: int = 5) -> Path:
    for n in range(count):
        path = folder / ("" if n < 3 else "later") / f"doc-{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Document number {n}\n\nSome words about the border.\n")
    _aged(folder)
    return folder


def _aged(folder: Path) -> None:
    for n, each in enumerate([folder, *(p for p in folder.rglob("*") if p.is_dir())]):
        os.utime(each, ns=(OLD + n, OLD + n))


async def _first_start(make_app: AppFactory, corpus: Path, db: Path) -> list[str]:
    """A first start: every file's facts read and kept; the titles listed."""
    async with make_app(corpus=corpus, db=db).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        return [e.title for e in screen.library.entries]


@contextlib.asynccontextmanager
async def _held_start(
    make_app: AppFactory, corpus: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Pilot[int], MainScreen, threading.Event]]:
    """Another start, its listing of the corpus held until the event is set."""
    held = held_calls(monkeypatch, corpus_module, "list_corpus_files", 10)
    async with make_app(corpus=corpus, db=db).run_test(size=(120, 40)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        yield pilot, screen, held


async def test_the_first_rows_show_while_the_corpus_is_listed(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    titles = await _first_start(make_app, corpus, db)
    assert titles == [f"Document number {n}" for n in range(5)]
    async with _held_start(make_app, corpus, db, monkeypatch) as (pilot, screen, held):
        library = screen.library
        await wait_until(pilot, lambda: bool(library.entries))
        assert not library.listed  # the listing still held
        assert [e.title for e in library.entries] == titles  # with their facts
        assert library.table.row_count == 5
        assert "Document number 0" in library.cell("c/doc-0.txt").plain
        assert screen.reader.document is None  # the first file opens once listed
        held.set()
        reader = await opened(pilot)
        assert reader.document is not None and reader.document.title == "Document number 0"
        await wait_until(pilot, lambda: library.listed)
        assert [e.title for e in library.entries] == titles


async def test_no_rows_show_before_the_listing_when_a_folder_changed(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    await _first_start(make_app, corpus, db)
    (corpus / "later" / "doc-0.txt").write_text("Sorted first in its folder now\n")
    async with _held_start(make_app, corpus, db, monkeypatch) as (pilot, screen, held):
        for _ in range(20):
            await pilot.pause(0.01)
        assert screen.library.entries == [] and screen.library.table.row_count == 0
        held.set()
        await wait_until(pilot, lambda: screen.library.listed)
        assert len(screen.library.entries) == 6


async def test_with_a_document_to_resume_the_listing_is_as_before(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document read last opens first: the library lists after its first screen, with
    no rows before the listing (as it did)."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    await _first_start(make_app, corpus, db)
    with AnnotationStore(db) as store:
        store.set_reading_position("c/doc-1.txt", 5)
    _aged(corpus)
    async with _held_start(make_app, corpus, db, monkeypatch) as (pilot, screen, held):
        await wait_until(pilot, lambda: screen.reader.document is not None)
        for _ in range(10):
            await pilot.pause(0.01)
        assert screen.library.entries == []
        held.set()
        await wait_until(pilot, lambda: len(screen.library.entries) == 5)


async def test_a_document_opened_from_the_first_rows_stays_once_listed(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chosen before the listing came, it is not replaced by the corpus's first file (which
    opens once listed when nothing else was)."""
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    await _first_start(make_app, corpus, db)
    async with _held_start(make_app, corpus, db, monkeypatch) as (pilot, screen, held):
        library = screen.library
        await wait_until(pilot, lambda: bool(library.entries))
        library.table.focus()
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: screen.reader.document is not None)
        assert screen.reader.document is not None
        assert screen.reader.document.title == "Document number 2"
        held.set()
        await wait_until(pilot, lambda: library.listed)
        for _ in range(20):
            await pilot.pause(0.01)
        assert screen.reader.document.title == "Document number 2"
        assert library.current == "c/doc-2.txt"
