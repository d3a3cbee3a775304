"""A scope taken while nothing moved since a pass found every annotation in place, the store
holding them built (as the app does), is made of the store's own annotations, no record
looked at; and it is the scope the records give, field for field."""

from __future__ import annotations

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    TEXTS,
    ExportCase,
    Marked,
    coded_workspace,
    export_workspace,
)
from hypothesis import HealthCheck, given, settings

from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace


def _again(workspace: Workspace) -> Workspace:
    return Workspace(workspace.corpus, workspace.db)


def _settled(workspace: Workspace) -> None:
    """A full pass places every annotation; the next finds each in place, and the placement
    cache then knows them all in place (as after any command that placed them)."""
    _again(workspace).all_anchored()
    _again(workspace).all_anchored()


def _fields(scope: Scope) -> tuple[object, ...]:
    placed = [(a.id, a.document, a.start, a.end, a.tags, a.coder) for a in scope.annotations]
    return placed, scope.lengths, scope.orphans, dict(scope.orphan_coders), scope.count


def test_a_settled_scope_takes_the_store_s_built_annotations(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = [Marked(name, n, 4, ("x",), "", "", orphan=False) for n, name in enumerate(TEXTS)]
    workspace = coded_workspace(tmp_path_factory.mktemp("case"), marked)
    _settled(workspace)
    again = _again(workspace)
    held = {a.id: a for a in again.store.annotations()}  # built, as the app holds them
    records = count_calls(monkeypatch, AnnotationStore, "records_by_document")
    scope = load_scope(again)
    assert records.calls == 0
    assert len(scope.annotations) == len(TEXTS)
    assert all(a is held[a.id] for a in scope.annotations)


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=EXPORT_CASES)
def test_a_settled_scope_is_the_same_built_or_from_records(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _settled(workspace)
    from_records = load_scope(_again(workspace))
    built = _again(workspace)
    built.store.annotations()
    assert _fields(load_scope(built)) == _fields(from_records)
