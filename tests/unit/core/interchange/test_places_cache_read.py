"""The places cache file is read (every document's places a run of rows of one set of columns,
checked together, no Place made until one is looked up by its span) exactly as it would be read
a place at a time: a file as the cache writes it is taken, one that is not is read as none; and
an export of documents unchanged takes the file's columns whole when it asks for every
document's places in the file's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.cache_files import read_cache_more, write_cache_documents
from tui_reader.core.interchange import places_in_text
from tui_reader.core.interchange.places_in_text import Place, PlacesCache, _Entry, _read
from tui_reader.core.interchange.places_in_text import places_release as release


def reference_read(path: Path) -> dict[str, _Entry]:
    """The cache read a place at a time: nothing when any part is not as written."""
    records, more = read_cache_more(path, release())
    columns = more.get("columns")
    if type(columns) is not list or len(columns) != 8:
        return {}
    if any(type(column) is not list for column in columns):
        return {}
    try:
        rows = [list(row) for row in zip(*columns, strict=True)]
    except ValueError:
        return {}
    for row in rows:
        if any(type(n) is not int for n in row[:4]) or any(type(t) is not str for t in row[4:]):
            return {}
    entries: dict[str, _Entry] = {}
    at = 0
    for key, record in records.items():
        if type(record) is not list or len(record) < 3:
            return {}
        *mark, sha, paged, count = record
        if sha is not None and type(sha) is not str:
            return {}
        if type(paged) is not bool or type(count) is not int or count < 0:
            return {}
        mine = rows[at : at + count]
        at += count
        places = {(s, e): Place(*place) for s, e, *place in mine}
        # a document's run holding a span twice: no place of it known
        entries[key] = _Entry(tuple(mark), paged, places if len(places) == count else {}, sha=sha)
    return entries if at == len(rows) else {}


def write_places(path: Path, documents: dict[str, Any], columns: Any) -> None:
    """A cache file of ``documents`` (each ``[*mark, sha, paged, count]``) and ``columns``."""
    write_cache_documents(path, release(), documents, columns=columns)


_ROW = st.tuples(
    st.integers(0, 9), st.integers(0, 9), st.integers(1, 9), st.integers(0, 100),
    st.sampled_from(["", "p. 2"]), st.sampled_from(["", "P01"]), st.just(""), st.just("l. 3"),
).map(list)  # fmt: skip
_ODD = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3), st.floats())
_DOCUMENT = st.tuples(
    st.tuples(st.integers(0, 3), st.text(max_size=2)),
    st.none() | st.text(max_size=3),
    st.booleans(),
    st.lists(_ROW, max_size=4),
)
_SPOILS = (
    "none", "sha", "paged", "count", "record", "cell", "column", "length", "columns", "more",
)  # fmt: skip


@pytest.mark.parametrize("spoil", _SPOILS)
@settings(max_examples=examples(100))
@given(st.lists(_DOCUMENT, max_size=3), _ODD, st.integers(0, 40))
def test_the_cache_is_read_as_it_was_a_place_at_a_time(
    tmp_path_factory: pytest.TempPathFactory,
    spoil: str,
    documents: list[tuple[Any, ...]],
    odd: Any,
    where: int,
) -> None:
    # A file as the cache writes it (its rows made of the documents'), then perhaps one
    # part of it spoiled: a record's field, a cell, a column, a column's length
    records: dict[str, Any] = {}
    rows: list[list[Any]] = []
    for n, (mark, sha, paged, document_rows) in enumerate(documents):
        records[f"d{n}.txt"] = [*mark, sha, paged, len(document_rows)]
        rows.extend(document_rows)
    columns: Any = [list(column) for column in zip(*rows, strict=True)] if rows else []
    columns = columns or [[] for _ in range(8)]
    keys = list(records)
    if spoil in ("sha", "paged", "count", "record") and keys:
        record = records[keys[where % len(keys)]]
        at = {"sha": -3, "paged": -2, "count": -1}.get(spoil)
        if at is None:
            records[keys[where % len(keys)]] = odd
        else:
            record[at] = odd
    elif spoil == "cell" and rows:
        columns[where % 8][where % len(rows)] = odd
    elif spoil == "column":
        columns[where % 8] = odd
    elif spoil == "length":
        columns[where % 8].append(0 if where % 8 < 4 else "")
    elif spoil == "columns":
        columns = odd
    elif spoil == "more" and keys:  # a record's count one more than its rows
        records[keys[where % len(keys)]][-1] += 1
    path = tmp_path_factory.mktemp("cache") / "places.json"
    write_places(path, records, columns)
    found, _ = _read(path)
    assert found == reference_read(path)
    if spoil == "none":
        assert list(found) == keys
    for entry in found.values():
        assert all(type(place) is Place for place in entry.places.values())


def test_a_documents_places_read_are_taken_in_order_without_a_place_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An export of unchanged documents asks for each one's places in the order kept: they
    # are the columns read (100,000 places: no Place, span or dict made for each)
    path = tmp_path / "places.json"
    columns = [
        [3, 0, 5], [3, 4, 9], [1, 1, 2], [0, 0, 50], ["", "", ""], ["", "P01", ""], ["", "", ""],
        ["", "P01", ""],
    ]  # fmt: skip
    write_places(path, {"a.txt": [7, None, False, 1], "b.txt": [7, None, False, 2]}, columns)
    made: list[object] = []
    monkeypatch.setattr(places_in_text, "_place", lambda row: made.append(row))
    entry = _read(path)[0]["b.txt"]
    assert entry.in_order([0, 5], [4, 9]) == tuple(column[1:] for column in columns[2:])
    assert entry.in_order([5, 0], [9, 4]) is None  # not the order kept: looked up by span
    assert made == []


def _placements(*keys: str) -> PlacementCache:
    placements = PlacementCache(None)
    for key in keys:
        placements.put_mark(key, (1, 2, 3, 4), "sha", "mark", "title")
    return placements


_COLUMNS = [
    [0, 5, 1], [4, 9, 2], [1, 1, 1], [0, 50, 3], ["", "", ""], ["P01", "", ""],
    ["", "", ""], ["P01", "", ""],
]  # fmt: skip


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    """A cache file of a.txt's two places and b.txt's one, each known in place."""
    path = tmp_path / "places.json"
    mark = [1, 2, 3, 4, "mark"]
    write_places(
        path, {"a.txt": [*mark, None, False, 2], "b.txt": [*mark, None, False, 1]}, _COLUMNS
    )
    return path


def test_every_documents_places_asked_in_the_files_order_are_its_columns(kept: Path) -> None:
    cache = PlacesCache(kept, _placements("a.txt", "b.txt"))
    fields = cache.every_in_order(["a.txt", "b.txt"], [2, 1], [0, 5, 1], [4, 9, 2])
    assert fields == tuple(_COLUMNS[2:])


@pytest.mark.parametrize(
    ("keys", "counts", "starts", "ends"),
    [
        (["b.txt", "a.txt"], [1, 2], [1, 0, 5], [2, 4, 9]),  # another order of documents
        (["a.txt", "b.txt"], [1, 2], [0, 5, 1], [4, 9, 2]),  # the same spans, cut elsewhere
        (["a.txt", "b.txt"], [2, 1], [5, 0, 1], [9, 4, 2]),  # a document's in another order
        (["a.txt", "b.txt"], [2, 1], [0, 5, 1], [4, 9, 3]),  # another span
        (["a.txt"], [2], [0, 5], [4, 9]),  # not every document's
    ],
    ids=["documents", "counts", "spans-order", "span", "some"],
)
def test_places_asked_otherwise_are_not_taken_whole(
    kept: Path, keys: list[str], counts: list[int], starts: list[int], ends: list[int]
) -> None:
    cache = PlacesCache(kept, _placements("a.txt", "b.txt"))
    assert cache.every_in_order(keys, counts, starts, ends) is None


def test_places_of_a_document_not_in_place_or_after_a_place_put_are_not_taken_whole(
    kept: Path,
) -> None:
    asked = (["a.txt", "b.txt"], [2, 1], [0, 5, 1], [4, 9, 2])
    moved = _placements("a.txt", "b.txt")
    moved.put_mark("b.txt", (1, 2, 3, 5), "sha", "mark", "title")  # its file changed
    assert PlacesCache(kept, moved).every_in_order(*asked) is None
    cache = PlacesCache(kept, _placements("a.txt", "b.txt"))
    cache.put("a.txt", False, (7, 8), Place(2, 60, "", "", "", ""))
    assert cache.every_in_order(*asked) is None
