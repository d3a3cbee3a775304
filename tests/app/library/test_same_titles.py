"""Documents with the same title (transcripts all headed "Interview transcript") were rows no one could
tell apart: each such row now starts with its file's name.  A title shared with a file added
while the app runs names both rows."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready, wait_until

from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library_entry import LibraryEntry, row_text

TRANSCRIPT = (
    "Interview transcript, second wave\n\nInterviewer: How did it start?\n\nP{n}: With a letter.\n"
)


def titles(screen: MainScreen) -> list[str]:
    """The first line of each row on show."""
    table = screen.library.table
    top = int(table.scroll_y)
    return [table.render_line(2 * row - top).text.strip() for row in range(table.row_count)]


async def test_rows_of_one_title_name_their_files(make_app: AppFactory, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in (1, 2):
        (corpus / f"p{n}.txt").write_text(TRANSCRIPT.format(n=n))
    (corpus / "notes.txt").write_text("Field notes from the market\n\nWhat I saw.\n")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: titles(screen)[:1] == ["Field notes from the market"])
        await wait_until(pilot, lambda: len(titles(screen)) == 3)
        await wait_until(pilot, lambda: titles(screen)[1].startswith("p1.txt · Interview"))
        assert titles(screen)[2].startswith("p2.txt · Interview transcript")
        # a file with the notes' title, added while the app runs: both rows name their files
        (corpus / "p3.txt").write_text("Field notes from the market\n\nMore.\n")
        await wait_until(pilot, lambda: len(titles(screen)) == 4, tries=600)
        await wait_until(pilot, lambda: titles(screen)[0].startswith("notes.txt · Field"))
        assert titles(screen)[3].startswith("p3.txt · Field notes")


def test_a_row_named_keeps_its_file_name_when_narrow() -> None:
    entry = LibraryEntry("c/interview-12.txt", "interview-12.txt", title="Interview", words=9)
    assert row_text(entry, 40).plain.splitlines()[0] == "Interview"
    assert row_text(entry, 40, named=True).plain.splitlines()[0] == ("interview-12.txt · Interview")
    assert row_text(entry, 18, named=True).plain.splitlines()[0] == "interview-12.txt"
