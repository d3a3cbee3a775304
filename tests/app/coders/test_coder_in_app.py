"""The app records who codes (``tui-reader --coder NAME``) and shows it in the details."""

from __future__ import annotations

from pathlib import Path

from helpers.app import opened, side_details
from rich.console import Console, Group

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_an_annotation_made_in_the_app_is_the_coders(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    app = ReaderApp(corpus_copy, db, corpus_copy / DOC, measure=80, coder="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s", "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        await pilot.press(*"militarization", "enter")
        await pilot.pause()
        details = await side_details(pilot)
        assert details.annotation is not None and details.annotation.coder == "ana"
        shown = details.describe(details.annotation)
        assert isinstance(shown, Group)
        assert any("by ana · created" in str(part) for part in shown.renderables)
        # in a panel too narrow for the line, "created" and its time stay whole on one line
        # (Rich broke it at a space: "UTC" began a line of its own)
        console = Console(width=36, record=True)
        console.print(shown)
        lines = [line.strip() for line in console.export_text().splitlines()]
        assert "by ana" in lines and any(
            line.startswith("created 2") and line.endswith(" UTC") for line in lines
        ), lines
    with AnnotationStore(db) as store:
        assert [a.coder for a in store.annotations()] == ["ana"]
