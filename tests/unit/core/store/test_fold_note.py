"""A fold in one process does not make the others read the whole database again: its note
(``annotations.json.fold``) says what it folded, and a process that had read exactly that
takes the new file as read.  Whatever the note says, every process's tables stay the files'."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.errors import StoreError
from tui_reader.core.store.journal import Change, JournaledTables, Tables

TABLE = "annotations"


class Counted:
    """A process's tables, with the number of times it read everything."""

    def __init__(self, path: Path) -> None:
        self.reads_all = 0
        self.tables = JournaledTables(path, listener=self._seen)
        self.tables.refresh()

    def _seen(self, data: Tables, changes: Sequence[Change] | None) -> None:
        if changes is None:
            self.reads_all += 1

    def write(self, key: str, value: int) -> None:
        with self.tables.transaction():
            self.tables.commit([(TABLE, key, {"value": value})])

    def content(self) -> dict[str, dict[str, object]]:
        return {name: dict(table) for name, table in self.tables.data.items()}


def fresh(path: Path) -> dict[str, dict[str, object]]:
    opened = JournaledTables(path, read_only=True)
    try:
        return {name: dict(table) for name, table in opened.data.items()}
    finally:
        opened.close(compact=False)


def test_a_fold_of_what_another_process_had_read_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    app, command = Counted(path), Counted(path)
    app.write("1", 1)
    command.tables.refresh()  # the command read the app's change ...
    reads = app.reads_all
    command.tables.compact()  # ... and folds the journal (grown past its bound)
    command.tables.close()
    assert path.with_name("annotations.json.fold").exists()
    assert app.tables.refresh() is False  # nothing new: the same tables
    assert app.reads_all == reads
    assert app.content() == fresh(path)
    app.write("2", 2)  # the emptied journal goes on from its start
    assert app.content() == fresh(path) == {TABLE: {"1": {"value": 1}, "2": {"value": 2}}}
    app.tables.close()


def test_a_fold_of_more_than_was_read_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    app, command = Counted(path), Counted(path)
    app.write("1", 1)
    app.tables.refresh()
    command.write("2", 2)  # not read by the app yet when it is folded
    command.tables.compact()
    command.tables.close()
    assert app.tables.refresh() is True
    assert app.reads_all == 2
    assert app.content() == fresh(path)
    app.tables.close()


def test_a_damaged_or_special_note_means_reading_again(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    note = path.with_name("annotations.json.fold")
    for damage in ("garbage", "fifo", "missing"):
        app, command = Counted(path), Counted(path)
        app.write(damage, 1)
        command.tables.refresh()
        command.tables.compact()
        command.tables.close()
        note.unlink()
        if damage == "garbage":
            note.write_bytes(b'{"from": [1, 2], "to": ')
        elif damage == "fifo":
            os.mkfifo(note)  # read without a writer: must not wait
        assert app.tables.refresh() is True, damage
        assert app.content() == fresh(path), damage
        app.tables.close()
        note.unlink(missing_ok=True)


def test_a_note_left_by_an_earlier_fold_is_not_followed(tmp_path: Path) -> None:
    """A fold that stopped after replacing the file (killed before its note): the note
    there is the earlier fold's, and does not match the new file."""
    path = tmp_path / "annotations.json"
    note = path.with_name("annotations.json.fold")
    app, command = Counted(path), Counted(path)
    app.write("1", 1)
    command.tables.refresh()
    command.tables.compact()
    earlier = note.read_bytes()
    app.tables.refresh()
    command.write("2", 2)
    app.tables.refresh()
    command.tables.compact()
    note.write_bytes(earlier)  # as if this fold had not written its own
    assert app.tables.refresh() is True
    assert app.content() == fresh(path)
    app.tables.close()
    command.tables.close()


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["write", "fold", "look"]), st.integers(0, 1), st.integers(0, 3)),
        max_size=25,
    )
)
def test_any_order_of_writes_folds_and_looks_keeps_every_process_on_the_files(
    tmp_path_factory: object, steps: list[tuple[str, int, int]]
) -> None:
    folder: Path = tmp_path_factory.mktemp("folds")  # type: ignore[attr-defined]
    path = folder / "annotations.json"
    processes = [Counted(path), Counted(path)]
    try:
        for number, (what, who, key) in enumerate(steps):
            process = processes[who]
            if what == "write":
                process.write(str(key), number)
            elif what == "fold":
                process.tables.compact()
            else:
                process.tables.refresh()
                assert process.content() == fresh(path)
        for process in processes:
            process.tables.refresh()
            assert process.content() == fresh(path)
    finally:
        for process in processes:
            process.tables.close()


def test_only_the_last_process_to_close_folds(tmp_path: Path) -> None:
    """A command closing while the app has the database open leaves the file as it is (a
    fold rewrites all of it: seconds at 100,000 annotations); the last to close folds, so
    plain TinyDB reads everything once no process has it open."""
    path = tmp_path / "annotations.json"
    journal = path.with_name("annotations.json.journal")
    app = Counted(path)
    app.write("1", 1)
    before = path.stat()
    command = Counted(path)
    command.write("2", 2)
    command.tables.close()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert journal.stat().st_size > 0
    assert app.tables.refresh() is True and app.reads_all == 1  # the journal's tail only
    app.tables.close()  # the last one
    assert journal.stat().st_size == 0
    assert fresh(path) == {TABLE: {"1": {"value": 1}, "2": {"value": 2}}}
    assert '"2"' in path.read_text()


def test_a_database_that_fails_to_open_holds_nothing_open(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    path.write_text("{damaged")
    for _ in range(2):
        with pytest.raises(StoreError):
            JournaledTables(path)
    path.write_text("{}")
    alone = Counted(path)
    alone.write("1", 1)
    alone.tables.close()
    assert '"1"' in path.read_text()  # no opening that failed counted as still open
