"""``tui-reader history`` of a history with gaps: steps that left it (past its bounds; what a
dropped step deleted is kept under ``forgotten-N``, no step), a damaged last change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def _passage(i: int):  # type: ignore[no-untyped-def]
    return make_annotation("a.txt", TEXT, i, i + 9, "", ("t",))


def test_what_a_dropped_step_deleted_is_no_unreadable_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once a deletion left the history, every listing said "history record forgotten-2 is
    unreadable (its id is no number)" and exited 2, the database as this version wrote it."""
    monkeypatch.setattr(history, "MAX_STEPS", 3)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.delete(store.add(_passage(0)).id)
        for i in range(1, 4):
            store.add(_passage(i))
    assert "forgotten-2" in db.read_text(encoding="utf-8")
    assert main(["history", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) == 3


def test_a_step_dropped_for_its_size_is_listed_and_undo_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import past the history's records (MAX_RECORDS) was dropped without a word at the
    next step: history no longer listed it, and undo, once the step after it was undone,
    took back the step made before the import, as if the import were that one."""
    monkeypatch.setattr(history, "MAX_RECORDS", 10)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.add(_passage(0))
        store.put_many([_passage(i) for i in range(1, 21)], "import")
        store.add(_passage(21))
    where = ["--db", str(db)]
    assert main(["history", *where]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3, listed
    assert "20 annotations  import" in listed[1]
    assert listed[1].endswith("(dropped: past the history's 10 records; cannot be undone)")
    assert main(["undo", *where]) == 0  # the step after it
    capsys.readouterr()
    for argv in (["undo", *where], ["undo", "2", *where]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "step 2 (“import”, 20 annotations) was dropped from the history, which" in err
    with AnnotationStore(db, read_only=True) as store:
        assert len(store.annotations()) == 21  # nothing taken back past it


def test_undo_stops_at_a_dropped_step_and_names_the_one_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two imports of 6 passages where the history keeps 10 records: the first is dropped
    by the second, the step before them kept; undo stops at the dropped one and names the
    step an undo by id takes back."""
    monkeypatch.setattr(history, "MAX_RECORDS", 10)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.add(_passage(0))
        store.put_many([_passage(i) for i in range(1, 7)], "import")
        store.put_many([_passage(i) for i in range(7, 13)], "import")
    where = ["--db", str(db)]
    assert main(["undo", *where]) == 0
    capsys.readouterr()
    assert main(["undo", *where]) == 2
    assert "`tui-reader undo 1` takes back the step before it" in capsys.readouterr().err
    assert main(["undo", "1", *where]) == 0


def test_the_small_steps_a_big_one_pushed_out_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import past the history's records pushes out every step before it, each marked
    dropped: listed one a line (up to 199 of them after an import of 100,000 annotations).
    They are one line; --json and undo still name each."""
    monkeypatch.setattr(history, "MAX_RECORDS", 20)
    monkeypatch.setattr(history, "MAX_STEPS", 10)  # a step's share: 2 records
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        for i in range(5):
            store.add(_passage(i))
        store.put_many([_passage(i) for i in range(5, 30)], "import")
        store.add(_passage(30))
    where = ["--db", str(db)]
    assert main(["history", "-n", "0", *where]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3, listed
    assert listed[0].startswith("    7  ") and "(dropped" not in listed[0]
    assert "25 annotations  import" in listed[1] and "(dropped: past" in listed[1]
    assert listed[2].startswith("  1–5  ")
    assert "5 annotations  5 earlier steps dropped (steps 1 to 5, the first at" in listed[2]
    assert listed[2].endswith("records; cannot be undone; history --json lists each)")
    assert main(["history", "--json", "-n", "0", *where]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 7
    assert main(["undo", "3", *where]) == 2
    assert "step 3 (“create annotation”, 1 annotation) was dropped" in capsys.readouterr().err


def test_a_damaged_last_change_is_said_by_the_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The journal's last line damaged (a bit flipped): its step was left out of the listing
    without a word and the command exited 0, where every other listing says the line and
    exits 2."""
    db = tmp_path / "annotations.json"
    store = AnnotationStore(db)
    store.add(_passage(0))
    store.add(_passage(1))
    store._tables.close(compact=False)  # a crash: the journal is not folded
    journal = db.with_name(db.name + ".journal")
    damaged = bytearray(journal.read_bytes())
    damaged[-20] ^= 0x01
    journal.write_bytes(bytes(damaged))
    assert main(["history", "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "is damaged and was not applied" in captured.err, captured.err


def test_a_range_of_dropped_steps_wider_than_the_id_column_is_aligned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line of the steps 93 to 100 an import pushed out began "93–100", one character
    wider than the id column, its time, count and words one character right of every other
    line's."""
    monkeypatch.setattr(history, "MAX_RECORDS", 20)
    monkeypatch.setattr(history, "MAX_STEPS", 10)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db, compact_bytes=1 << 40) as store:
        for i in range(100):
            store.add(_passage(i % 50))
        store.put_many([_passage(i) for i in range(25)], "import")
        store.add(_passage(30))
    assert main(["history", "-n", "0", "--db", str(db)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3, listed
    assert listed[2].startswith("93–100  ") and "steps 93 to 100" in listed[2]
    times = [re.search(r"  \d{4}-\d\d-\d\dT", line) for line in listed]
    assert len({found.start() for found in times if found}) == 1, listed
