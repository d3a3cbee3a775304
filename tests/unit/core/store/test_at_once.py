"""Writes made in :meth:`AnnotationStore.at_once` are saved in one journal line as the block
ends: all of them, or none when the block fails (memory read back from the files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Tag
from tui_reader.core.store.annotation_store import AnnotationStore


def _journal_lines(db: Path) -> int:
    journal = db.with_name(db.name + ".journal")
    return len(journal.read_bytes().splitlines()) if journal.exists() else 0


def test_the_writes_of_a_block_are_one_journal_line(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db, coder="ann") as store:
        store.set_tag(Tag("mine"))
        before = _journal_lines(db)
        with store.step("merge theirs.json"), store.at_once():
            store.put_memo(Memo(MemoKind.CODE, "mine", "A memo.\n"))
            store.set_attributes([("a.txt", {"site": "north"})])
            with store.at_once():  # nested: part of the outer block
                store.set_tag(Tag("peace", "#00aa00"))
            assert _journal_lines(db) == before  # nothing written yet
            assert [t.name for t in store.tags()] == ["mine", "peace"]  # seen as made
        assert _journal_lines(db) == before + 1
        assert store.history()[0].label == "merge theirs.json"
    with AnnotationStore(db) as store:
        assert [t.name for t in store.tags()] == ["mine", "peace"]
        assert [m.text for m in store.memos()] == ["A memo.\n"]
        assert store.attributes() == {"a.txt": {"site": "north"}}
        store.undo()  # the whole block in one undo
        assert [t.name for t in store.tags()] == ["mine"]
        assert store.memos() == []
        assert store.attributes() == {}


def test_a_block_that_fails_saves_none_of_its_writes(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db, coder="ann") as store:
        store.set_tag(Tag("mine"))
        with pytest.raises(RuntimeError), store.at_once():
            store.put_memo(Memo(MemoKind.CODE, "mine", "A memo.\n"))
            store.set_tag(Tag("peace"))
            raise RuntimeError("stopped")
        assert [t.name for t in store.tags()] == ["mine"]  # memory as the files hold it
        assert store.memos() == []
        store.set_tag(Tag("war"))  # and it goes on saving
    with AnnotationStore(db) as store:
        assert [t.name for t in store.tags()] == ["mine", "war"]
        assert store.memos() == []
