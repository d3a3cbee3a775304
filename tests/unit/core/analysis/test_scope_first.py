"""A query typed while the project's passages are placed: the documents whose records carry
its codes are placed first, and the scope so far is handed on once they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.query import And, Code, Compare, Field, Node, Not, Or, parse_query
from tui_reader.core.analysis.scope import Scope, load_scope
from tui_reader.core.analysis.scope_first import FirstAsked, PlaceFirst, placing_order
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace

TEXT = "The army patrols the border. Families wait at the crossing. Nobody answers.\n"


def _coded(tmp_path: Path, codes: dict[str, tuple[str, ...]]) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        for name, tags in codes.items():
            (corpus / name).write_text(TEXT, encoding="utf-8")
            for i, tag in enumerate(tags):
                store.add(make_annotation(name, TEXT, 4 + i, 9 + i, "", (tag,)))
    return Workspace(corpus, db)


def test_the_documents_carrying_the_codes_asked_for_are_placed_first(tmp_path: Path) -> None:
    # The query view waited for every document of the project to be placed before it ran a
    # query typed meanwhile: 400 documents, 130,000 passages, some 4 s for a code of a few.
    workspace = _coded(
        tmp_path,
        {"a.txt": ("army",), "b.txt": ("army", "family"), "c.txt": (), "d.txt": ("family/wait",)},
    )
    first = PlaceFirst()
    first.want(frozenset({"family"}))
    early: list[tuple[Scope, frozenset[str]]] = []
    scope = load_scope(
        workspace, first=first, placed_first=lambda so_far, codes: early.append((so_far, codes))
    )
    assert len(early) == 1
    so_far, codes = early[0]
    assert codes == {"family"}
    assert sorted(so_far.lengths) == ["corpus/b.txt", "corpus/d.txt"]
    assert sorted(a.tags[0] for a in so_far.annotations) == ["army", "family", "family/wait"]
    assert so_far.placements is None  # its places not known current for every document
    assert len(scope.lengths) == 4  # then the rest
    assert scope.count == 4


def test_codes_asked_for_midway_reorder_the_documents_left() -> None:
    stored = {"a": [{"tags": ["x"]}], "b": [{"tags": ["y"]}], "c": [], "d": [{"tags": ["y/z"]}]}
    first = PlaceFirst()
    early: list[frozenset[str]] = []
    order = placing_order(["a", "b", "c", "d"], first, stored, early.append)
    assert next(order) == "a"
    first.want(frozenset({"y"}))
    assert list(order) == ["b", "d", "c"]
    assert early == [frozenset({"y"})]  # once b and d were placed, c left


def test_nothing_is_handed_on_when_no_document_is_left_after_them() -> None:
    # the whole scope comes at once then
    stored = {"a": [{"tags": ["x"]}], "b": [{"tags": ["y"]}]}
    first = PlaceFirst()
    first.want(frozenset({"y"}))
    early: list[frozenset[str]] = []
    assert list(placing_order(["b"], first, stored, early.append)) == ["b"]
    assert list(placing_order(["a", "b"], first, stored, early.append)) == ["b", "a"]
    assert early == [frozenset({"y"})]
    assert list(placing_order(["b", "a"], None, stored, early.append)) == ["b", "a"]
    assert list(placing_order(["b", "a"], first, None, early.append)) == ["b", "a"]
    assert early == [frozenset({"y"})]


def test_no_pass_over_every_record_comes_before_the_first_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every stored record was looked at (are_plain, 0.3 s of 130,000) before the first
    # document was placed: the documents of a query typed meanwhile came that much later.
    # The first document's records are looked at as it is placed; only then, once, every
    # record (one pass in C, cheaper than one per document), as when no document was first.
    from tui_reader.core.analysis import scope as scope_module

    workspace = _coded(tmp_path, {"a.txt": ("x", "y"), "b.txt": ("x", "y", "z")})
    load_scope(workspace)  # the caches warm: every document in place
    real = scope_module.are_plain
    looked: list[int] = []

    def counted(records: Any) -> bool:
        looked.append(len(records))
        return real(records)

    monkeypatch.setattr(scope_module, "are_plain", counted)
    before: list[int] = []

    def progress(total: int, step: str) -> Any:
        before.append(sum(looked))
        return lambda: None

    scope = load_scope(Workspace(workspace.corpus, workspace.db), progress=progress)
    assert before == [0]
    assert looked[0] <= 3 and looked[1:] == [5] and scope.count == 5


def test_a_look_hands_on_what_is_placed_once_the_document_being_placed_is() -> None:
    """A query that may match passages carrying none of its codes (NOT x) has no documents
    to place first: it asks for a look at those placed so far, handed on once the document
    being placed is; with no records read first (files moved), codes asked are a look."""
    stored = {"a": [{"tags": ["x"]}], "b": [{"tags": ["y"]}], "c": []}
    for records in (stored, None):
        first = PlaceFirst()
        early: list[frozenset[str]] = []
        looks: list[int] = []

        def looked(looks: list[int] = looks) -> None:
            looks.append(len(looks))

        order = placing_order(["a", "b", "c"], first, records, early.append, looked)
        first.look()  # asked before any document is placed: once the first one is
        assert next(order) == "a" and looks == []
        assert next(order) == "b" and looks == [0]
        if records is None:
            first.want(frozenset({"x"}))  # no records to find them by: a look
        else:
            first.look()
        assert list(order) == ["c"] and looks == [0, 1] and early == []


_OWN = {"us": {"country": "USA", "wave": 2}, "mx": {"country": "Mexico"}, "none": {}}


@pytest.mark.parametrize(
    ("query", "held"),
    [
        ("border OR country=USA", ["us"]),  # border carried nowhere: the US document alone
        ("army OR country=USA", ["us", "mx", "none"]),
        ("country=Peru AND army", []),
        ("army AND NOT country=Mexico", ["us", "none"]),
        ('country!="" AND family', ["mx"]),
        ("wave>1 OR family", ["us", "mx"]),
        ("words>10", ["us", "mx", "none"]),  # a format's fact: known once read
        ('text:"x" AND country=USA', ["us"]),
        ("exactly:family AND country=Mexico", []),  # family/wait is below it, not it
        ("family AND country=Mexico", ["mx"]),
        ("doc:mx AND army", ["mx"]),
        ("doc:mx AND border", []),
        ("army OVERLAPS family", ["mx"]),
        ("army OVERLAPS border", []),
    ],
)
def test_the_documents_a_query_may_match_are_told_by_their_records_and_attributes(
    query: str, held: list[str]
) -> None:
    # border OR country=USA waited for every document placed in the query view: no code is
    # required of its passages, yet only the US document can hold one.
    stored = {
        "us": [{"tags": ["army"]}],
        "mx": [{"tags": ["army"]}, {"tags": ["family/wait"]}],
        "none": [{"tags": ["army"]}],
    }
    asked = FirstAsked(parse_query(query), own=_OWN)
    assert [key for key, records in stored.items() if asked.may_hold(key, records)] == held
    first = PlaceFirst()
    first.want(asked)
    early: list[object] = []
    order = list(placing_order(["none", "mx", "us"], first, stored, early.append))
    assert order[: len(held)] == [k for k in ["none", "mx", "us"] if k in held]
    # handed on once they are placed, before the others (all of them: the whole comes next)
    assert early == ([] if len(held) == len(stored) else [asked])


def test_only_the_coding_on_show_tells_which_documents_may_match() -> None:
    # With one coder's coding on show, a code only a colleague carries is in no document.
    stored = {"a": [{"tags": ["border"], "coder": "ben"}, {"tags": ["army"]}]}
    mine = FirstAsked(parse_query("border"), "ana", default_coder="ana")
    everyone = FirstAsked(parse_query("border"))
    assert not mine.may_hold("a", stored["a"]) and everyone.may_hold("a", stored["a"])
    assert FirstAsked(parse_query("army"), "ana", default_coder="ana").may_hold("a", stored["a"])
    assert not FirstAsked(parse_query("army"), "ben").may_hold("a", stored["a"])


def test_that_no_document_can_match_is_told_by_the_codes_carried_and_the_attributes() -> None:
    documents = ["us", "mx", "none"]
    carried = ["army", "family/wait"]

    def none_match(query: str) -> bool:
        return FirstAsked(parse_query(query), own=_OWN).none_match(documents, carried)

    assert none_match("border OR country=Peru")
    assert none_match("country=Peru AND army")
    assert none_match("exactly:family")
    assert not none_match("family")  # family/wait is below it
    assert not none_match("border OR country=USA")
    assert not none_match("NOT border")
    assert not none_match('text:"x"')
    # doc: is not known before placing (a file moved takes its passages to another key)
    assert not none_match("doc:elsewhere AND army")


_CODES = st.sampled_from(["a", "b", "a/c"])
_LEAVES = st.one_of(
    _CODES.map(Code),
    _CODES.map(lambda name: Code(name, exact=True)),
    st.sampled_from(["USA", "Mexico", ""]).flatmap(
        lambda value: st.sampled_from(["=", "!="]).map(
            lambda operator: Compare("country", operator, value)
        )
    ),
    st.sampled_from(["us", "mx", "none"]).map(lambda key: Field("doc", key)),
    st.just(Field("text", "x")),
)
_TREES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        inner.map(Not),
        st.lists(inner, min_size=2, max_size=3).map(lambda parts: And(tuple(parts))),
        st.lists(inner, min_size=2, max_size=3).map(lambda parts: Or(tuple(parts))),
    ),
    max_leaves=6,
)
_TAG_LISTS = st.lists(st.lists(_CODES, max_size=2), min_size=1, max_size=3)


@settings(max_examples=examples(300), deadline=None)
@given(tree=_TREES, tags=st.fixed_dictionaries({k: _TAG_LISTS for k in ("us", "mx", "none")}))
def test_a_document_said_to_hold_no_match_holds_none(
    tree: Node, tags: dict[str, list[list[str]]]
) -> None:
    attributes = DocumentAttributes(_OWN)
    test = compile_query(tree, attributes)
    asked = FirstAsked(tree, own=_OWN)
    carried = sorted({t for lists in tags.values() for tag_list in lists for t in tag_list})
    for key, tag_lists in tags.items():
        passages = [
            Annotation(document=key, start=0, end=1, quote="", id=str(i), created="", tags=tuple(t))
            for i, t in enumerate(tag_lists)
        ]
        records = [{"tags": list(t)} for t in tag_lists]
        if not asked.may_hold(key, records):
            assert not any(map(test, passages)), (key, tag_lists)
    if asked.none_match(list(tags), carried):
        for key, tag_lists in tags.items():
            assert not any(
                test(
                    Annotation(
                        document=key, start=0, end=1, quote="", id="", created="", tags=tuple(t)
                    )
                )
                for t in tag_lists
            )
