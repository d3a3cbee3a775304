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


# Text's bytes (a short piece, or one long enough to be looked at a byte value at a time),
# and the sets looked for: controls, markup, any bytes.
_PRINTABLE = st.lists(st.integers(0x20, 0x7E), max_size=50).map(bytes)
_LONG = st.builds(lambda piece, times: piece * times, _PRINTABLE, st.integers(0, 200))
_SETS = st.sampled_from([bytes(range(0x20)) + b"\x7f", b"\\`*_[]<>&|~\t\r"]) | st.binary(
    max_size=40
)


@given(_PRINTABLE | _LONG, _SETS, st.integers(0, 255), st.integers(0, 10_000))
def test_holds_any_byte_says_whether_a_byte_of_the_set_is_there(
    data: bytes, values: bytes, planted: int, at: int
) -> None:
    from tui_reader.core.rare_find import holds_any_byte

    for looked_at in (data, data[:at] + bytes([planted]) + data[at:]):
        assert holds_any_byte(looked_at, values) == any(byte in values for byte in looked_at)
