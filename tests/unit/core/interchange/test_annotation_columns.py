"""Annotations as columns straight from the store's records: made only when every record is
as an annotation keeps it, then equal to the columns of the annotations the store builds, and
the export gate a column at a time equal to the gate per annotation."""

from __future__ import annotations

import sys
from typing import Any

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.export_text import UNSAFE_BLOCK, UNSAFE_LINE, clean_annotation

TEXT = st.text("ab\n\r\t\x1b\x7f\u202e\u2028\ud800é ", max_size=5)
PLAIN = {
    "document": st.sampled_from(["a.txt", "b/c.md", "é.txt"]),
    "start": st.integers(0, 5),
    "end": st.integers(0, 9),
    "quote": TEXT,
    "prefix": TEXT,
    "suffix": TEXT,
    "doc_sha256": st.sampled_from(["", "abc"]),
    "tags": st.lists(st.sampled_from(["x", "y/z", "é\x1b"]), max_size=2),
    "note": TEXT,
    "created": st.sampled_from(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", ""]),
    "updated": st.sampled_from(["2026-01-01T00:00:00Z", "x\u2028"]),
    "status": st.sampled_from(["anchored", "fuzzy", "orphan"]),
    "coder": st.sampled_from(["", "ana", None]),
    "revision": st.integers(0, 3),
}
# What the store reads, but not as it is: from_record converts it, or refuses it.
ODD = {
    "start": st.just(True),
    "end": st.just(1.0),
    "prefix": st.just(3),
    "tags": st.just("ab") | st.just([1]),
    "created": st.just(5) | st.just(None),
    "status": st.just("lost"),
    "coder": st.just(7),
    "revision": st.just(-1) | st.just(False),
}


@st.composite
def records(draw: st.DrawFn, odd: bool) -> dict[str, Any]:
    record: dict[str, Any] = {"id": draw(st.sampled_from(["1", "2", "3", "x\x07"]))}
    for name, values in PLAIN.items():
        if name in ("document", "start", "end", "quote") or draw(st.booleans()):
            record[name] = draw(values)
    if odd and draw(st.booleans()):
        name = draw(st.sampled_from(sorted(ODD)))
        record[name] = draw(ODD[name])
    return record


def _built(rows: list[dict[str, Any]], coder: str) -> list[Annotation] | None:
    """What the store builds of ``rows`` (sorted as it sorts them), None when it refuses one."""
    try:
        built = [Annotation.from_record(r, coder) for r in rows]
    except (KeyError, ValueError, TypeError):
        return None
    return sorted(built, key=reading_order)


@settings(max_examples=examples(300))
@given(st.lists(records(odd=False), max_size=8), st.sampled_from(["", "bo"]))
def test_plain_records_make_the_columns_of_their_annotations(
    rows: list[dict[str, Any]], coder: str
) -> None:
    columns = AnnotationColumns.of_records(rows, coder)
    built = _built(rows, coder)
    assert built is not None and columns is not None
    assert columns == AnnotationColumns.of_annotations(built)


@settings(max_examples=examples(300))
@given(st.lists(records(odd=True), max_size=6), st.sampled_from(["", "bo"]))
def test_a_record_not_as_an_annotation_keeps_it_makes_no_columns(
    rows: list[dict[str, Any]], coder: str
) -> None:
    columns = AnnotationColumns.of_records(rows, coder)
    built = _built(rows, coder)
    if columns is not None:  # then each record is exactly its annotation
        assert built is not None and columns == AnnotationColumns.of_annotations(built)
        assert all(all(type(v) is not bool for v in r.values()) for r in rows)
    if any(r.get("status") == "lost" or r.get("revision") == -1 for r in rows):
        assert columns is None and built is None  # refused: the store reports it


@settings(max_examples=examples(200))
@given(st.lists(records(odd=False), max_size=8))
def test_the_gate_by_column_is_the_gate_by_annotation(rows: list[dict[str, Any]]) -> None:
    built = _built(rows, "")
    assert built is not None
    expected = AnnotationColumns.of_annotations([clean_annotation(a) for a in built])
    assert AnnotationColumns.of_annotations(built).clean() == expected


def test_every_character_the_gate_acts_on_is_unprintable() -> None:
    """What lets the gate skip a column with one ``isprintable`` in C."""
    acted_on = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if UNSAFE_LINE.match(c) or UNSAFE_BLOCK.match(c)
    ]
    assert acted_on and not [c for c in acted_on if c.isprintable()]
