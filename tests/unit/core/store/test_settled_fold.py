"""The fold once changes settle: ``annotations.json`` alone, copied while the app is open (a
backup, ``git add``, a synced folder), holds every change once none came for a few seconds;
a change made while the file is written is never lost, and other processes go on reading."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store import durable_files, journal
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal import (
    FOLD_SHARE,
    RETRY_AFTER,
    SETTLED_AFTER,
    JournaledTables,
)

TEXT = "Officials from twelve countries attended the conference in Cozumel."
TABLE = "annotations"


def sample(i: int):  # type: ignore[no-untyped-def]
    return make_annotation("a.txt", TEXT, i % 20, i % 20 + 8, "", ("t",))


def age_journal(path: Path, seconds: float = SETTLED_AFTER + 1) -> None:
    """The journal's last change made ``seconds`` ago, as if no change came since."""
    journal_path = path.with_name(path.name + ".journal")
    then = time.time() - seconds
    os.utime(journal_path, (then, then))


def snapshot_alone(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    """What a copy of the database file alone holds, read as any JSON reader reads it."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def test_a_settled_change_is_in_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    made = store.add(sample(1))
    assert not store.settled()  # just made: not settled yet
    age_journal(path)
    assert store.settled()
    assert store.fold_settled()
    ids = [r["id"] for r in snapshot_alone(path)[TABLE].values()]
    assert ids == [made.id]
    assert path.with_name("annotations.json.journal").read_bytes() == b""
    assert not store.settled()  # nothing left to fold
    copy = tmp_path / "copy" / "backup.json"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())  # the file alone, its journal left behind
    with AnnotationStore(copy) as opened:
        assert [a.id for a in opened.annotations()] == [made.id]
    later = store.add(sample(2))  # the store goes on after its fold
    store.close()
    assert {r["id"] for r in snapshot_alone(path)[TABLE].values()} == {made.id, later.id}


def test_a_change_made_while_the_file_is_written_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is written holding no lock: a change made meanwhile, by this process or
    another, drops that fold (the file stays as it was), and the next quiet moment folds."""
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    first = store.add(sample(1))
    other = AnnotationStore(path)  # a command run beside the app
    written = durable_files.written_beside
    during: list[str] = []

    def writing_while_changed(target: Path, data: object) -> Path:
        tmp = written(target, data)  # type: ignore[arg-type]
        if not during:
            during.append(other.add(sample(2)).id)
            during.append(store.add(sample(3)).id)
        return tmp

    monkeypatch.setattr(durable_files, "written_beside", writing_while_changed)
    age_journal(path)
    before = path.read_bytes()
    assert not store.fold_settled()
    assert path.read_bytes() == before  # not replaced by a file missing the two changes
    assert not list(tmp_path.glob(".annotations.json.*.tmp"))  # its temp file taken away
    everything = {first.id, *during}
    assert {a.id for a in AnnotationStore(path, read_only=True).annotations()} == everything
    age_journal(path)
    assert store.fold_settled()
    assert {r["id"] for r in snapshot_alone(path)[TABLE].values()} == everything
    assert {a.id for a in other.annotations()} == everything
    other.close()
    store.close()


def test_another_process_follows_the_fold_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    reads_all: list[None] = []

    def seen(_: object, changes: object) -> None:
        if changes is None:
            reads_all.append(None)

    app = JournaledTables(path)
    command = JournaledTables(path, listener=seen)
    with command.transaction():
        command.commit([(TABLE, "1", {"value": 1})])
    command.close()  # not the last out: leaves the change in the journal
    assert "1" not in snapshot_alone(path).get(TABLE, {})
    reads_all.clear()
    reading = JournaledTables(path, listener=seen)
    reads_all.clear()
    age_journal(path)
    assert app.settled() and app.fold_settled()
    assert snapshot_alone(path)[TABLE] == {"1": {"value": 1}}
    assert reading.refresh() is False and reads_all == []  # the fold's note: the same tables
    with reading.transaction():
        reading.commit([(TABLE, "2", {"value": 2})])
    app.refresh()
    assert dict(app.data[TABLE]) == {"1": {"value": 1}, "2": {"value": 2}}
    reading.close()
    app.close()


def test_big_folds_are_spaced_by_what_they_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fold of 100,000 annotations takes seconds: after one that took t seconds, the next
    comes no sooner than FOLD_SHARE times t after it, however often changes settle."""
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    clock = [100.0]
    monkeypatch.setattr(journal.time, "monotonic", lambda: clock[0])
    written = durable_files.written_beside

    def slow(target: Path, data: object) -> Path:
        if target == path:
            clock[0] += 2.0  # this fold takes two seconds to write the database
        return written(target, data)  # type: ignore[arg-type]

    monkeypatch.setattr(durable_files, "written_beside", slow)
    store.add(sample(1))
    age_journal(path)
    assert store.fold_settled()
    store.add(sample(2))
    age_journal(path)
    clock[0] = 102.0 + FOLD_SHARE * 2.0 - 1
    assert not store.settled()
    clock[0] += 2
    assert store.settled()
    store.close()


def test_a_fold_that_fails_loses_nothing_and_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    made = store.add(sample(1))

    def full(target: Path, data: object) -> Path:
        raise StoreError(f"{target}: could not save (No space left on device)") from OSError(
            28, "No space left on device"
        )

    monkeypatch.setattr(durable_files, "written_beside", full)
    clock = [100.0]
    monkeypatch.setattr(journal.time, "monotonic", lambda: clock[0])
    age_journal(path)
    assert not store.fold_settled()
    warning = store.take_fold_warning()
    assert warning is not None and "No space left on device" in warning
    assert "saved all the same" in warning
    clock[0] += 1.0
    age_journal(path)
    assert not store.settled()  # not tried again at once, filling the disk every time
    clock[0] += RETRY_AFTER
    assert store.settled()
    assert [a.id for a in AnnotationStore(path, read_only=True).annotations()] == [made.id]
    monkeypatch.undo()
    store.close()
    assert [r["id"] for r in snapshot_alone(path)[TABLE].values()] == [made.id]


def test_a_read_only_database_is_never_folded(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(sample(1))
    viewer = AnnotationStore(path, read_only=True)
    assert not viewer.settled() and not viewer.fold_settled()


@settings(max_examples=examples(25))
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "fold", "fold-with-change"]), st.integers(0, 5)),
        max_size=8,
    )
)
def test_every_change_survives_any_order_of_folds(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    """Two processes change one table; one folds when settled, at times with a change of
    the other's while it writes the file. The file and its journal always hold what was
    saved last, and the file alone holds it after every fold that says it folded."""
    path = tmp_path_factory.mktemp("db") / "annotations.json"
    a, b = JournaledTables(path), JournaledTables(path)
    model: dict[str, dict[str, int]] = {}
    written = durable_files.written_beside
    try:
        for value, (who, key) in enumerate(steps):
            if who in ("a", "b"):
                tables = a if who == "a" else b
                with tables.transaction():
                    tables.commit([(TABLE, str(key), {"v": value})])
                model[str(key)] = {"v": value}
                continue
            if who == "fold-with-change":

                def changing(target: Path, data: object, key: int = key, value: int = value):  # type: ignore[no-untyped-def]
                    with b.transaction():
                        b.commit([(TABLE, str(key), {"v": -value})])
                    model[str(key)] = {"v": -value}
                    return written(target, data)  # type: ignore[arg-type]

                durable_files.written_beside = changing  # type: ignore[assignment]
            try:
                folded = a.fold_settled()
            finally:
                durable_files.written_beside = written  # type: ignore[assignment]
            if folded:
                assert snapshot_alone(path).get(TABLE, {}) == model
            fresh = JournaledTables(path, read_only=True)
            assert dict(fresh.data.get(TABLE, {})) == model
            fresh.close(compact=False)
            a.refresh()
            b.refresh()
            assert dict(a.data.get(TABLE, {})) == model == dict(b.data.get(TABLE, {}))
    finally:
        durable_files.written_beside = written  # type: ignore[assignment]
        a.close()
        b.close()
