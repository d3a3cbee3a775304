"""find_rare finds what str.find and bytes.find find, wherever the first character is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.rare_find import find_rare, holds_rare

_TEXT = st.text(alphabet="Qq.%=ab\n’", max_size=80)
_NEEDLE = st.text(alphabet="Qq.%=ab’", min_size=1, max_size=3)
_POSITION = st.none() | st.integers(0, 90)


@given(_TEXT, _NEEDLE, st.integers(0, 90), _POSITION)
def test_it_finds_what_str_find_finds(text: str, needle: str, start: int, end: int | None) -> None:
    assert find_rare(text, needle, start, end) == text.find(needle, start, end)
    assert holds_rare(text, needle) == (needle in text)


@given(_TEXT, _NEEDLE, st.integers(0, 90), _POSITION)
def test_it_finds_what_bytes_find_finds(
    text: str, needle: str, start: int, end: int | None
) -> None:
    data, wanted = text.encode(), needle.encode()
    assert find_rare(data, wanted, start, end) == data.find(wanted, start, end)


def test_many_first_characters_not_followed_by_the_rest() -> None:
    text = "Q" * 100 + "Q." + "Q" * 5
    assert find_rare(text, "Q.") == 100
    assert find_rare(text, "Q.", 101) == -1
    assert find_rare(text, "Q.", 0, 101) == -1


def test_an_empty_needle_or_a_position_from_the_end_is_refused() -> None:
    with pytest.raises(ValueError):
        find_rare("abc", "")
    with pytest.raises(ValueError):
        find_rare("abc", "b", -2)
