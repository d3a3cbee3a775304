"""A fold of the journal that fails (a full disk) fails no save: the change was durable before
the fold began, so the write returns, the change stays in the journal and is folded later
(issue 15, items 12 and 13)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import journal
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the border."


def _full_disk(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_fold_after_a_write_is_no_failed_write(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore(db, compact_bytes=1)  # every write is followed by a fold
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            journal.os, "fsync", _full_disk
        )  # the fold's fsync; the journal's is fdatasync
        saved = store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))  # no StoreError
        assert store._tables.fold_problem is not None
        assert "saved all the same" in (store.close() or "")
    with AnnotationStore(db, read_only=True) as again:
        assert [a.id for a in again.annotations()] == [saved.id]
    store = AnnotationStore(db)
    assert store.close() is None  # folded now
    assert db.with_name(db.name + ".journal").stat().st_size == 0
    with AnnotationStore(db, read_only=True) as again:
        assert [a.id for a in again.annotations()] == [saved.id]


def test_a_failed_fold_leaves_no_copy_of_the_state_before_it_to_fill_the_disk(
    tmp_path: Path,
) -> None:
    from tui_reader.locations import previous_state

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    assert all(kept.exists() for kept in previous_state(db))  # the fold on close kept them
    store = AnnotationStore(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.os, "fsync", _full_disk)
        store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
        assert "saved all the same" in (store.close() or "")
    assert not any(kept.exists() for kept in previous_state(db))
    with AnnotationStore(db, read_only=True) as again:
        assert sorted(a.tags[0] for a in again.annotations()) == ["one", "two"]


def test_a_change_the_full_disk_refused_is_not_followed_by_saved_all_the_same(
    tmp_path: Path,
) -> None:
    """On a full disk a command said "the change was not saved", then, its fold at close
    failing too, "every change is saved all the same": the process whose change was refused
    leaves the fold to a later one, and says nothing more."""
    from tui_reader.core.errors import StoreError
    from tui_reader.core.store import durable_files

    db = tmp_path / "db.json"
    store = AnnotationStore(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.os, "fsync", _full_disk)  # the fold's: the journal holds it
        saved = store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
        assert "saved all the same" in (store.close() or "")  # true: it is in the journal
    store = AnnotationStore(db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.os, "fsync", _full_disk)
        patch.setattr(durable_files, "datasync", _full_disk)  # the journal's own
        with pytest.raises(StoreError, match="not saved"):
            store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
        assert store.close() is None
    with AnnotationStore(db, read_only=True) as again:  # the first kept, folded now
        assert [a.id for a in again.annotations()] == [saved.id]


def _previous_a_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A database of one annotation whose ``.previous`` (the state a fold replaces, kept for
    a restore) is a folder, so that no fold can keep it."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    previous = db.with_name(db.name + ".previous")
    previous.unlink()
    previous.mkdir()
    return db, previous


def test_a_fold_that_cannot_keep_the_state_it_replaces_says_so_once_and_saves(
    tmp_path: Path,
) -> None:
    """``db.json.previous`` a folder (or not writable): the state a fold replaced was not
    kept for a restore, and nothing said so.  The fold is done and a warning says it once."""
    db, previous = _previous_a_folder(tmp_path)
    (previous / "x").write_text("", encoding="utf-8")
    store = AnnotationStore(db, compact_bytes=1)  # every write is followed by a fold
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))  # no StoreError
    store.add(make_annotation("a.txt", TEXT, 18, 23, "", ("three",)))
    warning = store.close()
    assert warning is not None and warning.startswith(f"{previous}: Is a directory: ")
    assert "not kept for a restore" in warning and "\n" not in warning
    with AnnotationStore(db, read_only=True) as again:
        assert sorted(t for a in again.annotations() for t in a.tags) == ["one", "three", "two"]
    assert db.with_name(db.name + ".journal").stat().st_size == 0  # folded


def test_a_fold_warning_taken_while_open_is_given_once_and_not_again_at_close(
    tmp_path: Path,
) -> None:
    """The app shows a fold's warning as it runs: taken once, it is not given again, nor
    returned by close (it reached stderr after the app had closed)."""
    db, _ = _previous_a_folder(tmp_path)
    store = AnnotationStore(db, compact_bytes=1)
    assert store.take_fold_warning() is None
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    warning = store.take_fold_warning()
    assert warning is not None and "not kept for a restore" in warning
    store.add(make_annotation("a.txt", TEXT, 18, 23, "", ("three",)))
    assert store.take_fold_warning() is None
    assert store.close() is None


def test_the_state_not_kept_is_said_by_the_first_process_that_meets_it_not_by_every_one(
    tmp_path: Path,
) -> None:
    """``db.json.previous`` a folder: every command that saved said the same warning again,
    each time, burying its own output.  The fold's note keeps that it was said: the next
    process meeting the same problem says nothing, one meeting another problem says that
    one, and once a fold keeps the state again the problem is said anew when it comes back."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    previous = db.with_name(db.name + ".previous")

    def saved(start: int) -> str | None:
        store = AnnotationStore(db)
        store.add(make_annotation("a.txt", TEXT, start, start + 1, "", ("x",)))
        return store.close()

    previous.unlink()
    previous.mkdir()
    first = saved(13)
    assert first is not None and "not kept for a restore" in first
    assert saved(14) is None and saved(15) is None
    previous.rmdir()
    assert saved(16) is None and previous.is_file()  # kept again
    previous.unlink()
    previous.mkdir()
    assert saved(17) == first  # the problem back: said again
    with AnnotationStore(db, read_only=True) as again:
        assert len(again.annotations()) == 6


def test_a_fold_on_a_file_system_without_hard_links_keeps_the_state_it_replaced(
    tmp_path: Path,
) -> None:
    """On a USB stick's FAT or exFAT (no hard links: link() fails with EPERM) the state each
    fold replaced was never kept for a restore, and the warning said so at every fold: it
    is copied there instead, and nothing is said."""
    from tui_reader.core.store import durable_files
    from tui_reader.locations import previous_state

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    before = db.read_bytes()

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(durable_files.os, "link", no_links)
        store = AnnotationStore(db)
        store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
        assert store.close() is None
    previous, previous_journal = previous_state(db)
    assert previous.read_bytes() == before and b"two" in previous_journal.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_fold_over_a_database_written_over_says_how_to_restore_it_keeping_the_changes(
    tmp_path: Path,
) -> None:
    """Another program wrote over the database while a change was in the journal: the
    warning at close said the journal 'is folded in later', though no fold can be made
    until the user restores the file, and said no way to do it (the restore was named only
    with an empty journal, as moving the kept one over it lost its changes).  It says what
    to run, and what it says restores every change."""
    import subprocess

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    db.write_text('{"garbage', encoding="utf-8")
    warning = store.close() or ""
    assert "folded in later" not in warning, warning
    assert warning.endswith("is folded in only after db.json is restored with the commands above")
    restore = warning.split("restore it with ", 1)[1].split(");", 1)[0]
    subprocess.run(restore, shell=True, check=True, cwd=tmp_path, timeout=120)
    with AnnotationStore(db) as again:
        assert sorted(t for a in again.annotations() for t in a.tags) == ["one", "two"]


@pytest.mark.parametrize("change_after", [False, True])
def test_a_database_deleted_while_open_says_how_to_restore_it_keeping_every_change(
    tmp_path: Path, change_after: bool
) -> None:
    """The database file deleted while the app had it open (an ``rm`` or a ``git checkout``
    by mistake, a sync that took it away): the warning at close said "the journal could not
    be folded in (No such file or directory); every change is saved all the same, in
    db.json.journal, and is folded in later", where the journal held none of the changes
    folded before, the next command said "no such database", and one that writes made a new
    empty one.  It says the file is gone, and how to restore the state the last fold kept
    with the journal's changes, and what it says restores every change."""
    import subprocess

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    store.close()  # folded: the journal holds neither
    store = AnnotationStore(db)
    if change_after:
        store.add(make_annotation("a.txt", TEXT, 18, 22, "", ("three",)))
    db.unlink()
    warning = store.close() or ""
    assert "disappeared" in warning and "folded in later" not in warning, warning
    assert warning.endswith("is folded in only after db.json is restored with the commands above")
    restore = warning.split("restore it with ", 1)[1].split(");", 1)[0]
    subprocess.run(restore, shell=True, check=True, cwd=tmp_path, timeout=120)
    with AnnotationStore(db) as again:
        tags = sorted(t for a in again.annotations() for t in a.tags)
    assert tags == (["one", "three", "two"] if change_after else ["one", "two"])


@pytest.mark.parametrize("other_saved", [False, True])
def test_a_database_deleted_while_open_is_written_back_from_memory(
    tmp_path: Path, other_saved: bool
) -> None:
    """A database deleted while the app had it open could only be restored by hand, from the
    state the last fold kept, though the app held every change in memory: it refused each new
    change until then.  Written back from memory, the file holds every change (another
    process's saved since too), the journal is folded in, the kept state is left, and changes
    are saved again."""
    from tui_reader.core.errors import DatabaseGone

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    store.compact()  # folded: "one" and "two" in the file, the journal empty
    store.add(make_annotation("a.txt", TEXT, 18, 22, "", ("three",)))
    previous = (tmp_path / "db.json.previous").read_bytes()
    other = AnnotationStore(db)
    if other_saved:  # another process saved just before: not read here yet
        other.add(make_annotation("a.txt", TEXT, 28, 32, "", ("five",)))
    db.unlink()
    with pytest.raises(DatabaseGone, match="disappeared"):
        store.add(make_annotation("a.txt", TEXT, 23, 27, "", ("four",)))
    assert store.write_back() is True
    assert db.exists() and (tmp_path / "db.json.journal").stat().st_size == 0
    assert (tmp_path / "db.json.previous").read_bytes() == previous
    store.add(make_annotation("a.txt", TEXT, 23, 27, "", ("four",)))
    assert store.write_back() is False  # there: nothing written
    assert store.close() is None
    other.close()
    with AnnotationStore(db) as again:
        tags = sorted(t for a in again.annotations() for t in a.tags)
    assert tags == sorted(["four", "one", "three", "two", *(["five"] if other_saved else [])])
