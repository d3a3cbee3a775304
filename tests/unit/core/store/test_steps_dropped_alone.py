"""A step saved on a full history drops the steps past its bounds without the history's
line parsed when each step's record says its size (history.RECORDS): the changes and the
file written are those of the history parsed first, whatever its steps hold."""

from __future__ import annotations

import contextvars
import json
import tracemalloc
from pathlib import Path
from typing import Any
from unittest import mock

from helpers.table_changes import assert_step_saved_as_parsed_first, step_saved_in_a_command
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.store import history, snapshot
from tui_reader.core.store.history import FORGOTTEN, MAKES_ALONE, RECORDS
from tui_reader.core.store.snapshot import (
    READS_LIVE_TO_EXIT,
    SnapshotTables,
    _step_heads,
    _Unparsed,
)

# texts a search of the line's bytes could take for a record's bounds or an entry's end
TEXT = st.sampled_from(["", "a", '}, "9": {"label": ', ', "undone": ', "null]", "}}", "é"])
VALUES = st.none() | st.booleans() | st.integers(-3, 3) | TEXT
TABLES = st.sampled_from(["annotations", "annotations", "memos", "tags", "attributes"])
IDS = st.sampled_from(["a", "b", "c"])
ENTRIES = st.lists(
    st.tuples(
        TABLES,
        TEXT,
        st.none() | IDS.map(lambda i: {"id": i, "name": i}),
        st.none() | IDS.map(lambda i: {"id": i, "name": i + "2"}),
    ).map(list),
    max_size=4,
)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """A history as the store writes it: each step saying its size, and now and then one
    written before that did not, or damaged by hand."""
    table: dict[str, Any] = {}
    for number in draw(st.lists(st.integers(1, 12), unique=True, max_size=7)):
        noted = draw(st.booleans()) and draw(st.booleans())
        key = f"{FORGOTTEN}{number}" if noted else str(number)
        damaged = draw(st.integers(0, 9)) == 0
        changes = draw(st.lists(VALUES, min_size=1, max_size=2)) if damaged else draw(ENTRIES)
        record: dict[str, Any] = {"label": draw(TEXT), "origin": "", "when": "2026-01-01T00:00:00Z"}
        record["annotations"] = len(changes)
        if noted and draw(st.booleans()):
            record["dropped"] = {"label": "x", "records": len(changes)}
        if not noted and draw(st.integers(0, 9)) > 0:  # (a step written before: no size)
            had = history.step_entries({"changes": changes}) or []
            record[RECORDS] = len(had)
            record[MAKES_ALONE] = history._makes_or_edits_alone(had)
        record["changes"] = changes
        record["undone"] = draw(st.sampled_from([None, None, None, 1]))
        table[key] = record
    return table


@settings(max_examples=300, deadline=None)
@given(histories(), ENTRIES.filter(lambda e: 0 < len(e) <= 3))
def test_a_step_that_drops_steps_is_saved_as_with_the_history_parsed_first(
    table: dict[str, Any], entries: list[Any]
) -> None:
    entries = [e for e in entries if e[2] != e[3]] or [["tags", "", None, {"name": "b"}]]
    with mock.patch.object(history, "MAX_RECORDS", 5), mock.patch.object(history, "MAX_STEPS", 4):
        assert_step_saved_as_parsed_first(table, entries)


def _import_then_renames() -> dict[str, Any]:
    """An import of 8 passages (past the history's bound of 6 once a step is added), and
    a rename after it, each step saying its size as the store writes it."""
    passage = {"id": "a", "document": "d.txt", "start": 1, "end": 2, "tags": ["t"]}
    made = [["annotations", str(i), None, passage | {"id": f"p{i}"}] for i in range(8)]
    renamed = [["annotations", "1", passage, passage | {"tags": ["u"]}]]
    table: dict[str, Any] = {}
    for number, label, entries in ((1, "import", made), (2, "rename tag t → u", renamed)):
        table[str(number)] = {
            "label": label,
            "origin": "",
            "when": "2026-01-01T00:00:00Z",
            "annotations": len(entries),
            RECORDS: len(entries),
            MAKES_ALONE: True,
            "changes": entries,
            "undone": None,
        }
    return table


def test_an_import_dropped_for_its_size_leaves_the_history_unparsed() -> None:
    """The first code renamed after an import of 100,000 passages drops the import from the
    history: its 100,000 entries (70 MB) were parsed to weigh it and to learn that it
    deleted nothing.  Its record says both: it is dropped, its note kept, and the history's
    line written around it, as with the history parsed first."""
    table = _import_then_renames()
    entries = [["tags", "9", {"name": "u"}, {"name": "v"}]]
    with mock.patch.object(history, "MAX_RECORDS", 6):
        changes, written, parsed = step_saved_in_a_command(table, entries, parsed_first=False)
        old_changes, old_written, _ = step_saved_in_a_command(table, entries, parsed_first=True)
    assert not parsed
    assert changes == old_changes
    assert written == old_written
    kept = json.loads(written)["history"]
    assert "1" not in kept
    assert kept[f"{FORGOTTEN}1"][history.DROPPED]["records"] == 8
    assert kept["3"][RECORDS] == 1


def test_a_step_written_before_its_size_was_said_has_the_history_parsed() -> None:
    table = _import_then_renames()
    del table["1"][RECORDS]
    with mock.patch.object(history, "MAX_RECORDS", 6):
        _, written, parsed = step_saved_in_a_command(
            table, [["tags", "9", None, {"name": "v"}]], parsed_first=False
        )
    assert parsed
    assert "1" not in json.loads(written)["history"]


def test_the_history_s_steps_are_found_in_the_file_s_bytes_not_a_copy_of_them() -> None:
    """A step saved on a full history found the steps' places in a copy of the history's
    line out of the file's bytes (70 MB on the bench, 0.05 s of CPU, held to the end of
    the search): they are found in the file's bytes themselves, the same places."""
    passage = {"id": "a", "document": "d.txt", "start": 1, "end": 2, "quote": "x" * 400}
    made = [["annotations", str(i), None, passage | {"id": f"p{i}"}] for i in range(5000)]
    table = {
        "1": {"label": "import", "origin": "", "when": "2026-01-01T00:00:00Z", "annotations": 5000}
        | {RECORDS: 5000, MAKES_ALONE: True, "changes": made, "undone": None},
        "2": {"label": "rename", "origin": "", "when": "2026-01-01T00:00:00Z", "annotations": 1}
        | {RECORDS: 1, MAKES_ALONE: True, "changes": made[:1], "undone": 3},
    }
    line = json.dumps(table).encode()
    data = b'{\n"history": ' + line + b',\n"meta": {}\n}\n'

    def heads_found() -> tuple[Any, Any, int]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        tracemalloc.start()
        try:
            heads = tables.heads_placed("history")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        unparsed = tables._tables["history"]
        assert isinstance(unparsed, _Unparsed)
        return heads, unparsed.places, peak

    heads, places, peak = contextvars.copy_context().run(heads_found)
    assert peak < len(line) // 4
    expected: dict[str, tuple[int, int]] = {}
    assert heads == _step_heads(line, places=expected)
    assert places == expected
    assert heads is not None and heads["2"]["undone"] == 3


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([b', "undone": ', b"x", b'"', b", ", b"undone", b"}"]), max_size=10),
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(1, 16),
)
def test_the_last_undone_found_from_a_step_s_end_is_the_one_rfind_finds(
    pieces: list[bytes], start: int, end: int, tail: int
) -> None:
    """The "undone" of a step is looked for in the bytes before its end first, then in
    the whole step: the same place as a search back from its end, in bytes or a view."""
    value = b"".join(pieces)
    with mock.patch.object(snapshot, "_UNDONE_TAIL", tail):
        for seen in (value, memoryview(value)):
            found = snapshot._last_found(seen, b', "undone": ', start, end)
            assert found == value.rfind(b', "undone": ', start, end)
