"""The journaled TinyDB file: crash states, torn lines, compaction, plain TinyDB compatibility."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.locking import ended_process, running_process
from tinydb import TinyDB

from tui_reader.core.annotations.model import Tag, make_annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store import journal
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal import (
    COMPACT_RATIO,
    JournaledTables,
    encode_line,
)

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def sample(i: int):  # type: ignore[no-untyped-def]
    return make_annotation("a.txt", TEXT, i % 20, i % 20 + 8, "", ("t",))


def test_changes_live_in_the_journal_until_close(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    a = store.add(sample(1))
    journal = path.with_name("annotations.json.journal")
    assert a.id.encode() in journal.read_bytes()
    assert a.id not in path.read_text()  # not folded yet
    store.close()
    assert a.id in path.read_text() and journal.read_bytes() == b""


def test_torn_last_line_is_dropped_and_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    kept = store.add(sample(1))
    journal = path.with_name("annotations.json.journal")
    torn = encode_line([("annotations", "99", sample(2).to_record())])[:-20]
    with open(journal, "ab") as handle:  # a writer killed halfway through its line
        handle.write(torn)
    other = AnnotationStore(path)
    assert [a.id for a in other.annotations()] == [kept.id]
    later = other.add(sample(3))
    assert torn not in journal.read_bytes()
    assert {a.id for a in AnnotationStore(path, read_only=True).annotations()} == {
        kept.id,
        later.id,
    }
    store.close()
    other.close()


def test_damage_in_the_middle_of_the_journal_is_reported_not_repaired(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    store.add(sample(1))
    store.add(sample(2))
    journal = path.with_name("annotations.json.journal")
    lines = journal.read_bytes().split(b"\n")
    lines[0] = lines[0][:30] + b"X" + lines[0][31:]
    journal.write_bytes(b"\n".join(lines))
    before = journal.read_bytes()
    with pytest.raises(StoreError, match="damaged line"):
        AnnotationStore(path)
    assert journal.read_bytes() == before


def test_crash_between_snapshot_rename_and_journal_truncate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    ids = {store.add(sample(i)).id for i in range(5)}
    store.rename_tag("t", "u")

    def crash(*args: object) -> None:
        raise OSError(5, "simulated crash")

    monkeypatch.setattr(os, "ftruncate", crash)
    with pytest.raises(StoreError):
        store.compact()
    monkeypatch.undo()
    # The snapshot holds everything and the stale journal is replayed over it: same state.
    assert {a["id"] for a in json.loads(path.read_text())["annotations"].values()} == ids
    assert path.with_name("annotations.json.journal").stat().st_size > 0
    reopened = AnnotationStore(path)
    assert {a.id for a in reopened.annotations()} == ids
    assert {t for a in reopened.annotations() for t in a.tags} == {"u"}
    assert [t.name for t in reopened.tags()] == ["u"]


def test_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    store.add(sample(1))

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.add(sample(2))
    monkeypatch.undo()
    assert len(store.annotations()) == 1
    assert len(AnnotationStore(path).annotations()) == 1
    store.add(sample(3))
    assert len(AnnotationStore(path).annotations()) == 2


def test_large_journal_is_folded_automatically(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path, compact_bytes=4000)
    for i in range(40):
        store.add(sample(i))
    journal = path.with_name("annotations.json.journal")
    # Folded once past both bounds (the snapshot holds the history too): at most one line over.
    limit = max(4000, COMPACT_RATIO * path.stat().st_size)
    assert journal.stat().st_size < limit + 3000
    assert len(json.loads(path.read_text())["annotations"]) >= 30
    assert len(AnnotationStore(path).annotations()) == 40


def test_a_second_store_sees_the_unfolded_journal_and_tinydb_the_folded_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path)
    a = store.add(sample(1))
    other = AnnotationStore(path)  # sees the unfolded journal
    assert [x.id for x in other.annotations()] == [a.id]
    other.update(a.evolve(note="edited"))
    assert store.get(a.id).note == "edited"  # type: ignore[union-attr]
    other.close()
    store.close()
    plain = TinyDB(str(path))  # closing folded the journal into a plain TinyDB file
    assert [(d["id"], d["note"]) for d in plain.table("annotations").all()] == [(a.id, "edited")]
    plain.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        JournaledTables(tmp_path / "nowhere" / "annotations.json")


def test_close_without_changes_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        store.add(sample(1))
    stamp = path.stat()
    AnnotationStore(path).close()
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)


def test_temp_file_of_a_killed_compaction_is_removed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    AnnotationStore(path).close()
    stale = tmp_path / f".annotations.json.{ended_process()}-deadbeef.tmp"
    stale.write_text('{"half": ')
    other = tmp_path / ".notes.json.1-aa.tmp"  # not ours
    other.write_text("x")
    AnnotationStore(path).close()
    assert not stale.exists() and other.exists()


def test_a_killed_folds_temp_file_goes_as_a_command_opens_beside_the_app(tmp_path: Path) -> None:
    """A fold killed by ``kill -9`` left a hidden temp file the database's size: a start or
    a command that changed nothing, and did not fold (the app open beside it), left it
    until one did."""
    path = tmp_path / "annotations.json"
    app = AnnotationStore(path)
    app.add(sample(1))
    killed = tmp_path / f".annotations.json.{ended_process()}-0badf00d.tmp"
    killed.write_bytes(path.read_bytes())
    command = AnnotationStore(path)
    assert not killed.exists()
    command.close()
    app.close()


def test_a_temp_file_a_live_process_writes_is_left_as_the_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with running_process() as running:
        being_written = tmp_path / f".annotations.json.{running}-0badf00d.tmp"
        being_written.write_bytes(b"{}")
        with AnnotationStore(path) as store:
            store.add(sample(1))
        assert being_written.exists()


@pytest.mark.parametrize("refused", ["folder", "file"])
def test_a_change_refused_says_whether_the_file_or_its_folder_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    """A database the user may write, in a folder she may not: the refusal said "the
    database is read-only", and ls -l showed the file writable; it names the folder now."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "db.json"
    with AnnotationStore(path) as made:
        made.set_tag(Tag("a"))
    denied = folder if refused == "folder" else path
    real = os.access

    def access(name: object, mode: int, **kwargs: object) -> bool:
        # (root, running the tests, may write anything: refused as a user is)
        if mode & os.W_OK and Path(str(name)) == denied:
            return False
        return real(name, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(journal.os, "access", access)
    with AnnotationStore(path) as store, pytest.raises(StoreError) as raised:
        store.set_tag(Tag("b"))
    if refused == "folder":
        assert f"its folder {folder} is read-only" in str(raised.value)
    else:
        assert "the database is read-only" in str(raised.value)
    assert "the change was not saved" in str(raised.value)


@pytest.mark.parametrize("refused", ["folder", "file"])
def test_a_database_made_writable_again_while_open_takes_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    """Opened read-only because its folder (or file) could not be written, then given
    back its permissions while the app ran (chmod u+w, as the refusal told): every change
    was still refused, saying the folder was read-only when it no longer was.  The
    permissions are looked at again when a change is refused, and the change is saved."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "db.json"
    with AnnotationStore(path) as made:
        made.set_tag(Tag("a"))
    denied = {folder if refused == "folder" else path}
    real = os.access

    def access(name: object, mode: int, **kwargs: object) -> bool:
        # (root, running the tests, may write anything: refused as a user is)
        if mode & os.W_OK and Path(str(name)) in denied:
            return False
        return real(name, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(journal.os, "access", access)
    store = AnnotationStore(path)
    try:
        assert store.read_only
        with pytest.raises(StoreError, match="the change was not saved"):
            store.set_tag(Tag("b"))
        denied.clear()  # writable again
        store.set_tag(Tag("c"))
        assert not store.read_only
    finally:
        store.close()
    with AnnotationStore(path, read_only=True) as again:
        assert {tag.name for tag in again.tags()} == {"a", "c"}


def test_a_database_asked_read_only_stays_so_though_writable(tmp_path: Path) -> None:
    """Read-only as asked (``read_only=True``) is not undone by the permissions."""
    path = tmp_path / "db.json"
    with AnnotationStore(path) as made:
        made.set_tag(Tag("a"))
    with AnnotationStore(path, read_only=True) as store, pytest.raises(StoreError):
        store.set_tag(Tag("b"))
