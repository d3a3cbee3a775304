"""The library's view starts at a document's title line, never in the middle of an entry:
each entry takes two lines, and a view of an odd number of lines scrolled to the end of the
list showed a top row of only its "N words" line, its title cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, ready, wait_until
from textual import events

from tui_reader.ui.widgets.library_table import ROW_HEIGHT


def many_documents(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(count):
        (folder / f"doc{n:04}.txt").write_text(
            f"Report {n}\n\none two three four five six seven eight nine ten\n", encoding="utf-8"
        )
    return folder


# Documents enough for the list to be three views long at these heights: the 16 moves up and
# down from its end each take the view along, by whole entries.
LISTED = 40


@pytest.mark.parametrize("height", [30, 31])
async def test_the_view_never_starts_inside_an_entry(
    make_app: AppFactory, tmp_path: Path, height: int
) -> None:
    app = make_app(corpus=many_documents(tmp_path, LISTED))
    async with app.run_test(size=(100, height)) as pilot:
        main = await ready(pilot)
        library = main.library
        table = library.table
        await wait_until(pilot, lambda: table.row_count == LISTED)
        table.focus()
        await pilot.press("G")
        await wait_until(pilot, lambda: table.cursor_row == LISTED - 1 and table.scroll_y > 0)
        await pilot.pause()
        assert int(table.scroll_y) % ROW_HEIGHT == 0
        bottom = int(table.scroll_y) + table.scrollable_content_region.height
        assert bottom >= LISTED * ROW_HEIGHT  # the last entry whole in sight
        for key in "k" * 16 + "j" * 16:
            await pilot.press(key)
            assert int(table.scroll_y) % ROW_HEIGHT == 0
            top = int(table.scroll_y)
            assert top <= table.cursor_row * ROW_HEIGHT
            assert table.cursor_row * ROW_HEIGHT + ROW_HEIGHT <= top + table.size.height
        # The mouse wheel moves whole entries too.
        before = table.scroll_y
        for _ in range(3):
            table._scroll_up_for_pointer(animate=False, force=True)
            await pilot.pause()
            assert int(table.scroll_y) % ROW_HEIGHT == 0
        assert table.scroll_y < before
        # A filter keeping fewer rows, the view at the end of them.
        await pilot.press("/", "1")
        await wait_until(pilot, lambda: table.row_count < LISTED)
        await pilot.pause()
        assert int(table.scroll_y) % ROW_HEIGHT == 0


async def test_the_wheel_and_a_scroll_of_one_line_move_the_list(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The library draws no scroll bar, and Textual lets a view without one scroll only by
    force: the mouse wheel did not move the list at all, nor did a scroll asked by code; a
    scroll of one line up was rounded back to where it was.  Each moves a whole entry."""
    app = make_app(corpus=many_documents(tmp_path, 60))
    async with app.run_test(size=(100, 30)) as pilot:
        main = await ready(pilot)
        table = main.library.table
        await wait_until(pilot, lambda: table.row_count == 60)
        wheel = {"widget": table, "x": 2, "y": 2, "delta_x": 0, "delta_y": 0, "button": 0,
                 "shift": False, "meta": False, "ctrl": False}  # fmt: skip
        for _ in range(3):
            table.post_message(events.MouseScrollDown(**wheel))  # type: ignore[arg-type]
        await wait_until(pilot, lambda: table.scroll_y >= 6, tries=50)
        assert int(table.scroll_y) % ROW_HEIGHT == 0
        table.post_message(events.MouseScrollUp(**wheel))  # type: ignore[arg-type]
        await wait_until(pilot, lambda: table.scroll_y < 6, tries=50)
        top = table.scroll_y
        table.scroll_down(animate=False, immediate=True)
        assert table.scroll_y == top + ROW_HEIGHT
        table.scroll_up(animate=False, immediate=True)
        assert table.scroll_y == top
        table.scroll_up(animate=False, immediate=True)
        assert table.scroll_y == top - ROW_HEIGHT
