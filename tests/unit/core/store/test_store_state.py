"""The store's state token (what a cache of facts about every record checks instead of the
records): equal for two readers of the same files, changed by any write of any process, and
none when the tables in memory are not exactly the files' content."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the border."


def test_two_readers_of_the_same_files_have_one_state_and_a_write_changes_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    other = AnnotationStore(db)
    assert store.state() is not None and store.state() == other.state()
    before = store.state()
    other.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))  # a journal line
    assert store.state() == before  # not caught up yet
    store.reload_if_changed()
    assert store.state() == other.state() != before
    other.close()  # folds the journal into a new snapshot
    store.reload_if_changed()
    folded = store.state()
    assert folded not in (None, before)
    assert AnnotationStore(db).state() == folded
    store.close()


def test_a_damaged_journal_tail_has_no_state(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    store._tables.close(compact=False)  # a crash: the journal is not folded
    journal = db.with_name(db.name + ".journal")
    journal.write_bytes(journal.read_bytes() + b'12345678 [["annotations", "9"')  # torn
    assert AnnotationStore(db, read_only=True).state() is None


def test_a_change_in_memory_only_has_no_state(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    store = AnnotationStore(db, read_only=True)
    assert store.state() is not None
    store._tables.apply_in_memory([("meta", "9", {"x": 1})])  # a read-only migration's view
    assert store.state() is None
