"""A JSON file read a part at a time, its strings longer than a bound left out as read."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.interchange.import_schema import TOO_LONG
from tui_reader.core.interchange.long_strings import characters, without_long_strings

MOST = 12


def _bounded(value: Any) -> Any:
    """``value`` with each string longer than MOST characters (a key too) as TOO_LONG."""
    if isinstance(value, str):
        return TOO_LONG if len(value) > MOST else value
    if isinstance(value, list):
        return [_bounded(v) for v in value]
    if isinstance(value, dict):
        return {_bounded(k): _bounded(v) for k, v in value.items()}
    return value


_TEXTS = st.text(st.sampled_from(["a", '"', "\\", "\n", "é", "😀", "€", "\x01", " "]), max_size=40)
_VALUES = st.recursive(
    st.none() | st.integers() | _TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXTS, inner, max_size=4),
    max_leaves=12,
)


@given(_VALUES, st.integers(1, MOST), st.booleans())
def test_every_string_longer_than_the_bound_and_no_other_is_left_out(
    value: Any, size: int, ascii_only: bool
) -> None:
    """Whatever the parts' size, and whether the file escapes each character beyond ASCII
    (a surrogate pair for an emoji) or writes it in UTF-8."""
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    assert json.loads(without_long_strings(parts, MOST)) == _bounded(value)


@given(_TEXTS, st.booleans())
def test_characters_are_counted_as_the_string_decoded_holds_them(
    text: str, ascii_only: bool
) -> None:
    written = json.dumps(text, ensure_ascii=ascii_only).encode()[1:-1]
    assert characters(written) == len(text)


def test_a_file_of_no_long_string_is_read_as_it_is() -> None:
    data = b'[{"note": "a\\\\", "quote": "\\"x\\""}, 1e5, "\\u00e9"]'
    assert without_long_strings([data[:7], data[7:20], data[20:]], MOST) == data
