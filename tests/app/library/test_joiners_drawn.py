"""A title copied from a chat or a web page may hold a zero-width joiner right before a space
("word‍ next"): Rich measured the space no cell where the terminal draws it, and the library's
row and the document's title were drawn a cell wider than their place (the row's border pushed
right).  The joiner, which joins nothing there, is not drawn."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, ready
from helpers.texts import text_corpus
from textual.widgets import Static

TITLE = "Notes\u200d from the market\u200d \u200d\u200d today"


async def test_a_joiner_before_a_space_is_not_drawn_in_the_library_or_the_title(
    make_app: AppFactory, tmp_path: Path
) -> None:
    corpus, _db = text_corpus(tmp_path, {"notes.txt": f"{TITLE}\n\nWhat I saw.\n"}, folder="c")
    app = make_app(corpus=corpus, db=tmp_path / "annotations.json")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        row = screen.library.table.render_line(0).text
        title = str(screen.query_one("#doc-title", Static).render())
        for drawn in (row, title):
            assert "Notes from the market \u200d\u200d today" in drawn, drawn
