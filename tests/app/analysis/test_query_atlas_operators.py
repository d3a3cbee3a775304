"""ATLAS.ti's OVERLAPPED BY and ENCLOSED BY, and distances in sentences and words (NEAR/1s,
FOLLOWS/20w), typed in the query view: the passages listed as the command lists them, the
language's help naming them, a side missing said at its column."""

from __future__ import annotations

from helpers.analysis import analysis_app, query_view_opened
from helpers.app import wait_until
from helpers.passages import MEXICO, Annotated
from textual.pilot import Pilot
from textual.widgets import Static

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens.query import QueryScreen


def listed(query: QueryScreen) -> list[str]:
    return [m.annotation.id for m in query.matches]


def status(screen: QueryScreen) -> str:
    return str(screen.query_one("#query-status", Static).render())


async def query_ran(pilot: Pilot[object], query: QueryScreen, typed: str) -> None:
    """``typed`` entered in the query view and run to its end, what it found listed."""
    await pilot.press("slash", "ctrl+u", *typed, "enter")
    await wait_until(pilot, lambda: not query.running and query.query_text == typed)
    await pilot.pause()


def place_coded(annotated: Annotated, quote: str) -> str:
    """A passage coded ``place`` on ``quote`` in the Mexico document; its id."""
    workspace = Workspace(annotated.corpus, annotated.db)
    try:
        document = workspace.document(MEXICO)
        start = document.text.index(quote)
        made = make_annotation(
            MEXICO, document.text, start, start + len(quote), document.sha256, ("place",)
        )
        return workspace.store.add(made).id
    finally:
        workspace.store.close()


async def test_atlas_ti_s_operators_and_distances_in_sentences_and_words(
    annotated: Annotated,
) -> None:
    """ "remilitarize the region" is militarization; "region, largely under" starts inside it
    and ends after it, "militarize the region" lies inside it. "massively deporting ..." (migration)
    starts the next sentence, in the next paragraph, the 20th word after "region,". These
    operators were said to be none, and the distances counted paragraphs alone."""
    remilitarize, _patrols, deporting, _ = annotated.ids
    overlapping = place_coded(annotated, "region, largely under")
    inside = place_coded(annotated, "militarize the region")
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        for typed, found in (
            ("place OVERLAPPED BY militarization", [overlapping]),
            ("militarization overlapped by place", []),
            ("militarization OVERLAPS place", [remilitarize]),
            ("place ENCLOSED BY militarization", [inside]),
            ("migration FOLLOWS/0s militarization", []),
            ("migration FOLLOWS/1s militarization", [deporting]),
            ("migration FOLLOWS/19w militarization", []),
            ("migration FOLLOWS/20w militarization", [deporting]),
            ("militarization NEAR/20W migration", [remilitarize]),
        ):
            await query_ran(pilot, query, typed)
            assert listed(query) == found, typed
        await query_ran(pilot, query, "place ENCLOSED BY")
        lines = status(query).splitlines()
        assert lines[0].startswith(
            "query error at column 18: expected a code or a filter after ENCLOSED BY"
        ), lines
        assert query.status.has_class("-error")
