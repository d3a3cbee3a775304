"""The corpus is listed in a worker: the document read last (or named) opens without waiting
for it, and the library's rows come with the listing; with nothing to resume, the first corpus
file opens once the listing comes."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, opened, ready, wait_until
from helpers.counting import held_calls
from textual.widgets import Static

from tui_reader.core.documents import corpus as corpus_module
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.main import MainScreen

TEXT = "Document number {n}\n\nSome words about the border.\n"


def corpus_of(folder: Path, count: int = 5) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"doc-{n}.txt").write_text(TEXT.format(n=n))
    return folder


@pytest.fixture
def held_listing(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The corpus listing waits until the event is set (at most 10 s)."""
    return held_calls(monkeypatch, corpus_module, "list_corpus_files", 10)


async def test_the_document_read_last_opens_before_the_listing(
    make_app: AppFactory, tmp_path: Path, held_listing: threading.Event
) -> None:
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_reading_position("c/doc-3.txt", 5)
    app = make_app(corpus=corpus, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # not helpers.opened: it waits for every worker, the listing too
        await wait_until(pilot, lambda: screen.reader.document is not None)
        assert screen.reader.document is not None
        assert screen.reader.document.title == "Document number 3"
        assert screen.library.entries == []  # still listing
        held_listing.set()
        await wait_until(pilot, lambda: len(screen.library.entries) == 5)
        await wait_until(pilot, lambda: screen.library.table.cursor_key == "c/doc-3.txt")
        await wait_until(pilot, lambda: all(e.readable for e in screen.library.entries))


async def test_with_nothing_to_resume_the_first_file_opens_once_listed(
    make_app: AppFactory, tmp_path: Path, held_listing: threading.Event
) -> None:
    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_reading_position("c/gone.txt", 5)  # read last, and gone since
    app = make_app(corpus=corpus, db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.reader.document is None and screen.library.entries == []
        title = screen.query_one("#doc-title", Static).render()
        assert str(title) == "Listing c…"  # not "No document open" while listing
        held_listing.set()
        reader = await opened(pilot)
        assert reader.document is not None and reader.document.title == "Document number 0"
        await wait_until(pilot, lambda: all(e.readable for e in screen.library.entries))
        assert [e.title for e in screen.library.entries] == [
            f"Document number {n}" for n in range(5)
        ]


async def test_what_the_open_document_said_before_the_listing_stays(
    make_app: AppFactory, tmp_path: Path, held_listing: threading.Event
) -> None:
    """Its reading position (its row says "0% read") came before its row."""
    corpus = corpus_of(tmp_path / "c")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json", open_file=corpus / "doc-2.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_until(pilot, lambda: screen.reader.document is not None)
        held_listing.set()
        await wait_until(pilot, lambda: len(screen.library.entries) == 5)
        await wait_until(pilot, lambda: all(e.readable for e in screen.library.entries))
        entry = screen.library.entry("c/doc-2.txt")
        assert entry is not None and entry.position == 0 and entry.progress == 0
        assert "0% read" in screen.library.cell("c/doc-2.txt").plain


async def test_a_file_that_failed_to_open_before_the_listing_is_greyed_with_why(
    make_app: AppFactory, tmp_path: Path, held_listing: threading.Event
) -> None:
    corpus = corpus_of(tmp_path / "c")
    (corpus / "doc-9.txt").write_bytes(b"\x00\x00\x00binary")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json", open_file=corpus / "doc-9.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_until(pilot, lambda: bool(app._notifications))  # it cannot be opened
        held_listing.set()
        await wait_until(pilot, lambda: len(screen.library.entries) == 6)
        await wait_until(pilot, lambda: all(not e.loading for e in screen.library.entries))
        failed = screen.library.entry("c/doc-9.txt")
        assert failed is not None and failed.error is not None and "binary" in failed.error


async def test_the_rows_of_the_listing_at_start_are_made_by_its_worker(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the rows of 10,000 files took the UI thread 20 ms (more than a frame) before
    the library's first rows: the listing's worker makes them, the UI thread shows them.  At
    a second start (every file's facts kept) the UI thread makes the row of the document it
    opens alone (its reading position said)."""
    from tui_reader.ui.widgets.library_entry import LibraryEntry

    corpus = corpus_of(tmp_path / "c")
    db = tmp_path / "annotations.json"
    async with make_app(corpus=corpus, db=db).run_test(size=(120, 40)) as pilot:
        await ready(pilot)  # a first start: every file's facts read and kept
    on_ui_thread: set[str] = set()  # the keys of the rows made there
    make = LibraryEntry.__init__

    def made(entry: LibraryEntry, *args: Any, **kwargs: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            on_ui_thread.add(args[0] if args else kwargs["key"])
        make(entry, *args, **kwargs)

    monkeypatch.setattr(LibraryEntry, "__init__", made)
    async with make_app(corpus=corpus, db=db).run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert [e.title for e in screen.library.entries] == [
            f"Document number {n}" for n in range(5)
        ]
        assert screen.reader.document is not None
    assert len(on_ui_thread) <= 1


async def _said_at_a_second_start(
    make_app: AppFactory, corpus: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[int], list[int]]:
    """The rows each Counted message said, at a second start (every file's facts kept by the
    first), and the rows' annotations once the library is listed."""
    from tui_reader.ui.widgets.library import Library

    said: list[int] = []
    real = Library.Counted.__init__

    def counted(message: Any, rows: dict[str, Any]) -> None:
        said.append(len(rows))
        real(message, rows)

    monkeypatch.setattr(Library.Counted, "__init__", counted)
    db.parent.mkdir(exist_ok=True)
    counts: list[int] = []
    for _start in range(2):
        said.clear()
        app = make_app(corpus=corpus, db=db)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            counts = [e.annotations for e in screen.library.entries]
    return said, counts


async def test_an_empty_database_says_nothing_of_each_row_at_a_second_start(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a second start the listing's worker worked out what the store says of each row and
    posted it, a message of 10,000 rows on the bench's corpus, though an empty database says
    of each what its row made of its facts says already (no annotation, no position, nothing
    coded): none is posted then; a database that says something still says it."""
    corpus = corpus_of(tmp_path / "c")
    empty = tmp_path / "empty" / "annotations.json"
    said, counts = await _said_at_a_second_start(make_app, corpus, empty, monkeypatch)
    assert said == []
    assert counts == [0] * 5
    coded = tmp_path / "coded" / "annotations.json"
    coded.parent.mkdir()
    with AnnotationStore(coded) as store:
        store.set_reading_position("c/doc-1.txt", 3)
    said, counts = await _said_at_a_second_start(make_app, corpus, coded, monkeypatch)
    assert said == [5]
    assert counts == [0] * 5
