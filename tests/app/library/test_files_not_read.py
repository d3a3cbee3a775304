"""Files of types tui-reader does not read, many of them (the app started in a home folder):
left out of the library's rows, said once with how many of each, listed by a filter."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, notices_said, ready, wait_until

from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library import OTHERS_LISTED


def rows(screen: MainScreen) -> list[str]:
    library = screen.library
    return [library.entry(key).rel for key in library.table.keys]  # type: ignore[union-attr]


def corpus_of(tmp_path: Path, others: int) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "interview.txt").write_text("Interview\n\nWe met at the market.\n")
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # with advice: always a row
    (corpus / "photo.PNG").write_bytes(b"\x89PNG")
    for number in range(others - 1):
        (corpus / f"lib{number:02}.so").write_bytes(b"\x7fELF")
    return corpus


async def test_many_files_not_read_are_left_out_said_and_filtered_in(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Started in a home folder, the library listed 30,000 rows of .so, .png and .py files,
    among which its documents were lost."""
    corpus = corpus_of(tmp_path, OTHERS_LISTED + 1)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    notes = notices_said(app)  # as said: its toast times out while the test waits
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: rows(screen) == ["interview.txt", "old.doc"])
        said = [note for note in notes if "not listed" in note]
        assert said == [
            f"{OTHERS_LISTED + 1} files of types tui-reader does not read are not listed "
            f"({OTHERS_LISTED} .so, 1 .png); / and a name or an extension lists them"
        ]
        await pilot.press("slash", *".so")
        await wait_until(pilot, lambda: len(rows(screen)) == OTHERS_LISTED)
        assert all(row.endswith(".so") for row in rows(screen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: rows(screen) == ["interview.txt", "old.doc"])
        assert len([note for note in notes if "not listed" in note]) == 1


async def test_a_few_files_not_read_are_listed_each(make_app: AppFactory, tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, OTHERS_LISTED)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    notes = notices_said(app)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: len(rows(screen)) == OTHERS_LISTED + 2)
        assert "photo.PNG" in rows(screen) and "lib00.so" in rows(screen)
        assert not [note for note in notes if "not listed" in note]


async def test_a_filter_counts_out_of_the_rows_the_library_lists(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The files left out of the rows were counted as listed: a filter keeping the one
    interview said "1 of 23" where the library lists two rows. It counts out of those rows,
    and out of every file when it lists some of those left out (a name or an extension)."""
    from textual.widgets import Input

    corpus = corpus_of(tmp_path, OTHERS_LISTED + 1)
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await wait_until(pilot, lambda: rows(screen) == ["interview.txt", "old.doc"])
        await pilot.press("slash", *"interview")
        field = screen.library.query_one("#library-filter", Input)
        await wait_until(pilot, lambda: rows(screen) == ["interview.txt"])
        await wait_until(pilot, lambda: str(field.border_subtitle) == "1 of 2")
        field.value = ".so"
        await wait_until(pilot, lambda: len(rows(screen)) == OTHERS_LISTED)
        total = OTHERS_LISTED + 3
        await wait_until(pilot, lambda: str(field.border_subtitle) == f"{OTHERS_LISTED} of {total}")
