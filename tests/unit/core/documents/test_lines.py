"""Source lines: the one offset -> line, in any order or in one sorted pass."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.lines import LineIndex


def test_lines_percent_and_empty_text() -> None:
    index = LineIndex("one\ntwo\n\nfour")
    assert [index.line(o) for o in (0, 3, 4, 8, 9, 13)] == [1, 1, 2, 3, 4, 4]
    assert index.percent(0) == 0 and index.percent(13) == 100 and index.percent(99) == 100
    assert LineIndex("").line(0) == 1 and LineIndex("").percent(0) == 0


@settings(max_examples=50)
@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(0, 60), max_size=10))
def test_any_order_and_sorted_pass_agree(text: str, raw: list[int]) -> None:
    offsets = sorted(min(o, len(text)) for o in raw)
    index = LineIndex(text)
    assert index.lines(offsets) == [index.line(o) for o in offsets]
    assert index.lines(offsets) == [text.count("\n", 0, o) + 1 for o in offsets]
