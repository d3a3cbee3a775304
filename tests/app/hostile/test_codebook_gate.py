"""The codebook screen shows a tag's controls as the rest of the display gate does: as visible
pictures (``ESC`` -> ``␛``), not dropped (issue 15, the display gate)."""

from __future__ import annotations

from pathlib import Path

from helpers.app import ready, screen_opened, wait_until
from helpers.hostile import CONTROL
from textual.widgets import Label, Static

from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog

NAME = "x\x1b]0;PWNED\x07y"
DESCRIPTION = "red \x1b[31m\u202eevil"


def plain(widget: Static) -> str:
    return str(widget.render())


async def test_the_codebook_heading_and_dialogs_show_a_tags_controls_as_pictures(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.set_tag(Tag(NAME, "", DESCRIPTION))
    app = ReaderApp(corpus, db, measure=80)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        screen = await screen_opened(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing and screen.selected == NAME)
        heading = plain(screen.query_one("#codebook-heading", Static))
        assert "x␛]0;PWNED␇y" in heading and "red ␛[31m\ufffdevil" in heading
        assert not CONTROL.search(heading) and "\u202e" not in heading
        empty = plain(screen.query_one("#codebook-empty", Static))
        assert "x␛]0;PWNED␇y" in empty and not CONTROL.search(empty)

        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        prompt = plain(app.screen.query_one(".dialog-label", Label))
        assert "x␛]0;PWNED␇y" in prompt and not CONTROL.search(prompt)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)

        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "x␛]0;PWNED␇y" in question and not CONTROL.search(question)
