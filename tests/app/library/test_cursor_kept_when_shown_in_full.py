"""The library's cursor stays where the user moved it when the open document, shown first by
its beginning, is then shown in full: it went back to the open document's row, so a ``j``
typed while a long document loaded was undone a moment later."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, wait_until

from tui_reader.ui.reading_pane.column import ReadingColumn
from tui_reader.ui.screens.main import MainScreen


async def test_the_cursor_moved_off_the_open_document_stays_when_it_is_shown_in_full(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"doc-{n}.txt").write_text(f"Document number {n}\n\nSome words.\n", "utf-8")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MainScreen))
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        table = screen.library.table
        await wait_until(
            pilot,
            lambda: bool(screen.pane.key) and table.keys[table.cursor_row] == screen.pane.key,
        )
        opened = screen.pane.key
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        moved = table.keys[table.cursor_row]
        assert moved != opened
        # the open document shown in full (or again, its file changed) after the key
        for preview, changed in ((False, False), (False, True)):
            screen.post_message(ReadingColumn.Opened(opened, preview, changed))
            await pilot.pause()
            assert table.keys[table.cursor_row] == moved
        # another document opened (a link, a hit): the cursor goes to its row
        other = next(k for k in table.keys if k not in (opened, moved))
        screen.post_message(ReadingColumn.Opened(other, False))
        await pilot.pause()
        assert table.keys[table.cursor_row] == other
