"""A co-occurrence cell's passages, listed in the query view: its field, run again as it
is, lists the cell's passages again; edited, it runs as a query, and one line says that a
query cannot ask where two passages overlap, naming the command that can."""

from __future__ import annotations

from helpers.analysis import analysis_app, cell_passages, reports_opened
from helpers.app import wait_until
from helpers.passages import MEXICO, Annotated
from textual.pilot import Pilot

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.screens.query import QueryScreen


def overlapping(annotated: Annotated) -> None:
    """A passage carrying "us" alone overlapping the first (militarization, ...), one coder's."""
    with AnnotationStore(annotated.db) as store:
        first = store.get(annotated.ids[0])
        assert first is not None
        text = (annotated.corpus / MEXICO.removeprefix("docs_corpus/")).read_text()
        overlap = make_annotation(
            first.document, text, first.start - 10, first.start + 5, first.doc_sha256, ("us",)
        )
        store.add(overlap.evolve(coder=first.coder))


async def meeting_cell(pilot: Pilot[object]) -> QueryScreen:
    """The militarization x us cell of the co-occurrence, its passages listed."""
    screen = await reports_opened(pilot)
    await pilot.press("c")
    await wait_until(pilot, lambda: not screen.computing)
    await pilot.pause()
    row = [r["tag"] for r in screen.rows].index("militarization")
    return await cell_passages(pilot, screen, row, screen.columns.index("us"))


async def edited(pilot: Pilot[object]) -> QueryScreen:
    """The cell's query edited (" OR us") and run, once its run is over."""
    query = await meeting_cell(pilot)
    await pilot.press("slash", "end", *" OR us", "enter")
    await wait_until(pilot, lambda: not query.running and query.query_text.endswith("us"))
    return query


def listed(query: QueryScreen) -> list[str]:
    return [m.annotation.id for m in query.matches]


async def test_the_cells_field_run_again_as_it_is_lists_the_cells_passages(
    annotated: Annotated,
) -> None:
    """It ran "militarization" AND "us" as a query: no passage, as none of the cell's two
    carries both codes, and the title and the line under the field no longer said they meet."""
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await meeting_cell(pilot)
        cell = listed(query)
        assert len(cell) == 2
        await pilot.press("slash", "enter")  # enter sets it running, whatever it finds
        await wait_until(pilot, lambda: not query.running)
        await pilot.pause()
        assert listed(query) == cell
        assert query.title == 'Query: "militarization" meets "us" in 1 place'
        status = str(query.query_one("#query-status").render())
        assert status.startswith('2 passages in 1 document where "militarization" meets "us"')


async def test_the_cells_field_edited_runs_as_a_query_and_says_overlap_is_not_asked(
    annotated: Annotated,
) -> None:
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await edited(pilot)
        await pilot.pause()
        assert query.title == "Query"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "cannot ask where two passages overlap" in said, said
        assert 'query "militarization" --meets "us"' in said


async def test_the_overlap_notice_stays_when_the_edited_query_runs_again_on_the_whole_project(
    annotated: Annotated,
) -> None:
    """A query entered before every passage is placed runs on those placed, then again on
    the whole project: the second run took back the notice the first had said, and, said
    once only, it was gone (a whole run under load failed so)."""
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await edited(pilot)
        query.run_query(query.query_text)  # as the run on the whole project does
        await wait_until(pilot, lambda: not query.running)
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "cannot ask where two passages overlap" in said, said
