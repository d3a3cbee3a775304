"""Hard-wrapped paragraphs flow at the reading width: soft newlines wrap like spaces, the
indentation after them is hidden, offsets stay those of the unchanged text."""

from __future__ import annotations

import itertools
import textwrap

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.reading.layout import Flowed, Layout, text_cells

WORDS = [
    "Researchers",
    "read",
    "interview",
    "transcripts",
    "closely",
    "and",
    "code",
    "the",
    "passages",
    "that",
    "matter.",
    "A",
    "sentence",
    "that",
    "the",
    "printer",
    "broke",
    "over",
    "two",
    "lines",
    "is",
    "still",
    "one",
    "sentence",
    "to",
    "a",
    "reader.",
]


def _wrapped(words: list[str], column: int, indent: str) -> str:
    return textwrap.fill(" ".join(words), column, initial_indent=indent, subsequent_indent=indent)


def _lines(layout: Layout) -> list[str]:
    layout.ensure_lines(0, 10**6)
    return [layout.shown(*layout.line_range(y)) for y in range(layout.line_count)]


def test_a_man_page_paragraph_flows_at_the_reading_width() -> None:
    paragraph = _wrapped(WORDS * 2, 78, "       ")
    text = f"NAME\n\n{paragraph}\n"
    start = text.index("Researchers")
    soft = [(start, len(text) - 1)]
    plain = _lines(Layout(text, 60))
    flowed = _lines(Layout(text, 60, soft=soft))
    assert len(flowed) < len(plain)  # no line of one or two words between full ones
    body = [line for line in flowed if line.strip() and line != "NAME"]
    assert all(len(line.rstrip()) <= 60 for line in body)
    assert all(len(line.rstrip()) > 40 for line in body[:-1])
    assert " ".join(" ".join(body).split()) == " ".join(WORDS * 2)
    assert "  " not in " ".join(line.strip() for line in body)  # indentation hidden


def test_offsets_point_into_the_unchanged_text() -> None:
    text = "one two three\n   four five six\n   seven eight"
    layout = Layout(text, 12, soft=[(0, len(text))])
    lines = _lines(layout)
    assert lines == ["one two ", "three four ", "five six ", "seven eight"]
    y, column = layout.position_of(text.index("four"))
    assert (y, column) == (1, 6)
    assert layout.offset_at(1, 6) == text.index("four")
    assert layout.line_of(text.index("seven")) == 3


def test_hard_newlines_outside_soft_ranges_stay() -> None:
    text = "a b\nc d\n\ne f\ng h"
    layout = Layout(text, 40, soft=[(0, 7)])
    assert _lines(layout) == ["a b c d", "", "e f", "g h"]


def test_a_compound_broken_at_its_hyphen_reads_whole() -> None:
    # "self-" at a line's end above "determination" read "self- determination": the
    # compound is whole now, its hyphen kept; a dash between words keeps its space.
    text = "the right to self-\n   determination of peoples -\n   and of nations"
    layout = Layout(text, 80, soft=[(0, len(text))])
    assert _lines(layout) == ["the right to self-determination of peoples - and of nations"]
    at = text.index("determination")
    y, column = layout.position_of(at)
    assert (y, column) == (0, len("the right to self-"))
    assert layout.offset_at(y, column) == at
    narrow = Layout(text, 20, soft=[(0, len(text))])
    assert _lines(narrow)[:2] == ["the right to self-", "determination of "]


def test_a_compound_broken_at_its_hyphen_with_a_blank_left_after_it_reads_whole() -> None:
    # A line wrapped with a space left at its end after a compound's hyphen ("self- " above
    # "determination") read "self- determination", and /self-determination missed it.
    text = "the right to self- \n   determination of peoples\tand of nations"
    layout = Layout(text, 80, soft=[(0, len(text))])
    assert _lines(layout) == ["the right to self-determination of peoples\tand of nations"]
    at = text.index("determination")
    y, column = layout.position_of(at)
    assert (y, column) == (0, len("the right to self-"))
    assert layout.offset_at(y, column) == at
    assert layout.offset_at(y, column - 1) == text.index("-")
    flowed = Flowed(layout)
    assert "self-determination" in flowed.text
    found = flowed.text.index("self-determination")
    assert flowed.span(found, found + len("self-determination")) == (
        text.index("self-"),
        at + len("determination"),
    )


@settings(max_examples=examples(60))
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
    column=st.integers(20, 78),
    indent=st.sampled_from(["", "  ", "       ", "\t"]),
    width=st.integers(8, 120),
)
def test_soft_layout_covers_the_text_in_order(
    words: list[str], column: int, indent: str, width: int
) -> None:
    paragraph = _wrapped(words, column, indent)
    text = f"Title\n\n{paragraph}\n\nEnd."
    start = text.index(paragraph.lstrip())
    layout = Layout(text, width, soft=[(start, start + len(paragraph.lstrip()))])
    layout.ensure_lines(0, 10**6)
    ranges = [layout.line_range(y) for y in range(layout.line_count)]
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    for (_, end), (next_start, _) in itertools.pairwise(ranges):
        assert end <= next_start
    for y, (a, b) in enumerate(ranges):
        shown = layout.shown(a, b)
        assert "\n" not in shown
        longest = max((len(w) for w in shown.split()), default=0)
        assert layout.cells(a, b) <= max(width, longest) + 1  # a hanging space
        for offset in range(a, b):
            if not text[offset].isspace():
                assert layout.offset_at(y, layout.position_of(offset)[1]) == offset
    shown_all = "".join(layout.shown(a, b) for a, b in ranges)
    assert "".join(shown_all.split()) == "".join(text.split())  # every character, in order


def test_a_click_after_a_family_emoji_in_a_flowed_paragraph_finds_its_word() -> None:
    family = "👨\u200d👩\u200d👧"
    text = f"we {family} met\n   again {family} there"
    layout = Layout(text, 40, soft=[(0, len(text))])
    for word in ("met", "again", "there"):
        y, column = layout.position_of(text.index(word))
        assert layout.offset_at(y, column) == text.index(word), word
    assert layout.position_of(text.index("met")) == (0, 6)


def test_a_word_as_wide_as_the_line_after_a_hanging_soft_newline_is_not_cut() -> None:
    text = "aaaaaaaaaa\nbbbbbbbbbb cc 字\n"
    layout = Layout(text, 10, soft=[(0, len(text) - 1)])
    assert _lines(layout)[:2] == ["aaaaaaaaaa", "bbbbbbbbbb "]


def test_a_chinese_paragraph_wrapped_by_hand_flows_without_spaces() -> None:
    # A Chinese text saved wrapped at 40 characters was flowed with each of its line breaks
    # shown as a space, in the middle of words, and broken only there (a short line, then
    # a long one); a break between Chinese characters is no space, and they break anywhere.
    sentence = "我们在二〇二四年召开了会议讨论了很多问题今天天气很好我们出去散步吧"
    lines = [sentence[:17], sentence[17:27], sentence[27:]]
    text = "\n".join(lines) + "。\n"
    layout = Layout(text, 20, soft=[(0, len(text) - 1)])
    shown = _lines(layout)
    assert "".join(shown) == sentence + "。"
    assert [text_cells(line) for line in shown[:-2]] == [20] * (len(shown) - 2)
    for offset in range(len(text)):
        y, column = layout.position_of(offset)
        if text[offset] != "\n":
            assert layout.offset_at(y, column) == offset
    korean = "한국어 문장입니다 여기\n계속됩니다\n"
    flowed = Layout(korean, 40, soft=[(0, len(korean) - 1)])
    assert _lines(flowed)[0] == "한국어 문장입니다 여기 계속됩니다"  # Korean keeps its space


def test_a_book_wrapped_by_hand_is_estimated_as_it_flows() -> None:
    # A book wrapped at 70 columns (Project Gutenberg's) had each of its soft newlines
    # estimated as a line of its own until it was wrapped: twice the lines it shows at 80
    # columns, and the scroll bar's thumb grew and jumped as the reader went on.
    paragraphs, soft, text = [], [], ""
    for n in range(400):
        paragraphs.append(_wrapped(WORDS * (1 + n % 5), 70, ""))
    for paragraph in paragraphs:
        soft.append((len(text), len(text) + len(paragraph)))
        text += paragraph + "\n\n"
    for width in (40, 80, 120):
        layout = Layout(text, width, soft=soft, chunk_size=2_000)
        estimated = layout.line_count
        assert 0.85 <= estimated / len(_lines(layout)) <= 1.3, width


def test_what_a_flowing_paragraph_shows_as_nothing_is_told() -> None:
    # The newline after "self-" (the compound read whole), after "peace " (a blank before it)
    # and the indentation after each show as nothing; the newline after "land" as a space.
    text = "the land\n  and self-\n  determination of the peace \n  talks went on"
    layout = Layout(text, 60, soft=[(0, len(text))])
    nothing = [i for i in range(len(text)) if layout.shows_nothing(i)]
    assert "".join(text[i] for i in nothing) == "  \n  \n  "
    assert text.index("self-\n") + 5 in nothing and text.index("peace \n") + 6 in nothing
    assert not layout.shows_nothing(text.index("\n"))
    assert not any(Layout(text, 60).shows_nothing(i) for i in range(len(text)))
    assert layout.shown(0, len(text)).replace(" ", "") == "".join(
        ch for i, ch in enumerate(text) if i not in nothing and ch not in " \n"
    )
