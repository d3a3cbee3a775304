"""The store's index built a field at a time (every record plain) is the index built a record
at a time, whatever the records hold (odd ones are indexed one by one, as before)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.store.index import ANNOTATIONS, StoreIndex

FIELD = {
    "id": st.sampled_from(["a", "b", "c"]) | st.just(1),
    "document": st.sampled_from(["x.txt", "y/z.md"]) | st.none(),
    "start": st.integers(0, 3) | st.just(True),
    "end": st.integers(0, 3) | st.just("4"),
    "quote": st.sampled_from(["q", ""]) | st.just(2),
}


@st.composite
def record(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, values in FIELD.items():
        if draw(st.integers(0, 9)):  # mostly present
            found[name] = draw(
                values
                if draw(st.integers(0, 4)) == 0
                else values.filter(
                    lambda v, n=name: type(v) is (int if n in ("start", "end") else str)
                )
            )
    return found


def _one_at_a_time(records: dict[str, dict[str, Any]]) -> StoreIndex:
    index = StoreIndex(Path("db.json"))
    index.data = {ANNOTATIONS: records}
    for doc_id, r in records.items():
        index._index_annotation(doc_id, r)
    return index


@settings(max_examples=300)
@given(
    st.dictionaries(st.sampled_from([str(n) for n in range(1, 9)] + ["z"]), record(), max_size=8)
)
def test_the_index_by_field_is_the_index_by_record(records: dict[str, dict[str, Any]]) -> None:
    index = StoreIndex(Path("db.json"))
    index.apply({ANNOTATIONS: records}, None)
    expected = _one_at_a_time(records)
    assert index.by_id == expected.by_id
    assert list(index.keys.items()) == list(expected.keys.items())
    assert list(index.by_document.items()) == list(expected.by_document.items())
    assert index.problems == expected.problems
