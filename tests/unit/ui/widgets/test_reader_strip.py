"""A line of the reading view is one Strip of exactly the view's width, over its base style:
what the former pad, crop and style steps gave, built once."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui_reader.ui.widgets.reader import ReaderView

BASE = Style(color="white", bgcolor="black")
PIECES = st.lists(
    st.tuples(st.text(alphabet="ab é日", max_size=6), st.sampled_from([None, Style(bold=True)])),
    max_size=8,
)


@settings(max_examples=examples(80), deadline=None)
@given(pieces=PIECES, width=st.integers(min_value=1, max_value=30))
def test_a_line_is_padded_or_cropped_to_the_width_over_the_base_style(
    pieces: list[tuple[str, Style | None]], width: int
) -> None:
    segments = [Segment(text, style) for text, style in pieces]
    stepwise = Strip(segments).extend_cell_length(width).crop(0, width).apply_style(BASE)
    built = ReaderView._strip(list(segments), width, BASE)
    assert built.cell_length == width
    assert list(built) == list(stepwise)
