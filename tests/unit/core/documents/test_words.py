"""Word counts: exactly ``len(text.split())``, each Chinese or Japanese character a word and
their punctuation a space, however the text is made."""

from __future__ import annotations

import sys

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import words
from tui_reader.core.documents.sanitize import C0_AND_DEL
from tui_reader.core.documents.units import word_spans
from tui_reader.core.documents.words import count_words

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
PIECES = st.sampled_from(
    [*SPACES, "a", "é", "語", "か", "。", "！", "〇", "\U0001f600", "\ud800", "-", "\x00", "한"]
)


def _kind(ch: str) -> str:
    if "\uff66" <= ch <= "\uff9f":  # half-width katakana
        return "cjk"
    if "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff":
        return "cjk"
    if "\u3000" <= ch <= "\u303f":  # their punctuation, and letters and numerals: 々 〇 〡
        return "cjk" if ch.isalnum() else "mark"
    if "\uff01" <= ch <= "\uff65":  # fullwidth punctuation, and Latin letters and digits
        return "mark" if not ch.isalnum() else "other"
    return "other"


def seen_words(text: str) -> int:
    """The words a reader counts: ``split()``'s, each Chinese or Japanese character one and
    their punctuation between words as a space."""
    count = 0
    for word in text.split():
        previous = "mark"
        for ch in word:
            kind = _kind(ch)
            count += kind == "cjk" or (kind == "other" and previous != "other")
            previous = kind
    return count


@pytest.mark.parametrize("space", SPACES)
def test_every_kind_of_whitespace_separates_words(space: str) -> None:
    text = f"one{space}two é{space}{space}語"
    assert count_words(text) == len(text.split()) == 4 == seen_words(text)


@settings(max_examples=examples(300))
@given(st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=40))
def test_counts_what_split_counts(text: str) -> None:
    assert count_words(text) == seen_words(text)


@settings(max_examples=examples(200))
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(1, 7))
def test_words_cut_by_chunks_are_counted_once(text: str, chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "_CHUNK", chunk)
        assert count_words(text) == seen_words(text)


@settings(max_examples=examples(300))
@given(st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=40))
def test_a_wide_space_is_found_in_the_bytes(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert words.holds_wide_space(data) == any(space in text for space in words.WIDE_SPACES)


BYTE_PIECES = st.sampled_from(
    [b"a", b" ", b"\n", b"\t", b"\r", b"\x00", b"\x0b", b"\x1f", b"\x7f", "é".encode(),
     "\u2003".encode(), "\xa0".encode(), "’".encode(), "•".encode(), "語".encode(),
     "。".encode(), "ｱ".encode(), "！".encode(),
     b"\xe2\x80", b"\xff"]
)  # fmt: skip


@settings(max_examples=examples(300))
@given(st.lists(BYTE_PIECES, max_size=40).map(b"".join), st.integers(1, 7))
def test_words_of_clean_utf8_are_its_split_words_and_unclean_bytes_refused(
    data: bytes, chunk: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "_CHUNK", chunk)  # words cut by chunk boundaries everywhere
        found = words.clean_utf8_words(data, C0_AND_DEL)
    if any(byte in C0_AND_DEL for byte in data):
        assert found is None
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # its caller refuses it when it decodes it
    assert found == seen_words(text)


@settings(max_examples=examples(300))
@given(st.lists(st.integers(0, 1), max_size=200))
def test_runs_of_ones_are_counted_as_a_loop_counts_them(bits: list[int]) -> None:
    expected = sum(1 for i, b in enumerate(bits) if b and (i == 0 or not bits[i - 1]))
    assert words._runs_of_ones(bytes(bits)) == expected


def test_a_japanese_or_chinese_text_counts_its_characters_as_words() -> None:
    # A page of Japanese was "4 words": its sentences written without spaces.
    assert count_words("日本語のテキストです。東京に住んでいます。") == 19
    assert count_words("「東京」、2024年！ Tokyo") == 5  # 東 京 2024 年 Tokyo
    assert count_words("中文文本没有空格") == 8
    assert words.clean_utf8_words("中文文本没有空格".encode(), C0_AND_DEL) == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ｶﾀｶﾅ", 4), ("ｶﾞｲｺｸｼﾞﾝ", 6), ("ガイコクジン", 6), ("ｶ\u3099ｲ", 2), ("ﾗｰﾒﾝを", 5)],
)
def test_half_width_katakana_counts_as_full_width_does(text: str, expected: int) -> None:
    # Half-width katakana (ｶﾀｶﾅ, as old Japanese systems and some PDFs write it) was one run
    # of letters, one word, where カタカナ is four: each kana is a word, and a voicing mark
    # (ﾞ, or a combining one) part of the kana before it, as ｶﾞ is ガ.
    assert count_words(text) == expected
    assert words.clean_utf8_words(text.encode(), C0_AND_DEL) == expected
    assert len(word_spans(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0〡0", 3), ("二〇二四年", 5), ("人々は", 3), ("a〆b", 3), ("〇。〇", 2), ("0〜0", 2)],
)
def test_the_letters_and_numerals_among_chinese_punctuation_are_words(
    text: str, expected: int
) -> None:
    # 〡 (a Hangzhou numeral) and 〇 are ideographs, 々 a letter: Unicode's word boundaries
    # cut each from the digits or letters beside it, and the count took them for punctuation,
    # a space: "0〡0" was 2 words, "二〇二四年" 4.  〜 is punctuation: a space.
    assert count_words(text) == expected == seen_words(text)
    assert words.clean_utf8_words(text.encode(), C0_AND_DEL) == expected


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=100).map(lambda t: t.encode("utf-8")))
def test_a_byte_that_may_start_a_chinese_or_japanese_character_is_found_where_it_is(
    data: bytes,
) -> None:
    """Looked for by taking every other byte out (a regular expression's class over the
    bytes of 10,000 files took 0.6 s of a first listing): found exactly where one is."""
    import re

    assert words.holds_cjk_lead(data) == (re.search(b"[\xe3-\xe9\xef]", data) is not None)
    assert words.holds_cjk_lead("日本".encode()) and not words.holds_cjk_lead("café ’".encode())
