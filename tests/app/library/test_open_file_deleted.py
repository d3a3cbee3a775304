"""The open document's file deleted: its text stays on show (what is coded meanwhile is kept),
but its row in the library says at once that the file is gone (the next listing drops it),
and choosing it again says so, rather than seem to open it from the text kept."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from helpers.app import AppFactory, ready, relisting_held, wait_until
from helpers.texts import later, text_corpus
from textual.pilot import Pilot

from tui_reader.ui.screens.main import MainScreen

TEXT = "Document number {n}\n\nSome words about the border and the checkpoints.\n"
KEY = "c/doc-1.txt"


@asynccontextmanager
async def doc_1_open(
    make_app: AppFactory, tmp_path: Path, *, documents: int
) -> AsyncIterator[tuple[Pilot[object], MainScreen]]:
    """The app on a corpus ``c`` of ``documents`` short texts, ``doc-1.txt`` open and the
    library listed: its pilot and main screen."""
    texts: dict[str, str | bytes] = {f"doc-{n}.txt": TEXT.format(n=n) for n in range(documents)}
    corpus, _db = text_corpus(tmp_path, texts, folder="c")
    app = make_app(corpus=corpus, open_file=corpus / "doc-1.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: screen.pane.key == KEY and screen.library.listed)
        yield pilot, screen


async def test_the_open_documents_file_deleted_is_said_gone_in_the_library(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    async with doc_1_open(make_app, tmp_path, documents=3) as (pilot, screen):
        app, library, key = pilot.app, screen.library, KEY
        async with relisting_held(pilot):  # its row read before a listing drops it
            (corpus / "doc-1.txt").unlink()
            screen.column.reopen_if_changed()  # what its timer does
            await wait_until(pilot, lambda: getattr(library.entry(key), "error", None) is not None)
            assert "No such file" in str(library.cell(key))  # the row says why, greyed
            # Chosen again: said gone; the text kept stays on show.
            library.table.focus()
            library.table.move_cursor(library.table.row_index(key))  # type: ignore[arg-type]
            await pilot.press("enter")
            await wait_until(
                pilot, lambda: any("file is gone" in n.message for n in app._notifications)
            )
            await pilot.pause()
            assert screen.pane.key == key and screen.reader.document is not None
            assert "Document number 1" in screen.reader.document.text
        # Back (restored from the bin): its row is as before.
        (corpus / "doc-1.txt").write_text(TEXT.format(n=1))
        screen.column.reopen_if_changed()
        await wait_until(pilot, lambda: library.entry(key).error is None)  # type: ignore[union-attr]
        # Gone again, the next listing drops it.
        (corpus / "doc-1.txt").unlink()
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry(key) is None)
        assert screen.reader.document is not None


async def test_the_open_documents_file_made_a_fifo_is_said_so_not_gone(
    make_app: AppFactory, tmp_path: Path
) -> None:
    # A FIFO put where the open document's file was (its name taken by a pipe a program
    # reads from) was said "the file is gone (moved or deleted?)" when it was chosen again,
    # right below the line its reopening had said, what it is.
    import os

    corpus = tmp_path / "c"
    async with doc_1_open(make_app, tmp_path, documents=2) as (pilot, screen):
        app, library, key = pilot.app, screen.library, KEY
        async with relisting_held(pilot):
            (corpus / "doc-1.txt").unlink()
            os.mkfifo(corpus / "doc-1.txt")
            screen.column.reopen_if_changed()  # what its timer does
            await wait_until(pilot, lambda: getattr(library.entry(key), "error", None) is not None)
            library.table.focus()
            library.table.move_cursor(library.table.row_index(key))  # type: ignore[arg-type]
            await pilot.press("enter")
            await pilot.pause()
            fifo = (
                "doc-1.txt: is a FIFO (named pipe), not a regular file; not read; its text "
                "stays on show, and what you code is kept for it"
            )
            said = [n.message for n in app._notifications]
            assert fifo in said  # (as its reopening said it: one line, not shown twice)
            assert not [line for line in said if "gone" in line], said
            assert screen.pane.key == key and screen.reader.document is not None
            assert "Document number 1" in screen.reader.document.text
