"""The store records who coded each annotation; old records belong to the default coder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the Mexico-Guatemala border and remilitarize it."


def test_annotations_saved_without_a_coder_are_the_working_coders(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "a.json", coder="ana") as store:
        mine = store.add(make_annotation("d.txt", TEXT, 0, 3, "", ("x",)))
        theirs = store.add(make_annotation("d.txt", TEXT, 4, 8, "", ("x",), coder="ben"))
        assert (mine.coder, theirs.coder) == ("ana", "ben")
        edited = store.update(theirs.evolve(note="seen by ana"))
        assert edited.coder == "ben"  # an edit does not change whose coding it is
        assert store.coder_counts() == {"ana": 1, "ben": 1}
        assert store.tag_counts(coders={"ben"}) == {"x": 1}
        assert store.tag_counts(coders=set()) == {"x": 0}
    records = json.loads((tmp_path / "a.json").read_text())["annotations"]
    assert sorted(r["coder"] for r in records.values()) == ["ana", "ben"]


def legacy_db(path: Path) -> None:
    """A database written before coders were recorded (schema 1, no coder anywhere)."""
    record = make_annotation("d.txt", TEXT, 0, 3, "").to_record()
    del record["coder"]
    path.write_text(
        json.dumps(
            {
                "annotations": {"1": record},
                "tags": {},
                "positions": {},
                "meta": {"1": {"schema_version": 1}},
            }
        )
    )


def test_old_annotations_belong_to_the_coder_named_in_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    legacy_db(path)
    with AnnotationStore(path, coder="ana") as store:  # the first to open it for writing
        assert store.default_coder == "ana"
        assert [a.coder for a in store.annotations()] == ["ana"]
    with AnnotationStore(path, coder="ben") as store:  # later openers do not take it over
        assert store.default_coder == "ana"
        assert [a.coder for a in store.annotations()] == ["ana"]
        store.set_default_coder("Ana María")
        assert [a.coder for a in store.annotations()] == ["Ana María"]
        assert store.coder_counts() == {"Ana María": 1}
    data = json.loads(path.read_text())
    assert data["meta"]["2"] == {"default_coder": "Ana María"}
    assert "coder" not in data["annotations"]["1"]  # the record itself is left as it was


def test_a_read_only_old_database_names_no_one(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    path = tmp_path / "a.json"
    legacy_db(path)
    make_read_only(path)
    with AnnotationStore(path, coder="ana") as store:
        assert store.read_only and store.default_coder == ""
        assert [a.coder for a in store.annotations()] == [""]


def test_opening_a_database_with_no_annotation_writes_nothing_until_a_change(
    db_copy: Path,
) -> None:
    before = db_copy.read_bytes()
    with AnnotationStore(db_copy, coder="ana") as store:
        assert store.annotations() == [] and store.tags() == []
    assert db_copy.read_bytes() == before
    with AnnotationStore(db_copy, coder="ana") as store:
        store.add(make_annotation("d.txt", TEXT, 0, 3, "", ("x",)))
    assert json.loads(db_copy.read_text())["meta"]["2"] == {"default_coder": "ana"}


def test_a_coder_renamed_takes_her_passages_memos_and_old_records_in_one_step(
    tmp_path: Path,
) -> None:
    """A coder kept under another tool's account name (acct:ana@hypothes.is, from an import
    of Hypothesis's annotations made before accounts were read as users) could not be named
    otherwise: every query, export and agreement went on saying the account."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    path = tmp_path / "a.json"
    legacy_db(path)  # a record of no coder: the default coder's, ana's below
    account = "acct:ana@hypothes.is"
    with AnnotationStore(path, coder="ana") as store:
        store.add(make_annotation("d.txt", TEXT, 4, 8, "", ("x",), coder=account))
        store.add(make_annotation("d.txt", TEXT, 9, 13, "", ("x",), coder="ben"))
        store.put_memo(Memo(MemoKind.DOCUMENT, "d.txt", "read twice", coder=account))
        store.put_memo(Memo(MemoKind.JOURNAL, "", "ben's day", coder="ben"))
        assert store.rename_coder(account, "ana") == (1, 1)
        assert store.coder_counts() == {"ana": 2, "ben": 1}
        assert {m.coder for m in store.memos()} == {"ana", "ben"}
        assert store.rename_coder("ana", "Ana María") == (2, 1)  # the default's record too
        assert store.coder_counts() == {"Ana María": 2, "ben": 1}
        store.undo()
        assert store.coder_counts() == {"ana": 2, "ben": 1}
        assert store.rename_coder("nobody", "x") == (0, 0)
