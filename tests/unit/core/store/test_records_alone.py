"""An undo in a command reads the records its step names alone from their table's line (the
annotations' 68 MB at 100,000 passages) and the fold writes that line around the records
changed: what is read and the file written are those of the table parsed whole first,
whatever the records hold; a line not laid out as the store writes flat records is parsed."""

from __future__ import annotations

import contextvars
import json
import re
import shutil
import tracemalloc
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from helpers.table_changes import undone_in_a_command
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.store import history, snapshot
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.core.store.snapshot import SnapshotTables, _record_places

# texts that a search of the line's bytes could take for a record's bounds
TEXT = st.sampled_from(
    ["", "a", '}, "9": {', '{"2": {', '": {', "}}", '}, "', '"', "\\", "é", "{", "}"]
)
KEYS = st.sampled_from([*map(str, range(1, 9)), "x", "07"])
PLAIN = st.none() | st.booleans() | st.integers(-3, 3) | TEXT
# Flat records as the store writes annotations, and now and then one holding an object or
# a list of objects (a database edited by hand): the line is then parsed whole
VALUES = PLAIN | st.lists(PLAIN, max_size=2)
NESTED = st.recursive(
    PLAIN,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(TEXT | KEYS, inner, max_size=2),
    max_leaves=4,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "tags", "note"]) | TEXT, VALUES, max_size=3)
ODD_RECORDS = st.dictionaries(st.sampled_from(["id", "note"]) | KEYS, NESTED, max_size=3)
TABLES = st.dictionaries(KEYS, RECORDS | ODD_RECORDS, max_size=6)


def _read(
    line: bytes, keys: list[str], changes: list[Any], *, parsed_first: bool
) -> tuple[Any, bytes]:
    """The records ``keys`` as a command reads them from a snapshot whose annotations' line
    is ``line``, and the file it folds after ``changes``."""
    data = b'{\n"annotations": ' + line + b',\n"meta": {}\n}\n'

    def command() -> tuple[Any, bytes]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        if parsed_first:  # (the way before: parsed whole)
            table = tables["annotations"]
            found: Any = {k: table[k] for k in keys if k in table}
        else:
            found = tables.records_alone("annotations", keys)
        tables.apply(changes)
        return found, tables.to_bytes()

    return contextvars.copy_context().run(command)


@settings(max_examples=300, deadline=None)
@given(TABLES, st.data())
def test_records_read_alone_and_changed_are_written_as_with_the_table_parsed_first(
    table: dict[str, Any], data: st.DataObject
) -> None:
    keys = data.draw(st.lists(KEYS, max_size=4))
    changes = [  # records replaced, added, deleted, deleted and put back
        ("annotations", k, data.draw(st.none() | RECORDS))
        for k in data.draw(st.lists(KEYS | st.just("20"), max_size=4))
    ]
    line = json.dumps(table).encode()
    found, written = _read(line, keys, changes, parsed_first=False)
    expected, as_before = _read(line, keys, changes, parsed_first=True)
    assert found is None or found == expected
    assert written == as_before
    json.loads(written)


def _places_a_match_at_a_time(value: bytes) -> dict[str, tuple[int, int]] | None:
    """Each record's place as it was found before the passes in C: each ``}, "`` of the
    line matched and looked at in Python, its key, when one follows, taken from the match."""
    if value == b"{}":
        return {}
    first = re.match(rb'\{"([0-9]+)": \{', value)
    if first is None or not value.endswith(b"}}"):
        return None
    nexts = list(re.finditer(rb'\}, "(?:([0-9]+)": \{)?', value))
    named = [first[1], *(found[1] for found in nexts)]
    if None in named or value.count(b"{") != len(named) + 1:
        return None
    keys = [key.decode("ascii") for key in named]
    starts = [1, *(found.start() + 3 for found in nexts)]
    ends = [*(found.start() + 1 for found in nexts), len(value) - 1]
    places = dict(zip(keys, zip(starts, ends, strict=True), strict=True))
    return places if len(places) == len(keys) else None


# pieces of a line that a search for records' bounds could take for one, or miss
PIECES = st.sampled_from(
    [b"{", b"}", b'"', b", ", b'}, "', b'": {', b'{"', b"}}", b"1", b"07", b"x", b'\\"', b" "]
)


@settings(max_examples=300, deadline=None)
@given(TABLES | st.dictionaries(KEYS, RECORDS, max_size=6), st.lists(PIECES, max_size=8), st.data())
def test_records_are_placed_as_a_match_at_a_time_placed_them(
    table: dict[str, Any], pieces: list[bytes], data: st.DataObject
) -> None:
    """Every line (as the store writes a table, then with pieces put in anywhere) gives
    each record the place, or the refusal, it got from the matches looked at one by one;
    the same in a view of the file's bytes, its braces counted a few bytes at a time."""
    line = json.dumps(table).encode()
    for piece in pieces:
        at = data.draw(st.integers(0, len(line)))
        line = line[:at] + piece + line[at:]
    assert _record_places(line) == _places_a_match_at_a_time(line)
    with mock.patch.object(snapshot, "_BRACES_AT_ONCE", data.draw(st.integers(1, 9))):
        assert _record_places(memoryview(line)) == _places_a_match_at_a_time(line)


@pytest.mark.parametrize(
    "line",
    [
        # a record holding objects keyed as records are (a database edited by hand)
        b'{"1": {"a": {}, "7": {"id": "x"}, "8": {"id": "y"}}, "2": {"id": "z"}}',
        b'{"1": {"a":{}, "7": {"id": "x"}}, "2": {"id": "z"}}',
        b'{"1": {"id": "a"}, "1": {"id": "b"}}',  # a key twice: the last counts
        b'{"x": {"id": "a"}, "2": {"id": "b"}}',  # a key no TinyDB id
        b'{"1": {"id": "a"}, "2" : {"id": "b"}}',  # laid out otherwise
        b'{"1": {"id": "a"},\n "2": {"id": "b"}}',
    ],
)
def test_records_are_not_read_alone_from_a_line_not_laid_out_as_the_store_writes_it(
    line: bytes,
) -> None:
    """Such a line is parsed whole (None), or what is read alone is what the parse gives;
    the file written means the same (a key twice is written once when the line is parsed
    after the change, as it was before)."""
    wanted = ["1", "2", "7", "8"]
    line = line.replace(b"\n", b"")
    found, written = _read(line, wanted, [("annotations", "2", {"id": "w"})], parsed_first=False)
    expected, as_before = _read(
        line, wanted, [("annotations", "2", {"id": "w"})], parsed_first=True
    )
    assert found is None or found == expected
    assert json.loads(written) == json.loads(as_before)


@pytest.mark.parametrize(
    "line",
    [
        b'{"1": {"a": {}, "7": {"id": "x"}, "8": {"id": "y"}}, "2": {"id": "z"}}',
        # spaced as no dump writes it: an object after "a":, and after "7":
        b'{"1": {"a":{}, "7": {"id": "x"}, "8": {"id": "y"}}, "2": {"id": "z"}}',
        b'{"1": {"a":{"b": 1}, "7": {"id": "x"}, "c": 2}, "2": {"id": "z"}}',
    ],
)
def test_a_record_holding_an_object_keyed_as_a_record_is_not_taken_for_one(
    line: bytes,
) -> None:
    """Record 1 holds members "7" (and "8") that look like records of the table; read
    alone, "7" was taken for one, and replaced in place, inside record 1."""
    data = b'{\n"annotations": ' + line + b',\n"meta": {}\n}\n'
    tables = SnapshotTables.read(data, Path("db.json"))
    assert tables.records_alone("annotations", ["7", "2"]) is None


def _renamed(path: Path) -> None:
    path.parent.mkdir()
    with AnnotationStore(path) as store:
        store.put_many(
            [
                Annotation(
                    document="a.txt", start=n, end=n + 2, quote="ab", tags=("t",) if n % 2 else ()
                )
                for n in range(6)
            ]
        )
        store.set_tag(Tag(name="t"))
        store.rename_tag("t", "u")


@pytest.mark.parametrize("redo", [False, True])
def test_an_undo_in_a_command_reads_alone_the_annotations_its_step_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redo: bool
) -> None:
    """The undo of a code renamed on 3,975 of the bench's 100,000 passages parsed all the
    annotations' 68 MB to look at those it takes back (about half of its CPU): they are read
    alone and the line written around them, the file the same as before."""
    monkeypatch.setattr(history, "utc_now", lambda: "2026-01-01T00:00:00Z")
    _renamed(tmp_path / "a" / "annotations.json")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    parsed, written = undone_in_a_command(
        tmp_path / "a" / "annotations.json", parsed_first=None, redo=redo
    )
    _, as_before = undone_in_a_command(
        tmp_path / "b" / "annotations.json", parsed_first="annotations", redo=redo
    )
    assert "annotations" not in parsed
    assert written == as_before
    with AnnotationStore(tmp_path / "a" / "annotations.json") as store:
        assert {t for a in store.annotations() for t in a.tags} == ({"u"} if redo else {"t"})
        assert sum(1 for a in store.annotations() if a.tags) == 3


def _allocated_at_most(run: Any) -> tuple[Any, int]:
    """What ``run()`` gives, and the most memory it held at once meanwhile (traced)."""
    tracemalloc.start()
    try:
        given = run()
        return given, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _line_of(table: dict[str, Any]) -> tuple[bytes, bytes]:
    """The table's line as the store writes it, and a database of it and the codebook's."""
    line = json.dumps(table).encode()
    return line, b'{\n"annotations": ' + line + b',\n"meta": {}\n}\n'


@pytest.mark.parametrize("asked", ["code", "keys"])
def test_records_read_alone_are_found_in_the_file_s_bytes_not_a_copy_of_them(
    asked: str,
) -> None:
    """A code renamed searched the annotations' line for its records, and an undo found the
    records it takes back, in a copy of the line out of the file's bytes (68 MB on the
    bench, 0.05 s of CPU): both search the file's bytes themselves, the same records
    found."""
    table = {
        str(i): {"id": f"a{i}", "quote": "q" * 2500, "tags": ["t"] if i in (7, 9) else []}
        for i in range(1, 401)
    }
    line, data = _line_of(table)
    carrying = {k: r for k, r in table.items() if r["tags"]}

    def command() -> tuple[Any, int]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        if asked == "code":
            return _allocated_at_most(lambda: tables.code_records_alone("annotations", "t"))
        return _allocated_at_most(lambda: tables.records_alone("annotations", list(carrying)))

    found, most = contextvars.copy_context().run(command)
    assert most < len(line) // 4
    assert (found[1] if asked == "code" else found) == carrying
