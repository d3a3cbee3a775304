"""SpanTable: a document's spans as arrays, the same sequence and the same answers as the
Span objects and the reading engine's RangeIndex over them."""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import span_table
from tui_reader.core.documents.span_table import SpanTable
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.reading.marks import RangeIndex

SPANS = st.lists(
    st.builds(
        lambda start, length, kind, data: Span(start, start + length, kind, data),
        st.integers(0, 10_000),
        st.integers(0, 6_000),
        st.sampled_from(list(SpanKind)),
        st.sampled_from(["", "", "2", "https://example.org"]),
    ),
    max_size=40,
)
SORTED = SPANS.map(lambda spans: sorted(spans, key=lambda s: (s.start, -s.end)))


@settings(max_examples=examples(200), deadline=None)
@given(SPANS | SORTED, st.integers(0, 12_000), st.integers(0, 200), st.integers(1, 5))
def test_a_table_is_its_spans_and_answers_as_the_range_index(
    spans: list[Span], a: int, size: int, block: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(span_table, "_BLOCK", block)  # queries cross blocks of spans
        _check(spans, a, size)


def _check(spans: list[Span], a: int, size: int) -> None:
    table = SpanTable(spans)
    assert len(table) == len(spans)
    assert list(table) == spans and table == spans and table == tuple(spans)
    assert [table[i] for i in range(-len(spans), len(spans))] == spans + spans
    assert table[1:3] == tuple(spans[1:3])
    for start in (a, a + size // 2, 0):  # several queries on one index
        expected = RangeIndex(spans).overlapping(start, start + size)
        assert table.overlapping(start, start + size) == expected
    for kind in SpanKind:
        assert table.has_kind(kind) == any(s.kind == kind for s in spans)
        assert table.of_kind(kind) == [s for s in spans if s.kind == kind]
    assert SpanTable.of(table) is table and SpanTable.of(spans) == table


def test_offsets_past_two_gigabytes_widen_the_arrays() -> None:
    spans = [Span(5, 9, SpanKind.PARAGRAPH), Span(2**31 + 1, 2**32, SpanKind.LINK, "u")]
    table = SpanTable(spans)
    assert list(table) == spans
    assert table.overlapping(2**31, 2**31 + 5) == [spans[1]]
    with pytest.raises(IndexError):
        table[2]


@settings(max_examples=examples(100), deadline=None)
@given(SORTED, st.integers(-2, 45), SPANS.filter(bool).map(lambda spans: spans[0]))
def test_a_table_made_of_arrays_takes_a_span_inserted_where_a_list_would(
    spans: list[Span], position: int, extra: Span
) -> None:
    from array import array

    plain = [Span(s.start, s.end, SpanKind.PARAGRAPH) for s in spans]
    table = SpanTable.of_arrays(
        array("i", [s.start for s in spans]), array("i", [s.end for s in spans]),
        SpanKind.PARAGRAPH,
    )  # fmt: skip
    assert table == plain
    table.insert(position, extra.start, extra.end, extra.kind, extra.data)
    plain.insert(max(0, position), extra)
    assert table == plain
    with_data = SpanTable(spans)
    with_data.insert(position, extra.start, extra.end, extra.kind, extra.data)
    expected = list(spans)
    expected.insert(max(0, position), extra)
    assert with_data == expected


@settings(max_examples=examples(100), deadline=None)
@given(
    SORTED,
    st.lists(st.tuples(st.booleans(), st.integers(-2, 200), SPANS.filter(bool)), max_size=80),
)
def test_a_table_made_of_arrays_answers_as_a_list_after_spans_of_other_kinds(
    spans: list[Span], added: list[tuple[bool, int, list[Span]]]
) -> None:
    """Its kinds are the one kind and the spans of others apart, then (past a few of
    those) a byte a span: the same sequence, kinds and answers either way."""
    from array import array

    plain = [Span(s.start, s.end, SpanKind.PARAGRAPH) for s in spans]
    table = SpanTable.of_arrays(
        array("i", [s.start for s in spans]), array("i", [s.end for s in spans]),
        SpanKind.PARAGRAPH,
    )  # fmt: skip
    for appended, position, (extra, *_) in added:
        extra = Span(extra.start, extra.end, extra.kind)
        if appended:
            table.append(extra.start, extra.end, extra.kind)
            plain.append(extra)
        else:
            table.insert(position, extra.start, extra.end, extra.kind)
            plain.insert(max(0, min(position, len(plain))), extra)
    assert table == plain
    assert [table[i] for i in range(len(plain))] == plain
    for kind in SpanKind:
        assert table.has_kind(kind) == any(s.kind is kind for s in plain)
        assert table.of_kind(kind) == [s for s in plain if s.kind is kind]


def test_a_table_of_a_texts_paragraphs_holds_no_byte_a_span_for_their_one_kind() -> None:
    """A 50 MB text's 100,000 paragraphs, all of one kind, and its title: their kinds took
    100 KB, a byte each, held all the session beside the offsets."""
    import tracemalloc
    from array import array

    starts = array("i", range(0, 2_000_000, 20))
    ends = array("i", range(10, 2_000_000, 20))
    for offsets in (starts, ends):  # room for the title made before: only the kinds count
        offsets.append(0)
        offsets.pop()
    tracemalloc.start()
    try:
        table = SpanTable.of_arrays(starts, ends, SpanKind.PARAGRAPH)
        table.insert(0, 0, 5, SpanKind.TITLE)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert table[0].kind is SpanKind.TITLE and table[1] == Span(0, 10, SpanKind.PARAGRAPH)
    assert held < 10_000
