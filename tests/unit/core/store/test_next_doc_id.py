"""The next free record id of a table: the one after its largest decimal key (a key of more
than ID_DIGITS digits, or not decimal, is no id), found without a call per key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.store import index
from tui_reader.core.store.index import ID_DIGITS, id_number, next_doc_id

KEYS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.sampled_from(["", "x", "-3", "1.5", " 7", "007", "\u0663", "\u00b2", "1" * ID_DIGITS]),
    st.integers(ID_DIGITS + 1, ID_DIGITS + 5).map(lambda n: "9" * n),
    st.text(max_size=3),
)


@given(st.lists(KEYS, max_size=30))
def test_the_next_id_is_the_one_after_the_largest_id_among_the_keys(keys: list[str]) -> None:
    table = {key: {} for key in keys}
    numbers = [n for n in map(id_number, table) if n is not None]
    assert next_doc_id(table) == max(numbers, default=0) + 1


def test_the_next_id_of_a_large_table_calls_nothing_per_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def counted(key: str) -> int | None:
        calls.append(key)
        return id_number(key)

    monkeypatch.setattr(index, "id_number", counted)
    table: dict[str, dict[str, object]] = {str(n): {} for n in range(1, 10_001)}
    table["notes"] = {}
    assert next_doc_id(table) == 10_001
    assert calls == []
