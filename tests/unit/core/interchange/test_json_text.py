"""The JSON export's text is exactly what ``json.dumps(..., indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.interchange.json_text import pretty_json

_VALUES = st.one_of(
    st.text(max_size=12),  # lone surrogates, controls, quotes, backslashes included
    st.integers(-(2**70), 2**70),
    st.lists(st.text(max_size=6), max_size=3),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=2),
)
_RECORDS = st.lists(st.dictionaries(st.text(max_size=8), _VALUES, max_size=5), max_size=4)
_NESTED = st.recursive(
    _VALUES | st.floats(),  # NaN and infinities: left to json.dumps
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        | st.dictionaries(st.integers(0, 3), inner, min_size=1, max_size=2)
    ),  # number keys
    max_leaves=12,
)


@settings(max_examples=200)
@given(_RECORDS)
def test_pretty_json_is_json_dumps_indented(records: list[dict[str, Any]]) -> None:
    assert pretty_json(records) == json.dumps(records, ensure_ascii=False, indent=2)


def test_records_of_an_export() -> None:
    records = [
        {"id": 'a\u2028"b\\', "start": 3, "tags": ["x/y", "é"], "note": "line\nnext"},
        {"id": "c", "start": 0, "tags": []},
    ]
    assert pretty_json(records) == json.dumps(records, ensure_ascii=False, indent=2)
    assert pretty_json([]) == "[]"


@settings(max_examples=300)
@given(_NESTED)
def test_any_nesting_is_json_dumps_indented(value: Any) -> None:
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)
