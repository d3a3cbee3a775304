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


_RARE_TEXT = st.text(alphabet="zZqQjJ1.ab \n", max_size=80).map(str.encode)
_RARE_NEEDLE = st.text(alphabet="zqj1.ab ", min_size=1, max_size=4).map(str.encode)


@given(_RARE_TEXT, _RARE_NEEDLE, st.integers(0, 90), st.integers(0, 90))
def test_find_lowered_finds_what_the_bytes_lowercased_hold(
    data: bytes, needle: bytes, start: int, end: int
) -> None:
    """Found by its rarest byte in either case, as the bytes lowercased find it (in the
    file's own offsets), or left to the caller (a byte too common, or too many places)."""
    from tui_reader.core.rare_find import find_lowered

    found = find_lowered(data, needle, start, end)
    expected = data[start:end].lower().find(needle)
    if found is None:  # its bytes all common (a, b, the dot and the space), or one rare
        rare = [bytes([byte]) for byte in needle if byte in b"zqj1"]  # here more than twice
        assert not rare or any(data.lower().count(byte) >= 2 for byte in rare)
    else:
        assert found == (start + expected if expected >= 0 else -1)


def test_find_lowered_looks_for_a_rare_byte_alone() -> None:
    from tui_reader.core.rare_find import find_lowered

    data = b"the pentagon and the army " * 400 + b"Jazz in the Bronx"
    assert find_lowered(data, b"jazz", 0, len(data)) == len(data) - 17
    assert find_lowered(data, b"jazz", 0, len(data) - 1) == len(data) - 17
    assert find_lowered(data, b"jazz", 0, len(data) - 15) == -1  # (cut: not whole)
    assert find_lowered(data, b"army", 0, len(data)) is None  # its letters common
    assert find_lowered(b"x" * 10_000, b"xylophone", 0, 10_000) is None  # "x" common here
    with pytest.raises(ValueError):
        find_lowered(data, b"", 0, 5)


def test_find_lowered_tells_a_long_needle_from_its_first_bytes_and_then_whole() -> None:
    from tui_reader.core.rare_find import find_lowered

    needle = b"z" + b"a" * 100 + b"b"
    near = b"Z" + b"A" * 100 + b"c "  # its first bytes alike, not its end
    data = near * 3 + b"Z" + b"a" * 100 + b"B" + near + b"." * 8192  # (enough tries)
    assert find_lowered(data, needle, 0, len(data)) == 3 * len(near)
    assert find_lowered(data, needle, 3 * len(near) + 1, len(data)) == -1


class _Sliced(bytes):
    """Bytes that count the bytes of the slices taken of them."""

    taken = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def, override]
        got = super().__getitem__(key)
        if isinstance(key, slice):
            self.taken += len(got)
        return got


def test_find_lowered_copies_a_few_bytes_of_each_place_not_the_needle() -> None:
    # A pasted page ignoring case, its "z" met at every "Z" of a text, was copied and
    # lowercased whole at each: tries times its length.
    from tui_reader.core.rare_find import find_lowered

    needle = b"z" + b"a" * 5_000
    data = _Sliced((b"Z" + b"b" * 50) * 100 + b"." * 20_000)
    assert find_lowered(data, needle, 0, len(data)) is None  # (its "z" common here)
    assert data.taken < 2_000
