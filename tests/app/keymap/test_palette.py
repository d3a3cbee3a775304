"""The command palette (ctrl+p) over each screen offers that screen's own commands, and runs
them there: never one of a screen hidden under it."""

from __future__ import annotations

from pathlib import Path

from helpers.annotations import add_tags
from helpers.app import AppFactory, ready, wait_until, workers_done

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.commands import SteadyCommandPalette
from tui_reader.ui.screens.codebook import CodebookScreen


async def test_tag_with_is_not_offered_over_a_view_hiding_the_text(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The palette's "Tag with: foo" chosen in the codebook tagged the sentence at the caret
    of the text hidden under it, a passage no one saw chosen."""
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        add_tags(store, ["foo"])
    app = make_app(db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, SteadyCommandPalette))
        await pilot.press(*"Tag with: foo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        if isinstance(app.screen, SteadyCommandPalette):  # no such command here
            await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
        await workers_done(app)
        assert list(app.workspace.store.annotations()) == []
