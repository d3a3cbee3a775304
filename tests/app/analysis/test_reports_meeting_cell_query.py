"""A co-occurrence cell's passages, listed in the query view: its field, run again as it
is, lists the cell's passages again; edited, it runs as a query that keeps the overlap
(``"militarization" OVERLAPS "us" OR "us" OVERLAPS "militarization"``)."""

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


async def edited(pilot: Pilot[object], query: QueryScreen) -> None:
    """The cell's query edited (" OR us") and run, once its run is over."""
    await pilot.press("slash", "end", *" OR us", "enter")
    await wait_until(pilot, lambda: not query.running and query.query_text.endswith("us"))


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


def said(app: object) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_the_cells_field_edited_keeps_the_overlap(annotated: Annotated) -> None:
    """Edited, the cell's query ran as "militarization" AND "us" OR us: the cell's passage
    of militarization alone, carrying no us, was gone, and a line said a query could not ask
    where two passages overlap.  Its query asks it now: the cell's two passages and the
    other passages of us are listed, and nothing is said of it."""
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await meeting_cell(pilot)
        cell = listed(query)
        await edited(pilot, query)
        await pilot.pause()
        assert query.title == "Query"
        # militarization/patrols below it: the row counts militarization's own passages
        assert query.query_text.startswith('exactly:"militarization" OVERLAPS "us" OR ')
        scope = query.scope
        assert scope is not None
        carrying_us = {a.id for a in scope.carrying(frozenset(["us"]))}
        assert set(listed(query)) == set(cell) | carrying_us
        assert annotated.ids[0] in listed(query) and annotated.ids[0] not in carrying_us
        assert "overlap" not in said(app), said(app)


async def test_the_cell_of_a_code_with_codes_below_it_edited_lists_the_cells_passages(
    annotated: Annotated,
) -> None:
    """The row of militarization, the codes each apart, counts the passages coded
    militarization itself, not militarization/patrols: its cell with us lists the one us
    overlaps.  Its query, edited (put in parentheses, the same query), listed the patrols
    passage and the us passage overlapping it too, as "militarization" takes the codes below
    it.  The query writes it exactly:"militarization", and lists the cell's passages."""
    overlapping(annotated)
    with AnnotationStore(annotated.db) as store:  # a passage of us overlapping the patrols
        patrols = store.get(annotated.ids[1])
        assert patrols is not None
        text = (annotated.corpus / MEXICO.removeprefix("docs_corpus/")).read_text()
        start, end = patrols.start - 10, patrols.start + 5
        made = make_annotation(patrols.document, text, start, end, patrols.doc_sha256, ("us",))
        store.add(made.evolve(coder=patrols.coder))
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await meeting_cell(pilot)
        cell = listed(query)
        assert len(cell) == 2 and annotated.ids[0] in cell
        assert query.query_text == (
            'exactly:"militarization" OVERLAPS "us" OR "us" OVERLAPS exactly:"militarization"'
        )
        await pilot.press("slash", "home", "(", "end", ")", "enter")
        await wait_until(pilot, lambda: not query.running and query.query_text.endswith(")"))
        await pilot.pause()
        assert query.title == "Query"
        assert sorted(listed(query)) == sorted(cell)
        assert annotated.ids[1] not in listed(query)


async def test_an_overlap_typed_in_the_query_view_lists_one_codes_side(
    annotated: Annotated,
) -> None:
    """militarization OVERLAPS us typed in the view (OVERLAPS was read as a code, and
    nothing found): militarization's passage that the us passage overlaps, and WITHIN, that
    none lies inside it."""
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await meeting_cell(pilot)
        for typed, found in (
            ("militarization OVERLAPS us", [annotated.ids[0]]),
            ("us overlaps militarization", None),  # the other side: the us passage
            ("militarization WITHIN us", []),
        ):
            await pilot.press("slash", "ctrl+u", *typed, "enter")
            await wait_until(pilot, lambda t=typed: not query.running and query.query_text == t)
            await pilot.pause()
            if found is None:
                assert len(listed(query)) == 1 and annotated.ids[0] not in listed(query)
            else:
                assert listed(query) == found, typed
        assert "no code" not in said(app), said(app)


async def test_the_cells_field_narrower_than_its_query_shows_its_start(
    annotated: Annotated,
) -> None:
    """At 80 columns a cell's query longer than the field ('"actors/us" OVERLAPS
    "militarization" OR ...') showed its end: 'rs/us" OVERLAPS ...', its first code cut.
    It shows from its start (here at 60 columns, the cell of militarization and us); "/"
    edits at its end."""
    overlapping(annotated)
    app = analysis_app(annotated)
    async with app.run_test(size=(60, 24)) as pilot:
        query = await meeting_cell(pilot)
        await pilot.pause()
        shown = query.input.render_line(0).text.strip()
        assert shown.startswith('exactly:"militarization" OVERLAPS "us"'), shown
        await pilot.press("slash", *" OR x")
        await pilot.pause()
        assert query.input.value.endswith('OVERLAPS exactly:"militarization" OR x')
        assert query.input.render_line(0).text.strip().endswith("OR x")
