"""``u`` undoes any change in the reader, ``ctrl+r`` redoes (the issue: ``s 3`` then ``u`` said
"Nothing to undo."); the codebook undoes a rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, WorkspaceApp, opened, ready, wait_until

from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens.codebook import CodebookScreen

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


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
    app = WorkspaceApp(workspace, DOC)
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
    app = WorkspaceApp(workspace, DOC)
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


async def test_u_in_the_library_undoes_and_ctrl_r_redoes(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    """u with the library focused did nothing at all (undo was the text's and the panels');
    it undoes the last change there too, and ctrl+r redoes it."""
    app = make_app(open_file=corpus_copy / DOC.split("/", 1)[1])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("s", "a", *"place", "enter")
        store = app.workspace.store
        await wait_until(pilot, lambda: len(store.annotations()) == 1)
        screen.library.table.focus()
        await pilot.press("u")
        await wait_until(pilot, lambda: store.annotations() == [])
        assert screen.library.table.has_focus
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(store.annotations()) == 1)
