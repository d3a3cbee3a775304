"""The status line's source line of an offset: from checkpoints or the last offset asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.ui.reading_pane.status_line import SourceLines


@given(
    st.text(alphabet="ab\n", max_size=200),
    st.lists(st.integers(min_value=0, max_value=220), max_size=20),
    st.integers(min_value=1, max_value=16),
)
def test_the_line_of_an_offset_is_one_more_than_the_newlines_before_it(
    text: str, offsets: list[int], span: int
) -> None:
    lines = SourceLines(text, checkpoint=span)
    assert lines.total == text.count("\n") + (0 if text.endswith("\n") else 1)
    for offset in offsets:  # in any order: jumps both ways, small moves, past the end
        expected = text.count("\n", 0, min(offset, len(text))) + 1
        assert lines.line_of(offset) == min(expected, max(1, lines.total))


def test_a_jump_to_the_end_counts_from_a_checkpoint_not_from_the_start() -> None:
    text = "line\n" * 100_000
    lines = SourceLines(text, checkpoint=1_000)

    class Counting(str):
        calls: list[int] = []  # noqa: RUF012

        def count(self, sub: str, start: int = 0, end: int = -1) -> int:  # type: ignore[override]
            type(self).calls.append(end - start)
            return str.count(self, sub, start, end)

    lines.text = Counting(text)
    assert lines.line_of(len(text) - 3) == 100_000
    assert lines.line_of(3) == 1
    assert max(Counting.calls) <= 500
