"""A coder renamed changes each record as the store wrote it in place, no annotation made of it
and the index of every annotation not built: the same records, counts and problems as each
annotation read, given the new coder and written again, whatever the file holds."""

from __future__ import annotations

import contextvars
import gc
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.store import annotation_store, index, journal_lines
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import ANNOTATIONS, as_written

TEXT = "Officials from twelve countries attended the conference in Cozumel last week."
NOW = "2026-12-07T00:00:00Z"

# what a hand-edited file or another program does to a record the store wrote
ODDITIES = [
    ("coder", None),  # no coder: the default coder's
    ("coder", ""),
    ("tags", ["x/"]),  # a code read as x
    ("tags", "x"),
    ("status", None),
    ("revision", None),
    ("revision", True),
    ("revision", -1),
    ("start", "4"),
    ("status", "lost"),
    ("extra", {"kept": 1}),  # a field of a newer version
    ("order", None),  # its fields in another order
    ("quote", None),
]


@st.composite
def record(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.integers(0, 20))
    made = make_annotation(
        draw(st.sampled_from(["a.txt", "b.txt"])),
        TEXT,
        start,
        start + draw(st.integers(1, 9)),
        draw(st.sampled_from(["", "a note"])),
        tuple(draw(st.lists(st.sampled_from(["x", "y/z", "é"]), max_size=2))),
        coder=draw(st.sampled_from(["ana", "ben"])),
    )
    found = made.to_record()
    if draw(st.integers(0, 3)) == 0:
        field, value = draw(st.sampled_from(ODDITIES))
        if field == "order":
            found = dict(reversed(found.items()))
        elif value is None:
            found.pop(field, None)
        else:
            found[field] = value
    return found


def _renamed(
    records: dict[str, dict[str, Any]], as_before: bool
) -> tuple[tuple[int, int], Any, list[str]]:
    """``rename_coder("ana", "zoe")`` on a database of ``records`` whose default coder is
    ana: what it returns, the annotations as saved, the problems.  ``as_before``: each
    annotation read by the index and written again from it."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "db.json"
        meta = {"1": {"schema_version": 1}, "2": {"default_coder": "ana"}}
        path.write_text(json.dumps({ANNOTATIONS: records, "meta": meta}), encoding="utf-8")
        patch.setattr(annotation_store, "utc_now", lambda: NOW)
        if as_before:
            patch.setattr(annotation_store, "as_written", lambda values, **_: False)
        with AnnotationStore(path, coder="ana") as store:
            counts = store.rename_coder("ana", "zoe")
            saved = json.loads(json.dumps(store._tables.data[ANNOTATIONS]))
            problems = [p.replace(str(path), "db.json") for p in store.problems]
        return counts, saved, problems


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.dictionaries(st.sampled_from([str(n) for n in range(1, 9)]), record(), max_size=6))
def test_a_coder_renamed_record_by_record_is_as_each_annotation_written_again(
    records: dict[str, dict[str, Any]],
) -> None:
    assert _renamed(records, as_before=False) == _renamed(records, as_before=True)


def _three_of_ana_one_of_ben(tmp_path: Path) -> Path:
    """A database of three passages coded by ana and one by ben."""
    path = tmp_path / "db.json"
    with AnnotationStore(path, coder="ana") as store:
        for start in (0, 10, 20):
            store.add(make_annotation("a.txt", TEXT, start, start + 5, "", ("x",)))
        store.add(make_annotation("a.txt", TEXT, 30, 35, "", ("x",), coder="ben"))
    return path


def test_a_coder_renamed_on_a_store_just_opened_builds_no_index_and_no_annotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20,004 of the bench's 100,000 annotations were each made an Annotation, given the new
    # name and written back as a record, after the index of all 100,000 was built (0.3 s)
    path = _three_of_ana_one_of_ben(tmp_path)
    made: list[int] = []
    from_record = Annotation.from_record.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Annotation], record: dict[str, Any], coder: str = "") -> Annotation:
        made.append(1)
        return from_record(cls, record, coder)  # type: ignore[no-any-return]

    monkeypatch.setattr(Annotation, "from_record", classmethod(counted))
    with AnnotationStore(path, coder="ana") as store:
        assert store.rename_coder("ana", "zoe") == (3, 0)
        assert store._index.stale and made == []
        assert store.coder_counts() == {"ben": 1, "zoe": 3}
        revisions = [r["revision"] for r in store._tables.data[ANNOTATIONS].values()]
        assert revisions == [1, 1, 1, 0]


def _lengths_looked_at(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """The lengths of the values ``index``'s function ``name`` is given, from now on."""
    looked_at: list[int] = []
    looks = getattr(index, name)

    def counted(values: Any) -> Any:
        looked_at.append(len(values))
        return looks(values)

    monkeypatch.setattr(index, name, counted)
    return looked_at


def test_the_records_are_looked_at_once_for_the_coders_counted_and_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # coders rename counts the coders (every record checked a field at a time, 0.15 s at
    # 100,000), then checked every record again to rename them as written (0.2 s); then
    # those renamed alone were looked at again, as they were renamed (0.1 s for the bench's
    # 20,004, parts of the table checked whole) and as they are put: as they are put alone
    path = _three_of_ana_one_of_ben(tmp_path)
    looked_at = _lengths_looked_at(monkeypatch, "plain_columns")
    with AnnotationStore(path, coder="ana") as store:
        assert store.coder_counts() == {"ana": 3, "ben": 1}
        assert store.rename_coder("ana", "zoe") == (3, 0)
        assert store.rename_coder("ben", "ana") == (1, 0)  # the records put: 3, then 1
        assert store._index.stale and store.coder_counts() == {"ana": 1, "zoe": 3}
    assert looked_at == [4, 3, 1]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(record(), max_size=6), st.data())
def test_records_of_a_table_of_plain_records_are_as_written_checked_or_not(
    records: list[dict[str, Any]], data: st.DataObject
) -> None:
    # rename_coder does not check again the columns of the records it renames when the
    # table they are part of was checked whole (StoreIndex.records_plain)
    if index.plain_columns(records) is None:
        return
    part = data.draw(st.lists(st.sampled_from(records), max_size=6) if records else st.just([]))
    assert as_written(part, plain=True) == as_written(part)


def test_only_the_records_renamed_are_checked_as_the_store_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every record's fields were checked to be as the store writes them (0.25 s at 100,000
    # annotations), to rename the 20,004 of one coder: only those renamed need to be
    path = _three_of_ana_one_of_ben(tmp_path)
    looked_at = _lengths_looked_at(monkeypatch, "written_fields")
    with AnnotationStore(path, coder="ana") as store:
        assert store.coder_counts() == {"ana": 3, "ben": 1}
        assert store.rename_coder("ben", "bob") == (1, 0)
        assert store.rename_coder("ana", "zoe") == (3, 0)
        assert store._index.stale and store.coder_counts() == {"bob": 1, "zoe": 3}
    assert looked_at == [1, 3]


def test_the_records_renamed_are_not_looked_at_again_as_the_line_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each record renamed, checked as the store writes it, was looked at again for the
    # types orjson writes as json.dumps does, with the record it replaces, both in the step
    # too: the bench's 60,012 records, 0.18 s
    path = _three_of_ana_one_of_ben(tmp_path)
    walk = journal_lines._only_plain
    unknown: list[int] = []

    def looked_at(value: Any, known: Any = None) -> bool:
        records = [c[2] for c in value if c[0] == ANNOTATIONS]
        for _, _, step in (c for c in value if c[0] == "history" and c[2] is not None):
            records += [r for entry in step["changes"] for r in entry[2:]]
        unknown.append(sum(1 for r in records if (known or {}).get(id(r)) is not r))
        return bool(walk(value) if known is None else walk(value, known))

    monkeypatch.setattr(journal_lines, "_only_plain", looked_at)
    with AnnotationStore(path, coder="ana") as store:
        assert store.rename_coder("ana", "zoe") == (3, 0)
        assert store.coder_counts() == {"ben": 1, "zoe": 3}
    assert unknown == [0]
    with AnnotationStore(path, coder="ana") as store:  # and the line read back as written
        records = store._tables.data[ANNOTATIONS]
        assert [r["coder"] for r in records.values()] == ["zoe", "zoe", "zoe", "ben"]


def _command(argv: list[str]) -> int:
    """``argv`` run as the command line runs it, in a context of its own: its tables as read."""
    from tui_reader.cli.main import main
    from tui_reader.core.store.caller import READS_LIVE_TO_EXIT

    def run() -> int:
        READS_LIVE_TO_EXIT.set(True)
        try:
            return main(argv)
        finally:
            gc.unfreeze()

    return contextvars.copy_context().run(run)


def _steps_dumped_whole(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The keys of the steps in each table ``snapshot.table_json`` dumps, from now on."""
    from tui_reader.core.store import snapshot

    dumped: list[list[str]] = []
    dump = snapshot.table_json

    def counted(table: dict[str, Any]) -> list[bytes]:
        dumped.append([k for k, record in table.items() if "changes" in record])
        return dump(table)

    monkeypatch.setattr(snapshot, "table_json", counted)
    return dumped


def test_the_fold_of_a_coder_renamed_writes_the_step_from_the_records_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fold wrote each record renamed in the annotations' line (as read, dumped as
    # renamed), then dumped the step holding both again: 27 MB for the bench's 20,004
    from tui_reader.cli.main import main

    path = _three_of_ana_one_of_ben(tmp_path)
    assert main(["coders", "--db", str(path)]) == 0  # (its journal folded)
    dumped = _steps_dumped_whole(monkeypatch)
    before = json.loads(path.read_text())
    assert _command(["coders", "rename", "ana", "zoe", "--db", str(path)]) == 0
    assert not any(dumped)  # no step dumped whole
    after = json.loads(path.read_text())
    assert [r["coder"] for r in after[ANNOTATIONS].values()] == ["zoe", "zoe", "zoe", "ben"]
    (new,) = set(after["history"]) - set(before["history"])
    entries = after["history"][new]["changes"]
    assert [e[2] for e in entries] == [before[ANNOTATIONS][k] for k in ("1", "2", "3")]
    assert [e[3] for e in entries] == [after[ANNOTATIONS][k] for k in ("1", "2", "3")]


def test_the_fold_of_the_undo_of_a_coder_renamed_writes_the_step_from_the_records_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the undo's fold wrote each record put back in the annotations' line, then dumped the
    # step holding them again (marked undone, each record as put back): 27 MB at 20,004
    path = _three_of_ana_one_of_ben(tmp_path)
    assert _command(["coders", "--db", str(path)]) == 0
    renamed = ["coders", "rename", "ana", "zoe", "--db", str(path)]
    assert _command(renamed) == 0
    before = json.loads(path.read_text())
    dumped = _steps_dumped_whole(monkeypatch)
    assert _command(["undo", "--db", str(path)]) == 0
    assert not any(dumped)  # no step dumped whole
    after = json.loads(path.read_text())
    assert [r["coder"] for r in after[ANNOTATIONS].values()] == ["ana", "ana", "ana", "ben"]
    (step,) = (k for k, s in after["history"].items() if s.get("undone") is not None)
    entries = after["history"][step]["changes"]
    assert [e[2] for e in entries] == [after[ANNOTATIONS][k] for k in ("1", "2", "3")]
    assert [e[3] for e in entries] == [before[ANNOTATIONS][k] for k in ("1", "2", "3")]
    assert [e[2]["revision"] for e in entries] == [2, 2, 2]


def test_a_coder_renamed_and_its_undo_whose_folds_fail_are_folded_later_to_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the folds write the steps from the records' JSON: a fold that fails (a full disk at
    # its sync) leaves the database as it was and each change in the journal, and the
    # later fold, of the tables read another way, writes the same file as folds that did not
    import errno
    import os

    from tui_reader.core.store import journal

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(time, "time", lambda: 1_796_688_000.0)  # the same times in both
    made = _three_of_ana_one_of_ben(tmp_path)
    assert _command(["coders", "--db", str(made)]) == 0
    files = []
    for failing in (False, True):
        path = tmp_path / str(failing) / made.name
        path.parent.mkdir()
        for own in (made, made.with_name(made.name + ".journal")):  # (no journal made anew)
            path.with_name(own.name).write_bytes(own.read_bytes())
        for argv in (["coders", "rename", "ana", "zoe"], ["undo"], ["undo", "--redo"]):
            kept = path.read_bytes()
            with pytest.MonkeyPatch.context() as patch:
                if failing:
                    patch.setattr(journal.os, "fsync", full_disk)  # (the journal's: fdatasync)
                patch.chdir(path.parent)  # (the step's origin names the database alike)
                status = _command([*argv, "--db", path.name])
            assert status == 0  # (the change saved: the fold's failure no failed save)
            # the database as it was, whole, when the fold failed; else folded
            assert (path.read_bytes() == kept) is failing
            with AnnotationStore(path, read_only=True) as store:  # and the change kept
                assert store.coder_counts() == (
                    {"ana": 3, "ben": 1} if argv == ["undo"] else {"ben": 1, "zoe": 3}
                )
        with AnnotationStore(path) as store:
            store.compact()
        files.append(path.read_bytes())
    assert files[0] == files[1]


def test_a_record_put_since_not_as_written_is_renamed_as_read(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with AnnotationStore(path, coder="ana") as store:
        for start in (0, 10):
            store.add(make_annotation("a.txt", TEXT, start, start + 5, "", ("x",)))
    with AnnotationStore(path, coder="ana") as store:
        records = store._tables.data[ANNOTATIONS]
        assert as_written(list(records.values()))
        odd = dict(records["1"], id="odd", tags=["y/"])  # a code read as y
        store._commit([(ANNOTATIONS, "9", odd)], "put by hand")
        assert not as_written([odd]) and store._index.stale
        assert store.rename_coder("ana", "zoe") == (3, 0)
        assert store._tables.data[ANNOTATIONS]["9"]["tags"] == ["y"]


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(record(), max_size=4), st.sampled_from(["ana", ""]))
def test_a_record_as_written_is_what_its_annotation_writes(
    records: list[dict[str, Any]], default: str
) -> None:
    rewritten = [_rewritten(r, default) for r in records]
    if as_written(records):
        assert rewritten == [list(r.items()) for r in records]
    if rewritten == [list(r.items()) for r in records]:
        # what the store writes, unless a record names no coder
        assert as_written(records) or any(not r.get("coder") for r in records)


def _rewritten(found: dict[str, Any], default: str) -> list[tuple[str, Any]] | None:
    """The fields, in order, of the record the annotation read from ``found`` writes."""
    try:
        return list(Annotation.from_record(found, default).to_record().items())
    except (KeyError, ValueError, TypeError):
        return None


def test_a_record_edited_by_hand_is_not_as_written() -> None:
    made = make_annotation("a.txt", TEXT, 0, 5, "", ("x",), coder="ana").to_record()
    assert as_written([made])
    for field, value in ODDITIES:
        odd = dict(made)
        if field == "order":
            odd = dict(reversed(made.items()))
        elif value is None:
            del odd[field]
        else:
            odd[field] = value
        assert not as_written([made, odd]), field
