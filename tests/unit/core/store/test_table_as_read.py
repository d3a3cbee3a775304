"""A table a command parsed is written by a fold as the line it was read from, cut around the
records changed since, which alone are dumped: the same bytes as one dump of the table, for
any mix of records added, replaced, deleted and put back, whatever the records hold."""

from __future__ import annotations

import gc
import json
from typing import Any

from helpers.table_changes import dumped_after_changes, folded_after_changes
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.store.snapshot import table_json
from tui_reader.core.store.table_as_read import Known, TableAsRead, step_json

# keys a dump writes as they are and keys it escapes (a digit of another script, a quote)
KEYS = st.sampled_from([str(n) for n in range(1, 13)] + ["é", '"', "٣", "a b", '}, "'])
TEXT = st.text(alphabet=st.sampled_from('ab"\\}{, :é\n\u2028'), max_size=8)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
RECORDS = st.dictionaries(st.sampled_from(["id", "tags", "note", "x"]) | TEXT, VALUES, max_size=4)
CHANGES = st.lists(
    st.tuples(st.sampled_from(["put", "delete", "again"]), KEYS, RECORDS), max_size=10
)
REST = b'"u": {"1": {}}'  # the table written after it


def _written(table: dict[str, Any], changes: list[tuple[str, str, dict[str, Any]]]) -> bytes:
    """What a command that read ``table`` from a snapshot and made ``changes`` folds."""
    gc.unfreeze()
    try:
        return folded_after_changes("t", table, REST, changes)
    finally:
        gc.unfreeze()


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, RECORDS, min_size=1, max_size=8), CHANGES)
def test_a_table_is_written_as_one_dump_of_it_gives_after_any_changes(
    table: dict[str, Any], changes: list[tuple[str, str, dict[str, Any]]]
) -> None:
    assert _written(table, changes) == dumped_after_changes("t", table, REST, changes)


def _counted() -> tuple[list[int], Any]:
    dumped: list[int] = []

    def dump(table: dict[str, Any]) -> list[bytes]:
        dumped.append(len(table))
        return table_json(table)

    return dumped, dump


def test_only_the_records_changed_are_dumped() -> None:
    # a code renamed on 4,000 of 100,000 annotations dumped all 100,000 again (0.7 s of CPU)
    table = {str(n): {"id": f"a{n}", "tags": ["x"], "note": "}, \\"} for n in range(1, 51)}
    line = json.dumps(table).encode()
    as_read = TableAsRead(memoryview(line), table)
    table["3"] = {"id": "a3", "tags": ["y"]}
    table["4"] = {"id": "a4", "tags": ["y"]}
    table["40"] = {"id": "a40", "tags": ["y"]}
    del table["10"], table["50"]
    table["51"] = {"id": "a51"}
    dumped, dump = _counted()
    written = as_read.written(table, dump)
    assert written is not None and b"".join(written) == json.dumps(table).encode()
    assert sorted(dumped) == [1, 1, 2]  # 3 and 4 together, 40, and the new 51


def test_a_record_holding_an_object_beside_another_member_has_the_table_dumped_whole() -> None:
    # '}, "' inside a record, not between two: the line's borders do not place the records
    table = {"1": {"a": {"b": 1}, "c": 2}, "2": {"d": 3}, "3": {"e": 4}}
    as_read = TableAsRead(json.dumps(table).encode(), table)
    table["2"] = {"d": 4}
    dumped, dump = _counted()
    assert as_read.written(table, dump) is None
    assert dumped == []


def test_the_records_kept_are_written_from_the_line_read_not_copied_out_of_it() -> None:
    # the line was copied whole, then each run of records kept copied out of the copy: two
    # copies of 68 MB at every fold of a command that renamed a code on 100,000 annotations
    table = {str(n): {"id": f"a{n}", "note": "x" * 100} for n in range(1, 201)}
    line = json.dumps(table).encode()
    as_read = TableAsRead(memoryview(line), table)
    table["100"] = {"id": "a100", "note": "changed"}
    written = as_read.written(table, table_json)
    assert written is not None and b"".join(written) == json.dumps(table).encode()
    copied = [p for p in written if not (isinstance(p, memoryview) and p.obj is line)]
    assert sum(map(len, copied)) < 100  # the record changed and the braces between
    assert isinstance(as_read.line, memoryview)  # no copy of the line kept either


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, RECORDS, min_size=1, max_size=8), CHANGES)
def test_the_records_replaced_are_known_as_written_and_the_table_as_one_dump(
    table: dict[str, Any], changes: list[tuple[str, str, dict[str, Any]]]
) -> None:
    # a fold keeps the JSON of each record replaced, as read and as written, for the step
    # that holds them (step_json): the table's bytes are the same, and so is each record's
    line = json.dumps(table).encode()
    as_read = TableAsRead(memoryview(line), table)
    for action, key, record in changes:
        if action == "delete":
            table.pop(key, None)
        else:
            table[key] = record
    known: Known = {}
    written = as_read.written(table, table_json, None, known)
    if written is None:
        return  # (the table dumped whole by the caller)
    assert b"".join(written) == json.dumps(table).encode()
    for record, text in known.values():
        assert bytes(text) == json.dumps(record).encode()


STEP_RECORDS = st.none() | RECORDS
ENTRIES = st.lists(
    st.tuples(st.sampled_from(["annotations", "memos", "é"]), KEYS, STEP_RECORDS, STEP_RECORDS),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(TEXT, VALUES, max_size=3),
    ENTRIES,
    st.dictionaries(TEXT, VALUES, max_size=2),
    st.data(),
)
def test_a_step_is_written_as_a_dump_of_it_whatever_records_are_known(
    head: dict[str, Any],
    entries: list[tuple[str, str, Any, Any]],
    tail: dict[str, Any],
    data: st.DataObject,
) -> None:
    step = {k: v for k, v in head.items() if k != "changes"}
    step["changes"] = [list(e) for e in entries]
    step |= {k: v for k, v in tail.items() if k not in step}
    records = [r for e in entries for r in e[2:] if r is not None]
    known: Known = {}
    for record in data.draw(
        st.lists(st.sampled_from(records), max_size=4) if records else st.just([])
    ):
        known[id(record)] = (record, memoryview(json.dumps(record).encode()))
    twin = {"x": 1}  # a record equal to none of them, under the id of no record of the step
    known[id(twin)] = (twin, b'{"x": 2}')
    written = step_json(step, known)
    if len(known) == 1:
        assert written is None  # (none of its records known: dumped by the caller)
    else:
        assert written == json.dumps(step).encode()


def test_a_record_known_is_written_as_known_and_no_step_is_written_so() -> None:
    record = {"id": "a1", "tags": ["x"]}
    step = {"label": "l", "changes": [["annotations", "1", record, None]], "undone": None}
    known: Known = {id(record): (record, b"KNOWN")}
    assert step_json(step, known) == (
        b'{"label": "l", "changes": [["annotations", "1", KNOWN, null]], "undone": null}'
    )
    assert step_json({"label": "l", "changes": "x"}, known) is None
    assert step_json({"changes": [["annotations", "1", record]]}, known) is None
    assert step_json({"changes": [["annotations", "1", dict(record), None]]}, known) is None


def test_records_dumped_together_are_known_as_written_and_a_step_of_them_too() -> None:
    # an undo's fold dumps the 20,004 records it puts back in one call, cut apart; the step
    # holding them, marked undone, was dumped whole again (27 MB)
    from tui_reader.core.store.snapshot import _each_dumped

    table = {str(n): {"id": f"a{n}", "tags": ["x"], "note": '}, "é'} for n in range(1, 5)}
    table["é"] = {"id": "e", "tags": []}
    known: Known = {}
    members = _each_dumped(table, known)
    assert b", ".join(b"".join(m) for m in members) == json.dumps(table).encode()[1:-1]
    assert [bytes(known[id(r)][1]) for r in table.values()] == [
        json.dumps(r).encode() for r in table.values()
    ]
    step = {"label": "l", "changes": [["annotations", k, r, None] for k, r in table.items()]}
    step["undone"] = 9
    (written,) = _each_dumped({"7": step}, known)
    assert b"".join(written) == json.dumps({"7": step}).encode()[1:-1]
    known[id(table["1"])] = (table["1"], b"KNOWN")  # (written from what is known)
    (written,) = _each_dumped({"7": step}, known)
    assert b'"1", KNOWN, null]' in b"".join(written)
