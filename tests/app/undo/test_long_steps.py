"""An undo or redo of a step of thousands of passages (a code renamed on 19,000 of them: 5 s
on the bench database), from the reading view (``u``, ``ctrl+r``) or the history (``U``): said
first and taken by the app's save worker, the screen live; the keys typed meanwhile are
refused and said (each would read the store the step holds, the screen frozen until it is
taken), and once it is taken what it did is shown."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from helpers.app import ready, screen_opened_by, wait_until
from helpers.held_save import HeldSave, said
from helpers.passages import Annotated
from textual.pilot import Pilot
from textual.widgets import Static

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.reading_pane.annotating import Annotating
from tui_reader.ui.screens.history import HistoryScreen
from tui_reader.ui.screens.main import MainScreen

SIZE = (120, 40)


@asynccontextmanager
async def _code_renamed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, where: type[object] = Annotating
) -> AsyncIterator[tuple[ReaderApp, Pilot[object], MainScreen]]:
    """The app, ready, with the fixture's code (3 passages) renamed, a step of more than 2
    passages being a long one where the step is asked for (``where``)."""
    monkeypatch.setattr(where, "LONG_STEP", 2, raising=False)
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.workspace.store.rename_tag("militarization", "armed forces")
        yield app, pilot, screen


async def _let_go(app: ReaderApp, pilot: Pilot[object], held: HeldSave) -> None:
    """The held step, asked for once and held until now, let go and taken."""
    assert len(held.threads) == 1, "a second step was asked for meanwhile"
    assert not held.released.is_set()  # all of it answered while the step was held
    held.released.set()
    await wait_until(pilot, lambda: not app.saves.under_way)


@pytest.mark.parametrize(
    ("key", "method", "doing"), [("u", "undo", "Undoing"), ("ctrl+r", "redo", "Redoing")]
)
async def test_a_long_step_from_the_reading_view_is_said_and_taken_by_the_worker(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, key: str, method: str, doing: str
) -> None:
    async with _code_renamed(annotated, monkeypatch) as (app, pilot, screen):
        store = screen.workspace.store
        if method == "redo":
            store.undo()
        held = HeldSave(store, method)
        screen.reader.focus()
        await pilot.press(key)
        await wait_until(pilot, held.started.is_set)
        assert said(app, f"{doing} the last change on 3 passages… (a few seconds)")
        assert held.threads[0] is not threading.main_thread()

        await pilot.press("T", "U", "u")
        assert isinstance(app.screen, MainScreen), "a screen opened over the step under way"
        assert said(app, f"Still saving: {doing} the last change on 3 passages…")

        await _let_go(app, pilot, held)
        await wait_until(pilot, lambda: not said(app, "(a few seconds)"))
        codes = store.tag_counts()
        assert ("militarization" in codes) is (method == "undo")
        assert ("armed forces" in codes) is (method == "redo")
        await pilot.press("T")  # answered again
        await wait_until(pilot, lambda: not isinstance(app.screen, MainScreen))


async def test_a_long_undo_from_the_history_is_said_on_its_line_and_taken_by_the_worker(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with _code_renamed(annotated, monkeypatch, HistoryScreen) as (app, pilot, main):
        store = main.workspace.store
        history = await screen_opened_by(pilot, "U", HistoryScreen)
        held = HeldSave(store, "undo")
        step = history.chosen()
        await pilot.press("u")
        await wait_until(pilot, held.started.is_set)
        line = history.query_one(".dialog-error", Static)
        assert f"Undoing step {step} on 3 passages… (a few seconds)" in str(line.render())
        assert held.threads[0] is not threading.main_thread()

        await pilot.press("escape", "enter", "ctrl+r")
        assert app.screen is history, "esc closed the history of a step under way"
        assert said(app, f"Still saving: Undoing step {step} on 3 passages…")

        await _let_go(app, pilot, held)
        await wait_until(pilot, lambda: "a few seconds" not in str(line.render()))
        assert "militarization" in store.tag_counts()
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main)


async def test_the_text_is_read_during_a_long_step_and_only_changes_are_refused(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the step is written, the reader keeps reading: the caret moves (j, G), the text
    is searched (/ then a word), the caret's place waits to be kept until the step is
    written; a key that would change the store (t) is refused and said."""
    monkeypatch.setattr("tui_reader.ui.reading_pane.positions.SAVE_DELAY", 0.05)
    async with _code_renamed(annotated, monkeypatch) as (app, pilot, screen):
        store = screen.workspace.store
        held = HeldSave(store, "undo")
        positions: list[threading.Thread] = []
        kept = store.set_reading_position

        def set_reading_position(*args: object, **kwargs: object) -> None:
            positions.append(threading.current_thread())
            assert not app.saves.under_way, "the place was written while the step held the store"
            kept(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "set_reading_position", set_reading_position)
        reader = screen.reader
        reader.focus()
        start = reader.caret
        await pilot.press("u")
        await wait_until(pilot, held.started.is_set)

        await pilot.press("j")
        assert reader.caret > start, "j did not move the caret"
        await pilot.press("G")
        end = reader.caret
        assert end > start
        await pilot.pause(0.2)  # the place's delay, passed while the step is held
        await pilot.press("slash", *"the", "enter")
        await wait_until(pilot, lambda: screen.column.search.query == "the")
        assert reader.caret != end, "the search found nothing to go to"
        assert not said(app, "Still saving")

        await pilot.press("t")
        assert said(app, "Still saving: Undoing the last change on 3 passages…")
        assert positions == []
        read_to = reader.caret

        await _let_go(app, pilot, held)
        await wait_until(pilot, lambda: said(app, "Undone"))
        await wait_until(pilot, lambda: bool(positions))
        assert "militarization" in store.tag_counts()
        # the reader read on: the caret stays where it was taken, not sent back to a passage
        assert reader.caret == read_to


async def test_the_library_moves_during_a_long_step_and_opens_nothing(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the step is written, tab and shift+tab go from the text to the library and back
    (they only move the focus), and the library's cursor moves (j, k, G, g: the rows are
    drawn from what the library holds); enter, or a click on the cursor's row, would open a
    document (its passages read from the store the step holds): refused and said."""
    async with _code_renamed(annotated, monkeypatch) as (app, pilot, screen):
        store = screen.workspace.store
        held = HeldSave(store, "undo")
        table = screen.library.table
        assert table.row_count > 1
        opened = screen.pane.key
        screen.reader.focus()
        await pilot.press("u")
        await wait_until(pilot, held.started.is_set)
        await pilot.press("tab")  # to the library, as tab goes there from the text
        assert app.focused is table, app.focused
        await pilot.press("shift+tab")
        assert app.focused is screen.reader
        await pilot.press("tab")
        assert app.focused is table

        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1, "G did not move the library's cursor"
        await pilot.press("g", "j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0
        assert not said(app, "Still saving"), "a move in the library was refused"

        await pilot.press("j")
        await pilot.press("enter")
        assert said(app, "Still saving: Undoing the last change on 3 passages…")
        await pilot.click(table, offset=(2, 2 - int(table.scroll_y)))
        await pilot.pause()
        assert screen.pane.key == opened, "a document was opened while the step held the store"
        assert screen.column.open_key in (None, opened)

        await _let_go(app, pilot, held)
        assert "militarization" in store.tag_counts()
        assert table.cursor_row == 1  # where the user left it
