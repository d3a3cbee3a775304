"""The scope of an analysis (documents' lengths, their placed annotations, orphans) is the
same whether its documents are loaded or known from the facts and placement caches."""

from __future__ import annotations

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.export_stores import (
    EXPORT_CASES,
    TEXTS,
    ExportCase,
    export_workspace,
    three_documents,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path


def _scope(workspace: Workspace) -> tuple[object, ...]:
    scope: Scope = load_scope(Workspace(workspace.corpus, workspace.db))
    return (scope.lengths, scope.annotations, scope.orphans, scope.problems)


def _uncached(workspace: Workspace) -> tuple[object, ...]:
    facts_cache_path(workspace.db).unlink(missing_ok=True)
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    return _scope(workspace)


@settings(max_examples=examples(20), deadline=None)
@given(
    EXPORT_CASES,
    st.lists(st.sampled_from(sorted(TEXTS)), max_size=2),
    st.dictionaries(st.integers(0, 8), st.integers(-4, 4), max_size=3),
)
def test_the_scope_is_the_same_from_the_caches(
    tmp_path_factory: pytest.TempPathFactory,
    case: ExportCase,
    edited: list[str],
    moves: dict[int, int],
) -> None:
    """Texts edited, annotations moved in the database: what comes from the caches is what
    loading and placing finds."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _scope(workspace)  # loads every document, fills the caches
    for name in edited:  # lines and places shift; some annotations become orphans
        path = workspace.corpus / name
        if path.exists():
            path.write_text("A new first line.\n" + path.read_text("utf-8")[5:], "utf-8")
    store = Workspace(workspace.corpus, workspace.db).store
    every = store.annotations()
    for which, shift in moves.items():
        if which < len(every) and every[which].start + shift >= 0:
            a = every[which]
            store.update(a.evolve(start=a.start + shift, end=a.end + shift))
    store.close()
    warm = _scope(workspace)
    assert warm == _scope(workspace)  # the caches as the warm run left them
    assert warm == _uncached(workspace)


def test_an_unchanged_corpus_is_not_loaded_again(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = three_documents(deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _scope(workspace)
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    assert _scope(workspace) == first
    assert loads.calls == 0
