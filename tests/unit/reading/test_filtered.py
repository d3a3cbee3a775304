"""less's ``&pattern`` in the reading engine: the lines holding hits, laid out alone as the
whole text lays them out, offsets the text's."""

from __future__ import annotations

import re

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.reading.filtered import FilteredLayout, ShownLines, lines_holding
from tui_reader.reading.layout import Layout

TEXT = "alpha one\nbeta two\ngamma alpha three\ndelta\nalpha end"


def shown_text(layout: Layout) -> list[str]:
    """Every display line of ``layout``, wrapped exactly, as its text."""
    layout.ensure_lines(0, 10**9)
    return [layout.text[slice(*layout.line_range(y))] for y in range(layout.line_count)]


def hits_of(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(word, text)]


def test_the_lines_holding_a_word_by_hand() -> None:
    lines = lines_holding(TEXT, hits_of(TEXT, "alpha"), 5)
    # alpha one (0-10), gamma alpha three (19-37), alpha end (43-52, no newline)
    assert (list(lines.starts), list(lines.ends), lines.count) == ([0, 19, 43], [10, 37, 52], 3)
    layout = FilteredLayout(TEXT, 80, lines)
    assert shown_text(layout) == ["alpha one", "gamma alpha three", "alpha end"]
    assert shown_text(FilteredLayout(TEXT, 10, lines)) == [
        "alpha one",
        "gamma ",
        "alpha ",
        "three",
        "alpha end",
    ]
    # an offset on a hidden line is on the last display line shown before it
    assert layout.line_of(12) == 0 and layout.line_of(40) == 1 and layout.line_of(43) == 2
    # the text's final newline adds no empty line after the last line shown
    ended = TEXT + "\n"
    assert shown_text(FilteredLayout(ended, 80, lines_holding(ended, [43], 5))) == ["alpha end"]


def test_a_hit_over_a_lines_end_takes_both_lines_and_neighbours_make_one_run() -> None:
    lines = lines_holding(TEXT, [8], [25])  # "ne\nbeta two\ngamma a": three lines
    assert (list(lines.starts), list(lines.ends), lines.count) == ([0], [37], 3)
    # runs are cut at a line's end once longer than a chunk
    cut = lines_holding(TEXT, hits_of(TEXT, "a"), 1, chunk_size=12)
    assert (list(cut.starts), list(cut.ends)) == ([0, 19, 37], [19, 37, 52])
    assert lines_holding(TEXT, [], 5) == ShownLines()


def test_a_paragraph_that_flows_is_one_line() -> None:
    text = "first line\nof a flowing\nparagraph\n\nother one\n"
    soft = [(0, 33)]  # its two newlines inside are soft
    lines = lines_holding(text, hits_of(text, "flowing"), 7, soft)
    assert (list(lines.starts), list(lines.ends), lines.count) == ([0], [34], 1)
    layout = FilteredLayout(text, 80, lines, soft=soft)
    assert [layout.shown(*layout.line_range(0))] == ["first line of a flowing paragraph"]


def test_the_caret_goes_to_the_nearest_line_shown_the_way_it_went() -> None:
    lines = lines_holding(TEXT, hits_of(TEXT, "alpha"), 5)
    assert lines.holds(TEXT, 9) and not lines.holds(TEXT, 10) and lines.holds(TEXT, 52)
    assert lines.nearest(TEXT, 12, forward=True) == 19  # the next line's start
    assert lines.nearest(TEXT, 12, forward=False) == 9  # the end of the one before
    assert lines.nearest(TEXT, 40, forward=True) == 43
    assert lines.nearest(TEXT, 30, forward=False) == 30  # shown: where it is
    last = lines_holding(TEXT, [0], 5)
    assert last.nearest(TEXT, 50, forward=True) == 9  # none after: the last one's end
    first = lines_holding(TEXT, [43], 5)
    assert first.nearest(TEXT, 2, forward=False) == 43  # none before: the first one's start


WORDS = st.sampled_from(["a", "b", "ab", "word", "x" * 30, "日本", "\n", "\n\n", " "])


@settings(max_examples=examples(60))
@given(
    st.lists(WORDS, max_size=80).map(" ".join),
    st.sampled_from(["a", "b", "ab", "日"]),
    st.integers(6, 30),
    st.integers(8, 64),
)
def test_the_filtered_view_is_the_whole_views_lines_of_the_lines_holding_a_hit(
    text: str, word: str, width: int, chunk_size: int
) -> None:
    """Whatever the text, width and chunk size: the display lines shown are exactly those of
    the whole text's layout that lie on a line holding a hit, in order."""
    starts = hits_of(text, word)
    lines = lines_holding(text, starts, len(word), chunk_size=chunk_size)
    whole = Layout(text, width)
    whole.ensure_lines(0, 10**9)
    holding = {text.rfind("\n", 0, s) + 1 for s in starts}
    expected = [
        whole.line_range(y)
        for y in range(whole.line_count)
        if text.rfind("\n", 0, whole.line_range(y)[0]) + 1 in holding
        and not (whole.line_range(y)[0] == len(text) and text.endswith("\n"))
    ]
    if not starts:
        assert not lines
        return
    layout = FilteredLayout(text, width, lines)
    layout.ensure_lines(0, 10**9)
    assert [layout.line_range(y) for y in range(layout.line_count)] == expected
    assert lines.count == len(holding)
    for y, (start, end) in enumerate(expected):
        assert layout.line_of(start) == y
        assert lines.holds(text, start) and lines.holds(text, end)


@given(
    st.lists(st.sampled_from(["alpha", "beta", "\n", " "]), max_size=30),
    st.integers(0, 200),
    st.integers(0, 40),
)
def test_a_range_shows_when_some_of_it_is_on_a_line_shown(
    words: list[str], start: int, length: int
) -> None:
    text = "".join(words)
    lines = lines_holding(text, hits_of(text, "alpha"), 5, chunk_size=8)
    shown = {int(at) for at in lines.line_starts}
    start = min(start, len(text))
    end = min(start + length, len(text))
    if end > start:  # some character of it on a line shown (its newline is the line's)
        expected = any(text.rfind("\n", 0, at) + 1 in shown for at in range(start, end))
    else:
        expected = lines.holds(text, start)
    assert lines.shows(text, start, end) == expected


@settings(max_examples=examples(100))
@given(st.lists(st.sampled_from(["alpha", "é", "\n", " "]), max_size=40), st.integers(1, 9))
def test_the_lines_found_a_slice_at_a_time_are_the_lines_found_at_once(
    words: list[str], size: int
) -> None:
    """The newlines are looked for a slice of the text at a time, a pause between (a thread
    splitting 50 MB at once held the interpreter half a second): the lines are the same."""
    import tui_reader.reading.filtered as filtered

    text = "".join(words)
    hits = hits_of(text, "alpha")
    whole = lines_holding(text, hits, 5)
    paused: list[int] = []
    before, filtered.SLICE = filtered.SLICE, size
    try:
        sliced = lines_holding(text, hits, 5, pause=lambda: paused.append(1))
    finally:
        filtered.SLICE = before
    assert (sliced.starts, sliced.ends, sliced.count) == (whole.starts, whole.ends, whole.count)
    assert list(sliced.line_lengths) == list(whole.line_lengths)
    assert len(paused) == -(-len(text) // size)
