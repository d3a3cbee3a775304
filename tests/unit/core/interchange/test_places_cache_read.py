"""The places cache file is read (each row checked and made a Place in C) exactly as it was
read a row at a time: what is as the cache writes it is taken, anything else left out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.cache_files import read_cache_documents, write_cache_documents
from tui_reader.core.interchange.places_in_text import Place, _Entry, _read
from tui_reader.core.interchange.places_in_text import places_release as release


def reference_read(path: Path) -> dict[str, _Entry]:
    """The cache as it was read before, a row at a time."""
    entries: dict[str, _Entry] = {}
    for key, record in read_cache_documents(path, release()).items():
        try:
            *mark, paged, rows = record
            places = {(s, e): Place(*place) for s, e, *place in rows}
        except (TypeError, ValueError):
            continue
        fit = all(
            all(type(n) is int for n in (*s, p.line, p.percent))
            and all(type(t) is str for t in p[2:])
            for s, p in places.items()
        )
        if isinstance(paged, bool) and fit:
            entries[key] = _Entry(tuple(mark), paged, places)
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
_RECORD: st.SearchStrategy[Any] = st.one_of(
    st.tuples(st.integers(), st.text(max_size=3), st.booleans() | _ODD, _ROWS | _ODD).map(list),
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
