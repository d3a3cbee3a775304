"""Records kept instead of Annotation objects: every shortcut gives what the objects give."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.query import And, Code, Field, Node, Not, Or
from tui_reader.core.analysis.scope_records import (
    CodeFilter,
    Passage,
    annotations_of,
    are_plain,
    carries_any,
    codes_required,
    in_reading_order,
    orphaned,
    passages_of,
    placed_only,
    uncarried,
)
from tui_reader.core.annotations.model import (
    AnchorStatus,
    Annotation,
    code_names,
    reading_order,
)
from tui_reader.core.annotations.placement_cache import fingerprint, record_fingerprint

NAMES = st.text("ab/", min_size=1, max_size=5)
# A few names, so that queries and passages share codes (and codes below them).
FEW_NAMES = st.sampled_from(["a", "b", "a/b", "b/a", "a/b/c", "c", "a/"])
TAGS = st.lists(FEW_NAMES | NAMES, max_size=3).map(tuple)

ANNOTATIONS = st.builds(
    Annotation,
    document=st.sampled_from(["a.txt", "b.md"]),
    start=st.integers(0, 20),
    end=st.integers(21, 40),
    quote=st.text(max_size=4),
    prefix=st.text(max_size=3),
    suffix=st.text(max_size=3),
    doc_sha256=st.sampled_from(["", "ab12"]),
    tags=TAGS.map(code_names),  # as the store reads them: "a/" is the code a
    note=st.text("xy", max_size=2),
    id=st.sampled_from(["1", "2", "3", "é"]),
    created=st.sampled_from(["", "2026-01-01T00:00:00Z", "2025-12-31T00:00:00Z"]),
    status=st.sampled_from(list(AnchorStatus)),
    coder=st.sampled_from(["", "ana"]),
    revision=st.integers(0, 3),
)


def _queries() -> st.SearchStrategy[Node]:
    leaves = st.one_of(
        FEW_NAMES.map(Code),
        st.sampled_from([Field("text", "a"), Field("note", "x"), Field("coder", "ana")]),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(Not),
            st.lists(inner, min_size=2, max_size=3).map(lambda n: And(tuple(n))),
            st.lists(inner, min_size=2, max_size=3).map(lambda n: Or(tuple(n))),
        ),
        max_leaves=6,
    )


@settings(max_examples=examples(300), deadline=None)
@given(_queries(), ANNOTATIONS)
def test_a_query_matches_only_passages_carrying_a_code_it_requires(
    query: Node, annotation: Annotation
) -> None:
    codes = codes_required(query)
    if codes is not None and compile_query(query)(annotation):
        assert carries_any(annotation.tags, codes)


@settings(max_examples=examples(300), deadline=None)
@given(st.frozensets(NAMES, max_size=3), TAGS)
def test_carrying_a_code_is_what_the_query_of_the_code_matches(
    codes: frozenset[str], tags: tuple[str, ...]
) -> None:
    annotation = Annotation(document="a", start=0, end=1, quote="x", tags=tags)
    expected = any(compile_query(Code(c))(annotation) for c in codes)
    assert carries_any(tags, codes) == expected


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(NAMES, max_size=4), st.lists(TAGS, max_size=4))
def test_a_code_uncarried_is_one_no_query_of_it_matches_a_passage_of(
    names: list[str], tag_lists: list[tuple[str, ...]]
) -> None:
    passages = [Annotation(document="a", start=0, end=1, quote="x", tags=t) for t in tag_lists]
    carried = [tag for tags in tag_lists for tag in tags]
    expected = [n for n in names if not any(compile_query(Code(n))(p) for p in passages)]
    assert uncarried(names, carried) == expected


def test_a_code_above_a_carried_one_is_carried() -> None:
    carried = ["migration/hiding", "border crossing"]
    assert uncarried(["migration", "border", "migration/hid", "hiding"], carried) == [
        "border",
        "migration/hid",
        "hiding",
    ]


@settings(max_examples=examples(100), deadline=None)
@given(st.frozensets(FEW_NAMES, max_size=3), st.lists(ANNOTATIONS, max_size=8))
def test_the_code_filter_keeps_what_carrying_keeps(
    codes: frozenset[str], annotations: list[Annotation]
) -> None:
    wanted = CodeFilter(codes)
    expected = [a for a in annotations if carries_any(a.tags, codes)]
    assert wanted.annotations(annotations) == expected
    records = [a.to_record() for a in annotations]
    assert annotations_of(wanted.records(records), "") == expected
    assert wanted.records(records[:2]) == [r for r in records[:2] if carries_any(r["tags"], codes)]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(ANNOTATIONS, max_size=8), st.sampled_from(["", "bo"]))
def test_plain_records_read_as_their_annotations(
    annotations: list[Annotation], default_coder: str
) -> None:
    records = [a.to_record() for a in annotations]
    for record in records[::2]:
        record["coder"] = ""  # written before coders: the default coder's
    built = [Annotation.from_record(r, default_coder) for r in records]
    assert are_plain(records)
    for key in ("a.txt", "b.md"):  # in_reading_order sorts one document's
        ordered = in_reading_order([r for r in records if r["document"] == key])
        expected = sorted((a for a in built if a.document == key), key=reading_order)
        assert annotations_of(ordered, default_coder) == expected
        assert record_fingerprint(ordered) == fingerprint(expected)
    assert passages_of(records, default_coder) == [
        Passage(a.document, a.start, a.end, list(a.tags), a.coder) for a in built
    ]
    orphans = orphaned(records)
    assert orphans == [a.status == AnchorStatus.ORPHAN for a in built]
    kept = annotations_of(placed_only(records, orphans), default_coder)
    assert kept == [a for a in built if a.status != AnchorStatus.ORPHAN]


ODD_RECORDS: list[tuple[str, Any]] = [
    ("status", "bogus"),
    ("status", None),
    ("status", ["anchored"]),  # edited by hand into what no set holds
    ("status", {"anchored": 1}),
    ("start", True),
    ("end", 2.0),
    ("tags", "ab"),
    ("tags", [1, "x"]),
    ("tags", ["x/"]),  # a code written by hand, read as code_names reads it: x
    ("tags", ["a//b"]),
    ("tags", ["x", ""]),
    ("tags", [" a / b"]),
    ("tags", None),
    ("created", 5),
    ("created", None),
    ("revision", -1),
    ("revision", "2"),
    ("revision", True),
    ("revision", 1.0),
]


@pytest.mark.parametrize(("name", "value"), ODD_RECORDS)
def test_a_record_that_reads_otherwise_is_not_plain(name: str, value: Any) -> None:
    record = Annotation(document="a", start=0, end=1, quote="x", tags=("t",)).to_record()
    record[name] = value
    assert not are_plain([record])
    if name not in ("start", "end"):  # the store's index never gives a record without them
        del record[name]
        assert not are_plain([record])


@given(
    st.lists(ANNOTATIONS, max_size=8),
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from(ODD_RECORDS)), max_size=2),
    st.integers(0, 8),
)
def test_records_plain_together_are_plain_in_any_part(
    annotations: list[Annotation], odd: list[tuple[int, tuple[str, Any]]], cut: int
) -> None:
    records = [a.to_record() for a in annotations]
    for which, (name, value) in odd:
        if which < len(records):
            records[which][name] = value
    if are_plain(records):
        assert are_plain(records[:cut])
        assert are_plain(records[cut:])


ODD_PLACES: list[tuple[str, Any]] = [
    ("start", True),
    ("start", 0.0),
    ("end", 1.0),
    ("status", "bogus"),
    ("status", None),
    ("quote", 5),
    ("prefix", 5),
    ("prefix", None),
    ("suffix", ["x"]),
    ("doc_sha256", 0),
]


@pytest.mark.parametrize(("name", "value"), ODD_PLACES)
def test_a_record_placed_otherwise_never_has_its_annotations_fingerprint(
    name: str, value: Any
) -> None:
    """The places' fingerprint of a record whose place fields read otherwise differs from
    that of every annotation it could stand for (so a cached one never matches it)."""
    annotation = Annotation(document="a", start=0, end=1, quote="x", prefix="p", tags=("t",))
    record = annotation.to_record()
    record[name] = value
    try:
        built = Annotation.from_record(record)
    except (KeyError, ValueError, TypeError):
        built = None
    mark = record_fingerprint([record])
    assert mark is not None
    assert mark != fingerprint([annotation])
    if built is not None:
        assert mark != fingerprint([built])
    del record[name]
    assert record_fingerprint([record]) is None


ODD_TEXTS = ["\ud800", "a\udfffb", "\U0001f600", "é", "\x00", '"', "\\"]


@pytest.mark.parametrize("odd", ODD_TEXTS)
def test_places_with_odd_text_or_huge_numbers_are_marked_as_annotations_are(odd: str) -> None:
    """A lone surrogate (from an odd import) or a number beyond 64 bits in a record's place
    is marked as its annotation is, and differently from any other place."""
    annotation = Annotation(document="a", start=0, end=1, quote=odd, prefix=odd, tags=("t",))
    record = annotation.to_record()
    assert record_fingerprint([record]) == fingerprint([annotation])
    other = Annotation(document="a", start=0, end=1, quote=odd + "x", prefix=odd, tags=("t",))
    assert fingerprint([other]) != fingerprint([annotation])
    huge = dict(record, end=2**70)
    assert record_fingerprint([huge]) not in (None, fingerprint([annotation]))
    assert record_fingerprint([huge]) == record_fingerprint([dict(huge)])
