"""The import checks that run before anything is parsed or written: nesting depth."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.interchange.import_schema import _depth


def _depth_by_characters(text: str) -> int:
    """The plain reading, one character at a time (the rule :func:`_depth` must keep)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


json_values = st.recursive(
    st.none() | st.integers() | st.text(alphabet='ab[]{}"\\\n ', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                  max_size=3),
    max_leaves=12,
)  # fmt: skip


@given(json_values)
def test_depth_of_json_is_its_nesting(value: object) -> None:
    text = json.dumps(value)
    assert _depth(text) == _depth_by_characters(text)


@given(st.text(alphabet='[]{}"\\a', max_size=40))
def test_depth_of_any_text_agrees_with_the_reading_by_characters(text: str) -> None:
    assert _depth(text) == _depth_by_characters(text)


def test_brackets_inside_strings_do_not_count() -> None:
    assert _depth('[{"a": "[[[[{{{{"}, "\\"]]]"]') == 2


def test_a_refusal_reads_as_one_sentence() -> None:
    import pytest

    from tui_reader.core.errors import ImportFormatError
    from tui_reader.core.interchange.import_schema import check_records, load_json
    from tui_reader.core.interchange.w3c import parse

    with pytest.raises(ImportFormatError) as raw_tab:
        load_json('["a\tb"]', "in.json")
    with pytest.raises(ImportFormatError) as w3c_tab:
        parse('["a\tb"]', "in.jsonld")
    for refusal in (raw_tab, w3c_tab):
        assert "at at" not in str(refusal.value)
        assert "line 1, column 4" in str(refusal.value)
    records = load_json('[{"id": "a", "document": "d", "start": NaN, "end": 2, "quote": "x"}]', "")
    with pytest.raises(ImportFormatError) as nan:
        check_records(records, "in.json")
    assert "record 1: start: NaN is not a number the store takes" in str(nan.value)
    assert "takes is not" not in str(nan.value)
