"""Word counts: exactly ``len(text.split())``, however the text is made."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import words
from tui_reader.core.documents.sanitize import C0_AND_DEL
from tui_reader.core.documents.words import count_words

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
PIECES = st.sampled_from([*SPACES, "a", "é", "語", "\U0001f600", "\ud800", "-", "\x00"])


@pytest.mark.parametrize("space", SPACES)
def test_every_kind_of_whitespace_separates_words(space: str) -> None:
    text = f"one{space}two é{space}{space}語"
    assert count_words(text) == len(text.split()) == 4


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=40))
def test_counts_what_split_counts(text: str) -> None:
    assert count_words(text) == len(text.split())


@settings(max_examples=200)
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(1, 7))
def test_words_cut_by_chunks_are_counted_once(text: str, chunk: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "_CHUNK", chunk)
        assert count_words(text) == len(text.split())


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=40))
def test_a_wide_space_is_found_in_the_bytes(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert words.holds_wide_space(data) == any(space in text for space in words.WIDE_SPACES)


BYTE_PIECES = st.sampled_from(
    [b"a", b" ", b"\n", b"\t", b"\r", b"\x00", b"\x0b", b"\x1f", b"\x7f", "é".encode(),
     "\u2003".encode(), "\xa0".encode(), "’".encode(), "•".encode(), "語".encode(),
     b"\xe2\x80", b"\xff"]
)  # fmt: skip


@settings(max_examples=300)
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
    assert found == len(text.split())


@settings(max_examples=300)
@given(st.lists(st.integers(0, 1), max_size=200))
def test_runs_of_ones_are_counted_as_a_loop_counts_them(bits: list[int]) -> None:
    expected = sum(1 for i, b in enumerate(bits) if b and (i == 0 or not bits[i - 1]))
    assert words._runs_of_ones(bytes(bits)) == expected
