"""A click on a row of the library moves the cursor there; a click on the cursor's row (the
second of a double click too) opens its document, as in the passage lists."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready, wait_until

from tui_reader.ui.widgets.library_table import ROW_HEIGHT, LibraryTable


async def test_a_click_moves_the_cursor_and_a_second_click_opens(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """One click opened the document under the pointer, where the passage lists want two."""
    corpus = tmp_path / "study"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text(f"Title {name}\n\nSome words of {name}.\n", encoding="utf-8")
    app = make_app(corpus=corpus, open_file=corpus / "a.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        row = [Path(k).name for k in table.keys].index("c.txt")
        await pilot.click(LibraryTable, offset=(3, row * ROW_HEIGHT))
        await pilot.pause()
        assert table.cursor_row == row
        assert screen.reader.document is not None
        assert screen.reader.document.path.name == "a.txt"  # not opened yet
        await pilot.click(LibraryTable, offset=(3, row * ROW_HEIGHT + 1))
        await wait_until(
            pilot,
            lambda: (
                screen.reader.document is not None and screen.reader.document.path.name == "c.txt"
            ),
        )
        # A double click on another row opens it too.
        other = [Path(k).name for k in table.keys].index("b.txt")
        await pilot.double_click(LibraryTable, offset=(3, other * ROW_HEIGHT))
        await wait_until(
            pilot,
            lambda: (
                screen.reader.document is not None and screen.reader.document.path.name == "b.txt"
            ),
        )
