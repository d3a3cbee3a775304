"""Words, sentences and paragraphs as a reader counts them."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from typing import Any
from unittest import mock

import pytest
from helpers import examples
from helpers.counting import count_calls
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import units as nav


def sentences(text: str) -> list[str]:
    start, end = nav.paragraph_range(text, 0)
    return [text[a:b] for a, b in nav.sentences_between(text, start, end)]


def test_abbreviations_and_acronyms_do_not_end_sentences() -> None:
    text = (
        "The U.S. Department of Homeland Security said so. Mr. Kelly agreed with Dr. Smith. "
        "J. R. Tolkien wrote it, e.g. this one, i.e. that one. It came to the U.S. The next day "
        "it left."
    )
    assert sentences(text) == [
        "The U.S. Department of Homeland Security said so.",
        "Mr. Kelly agreed with Dr. Smith.",
        "J. R. Tolkien wrote it, e.g. this one, i.e. that one.",
        "It came to the U.S.",
        "The next day it left.",
    ]


def test_the_word_no_ends_a_sentence_and_is_an_abbreviation_only_before_a_number() -> None:
    # "no" was an abbreviation before any capital: a witness's "No." and a sentence ending
    # in "said no." ran on into the next sentence, selected and coded as one.
    text = (
        "Q. Were you there? A. No. I was at home. He said no. She left. See No. 5 and "
        "Nos. 3 and 4. The end."
    )
    assert sentences(text) == [
        "Q. Were you there?",
        "A. No.",
        "I was at home.",
        "He said no.",
        "She left.",
        "See No. 5 and Nos. 3 and 4.",
        "The end.",
    ]


def test_sec_and_est_are_abbreviations_as_a_title_or_before_a_number() -> None:
    # "sec" and "est" never ended a sentence: "Wait a sec. I will come." was one, selected and
    # coded as one, and so was "the price is an est. The".
    text = (
        "Wait a sec. I will come. Sec. Pompeo spoke. See sec. 5 of the act. Our firm, est. "
        "1990, grew. It is an est. The rest follows."
    )
    assert sentences(text) == [
        "Wait a sec.",
        "I will come.",
        "Sec. Pompeo spoke.",
        "See sec. 5 of the act.",
        "Our firm, est. 1990, grew.",
        "It is an est.",
        "The rest follows.",
    ]


def test_quotes_and_brackets_after_the_stop_belong_to_the_sentence() -> None:
    text = 'He said: "Go now." (She left.) Then ‘quiet.’ Done! Really? Yes… fine.'
    assert sentences(text) == [
        'He said: "Go now."',
        "(She left.)",
        "Then ‘quiet.’",
        "Done!",
        "Really?",
        "Yes… fine.",
    ]


def test_a_sentence_ends_after_the_marks_its_stop_carries() -> None:
    # A stop with a joiner or an emoji selector on it is one character as the eye sees one:
    # the sentence ended between the stop and its joiner ("。" then "\u200d中..."), or not at
    # all after "!\ufe0f" (no space came right after the stop).
    assert sentences("好。\u200d中文。") == ["好。\u200d", "中文。"]
    # (a quotation closed after its stop and followed by words: the same sentence)
    assert sentences("「好吗？\u200d」他问。「好！\ufe0f」 好。") == [
        "「好吗？\u200d」他问。",
        "「好！\ufe0f」",
        "好。",
    ]
    assert sentences("Wow!\ufe0f Next one. Hi.\u200d\u0301 End.") == [
        "Wow!\ufe0f",
        "Next one.",
        "Hi.\u200d\u0301",
        "End.",
    ]
    assert sentences("See e.g.\u0301 the list. Wow!\ufe0fno.") == [
        "See e.g.\u0301 the list.",
        "Wow!\ufe0fno.",
    ]


def test_lowercase_after_a_stop_continues_the_sentence() -> None:
    assert sentences("Prices rose 3 p.c. and fell. Etc. went on.") == [
        "Prices rose 3 p.c. and fell.",
        "Etc. went on.",
    ]


def test_list_items_on_their_own_lines_are_sentences() -> None:
    text = "Items:\n• one\n• two\n3. three"
    assert sentences(text) == ["Items:", "• one", "• two", "3. three"]


def test_sentences_do_not_cross_paragraphs() -> None:
    text = "First para has no stop\n\nSecond one. Two."
    assert nav.sentence_range(text, 3) == (0, 22)
    assert nav.next_sentence(text, 3) == 24
    assert nav.next_sentence(text, 24) == 36
    assert nav.previous_sentence(text, 24) == 0
    assert nav.previous_sentence(text, 38) == 36


def test_sentence_motion_walks_every_sentence_and_back() -> None:
    text = "One. Two here. Three!\n\nFour? Five."
    forward, offset = [], 0
    while offset < len(text):
        offset = nav.next_sentence(text, offset)
        forward.append(offset)
    assert forward == [5, 15, 23, 29, len(text)]
    backward = []
    while offset > 0:
        offset = nav.previous_sentence(text, offset)
        backward.append(offset)
    assert backward == [29, 23, 15, 5, 0]


def test_a_sentence_longer_than_the_window_is_taken_whole() -> None:
    # A sentence of more than 4,000 code points (a transcript without stops, a legal clause)
    # was cut at the edges of the window looked at: s selected a part of it, ( went to the
    # middle of it, and ) went past the sentences after it to the paragraph's end.
    text = "Intro here. Word " + "word " * 2900 + "end. Next one. Last.\n\nOther."
    long_end = text.index("end.") + len("end.")
    following = text.index("Next")
    for offset in (100, 8000, long_end - 5):
        assert nav.sentence_range(text, offset) == (12, long_end)
        assert nav.next_sentence(text, offset) == following
        assert nav.previous_sentence(text, offset) == 12
    assert nav.previous_sentence(text, 12) == 0
    assert nav.previous_sentence(text, following) == 12
    assert nav.previous_sentence(text, text.index("Other")) == text.index("Last")


def test_words() -> None:
    text = "Hello, world  foo_bar!\nnext"
    assert nav.next_word(text, 0) == 5  # the comma is a word of its own
    assert nav.next_word(text, 5) == 7
    assert nav.next_word(text, 7) == 14
    assert nav.next_word(text, 14) == 21
    assert nav.next_word(text, 21) == 23
    assert nav.next_word(text, 23) == len(text)
    assert nav.previous_word(text, 23) == 21
    assert nav.previous_word(text, 14) == 7
    assert nav.previous_word(text, 9) == 7
    assert nav.previous_word(text, 0) == 0


def test_paragraphs() -> None:
    text = "  Title\n\nPara one\nstill one.\n   \n\nPara two.\n"
    assert nav.paragraph_range(text, 4) == (2, 7)
    assert nav.paragraph_range(text, 20) == (9, 28)
    assert nav.paragraph_range(text, 8) == (9, 28)  # in a blank line: the next paragraph
    assert nav.paragraph_range(text, len(text)) == (34, 43)  # at the end: the last one
    assert nav.next_paragraph(text, 0) == 2  # indentation: the text of the line
    assert nav.next_paragraph(text, 2) == 9
    assert nav.next_paragraph(text, 9) == 34
    assert nav.next_paragraph(text, 34) == len(text)
    assert nav.previous_paragraph(text, 40) == 34
    assert nav.previous_paragraph(text, 34) == 9
    assert nav.previous_paragraph(text, 9) == 2
    assert nav.previous_paragraph(text, 2) == 0


def test_a_line_of_no_break_or_ideographic_spaces_parts_paragraphs() -> None:
    # A line holding only a no-break space (a Word file's empty paragraph saved as text) or
    # an ideographic space (a Japanese text's) looks blank but joined the paragraphs around
    # it: p selected both, } went over both, agreement by paragraph compared them as one.
    text = "First para.\n\u3000\nSecond para.\n \xa0 \nThird.\n"
    spans = [(0, 11), (14, 26), (31, 37)]
    assert nav.paragraph_spans(text) == spans
    assert [nav.paragraph_range(text, start) for start, _ in spans] == spans
    assert nav.next_paragraph(text, 0) == 14
    assert nav.next_paragraph(text, 14) == 31
    assert nav.previous_paragraph(text, 31) == 14
    assert nav.paragraph_range(text, 12) == (14, 26)  # on the blank line: the next one


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t\n  \n"])
def test_blank_texts_do_not_break_motions(text: str) -> None:
    for offset in range(len(text) + 1):
        assert 0 <= nav.next_word(text, offset) <= len(text)
        assert 0 <= nav.previous_word(text, offset) <= offset
        assert nav.next_sentence(text, offset) == len(text)
        assert nav.previous_sentence(text, offset) == 0
        assert nav.next_paragraph(text, offset) == len(text)
        assert nav.previous_paragraph(text, offset) == 0


@settings(max_examples=examples(80), deadline=None)
@given(st.text(alphabet='ab .!?\n"()', max_size=80), st.data())
def test_motions_always_move_the_right_way(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    for forward in (nav.next_word, nav.next_sentence, nav.next_paragraph):
        moved = forward(text, offset)
        assert offset < moved <= len(text) or moved == offset == len(text)
    for backward in (nav.previous_word, nav.previous_sentence, nav.previous_paragraph):
        moved = backward(text, offset)
        assert 0 <= moved < offset or moved == offset == 0
    start, end = nav.sentence_range(text, offset)
    assert 0 <= start <= end <= len(text)


def test_a_huge_block_without_blank_lines_is_taken_in_pieces() -> None:
    text = "\n".join(f"log line {i}" for i in range(60_000))  # ~700,000 code points
    middle = len(text) // 2
    start, end = nav.paragraph_range(text, middle)
    assert start <= middle <= end
    assert end - start <= 2 * nav.PARAGRAPH_LIMIT
    assert text[start - 1] == "\n" and text[end] == "\n"  # pieces are cut at line ends
    offset, seen = 0, 0
    while offset < len(text):
        offset = nav.next_paragraph(text, offset)
        seen += 1
    assert 5 <= seen <= 20  # every piece is visited, in order
    assert nav.previous_word(text, middle) < middle < nav.next_word(text, middle)


def test_a_two_megabyte_word() -> None:
    text = "a " + "x" * 2_000_000 + " b"
    assert nav.next_word(text, 2) == len(text) - 1
    assert nav.previous_word(text, len(text) - 2) == 2


# A Mac's or a PDF's decomposed accents: "café" as c a f e + U+0301.
DECOMPOSED = "Combining: cafe\u0301 nai\u0308ve re\u0301sume\u0301 and plain."


def test_w_and_b_take_a_decomposed_accent_as_part_of_its_word() -> None:
    starts = [0]
    while (nxt := nav.next_word(DECOMPOSED, starts[-1])) < len(DECOMPOSED):
        starts.append(nxt)
    words = [DECOMPOSED[s:].split(" ")[0] for s in starts]
    assert words == ["Combining:", ":", "cafe\u0301", "nai\u0308ve", "re\u0301sume\u0301",
                     "and", "plain.", "."]  # fmt: skip
    backwards = [len(DECOMPOSED)]
    while backwards[-1] > 0:
        backwards.append(nav.previous_word(DECOMPOSED, backwards[-1]))
    assert backwards[1:][::-1] == starts


def test_an_accent_on_a_space_is_part_of_the_space_not_a_word_of_its_own() -> None:
    # A PDF may extract an accent apart from its letter, on the space after it ("cafe \u0301
    # au lait"), and a joiner or an emoji selector may follow a space: w stopped on the
    # accent, b and e too, and a double click on it took it as a word.  The eye sees one
    # space (an accent drawn on it): the keys step over it as over any space.
    text = "cafe \u0301 au\u00a0\u0301\u0308 lait \u200d\ufe0f end \u0301"
    starts = [0]
    while (nxt := nav.next_word(text, starts[-1])) < len(text):
        starts.append(nxt)
    assert [text[s:].split(" ")[0].split("\u00a0")[0] for s in starts] == [
        "cafe", "au", "lait", "end"
    ]  # fmt: skip
    backwards = [len(text)]
    while backwards[-1] > 0:
        backwards.append(nav.previous_word(text, backwards[-1]))
    assert backwards[1:][::-1] == starts
    ends, offset = [], 0
    while (nxt := nav.word_end(text, offset)) != offset:
        ends.append(text[nxt])
        offset = nxt
    assert ends == ["e", "u", "t", "d"]
    accent = text.index("\u0301")
    assert nav.word_range(text, accent) is None
    assert nav.word_range(text, 0) == (0, 4)
    # an accent on its own letter, and one after a line break, are as they were
    assert nav.next_word("e\u0301 x", 0) == 3
    assert nav.next_word("a\n\u0301b", 0) == 2


def test_an_accent_on_a_space_neither_starts_nor_ends_a_sentence_or_a_paragraph() -> None:
    # A PDF may set an accent apart from its letter, on the space before it (" \u0301Etait"):
    # ) and ( stopped on the accent, between the space and the mark drawn on it, and a
    # sentence or a paragraph (s, p, the agreement's units) began with it.
    text = "Il a dit oui. \u0301Etait-ce vrai? Oui.\n\n \u0301Ecole normale. Fin. \u0301"
    starts = [text.index(word) for word in ("Etait", "Oui", "Ecole", "Fin")]
    assert [text[a:b] for a, b in nav.sentence_spans(text)] == [
        "Il a dit oui.", "Etait-ce vrai?", "Oui.", "Ecole normale.", "Fin."
    ]  # fmt: skip
    assert [text[a:b] for a, b in nav.paragraph_spans(text)] == [
        "Il a dit oui. \u0301Etait-ce vrai? Oui.", "Ecole normale. Fin."
    ]  # fmt: skip
    forward, offset = [], 0
    while (offset := nav.next_sentence(text, offset)) < len(text):
        forward.append(offset)
    assert forward == starts
    backward, offset = [], len(text)
    while (offset := nav.previous_sentence(text, offset)) > 0:
        backward.append(offset)
    assert backward == starts[::-1]
    assert nav.next_paragraph(text, 0) == starts[2]
    assert nav.paragraph_range(text, len(text) - 1) == nav.paragraph_spans(text)[1]
    assert nav.previous_paragraph(text, starts[2]) == 0


def test_a_paragraph_of_nothing_but_an_accent_on_a_space_is_no_paragraph() -> None:
    # " \u0301" alone between blank lines was a paragraph of the accent: p and } stopped on
    # it, and the agreement by paragraph counted it as a unit of its own.
    text = "a\n\n \u0301\n\nb"
    b = text.index("b")
    assert nav.paragraph_spans(text) == [(0, 1), (b, b + 1)]
    assert {nav.paragraph_range(text, i) for i in range(2, b)} == {(b, b + 1)}
    assert [nav.next_paragraph(text, i) for i in range(b)] == [b] * b
    assert nav.previous_paragraph(text, b) == 0
    assert nav.paragraph_range(" \u0301", 1) == (1, 1)


_SPACE_PIECES = [" ", "\t", "\n", "\xa0", "\u3000", "\x1c", "\u0301", "\u0308", "\u200d"]
_SPACE_PIECES += ["\ufe0f", "🏽", "\u093e", "a", "x", "!", "\r\n"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(_SPACE_PIECES), max_size=30))
def test_the_word_keys_skip_the_spaces_the_eye_sees(parts: list[str]) -> None:
    # A space is a character as the eye sees one (\X) that starts with a space: a space with
    # marks after it; a mark after a tab or a line break stands alone, as after a letter.
    import regex

    text = "".join(parts)
    clusters = [m.span() for m in regex.finditer(r"\X", text)]
    spaces = [text[a].isspace() for a, _ in clusters]
    for k, (start, _) in enumerate(clusters):
        later = zip(clusters[k:], spaces[k:], strict=True)
        after = next((a for (a, _), sp in later if not sp), len(text))
        assert nav._next_non_space(text, start) == after
        before = start
        for (a, _), sp in zip(clusters[:k][::-1], spaces[:k][::-1], strict=True):
            if not sp:
                break
            before = a
        assert nav._previous_non_space(text, start) == before


class _SearchesCounted:
    """A pattern, counting its searches."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, text: str, *bounds: int) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern.search(text, *bounds)


def test_w_and_b_cross_a_long_line_of_accents_on_spaces_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stepping over each space and its accent in turn took a second a key on a line of them.
    text = " \u0301" * 100_000 + "x"
    counted = _SearchesCounted(nav._NON_SPACE)
    monkeypatch.setattr(nav, "_NON_SPACE", counted)
    rstrips = count_calls(monkeypatch, nav, "_skip_space_back")
    assert nav.next_word(text, 0) == len(text) - 1
    assert nav.previous_word(text, len(text) - 1) == 0
    assert counted.searches <= 2 and rstrips.calls <= 2


def test_a_character_step_never_splits_what_the_eye_sees_as_one() -> None:
    text = "ae\u0301👍🏽👨\u200d👩\u200d👧🇲🇽🇫🇷\r\nx"
    seen = ["a", "e\u0301", "👍🏽", "👨\u200d👩\u200d👧", "🇲🇽", "🇫🇷", "\r\n", "x"]
    forward, offset = [], 0
    while offset < len(text):
        after = nav.next_character(text, offset)
        forward.append(text[offset:after])
        offset = after
    assert forward == seen
    backward, offset = [], len(text)
    while offset > 0:
        before = nav.previous_character(text, offset)
        backward.append(text[before:offset])
        offset = before
    assert backward == seen[::-1]
    assert nav.next_character(text, len(text)) == len(text)
    assert nav.previous_character(text, 0) == 0


def test_chinese_and_japanese_sentences_end_at_their_full_stops_without_a_space() -> None:
    """``。``, ``！`` and ``？`` have no space after them: ``s`` took the whole paragraph."""
    text = "这是第一句。这是第二句！「好吗？」他问。日本語の文です。"
    assert sentences(text) == [
        "这是第一句。",
        "这是第二句！",
        "「好吗？」他问。",
        "日本語の文です。",
    ]
    assert nav.next_sentence(text, 0) == text.index("这是第二句")
    hindi = "यह पहला वाक्य है। यह दूसरा है।"
    assert sentences(hindi) == ["यह पहला वाक्य है।", "यह दूसरा है।"]


def _every_stop_looked_at(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """sentences_between as it was before its quick look at a plain full stop: every stop
    asked of the whole rules (_ends_sentence), the breaks sorted and cut one by one."""
    first = nav._NON_SPACE.search(text, lo, hi)
    if first is None:
        return []
    breaks: list[tuple[int, int]] = []
    for stop in nav._stops(text, first.start(), hi):
        if nav._ends_sentence(text, *stop.span(), hi):
            breaks.append((stop.end(), stop.end()))
    for item in nav._ITEM_START.finditer(text, first.start(), hi):
        breaks.append((nav._skip_space_back(text, item.start()), item.end()))
    breaks.sort()
    out: list[tuple[int, int]] = []
    start = first.start()
    for end, resume in breaks:
        if end <= start:
            continue
        nxt = nav._NON_SPACE.search(text, resume, hi)
        if nxt is None:
            break
        out.append((start, end))
        start = nxt.start()
    out.append((start, nav._skip_space_back(text, hi)))
    return [(s, e) for s, e in out if e > s]


_WORDS = st.sampled_from(
    [
        "word", "Word", "The", "Dr", "dr", "e.g", "eg", "ie", "viz", "U.S", "J", "a", "no",
        "x-ray", "it's", "café", "Émile", "über", "42", "A", "Mr", "mr", "sept", "(word",
        "“Quote", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm",
        "co", "Co", "Inc", "et al", "al", "hon", "Hon", "the hon", "Then", "St", "Jan", "3.5",
        "Ph.D", "p", "5", "jr",
        "sec", "Sec", "est", "Est", "etc",
    ]
)  # fmt: skip
_AFTER = st.sampled_from(
    [" ", " ", ". ", ". ", ".  ", ".\n", "! ", "? ", '." ', "… ", "\n\n", ".\t", ".", "-\n",
     "... ", "\n- ", ".\n2) "]
)  # fmt: skip
_PROSE_PIECES = st.tuples(_WORDS, _AFTER).map("".join)


def _cut_into(text: str, expected: list[str]) -> None:
    """``text``, a paragraph, is cut into the sentences ``expected``, and cut as it was
    before the quick look at a plain full stop."""
    assert sentences(text) == expected
    assert nav.sentences_between(text, 0, len(text)) == _every_stop_looked_at(text, 0, len(text))


def test_co_al_and_hon_end_a_sentence_where_a_reader_ends_one() -> None:
    # "co", "al" and "hon" never ended a sentence: "He joined the co. Then he left." and
    # "Smith et al. The results hold." were each one sentence, selected and coded as one.
    text = (
        "He joined the co. Then he left. Acme Co. The firm said so. Acme Co. Ltd and Apple "
        "Inc. Chief Executive Tim Cook met in Co. Kerry. Smith et al. The results hold. Smith "
        "et al. (2019) found it, as did Jones et al. [4] and Lee et al. in 2020. I met Al. He "
        "waved. Thanks, hon. I missed you. The Hon. Jane Doe spoke. My right hon. Friend and "
        "the hon. Member for Bath agreed with the hon. Lady. The end."
    )
    _cut_into(
        text,
        [
            "He joined the co.",
            "Then he left.",
            "Acme Co.",
            "The firm said so.",
            "Acme Co. Ltd and Apple Inc. Chief Executive Tim Cook met in Co. Kerry.",
            "Smith et al.",
            "The results hold.",
            "Smith et al. (2019) found it, as did Jones et al. [4] and Lee et al. in 2020.",
            "I met Al.",
            "He waved.",
            "Thanks, hon.",
            "I missed you.",
            "The Hon. Jane Doe spoke.",
            "My right hon. Friend and the hon. Member for Bath agreed with the hon. Lady.",
            "The end.",
        ],
    )


def test_numbers_streets_months_and_degrees_end_a_sentence_where_a_reader_ends_one() -> None:
    # "Prices rose 2.5. Then they fell." was one sentence (a number with a dot was taken for
    # an abbreviation), as were "on Main St. The house", "in Jan. The month", "King Jr. He"
    # and "a Ph.D. He"; and "See p. 5." was cut after "p.".
    text = (
        "Prices rose 2.5. Then they fell. We use Python 3.11. It works. I live on Main St. The "
        "house is red. It was Jan. The month was cold. On Jan. 5 we met St. Louis people. "
        "Martin Luther King Jr. He spoke. She has a Ph.D. She teaches. See p. 5 and para. 12 "
        "of Art. 3. The end."
    )
    _cut_into(
        text,
        [
            "Prices rose 2.5.",
            "Then they fell.",
            "We use Python 3.11.",
            "It works.",
            "I live on Main St.",
            "The house is red.",
            "It was Jan.",
            "The month was cold.",
            "On Jan. 5 we met St. Louis people.",
            "Martin Luther King Jr.",
            "He spoke.",
            "She has a Ph.D.",
            "She teaches.",
            "See p. 5 and para. 12 of Art. 3.",
            "The end.",
        ],
    )


def test_a_german_ordinal_before_a_month_or_a_counted_noun_ends_no_sentence() -> None:
    # "Am 3. Oktober 1990 kam die Einheit." was cut after "3.": a German date, century or
    # "zum 1. Mal" made two sentences of one, selected and coded apart.
    text = (
        "Am 3. Oktober 1990 kam die Einheit. Im 19. Jahrhundert war es anders. Zum 1. Mal "
        "sah er es. Er war 31. Dann ging er. It was in 1990. August came."
    )
    assert sentences(text) == [
        "Am 3. Oktober 1990 kam die Einheit.",
        "Im 19. Jahrhundert war es anders.",
        "Zum 1. Mal sah er es.",
        "Er war 31.",
        "Dann ging er.",
        "It was in 1990.",
        "August came.",
    ]


def test_circa_before_a_number_and_a_doctor_s_field_end_no_sentence() -> None:
    # "Built ca. 1900." and "Er kam ca. 5 Minuten später." were cut after "ca.", and
    # "Dr. med. Müller kam." after "med.".
    text = (
        "Built ca. 1900 and rebuilt c. 1950. The house stands. Er kam ca. 5 Minuten später. "
        "Dr. med. Müller kam. Dr. rer. nat. Schmidt auch. I met Phil. He waved."
    )
    _cut_into(
        text,
        [
            "Built ca. 1900 and rebuilt c. 1950.",
            "The house stands.",
            "Er kam ca. 5 Minuten später.",
            "Dr. med. Müller kam.",
            "Dr. rer. nat. Schmidt auch.",
            "I met Phil.",
            "He waved.",
        ],
    )


def test_a_german_two_letter_abbreviation_and_a_quote_closed_german_style() -> None:
    # "Das ist z. B. gut." was cut after "z." ("B. gut." a sentence of its own), as were
    # "u. U." and "v. Chr.", and a quotation closed as German and Swiss texts close it,
    # „Ja.“ or »Ja.«, ended no sentence: "Er sagte: „Ja.“ Dann ging er." was one, so a
    # German interview's sentences were selected, autocoded and compared two at a time.
    text = (
        "Das ist z. B. gut. Er kam u. U. später, i. A. des Chefs. Rom wurde 753 v. Chr. "
        "gegründet. Er sagte: „Ja.“ Dann ging er. Sie rief: »Nein!« Danach war es still. "
        "Sie fragte: ‚Wer?‘ Niemand. It was “fine.” Then we left. Plan b. It worked."
    )
    _cut_into(
        text,
        [
            "Das ist z. B. gut.",
            "Er kam u. U. später, i. A. des Chefs.",
            "Rom wurde 753 v. Chr. gegründet.",
            "Er sagte: „Ja.“",
            "Dann ging er.",
            "Sie rief: »Nein!«",
            "Danach war es still.",
            "Sie fragte: ‚Wer?‘",
            "Niemand.",
            "It was “fine.”",
            "Then we left.",
            "Plan b.",
            "It worked.",
        ],
    )


def test_a_french_closing_guillemet_set_apart_by_a_space_ends_its_sentence() -> None:
    # French sets its guillemets apart, « non. » with a space (or a no-break or thin one)
    # inside: the stop ended the sentence before the space, so "»" began the next sentence
    # ("» Puis il est parti."), as sentence selection (s), autocoding by sentence and
    # agreement by sentence all took it.  Spanish, German and English quoting are unchanged,
    # a German » that opens a quotation after a stop still starts the next sentence, and a
    # comma after the guillemet ends none.
    text = (
        "Il a dit « non. » Puis il est parti. Elle a crié «\u00a0Jamais\u202f!\u00a0» Tout "
        "s'est arrêté. « Non. », dit-il. Puis « Oui… » Fin. Dijo «no.» Luego se fue. "
        "¿Por qué? No sé. Er sagte „Nein.“ Dann ging er. Er ging. »Komm!« Sie kam. "
        'He said "no." Then he left. On a fini « là. »'
    )
    _cut_into(
        text,
        [
            "Il a dit « non. »",
            "Puis il est parti.",
            "Elle a crié «\u00a0Jamais\u202f!\u00a0»",
            "Tout s'est arrêté.",
            "« Non. », dit-il.",
            "Puis « Oui… »",
            "Fin.",
            "Dijo «no.»",
            "Luego se fue.",
            "¿Por qué?",
            "No sé.",
            "Er sagte „Nein.“",
            "Dann ging er.",
            "Er ging.",
            "»Komm!«",
            "Sie kam.",
            'He said "no."',
            "Then he left.",
            "On a fini « là. »",
        ],
    )
    puis = text.index("Puis")
    assert nav.sentence_range(text, puis) == (puis, text.index(" Elle"))
    assert nav.sentence_range(text, text.index("non.")) == (0, text.index(" Puis"))


def test_german_spanish_and_portuguese_abbreviations_before_a_name_or_a_number() -> None:
    # "Haus Nr. 7 ist rot." was cut after "Nr.", "Er wohnt in der Hauptstr. 5." after
    # "Hauptstr.", "Veja o cap. 3." after "cap.", "Vive en la Av. Reforma." after "Av.", and
    # "Fa. Müller", "geb. Schmidt", "Hr. Müller" after theirs; an hour's "hr." still ends one.
    text = (
        "Haus Nr. 7 ist rot. Er wohnt in der Hauptstr. 5 in Berlin. Veja o cap. 3 agora. "
        "Vive en la Av. Reforma y la Avda. Juárez. Er arbeitet bei der Fa. Müller. Sie ist "
        "geb. Schmidt. Hr. Müller kam. I waited 1 hr. Then we left. Say no. Then go."
    )
    _cut_into(
        text,
        [
            "Haus Nr. 7 ist rot.",
            "Er wohnt in der Hauptstr. 5 in Berlin.",
            "Veja o cap. 3 agora.",
            "Vive en la Av. Reforma y la Avda. Juárez.",
            "Er arbeitet bei der Fa. Müller.",
            "Sie ist geb. Schmidt.",
            "Hr. Müller kam.",
            "I waited 1 hr.",
            "Then we left.",
            "Say no.",
            "Then go.",
        ],
    )


@settings(max_examples=examples(400), deadline=None)
@example("He met Dr. Smith. Then J. Smith came, eg. The man, ie. The, viz. The. Mr. Abc.", None)
@example("a sept. The (word. The “Quote. The x-ray. The it's. The 42. The café. The", None)
@given(st.lists(_PROSE_PIECES, max_size=40).map("".join), st.data())
def test_the_quick_look_at_a_full_stop_cuts_as_the_whole_rules_do(
    text: str, data: st.DataObject | None
) -> None:
    if data is not None:
        hi = data.draw(st.integers(0, len(text)))
        lo = data.draw(st.integers(0, hi))
        assert nav.sentences_between(text, lo, hi) == _every_stop_looked_at(text, lo, hi)
    assert nav.sentences_between(text, 0, len(text)) == _every_stop_looked_at(text, 0, len(text))


# Prose with its full stops only, or with other stops too: abbreviations, quotes, footnote
# marks, decimals, ellipses and runs of stops, French guillemets, Chinese full stops.
_STOPPED_WORDS = st.sampled_from(
    [
        "word", "Word", "The", "Dr", "dr", "Mr", "mrs", "e.g", "i.e", "eg", "viz", "U.S", "J",
        "z", "B", "no", "No", "p", "3.5", "2", "19", "Ph.D", "St", "co", "al", "et al", "hon",
        "sec", "Okt", "Oktober", "med", "“Quote", "(word", "x-ray", "café", "über", "Jan", "Chr",
        "好吗", "他问",
    ]
)  # fmt: skip
_STOPPED_AFTER = st.sampled_from(
    [" ", " ", ". ", ". ", ".. ", "... ", "…", "… ", '." ', ".” ", ".’ ", ".) ", ".¹ ", ".²³ ",
     ".[3] ", ".[12]. ", ". « ", ". » ", " » ", "! ", "!! ", "?! ", "?” ", "!\ufe0f ", ".\u200d ",
     "。", "。」", "？", "।", "؟ ", "\n", "\n\n", "\n- ", ".\n2) ", ".\u00a0", ". \u0301", ".", ","]
)  # fmt: skip


@settings(max_examples=examples(400), deadline=None)
@example("Wait.. The end... Then Dr. No. 5 came. He said “no.” Then 2.5. Yes.¹ So. [3] He", None)
@example("Er ging! Dann kam Mr. Jones. The end.", None)
@given(st.lists(st.tuples(_STOPPED_WORDS, _STOPPED_AFTER).map("".join), max_size=40).map("".join),
       st.data())  # fmt: skip
def test_a_text_of_full_stops_only_is_cut_as_one_of_every_stop(
    text: str, data: st.DataObject | None
) -> None:
    # A window holding no stop but full stops is searched for them alone (a pattern opening
    # on "." is searched for as a string is): the same sentences as with every stop's pattern.
    lo, hi = 0, len(text)
    if data is not None:
        hi = data.draw(st.integers(0, len(text)))
        lo = data.draw(st.integers(0, hi))
        assert [m.span() for m in nav._FULL_STOP.finditer(text, lo, hi)] == [
            m.span() for m in nav._STOP.finditer(text, lo, hi) if text[m.start()] == "."
        ]
    plain = "".join(c for c in text if c not in nav._OTHER_STOPS)
    assert nav._stop_pattern(plain, 0, len(plain)) is nav._FULL_STOP
    cut = [
        nav.sentences_between(text, lo, hi),
        nav.sentences_between(text, 0, len(text)),
        nav.sentence_spans(text),
        nav.sentence_spans(plain),
    ]
    with mock.patch.object(nav, "_stop_pattern", lambda _text, _lo, _hi: nav._STOP):
        assert cut == [
            nav.sentences_between(text, lo, hi),
            nav.sentences_between(text, 0, len(text)),
            nav.sentence_spans(text),
            nav.sentence_spans(plain),
        ]


def test_titles_and_initials_are_told_once_a_word_not_once_a_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A paragraph of "Mr. A. " asked the whole rules of each of its stops (agreement cut a
    # legal text's 200,000 of them in seconds): a word whose stop the word alone tells is
    # asked once, as a plain word is.
    monkeypatch.setattr(nav, "_PLAIN_WORD_ENDS", {})
    asked = count_calls(monkeypatch, nav, "_ends_sentence")
    text = "Dr. J. R. Smith met Mr. B. Jones. " * 200
    spans = nav.sentences_between(text, 0, len(text))
    assert [text[a:b] for a, b in spans[:2]] == ["Dr. J. R. Smith met Mr. B. Jones."] * 2
    assert len(spans) == 200
    assert asked.calls <= 10  # Dr, J, R, Mr, B: once each


@settings(max_examples=examples(100), deadline=None)
@given(st.text(alphabet="a. \n\t\u00a0\u3000\u2028", max_size=40))
def test_the_space_before_an_offset_is_found_as_its_text_stripped_finds_it(text: str) -> None:
    # (an offset after a character that is no space is told without slicing the text)
    for offset in range(len(text) + 3):
        assert nav._skip_space_back(text, offset) == len(text[:offset].rstrip())


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(["Word", "word", "Mr", "I", ". ", ".  ", ". \u00a0", "\n",
                                 "\n- ", "\n2) ", " ", "\u3000", "! ", "?"]),
                max_size=20).map("".join), st.data())  # fmt: skip
def test_the_next_sentence_starts_where_the_whole_rules_start_it(
    text: str, data: st.DataObject
) -> None:
    # (one space then a letter after a stop is told without a search; a paragraph of one
    # line is not searched for list items)
    hi = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, hi))
    assert nav.sentences_between(text, lo, hi) == _every_stop_looked_at(text, lo, hi)
    assert nav.sentences_between(text, 0, len(text)) == _every_stop_looked_at(text, 0, len(text))


def test_characters_are_counted_as_the_eye_sees_them() -> None:
    text = "ae\u0301 \U0001f44d\U0001f3fd\U0001f1f2\U0001f1fd \U0001f468\u200d\U0001f469\u200d\U0001f467 z"
    assert nav.character_count(text, 0, len(text)) == 9  # a é ␠ 👍🏽 🇲🇽 ␠ 👨‍👩‍👧 ␠ z
    assert nav.character_count(text, 1, 3) == 1  # é
    assert nav.character_count("plain ascii", 2, 7) == 5
    assert nav.character_count(text, 5, 5) == 0


def test_the_word_at_an_offset_is_a_run_of_letters_or_of_marks() -> None:
    text = "Hello, wor\u0301ld... ok"
    assert nav.word_range(text, 3) == (0, 5)
    assert nav.word_range(text, 10) == (7, 13)  # on the accent written apart: the word
    assert nav.word_range(text, 14) == (13, 16)
    assert nav.word_range(text, 6) is None and nav.word_range(text, len(text)) is None
    long = "x" * 5000 + " y"
    assert nav.word_range(long, 4000) == (0, 5000)


def test_a_word_after_a_long_word_parted_by_a_dot_is_found_at_once() -> None:
    # b (or a double click) at the end of a long word that a dot parted from another long
    # word (a hash, a base64 blob, a run of Chinese) searched from every offset before it:
    # 4.6 s for 30,000 characters and 300,000, hours for ten times that.  The app hung.
    script = (
        "from tui_reader.core.documents import units\n"
        "for text in ('a' * 100_000 + '.' + 'b' * 1_000_000, '字' * 100_000 + '.' + '字' * 1_000_000):\n"
        "    assert units.previous_word(text, len(text)) == 100_001\n"
        "    assert units.word_range(text, len(text) - 1)[0] in (100_001, len(text) - 1)\n"
        "    assert units.word_range('a' * 100_000 + '.' + 'b' * 1_000_000, 500_000) == "
        "(100_001, 1_100_001)\n"
    )
    # in a process of its own: a hang fails the test instead of holding the run (the regex
    # module keeps the interpreter's lock while it matches)
    done = subprocess.run([sys.executable, "-c", script], timeout=30, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_a_double_click_in_chinese_or_japanese_takes_a_word_not_the_clause() -> None:
    # Chinese and Japanese have no spaces: a double click took every character up to the
    # next comma (我们在2024年召开了会议), a clause.  It takes a run of one script, short
    # (a kanji compound, a katakana word), or the clicked Chinese character alone.
    def word(text: str, at: str, nth: int = 0) -> str:
        offset = text.index(at)
        for _ in range(nth):
            offset = text.index(at, offset + 1)
        found = nav.word_range(text, offset)
        assert found is not None
        return text[found[0] : found[1]]

    chinese = "我们在2024年召开了会议，但是，讨论了很多问题。"
    assert word(chinese, "开") == "开"
    assert word(chinese, "2") == "2024"
    assert word(chinese, "但") == word(chinese, "是") == "但是"
    japanese = "研究者はインタビューを行った。"
    assert word(japanese, "究") == "研究者"
    assert word(japanese, "ビ") == "インタビュー"
    assert word(japanese, "っ") == "った"
    assert word("Hello, wor\u0301ld", "l", 2) == "wor\u0301ld"


def test_w_and_b_step_through_japanese_by_script_as_vim_does() -> None:
    # Japanese has no spaces: w ran over the whole sentence to its full stop (研究者は
    # インタビューを行った was one word), and in Chinese 在2024年 was one.  Words are runs of
    # one script, as vim's are: kanji, katakana, hiragana, and letters and digits.
    text = "研究者はインタビューを行った。我们在2024年召开"
    starts, at = [], 0
    while at < len(text):
        at = nav.next_word(text, at)
        starts.append(text[at : at + 2])
    assert starts == ["はイ", "イン", "を行", "行っ", "った", "。我", "我们", "20", "年召", ""]
    back, at = [], len(text)
    while at > 0:
        at = nav.previous_word(text, at)
        back.append(text[at : at + 2])
    assert back == list(reversed(["研究", *starts[:-1]]))
    assert text[nav.word_end(text, 0)] == "者"
    assert text[nav.word_end(text, text.index("イ"))] == "ー"


def test_a_word_s_end_is_its_last_character_as_vim_s_e() -> None:
    text = "utter subservience, then\u0301"
    assert nav.word_end(text, 0) == 4  # on the r of utter
    assert nav.word_end(text, 4) == text.index("subservience") + len("subservience") - 1
    assert nav.word_end(text, 17) == text.index(",")  # a mark is a word of its own
    assert nav.word_end(text, text.index("then")) == len(text) - 2  # its accent's letter
    assert nav.word_end(text, len(text) - 2) == len(text) - 2  # no word after it


def test_the_long_vowel_mark_lengthens_the_kana_before_it_hiragana_or_half_width() -> None:
    # ー belonged to katakana only: すごーい was three words (すご, ー, い), ちょっと待ってー
    # ended in a word ー, half-width ﾗｰﾒﾝ was three; the mark lengthens the kana before it.
    def words(text: str) -> list[str]:
        out, at = [], 0
        while at < len(text):
            after = nav.next_word(text, at)
            out.append(text[at:after].strip())
            at = after
        return out

    assert words("すごーい、ね") == ["すごーい", "、", "ね"]
    assert words("ちょっと待ってー！") == ["ちょっと", "待", "ってー", "！"]
    assert words("ﾗｰﾒﾝ です") == ["ﾗｰﾒﾝ", "です"]
    assert words("か\u3099きabcー") == ["か\u3099き", "abc", "ー"]
    text = "ちょっと待ってー！すごーい"
    for offset, char in enumerate(text):
        found = nav.word_range(text, offset)
        assert found is not None and found[0] <= offset < found[1], char
    assert nav.word_range(text, text.index("ー")) == (5, 8)
    assert nav.word_range(text, text.rindex("ー")) == (9, 13)
    assert nav.previous_word(text, 8) == 5
    assert nav.previous_word(text, len(text)) == 9
    assert nav.word_end(text, 5) == 7
    assert nav.next_word(text, text.index("ー")) == 8  # from the mark, past its word


# How stops were found before their first character led the pattern (kept to check the
# pattern against: the same stops, at the same places).
_STOP_AS_WRITTEN = re.compile(
    r"(?=[.!?…।؟。！？｡])(?:[.!?…।؟]+[\"'”’»)\]]*(?=\s)|[。！？｡]+[」』”’）)\]]*)"
)


@given(st.text(".!?…।؟。！？｡」』”’）)]\"'»aA \n\t", max_size=16), st.data())
def test_stops_are_found_where_the_pattern_as_written_finds_them(
    text: str, data: st.DataObject
) -> None:
    # A window may start inside a run of stops ("??? " from its second "?", seen in CI).
    from tui_reader.core.documents.units import _stops

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert [m.span() for m in _stops(text, lo, hi)] == [
        m.span() for m in _STOP_AS_WRITTEN.finditer(text, lo, hi)
    ]


def test_a_window_starting_inside_a_run_of_stops_finds_the_run() -> None:
    from tui_reader.core.documents.units import _stops

    assert [m.span() for m in _stops("??? ", 1, 4)] == [(1, 3)]
    assert [m.span() for m in _stops("Wait... more", 5, 12)] == [(5, 7)]
    assert [m.span() for m in _stops("Wait...more. x", 5, 14)] == [(11, 12)]
    assert nav.sentences_between("Stop!!! Then", 5, 12) == [(5, 7), (8, 12)]


def test_a_run_of_stops_is_tried_from_its_first_stop_alone() -> None:
    # A sentence key on a 2 MB line of dots took over a second: the stop pattern was tried
    # from each dot of the run, each try running to the run's end.  It is tried from the
    # run's first stop only, so a run costs its length once.
    text = "Wait" + "." * 5000 + " Then"
    assert [m.span() for m in nav._STOP.finditer(text)] == [(4, 5004)]
    assert all(nav._STOP.match(text, at) is None for at in (5, 2500, 5003))
    assert nav.sentence_range("Stop" + "!" * 500 + " Then", 0) == (0, 504)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="ab .!?…。」\"') \n", max_size=40))
def test_the_stops_are_those_of_the_pattern_as_it_was_written(text: str) -> None:
    assert [m.span() for m in nav._STOP.finditer(text)] == [
        m.span() for m in _STOP_AS_WRITTEN.finditer(text)
    ]


class _CutsCounted:
    """The ``\\X`` pattern, counting the code points given to it to cut."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.given = 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        self.given += (len(text) if endpos is None else endpos) - pos
        return self.pattern.finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.pattern.match(text, pos, endpos)


def test_a_big_selection_s_characters_are_counted_without_cutting_every_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The status line counts a selection's characters at every key that changes it: a 50 MB
    # selection of text with an accent in it was cut into characters whole (17 s a key).
    # Only the code points around those that may join a neighbour are cut.
    text = ("plain words, and an e\u0301cole " + "x" * 2000 + "\n") * 500
    counted = _CutsCounted(nav._patterns().character)
    monkeypatch.setattr(nav._patterns(), "character", counted)
    assert nav.character_count(text, 0, len(text)) == len(text) - 500
    assert counted.given < len(text) // 100


def test_the_first_count_of_a_long_selection_finds_the_classes_of_its_own_characters_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first count of a selection over 64K code points found the break class of every
    # code point there is (a quarter of a second, on the app's thread, the status line
    # frozen): only the pages of code points the text holds are looked up, each once.
    import numpy  # noqa: F401 - loaded already in the app
    import regex

    monkeypatch.setattr(nav, "_break_classes", functools.cache(nav._break_classes.__wrapped__))
    text = "plain words, an e\u0301cole, a 👍🏽 " * 2500
    whole = sum(1 for _ in regex.finditer(r"\X", text))
    nav._patterns()  # compiled at the first key that needs them
    assert nav.character_count(text, 0, len(text)) == whole
    table = nav._break_classes()
    # (what took 0.25 s to 0.6 s was finding every class: only the pages the text holds are)
    assert table.known.sum() == 2  # the Latin page and the emoji's
    assert nav.character_count(text, 5, len(text) - 3) == whole - 7  # "plain", "👍🏽 "
    assert table.known.sum() == 2


_PIECES = [
    *("a", " ", "\n", "\r", "\t", "e\u0301", "\u0301", "👍", "🏽", "\u200d", "❤", "\ufe0f"),
    *("🇲", "🇽", "\u1100", "\u1161", "\u11a8", "가", "\u0600", "क", "\u094d", "ष", "日"),
    *("\u093c", "\r\n", "\ud800"),
]


def test_a_big_selection_of_accents_written_apart_is_counted_without_cutting_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A text written with its accents apart (as a Mac writes it) is one run of code points
    # that may join from end to end: selecting all of 50 MB of it froze the app for seconds
    # (a minute on a busy machine) while the status line cut it all into characters.
    text = ("café été " * 20_000 + "\n") * 5
    counted = _CutsCounted(nav._patterns().character)
    monkeypatch.setattr(nav._patterns(), "character", counted)
    assert nav.character_count(text, 0, len(text)) == len(text) - 3 * 20_000 * 5
    assert counted.given < len(text) // 100


@settings(deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.integers(0, 60), st.integers(0, 60))
@example(["🇲", "🇽", "🇲", "🇽", "🇲"], 0, 5)
@example(["क", "\u094d", "\u093c", "ष", "a", "\u0301", "\u0301", "\u0301", "\r\n"], 0, 10)
@example(["👍", "\u200d", "❤", "\ufe0f", "\u200d", "a", "\u1100", "\u1161", "\u11a8"], 1, 9)
def test_a_long_range_counted_by_classes_a_block_at_a_time_counts_as_cut_whole(
    parts: list[str], a: int, b: int
) -> None:
    # Blocks of a few code points: every way a block may end (inside a flag, a family, a
    # letter and its marks, a virama's conjunct, CR LF) is met.
    import regex

    text = "".join(parts)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    whole = sum(1 for _ in regex.finditer(r"\X", text[start:end]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nav, "_CLASS_BLOCK", 3)
        counted = nav._count_by_classes(text, start, end) if start < end else 0
    assert counted == whole


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40), st.integers(0, 40))
def test_a_count_of_characters_is_that_of_the_text_cut_whole(
    parts: list[str], a: int, b: int
) -> None:
    import regex

    text = "".join(parts)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    whole = sum(1 for _ in regex.finditer(r"\X", text[start:end]))
    assert nav.character_count(text, start, end) == whole


def test_a_selection_moved_by_a_key_counts_only_what_the_caret_went_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each key that moved the caret of a big selection counted it whole again (0.7 s at every
    # key for 50 MB): the count before the key and the part between give the new one.
    text = ("an e\u0301cole, a cafe\u0301 " + "y" * 100 + "\n") * 10_000
    known = (0, len(text) - 7, nav.character_count(text, 0, len(text) - 7))
    scanned: list[tuple[int, int]] = []
    counted = nav.character_count

    def counting(text: str, start: int, end: int) -> int:
        scanned.append((start, end))
        return counted(text, start, end)

    monkeypatch.setattr(nav, "character_count", counting)
    for start, end in ((0, len(text)), (0, 500), (9, len(text) - 7), (0, len(text) - 7)):
        assert nav.character_count_from(text, known, start, end) == counted(text, start, end)
    assert sum(end - start for start, end in scanned[:1]) == 7
    # a caret inside a character (between e and its accent): counted whole, never wrong
    inside = text.index("\u0301")
    assert nav.character_count_from(text, (0, 500, counted(text, 0, 500)), 0, inside) == (
        counted(text, 0, inside)
    )


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=30),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(0, 40),
    st.booleans(),
)
def test_a_count_from_another_range_is_the_count_of_the_range(
    parts: list[str], a: int, b: int, c: int, keeps_start: bool
) -> None:
    text = "".join(parts)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    known = (start, end, nav.character_count(text, start, end))
    moved = min(c, len(text))
    if keeps_start:
        start, end = start, max(start, moved)
    else:
        start, end = min(moved, end), end
    assert nav.character_count_from(text, known, start, end) == nav.character_count(
        text, start, end
    )


def test_h_steps_over_a_letter_under_hundreds_of_accents_whole() -> None:
    # "Zalgo" text (a letter under hundreds of combining marks, as posts and chats carry):
    # h from the letter after it stopped among the accents, 256 code points back.
    text = "x a" + "\u0301" * 300 + "b c"
    b = text.index("b")
    assert nav.previous_character(text, b) == text.index("a")
    assert nav.next_character(text, text.index("a")) == b
    assert nav.previous_character(text, text.index("a")) == 1


def test_only_a_long_range_not_plain_ascii_waits_for_the_classes_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The app counts a selection at once unless the count would load numpy and the classes'
    # table first: then a worker loads them (a plain ASCII range is its length, no table).
    monkeypatch.setattr(nav, "_break_classes", functools.cache(nav._break_classes.__wrapped__))
    long = "e\u0301cole " * 20_000
    assert nav.long_count_waits(long, 0, len(long))
    assert not nav.long_count_waits(long, 0, 60_000)  # short: counted without the table
    plain = "plain words " * 10_000
    assert not nav.long_count_waits(plain, 0, len(plain))
    assert nav.long_count_waits(plain.replace(" ", "\r\n"), 0, len(plain))
    nav.prepare_long_counts()
    assert not nav.long_count_waits(long, 0, len(long))


def test_word_keys_never_stop_inside_a_picture() -> None:
    # ❤ is a symbol and its emoji selector a mark (a word character), a family's joiners are
    # word characters too: w stopped on the selector (the caret drawn nowhere) and three
    # times inside the family; a double click took ❤ without its selector.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"I \u2764\ufe0f NY {family} x"
    heart, ny = 2, 5
    at, stops = 0, []
    while at < len(text):
        at = nav.next_word(text, at)
        stops.append(at)
    assert stops == [heart, ny, text.index(family), len(text) - 1, len(text)]
    at, stops = len(text), []
    while at > 0:
        at = nav.previous_word(text, at)
        stops.append(at)
    assert stops == [len(text) - 1, text.index(family), ny, heart, 0]
    assert nav.word_range(text, heart) == (heart, heart + 2)
    assert nav.word_range(text, text.index(family)) == (text.index(family), len(text) - 2)
    # a selection growing by words ends on the picture's first code point, the whole picture in
    assert nav.word_end(text, 0) == heart
    assert nav.word_end(text, ny + 2) == text.index(family)


def test_a_word_of_flags_is_passed_without_cutting_it_into_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # w and b find where a picture ends by cutting the line into characters (\X), which
    # reads a run of flag letters back whole at each pair: w over a word of 400,000 flag
    # letters took half a second.  Flags pair from the first of their run, told without it.
    def cut(text: str, offset: int) -> int:
        raise AssertionError("the line was cut into characters")

    monkeypatch.setattr(nav, "previous_character", cut)
    flags = "\U0001f1eb\U0001f1f7" * 50_000
    text = f"ab {flags}\U0001f1eb x"  # an odd letter out at the end of the run
    assert nav.next_word(text, 0) == 3
    assert nav.next_word(text, 3) == len(text) - 1
    assert nav.previous_word(text, len(text) - 1) == 3
    assert nav.word_range(text, 5) == (3, len(text) - 2)


def test_h_in_a_long_run_of_flags_cuts_only_the_characters_near_the_caret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The characters before the caret were cut (\X) in the whole text from the line's start
    # or a few hundred code points back, and \X counts a run's flag letters back to its first
    # at each pair: h took 0.8 s on a line of 400,000 of them.  They are cut in that piece
    # alone, started on a pair's first letter.
    patterns = nav._patterns()
    character = patterns.character
    cut: list[int] = []

    class Recording:
        def finditer(self, string: str, *bounds: int) -> Any:
            cut.append(len(string))
            return character.finditer(string, *bounds)

    monkeypatch.setattr(patterns, "character", Recording())
    flag = "\U0001f1eb\U0001f1f7"
    for text in ("\U0001f1eb" + flag * 100_000, flag * 100_000 + "x"):
        # the letters pair from the first: a pair starts at each even offset
        for offset in (len(text) - 1, 100_001, 100_000):
            assert nav.previous_character(text, offset) == offset - 2 + offset % 2
    assert cut and max(cut) <= 4 * nav._LOOK_BACK


def test_a_footnote_mark_after_the_stop_ends_the_sentence_with_it() -> None:
    # An article's PDF is read with its footnote marks as superscripts ("checkpoints.¹
    # Humanitarian"), and a Word file's notes are numbered where they stand ("so.[3] Then"),
    # as a page copied from Wikipedia has them: the stop with its mark ended no sentence,
    # so s selected two or three sentences at once, ")" stepped over them, and autocoding
    # and agreement by sentence took them as one. The mark is the sentence's, as a closing
    # quote is; a number in brackets after a space is the next sentence's as before.
    text = (
        "Soldiers guard the checkpoints.¹ Humanitarian groups report crowding.²³ "
        "Families wait. “We wait,” she said.⁴ Mayors disagree.[3] Shelters ask for funds."
        "[12][13] Church networks help. It was “fine.”⁵ Then we left. Notes follow. [4] Ana "
        "said so. Version 2.¹ Next."
    )
    _cut_into(
        text,
        [
            "Soldiers guard the checkpoints.¹",
            "Humanitarian groups report crowding.²³",
            "Families wait.",
            "“We wait,” she said.⁴",
            "Mayors disagree.[3]",
            "Shelters ask for funds.[12][13]",
            "Church networks help.",
            "It was “fine.”⁵",
            "Then we left.",
            "Notes follow.",
            "[4] Ana said so.",
            "Version 2.¹",
            "Next.",
        ],
    )
    at = text.index("Humanitarian")
    assert nav.sentence_range(text, at - 3) == (0, text.index(" Humanitarian"))
    assert nav.next_sentence(text, 0) == at
    assert nav.previous_sentence(text, text.index("Families")) == at


@settings(max_examples=examples(200), deadline=None)
@given(
    st.text(alphabet="ab .!?\n\u00e9\u0301", max_size=60),
    st.sampled_from(["sentence", "paragraph"]),
)
def test_a_unit_s_end_is_the_last_character_of_the_unit_after_the_caret_s(
    text: str, kind: str
) -> None:
    """``)`` and ``}`` in a selection growing forward: from each offset, the start of the
    last character (spaces aside) of the unit that holds the next character not a space,
    never past it into the next unit; the offset itself when no such character follows."""
    end_of = nav.sentence_end if kind == "sentence" else nav.paragraph_end
    following = nav.next_sentence if kind == "sentence" else nav.next_paragraph
    for offset in range(len(text) + 1):
        found = end_of(text, offset)
        assert found >= offset
        if found == offset:
            continue
        after = nav.next_character(text, found)
        assert nav.spaces_trimmed(text, found, after) == (found, after), (text, offset)
        # what lies between it and the next unit's start is spaces only (as the eye sees
        # them: an accent set on a space is one)
        end = following(text, found)
        assert nav.spaces_trimmed(text, after, end) == (end, end), (text, offset, found)


def test_a_blank_line_of_a_space_with_two_accents_on_it_is_passed_from_any_offset() -> None:
    # A line holding a no-break space with two accents on it (" \u0301\u0301", as a PDF or
    # a Word file may set them) is blank to the eye; asked from the second accent, the
    # paragraph's range took that accent for the next paragraph's first letter and asked
    # again from it, for ever (a RecursionError from the paragraph's range and motions).
    text = "Intro.\n\n\u00a0\u0301\u0301\u00a0 \n\nAfter."
    after = text.index("After")
    for offset in range(len(text) + 1):
        if text.index("\u00a0") <= offset < after:
            assert nav.paragraph_range(text, offset) == (after, len(text)), offset
            assert nav.sentence_range(text, offset) == (after, len(text)), offset
            assert nav.next_paragraph(text, offset) == after, offset
            assert nav.previous_paragraph(text, offset) == 0, offset
    ends = "Intro.\n\n\u00a0\u0301\u0301 "
    assert nav.paragraph_range(ends, len(ends) - 2) == (0, len("Intro."))
