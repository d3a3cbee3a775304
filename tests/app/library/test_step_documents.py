"""`>` and `<` work while the library is still being read (right after start-up)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers.app import AppFactory, opened, ready, relisting_held, wait_until, workers_done
from helpers.texts import later

from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.screens.main import MainScreen

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_next_document_while_the_library_is_loading(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await workers_done(app)
        for entry in screen.library.entries:  # as at start-up, before the scan
            screen.library.update_entry(replace(entry, loading=True))
        await pilot.press("greater_than_sign")
        for _ in range(50):
            await workers_done(app)
            await pilot.pause()
            if reader.document is not None and reader.document.path.name == SECOND:
                break
        assert reader.document is not None and reader.document.path.name == SECOND
        await pilot.press("greater_than_sign")  # the last one: says so, stays
        await pilot.pause()
        assert any("No next document" in n.message for n in app._notifications)
        assert reader.document.path.name == SECOND


async def test_next_and_previous_document_keep_to_the_documents_the_filter_shows(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """With the library filtered to the interviews, > opened the report listed between them."""
    corpus = tmp_path / "study"
    corpus.mkdir()
    for name, title in (("a.txt", "Interview Ana"), ("b.txt", "Field report"),
                        ("c.txt", "Interview Ben"), ("d.txt", "Budget report")):  # fmt: skip
        (corpus / name).write_text(f"{title}\n\nSome words of {name}.\n", encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "a.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await opened(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await workers_done(app)
        screen.library.table.focus()
        await pilot.press("slash", *"interview", "enter")
        await workers_done(app)
        assert [Path(k).name for k in screen.library.table.keys] == ["a.txt", "c.txt"]
        screen.reader.focus()

        async def stepped(key: str, expected: str) -> None:
            await pilot.press(key)
            for _ in range(50):
                await workers_done(app)
                await pilot.pause()
                if reader.document is not None and reader.document.path.name == expected:
                    return
            assert reader.document is not None
            assert reader.document.path.name == expected

        await stepped("greater_than_sign", "c.txt")
        await stepped("less_than_sign", "a.txt")


@pytest.mark.parametrize(("key", "expected"), [("greater_than_sign", 3), ("less_than_sign", 1)])
@pytest.mark.parametrize("sort", ["files", "title"])
async def test_next_and_previous_document_from_one_whose_file_is_gone(
    make_app: AppFactory, tmp_path: Path, key: str, expected: int, sort: str
) -> None:
    """The open document's file deleted (its row greyed, its text kept on show): > opened the
    first document of the library and < the last, not the ones beside it; sorted by title
    (unreadable files sort last: so did it, though its row stayed in its place), > said there
    was no next document and < opened the last one."""
    corpus = _five_documents(tmp_path)
    app = make_app(corpus=corpus, open_file=corpus / "doc-2.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        library, gone = screen.library, "c/doc-2.txt"
        await wait_until(pilot, lambda: screen.pane.key == gone)
        if sort != "files":
            library.table.focus()
            await pilot.press("o")
            await wait_until(pilot, lambda: library._sort == sort)
        async with relisting_held(pilot):  # its row read before a listing drops it
            (corpus / "doc-2.txt").unlink()
            screen.column.reopen_if_changed()  # what its timer does
            await wait_until(pilot, lambda: getattr(library.entry(gone), "error", None) is not None)
            assert library.table.keys[2] == gone  # its row stays where it was
            screen.reader.focus()
            await pilot.press(key)
            await wait_until(pilot, lambda: screen.pane.key != gone)
            await workers_done(app)
            assert screen.pane.key == f"c/doc-{expected}.txt"


@pytest.mark.parametrize(("key", "expected"), [("greater_than_sign", 3), ("less_than_sign", 1)])
async def test_next_and_previous_document_once_the_listing_dropped_the_open_one(
    make_app: AppFactory, tmp_path: Path, key: str, expected: int
) -> None:
    """The open document's file deleted, the library listed again (its row dropped, its text
    still on show): > opened the first document of the library and < the last; they open
    those that were beside it."""
    corpus = _five_documents(tmp_path)
    app = make_app(corpus=corpus, open_file=corpus / "doc-2.txt")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        library, gone = screen.library, "c/doc-2.txt"
        await wait_until(pilot, lambda: screen.pane.key == gone)
        (corpus / "doc-2.txt").unlink()
        later(corpus)
        library._relist_if_changed()  # what its timer does
        await wait_until(pilot, lambda: library.entry(gone) is None)
        assert screen.pane.key == gone and screen.reader.document is not None
        screen.reader.focus()
        await pilot.press(key)
        await wait_until(pilot, lambda: screen.pane.key != gone)
        await workers_done(app)
        assert screen.pane.key == f"c/doc-{expected}.txt"


def _five_documents(tmp_path: Path) -> Path:
    """A corpus ``c`` of five short texts, doc-0.txt to doc-4.txt."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"doc-{n}.txt").write_text(f"Document number {n}\n\nSome words.\n")
    return corpus


async def test_a_document_stepped_past_keeps_its_own_row(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """> pressed twice in a burst, from an EPUB past the field notes to an interview: the
    field notes' row said "fieldnotes.md · Interview 3", "Word · 270 words", the interview's
    title and facts, until the notes were opened again.  The notes' load finished as the
    interview's was shown: its message, handled after, took the text on show for its own."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Field notes\n\nShort.\n", encoding="utf-8")
    words = " ".join(["Lucía said the police want money."] * 40)
    (corpus / "b.txt").write_text(f"Interview three\n\n{words}\n", encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "a.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        library, first, second = screen.library, "c/a.txt", "c/b.txt"
        await wait_until(pilot, lambda: screen.pane.key == first)
        await workers_done(app)
        before = library.entry(first)
        assert before is not None and before.title == "Field notes"
        screen.reader.focus()
        await pilot.press("greater_than_sign")
        await wait_until(pilot, lambda: screen.pane.key == second)
        await workers_done(app)
        # The order the column's messages reach the screen in when the second load is
        # shown before the first one's message was handled: the first's, then the second's.
        screen.column.post_message(ReadingColumn.Opened(first, False))
        screen.column.post_message(ReadingColumn.Opened(second, False))
        await workers_done(app)
        await pilot.pause()
        after = library.entry(first)
        assert after is not None
        assert (after.title, after.words, after.length) == (
            before.title,
            before.words,
            before.length,
        )
        assert library.current == second
