"""Two app instances edit one annotation: the later save based on an old revision is refused
and the newer version is shown, through the digit keys and through the edit dialog (issue 15,
item 11)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from helpers.annotations import add_tags
from helpers.app import WorkspaceApp, opened, wait_until
from textual.pilot import Pilot

from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.ui.reading_pane import ReadingPane
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.store_poll import StorePoll

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
PHRASE = "utter subservience"


def setup(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Workspace, AnnotationStore, str]:
    # The other process's save lands between two polls of the store: the save itself must
    # notice it (without this, a poll may show the newer version first).
    monkeypatch.setattr(StorePoll, "poll", lambda self: None)
    workspace = Workspace(corpus_copy, db_copy)
    add_tags(workspace.store, ["militarization", "migration"])
    text = workspace.document(DOC).text
    start = text.index(PHRASE)
    made = make_annotation(DOC, text, start, start + len(PHRASE), workspace.document(DOC).sha256)
    workspace.store.add(made.evolve(tags=("migration",)))
    return workspace, AnnotationStore(db_copy), made.id


@asynccontextmanager
async def on_the_passage(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[WorkspaceApp, Pilot[int], ReadingPane, AnnotationStore, str]]:
    """The app open on the document, its caret in the annotated passage; another process's
    store beside it (closed after), and the annotation's id."""
    workspace, other, ident = setup(corpus_copy, db_copy, monkeypatch)
    app = WorkspaceApp(workspace, DOC)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            reader = await opened(pilot)
            pane = app.screen.query_one(ReadingPane)
            assert reader.document is not None
            reader.move_caret(reader.document.text.index(PHRASE) + 2, select=False)
            yield app, pilot, pane, other, ident
    finally:
        other.close()


async def test_digit_key_on_a_stale_annotation_keeps_the_other_edit(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with on_the_passage(corpus_copy, db_copy, monkeypatch) as opened_app:
        app, pilot, pane, other, ident = opened_app
        mine = next(a for a in pane.annotations if a.id == ident)
        theirs = other.update(mine.evolve(note="acknowledged elsewhere"))
        await pilot.press("1")
        await pilot.pause()
        stored = other.get(ident)
        assert stored == theirs  # nothing overwritten
        shown = next(a for a in pane.annotations if a.id == ident)
        assert shown == theirs  # the newer version is on show
        assert any("another tui-reader" in n.message for n in app._notifications)


async def test_edit_dialog_on_a_stale_annotation_keeps_the_other_edit(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with on_the_passage(corpus_copy, db_copy, monkeypatch) as opened_app:
        app, pilot, pane, other, ident = opened_app
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateDialog)
        mine = next(a for a in pane.annotations if a.id == ident)
        theirs = other.update(mine.evolve(note="acknowledged elsewhere"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert other.get(ident) == theirs
        assert isinstance(app.screen, AnnotateDialog)  # still open: nothing typed is lost
        assert next(a for a in pane.annotations if a.id == ident) == theirs
        await pilot.press("ctrl+s")  # saved again, knowingly, over the version now shown
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateDialog)
        final = other.get(ident)
        assert final is not None and final.revision == theirs.revision + 1


async def test_digit_key_of_a_code_kept_by_a_newer_version_shows_that_version(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tui-reader added a note to the annotation and kept its code: the digit key of
    that code said "is coded migration already: nothing changed." from the version on show,
    the newer one never shown.  Now the save is tried, refused, and the newer version shown."""
    async with on_the_passage(corpus_copy, db_copy, monkeypatch) as opened_app:
        app, pilot, pane, other, ident = opened_app
        mine = next(a for a in pane.annotations if a.id == ident)
        theirs = other.update(mine.evolve(note="acknowledged elsewhere"))
        digit = [t.name for t in pane.codebook].index("migration") + 1
        app.clear_notifications()
        await pilot.press(str(digit))
        await pilot.pause()
        assert other.get(ident) == theirs  # nothing overwritten
        assert next(a for a in pane.annotations if a.id == ident) == theirs
        said = [n.message for n in app._notifications]
        assert any("another tui-reader" in m for m in said), said
        assert not any("already" in m for m in said), said


async def test_accepting_a_place_saved_again_by_a_command_meanwhile_is_not_refused(
    corpus_copy: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A place found again (fuzzy) on show; a command (``report``, ``query``, ``export``) saved
    the passage's place again meanwhile, a revision more, where it was shown, its codes and
    note untouched.  ``c`` in the panel was refused as "another tui-reader changed this
    annotation meanwhile", a change the user never made; it is accepted now (a place moved
    meanwhile is still refused: see the annotating tests)."""
    workspace, other, ident = setup(corpus_copy, db_copy, monkeypatch)
    made = workspace.store.get(ident)
    assert made is not None
    workspace.store.update(made.evolve(status=AnchorStatus.FUZZY))
    app = WorkspaceApp(workspace, DOC)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await opened(pilot)
            pane = app.screen.query_one(ReadingPane)
            await wait_until(pilot, lambda: any(a.id == ident for a in pane.annotations))
            mine = next(a for a in pane.annotations if a.id == ident)
            assert mine.status == AnchorStatus.FUZZY
            (placed,) = other.replace_if_unchanged([(mine, mine)])  # the command's save
            assert placed.revision == mine.revision + 1
            app.clear_notifications()
            await pilot.press("A")
            await pilot.pause()
            await pilot.press("c")
            await wait_until(pilot, lambda: bool(app._notifications))
            said = [n.message for n in app._notifications]
            assert not any("another tui-reader" in m for m in said), said
            final = other.get(ident)
            assert final is not None and final.status == AnchorStatus.ANCHORED
            assert (final.start, final.end) == (placed.start, placed.end)
            assert final.tags == ("migration",)
    finally:
        other.close()
