"""A rename or merge of a code on many passages says what it does before it starts.

In a project of 100,000 annotations, renaming or merging a code on 19,000 of them took 7 to
11 s, the screen frozen with the dialog still showing the name typed and nothing said.  What
is being done is now on screen, in the dialog, before the save starts; the keys typed behind
``enter`` still go to the codebook once the dialog closes.  The save is written by the app's
save worker, the screen live meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from helpers.app import (
    burst,
    keys_handled,
    screen_opened_by,
    terminal_lines,
    wait_until,
    workers_done,
)
from helpers.held_save import HeldSave, said
from helpers.passages import Annotated
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.codebook_edits import CodebookEdits
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.tag_dialogs import TagNameDialog
from tui_reader.ui.widgets.text_field import HandingOverField


async def _codebook_on(pilot: Pilot[int], path: str) -> CodebookScreen:
    screen = await screen_opened_by(pilot, "T", CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing and not screen.counting)
    tree = screen.tag_tree
    tree.focus()
    lines = [tree.get_node_at_line(y) for y in range(tree.last_line + 1)]
    tree.cursor_line = next(y for y, n in enumerate(lines) if n is not None and n.data == path)
    await wait_until(pilot, lambda: screen.selected == path)
    await pilot.pause()
    return screen


@contextlib.asynccontextmanager
async def _long_saves_on_militarization(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[ReaderApp, Pilot[int], CodebookScreen]]:
    """The app on its codebook, the cursor on militarization, whose 3 passages make a long
    save (the fixture's codes have a few passages each)."""
    monkeypatch.setattr(CodebookEdits, "LONG_SAVE", 2, raising=False)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(100, 30)) as pilot:
        yield app, pilot, await _codebook_on(pilot, "militarization")


async def _renamed_held(pilot: Pilot[int], held: HeldSave, name: str) -> TagNameDialog:
    """``r``, the new name typed and ``enter``: the rename dialog, once the save is held."""
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TagNameDialog))
    dialog = pilot.app.screen
    assert isinstance(dialog, TagNameDialog)
    dialog.query_one(Input).value = name
    await pilot.press("enter")
    await wait_until(pilot, held.started.is_set)
    return dialog


def _watched(app: ReaderApp, store: Any, method: str, seen: list[list[str]]) -> None:
    """``store.method`` noting, as it starts, the terminal's rows as the app last sent them
    to the terminal (its last frame drawn, not its widgets as they are now)."""
    save = getattr(store, method)
    display = app._display
    painted: list[list[str]] = [[]]

    def displayed(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            painted[0] = terminal_lines(app)

    def watched(*args: str) -> int:
        seen.append(painted[0])
        result: int = save(*args)
        return result

    app._display = displayed  # type: ignore[method-assign]
    setattr(store, method, watched)


@pytest.mark.parametrize(
    ("key", "method", "typed", "said"),
    [
        ("r", "rename_tag", "armed forces", "Renaming militarization in 3 passages…"),
        ("m", "merge_tags", "migration", "Merging militarization in 3 passages…"),
    ],
)
async def test_a_long_rename_or_merge_is_said_on_screen_before_it_is_saved(
    annotated: Annotated,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    method: str,
    typed: str,
    said: str,
) -> None:
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        seen: list[list[str]] = []
        _watched(app, screen.workspace.store, method, seen)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, TagNameDialog))
        field = app.screen.query_one(Input)
        field.value = typed
        # enter, and "j" typed behind it as the save goes on: for the codebook's tree
        await burst(pilot, ["enter", "j"])
        await wait_until(pilot, lambda: app.screen is screen and not screen.counting)
        await keys_handled(pilot)  # j gone to the tree (held while the dialog closed)
        await workers_done(app)  # and the counts read again after the save shown with it
        await pilot.pause()
        assert len(seen) == 1
        shown = "\n".join(seen[0])
        assert said in shown, shown
        assert field.value == typed  # "j" not typed into the name
        assert screen.selected not in (None, typed), "j moved the tree's cursor on"


async def test_a_long_rename_is_saved_by_a_worker_the_app_answering_meanwhile(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save of seconds is written by the app's save worker: the dialog says what it does
    and counts the seconds; a key typed meanwhile is refused and said (esc does not leave the
    save unseen, nothing is typed into the name being saved); the store's poll does not wait
    for the save; ctrl+q quits once it is saved, and it is saved."""
    # a key past the hold behind enter is the user's: at once here, not half a second on
    monkeypatch.setattr(HandingOverField, "HOLD_AT_MOST", 0.0)
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        held = HeldSave(screen.workspace.store, "rename_tag")
        dialog = await _renamed_held(pilot, held, "armed forces")
        field = dialog.query_one(Input)
        line = str(dialog.query_one(".dialog-error", Static).render())
        assert "Renaming militarization in 3 passages…" in line
        assert held.threads[0] is not threading.main_thread()

        await pilot.press("escape", "x")
        assert app.screen is dialog, "esc closed the dialog of a save under way"
        assert field.value == "armed forces"
        assert said(app, "Still saving: Renaming militarization in 3 passages…")
        app.store_poll.poll()  # returns: it does not wait for the store the save holds
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: said(app, "Quitting once saved") or app._exit)
        assert not app._exit, "quit before the save was written"
        assert said(app, "Quitting once saved")
        assert not held.released.is_set()  # all of it answered while the save was held

        held.released.set()
        await wait_until(pilot, lambda: app._exit)
    store = AnnotationStore(annotated.db)
    assert "armed forces" in store.tag_counts()
    assert "militarization" not in store.tag_counts()


async def test_a_long_delete_is_said_before_it_is_saved_the_app_answering_meanwhile(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``d`` on a code of many passages: the question's ``y`` says what is being deleted on
    its line before the save, which the app's save worker writes; a key typed meanwhile is
    refused and said (``n`` does not close the question as if nothing were being deleted);
    the question closes once it is saved, the code gone."""
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        held = HeldSave(screen.workspace.store, "delete_tag")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen
        await pilot.press("y")
        await wait_until(pilot, held.started.is_set)
        line = str(question.query_one(".dialog-error", Static).render())
        assert "Deleting militarization from 3 passages…" in line
        assert held.threads[0] is not threading.main_thread()

        await pilot.press("n")
        assert app.screen is question, "n closed the question of a delete under way"
        assert said(app, "Still saving: Deleting militarization from 3 passages…")
        assert not held.released.is_set()  # answered while the save was held

        held.released.set()
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: screen.node("militarization") is None)
        assert "militarization" not in screen.workspace.store.tag_counts()


async def test_a_long_undo_is_said_before_it_is_taken_the_codebook_answering_meanwhile(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``u`` after renaming a code of many passages: the undo is said first and taken by the
    app's save worker; meanwhile the codebook's edits and its closing are refused and said
    (each reads the store the undo holds), and once it is taken the code is back."""
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        screen.workspace.store.rename_tag("militarization", "armed forces")
        held = HeldSave(screen.workspace.store, "undo")
        await pilot.press("u")
        await wait_until(pilot, held.started.is_set)
        assert said(app, "Undoing the last change on 3 passages…")
        assert held.threads[0] is not threading.main_thread()

        await pilot.press("r", "escape", "E", "J")
        assert app.screen is screen, "the codebook closed, or a dialog opened, meanwhile"
        assert said(app, "Still saving: Undoing the last change on 3 passages…")
        assert not held.released.is_set()  # answered while the undo was held

        held.released.set()
        await wait_until(pilot, lambda: not app.saves.under_way)
        await wait_until(pilot, lambda: screen.node("militarization") is not None)
        assert "armed forces" not in screen.workspace.store.tag_counts()


async def test_a_signal_during_a_long_rename_keeps_no_draft_of_it_and_it_is_saved(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """TERM while the rename is written: the app ends once it is saved, and the name typed
    is not kept as a draft of text "typed and not saved" (offered back at the next start,
    it said a rename done was lost)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        held = HeldSave(screen.workspace.store, "rename_tag")
        await _renamed_held(pilot, held, "armed forces")
        app._stopped_by_signal(signal.SIGTERM)
        held.released.set()
        await wait_until(pilot, lambda: app._exit)
    assert await asyncio.to_thread(held.saved.wait, 10)
    assert not list((tmp_path / "state").rglob("draft-*.txt"))
    assert not app.said_at_exit
    store = AnnotationStore(annotated.db)
    assert "armed forces" in store.tag_counts()


async def test_a_signal_during_a_long_rename_then_refused_keeps_the_name_typed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """TERM while the rename is written, and the store then refuses it (the database made
    read-only meanwhile): the name typed is kept as a draft, said at exit, as any text typed
    and not saved (the dialog was gone, and the name with it, without a word)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        refusal = StoreError("the database is read-only")
        held = HeldSave(screen.workspace.store, "rename_tag", refusal)
        await _renamed_held(pilot, held, "armed forces")
        app._stopped_by_signal(signal.SIGTERM)
        await wait_until(pilot, lambda: app._exit)
        held.released.set()
    await asyncio.to_thread(app.keep_drafts_if_not_saved)  # as the command does after run
    drafts = list((tmp_path / "state").rglob("draft-*.txt"))
    assert len(drafts) == 1, drafts
    assert "armed forces" in drafts[0].read_text(encoding="utf-8")
    assert len(app.said_at_exit) == 1
    assert "the database is read-only" in app.said_at_exit[0]
    assert str(drafts[0]) in app.said_at_exit[0]
    assert "militarization" in AnnotationStore(annotated.db).tag_counts()


async def test_j_typed_as_the_counts_arrive_is_not_undone_by_them(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts a worker read after an edit (a rename's retagging) arrive as ``j`` has moved
    the tree's cursor but before its highlight was handled: the tree shown again with them
    keeps the cursor where ``j`` put it, not on the code it had left (a user typing behind a
    rename on a loaded machine saw their ``j`` undone)."""
    async with _long_saves_on_militarization(annotated, monkeypatch) as (app, pilot, screen):
        await workers_done(app)
        ticket = screen._asked = screen._shown_ticket + 1  # a count asked after an edit
        counts = screen._counts(ticket, None, lambda: False)
        assert counts is not None
        screen.tag_tree.action_cursor_down()  # j: the cursor moved, its highlight on its way
        moved_to = screen.tag_tree.cursor_node.data if screen.tag_tree.cursor_node else None
        assert moved_to not in (None, "militarization")
        screen._counted(counts, None, None)  # the worker's counts, delivered before it
        await pilot.pause()
        assert screen.selected == moved_to, "the counts put the cursor back"
        node = screen.tag_tree.cursor_node
        assert node is not None and node.data == moved_to
