"""Helpers of the analysis tests: the tagged passages of :mod:`helpers.passages` with a
``country`` attribute per document, and an app on them."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from helpers.app import screen_opened_by, wait_until
from helpers.passages import MEXICO, US, Annotated
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen

COUNTRIES = {MEXICO: "Mexico", US: "USA"}


def analysis_app(annotated: Annotated) -> ReaderApp:
    """The app on the annotated corpus (the Mexico document open), after giving each document
    its ``country``."""
    with AnnotationStore(annotated.db) as store:
        store.set_attributes([(key, {"country": c}) for key, c in COUNTRIES.items()])
    return ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)


async def query_view_opened(pilot: Pilot[object]) -> QueryScreen:
    """``Q`` on the ready app: the query view, its documents' scope read, nothing running."""
    screen = await screen_opened_by(pilot, "Q", QueryScreen)
    await wait_until(pilot, lambda: screen.scope is not None and not screen.running)
    return screen


async def reports_opened(pilot: Pilot[object]) -> ReportsScreen:
    """``R`` on the ready app: the reports view, its first report computed and shown."""
    screen = await screen_opened_by(pilot, "R", ReportsScreen)
    await wait_until(pilot, lambda: bool(screen.rows) and not screen.computing)
    return screen


async def report_key(pilot: Pilot[object], screen: ReportsScreen, key: str) -> None:
    """``key`` pressed in the reports view, and its report computed and shown."""
    await pilot.press(key)
    await wait_until(pilot, lambda: not screen.computing)
    await pilot.pause()


async def matrix_by(pilot: Pilot[object], screen: ReportsScreen, by: str) -> list[str]:
    """``m`` pressed in the reports view for its matrix, then ``b`` until its columns are
    ``by`` (eight times at most); what each ``b`` made them."""
    await report_key(pilot, screen, "m")
    bys: list[str] = []
    while screen.by != by and len(bys) < 8:
        await report_key(pilot, screen, "b")
        bys.append(screen.by)
    return bys


async def cell_passages(
    pilot: Pilot[object], screen: ReportsScreen, row: int, column: int
) -> QueryScreen:
    """The passages of the table's cell at ``row``, ``column`` (enter), once they are found."""
    screen.table.move_cursor(row, column)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, QueryScreen))
    query = pilot.app.screen
    assert isinstance(query, QueryScreen)
    await wait_until(pilot, lambda: not query.running and bool(query.matches))
    return query
