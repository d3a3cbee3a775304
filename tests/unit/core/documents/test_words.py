"""Word counts: exactly ``len(text.split())``, however the text is made."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents import document
from tui_reader.core.documents.document import count_words

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
        patch.setattr(document, "_WORD_CHUNK", chunk)
        assert count_words(text) == len(text.split())
