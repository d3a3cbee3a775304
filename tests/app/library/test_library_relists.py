"""Files added to or removed from the corpus while the app runs come and go in the library
(its timer looks at each folder's modification time); the rows of the other files stay as
they were, counts and reading positions with them."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, main_screen, notices_said, ready, wait_until, workers_done
from helpers.texts import later
from textual.widgets import Static

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library_entry import LibraryEntry

TEXT = "Document number {n}\n\nSome words about the border and the checkpoints.\n"


def _documents(corpus: Path, documents: int) -> Path:
    """The folder ``corpus``, made, holding ``documents`` texts ``doc-N.txt``."""
    corpus.mkdir()
    for n in range(documents):
        (corpus / f"doc-{n}.txt").write_text(TEXT.format(n=n))
    return corpus


def _corpus_with_doc_1_coded(tmp_path: Path, documents: int) -> tuple[Path, Path]:
    """A corpus ``c`` of ``documents`` texts and a database holding one annotation of
    "border" in ``doc-1.txt``."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.documents.document import text_sha256

    corpus = _documents(tmp_path / "c", documents)
    db = tmp_path / "annotations.json"
    text = TEXT.format(n=1)
    start = text.index("border")
    with AnnotationStore(db) as store:
        store.add(make_annotation("c/doc-1.txt", text, start, start + 6, text_sha256(text), ("b",)))
    return corpus, db


async def test_files_added_and_removed_while_reading_come_and_go(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"doc-{n}.txt").write_text(TEXT.format(n=n))
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_reading_position("c/doc-2.txt", 7)
    app = make_app(corpus=corpus, db=db)
    said = notices_said(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        library = screen.library
        kept = library.entry("c/doc-2.txt")
        assert kept is not None and kept.position == 7
        (corpus / "sub").mkdir()
        (corpus / "sub" / "new.txt").write_text("A new interview\n\nIt came in later.\n")
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry("c/sub/new.txt") is not None)
        await workers_done(app)
        await wait_until(pilot, lambda: not library.entry("c/sub/new.txt").loading)  # type: ignore[union-attr]
        assert [e.key for e in library.entries] == [
            "c/doc-0.txt", "c/doc-1.txt", "c/doc-2.txt", "c/sub/new.txt",
        ]  # fmt: skip
        assert library.entry("c/sub/new.txt").title == "A new interview"  # type: ignore[union-attr]
        assert library.entry("c/doc-2.txt") is kept  # untouched: not read again
        assert any("1 document added" in message for message in said)
        (corpus / "doc-0.txt").unlink()
        (corpus / "sub" / "new.txt").unlink()
        later(corpus)
        later(corpus / "sub")
        library._relist_if_changed()
        await wait_until(pilot, lambda: len(library.entries) == 2)
        assert [e.key for e in library.entries] == ["c/doc-1.txt", "c/doc-2.txt"]
        assert any("2 documents removed" in message for message in said)
        notes = len(said)
        library._relist_if_changed()  # nothing changed since: no listing, no word
        await workers_done(app)
        await pilot.pause()
        assert len(said) == notes and len(library.entries) == 2
        assert screen.reader.document is not None  # the open document stays open


async def test_a_file_another_view_listed_first_still_comes_to_the_library(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The corpus search lists the corpus again after its first search: the folders' times
    then match that listing, and the library must still show what it found."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "doc-0.txt").write_text(TEXT.format(n=0))
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        (corpus / "doc-1.txt").write_text(TEXT.format(n=1))
        later(corpus)
        screen.workspace.refresh_files()  # what the corpus search does
        assert not screen.workspace.listing_changed()
        screen.library._relist_if_changed()
        await wait_until(pilot, lambda: screen.library.entry("c/doc-1.txt") is not None)


async def test_an_empty_folder_filling_no_longer_says_it_has_no_documents(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The reading view said "No documents in c" beside the library's new row; it now says
    to open one (and says no documents again when the folder is emptied)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        library = screen.library

        def title() -> str:
            return str(screen.query_one("#doc-title", Static).render())

        await wait_until(pilot, lambda: "No documents" in title())
        (corpus / "doc-0.txt").write_text(TEXT.format(n=0))
        later(corpus)
        library._relist_if_changed()
        await wait_until(pilot, lambda: library.entry("c/doc-0.txt") is not None)
        await wait_until(pilot, lambda: "enter opens it" in title())
        assert "No documents" not in title()
        (corpus / "doc-0.txt").unlink()
        later(corpus)
        library._relist_if_changed()
        await wait_until(pilot, lambda: "No documents" in title())


async def test_a_folder_of_files_none_a_document_says_it_has_no_documents(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Started in a folder of files none of which is a document (a program's .so files), the
    reading view said "Listing c…" for ever; it says there are no documents, and how to add
    them, as in an empty folder."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"lib{number}.so").write_bytes(b"\x7fELF")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)

        def title() -> str:
            return str(screen.query_one("#doc-title", Static).render())

        await wait_until(pilot, lambda: "No documents" in title())
        await wait_until(pilot, lambda: [n.title for n in app._notifications] == ["No documents"])
        (corpus / "doc-0.txt").write_text(TEXT.format(n=0))
        later(corpus)
        screen.library._relist_if_changed()
        await wait_until(pilot, lambda: "enter opens it" in title())


async def test_the_cursors_file_removed_leaves_the_cursor_in_its_place(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The file under the library's cursor removed (moved away by another program) sent the
    cursor back to the first document, the place far down a long list lost: the cursor stays
    where it was, on the document that took the row."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"doc-{n:02}.txt").write_text(TEXT.format(n=n))
    app = make_app(corpus=corpus, open_file=corpus / "doc-00.txt")
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await ready(pilot)
        library, table = screen.library, screen.library.table
        table.focus()
        table.move_cursor(table.row_index("c/doc-20.txt"))  # type: ignore[arg-type]
        await pilot.pause()
        (corpus / "doc-20.txt").unlink()
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry("c/doc-20.txt") is None)
        await pilot.pause()
        assert table.cursor_key == "c/doc-21.txt"
        assert table.scroll_y > 0  # in view there, not at the top


async def test_an_annotated_file_renamed_while_the_app_runs_keeps_its_count(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A coded file renamed in another terminal while the app runs: its row came back under
    the new name with no annotations, as if they were lost, until the document was opened.
    The library's scan had moved them to a file of the same text once a session, at start;
    a listing again that found files removed and added now moves them too, and the document
    open on the old name opens on the new one."""
    corpus, db = _corpus_with_doc_1_coded(tmp_path, 3)
    app = make_app(corpus=corpus, db=db, open_file=corpus / "doc-1.txt")
    said = notices_said(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = screen.library

        def count(key: str) -> int | None:
            entry = library.entry(key)
            return None if entry is None or entry.loading else entry.annotations

        await wait_until(pilot, lambda: count("c/doc-1.txt") == 1, tries=500)
        await workers_done(app)
        (corpus / "doc-1.txt").rename(corpus / "renamed.txt")
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry("c/renamed.txt") is not None)
        await wait_until(pilot, lambda: count("c/renamed.txt") == 1, tries=500)
        assert any(message.startswith("1 annotation found again") for message in said)
        # The document read when its file was renamed follows it, its highlight with it
        # (the text kept on show under the old name had lost it).
        await wait_until(pilot, lambda: screen.pane.key == "c/renamed.txt", tries=500)
        await wait_until(pilot, lambda: len(screen.pane.annotations) == 1)
    with AnnotationStore(db) as store:
        assert set(store.documents()) == {"c/renamed.txt"}


async def test_the_cursors_file_renamed_keeps_the_cursor_on_it(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The coded file under the library's cursor renamed in another terminal: the cursor
    went to the next document, as for a file deleted, and stayed there once the annotations
    had followed the file to its new name. It goes to the renamed file's row now."""
    corpus, db = _corpus_with_doc_1_coded(tmp_path, 4)
    app = make_app(corpus=corpus, db=db, open_file=corpus / "doc-0.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library, table = screen.library, screen.library.table
        entry = library.entry
        await wait_until(pilot, lambda: (e := entry("c/doc-1.txt")) is not None and e.annotations == 1, tries=500)  # fmt: skip
        await workers_done(app)
        table.focus()
        table.move_cursor(table.row_index("c/doc-1.txt"))  # type: ignore[arg-type]
        await pilot.pause()
        (corpus / "doc-1.txt").rename(corpus / "doc-9.txt")
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: (e := entry("c/doc-9.txt")) is not None and e.annotations == 1, tries=500)  # fmt: skip
        await wait_until(pilot, lambda: table.cursor_key == "c/doc-9.txt")


async def test_a_file_written_again_in_place_is_read_again(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A file saved again under its name (a Word file re-saved, a note edited), not open,
    kept the title and word count the library read first: its folder's listing does not
    change, and only that was looked at.  The library's timer now looks at each file's
    stamp and reads the one written again; the rows of the others stay as they were."""
    corpus, db = _corpus_with_doc_1_coded(tmp_path, 3)
    app = make_app(corpus=corpus, db=db, open_file=corpus / "doc-0.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = screen.library
        await workers_done(app)

        def entry(key: str) -> LibraryEntry:
            found = library.entry(key)
            assert found is not None
            return found

        await wait_until(pilot, lambda: entry("c/doc-1.txt").annotations == 1)
        assert entry("c/doc-1.txt").title == "Document number 1"
        kept = entry("c/doc-2.txt")
        (corpus / "doc-1.txt").write_text("Revised notes\n\n" + "word " * 40 + "\n")
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: entry("c/doc-1.txt").title == "Revised notes")
        await wait_until(pilot, lambda: not entry("c/doc-1.txt").loading)
        assert entry("c/doc-1.txt").words == 42
        assert entry("c/doc-1.txt").annotations == 1  # the store's word comes again
        assert entry("c/doc-2.txt") is kept  # untouched: not read again


async def test_an_empty_folder_says_what_to_do(make_app: AppFactory, tmp_path: Path) -> None:
    """Started on an empty folder, the app said "No documents in c" over a blank screen:
    nothing of which files it reads, nor that one saved there is listed as it comes."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen(pilot)
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert note.title == "No documents"
        assert f"into {corpus} (.txt, .md, .pdf, .docx," in note.message
        assert "each is listed as it comes" in note.message
        assert "tui-reader FOLDER reads another folder" in note.message


async def test_the_corpus_folder_gone_while_reading_is_said(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The corpus folder deleted, moved or unmounted while the app runs: the library said
    "2 documents removed", as if the files had been deleted one by one, and nothing of the
    folder; a folder that could not be read was said only at the start.  It is said as it
    goes, once."""
    import shutil

    corpus = _documents(tmp_path / "c", 2)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        notes = notices_said(app)  # as said (a toast times out)
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        library = screen.library
        await wait_until(pilot, lambda: len(library.entries) == 2)
        shutil.rmtree(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: not library.entries)

        def said() -> list[str]:
            return [note for note in notes if "not there any more" in note]

        await wait_until(pilot, lambda: len(said()) == 1)
        assert str(corpus) in said()[0]
        library._relist_if_changed()
        await workers_done(app)
        await pilot.pause()
        assert len(said()) == 1  # once


async def test_the_corpus_folder_back_while_reading_is_listed_again(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The corpus folder moved away while the app runs (a drive unmounted), then back (mounted
    again): the library, empty since it went, stayed empty until the app was started again.
    Its documents come back, said as added, and its going again is said again.  (What is said
    is read as it is said: the toasts time out, 3 s for the documents added, and a loaded
    machine held the test longer than that between the listing and its check.)"""
    corpus = _documents(tmp_path / "c", 2)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        notes = notices_said(app)
        screen = await ready(pilot)
        assert isinstance(screen, MainScreen)
        library = screen.library
        await wait_until(pilot, lambda: len(library.entries) == 2)
        away = tmp_path / "away"
        corpus.rename(away)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: not library.entries)
        await workers_done(app)
        await pilot.pause()

        def said() -> list[str]:
            return [note for note in notes if "not there any more" in note]

        await wait_until(pilot, lambda: len(said()) == 1)
        away.rename(corpus)
        library._relist_if_changed()
        await wait_until(pilot, lambda: len(library.entries) == 2)
        assert [e.key for e in library.entries] == ["c/doc-0.txt", "c/doc-1.txt"]
        assert any("2 documents added" in note for note in notes)
        await workers_done(app)
        await pilot.pause()
        assert len(said()) == 1  # not said again while it was back
        corpus.rename(away)
        library._relist_if_changed()
        await wait_until(pilot, lambda: len(said()) == 2)  # gone again: said again


async def test_a_document_written_over_in_place_by_an_export_leaves_the_library(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """``tui-reader export ... > c/doc-2.txt`` onto a document while the app runs: the shell
    writes the file in place, so no folder's time changes, and the library read it again as
    a document (the export's title, its quotes searched twice) until a file of its folder
    was added or removed.  A plain text written again is listed again too, and our Markdown
    left out as it is at a start."""
    import os

    corpus, db = _corpus_with_doc_1_coded(tmp_path, 3)
    old = 1_700_000_000_000_000_000  # the folder's time well past: what it held is kept
    os.utime(corpus, ns=(old, old))
    app = make_app(corpus=corpus, db=db, open_file=corpus / "doc-0.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = screen.library
        await workers_done(app)
        assert library.entry("c/doc-2.txt") is not None
        with open(corpus / "doc-2.txt", "r+", encoding="utf-8") as written:  # as `>` does
            written.truncate()
            written.write("# Annotations\n\nExported by tui-reader 1.0 on 2026-01-01.\n")
        assert os.stat(corpus).st_mtime_ns == old
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry("c/doc-2.txt") is None)
        assert [e.key for e in library.entries] == ["c/doc-0.txt", "c/doc-1.txt"]
