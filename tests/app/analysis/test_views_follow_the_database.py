"""The query view and the reports, open while another process changes the database (an
autocode or a merge from the command line, another terminal's coding): they showed, and ran
again, the passages placed when they opened, their counts no longer the database's."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from helpers.analysis import analysis_app, query_view_opened, reports_opened
from helpers.app import wait_until
from helpers.passages import MEXICO, US, Annotated
from helpers.threads import held_until

from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens import scope_loading

QUOTE = "bolster militarism in the region"


def coded_elsewhere(annotated: Annotated, tags: tuple[str, ...]) -> None:
    """A passage of the US document coded ``tags`` by another process."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        document = workspace.document(US)
        start = document.text.index(QUOTE)
        workspace.store.add(
            make_annotation(US, document.text, start, start + 7, document.sha256, tags)
        )
    finally:
        workspace.store.close()


async def test_the_query_view_runs_its_query_again_on_the_database_changed(
    annotated: Annotated,
) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await query_view_opened(pilot)
        await pilot.press(*"militarization AND NOT policy/border", "enter")
        await wait_until(pilot, lambda: not screen.running and len(screen.matches) == 2)
        screen.passage_list.focus()
        screen.passage_list.highlighted = 1  # on the second passage
        await pilot.pause()
        second = screen.matches[1].annotation.id
        assert screen.passage_list.highlighted == 1
        coded_elsewhere(annotated, ("militarization",))
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await wait_until(pilot, lambda: not screen.running and len(screen.matches) == 3)
        status = str(screen.status.render())
        assert "3 passages in 2 documents match militarization AND NOT policy/border" in status
        highlighted = screen.passage_list.highlighted
        assert highlighted is not None
        assert screen.matches[highlighted].annotation.id == second  # the cursor kept
        assert app.focused is screen.passage_list


async def test_the_reports_count_again_on_the_database_changed(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reports_opened(pilot)
        before = {row["tag"]: row for row in screen.rows}
        coded_elsewhere(annotated, ("militarization", "protest"))
        app.store_poll.poll()
        await wait_until(
            pilot,
            lambda: not screen.computing and any(r["tag"] == "protest" for r in screen.rows),
        )
        after = {row["tag"]: row for row in screen.rows}
        assert screen.scope is not None
        assert len(screen.scope.annotations) == len(annotated.ids) + 1
        counted = [
            k for k, v in before["militarization"].items() if v != after["militarization"][k]
        ]
        assert counted, (before["militarization"], after["militarization"])


async def test_a_reading_position_saved_places_no_passage_again(annotated: Annotated) -> None:
    """A passage opened from the query view (enter), then Q again within a second and a half:
    the reading position, saved once the caret had stood still that long, was a change of
    the database to the view, which placed the project's passages again and ran its query
    again (seconds at 100,000 annotations, said "The database changed"); g or G typed
    meanwhile waited for it.  The reports did the same."""
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await query_view_opened(pilot)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not screen.running and len(screen.matches) == 3)
        placed = screen.scope
        app.workspace.store.set_reading_position(MEXICO, 5)  # as the reading column saves it
        app.store_poll.poll()  # what the app's timer does every POLL_SECONDS
        await pilot.pause()
        assert screen.scope is placed and not screen.running
        assert "3 passages in 2 documents match militarization" in str(screen.status.render())
        await pilot.press("escape")
        reports = await reports_opened(pilot)
        placed = reports.scope
        app.workspace.store.set_reading_position(MEXICO, 9)
        app.store_poll.poll()
        await pilot.pause()
        assert reports.scope is placed and not reports.computing


async def test_a_query_entered_while_the_passages_are_placed_again_is_the_one_run(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database changed (another process's coding) while the view showed the passages of
    "militarization": a query entered while they were placed again was dropped once they
    were, and the view ran "militarization" again, its passages listed under "migration"."""
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await query_view_opened(pilot)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not screen.running and len(screen.matches) == 3)
        placing = threading.Event()

        def held(workspace: Workspace, **given: Any) -> Scope:
            held_until(placing)
            return load_scope(workspace, **given)

        monkeypatch.setattr(scope_loading, "load_scope", held)
        coded_elsewhere(annotated, ("protest",))
        app.store_poll.poll()
        await wait_until(pilot, lambda: screen.scope is None)
        try:
            screen.input.value = "migration"
            screen.input.focus()
            await pilot.press("enter")
        finally:
            placing.set()
        await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
        await pilot.pause()
        status = str(screen.status.render())
        assert "1 passage in 1 document matches migration" in status, status
        assert [p.annotation.tags for p in screen.matches] == [("migration/deportation",)]
