"""The JSON export of columns made from the store's records writes the records themselves when
each is exactly its row (every field, in order, its coder named), and otherwise the columns:
the same bytes either way, ``json.dumps`` of the annotations' records in reading order."""

from __future__ import annotations

import json
from typing import Any

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.documents.document import Document
from tui_reader.core.interchange.annotation_columns import (
    _FIELDS,
    AnnotationColumns,
    _needs_gate,
    printable_besides,
)
from tui_reader.core.interchange.documents_on_use import DocumentsOnUse
from tui_reader.core.interchange.export_text import UNSAFE_BLOCK, UNSAFE_KEY, UNSAFE_LINE
from tui_reader.core.interchange.json import _FIELDS as JSON_FIELDS
from tui_reader.core.interchange.json import export_json_columns
from tui_reader.core.interchange.workspace_export import ExportSet


def _record(n: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"id{n}", "document": f"d{n % 2}.txt", "start": 10 - n, "end": 12, "quote": "q",
        "prefix": "", "suffix": "", "doc_sha256": "ab", "tags": ["t"], "note": "",
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
        "status": "anchored", "coder": "ana", "revision": 0,
    }  # fmt: skip
    record.update(changes)
    return record


def _expected(records: list[dict[str, Any]], coder: str) -> bytes:
    annotations = sorted((Annotation.from_record(r, coder) for r in records), key=reading_order)
    made = [a.to_record() for a in annotations]
    return (json.dumps(made, ensure_ascii=False, indent=2) + "\n").encode()


def test_the_json_fields_are_the_columns_fields_in_order() -> None:
    assert tuple(key for key, _, _ in JSON_FIELDS) == _FIELDS


def test_records_each_exactly_its_row_are_given_in_reading_order() -> None:
    records = [_record(n) for n in range(4)]
    columns = AnnotationColumns.of_records(records, "me")
    assert columns is not None
    assert columns.records() == sorted(records, key=lambda r: (r["document"], r["start"]))
    assert columns.clean() is columns  # nothing for the gate to do
    assert export_json_columns(columns) == _expected(records, "me")


def test_records_not_exactly_their_rows_are_not_given() -> None:
    moved = {"coder": "ana", **{k: v for k, v in _record(1).items() if k != "coder"}}
    less = {k: v for k, v in _record(2).items() if k != "prefix"}
    for odd in (_record(0, coder=""), moved, less, _record(3, more=1)):
        records = [_record(5), odd]
        columns = AnnotationColumns.of_records(records, "me")
        assert columns is not None and columns.records() is None
        assert export_json_columns(columns) == _expected(records, "me")


def test_a_cell_the_gate_changes_makes_new_columns() -> None:
    records = [_record(0, note="bell\x07"), _record(1)]
    columns = AnnotationColumns.of_records(records, "me")
    assert columns is not None
    clean = columns.clean()
    assert clean is not columns and clean.records() is None
    assert sorted(clean.note) == ["", "bell\u2407"]


_TEXT = st.text(max_size=6)  # lone surrogates, controls, quotes, U+2028 included
_FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "prefix": _TEXT, "suffix": _TEXT, "doc_sha256": _TEXT, "note": _TEXT, "created": _TEXT,
    "updated": _TEXT, "tags": st.lists(_TEXT, max_size=2),
    "status": st.sampled_from(["anchored", "fuzzy", "orphan"]),
    "coder": st.sampled_from(["", "ana", "ben"]), "revision": st.integers(0, 2**70),
}  # fmt: skip


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    found = []
    for _ in range(draw(st.integers(0, 4))):
        record: dict[str, Any] = {
            "id": draw(_TEXT), "document": draw(st.sampled_from(["a", "b"])),
            "start": draw(st.integers(0, 9)), "end": draw(st.integers(0, 2**65)),
            "quote": draw(_TEXT),
        }  # fmt: skip
        for name, values in _FIELD_VALUES.items():
            if draw(st.integers(0, 5)):  # mostly there
                record[name] = draw(values)
        if draw(st.booleans()):  # mostly in the order the store writes
            record = {name: record[name] for name in _FIELDS if name in record}
        found.append(record)
    return found


@settings(max_examples=examples(300))
@given(_records(), st.sampled_from(["", "me"]))
def test_the_json_export_of_records_is_json_dumps_of_their_annotations(
    records: list[dict[str, Any]], coder: str
) -> None:
    columns = AnnotationColumns.of_records(records, coder)
    if columns is None:
        return  # a record not as an annotation keeps it: the export takes another path
    try:
        expected = _expected(records, coder)
    except UnicodeEncodeError:  # a lone surrogate: the export's encoding fails, as before
        return
    assert export_json_columns(columns) == expected


@settings(max_examples=examples(300))
@given(st.text(st.sampled_from("a \n\t\r\x07\u2028\u202e\ud800\xa0é")) | st.text(), st.booleans())
def test_the_gate_is_needed_exactly_when_its_pattern_finds_a_character(
    text: str, line: bool
) -> None:
    pattern = UNSAFE_LINE if line else UNSAFE_BLOCK
    assert _needs_gate(text, pattern) is (pattern.search(text) is not None)


def test_a_text_of_latin_1_is_told_printable_from_its_bytes() -> None:
    # A column of Latin-1 (ASCII ids, hashes, times; the quotes of an English corpus) is
    # told printable in one pass over its bytes, as str.isprintable tells each character
    for code in range(256):
        char = chr(code)
        assert printable_besides(char) is char.isprintable()
        assert printable_besides(f"a{char}b\n", b"\n\t") is (char.isprintable() or char in "\n\t")
    assert printable_besides("a\u2019b") is None  # beyond Latin-1: asked of the text
    assert printable_besides("a\ud800") is None


@settings(max_examples=examples(300))
@given(st.text(st.sampled_from("a \n\t\r\x07\x85\xa0\xad\\é\u2401\u2028")), st.sampled_from("lbk"))
def test_the_gate_is_needed_when_its_pattern_finds_a_character_in_any_kind_of_text(
    text: str, kind: str
) -> None:
    pattern = {"l": UNSAFE_LINE, "b": UNSAFE_BLOCK, "k": UNSAFE_KEY}[kind]
    assert _needs_gate(text, pattern) is (pattern.search(text) is not None)


def test_orphans_of_columns_count_orphans_and_rows_of_documents_not_in_the_export() -> None:
    statuses = ["anchored", "orphan", "fuzzy", "orphan", "anchored"]
    records = [
        _record(n, status=status, document=f"d{n % 3}.txt") for n, status in enumerate(statuses)
    ]
    columns = AnnotationColumns.of_records(records, "me")
    assert columns is not None
    every = ExportSet([], _documents("d0.txt", "d1.txt", "d2.txt"), [], columns=columns)
    assert every.orphans == 2
    # d1.txt is not in the export: its rows (1 orphan, 1 anchored) count as orphans
    fewer = ExportSet([], _documents("d0.txt", "d2.txt"), [], columns=columns)
    assert fewer.orphans == 3


def _documents(*keys: str) -> DocumentsOnUse:
    """Documents in place (none loaded: counting orphans loads nothing)."""

    def load(key: str) -> Document:
        raise AssertionError(f"{key} loaded")

    return DocumentsOnUse(dict.fromkeys(keys), load)
