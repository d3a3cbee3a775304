"""The coded passages placed once for the views that ask questions of them: the query view,
the reports, the query view again each placed every document's passages anew (seconds each on
10,000 documents), though nothing had changed since the last placing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import analysis_app, query_view_opened, reports_opened
from helpers.app import codebook_opened, ready, wait_until
from helpers.passages import US, Annotated

from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.workspace import Workspace
from tui_reader.ui.screens import scope_loading
from tui_reader.ui.screens.codebook import CodebookScreen


def counting_placings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at each placing of the project's passages."""
    placings: list[int] = []

    def counted(workspace: Workspace, **given: Any) -> Scope:
        placings.append(1)
        return load_scope(workspace, **given)

    monkeypatch.setattr(scope_loading, "load_scope", counted)
    return placings


async def test_the_views_take_the_passages_placed_for_another(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    placings = counting_placings(monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        placed = query.scope
        await pilot.press("escape")
        reports = await reports_opened(pilot)
        assert reports.scope is placed
        await pilot.press("escape")
        again = await query_view_opened(pilot)
        assert again.scope is placed
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: not again.running and len(again.matches) == 3)
    assert len(placings) == 1


async def _placed_around(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]
) -> tuple[list[Annotation], int, Scope, list[int]]:
    """The query view's passages and their count (before the change), then ``change`` made
    with the query view closed, then the reports' passages; and the placings made (counted
    until the app ended)."""
    placings = counting_placings(monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        assert query.scope is not None
        before, count = list(query.scope.annotations), query.scope.count
        await pilot.press("escape")
        change()
        reports = await reports_opened(pilot)
        assert reports.scope is not None
        return before, count, reports.scope, placings


async def test_a_document_changed_on_disk_has_them_placed_again(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its passages may have moved: not taken as they were placed."""
    path = annotated.corpus / Path(US).name
    added = "A new first line.\n\n"

    def change() -> None:
        path.write_text(added + path.read_text(encoding="utf-8"), "utf-8")

    query, _, reports, placings = await _placed_around(annotated, monkeypatch, change)
    before = {a.id: a.start for a in query if a.document == US}
    after = {a.id: a.start for a in reports.annotations if a.document == US}
    assert before and after == {key: start + len(added) for key, start in before.items()}
    assert len(placings) >= 2  # (then again: the passages moved, their places saved)


async def test_another_process_s_coding_has_them_placed_again(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coded in another terminal, not yet polled by the app: not taken as they were placed."""

    def change() -> None:
        elsewhere = Workspace(annotated.corpus, annotated.db)
        try:
            document = elsewhere.document(US)
            start = document.text.index("militarism")
            elsewhere.store.add(
                make_annotation(US, document.text, start, start + 10, document.sha256, ("protest",))
            )
        finally:
            elsewhere.store.close()

    _, count, reports, placings = await _placed_around(annotated, monkeypatch, change)
    assert reports.count == count + 1
    assert len(placings) == 2


def counting_every_placing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The placings of the project's passages, shared (``scope``) or a view's own, as an
    export places them (``own``), in their order."""
    placings: list[str] = []
    own = Workspace.all_anchored

    def shared(workspace: Workspace, **given: Any) -> Scope:
        placings.append("scope")
        return load_scope(workspace, **given)

    def counted(workspace: Workspace, *given: Any, **named: Any) -> list[Annotation]:
        placings.append("own")
        return own(workspace, *given, **named)

    monkeypatch.setattr(scope_loading, "load_scope", shared)
    monkeypatch.setattr(Workspace, "all_anchored", counted)
    return placings


async def _codebook_placed(pilot: Any) -> CodebookScreen:
    codebook = await codebook_opened(pilot)
    await wait_until(pilot, lambda: not codebook.placing and bool(codebook.passages))
    return codebook


async def test_the_codebook_takes_the_passages_the_query_view_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codebook's first open placed every coded passage on its own, after the query
    view had placed them: seconds again on 10,000 documents."""
    placings = counting_every_placing(monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        query = await query_view_opened(pilot)
        assert query.scope is not None
        placed = {(a.id, a.start, a.end) for a in query.scope.annotations}
        await pilot.press("escape")
        codebook = await _codebook_placed(pilot)
        listed = {
            (p.annotation.id, p.annotation.start, p.annotation.end) for p in codebook.passages
        }
        assert listed == placed
        assert all(p.line is not None and p.title for p in codebook.passages)
    assert placings == ["scope"]


async def test_the_query_view_takes_the_passages_the_codebook_placed(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    placings = counting_every_placing(monkeypatch)
    app = analysis_app(annotated)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        codebook = await _codebook_placed(pilot)
        lines = {p.annotation.id: p.line for p in codebook.passages}
        await pilot.press("escape")
        query = await query_view_opened(pilot)
        assert query.scope is not None
        assert {a.id for a in query.scope.annotations} == set(lines)
        await pilot.press("escape")
        again = await _codebook_placed(pilot)
        assert {p.annotation.id: p.line for p in again.passages} == lines
    assert placings == ["scope"]
