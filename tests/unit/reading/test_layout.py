"""Layout: offsets <-> wrapped display lines, exact after lazy wrapping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
from helpers import examples
from helpers.counting import count_calls
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from tui_reader.reading import layout as layout_module
from tui_reader.reading.layout import (
    TAB_SIZE,
    Layout,
    cells_at,
    drawn,
    text_cells,
    without_leading_marks,
)

WORDS = st.sampled_from(
    ["a", "word", "longerword", "x" * 30, "café", "日本語", "\t", "  ", "\n", "\n\n"]
)
TEXTS = st.lists(WORDS, max_size=120).map(" ".join)


def all_lines(layout: Layout) -> list[tuple[int, int]]:
    layout.ensure_lines(0, 10**9)
    assert layout.is_exact
    return [layout.line_range(y) for y in range(layout.line_count)]


def test_empty_text_has_one_empty_line() -> None:
    layout = Layout("", 40)
    assert all_lines(layout) == [(0, 0)]
    assert layout.line_of(0) == 0
    assert layout.position_of(0) == (0, 0)


def test_final_newline_gives_an_empty_last_line() -> None:
    layout = Layout("one\ntwo\n", 40)
    assert all_lines(layout) == [(0, 3), (4, 7), (8, 8)]
    assert layout.line_of(8) == 2
    assert layout.line_of(3) == 0  # the newline belongs to its line's end


def test_wraps_at_spaces_and_cuts_long_words() -> None:
    layout = Layout("aaa bbb ccc " + "x" * 25, 10)
    lines = [layout.text[a:b] for a, b in all_lines(layout)]
    assert lines == ["aaa bbb ", "ccc ", "x" * 10, "x" * 10, "x" * 5]


def test_wide_characters_wrap_by_cells() -> None:
    layout = Layout("日本語日本語日本語", 7)
    lines = [layout.text[a:b] for a, b in all_lines(layout)]
    assert lines == ["日本語", "日本語", "日本語"]
    assert layout.position_of(2)[1] == 4
    assert layout.offset_at(0, 5) == 2  # inside the third character: that character


def test_offset_at_clamps_to_the_line() -> None:
    layout = Layout("short\nlonger line", 40)
    assert layout.offset_at(0, 99) == 5
    assert layout.offset_at(1, 3) == 9
    assert layout.offset_at(5, 0) == 6  # past the last line: the last line


@settings(max_examples=examples(60), deadline=None)
@given(TEXTS, st.integers(min_value=TAB_SIZE, max_value=30))  # (a narrower line holds no tab)
def test_lines_cover_the_text_in_order_within_the_width(text: str, width: int) -> None:
    layout = Layout(text, width)
    lines = all_lines(layout)
    assert lines[0][0] == 0
    for (a, b), (c, _) in pairwise(lines):
        assert a <= b <= c
        assert text[b:c] in ("", "\n")  # only a newline lies between lines
        # A line fits the width (a space may hang one cell past it).
        assert text_cells(text[a:b].rstrip(" ")) <= width or b - a == 1
    assert lines[-1][1] == len(text)


@settings(max_examples=examples(60), deadline=None)
@given(TEXTS, st.integers(min_value=4, max_value=30))
def test_every_offset_maps_to_its_line_and_back(text: str, width: int) -> None:
    layout = Layout(text, width)
    for offset in range(len(text) + 1):
        y, column = layout.position_of(offset)
        start, end = layout.line_range(y)
        assert start <= offset <= end
        if offset < end or text[offset : offset + 1] in ("\n", ""):
            assert layout.offset_at(y, column) == offset


@settings(max_examples=examples(40), deadline=None)
@given(TEXTS, st.integers(min_value=4, max_value=30), st.integers(min_value=1, max_value=50))
def test_chunked_lazy_layout_equals_whole_layout(text: str, width: int, chunk: int) -> None:
    whole = all_lines(Layout(text, width, chunk_size=10**9))
    lazy = Layout(text, width, chunk_size=chunk)
    # Ask in a scattered order: wrapping later chunks first must not change the result.
    for offset in reversed(range(0, len(text) + 1, 7)):
        lazy.line_of(offset)
    if all(len(line) <= 16 * chunk for line in text.split("\n")):
        assert all_lines(lazy) == whole


def test_line_numbers_move_but_offsets_stay_when_estimates_are_refined() -> None:
    text = "\n\n".join("word " * 50 for _ in range(2000))
    layout = Layout(text, 40, chunk_size=500)
    estimated = layout.line_count
    offset = len(text) // 2
    y = layout.line_of(offset)
    start, end = layout.line_range(y)
    assert start <= offset <= end
    layout.ensure_lines(0, 10**9)
    assert layout.is_exact
    assert layout.line_count != estimated or layout.line_count > 0
    start, end = layout.line_range(layout.line_of(offset))
    assert start <= offset <= end


def test_moving_down_to_a_wrapped_line_stays_on_it() -> None:
    layout = Layout("short\n" + "word " * 30, 12)
    layout.ensure_lines(0, 100)
    for y in range(1, layout.line_count - 1):
        assert layout.line_of(layout.offset_at(y, 99)) == y


def test_sentence_window_ending_in_space_is_safe() -> None:
    from tui_reader.core.documents.units import sentences_between

    text = "One two.     Three."
    assert sentences_between(text, 0, 10) == [(0, 8)]


def test_the_quick_class_never_passes_a_character_the_full_class_holds() -> None:
    """The full class of characters that may not take one cell is compiled only when a line
    holds a character outside the quick class's one-cell ranges: none of those is in it."""
    surely_one_cell = "".join(
        chr(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF and layout_module._MAYBE_NOT_ONE_CELL.match(chr(cp)) is None
    )
    assert "’" in surely_one_cell and "é" in surely_one_cell and "\t" not in surely_one_cell
    assert layout_module._not_one_cell().search(surely_one_cell) is None


@given(st.text(), st.integers(0, 40), st.integers(0, 40))
def test_not_one_cell_at_finds_what_the_full_class_finds(text: str, a: int, b: int) -> None:
    full = layout_module._not_one_cell()
    found = full.search(text, a, b)
    assert layout_module.not_one_cell_at(text, a, b) == (-1 if found is None else found.start())


def test_a_character_looked_up_alone_is_of_the_full_class_exactly_when_it_holds_it() -> None:
    """Every edge of every range of Rich's table of cell widths, and the controls and flag
    letters the class adds: the one-by-one lookup agrees with the compiled class."""
    from rich._unicode_data import load

    full = layout_module._not_one_cell()
    edges = {0x0, 0x1F, 0x20, 0x7E, 0x7F, 0x9F, 0xA0, 0xAD, 0x1F1E5, 0x1F1E6, 0x1F1FF, 0x1F200}
    for a, b, _cells in load("auto").widths:
        edges |= {a - 1, a, b, b + 1}
    for code in sorted(edges):
        if 0 <= code < 0x110000 and not 0xD800 <= code <= 0xDFFF:
            ch = chr(code)
            assert layout_module._is_not_one_cell(ch) == (full.match(ch) is not None), hex(code)


@given(st.characters(exclude_categories=["Cs"]))
def test_any_character_looked_up_alone_agrees_with_the_full_class(ch: str) -> None:
    assert layout_module._is_not_one_cell(ch) == (
        layout_module._not_one_cell().match(ch) is not None
    )


@given(
    st.lists(st.sampled_from(["a", " ", "\xa0", "€", "™", "日", "\u0301", "\t", "🇫"]), max_size=80)
)
def test_not_one_cell_at_past_the_characters_looked_up_alone(parts: list[str]) -> None:
    text = "".join(parts)
    found = layout_module._not_one_cell().search(text)
    assert layout_module.not_one_cell_at(text) == (-1 if found is None else found.start())


def test_prose_with_typographic_punctuation_does_not_compile_the_full_class() -> None:
    """The full class takes milliseconds to compile (a share of the first screen): a text of
    ASCII, accented letters and ’ “ ” – …, with a few no-break spaces, € and ™ (each looked
    up alone), is laid out without it."""
    layout_module._not_one_cell.cache_clear()
    text = "“Café”, she said – it’s the señor’s… naïve façade,\xa0€5™.\n\n" * 40
    layout = Layout(text, 30)
    assert all(b - a <= 30 for a, b in all_lines(layout))
    assert text_cells(text[:50]) == 50
    assert layout_module._not_one_cell.cache_info().misses == 0
    assert text_cells("日本") == 4  # a character that does not take one cell: looked up alone
    assert layout_module._not_one_cell.cache_info().misses == 0
    assert text_cells("€" * 40 + "日本") == 44  # compiled once a line holds many
    assert layout_module._not_one_cell.cache_info().misses == 1


def test_tabs_reach_the_next_tab_stop() -> None:
    # A transcript's timestamps and a table's columns line up under each other.
    layout = Layout("a\tb\nabc\tdefg\n12345\tz", 12)
    lines = [layout.text[a:b] for a, b in all_lines(layout)]
    assert lines == ["a\tb", "abc\tdefg", "12345\tz"]  # after 5 cells a tab takes 3
    assert layout.position_of(2) == (0, 8)
    assert layout.position_of(8) == (1, 8)  # "d"
    assert layout.position_of(19) == (2, 8)  # "z", after a tab from cell 5 to 8
    assert layout.offset_at(0, 3) == 1  # inside the tab: the tab
    assert layout.offset_at(0, 8) == 2
    assert layout.offset_at(2, 7) == 18
    assert layout.offset_at(2, 8) == 19


def test_a_table_of_tabs_lines_up_as_less_and_the_terminal_show_it() -> None:
    # Tab stops every 8 cells, as less, cat and the terminal draw a tab (and as the file's
    # author saw it): with stops every 4, "Maria" pushed her age to cell 8 and "Bo" his to
    # cell 4, the table's columns apart.
    table = "name\tage\tcity\nMaria\t34\tLyon\nBo\t5\tOslo"
    layout = Layout(table, 40)
    ages = [table.index(age) for age in ("age", "34", "5\t")]
    cities = [table.index(city) for city in ("city", "Lyon", "Oslo")]
    assert {layout.position_of(at)[1] for at in ages} == {8}
    assert {layout.position_of(at)[1] for at in cities} == {16}
    assert [drawn(line) for line in table.split("\n")] == [
        "name    age     city",
        "Maria   34      Lyon",
        "Bo      5       Oslo",
    ]


def test_stars_and_vowel_signs_take_the_cells_the_view_draws() -> None:
    # A review's ⭐ ratings take two cells each, Hindi's vowel signs none: the line fits the
    # width as drawn, neither cropped at the right edge nor wrapped early.
    stars = Layout("⭐" * 8, 10)
    assert [stars.text[a:b] for a, b in all_lines(stars)] == ["⭐" * 5, "⭐" * 3]
    assert stars.position_of(3) == (0, 6)
    hindi = "नमस्ते दुनिया"
    assert text_cells(hindi) == cell_len(hindi)
    assert Layout(hindi, 10).position_of(len(hindi)) == (0, cell_len(hindi))


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(exclude_characters="\t\n\u200d\ufe0f", exclude_categories=["Cs"])))
def test_a_line_measures_as_rich_measures_it(text: str) -> None:
    assert text_cells(text) == sum(get_character_cell_size(ch) for ch in text)


def test_emoji_sequences_take_the_cells_the_view_draws() -> None:
    # A family (👨 + joiner + 👩 + joiner + 👧) is one picture of two cells, a heart with the
    # emoji selector (❤️) two cells: lines neither wrap early nor run past the right edge.
    family = "👨\u200d👩\u200d👧"
    layout = Layout(family * 6, 10)
    assert [layout.text[a:b] for a, b in all_lines(layout)] == [family * 5, family]
    assert layout.position_of(len(family)) == (0, 2)
    assert layout.offset_at(0, 3) == len(family)  # a click on the second family
    hearts = Layout("❤\ufe0f" * 8, 10)
    assert [hearts.text[a:b] for a, b in all_lines(hearts)] == ["❤\ufe0f" * 5, "❤\ufe0f" * 3]


PIECES = st.sampled_from(
    ["a", " ", "日", "❤", "☺", "1", "👨", "👩", "👍", "🏽", "\u200d", "\ufe0f", "\u0301", "\t"]
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_emoji_lines_measure_as_rich_measures_them(text: str) -> None:
    if "\t" not in text:
        assert text_cells(text) == cell_len(drawn(text))


def test_a_space_after_a_joiner_takes_its_cell() -> None:
    # Rich lets a zero-width joiner take the character after it, a space too, which it then
    # measures no cell; the terminal draws the space in its cell: a line with one was drawn
    # a cell wider than the layout made it. The joiner, which joins nothing there, is not drawn.
    assert text_cells("a\u200d b") == 3 and drawn("a\u200d b") == "a b"
    assert text_cells("\u200d b") == 2 and drawn("\u200d b") == " b"
    assert drawn("a\u200d\u200d b") == "a\u200d\u200d b"  # (the second is the first's)
    assert drawn("a\u200d\u200d\u200d b") == "a\u200d\u200d b"
    assert drawn("👨\u200d👩 x") == "👨\u200d👩 x"
    layout = Layout("ab\u200d cd " * 4, 10)
    assert [layout.text[a:b] for a, b in all_lines(layout)] == [
        "ab\u200d cd ab\u200d ",
        "cd ab\u200d cd ",
        "ab\u200d cd ",
    ]


def test_a_letter_after_a_joiner_takes_its_cell() -> None:
    # Rich lets a zero-width joiner take any character after it, an ASCII letter too, which
    # it then measures no cell; tmux draws an ASCII character in a cell of its own ("a‍b" two
    # cells wide, where Rich said one): the line ran a cell past its place, the caret and a
    # selection a cell left of the letters they were on. The joiner, which joins nothing
    # there, is not drawn; a joiner between emoji, or before a letter not ASCII (a conjunct's
    # half form, क्‍ष, which tmux draws as Rich measures it), is as it was.
    assert text_cells("a\u200db") == 2 and drawn("a\u200db") == "ab"
    assert text_cells("👩\u200da") == 3 and drawn("👩\u200da") == "👩a"
    assert drawn("a\u200d\u200db") == "a\u200d\u200db"  # (the second is the first's)
    assert (
        text_cells("a\u200d\u200d\u200d1") == 2
        and drawn("x\u200d\u200d\u200d1") == "x\u200d\u200d1"
    )
    assert text_cells("👨\u200d👩\u200d👧") == 2 and drawn("👨\u200d👩") == "👨\u200d👩"
    assert text_cells("\u0915\u094d\u200d\u0937") == 1
    layout = Layout("ab\u200dc de " * 4, 8)
    assert [layout.text[a:b] for a, b in all_lines(layout)] == [
        "ab\u200dc de ",
        "ab\u200dc de ",
        "ab\u200dc de ",
        "ab\u200dc de ",
    ]
    assert layout.position_of(3) == (0, 2)  # c in its own cell, after a and b


def test_a_line_of_base64_longer_than_a_chunk_has_no_short_line_inside() -> None:
    # A 10 MB line cut into chunks showed a short line at every cut (every 262,144 code
    # points): the cut falls where the lines break anyway.
    word = "QUJD" * 150_000
    for width in (80, 37):
        layout = Layout(f"data:\n{word}\nend", width)
        lengths = [b - a for a, b in all_lines(layout)]
        assert lengths[0] == 5 and lengths[-1] == 3
        inner = lengths[1:-1]
        assert inner[:-1] == [width] * (len(inner) - 1) and 0 < inner[-1] <= width


def test_a_heart_at_the_right_edge_goes_on_whole() -> None:
    # "❤️" is ❤ and a selector that widens it: cut between them, the heart was drawn narrow
    # at the edge and a click at the next line's start found the selector, not the word.
    text = "x" * 18 + "❤\ufe0fabc"
    layout = Layout(text, 19)
    assert [text[a:b] for a, b in all_lines(layout)] == ["x" * 18, "❤\ufe0fabc"]
    assert layout.offset_at(1, 2) == text.index("a")
    assert layout.position_of(text.index("a")) == (1, 2)


def test_a_ten_megabyte_line_of_prose_wraps_as_one_line_would() -> None:
    # A book saved without line breaks: its chunks were cut at a space, which showed a short
    # line in mid-sentence every 262,144 characters; they are cut where the lines break.
    words = ["the", "reader", "codes", "a", "passage", "interviewee", "said", "so"]
    line = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(120_000))
    text = f"Title\n{line}\nend"
    for width in (80, 33):
        chunked, whole = Layout(text, width), Layout(text, width, chunk_size=10**9)
        assert len(chunked._chunk_starts) > 1 and len(whole._chunk_starts) == 1
        assert all_lines(chunked) == all_lines(whole)


def test_a_word_as_wide_as_the_line_after_a_hanging_space_is_not_cut() -> None:
    # One wide character in the paragraph had the space hanging at a line's end counted in
    # the next line too: a word as wide as the measure was cut one letter short.
    for tail in ("", " 字", " e\u0301", " 🙂"):
        text = f"aaaaaaaaaa bbbbbbbbbb cc{tail}"
        shown = [text[a:b] for a, b in all_lines(Layout(text, 10))]
        assert shown[:2] == ["aaaaaaaaaa ", "bbbbbbbbbb "]


def test_a_ten_megabyte_line_of_chinese_has_no_short_line_at_a_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A novel in Chinese saved as one line (no spaces) showed a line of 21 characters in
    # the middle of the text every 262,144 characters, where it was cut to be wrapped a
    # part at a time; it is cut where its lines break anyway.  The parts made small here:
    # a line of two and a half parts has the two cuts the real size has.
    monkeypatch.setattr(layout_module, "_MAX_CHUNK", 16_384)
    line = "".join(chr(0x4E00 + (i * 7919) % 20_000) for i in range(40_000))
    for text, width in ((f"标题\n{line}\n完", 80), (f"a{line}", 33), (f"ab 1{line}", 80)):
        chunked = Layout(text, width, chunk_size=1024)
        whole = Layout(text, width, chunk_size=10**9)
        assert len(chunked._chunk_starts) >= 3 and len(whole._chunk_starts) == 1
        assert all_lines(chunked) == all_lines(whole)
        cells = [chunked.cells(a, b) for a, b in all_lines(chunked)]
        assert set(cells[2:-2]) == {width - width % 2}


LINE_PIECES = st.sampled_from(
    [
        *("a", " ", "日本", "語", "é", "\u0301", "🙂", "\x07", "word", "  ", "，", "「", "x,"),
        *("e\u0301", "ж\u0308\u0301", "क्ष", "ि"),
    ]
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(LINE_PIECES, max_size=400).map("".join), st.integers(2, 30))
def test_a_long_line_breaks_by_runs_as_by_each_character(text: str, width: int) -> None:
    layout = Layout(text, width)
    expected = layout_module.array("q")
    layout._wrap_line_by_cells(0, len(text), expected)
    assert layout_module._breaks_by_runs(text, 0, len(text), width) == list(expected)


def test_paragraphs_of_chinese_are_wrapped_a_run_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each character of a Chinese paragraph was measured alone (a table look-up each): a
    # page key that reached text not yet wrapped took a tenth of a second.
    paragraph = "".join(chr(0x4E00 + (i * 7919) % 20_000) for i in range(300)) + "。"
    text = "\n\n".join([paragraph, "ab 12 " + paragraph, paragraph + " the end"] * 40)
    measured = count_calls(monkeypatch, layout_module, "cells_at")
    lines = all_lines(Layout(text, 80))
    assert measured.calls < len(text) // 20
    assert lines == all_lines(Layout(text, 80, chunk_size=10**9))
    for a, b in lines:
        assert text_cells(text[a:b].rstrip(" ")) <= 80


def test_chinese_and_japanese_break_between_characters_not_at_the_last_space() -> None:
    # A Chinese sentence with a number or an English word in it ("在 2024 年") broke after
    # its last space, as if the Chinese after it were one long word: a line half empty.
    # They break between any two characters, never before a closing mark nor after an
    # opening one.
    def lines(text: str, width: int) -> list[str]:
        return [text[a:b] for a, b in all_lines(Layout(text, width))]

    assert lines("我们在 2024 年召开了会议，讨论了很多问题。", 20) == [
        "我们在 2024 年召开了",
        "会议，讨论了很多问",
        "题。",
    ]
    assert lines("xx 漢字かなカナ한국어漢字 end", 20) == ["xx 漢字かなカナ한국", "어漢字 end"]
    assert lines("漢字漢字漢字漢字漢，字", 18) == ["漢字漢字漢字漢字", "漢，字"]  # never "，字"
    assert lines("aaaa 「漢字」", 8) == ["aaaa ", "「漢字」"]  # never 「 alone at the end
    assert lines("one two three four", 10) == ["one two ", "three four"]


def test_a_line_of_chinese_is_cut_into_chunks_without_looking_at_each_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A Chinese book saved as one line of 48 MB took two seconds to open (and again at each
    # resize): every line of it was looked at apart to find where its chunks are cut.
    line = "".join(chr(0x4E00 + (i * 7919) % 20_000) for i in range(600_000))
    looked = count_calls(monkeypatch, layout_module, "_break_at")
    measured = count_calls(monkeypatch, layout_module, "not_one_cell_at")
    layout = Layout(line, 80)
    assert len(layout._chunk_starts) == 3
    assert looked.calls == 0 and measured.calls < 10


def test_two_spaces_after_a_full_stop_both_hang_at_the_line_end() -> None:
    # Text typed with two spaces after each full stop: when a line broke between them, the
    # second began the next line, which stood one cell in from the others.
    text = "one two three.  Four five six.  Seven eight nine ten."
    for tail in ("", " 日本"):  # measured as one-cell text, and a character at a time
        lines = [(text + tail)[a:b] for a, b in all_lines(Layout(text + tail, 14))]
        assert lines[:3] == ["one two three.  ", "Four five six.  ", "Seven eight "]
    long_line = ("A sentence ends here.  " * 20_000).strip()
    chunked, whole = Layout(long_line, 80), Layout(long_line, 80, chunk_size=10**9)
    assert len(chunked._chunk_starts) > 1
    assert all_lines(chunked) == all_lines(whole)
    assert not any(long_line[a] == " " for a, _ in all_lines(chunked))


def test_a_long_run_of_spaces_wraps() -> None:
    # A column of a table, a title centred with spaces: its run of spaces does not hang past
    # the line's end (a caret moved along it would leave the view), it wraps.
    text = "Name" + " " * 30 + "Age"
    lines = [text[a:b] for a, b in all_lines(Layout(text, 20))]
    assert lines == ["Name" + " " * 20, " " * 10 + "Age"]  # four spaces hang at most


CONTEXT_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "日本",
        "，",
        "\t",
        "❤\ufe0f",
        "\ufe0f",
        "🇫🇷",
        "🇩",
        "👨\u200d👩",
        "\u200d",
        "x,",
        "「",
        "\u0301",
        "ᅡ",
    ]
)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(CONTEXT_PIECES, max_size=400).map("".join), st.integers(2, 30))
def test_a_line_of_flags_tabs_and_joined_emoji_breaks_by_runs_as_by_each_character(
    text: str, width: int
) -> None:
    layout = Layout(text, width)
    expected = layout_module.array("q")
    layout._wrap_line_by_cells(0, len(text), expected)
    assert layout_module._breaks_by_runs(text, 0, len(text), width) == list(expected)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("\t🙂é \t\u0301ᄀ", 2),
        ("🙂🇩a🙂\t\u0301x,", 5),
        ("\u200d\t\u0301a，\u0301🙂\ufe0f", 3),
        ("日本🇩ᄀ\tᅡ❤\ufe0f\ufe0f👨\u200d👩", 7),
        ("，「🇩\t\u200d", 2),
    ],
)
def test_a_character_of_no_cells_after_a_tab_wider_than_the_line_never_overflows_it(
    text: str, width: int
) -> None:
    # A tab at a line's start wider than the line (a measure under eight cells) filled it
    # over: the accent, jamo vowel or joiner after it, of no cells, broke the line before it
    # when the line was wrapped a character at a time, not when it was wrapped a run at a
    # time.  A character of no cells never overflows a line, either way.
    layout = Layout(text, width)
    expected = layout_module.array("q")
    layout._wrap_line_by_cells(0, len(text), expected)
    assert layout_module._breaks_by_runs(text, 0, len(text), width) == list(expected)


def test_a_long_line_of_emoji_and_flags_has_no_short_line_at_a_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A chat log saved as one line, with hearts (❤ and an emoji selector), flags and joined
    # families in it, showed a short line every 262,144 characters, where it was cut at a
    # space to be wrapped a part at a time; it is cut where its lines break anyway.  The
    # parts made small here: a line of 2.3 parts has the two cuts the real size has, found
    # the same way (by the runs), at the same places of the sentence repeated.
    monkeypatch.setattr(layout_module, "_MAX_CHUNK", 16_384)
    unit = (
        "she said she loved it ❤\ufe0f and went on with the interview, about her family "
        "👨\u200d👩\u200d👧 and the years in France 🇫🇷 before the move to Berlin;\tthen "
    )
    line = unit * (37_700 // len(unit))
    text = f"Title\n{line}\nend"
    for width in (80, 33):
        chunked = Layout(text, width, chunk_size=1024)
        whole = Layout(text, width, chunk_size=10**9)
        assert len(chunked._chunk_starts) > 1 and len(whole._chunk_starts) == 1
        assert all_lines(chunked) == all_lines(whole)


class _RunsCounted:
    """The runs' pattern, counting the runs it matches."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.matched = 0

    def match(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        self.matched += 1
        return self.pattern.match(text, pos, endpos)

    def finditer(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        for found in self.pattern.finditer(text, pos, endpos):
            self.matched += 1
            yield found


def test_a_long_line_of_hindi_opens_without_wrapping_each_part_to_cut_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A text of Hindi (or Thai) saved as one long line was wrapped all through as it opened,
    # and again at each resize, to find where to cut it into parts: a run of one width at
    # each vowel sign, a second for each 2 MB on the app's thread.  Past a budget of runs, a
    # part is cut at a space, as a line of emoji is.
    line = "किताब पढ़ने वाले लोग कहते हैं कि यह कहानी सच्ची है। " * 20_000
    runs = _RunsCounted(layout_module._runs())
    monkeypatch.setattr(layout_module, "_runs", lambda: runs)
    layout = Layout(f"शीर्षक\n{line}\nend", 80)
    assert len(layout._chunk_starts) > 3
    assert runs.matched < len(line) // 4  # about one a character before
    starts = layout._chunk_starts
    assert all(layout.text[cut - 1] in " \n" for cut in starts[1:])  # cut at a space


def test_lines_of_chinese_are_estimated_by_their_width_on_screen() -> None:
    # A Chinese book's line count was estimated from its length, as if each character took
    # one cell: 1.7 times too few lines until it was wrapped, and the scroll bar's thumb
    # jumped as the reader went on.  It is estimated by the cells the text takes.
    def ratio(text: str, width: int) -> float:
        layout = Layout(text, width, chunk_size=2_000)
        estimated = layout.line_count
        return estimated / len(all_lines(layout))

    chinese = "".join(
        chr(0x4E00 + (i * 7919) % 20_000) + ("，" if i % 17 == 0 else "") for i in range(400)
    )
    mixed = f"Chapter 1 第一章 {chinese[:60]}。 The interviewee said 我们在 2024 年召开了会议。"
    english = " ".join(["the", "reader", "codes", "a", "passage", "said"] * 60)
    for width in (40, 80):
        for paragraph in (chinese, mixed, english):
            text = "\n\n".join(paragraph[i % 50 :] for i in range(300))
            assert 0.85 <= ratio(text, width) <= 1.3, (paragraph[:10], width)


def test_a_line_of_emoji_alone_opens_without_measuring_each_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Megabytes of emoji on one line (a spam message, a generated file): every one was
    # measured as the text opened, to find where its chunks are cut: 8 s for 7 MB.  Past a
    # few thousand of them in a chunk, the chunk is cut at a space, as before.
    line = "❤\ufe0f🇫🇷👨\u200d👩 " * 200_000
    measured = count_calls(monkeypatch, layout_module, "cells_at")
    layout = Layout(line, 80)
    assert len(layout._chunk_starts) > 1 and measured.calls == 0


def test_a_long_line_of_prose_with_a_wide_character_is_cut_a_line_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A book on one line with one Chinese character in it was cut into chunks a word at a
    # time (1 s for 9 MB as it opened): the spaces parted its runs of one-cell characters.
    words = ["the", "reader", "codes", "a", "passage", "interviewee", "said", "so"]
    line = "字 " + " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(300_000))
    real = layout_module._runs()
    matched = []

    class Counted:
        def match(self, *args: object) -> object:
            matched.append(1)
            return real.match(*args)  # type: ignore[arg-type]

        def finditer(self, *args: object) -> object:
            return real.finditer(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(layout_module, "_runs", lambda: Counted())
    chunked = Layout(line, 80)
    lines = all_lines(chunked)
    assert len(matched) < len(lines) * 3
    assert lines == all_lines(Layout(line, 80, chunk_size=10**9))


def test_a_column_inside_a_picture_gives_the_picture_s_start() -> None:
    # A flag is two letters of a cell each, ❤️ a heart of one cell widened by a selector:
    # the column of a flag's second cell gave its second letter, of the heart's second cell
    # its selector, and the last offset of a wrapped line a family's last member, so that j,
    # k and a click put the caret inside the picture and a selection from there quoted half
    # a flag.
    flag, heart, family = "🇫🇷", "❤\ufe0f", "👨\u200d👩\u200d👧"
    text = f"a{flag}b{heart}c {family}{family}"
    layout = Layout(text, 8)
    assert [text[a:b] for a, b in all_lines(layout)] == [f"a{flag}b{heart}c ", family * 2]
    assert layout.offset_at(0, 2) == 1  # the flag's second cell: the flag
    assert layout.offset_at(0, 5) == text.index(heart)  # the heart's second cell: the heart
    narrow = Layout(f"{family}{family}", 2)
    assert narrow.offset_at(0, 9) == 0  # past the end of a wrapped line: its last picture


def test_a_column_s_character_is_found_without_cutting_the_line_into_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Cutting a line into characters as the eye sees them reads back along a run of flag
    # letters to pair them: on a line of 400,000 of them each j took 0.4 s.  A column's
    # character is told by the characters themselves where they say it (a flag's letters
    # paired as the lines are wrapped); the cutting is left to accents and joined pictures.
    from tui_reader.core.documents import units

    def cut(text: str, offset: int) -> int:
        raise AssertionError("the line was cut into characters")

    monkeypatch.setattr(units, "previous_character", cut)
    flags = "🇫🇷 🇩🇪 " * 2000  # 3 cells a flag and its space, 26 flags a line
    layout = Layout(f"{flags}\nab\u4e2dc\n", 80)
    start, _ = layout.line_range(20)
    assert flags[start : start + 3] == "🇫🇷 "
    assert layout.offset_at(20, 1) == start  # the flag's second letter: the flag
    assert layout.offset_at(20, 4) == start + 3  # the next one's
    assert layout.offset_at(layout.line_of(len(flags) + 1), 3) == len(flags) + 3  # 中: it


def test_a_long_run_of_flags_is_never_wrapped_inside_a_flag() -> None:
    # A line of flags written without spaces (a post listing the world's) was wrapped inside
    # a flag past its 32nd: its letters were paired counting 64 back at most, so the line
    # showed 🇷🇫 pairs, each a wrong flag, and a click took half a flag.
    flags = "".join(chr(0x1F1E6 + n % 26) + chr(0x1F1E6 + (n * 7) % 26) for n in range(200))
    text = f"x{flags}"  # the run starts at offset 1: its pairs at odd offsets
    for width in (7, 9, 80):
        layout = Layout(text, width)
        starts = [a for a, _ in all_lines(layout)][1:]
        assert starts and all((a - 1) % 2 == 0 for a in starts), width
        y = layout.line_count - 1
        assert (layout.offset_at(y, 1) - 1) % 2 == 0  # the second letter's column: the flag


def test_a_line_of_flags_longer_than_a_chunk_is_never_cut_inside_a_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A line of more than 262,144 flag letters is cut into chunks, each wrapped from its
    # start: the cut fell at a fixed place, between a flag's two letters when the run began
    # at an odd offset, and every line after it started with a second letter, each of its
    # flags shown as a wrong one.  The parts made small here, and the letters measured one
    # at a time before a cut is put at a space or the part's end (more than 262,144 is more
    # than the budget), as at the real size.
    monkeypatch.setattr(layout_module, "_MAX_CHUNK", 16_384)
    monkeypatch.setattr(layout_module, "_CONTEXT_BUDGET", 1024)
    flags = "".join(chr(0x1F1E6 + n % 26) + chr(0x1F1E6 + (n * 7) % 26) for n in range(9_000))
    text = f"x{flags}"  # the run starts at offset 1: its pairs at odd offsets
    layout = Layout(text, 80)
    assert len(layout._chunk_starts) > 1
    cut = layout._chunk_starts[1]
    assert (cut - 1) % 2 == 0
    layout.ensure_offsets(cut - 200, cut + 200)
    y = layout.line_of(cut)
    starts = [layout.line_range(v)[0] for v in range(y - 2, y + 3)]
    assert all((a - 1) % 2 == 0 for a in starts), starts


def test_a_line_of_joiners_longer_than_a_chunk_is_cut_without_looking_back_through_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A hostile file of a few megabytes of joiners (or emoji selectors) is one character as
    # the eye sees one: finding where it began, at each chunk's cut, read back through all of
    # it (a second as it opened).  A character longer than a few hundred code points is cut.
    from tui_reader.core.documents import units

    looked: list[int] = []
    real = units.character_start

    def counted(text: str, offset: int) -> int:
        looked.append(len(text))
        return real(text, offset)

    monkeypatch.setattr(units, "character_start", counted)
    text = "a" + "\u200d" * 600_000
    layout = Layout(text, 80)
    assert len(layout._chunk_starts) > 2 and looked
    assert max(looked) < 1_000
    accents = ("e" + "\u0301" * 99) * 6_000  # letters under many accents stay whole
    assert all(accents[cut] == "e" for cut in Layout(accents, 80)._chunk_starts)


def test_a_line_of_characters_of_no_cells_is_cut_into_lines_of_bounded_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A hostile file of megabytes of emoji selectors, joiners or accents on one line took no
    # cells: each part of 262,144 code points was one display line, measured a character at
    # a time as it was wrapped, painted, clicked and crossed by the caret (seconds to open,
    # half a second a key).  Such a line is cut every 16,384 code points; one of plain accents,
    # each run measured at once (see the test below), at each part's end, or past the run when
    # it ends within a part more (then with the line's end when that is near).
    for zero, longest in (("\ufe0f", 16_385), ("\u200d", 16_385), ("\u0301", 540_672)):
        text = "before " + zero * 300_000 + " after"
        layout = Layout(text, 80)
        measured = count_calls(monkeypatch, layout_module, "cells_at")
        layout.ensure_lines(0, 40)
        assert measured.calls < 50_000, repr(zero)
        lines = all_lines(layout)
        assert max(end - start for start, end in lines) <= longest
        assert text[lines[-1][0] : lines[-1][1]].endswith(" after")
        assert [a for a, _ in lines[1:]] == [b for _, b in lines[:-1]]  # one line, no gap


def test_a_letter_of_100_000_accents_is_one_display_line_measured_a_run_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Cut every 16,384 code points, the letter's accents went on over display lines of them
    # alone, drawn as five blank rows after it.  Its line now holds them all, and its
    # measures (wrap, cells, a click's column) step over the run at once.
    text = "First.\n\nBefore a" + "\u0301" * 100_000 + " after and on, " * 8 + "\nEnd."
    layout = Layout(text, 64)
    measured = count_calls(monkeypatch, layout_module, "cells_at")
    layout.ensure_lines(0, 40)
    lines = all_lines(layout)
    shown = [without_leading_marks(text[a:b]).strip("\n") for a, b in lines]
    assert all(shown[2:]), shown  # no row of accents alone, drawn blank
    row = next(y for y, (a, b) in enumerate(lines) if a <= 9 < b)
    start, end = lines[row]
    assert text[start:end].startswith("Before a\u0301") and end > 9 + 100_000
    for column in range(0, 70, 7):  # as the line's characters measured one at a time
        used, expect = 0, end - 1
        for i in range(start, end):
            used += cells_at(text, i, used, start)
            if used > column:
                expect = i
                break
        assert layout.offset_at(row, column) == expect, column
    each = sum(cells_at(text, i, 0, start) for i in range(start, end))  # (no tab in it)
    assert layout.cells(start, end) == text_cells(text[start:end]) == each <= 64
    assert measured.calls < 5_000


def test_a_line_of_accented_letters_is_wrapped_a_line_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2 MB of "e" and a combining accent on one line was two runs a letter, each line's
    # break looked for a character at a time back through the line: about a second a part
    # of 262,144 code points as the text opened.
    text = "e\u0301" * 300_000 + " after"
    layout = Layout(text, 80)
    looked_at = count_calls(monkeypatch, layout_module, "_breaks_beside_wide")
    layout.ensure_lines(0, 40)
    assert looked_at.calls < 1_000
    lines = all_lines(layout)
    assert {layout.cells(a, len(text[:b].rstrip())) for a, b in lines[:-1]} == {80}
    assert text[lines[-1][0] : lines[-1][1]] == "after"


def test_a_word_wider_than_the_line_is_cut_between_characters_as_the_eye_sees_them() -> None:
    # A word of Hindi wider than the view was cut wherever the width ran out: inside a
    # conjunct (क्ष, a consonant, a virama and a consonant), the next line starting with
    # half of it.
    import regex

    word = "क्षित्रि" * 40  # no space: cut it must be
    for text in (word[:30], word):  # a short line wrapped a character at a time, a long one
        starts = {m.start() for m in regex.finditer(r"\X", text)}
        for width in (5, 7, 12):
            layout = Layout(text, width)
            cuts = [a for a, _ in all_lines(layout)][1:]
            assert cuts and all(a in starts for a in cuts), (len(text), width)


@pytest.mark.parametrize("unit", ["she said\tyes\tno ", "ok ❤\ufe0f yes 🇫🇷 ", "a b👨\u200d👩 "])
def test_a_long_line_of_many_tabs_or_emoji_has_no_short_line_at_a_cut(
    monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    # A line over 262,144 code points with more than 16,384 tabs or emoji in a part of it
    # (too many to measure one at a time as the text opens) was cut at a space to be wrapped
    # a part at a time, and showed a short line at each cut.  The limits made small here.
    monkeypatch.setattr(layout_module, "_MAX_CHUNK", 2048)
    monkeypatch.setattr(layout_module, "_CONTEXT_BUDGET", 16)
    line = unit * (20_000 // len(unit))
    text = f"Title\n{line}\nend"
    for width in (80, 33):
        chunked, whole = Layout(text, width, chunk_size=128), Layout(text, width, chunk_size=10**9)
        assert len(chunked._chunk_starts) > 8
        assert all_lines(chunked) == all_lines(whole)
        # Wrapped from the middle first (a jump there): the same once the rest is wrapped.
        middle = Layout(text, width, chunk_size=128)
        middle.line_of(len(text) // 2)
        middle.ensure_offsets(len(text) // 3, len(text) // 3)
        assert all_lines(middle) == all_lines(whole)
        for a in range(0, len(text), 997):
            assert middle.line_of(a) == whole.line_of(a)


class _ReadCounted:
    """The pattern of a character as the eye sees one, counting the code points it cuts."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        self.read += len(text)
        return self.pattern.finditer(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.pattern.match(text, *args)


def test_a_line_of_one_endless_conjunct_is_wrapped_reading_each_line_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A hostile file of one line of Devanagari consonants each joined to the next by a
    # virama (क्क्क्...) is one character as the eye sees one, from its first to its last:
    # each line break looked for its start back to the line's start, reading the whole text
    # before it each time (73 s to open 1.4 million code points of it).  Only the display
    # line is read.
    from tui_reader.core.documents import units

    counted = _ReadCounted(units._patterns().character)
    monkeypatch.setattr(units._patterns(), "character", counted)
    text = "क्" * 20_000
    lines = all_lines(Layout(text, 80))
    assert len(lines) > 200
    assert counted.read < 20 * len(text)
    assert [text[a:b] for a, b in lines[:2]] == ["क्" * 80, "क्" * 80]


@pytest.mark.parametrize(
    "after",
    [" end", " end\nnext line", " end " + "word " * 60_000],
    ids=["line's end", "a line after", "a long line"],
)
def test_a_letter_of_300_000_accents_is_cut_after_them_not_among_them(after: str) -> None:
    # A line of a letter carrying 300,000 accents is longer than a chunk holds: the chunk was
    # cut among the accents (a cut looks back a few hundred code points for the letter), and
    # the accents after the cut began a line of their own, " end" drawn alone on it.  The cut
    # falls past the accents: after the line's end when it is near, else right after them.
    heavy = "a" + "\u0301" * 300_000
    text = heavy + after
    layout = Layout(text, 80)
    layout.ensure_lines(0, 3)
    assert layout.line_range(0)[0] == 0
    assert all(not 0 < cut < len(heavy) for cut in layout._chunk_starts), layout._chunk_starts
    if after.startswith(" end\n") or after == " end":
        assert layout.line_range(0) == (0, len(heavy) + 4)
        assert layout.shown(*layout.line_range(0)).endswith(" end")
