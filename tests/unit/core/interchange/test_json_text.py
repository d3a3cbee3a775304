"""The JSON export's text is exactly what ``json.dumps(..., indent=2)`` writes (written by
:func:`pretty_json`, or a column at a time by :func:`records_text`)."""

from __future__ import annotations

import json
from typing import Any

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.interchange.json import export_json
from tui_reader.core.interchange.json_text import pretty_json, records_text

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


@settings(max_examples=examples(200))
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


@settings(max_examples=examples(300))
@given(_NESTED)
def test_any_nesting_is_json_dumps_indented(value: Any) -> None:
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


_TEXT = st.text(max_size=10)  # lone surrogates, controls, quotes, backslashes, U+2028 included


class _Name(str):
    """A str that is not exactly a str: records_text leaves such records to pretty_json."""


@st.composite
def _annotations(draw: st.DrawFn) -> list[Annotation]:
    found = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, 2**40))
        found.append(
            Annotation(
                document=draw(_TEXT | _TEXT.map(_Name)),
                start=start,
                end=draw(st.integers(start, 2**70)),
                quote=draw(_TEXT),
                prefix=draw(_TEXT),
                suffix=draw(_TEXT),
                doc_sha256=draw(_TEXT),
                tags=tuple(draw(st.lists(_TEXT, max_size=3))),
                note=draw(_TEXT),
                id=draw(_TEXT),
                created=draw(_TEXT),
                updated=draw(_TEXT),
                status=draw(st.sampled_from(AnchorStatus)),
                coder=draw(_TEXT),
                revision=draw(st.integers(0, 2**64) | st.booleans()),
            )
        )
    return found


@settings(max_examples=examples(200))
@given(_annotations())
def test_the_json_export_is_json_dumps_of_the_records(annotations: list[Annotation]) -> None:
    records = [a.to_record() for a in annotations]
    assert export_json(annotations) == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_records_text_leaves_values_of_another_kind_to_pretty_json() -> None:
    plain = Annotation("doc.txt", 0, 3, "abc", tags=("a", "b/c"), note='say "hi"\n')
    assert records_text([plain], [("start", "start", "int")]) == '[\n  {\n    "start": 0\n  }\n]'
    assert records_text([plain.evolve(start=True)], [("start", "start", "int")]) is None
    assert records_text([plain.evolve(note=_Name("n"))], [("note", "note", "str")]) is None
    assert records_text([plain.evolve(tags=["a"])], [("tags", "tags", "strings")]) is None
    assert records_text([plain.evolve(tags=(1,))], [("tags", "tags", "strings")]) is None
    assert records_text([], [("start", "start", "int")], end="\n") == "[]\n"
    odd = [plain, plain.evolve(document=_Name("x"), revision=True)]
    expected = json.dumps([a.to_record() for a in odd], ensure_ascii=False, indent=2) + "\n"
    assert export_json(odd) == expected
