"""The snapshot written one table per line, each table parsed when first used: what is read
lazily is what a whole parse of the file and its journal gives, after any changes, folds and
other processes' writes; older layouts still open; a damaged line is reported, never written
over."""

from __future__ import annotations

import contextlib
import contextvars
import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from helpers.collector import collector_at_parse
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, Tag, make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store import journal, snapshot
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.core.store.history import UndoRefused
from tui_reader.core.store.journal import JournaledTables
from tui_reader.core.store.journal_lines import apply_changes, valid_prefix
from tui_reader.core.store.snapshot import FROZEN_FROM, SnapshotTables

TEXT = "Officials from twelve countries attended the conference in Cozumel last week."


def _made(document: str = "a.txt", start: int = 0, tags: tuple[str, ...] = ("t",)) -> Annotation:
    return make_annotation(document, TEXT, start, start + 9, "", tags)


def _whole(path: Path) -> dict[str, Any]:
    """The tables as a whole parse of the snapshot and a replay of its journal give them."""
    tables: dict[str, Any] = json.loads(path.read_bytes() or b"{}")
    journal = path.with_name(path.name + ".journal")
    if journal.exists():
        apply_changes(tables, valid_prefix(journal.read_bytes())[0])
    return tables


def _lazy(tables: SnapshotTables) -> dict[str, Any]:
    return {name: tables[name] for name in tables}


def _lines(path: Path) -> dict[str, bytes]:
    """Each table's line of a snapshot written one table per line."""
    lines = path.read_bytes().split(b"\n")
    assert lines[0] == b"{" and lines[-2:] == [b"}", b""]
    return {json.loads(line.split(b": ", 1)[0]): line for line in lines[1:-2]}


def _database(path: Path) -> AnnotationStore:
    """A folded database with annotations, a codebook, a position and a history."""
    store = AnnotationStore(path)
    for i in range(3):
        store.add(_made(start=i, tags=(f"t{i}",)))
    store.set_reading_position("a.txt", 5)
    store.close()
    return AnnotationStore(path)


# -- the layout ------------------------------------------------------------------------------


def test_a_fold_writes_one_table_per_line_and_stays_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    assert set(_lines(path)) == {"annotations", "tags", "meta", "history", "positions"}
    assert json.loads(path.read_bytes()) == _whole(path)


def test_a_command_parses_only_the_tables_it_uses(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    store = AnnotationStore(path, read_only=True)
    assert store._tables.data.parsed() == ["meta"]  # the schema's version
    assert sum(store.tag_counts().values()) == 3
    assert "history" not in store._tables.data.parsed()
    history = AnnotationStore(path, read_only=True)
    assert len(history.history()) == 3
    assert "annotations" not in history._tables.data.parsed()


@pytest.mark.parametrize("lives_to_exit", [True, False], ids=["command", "app"])
def test_a_command_reads_each_table_in_the_files_bytes_and_the_app_copies_it_out(
    lives_to_exit: bool,
) -> None:
    # A command parses the annotations' line where it lies in the file's bytes, not copied
    # out first, nor the history's it never parses (0.1 s at 100,000 annotations); the app,
    # which reads the file again after each change by another process, copies each line
    # out, so no table left unparsed keeps the whole file alive. Both read the same tables
    # and write back the same file.
    records = {str(i): {"id": str(i), "tags": ["a/b"], "quote": "x" * 80} for i in range(5000)}
    steps = {"1": {"label": "import", "changes": [["annotations", "1", None]], "undone": False}}
    data = (
        b'{\n"annotations": ' + json.dumps(records).encode() + b',\n"history": '
        + json.dumps(steps).encode() + b',\n"meta": {"schema": {"version": 3}}\n}\n'
    )  # fmt: skip

    def read() -> tuple[SnapshotTables, list[Any]]:
        READS_LIVE_TO_EXIT.set(lives_to_exit)
        tables = SnapshotTables.read(data, Path("db.json"))
        lines = [tables._tables[name] for name in ("annotations", "history")]
        return tables, [getattr(line, "raw", None) for line in lines]

    gc.unfreeze()
    try:
        tables, raws = contextvars.copy_context().run(read)
        for raw in raws:
            if lives_to_exit:
                assert type(raw) is memoryview and raw.obj is data
            else:
                assert type(raw) is bytes
        assert contextvars.copy_context().run(lambda: tables["annotations"]) == records
        assert tables.to_bytes() == data
        assert tables.step_heads("history") == {"1": {"label": "import", "undone": False}}
    finally:
        gc.unfreeze()


def test_a_reading_position_is_read_without_the_annotations(tmp_path: Path) -> None:
    """The reader asks for the position of the document it opens at its first screen: that
    parsed and indexed every annotation on the UI thread (seconds at 100,000)."""
    path = tmp_path / "annotations.json"
    _database(path).close()
    store = AnnotationStore(path)
    assert store.reading_position("a.txt") == 5
    assert store.reading_position("b.txt") is None
    assert store.last_read() == "a.txt"
    assert "annotations" not in store._tables.data.parsed()
    store.set_reading_position("b.txt", 9)  # written and found again, still without them
    assert store.reading_position("b.txt") == 9
    assert store.reading_positions() == {"a.txt": 5, "b.txt": 9}
    assert len(store.annotations()) == 3  # the annotations when asked for
    store.set_reading_position("a.txt", 1)
    assert store.reading_positions() == {"a.txt": 1, "b.txt": 9}
    store.close()
    reopened = AnnotationStore(path)
    assert reopened.reading_positions() == {"a.txt": 1, "b.txt": 9}


def test_positions_follow_another_process(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    reader = AnnotationStore(path, read_only=True)
    assert reader.reading_position("c.txt") is None
    with AnnotationStore(path) as writer:
        writer.set_reading_position("c.txt", 3)
        writer.set_reading_position("a.txt", 4)
    assert reader.reading_position("c.txt") == 3
    assert reader.reading_positions() == {"a.txt": 4, "c.txt": 3}


def test_a_fold_writes_a_table_never_read_back_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    before = _lines(path)["history"]
    store = AnnotationStore(path)
    store.set_reading_position("b.txt", 7)  # no step: the history is not touched
    store.close()
    assert "history" not in store._tables.data.parsed()
    assert _lines(path)["history"] == before
    assert AnnotationStore(path).reading_position("b.txt") == 7


def test_a_command_writes_a_table_it_parsed_and_only_added_to_as_it_was_read_and_the_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A memo added to a database of 100,000 annotations wrote the annotations' 70 MB again
    # (read to find the documents, never changed), an annotation added the same: a command
    # keeps the file's bytes, and a fold writes such a table back as them, the records added
    # after them.  A code renamed on 4,000 of them dumped all 100,000: the records a change
    # replaced are dumped alone, the others written as the bytes they were read from.
    path = tmp_path / "annotations.json"
    _database(path).close()
    before = _lines(path)
    dumped: list[int] = []
    table_json = snapshot.table_json

    def counted(table: dict[str, Any]) -> list[bytes]:
        dumped.append(len(table))
        return table_json(table)

    monkeypatch.setattr(snapshot, "table_json", counted)

    def command(change: str) -> None:
        READS_LIVE_TO_EXIT.set(True)
        store = AnnotationStore(path)
        assert sum(store.tag_counts().values()) >= 3  # the annotations parsed
        store.set_reading_position("b.txt", 7)
        if change == "add":
            store.add(_made(start=30, tags=("t0",)))
        elif change == "edit":
            store.update(store.annotations()[0].evolve(note="changed"))
        store.close()
        assert "annotations" in store._tables.data.parsed()

    def dumped_whole(name: str) -> bytes:
        return json.dumps(name).encode() + b": " + json.dumps(_whole(path)[name]).encode()

    gc.unfreeze()
    try:
        contextvars.copy_context().run(command, "")
        assert dumped == [1]  # the new reading position alone
        assert _lines(path)["annotations"] == before["annotations"]
        assert _lines(path)["history"] == before["history"]
        dumped.clear()
        contextvars.copy_context().run(command, "add")
        # the new annotation and step, the position put again
        assert dumped == [1, 1, 1]
        assert _lines(path)["annotations"].startswith(before["annotations"][:-2])
        for name in ("annotations", "history", "positions"):
            assert _lines(path)[name].removesuffix(b",") == dumped_whole(name)
        dumped.clear()
        contextvars.copy_context().run(command, "edit")
        # the annotation changed, the position: the step written from the JSON of the
        # annotation as read and as written (test_table_as_read: step_json)
        assert dumped == [1, 1]
        assert [a.note for a in AnnotationStore(path).annotations()].count("changed") == 1
        assert json.loads(path.read_bytes()) == _whole(path)
        for name in ("annotations", "history", "positions"):
            assert _lines(path)[name].removesuffix(b",") == dumped_whole(name)
    finally:
        gc.unfreeze()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["annotations", "memos"]),
            st.sampled_from(["1", "2", "3", "4", "5", None]),
            st.one_of(st.none(), st.builds(lambda v: {"v": v}, st.integers(0, 3))),
        ),
        max_size=8,
    )
)
def test_a_table_a_command_parsed_is_written_as_one_dump_of_it_after_any_changes(
    changes: list[tuple[str, str | None, dict[str, int] | None]],
) -> None:
    """Written back as its line read, the records added after it, or whole: the same bytes as
    one ``json.dumps`` of the table as the changes leave it."""
    data = b'{\n"annotations": {"1": {"v": 1}, "2": {"v": 2}},\n"memos": {"1": {"v": 0}}\n}\n'

    def written() -> tuple[bytes, dict[str, Any]]:
        READS_LIVE_TO_EXIT.set(True)
        tables = SnapshotTables.read(data, Path("db.json"))
        assert tables["annotations"] and tables["memos"]  # parsed
        tables.apply(changes)
        return tables.to_bytes(), {name: dict(tables[name]) for name in tables}

    gc.unfreeze()
    try:
        got, expected = contextvars.copy_context().run(written)
    finally:
        gc.unfreeze()
    whole = ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in expected.items())
    assert got == ("{\n" + whole + "\n}\n").encode() if expected else got == b"{}"


def test_changes_to_a_table_not_parsed_wait_and_apply_in_order(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    reader = AnnotationStore(path, read_only=True)
    writer = AnnotationStore(path)
    made = writer.add(_made(start=20, tags=("new",)))
    writer.update(made.evolve(note="second"))
    writer.undo()
    assert reader.reload_if_changed()
    assert "history" not in reader._tables.data.parsed()
    assert _lazy(reader._tables.data) == _whole(path)
    assert [s.label for s in reader.history()][:2] == ["edit annotation", "create annotation"]
    writer.close()


@pytest.mark.parametrize("indent", [None, 0, 2])
def test_a_database_an_earlier_version_wrote_opens_and_is_laid_out_once(
    tmp_path: Path, indent: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "LAY_OUT_FROM", 0)  # as a big file is
    path = tmp_path / "annotations.json"
    _database(path).close()
    tables = json.loads(path.read_bytes())
    path.write_text(json.dumps(tables, indent=indent))
    earlier = path.read_bytes()
    read_only = AnnotationStore(path, read_only=True)
    assert _lazy(read_only._tables.data) == tables
    assert path.read_bytes() == earlier  # a read-only opening writes nothing
    store = AnnotationStore(path)
    assert len(store.annotations()) == 3
    assert set(_lines(path)) == set(tables)  # laid out one table per line ...
    assert json.loads(path.read_bytes()) == tables  # ... holding the same
    key = path.stat()
    store.close()
    AnnotationStore(path).close()
    assert path.stat().st_mtime_ns == key.st_mtime_ns  # once only


@pytest.mark.parametrize("indent", [None, 2])  # one line a table, or an editor's layout
def test_a_database_saved_with_a_byte_order_mark_opens_and_loses_nothing(
    tmp_path: Path, indent: int | None
) -> None:
    """Saved again by a Windows editor or PowerShell's ``Set-Content -Encoding UTF8`` (a
    code's name fixed by hand), it was refused as "damaged JSON (Unexpected UTF-8 BOM
    (decode using utf-8-sig) ...)"."""
    path = tmp_path / "annotations.json"
    _database(path).close()
    tables = _whole(path)
    body = path.read_bytes() if indent is None else json.dumps(tables, indent=indent).encode()
    path.write_bytes(b"\xef\xbb\xbf" + body)
    _opens_and_loses_nothing(path, tables)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_database_saved_in_utf16_opens_and_loses_nothing(tmp_path: Path, encoding: str) -> None:
    """Windows PowerShell's ``>`` and ``Out-File`` write UTF-16 with its mark (a code's name
    replaced in the file by a script): it was "not a text file (invalid start byte ...)"."""
    path = tmp_path / "annotations.json"
    _database(path).close()
    tables = _whole(path)
    mark = b"\xfe\xff" if encoding.endswith("be") else b""  # "utf-16" writes its own
    path.write_bytes(mark + path.read_text(encoding="utf-8").encode(encoding))
    _opens_and_loses_nothing(path, tables)
    path.write_bytes(b"\xff\xfe{\x00\x00")  # half a character: said, and left as it is
    with pytest.raises(StoreError, match="damaged UTF-16 text"):
        AnnotationStore(path)
    assert path.read_bytes() == b"\xff\xfe{\x00\x00"


def _opens_and_loses_nothing(path: Path, tables: dict[str, Any]) -> None:
    """The database at ``path``, holding ``tables`` in an editor's encoding, read as it is,
    changed, and written back in UTF-8 with no mark."""
    assert _lazy(AnnotationStore(path, read_only=True)._tables.data) == tables
    store = AnnotationStore(path)
    store.add(_made(start=20))
    store.close()
    assert len(AnnotationStore(path, read_only=True).annotations()) == 4
    assert path.read_bytes().startswith(b"{")  # written again without it


def test_a_small_database_an_earlier_version_wrote_is_left_as_it_is_until_a_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "annotations.json"
    _database(path).close()
    tables = json.loads(path.read_bytes())
    path.write_text(json.dumps(tables))
    earlier = path.read_bytes()
    store = AnnotationStore(path)
    assert len(store.annotations()) == 3
    store.close()
    assert path.read_bytes() == earlier  # opened and closed: not written
    store = AnnotationStore(path)
    store.set_reading_position("a.txt", 9)
    store.close()
    assert set(_lines(path)) == set(tables)  # the first fold lays it out


def test_an_empty_or_new_database_is_laid_out_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_bytes(b"{}")
    store = AnnotationStore(path)
    assert store.annotations() == []
    store.close()
    assert json.loads(path.read_bytes())["meta"]["1"] == {"schema_version": 1}


# -- damage ----------------------------------------------------------------------------------


def _damaged(path: Path, table: str) -> bytes:
    """The database with a stray quote in the middle of ``table``'s line (a bad edit)."""
    _database(path).close()
    line = _lines(path)[table]
    middle = len(line) // 2
    damaged = path.read_bytes().replace(line, line[:middle] + b'"' + line[middle:])
    path.write_bytes(damaged)
    return damaged


def test_a_damaged_line_is_reported_when_its_table_is_used_and_never_written_over(
    tmp_path: Path,
) -> None:
    path = tmp_path / "annotations.json"
    damaged = _damaged(path, "history")
    history_line = _lines_of(damaged)["history"]
    second = history_line.index(b'"2": {"label": ')
    third = history_line.index(b'"3": {"label": ')
    assert second < len(history_line) // 2 < third  # the second step's text is damaged
    store = AnnotationStore(path)
    assert len(store.annotations()) == 3  # the other tables read as ever
    # (the listing of the steps reads their labels alone, and an undo the changes of the
    # step it takes back alone: the third, whole, is taken back; the second's are damaged)
    store.undo()
    with pytest.raises(StoreError, match=r"damaged JSON.*'history'.*left as it is") as caught:
        store.undo()
    assert str(path) in str(caught.value)
    with pytest.raises(StoreError, match="damaged JSON"):
        store.add(_made(start=30))  # its step cannot be written: nothing is saved
    store.set_reading_position("c.txt", 3)  # no step: saved
    store.close()
    assert _lines(path)["history"][: third - 2] == history_line[: third - 2]  # kept as it was
    assert len(AnnotationStore(path, read_only=True).annotations()) == 2


def _lines_of(data: bytes) -> dict[str, bytes]:
    lines = data.split(b"\n")
    return {json.loads(line.split(b": ", 1)[0]): line for line in lines[1:-2]}


def test_a_damaged_annotations_line_fails_the_first_reading_of_them(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    damaged = _damaged(path, "annotations")
    store = AnnotationStore(path, read_only=True)
    with pytest.raises(StoreError, match=r"damaged JSON.*'annotations'"):
        store.annotations()
    assert path.read_bytes() == damaged


def test_two_tables_on_one_line_are_refused_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_bytes(b'{\n"annotations": {}, "_default": {"1": {"a": 1}}\n}\n')
    with pytest.raises(StoreError, match="'annotations'"):  # at opening: its schema is 0
        AnnotationStore(path, read_only=True).annotations()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_table_is_parsed_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    tables = SnapshotTables.read(b'{\n"annotations": {"1": {"id": "a"}}\n}\n', Path("db.json"))
    with collector_at_parse(monkeypatch, enabled) as seen:
        assert tables["annotations"] == {"1": {"id": "a"}}
        assert seen == [False] and gc.isenabled() is enabled


@pytest.mark.parametrize("lives_to_exit", [True, False])
def test_a_table_read_by_a_command_is_frozen_out_of_the_collector(lives_to_exit: bool) -> None:
    tables = SnapshotTables.read(b'{\n"annotations": {"1": {"tags": ["a"]}}\n}\n', Path("db.json"))

    def read() -> Any:
        READS_LIVE_TO_EXIT.set(lives_to_exit)
        return tables["annotations"]

    gc.unfreeze()
    try:
        table = contextvars.copy_context().run(read)
        frozen = gc.get_freeze_count() > 0
        assert frozen is lives_to_exit
        assert table == {"1": {"tags": ["a"]}} and gc.is_tracked(table["1"])
    finally:
        gc.unfreeze()  # the test process collects as usual again


def test_a_big_table_read_by_the_app_is_frozen_out_of_the_collector() -> None:
    """It lives as long as the store; passes over 100,000 records held the app's keys."""
    records = {str(i): {"id": str(i), "tags": ["a/b"], "quote": "x" * 80} for i in range(12_000)}
    data = b'{\n"annotations": ' + json.dumps(records).encode() + b"\n}\n"
    assert len(data) > FROZEN_FROM
    tables = SnapshotTables.read(data, Path("db.json"))
    gc.unfreeze()
    try:
        table = contextvars.copy_context().run(lambda: tables["annotations"])  # as the app
        assert gc.get_freeze_count() >= len(records)
        assert table == records
    finally:
        gc.unfreeze()


MARK = "a record of the big table"


def _big_database(path: Path, count: int) -> None:
    """A database of ``count`` annotations laid out a table a line, its table > FROZEN_FROM."""
    records = {
        str(i): {
            "id": f"id-{i}", "document": "a.txt", "start": 0, "end": 4, "quote": "Some" * 20,
            "prefix": "", "suffix": "", "doc_sha256": "", "tags": ["a/b"], "note": MARK,
            "created": "", "updated": "", "status": "anchored", "coder": "me", "revision": 0,
        }
        for i in range(count)
    }  # fmt: skip
    meta = {"1": {"schema_version": 1}}
    history = {"1": {"label": MARK + "x" * 1_000_000}}  # a table not read: waits as its line
    path.write_text(
        '{\n"annotations": ' + json.dumps(records) + ',\n"meta": ' + json.dumps(meta)
        + ',\n"history": ' + json.dumps(history) + "\n}\n"
    )  # fmt: skip


# Run in a process of its own: each reading again collects the whole process (one full pass of
# the collector), which in a test runner's process that has run thousands of tests walks
# millions of objects of theirs (13 s of CPU for the five readings, not 0.7 s).
_READ_AGAIN_FIVE_TIMES = """
import gc, json, sys
from pathlib import Path
from tui_reader.core.store.annotation_store import AnnotationStore
path, mark = Path(sys.argv[1]), sys.argv[2].encode()
store = AnnotationStore(path)  # as the app: not a command's process
read = [len(store.annotations())]
frozen = gc.get_freeze_count() > 0
for round_ in range(5):
    with AnnotationStore(path) as other:  # another process changes and folds it
        other.set_reading_position(f"doc{round_}.txt", 1)
        other._tables.compact()
    read.append(len(store.annotations()) if store.reload_if_changed() else -1)
gc.unfreeze()  # what lives, frozen or not, is seen (and nothing collected yet)
left = [o for o in gc.get_objects() if type(o).__name__ == "_Unparsed"]
print(json.dumps([read, frozen, sum(1 for o in left if mark in o.value[:100])]))
store.close()
"""


def test_a_big_table_read_again_by_the_app_leaves_nothing_of_the_one_before(
    tmp_path: Path,
) -> None:
    """Frozen with the first table, what the tables read before left (the lines of the
    tables not read, 68 MB of history at 100,000 annotations) lived on each time another
    process folded the file and the app read it again: 128 MB more each time."""
    path = tmp_path / "annotations.json"
    _big_database(path, 6000)
    run = subprocess.run(
        [sys.executable, "-c", _READ_AGAIN_FIVE_TIMES, str(path), MARK],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    read, frozen, histories = json.loads(run.stdout)
    assert read == [6000] * 6 and frozen
    # The store's history not read, and at most the last fold's (not yet collected): not
    # five folds' worth.
    assert histories <= 2


# -- the property: read lazily is read whole -------------------------------------------------

OPERATION = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 1), st.integers(0, 40), st.sampled_from("xyz")),
    st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, 9)),
    st.tuples(st.just("rename"), st.integers(0, 1), st.sampled_from("xyz"), st.sampled_from("xyz")),
    st.tuples(st.just("position"), st.integers(0, 1), st.integers(0, 99)),
    st.tuples(st.just("attribute"), st.integers(0, 1), st.integers(0, 99)),
    st.tuples(st.just("undo"), st.integers(0, 1)),
    st.tuples(st.just("redo"), st.integers(0, 1)),
    st.tuples(st.just("fold"), st.integers(0, 1)),
    st.tuples(st.just("reopen"), st.integers(0, 1)),
    st.tuples(st.just("look"), st.integers(0, 1)),
    st.tuples(st.just("counts"), st.integers(0, 1)),  # the records by document grouped
    st.tuples(
        st.just("read"),
        st.integers(0, 1),
        st.sampled_from(["annotations", "history", "tags", "positions", "attributes"]),
    ),
)


def _run(stores: list[AnnotationStore], path: Path, operation: tuple[Any, ...]) -> None:
    kind, which, *rest = operation
    store = stores[which]
    known = store.annotations()
    if kind == "add":
        store.add(_made(f"{rest[1]}.txt", rest[0] % 60, (rest[1], f"{rest[1]}/{rest[0] % 3}")))
    elif kind == "edit" and known:
        store.update(known[rest[0] % len(known)].evolve(note=f"note {len(known)}"))
    elif kind == "delete" and known:
        store.delete(known[rest[0] % len(known)].id)
    elif kind == "rename" and rest[0] != rest[1] and store.tag(rest[0]):
        if any(t.name.split("/")[0] == rest[1] for t in store.tags()):  # into a code there
            store.merge_tags(rest[0], rest[1])
        else:
            store.rename_tag(rest[0], rest[1])  # else it takes the new name
    elif kind == "position":
        store.set_reading_position(f"{rest[0] % 3}.txt", rest[0])
    elif kind == "attribute":
        store.set_attributes([(f"{rest[0] % 3}.txt", {"year": rest[0]})])
    elif kind in ("undo", "redo"):
        with contextlib.suppress(UndoRefused):
            store.undo() if kind == "undo" else store.redo()
    elif kind == "fold":
        store.compact()
    elif kind == "reopen":
        store.close()
        stores[which] = AnnotationStore(path, compact_bytes=store._tables.compact_bytes)
    elif kind == "look":
        store.reload_if_changed()
    elif kind == "counts":
        store.annotation_counts()
    elif kind == "read":
        store._tables.data.get(rest[0])


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(OPERATION, max_size=25),
    st.sampled_from([400, 4000, 1 << 22]),
    st.booleans(),
)
def test_tables_read_lazily_are_the_tables_read_whole(
    operations: list[tuple[Any, ...]], compact_bytes: int, one_line_first: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotations.json"
        with AnnotationStore(path) as first:
            first.set_tag(Tag("x"))
            first.add(_made("0.txt", 3, ("x",)))
        if one_line_first:  # as an earlier version wrote it
            path.write_text(json.dumps(json.loads(path.read_bytes())))
        stores = [AnnotationStore(path, compact_bytes=compact_bytes) for _ in range(2)]
        for operation in operations:
            _run(stores, path, operation)
        for store in stores:  # each process's tables, as changed in memory, after a look
            store.reload_if_changed()
            assert _lazy(store._tables.data) == _whole(path)
        fresh = JournaledTables(path, read_only=True)
        assert _lazy(fresh.data) == _whole(path)
        expected = AnnotationStore(path, read_only=True)
        for store in stores:
            assert store.annotations() == expected.annotations()
            assert store.history() == expected.history()
            assert store.tag_counts() == expected.tag_counts()
            assert store.annotation_counts() == expected.annotation_counts()
            assert store.coder_counts() == expected.coder_counts()
        for store in stores:
            store.close()
        assert json.loads(path.read_bytes()) == _whole(path)  # folded: the file alone


# -- whether a file names a table, read a chunk at a time ----------------------------------------

_NAMES = st.sampled_from(["annotations", "memos", "meta", "history", "tags"])
_RECORDS = st.dictionaries(
    st.text("0123456789", min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(["text", "memos", "note"]), st.text(max_size=30), max_size=3),
    max_size=4,
)


@settings(max_examples=examples(80), deadline=None)
@given(st.dictionaries(_NAMES, _RECORDS, max_size=4), st.integers(1, 64), st.booleans())
def test_may_name_table_never_misses_a_table_and_never_invents_one_by_line(
    tmp_path_factory: pytest.TempPathFactory,
    tables: dict[str, dict[str, dict[str, str]]],
    chunk: int,
    one_line: bool,
) -> None:
    """Written a table per line (as the store writes it) the answer is exact, whatever the
    records hold (a string holding the name, a chunk's edge inside it); in one line, as plain
    TinyDB writes it, a table there is never missed."""
    path = tmp_path_factory.mktemp("names") / "annotations.json"
    if one_line:
        path.write_text(json.dumps(tables), encoding="utf-8")
    else:
        path.write_bytes(SnapshotTables(path, dict(tables)).to_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "SCAN_BYTES", chunk)
        for name in ("annotations", "memos", "meta", "history", "tags"):
            found = snapshot.may_name_table(path, name)
            if name in tables:
                assert found, name
            elif not one_line:
                assert not found, name


def test_may_name_table_in_an_indented_file(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps({"annotations": {}, "memos": {"1": {}}}, indent=4))
    assert snapshot.may_name_table(path, "memos")
    path.write_text(json.dumps({"annotations": {"1": {"x": 1}}}, indent=0))
    assert not snapshot.may_name_table(path, "memos")


@settings(max_examples=examples(40))
@given(
    st.dictionaries(
        st.text(max_size=4),
        st.dictionaries(st.sampled_from(["quote", "é", "n"]), st.text() | st.integers()),
        max_size=30,
    ),
    st.integers(1, 7),
)
def test_a_table_written_in_parts_is_the_bytes_of_one_dump(
    table: dict[str, Any], at_once: int
) -> None:
    """A big table is written a part at a time (other threads run between parts): the file
    holds exactly what one ``json.dumps`` of the table wrote."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "WRITTEN_AT_ONCE", at_once)
        written = b"".join(snapshot.table_json(table))
    assert written == json.dumps(table).encode("ascii")
    assert json.loads(written) == table


def test_a_copy_to_write_keeps_the_tables_as_they_were(tmp_path: Path) -> None:
    """A fold writing from a copy while saves go on: the copy is the tables when it was
    made, however they change after."""
    tables = SnapshotTables(tmp_path / "db.json", {"annotations": {"1": {"v": 1}}})
    copy = tables.copy_to_write()
    tables.apply([("annotations", "2", {"v": 2}), ("annotations", "1", None)])
    assert json.loads(copy.to_bytes()) == {"annotations": {"1": {"v": 1}}}
    assert json.loads(tables.to_bytes()) == {"annotations": {"2": {"v": 2}}}
