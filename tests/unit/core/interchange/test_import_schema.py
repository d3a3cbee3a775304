"""The import checks that run before anything is read into the database: nesting depth."""

from __future__ import annotations

import json

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.errors import ImportFormatError
from tui_reader.core.interchange.import_schema import (
    MAX_DEPTH,
    BadNumber,
    _deepest,
    check_records,
    load_json,
    record_problems,
    records_fine,
)


def _depth_by_characters(text: str) -> int:
    """The plain reading, one character at a time (the rule :func:`_deepest` must keep)."""
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
    assert _deepest(json.loads(text)) == _depth_by_characters(text)


@given(json_values, st.integers(0, 4))
def test_depth_past_a_limit_is_a_number_beyond_it(value: object, limit: int) -> None:
    """The walk stops past ``limit`` levels: the depth when within it, else more than it."""
    depth = _depth_by_characters(json.dumps(value))
    found = _deepest(value, limit)
    assert found == depth if depth <= limit else found > limit


def test_brackets_inside_strings_do_not_count() -> None:
    assert _deepest(load_json('[{"a": "[[[[{{{{"}, "\\"]]]"]', "f.json")) == 2


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 900, 100_000])
def test_json_nested_too_deep_is_refused_in_one_line(depth: int) -> None:
    """Past the limit, or past the parser's own (a RecursionError), the same one line."""
    with pytest.raises(ImportFormatError) as refused:
        load_json("[" * depth + "]" * depth, "deep.json")
    assert str(refused.value) == f"deep.json: JSON nested deeper than {MAX_DEPTH} levels"


def test_json_nested_to_the_limit_is_read() -> None:
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.json") is not None


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


# -- the records checked a field at a time ------------------------------------------------

_GOOD = {
    "id": "a1", "document": "corpus/a.txt", "start": 0, "end": 4, "quote": "Some",
    "prefix": "", "suffix": " text", "doc_sha256": "ab", "tags": ["t", "u/v"], "note": "n\n",
    "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "status": "anchored",
    "coder": "ana", "revision": 0,
}  # fmt: skip
_ODD_VALUES: st.SearchStrategy[object] = st.sampled_from(
    [None, True, False, -1, 0, 2**53, 2**53 + 1, 1.5, "", " ", "x", "a\x00b", "x" * 1025,
     "/abs.txt", "C:/x.txt", "../up.txt", [], ["t"], ["t", 5], ["\x00"], ["y" * 1025], {},
     "fuzzy", "orphan", "lost", BadNumber("NaN is not a number the store takes"),
     "a\ud800", "c/caf\udce9.txt", "c/a\udfff.txt"]
)  # fmt: skip


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, object]]:
    """A few records as an export writes them, some with one field left out or given an odd
    value."""
    records = []
    for _ in range(draw(st.integers(1, 3))):
        record = dict(_GOOD)
        if draw(st.integers(0, 3)):  # most records: one field changed
            name = draw(st.sampled_from(sorted(_GOOD)))
            if draw(st.integers(0, 5)):
                record[name] = draw(_ODD_VALUES)
            else:
                record.pop(name)
        records.append(record)
    return records


@settings(max_examples=examples(400))
@given(_records())
def test_records_found_fine_at_once_are_those_fine_one_by_one(records: list[dict[str, object]]) -> None:  # fmt: skip
    """The check a field at a time over every record passes only records in which the
    record-by-record check finds nothing; records it does not pass are checked one by one."""
    one_by_one = all(record_problems(record) == [] for record in records)
    if records_fine(records):
        assert one_by_one
    if all(set(r) == set(_GOOD) for r in records) and one_by_one:
        assert records_fine(records)  # an export's records take the quick way


def test_a_bad_record_among_good_ones_is_named() -> None:
    records = [dict(_GOOD, id=f"a{n}") for n in range(1000)]
    records[700]["start"] = -3
    assert not records_fine(records)
    with pytest.raises(ImportFormatError, match="record 701: start: -3 is not a whole number"):
        check_records(records, "in.json")


# Values of every kind a JSON file may hold, numbers the checks refuse among them: integers of
# 18, 19 and more digits, floats beyond a double, NaN and infinities (json.dumps writes them),
# lone surrogates and control characters in strings.
_numbers = (
    st.integers()
    | st.integers(10**17, 10**25).map(lambda n: n * (-1) ** (n % 2))
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([1e308, 5e-324, 0.1, -0.0])
)
_any_json = st.recursive(
    st.none() | st.booleans() | _numbers | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                  max_size=4),
    max_leaves=16,
)  # fmt: skip


def _read_the_checked_way(text: str, source: str) -> object:
    """What :func:`load_json` gave before a long text was read by orjson: the standard
    library's reading with each number checked (or the line refusing it)."""
    from tui_reader.core.interchange import import_schema

    try:
        data = json.loads(
            text,
            parse_constant=import_schema._constant,
            parse_float=import_schema._float,
            parse_int=import_schema._int,
        )
    except (json.JSONDecodeError, RecursionError, ValueError):
        return "refused"
    return "refused" if _deepest(data) > MAX_DEPTH else data


def _shown(value: object) -> str:
    return repr(value)  # a BadNumber shows its reason; -0.0 and 0 differ


@settings(max_examples=examples(300))
@given(_any_json, st.sampled_from(["", " " * 70_000]), st.booleans())
def test_a_long_text_is_read_as_the_checks_read_it(value: object, padding: str, raw: bool) -> None:
    """A text of 64 KB or more is read by orjson when it holds nothing the checks refuse or
    orjson reads otherwise: the value is the same, numbers refused as before (``padding``
    makes it long; ``raw``: a number or a broken text where the value's first item was)."""
    text = json.dumps([value, 1]) if not raw else json.dumps([value, 1])[:-1] + ", 9" * 3
    if raw:
        text += "1234567890123456789012]"  # an integer of 22 digits, refused by the checks
    text += padding
    expected = _read_the_checked_way(text, "f.json")
    try:
        found: object = load_json(text, "f.json")
    except ImportFormatError:
        found = "refused"
    assert _shown(found) == _shown(expected)


def test_a_long_export_read_by_orjson_keeps_a_long_number_refused() -> None:
    """An export of many records with one 19-digit start among them: the record's field is
    still a number the store cannot hold (orjson would have kept it)."""
    records = [{"id": f"a{n}", "start": n, "end": n + 1} for n in range(5000)]
    records[4000]["start"] = 1234567890123456789
    found = load_json(json.dumps(records), "f.json")
    assert isinstance(found[4000]["start"], BadNumber)
    assert found[3999] == records[3999]
