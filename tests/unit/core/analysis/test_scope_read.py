"""A scope whose caches know nothing (a colleague's database, a fresh cache folder) reads a
plain text or Markdown document's text as the library reads it, and keeps its records when
every one is in place there, as an export does: it is what loading every document and
placing every annotation gives."""

from __future__ import annotations

import pytest
from helpers import examples
from helpers.counting import count_calls, record_calls
from helpers.export_stores import (
    EXPORT_CASES,
    TEXTS,
    ExportCase,
    Marked,
    export_workspace,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis import scope as scope_module
from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.scope import load_scope
from tui_reader.core.annotations import anchoring
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path


def _fresh(workspace: Workspace, *, facts: bool = False) -> tuple[object, ...]:
    """The scope with no cache of placements, nor of facts unless ``facts`` (as the library
    leaves them: every document's facts kept)."""
    facts_cache_path(workspace.db).unlink(missing_ok=True)
    if facts:
        load_scope(Workspace(workspace.corpus, workspace.db))
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    scope = load_scope(Workspace(workspace.corpus, workspace.db))
    return (scope.lengths, scope.annotations, scope.orphans, scope.problems, scope.count)


_TWO_TEXTS = ExportCase(  # two plain texts coded, a Markdown file not
    [
        Marked("a.txt", 5, 10, ("policy/border",), "", "", orphan=False),
        Marked("notes/c.txt", 3, 10, ("x",), "a note", "ana", orphan=False),
        Marked("notes/c.txt", 20, 6, ("y",), "", "", orphan=False),
    ],
    [],
    [],
    {},
    deleted=False,
)


@settings(max_examples=examples(20), deadline=None)
@given(EXPORT_CASES, st.lists(st.sampled_from(sorted(TEXTS)), max_size=2))
def test_texts_read_give_what_loading_gives(
    tmp_path_factory: pytest.TempPathFactory, case: ExportCase, edited: list[str]
) -> None:
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    for name in edited:  # some passages moved, some orphans: those documents are loaded
        path = workspace.corpus / name
        if path.exists():
            path.write_text("A new first line.\n" + path.read_text("utf-8")[5:], "utf-8")
    read = _fresh(workspace)
    with pytest.MonkeyPatch.context() as patch:  # every document loaded and placed
        patch.setattr(scope_module._KnownPlaces, "read", lambda *_: None)
        loaded = _fresh(workspace)
    assert read == loaded
    assert _fresh(workspace, facts=True) == loaded


def test_passages_in_place_are_neither_loaded_nor_placed(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two plain texts coded: neither is loaded, no annotation is placed one by one, and the
    next scope knows them from the caches; only the Markdown whose rendering needs its
    conversion (emphasis) is loaded, for its length."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), _TWO_TEXTS)
    loads = record_calls(monkeypatch, scope_module.Workspace, "document")
    placed = count_calls(monkeypatch, anchoring, "reanchor")
    first = _fresh(workspace)
    assert ({key for (key,) in loads.args}, placed.calls) == ({"corpus/b.md"}, 0)
    assert first[2:] == (0, [], 3)  # no orphan, no problem, the three passages
    again = load_scope(Workspace(workspace.corpus, workspace.db))
    assert (again.lengths, again.annotations) == first[:2]
    assert ({key for (key,) in loads.args}, placed.calls) == ({"corpus/b.md"}, 0)


def test_facts_known_are_not_read_again(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facts cache holds every document's (the library read them), the placement cache
    none: each coded text is read for its passages alone, no word counted again."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), _TWO_TEXTS)
    first = _fresh(workspace)  # the facts cache learns every document's
    placement_cache_path(workspace.db).unlink()
    facts = count_calls(monkeypatch, scope_module, "quick_facts_text_and_raw")
    loads = record_calls(monkeypatch, scope_module.Workspace, "document")
    scope = load_scope(Workspace(workspace.corpus, workspace.db))
    assert (scope.lengths, scope.annotations) == first[:2]
    assert ({key for (key,) in loads.args}, facts.calls) == (set(), 0)


def test_a_filter_on_the_format_s_attributes_loads_no_plain_text(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--where words>3`` with no facts kept: each plain text's words, title and length come
    from one read of its file, as the library's filter takes them, the same values as its
    document loaded gives; only the Markdown that needs converting is loaded."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), _TWO_TEXTS)
    fresh = Workspace(workspace.corpus, workspace.db)
    loaded = DocumentAttributes(fresh.store.attributes(), fresh.document)
    names = ("title", "format", "words", "characters")
    keys = fresh.keys()  # (a workspace's documents, not a mapping's)
    expected = {key: [loaded(key, n) for n in names] for key in keys}
    facts_cache_path(workspace.db).unlink(missing_ok=True)
    loads = record_calls(monkeypatch, scope_module.Workspace, "document")
    scope = load_scope(Workspace(workspace.corpus, workspace.db), where=["words>3"])
    assert {key: [scope.attributes(key, n) for n in names] for key in expected} == expected
    assert {key for (key,) in loads.args} == {"corpus/b.md"}
    assert scope.selected == 3
