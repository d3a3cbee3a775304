"""A JSON file read a part at a time, its strings longer than a bound left out as read."""

from __future__ import annotations

import codecs
import io
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.interchange.import_schema import MAX_TEXT, TOO_LONG, TOO_LONG_CELL
from tui_reader.core.interchange.long_strings import (
    characters,
    csv_without_long_cells,
    read_without_long_strings,
    without_long_strings,
)

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


_CELLS = st.text(st.sampled_from(["a", '"', ",", "\n", "é", "😀", " "]), max_size=30)


@given(st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=4), st.data())
def test_every_cell_longer_than_the_bound_is_left_out_unless_it_holds_a_separator(
    rows: list[list[str]], data: st.DataObject
) -> None:
    """A CSV file's cells, quoted or not, in parts of any size up to the bound: each cell
    longer than it is read as TOO_LONG_CELL, every other as it was; one holding a separator
    (a comma, a line end: seen as two cells) may be read as it was."""
    import csv
    import io

    size = data.draw(st.integers(1, MOST))
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows(rows)
    text = written.getvalue().encode()
    parts = [text[i : i + size] for i in range(0, len(text), size)]
    bounded = csv_without_long_cells(parts, MOST).decode()
    read = list(csv.reader(io.StringIO(bounded, newline="")))
    assert len(read) == len(rows)
    for got, given_row in zip(read, rows, strict=True):
        assert len(got) == len(given_row)
        for cell, was in zip(got, given_row, strict=True):
            if len(was) <= MOST:
                assert cell == was
            elif not any(mark in was for mark in ",\n"):
                assert cell == TOO_LONG_CELL
            else:
                assert cell in (was, TOO_LONG_CELL)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ('note,tag\n"', '",t\nshort é \U0001f600,u\n'),
        ('[{"note": "', '"}, {"note": "short é \U0001f600"}]'),
    ],
    ids=["csv", "json"],
)
def test_a_file_in_utf_16_leaves_its_long_strings_out_as_one_in_utf_8(
    codec: str, head: str, tail: str
) -> None:
    """A file in UTF-16 with its byte-order mark (Excel's "Unicode text") was read whole,
    its long cell or string held: it is read as the same file in UTF-8 is, and given back
    in UTF-16, its other characters (an accent, an emoji) as they were."""
    text = head + "a," * (MAX_TEXT // 2 + 10) + tail
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + text.encode(codec)
    got, read = read_without_long_strings(io.BytesIO(data), 2**30)
    want, _ = read_without_long_strings(io.BytesIO(text.encode("utf-8")), 2**30)
    assert read == len(data)
    assert got.startswith(bom) and got[2:].decode(codec) == want.decode("utf-8")
    if head.startswith("["):
        assert [r["note"] for r in json.loads(got[2:].decode(codec))] == [TOO_LONG, "short é 😀"]
    else:
        assert got[2:].decode(codec).split("\n")[1:3] == [f"{TOO_LONG_CELL},t", "short é 😀,u"]
