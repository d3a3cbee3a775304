"""A scope whose annotations are kept as the store's records (documents known in place) gives
what building and placing every annotation gives: the same annotations, the same reports,
the same passages for a query; also when records in the database read oddly."""

from __future__ import annotations

import json
from typing import Any

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
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis import scope as scope_module
from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.query import parse_query
from tui_reader.core.analysis.reports import cooccurrence, frequencies, matrix
from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.analysis.scope_records import carries_any, codes_required
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store.index import ANNOTATIONS
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path

# A record's field set to what a hand-edited or damaged database could hold.
ODD: list[tuple[str, Any]] = [
    ("tags", "ab"),
    ("tags", [1, "a"]),
    ("created", 7),
    ("revision", -2),
    ("revision", True),
    ("status", "bogus"),
    ("status", "orphan"),
    ("status", None),
    ("start", True),
    ("end", 30.0),
    ("prefix", 5),
    ("quote", "changed"),
    ("note", 3),
    ("coder", None),
]


def _load(workspace: Workspace, where: tuple[str, ...] = ()) -> Scope:
    return load_scope(Workspace(workspace.corpus, workspace.db), where=where)


def _facts(scope: Scope) -> tuple[object, ...]:
    return (scope.lengths, scope.annotations, scope.orphans, scope.problems)


def _uncached(workspace: Workspace, where: tuple[str, ...] = ()) -> Scope:
    facts_cache_path(workspace.db).unlink(missing_ok=True)
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    return _load(workspace, where)


def _reports(scope: Scope, passages: list[Any], tags: list[str]) -> list[object]:
    return [
        frequencies(passages, scope.lengths, tags),
        matrix(passages, sorted(scope.lengths), tags=tags),
        cooccurrence(passages, tags),
    ]


def _edit_records(workspace: Workspace, edits: list[tuple[int, int]]) -> None:
    """Set fields of stored records to odd values (``(record, ODD index)``), in the file."""
    data = json.loads(workspace.db.read_text("utf-8"))
    records = list(data.get(ANNOTATIONS, {}).values())
    for which, odd in edits:
        if records:
            name, value = ODD[odd]
            records[which % len(records)][name] = value
    workspace.db.write_text(json.dumps(data), "utf-8")


def _coded(factory: pytest.TempPathFactory, tags: list[tuple[str, ...]]) -> Workspace:
    """A workspace whose every text has, for the n-th of ``tags``, a passage of three
    characters at n coded with them."""
    marked = [
        Marked(name, n, 3, codes, "", "", orphan=False)
        for name in TEXTS
        for n, codes in enumerate(tags)
    ]
    return coded_workspace(factory.mktemp("case"), marked)


QUERIES = ["a", "a AND NOT b", "a OR b/a", "NOT a", "(a OR é) AND site=-x", 'b AND text:"e"']


def _check(workspace: Workspace, codes: frozenset[str], tags: list[str], query: str = "a") -> Scope:
    """A warm scope (records where known in place) against one made without caches."""
    warm = _load(workspace)
    count = warm.count  # counted before any is built
    coders = {str(r.get("coder")) for part in warm.parts for r in part if isinstance(r, dict)}
    by_coder = {c: warm.count_by(c) for c in coders | {"ana", "", "None"}}
    documents = {c: warm.coded_documents(c) for c in by_coder}
    documents_coded = warm.coded_documents()
    built = Scope(warm.lengths, warm.attributes, parts=[warm.annotations])
    assert count == len(warm.annotations) == built.count
    assert by_coder == {c: sum(a.coder == c for a in warm.annotations) for c in by_coder}
    assert _reports(warm, warm.passages(), tags) == _reports(built, built.passages(), tags)
    expected = [a for a in warm.annotations if carries_any(a.tags, codes)]
    assert warm.carrying(codes) == expected
    tree = parse_query(query)
    test = compile_query(tree, warm.attributes)
    matched = [a for a in warm.annotations if test(a)]
    assert [a for a in warm.carrying(codes_required(tree)) if test(a)] == matched
    assert _facts(warm) == _facts(_load(workspace))  # the caches as the warm run left them
    assert _facts(warm) == _facts(_uncached(workspace))
    for scope in (warm, _uncached(workspace)):  # of records, and of annotations built
        held = {c: {a.document for a in scope.annotations if a.coder == c} for c in by_coder}
        assert documents == {c: len(keys) for c, keys in held.items()}
        assert documents_coded == len({a.document for a in scope.annotations})
    return warm


@settings(max_examples=examples(20), deadline=None)
@given(
    EXPORT_CASES,
    st.lists(st.sampled_from(sorted(TEXTS)), max_size=2),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, len(ODD) - 1)), max_size=3),
    st.frozensets(st.sampled_from(["a", "b", "a/b", "é"]), max_size=2),
    st.lists(st.sampled_from(["a", "b", "a/b"]), max_size=1),
    st.sampled_from(QUERIES),
)
def test_records_give_what_the_annotations_give(
    tmp_path_factory: pytest.TempPathFactory,
    case: ExportCase,
    edited: list[str],
    odd: list[tuple[int, int]],
    codes: frozenset[str],
    tags: list[str],
    query: str,
) -> None:
    """Texts edited (annotations move or are orphaned), records made odd in the file after
    the caches learnt them: the scope, its reports and the passages carrying ``codes`` are
    those of the annotations built and placed."""
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _check(workspace, codes, tags, query)  # fills the caches
    for name in edited:
        path = workspace.corpus / name
        if path.exists():
            path.write_text("A new first line.\n" + path.read_text("utf-8")[5:], "utf-8")
    _edit_records(workspace, odd)
    _check(workspace, codes, tags, query)


EXAMPLE = [
    Marked("a.txt", 5, 10, ("policy/border", "x"), "", "", orphan=False),
    Marked("a.txt", 8, 10, ("x",), "a note", "ana", orphan=False),
    Marked("a.txt", 30, 5, ("policy",), "", "", orphan=False),
    Marked("b.md", 3, 10, ("x", "policy"), "", "", orphan=False),
]


@pytest.mark.parametrize("odd", range(len(ODD)))
def test_an_odd_record_gives_what_its_annotation_gives(
    tmp_path_factory: pytest.TempPathFactory, odd: int
) -> None:
    case = ExportCase(EXAMPLE, [], [], {}, deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    _check(workspace, frozenset(["policy"]), [])  # fills the caches
    _edit_records(workspace, [(0, odd), (1, odd)])
    _check(workspace, frozenset(["policy"]), [])
    for _ in range(2):  # an export's passes: the first places, the second marks all settled
        Workspace(workspace.corpus, workspace.db).all_anchored()
    _check(workspace, frozenset(["policy"]), [])


def test_a_scope_that_found_everything_in_place_settles_the_next(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing moved since a scope found every document in place: the next one needs no
    fingerprint; a change to the database or to a file needs them again."""
    case = ExportCase(EXAMPLE, [], [], {}, deleted=False)
    workspace = export_workspace(tmp_path_factory.mktemp("case"), case)
    first = _facts(_load(workspace))  # places: the caches learn
    assert _facts(_load(workspace)) == first  # found in place: settled
    marks = count_calls(monkeypatch, scope_module, "record_fingerprint")
    assert _facts(_load(workspace)) == first
    assert marks.calls == 0
    store = Workspace(workspace.corpus, workspace.db).store
    moved = store.annotations()[0]
    store.update(moved.evolve(start=moved.start + 1, end=moved.end + 1))
    store.close()
    changed = _facts(_load(workspace))
    assert marks.calls > 0
    assert changed == _facts(_uncached(workspace))
    path = workspace.corpus / "a.txt"
    _load(workspace), _load(workspace)  # settled again
    path.write_text("A new first line.\n" + path.read_text("utf-8"), "utf-8")
    calls = marks.calls
    assert _facts(_load(workspace)) == _facts(_uncached(workspace))
    assert marks.calls > calls


def test_a_known_scope_builds_no_annotation_for_a_report(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _coded(tmp_path_factory, [("a",), ("a/b", "c"), ("c",)])
    first = _load(workspace)  # places: the caches learn
    expected = frequencies(first.annotations, first.lengths)
    built = count_calls(monkeypatch, Annotation, "from_record")
    second = _load(workspace)
    rows = frequencies(second.passages(), second.lengths)
    assert built.calls == 0
    assert rows == expected
    assert len(second.carrying(frozenset(["a"]))) == 6  # a and a/b, in three documents
    assert built.calls == 6


def test_a_known_scope_asks_once_whether_all_records_are_plain_after_the_first_document(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _coded(tmp_path_factory, [("a",), ("a",), ("a",)])
    first = _facts(_load(workspace))  # places: the caches learn
    sizes: list[int] = []
    real = scope_module.are_plain

    def noted(records: Any) -> bool:
        sizes.append(len(records))
        return real(records)

    monkeypatch.setattr(scope_module, "are_plain", noted)
    assert _facts(_load(workspace)) == first
    assert sizes == [3, 9]  # the first document's own, then every record once
