"""FOLLOWS and PRECEDES typed in the query view: the passages of a code after (or before)
a passage of another in their document, as the command lists them; with a distance in
paragraphs (FOLLOWS/1), NEAR/1 too."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.analysis import analysis_app, query_view_opened
from helpers.app import wait_until
from helpers.passages import MEXICO, US, Annotated
from rich.text import Text
from textual.pilot import Pilot

from tui_reader.ui.screens.query import QueryScreen


def listed(query: QueryScreen) -> list[str]:
    return [m.annotation.id for m in query.matches]


def said(app: object) -> str:
    return " ".join(str(n.message) for n in app._notifications)  # type: ignore[attr-defined]


async def query_typed(pilot: Pilot[object], typed: str) -> None:
    """``typed`` entered in the query view's line, in place of what it held."""
    await pilot.press("slash", "ctrl+u", *typed, "enter")


async def query_ran(pilot: Pilot[object], query: QueryScreen, typed: str) -> None:
    """``typed`` entered in the query view and run to its end, what it found listed."""
    await query_typed(pilot, typed)
    await wait_until(pilot, lambda: not query.running and query.query_text == typed)
    await pilot.pause()


async def test_follows_and_precedes_typed_in_the_query_view_list_one_codes_side(
    annotated: Annotated,
) -> None:
    """In the Mexico document, militarization (remilitarize), then migration (deporting),
    then militarization/patrols.  FOLLOWS and PRECEDES were read as codes: nothing found,
    and a line said no code FOLLOWS is in the codebook."""
    remilitarize, patrols, deporting, _ = annotated.ids
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        for typed, found in (
            ("migration FOLLOWS militarization", [deporting]),
            ("migration precedes militarization", [deporting]),
            ("militarization FOLLOWS migration", [patrols]),
            ("militarization PRECEDES migration", [remilitarize]),
            ("militarization/patrols PRECEDES migration", []),
            ("militarization FOLLOWS militarization", [patrols]),
            # paragraphs 2, 3 and 4 of the document
            ("migration FOLLOWS/0 militarization", []),
            ("migration FOLLOWS/1 militarization", [deporting]),
            ("militarization FOLLOWS/1 militarization", []),
            ("militarization FOLLOWS/2 militarization", [patrols]),
            ("militarization NEAR/1 migration", [remilitarize, patrols]),
        ):
            await query_ran(pilot, query, typed)
            assert listed(query) == found, typed
        assert "no code" not in said(app), said(app)


async def test_a_distance_says_its_paragraphs_cut_with_a_count(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first distance query cuts the texts where the other side's passages lie into
    paragraphs (10,000 documents: half a minute); the status line said nothing of it. It
    says so now, with a count of the documents."""
    statuses: list[str] = []
    say = QueryScreen._say

    def recorded(screen: QueryScreen, message: str | Text, *, error: bool = False) -> None:
        statuses.append(str(message))
        say(screen, message, error=error)

    monkeypatch.setattr(QueryScreen, "_say", recorded)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        typed = "militarization NEAR/1 migration"
        await query_ran(pilot, query, typed)
    assert "Cutting paragraphs: 1 of 1 document…" in statuses, statuses


async def test_a_text_whose_paragraphs_cannot_be_counted_is_named(annotated: Annotated) -> None:
    """The Mexico document deleted once the view placed its passages: a distance counted
    in it found nothing near, and said nothing of why. Its file is named in a notice."""
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        (annotated.db.parent / MEXICO).unlink()  # (the key: its path from the database's folder)
        typed = "migration FOLLOWS/1 militarization"
        await query_ran(pilot, query, typed)
        assert listed(query) == []
        notices = [
            str(n.message)
            for n in app._notifications  # type: ignore[attr-defined]
            if "paragraphs not counted" in str(n.message)
        ]
        assert len(notices) == 1, said(app)
        assert Path(MEXICO).name in notices[0], notices  # (its path, maybe shortened)


async def test_a_distance_run_again_while_its_paragraphs_are_cut_stops_the_first_cut(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The distance run again (the view's run once the passages are placed whole, or once
    the database changed) while the first run still cuts its texts into paragraphs: the
    first cut went on beside the second's, each counting the same documents on the status
    line in turn. The first stops at its next document once the second starts; the second
    cuts both documents the passages lie in."""
    import threading
    from typing import Any

    from textual.worker import get_current_worker

    from tui_reader.core.analysis import agreement
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.workspace import Workspace

    workspace = Workspace(annotated.corpus, annotated.db)  # migration in the US document too
    try:
        document = workspace.document(US)
        start = document.text.index("deport migrants from third countries")
        made = make_annotation(
            US, document.text, start, start + 17, document.sha256, ("migration",), ""
        )
        workspace.store.add(made)
    finally:
        workspace.store.close()
    real = agreement.unit_spans
    cutting, go_on = threading.Event(), threading.Event()
    cut: list[object] = []  # the worker that cut each text
    ended: list[object] = []  # the workers whose run ended

    def held_first(text: str, unit: str, *rule: object) -> object:
        cut.append(get_current_worker())
        if len(cut) == 1:
            cutting.set()
            go_on.wait(10)
        return real(text, unit, *rule)  # type: ignore[arg-type]

    placed = QueryScreen._placed

    def ending(screen: QueryScreen, *args: Any, **kwargs: Any) -> None:
        try:
            placed(screen, *args, **kwargs)
        finally:
            ended.append(get_current_worker())

    monkeypatch.setattr(agreement, "unit_spans", held_first)
    monkeypatch.setattr(QueryScreen, "_placed", ending)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        typed = "militarization NEAR/2 migration"
        await query_typed(pilot, typed)
        await wait_until(pilot, cutting.is_set)
        # run again, as the view runs it once the passages are placed whole or the
        # database changed (keys typed meanwhile wait for the run they follow)
        query.run_query(typed)
        await wait_until(pilot, lambda: len(cut) > 1)  # the second run cuts
        go_on.set()
        await wait_until(pilot, lambda: not query.running and query.query_text == typed)
        await wait_until(pilot, lambda: cut[0] in ended)  # the first run's end
        first = cut[0]
        assert [worker for worker in cut if worker is first] == [first], cut
        assert len(cut) == 3, cut
        remilitarize, patrols, _, _ = annotated.ids  # (the US one further from it)
        assert sorted(listed(query)) == sorted([remilitarize, patrols])
