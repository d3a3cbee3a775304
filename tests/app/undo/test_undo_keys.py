"""``u`` undoes any change in the reader, ``ctrl+r`` redoes (the issue: ``s 3`` then ``u`` said
"Nothing to undo."); the codebook undoes a rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import workers_done
from textual.pilot import Pilot

from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.widgets.reader import ReaderView

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


class Harness(ReaderApp):
    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.corpus, workspace.db, workspace.path(DOC))
        self.workspace.store.close()
        self.workspace = workspace
        self.notes: list[str] = []

    def notify(self, message: str, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        self.notes.append(message)
        super().notify(message, *args, **kwargs)  # type: ignore[arg-type]


async def opened(pilot: Pilot[int]) -> ReaderView:
    for _ in range(200):
        await workers_done(pilot.app)
        await pilot.pause()
        found = pilot.app.screen.query(ReaderView)
        if found and found.first().document is not None:
            return found.first()
    raise AssertionError("the document did not open")


@pytest.fixture
def workspace(corpus_copy: Path, tmp_path: Path) -> Workspace:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        for name in ("first", "second", "third"):
            store.set_tag(Tag(name))
    return Workspace(corpus_copy, db)


def tags_of(workspace: Workspace) -> list[tuple[str, ...]]:
    with AnnotationStore(workspace.store.path) as fresh:
        return [a.tags for a in fresh.annotations(DOC)]


async def test_u_undoes_a_digit_key_tag_and_ctrl_r_redoes(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s", "3")  # the wrong sentence, tagged with tag 3
        await pilot.pause()
        assert tags_of(workspace) == [("third",)]
        await pilot.press("1")  # a second tag on the same passage
        await pilot.pause()
        assert tags_of(workspace) == [("third", "first")]
        await pilot.press("u")
        await pilot.pause()
        assert tags_of(workspace) == [("third",)]
        assert app.notes[-1] == "Undone: tags added: first (1 annotation)."
        await pilot.press("u")
        await pilot.pause()
        assert tags_of(workspace) == []
        assert app.notes[-1] == "Undone: create annotation: third (1 annotation)."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert tags_of(workspace) == [("third",)]
        assert app.notes[-1].startswith("Redone: create annotation")
        await pilot.press("ctrl+r", "ctrl+r")
        await pilot.pause()
        assert tags_of(workspace) == [("third", "first")]
        assert app.notes[-1] == "Nothing to redo."
    # the history is in the store: a new session undoes it
    with AnnotationStore(workspace.store.path) as store:
        assert store.undo().label == "tags added: first"
        assert [a.tags for a in store.annotations(DOC)] == [("third",)]


async def test_codebook_u_undoes_a_rename(workspace: Workspace) -> None:
    app = Harness(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        assert reader.document is not None
        reader.move_caret(reader.document.text.index("utter subservience"), select=False)
        await pilot.press("s", "1")
        await pilot.pause()
        workspace.store.rename_tag("first", "renamed")
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, CodebookScreen)
        await pilot.press("u")
        await pilot.pause()
        assert tags_of(workspace) == [("first",)]
        assert app.notes[-1] == "Undone: rename tag first → renamed (1 annotation)."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert tags_of(workspace) == [("renamed",)]
