"""Documents with the same title (transcripts all headed "Interview transcript") were rows no one could
tell apart: each such row now starts with its file's name.  A title shared with a file added
while the app runs names both rows."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import AppFactory, main_screen, ready, wait_until

from tui_reader.core.documents.catalog import Scanned
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets import library_listing
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


def test_a_row_named_shows_the_subfolder_that_tells_it_from_another() -> None:
    """Two transcripts headed alike, each interview-with-maria.txt in a folder of its year
    under a long folder, both read "a-rather-long-folder-name-of-intervi…": the path was cut
    at its end, its year and its name hidden.  A path too long keeps its end, the folders
    nearest the file, its start left out; narrower still, its folder and its name's end."""
    long = "a-rather-long-folder-name-of-interviews"
    rows = [
        LibraryEntry(f"c/{long}/{year}/interview-with-maria.txt", rel, title="Interview")
        for year in (2019, 2020)
        for rel in [f"{long}/{year}/interview-with-maria.txt"]
    ]
    firsts = [row_text(entry, 37, named=True).plain.splitlines()[0] for entry in rows]
    assert firsts == [
        "…/2019/interview-with-maria.txt · In…",
        "…/2020/interview-with-maria.txt · In…",
    ]
    assert row_text(rows[0], 30, named=True).plain.startswith("2019/interview-with-maria.txt\n")
    narrow = [row_text(entry, 20, named=True).plain.splitlines()[0] for entry in rows]
    assert narrow[0] != narrow[1], narrow
    assert all(len(first) <= 20 and first.endswith(".txt") for first in narrow), narrow
    assert narrow[0].startswith("2019/") and narrow[1].startswith("2020/"), narrow
    wide = row_text(rows[0], 90, named=True).plain.splitlines()[0]
    assert wide == f"{long}/2019/interview-with-maria.txt · Interview"
    # a file the scan could not read, named by its path alone, the same
    unread = LibraryEntry(rows[0].key, rows[0].rel, error="not a PDF")
    assert row_text(unread, 37).plain.splitlines()[0] == "…/2019/interview-with-maria.txt"


class _Clock:
    """A clock a second further on at each look: each file the scan reads is a batch."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


async def test_titles_shared_are_counted_for_the_rows_of_each_batch_alone(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch of the scan bringing a title counted every row's title again to find those
    shared: 10,000 rows in 74 batches, 740,000 rows looked at (half a second of a first
    scan).  Only the rows of the batch are counted now; the rows sharing a title still name
    their files."""
    count = 60
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(count):  # two files of each title, and one of its own
        title = f"Interview {n // 2}" if n < count - 1 else "Field notes"
        (corpus / f"p{n:02}.txt").write_text(f"{title}\n\nWhat was said.\n")
    monkeypatch.setattr(library_listing, "time", _Clock())
    gate = threading.Semaphore(0)
    scan = library_listing.scan_facts

    def one_file_at_a_time(*args: Any, **kwargs: Any) -> Iterator[Scanned]:
        for found in scan(*args, **kwargs):
            gate.acquire(timeout=10)  # each batch drawn before the next comes
            yield found

    monkeypatch.setattr(library_listing, "scan_facts", one_file_at_a_time)
    looks = 0
    readable = LibraryEntry.readable

    def counted(entry: LibraryEntry) -> bool:
        nonlocal looks
        looks += 1
        return bool(readable.__get__(entry))

    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await main_screen(pilot)
        library = screen.library
        await wait_until(pilot, lambda: len(library.entries) == count)
        monkeypatch.setattr(LibraryEntry, "readable", property(counted))
        for _ in range(count):
            gate.release()
            await pilot.pause()
        await wait_until(pilot, lambda: all(e.title for e in library.entries))
        await pilot.pause()
        scanned_looks = looks
        await wait_until(pilot, lambda: titles(screen)[0].startswith("p00.txt · Interview 0"))
        assert titles(screen)[1].startswith("p01.txt · Interview 0")
        shared = {t for t, n in Counter(e.title for e in library.entries).items() if n > 1}
        assert library._shared_titles() == shared
        assert "Field notes" not in shared
    assert scanned_looks < 10 * count  # not a count of every row for each of 60 batches
