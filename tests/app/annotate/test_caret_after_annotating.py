"""After saving a new annotation the caret is inside it, so the details show what was made."""

from __future__ import annotations

from pathlib import Path

from helpers.annotations import add_tags
from helpers.app import AppFactory, opened, side_details

from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_saving_from_the_dialog_leaves_the_caret_in_the_new_annotation(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s")
        start, end = reader.selection or (0, 0)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        await pilot.press(*"militarization", "enter")
        await pilot.pause()
        assert start <= reader.caret < end
        details = await side_details(pilot)
        assert details.annotation is not None
        assert (details.annotation.start, details.annotation.end) == (start, end)


async def test_tagging_a_selection_with_a_number_leaves_the_caret_in_it(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    add_tags(app.workspace.store, ["militarization"])
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s")
        start, end = reader.selection or (0, 0)
        await pilot.press("1")
        await pilot.pause()
        assert start <= reader.caret < end
        details = await side_details(pilot)
        assert details.annotation is not None and details.annotation.tags == ("militarization",)
