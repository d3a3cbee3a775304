"""RangeIndex: the ranges overlapping a window, long and short alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.reading.marks import Mark, RangeIndex

RANGES = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 6_000)).map(
        lambda t: Mark(t[0], t[0] + t[1], "x")
    ),
    max_size=40,
)


@settings(max_examples=80, deadline=None)
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
