"""The places cache file is read (every document's columns checked together, no Place made
until one is looked up by its span) exactly as it was read a place at a time: what is as
the cache writes it is taken, anything else left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.cache_files import read_cache_documents, write_cache_documents
from tui_reader.core.interchange import places_in_text
from tui_reader.core.interchange.places_in_text import Place, _Entry, _read
from tui_reader.core.interchange.places_in_text import places_release as release


def reference_read(path: Path) -> dict[str, _Entry]:
    """The cache read a place at a time."""
    entries: dict[str, _Entry] = {}
    for key, record in read_cache_documents(path, release()).items():
        try:
            *mark, sha, paged, table = record
            if sha is not None and type(sha) is not str:
                continue
            if type(table) is not list or any(type(column) is not list for column in table):
                continue
            starts, ends, *fields = table
            if len(fields) != 6:
                continue
            rows = [list(row) for row in zip(starts, ends, *fields, strict=True)]
            places = {(s, e): Place(*place) for s, e, *place in rows}
        except (TypeError, ValueError):
            continue
        fit = len(places) == len(rows) and all(
            all(type(n) is int for n in (*s, p.line, p.percent))
            and all(type(t) is str for t in p[2:])
            for s, p in places.items()
        )
        if isinstance(paged, bool) and fit:
            entries[key] = _Entry(tuple(mark), paged, places, sha=sha)
    return entries


_GOOD_ROW = st.tuples(
    st.integers(0, 9), st.integers(0, 9), st.integers(1, 9), st.integers(0, 100),
    st.sampled_from(["", "p. 2"]), st.sampled_from(["", "P01"]), st.just(""), st.just("l. 3"),
).map(list)  # fmt: skip
_ODD = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3), st.floats())
_ROWS = st.lists(
    _GOOD_ROW
    | st.lists(_ODD, max_size=9)
    | _GOOD_ROW.flatmap(lambda r: st.integers(0, 7).map(lambda i: [*r[:i], "x", *r[i + 1 :]]))
    | _ODD,
    max_size=4,
)
_TABLE = _ROWS.map(
    lambda rows: (
        [list(c) for c in zip(*rows, strict=True)]
        if all(type(r) is list and len(r) == 8 for r in rows) and rows
        else rows
    )
)
_RECORD: st.SearchStrategy[Any] = st.one_of(
    st.tuples(
        st.integers(),
        st.text(max_size=3),
        st.none() | st.text(max_size=3) | _ODD,
        st.booleans() | _ODD,
        _TABLE | _ODD,
    ).map(list),
    st.lists(_ODD, max_size=3),
    _ODD,
)


@settings(max_examples=examples(300))
@given(st.dictionaries(st.sampled_from(["a.txt", "b.md", "c"]), _RECORD, max_size=3))
def test_the_cache_is_read_as_it_was_a_row_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, records: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("cache") / "places.json"
    write_cache_documents(path, release(), records)
    found = _read(path)
    assert found == reference_read(path)
    for entry in found.values():
        assert all(type(place) is Place for place in entry.places.values())


def test_a_documents_places_read_are_taken_in_order_without_a_place_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An export of unchanged documents asks for each one's places in the order kept: they
    # are the columns read (100,000 places: no Place, span or dict made for each)
    path = tmp_path / "places.json"
    table = [[0, 5], [4, 9], [1, 2], [0, 50], ["", ""], ["P01", ""], ["", ""], ["P01", ""]]
    write_cache_documents(path, release(), {"a.txt": [7, None, False, table]})
    made: list[object] = []
    monkeypatch.setattr(places_in_text, "_place", lambda row: made.append(row))
    entry = _read(path)["a.txt"]
    assert entry.in_order([0, 5], [4, 9]) == tuple(table[2:])
    assert entry.in_order([5, 0], [9, 4]) is None  # not the order kept: looked up by span
    assert made == []
