"""Attributes and memos in the store: durable through the journal, shared with other
processes, following renamed codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import AttributeValueError, StoreError
from tui_reader.core.store.annotation_store import AnnotationStore


def test_attributes_set_unset_and_survive_reopening(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        assert store.set_attributes([("a.txt", {"country": "Mexico", "age": 34})]) == 1
        assert store.set_attributes([("a.txt", {"age": 35}), ("b.txt", {"wave": "2"})]) == 2
        assert store.set_attributes([("a.txt", {"age": 35})]) == 0  # nothing changed
        assert store.unset_attributes("b.txt", ["wave", "nope"]) == ["wave"]
        assert store.unset_attributes("zzz.txt", ["wave"]) == []
        with pytest.raises(AttributeValueError):
            store.set_attributes([("a.txt", {"bad name": 1})])
    other = AnnotationStore(db)
    assert other.attributes() == {"a.txt": {"country": "Mexico", "age": 35}}
    other.close()


def test_another_process_sees_attributes_and_memos(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    first, second = AnnotationStore(db), AnnotationStore(db)
    first.set_attributes([("a.txt", {"country": "Mexico"})])
    first.put_memo(Memo(MemoKind.JOURNAL, "", "Day one"))
    assert second.attributes() == {"a.txt": {"country": "Mexico"}}
    assert [m.text for m in second.memos()] == ["Day one"]
    first.close()
    second.close()


def test_memos_of_documents_codes_and_journal(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.add(Annotation(document="a.txt", start=0, end=1, quote="x", tags=("policy/x",)))
        doc_memo = store.put_memo(Memo(MemoKind.DOCUMENT, "a.txt", "# Interview\nshy"))
        code_memo = store.put_memo(Memo(MemoKind.CODE, "policy", "What counts as policy"))
        store.put_memo(Memo(MemoKind.JOURNAL, "", "first entry", created="2026-01-01T00:00:00Z"))
        assert store.memo(MemoKind.DOCUMENT, "a.txt") == doc_memo
        assert doc_memo.title == "Interview"
        edited = store.put_memo(doc_memo.evolve(text="# Interview\nless shy"))
        assert edited.id == doc_memo.id and store.memo(MemoKind.DOCUMENT, "a.txt") == edited
        assert len(store.memos()) == 3
        store.rename_tag("policy", "politics")
        assert store.memo(MemoKind.CODE, "politics") is not None
        assert store.memo(MemoKind.CODE, "policy") is None
        assert store.delete_memo(code_memo.id).text == code_memo.text
        with pytest.raises(StoreError):
            store.delete_memo(code_memo.id)
        assert [m.kind for m in store.memos()] == [MemoKind.JOURNAL, MemoKind.DOCUMENT]


def test_read_only_store_refuses_attribute_writes(tmp_path: Path, make_read_only: object) -> None:
    db = tmp_path / "annotations.json"
    AnnotationStore(db).close()
    make_read_only(db)  # type: ignore[operator]
    with AnnotationStore(db) as store, pytest.raises(StoreError, match="read-only"):
        store.set_attributes([("a.txt", {"x": 1})])
