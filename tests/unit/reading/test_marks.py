"""RangeIndex: the ranges overlapping a window, long and short alike."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.reading.marks import Mark, RangeIndex, SortedMarks

RANGES = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 6_000)).map(
        lambda t: Mark(t[0], t[0] + t[1], "x")
    ),
    max_size=40,
)


@settings(max_examples=examples(80), deadline=None)
@given(RANGES, st.integers(0, 12_000), st.integers(0, 200))
def test_overlapping_is_exactly_the_brute_force_answer(
    marks: list[Mark], a: int, size: int
) -> None:
    b = a + size
    index = RangeIndex(marks)
    expected = [
        m for m in marks if (m.start < b and m.end > a) or (m.start == m.end and a <= m.start < b)
    ]
    got = index.overlapping(a, b)
    assert sorted(got, key=id) == sorted(expected, key=id)
    assert [m.start for m in got] == sorted(m.start for m in got)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(0, 30), max_size=40), st.integers(0, 400), st.integers(0, 60))
def test_sorted_marks_answer_as_an_index_of_the_same_marks(
    gaps: list[int], a: int, size: int
) -> None:
    # Search hits of varied lengths (a text not composed, a book's soft line breaks) were
    # kept as a list of mark objects, a million of them for a search for "e" (70 MB, made
    # on the screen's thread); they are kept as two arrays of offsets.
    starts, ends, at = [], [], 0
    for n, gap in enumerate(gaps):
        at += gap
        starts.append(at)
        at += 1 + n % 4  # lengths 1 to 4 (a search hit is never empty), none overlapping
        ends.append(at)
    sorted_marks = SortedMarks(starts, ends, "x")
    index = RangeIndex([Mark(s, e, "x") for s, e in zip(starts, ends, strict=True)])
    assert sorted_marks.overlapping(a, a + size) == index.overlapping(a, a + size)
