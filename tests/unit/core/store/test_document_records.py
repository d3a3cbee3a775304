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


def test_a_code_merged_into_one_with_a_memo_joins_its_memo_to_that_one(tmp_path: Path) -> None:
    """Codes ``state`` and ``government`` each had a memo; merged, the code had two memos and
    the app showed the newer alone, the other out of reach.  One memo holds both, and one undo
    takes the merge back whole."""
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.add(Annotation(document="a.txt", start=0, end=1, quote="x", tags=("state",)))
        store.add(Annotation(document="a.txt", start=1, end=2, quote="y", tags=("government",)))
        older = Memo(MemoKind.CODE, "government", "Who rules.", created="2026-01-01T00:00:00Z")
        store.put_memo(older)
        newer = Memo(MemoKind.CODE, "state", "The apparatus.", created="2026-01-02T00:00:00Z")
        store.put_memo(newer)
        store.put_memo(
            Memo(MemoKind.CODE, "state/police", "Armed.", created="2026-01-03T00:00:00Z")
        )
        store.merge_tags("state", "government")
        [memo] = store.memos(MemoKind.CODE, "government")
        assert memo.id == older.id
        assert memo.text == "Who rules.\n\n---\n\nFrom code state:\n\nThe apparatus.\n"
        assert [m.text for m in store.memos(MemoKind.CODE, "government/police")] == ["Armed."]
        assert store.memo(MemoKind.CODE, "state") is None
        store.undo()
        assert {m.target: m.text for m in store.memos(MemoKind.CODE)} == {
            "government": "Who rules.",
            "state": "The apparatus.",
            "state/police": "Armed.",
        }


def test_read_only_store_refuses_attribute_writes(tmp_path: Path, make_read_only: object) -> None:
    db = tmp_path / "annotations.json"
    AnnotationStore(db).close()
    make_read_only(db)  # type: ignore[operator]
    with AnnotationStore(db) as store, pytest.raises(StoreError, match="read-only"):
        store.set_attributes([("a.txt", {"x": 1})])


def _edit_by_hand(db: Path, table: str, doc_id: str, **fields: object) -> None:
    import json

    data = json.loads(db.read_text())
    data[table][doc_id].update(fields)
    db.write_text(json.dumps(data))
    for beside in db.parent.glob(db.name + ".*"):
        beside.unlink()


@pytest.mark.parametrize("values", [5, [1], None, "age=3"])
def test_attributes_whose_record_was_damaged_by_hand_can_be_set_again(
    tmp_path: Path, values: object
) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_attributes([("a.txt", {"age": 3})])
    _edit_by_hand(db, "attributes", "1", values=values)
    with AnnotationStore(db) as store:
        assert store.set_attributes([("a.txt", {"wave": 2})]) == 1
        assert store.unset_attributes("a.txt", ["nope"]) == []
        assert store.attributes() == {"a.txt": {"wave": 2}}


def test_a_memo_whose_record_was_damaged_by_hand_is_refused_deleting_and_kept(
    tmp_path: Path,
) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        memo = store.put_memo(Memo(MemoKind.JOURNAL, "", "Day one"))
    _edit_by_hand(db, "memos", "1", kind=None)
    with (
        AnnotationStore(db) as store,
        pytest.raises(StoreError, match=r"cannot be read .* left as it is"),
    ):
        store.delete_memo(memo.id)
    import json

    assert json.loads(db.read_text())["memos"]["1"]["text"] == "Day one"


def test_an_attribute_set_in_another_case_replaces_the_one_there(tmp_path: Path) -> None:
    """age=50 set on a document holding Age=30 kept both: one hid the other from every query
    and report (which read attributes case aside), and attr list showed two ages; unset Age
    of a document holding age said it had none.  The value is replaced under the name as it
    is stored: age=50 typed where Age is renamed it age (a report's column, a codebook's
    spelling changed by a value typed in lower case)."""
    with AnnotationStore(tmp_path / "db.json") as store:
        store.set_attributes([("a.txt", {"Age": 30, "country": "MX"})])
        assert store.set_attributes([("a.txt", {"age": 50})]) == 1
        assert store.attributes() == {"a.txt": {"Age": 50, "country": "MX"}}
        store.set_attributes([("a.txt", {"AGE": 51, "Age": 52})])  # the later value
        assert store.attributes() == {"a.txt": {"Age": 52, "country": "MX"}}
        # none stored on it: as the other documents spell it, else as typed first
        store.set_attributes([("b.txt", {"AGE": 1, "age": 2})])
        assert store.attributes()["b.txt"] == {"Age": 2}
        store.set_attributes([("c.txt", {"WAVE": 1, "wave": 2})])
        assert store.attributes()["c.txt"] == {"WAVE": 2}
        assert store.unset_attributes("a.txt", ["age", "Wave"]) == ["age"]
        assert store.unset_attributes("b.txt", ["age"]) == ["age"]
        assert store.unset_attributes("c.txt", ["wave"]) == ["wave"]
        assert store.attributes() == {"a.txt": {"country": "MX"}}
    with AnnotationStore(tmp_path / "db.json") as store:
        assert store.attributes() == {"a.txt": {"country": "MX"}}


def test_a_stored_text_value_is_read_without_the_spaces_around_it(tmp_path: Path) -> None:
    """A database holding country "Mexico " (from a project a script wrote, or another
    tool) listed country="Mexico ", a matrix by country had two columns reading Mexico, and
    neither country=Mexico nor that column's own query found it: a text value is read
    without the spaces around it, as attr set stores it (the lines inside it kept)."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import document_test
    from tui_reader.core.analysis.reports import attribute_columns, column_where

    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_attributes([("a.txt", {"country": "Mexico ", "note": " two\nlines\n"})])
        store.set_attributes([("b.txt", {"country": "Mexico"})])
        own = store.attributes()
        assert own == {
            "a.txt": {"country": "Mexico", "note": "two\nlines"},
            "b.txt": {"country": "Mexico"},
        }
        assert store.set_attributes([("a.txt", {"country": "Mexico"})]) == 0  # the same value
    columns, _ = attribute_columns(own, lambda key: own[key]["country"])
    assert columns == ["Mexico"]
    test = document_test(column_where("country", "Mexico", columns), DocumentAttributes(own))
    assert test("a.txt") and test("b.txt")


def test_a_stored_empty_value_is_no_value(tmp_path: Path) -> None:
    """A database holding country "" or wave " " (written before attr set refused an empty
    value, or by another tool) listed them as values, which queries take for none: a stored
    empty value is read as no value, and a document holding nothing else has no attributes."""
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.set_attributes([("a.txt", {"country": "", "wave": " \t", "age": 34})])
        store.set_attributes([("b.txt", {"country": ""})])
        assert store.attributes() == {"a.txt": {"age": 34}}
        store.set_attributes([("a.txt", {"country": "Mexico"})])
        assert store.attributes() == {"a.txt": {"age": 34, "country": "Mexico"}}


def test_a_memo_written_or_edited_is_a_step_undo_takes_back(tmp_path: Path) -> None:
    """Writing a memo is a user's change like any other: ``u`` after a memo undid the
    annotation made before it, leaving the memo."""
    from tui_reader.core.store.history import UndoRefused

    with AnnotationStore(tmp_path / "annotations.json") as store:
        memo = store.put_memo(Memo(MemoKind.DOCUMENT, "a.txt", "First thoughts\n"))
        store.put_memo(memo.evolve(text="Second thoughts\n"))
        store.put_memo(store.memos()[0])  # saved again unchanged: no step
        [edited, written] = store.history()
        assert (edited.label, written.label) == ("edit memo of a.txt", "write memo of a.txt")
        store.undo()
        assert [m.text for m in store.memos()] == ["First thoughts\n"]
        store.undo()
        assert store.memos() == []
        store.redo()
        assert [m.text for m in store.memos()] == ["First thoughts\n"]
        store.redo()
        assert [m.text for m in store.memos()] == ["Second thoughts\n"]
        with pytest.raises(UndoRefused):
            store.redo()


def test_a_code_memo_whose_target_was_edited_by_hand_is_its_codes_memo(tmp_path: Path) -> None:
    """A code memo whose target was edited by hand into "x/" (the code x, as a passage's
    code "x/" is read) was listed as the memo of "x/": a note on x made a second memo beside
    it, renaming x moved it to "y/" and deleting y left it behind.  It is x's memo now."""
    import json

    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.add(Annotation(document="a.txt", start=0, end=1, quote="x", tags=("x",)))
        store.put_memo(Memo(MemoKind.CODE, "x", "About x."))
    data = json.loads(db.read_text(encoding="utf-8"))
    [record] = data["memos"].values()
    record["target"] = "x/"
    db.write_text(json.dumps(data), encoding="utf-8")
    for journal in tmp_path.glob("annotations.json.*"):
        journal.unlink()
    with AnnotationStore(db) as store:
        memo = store.memo(MemoKind.CODE, "x")
        assert memo is not None and memo.text == "About x."
        store.put_memo(memo.evolve(text="About x. More."))
        assert [(m.target, m.text) for m in store.memos()] == [("x", "About x. More.")]
        store.rename_tag("x", "y")
        assert [m.target for m in store.memos()] == ["y"]
        store.delete_tag("y")
        assert store.memos() == []


def test_a_rename_undone_leaves_the_code_memos_time_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A code's memo follows its code's rename, its time left as it was (its text is the
    same); undoing the rename dated the memo at the undo, as if its text had been edited
    then.  It is left as it was, and so by a redo."""
    from types import SimpleNamespace

    clock = [1_700_000_000.0]
    monkeypatch.setattr(
        "tui_reader.core.annotations.model.time", SimpleNamespace(time=lambda: clock[0])
    )
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.add(Annotation(document="a.txt", start=0, end=4, quote="Some", tags=("army",)))
        memo = store.put_memo(Memo(MemoKind.CODE, "army", "About the army\n"))
        for step in (lambda: store.rename_tag("army", "military"), store.undo, store.redo):
            clock[0] += 60
            step()
            [moved] = store.memos()
            assert (moved.text, moved.updated) == (memo.text, memo.updated), moved


def test_a_memo_edit_undone_or_redone_is_dated_when_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undoing a memo's edit put back its old ``updated`` time: the memo's text changed
    then, yet it said it was last changed before the edit (an annotation's undo is dated)."""
    from types import SimpleNamespace

    clock = [1_700_000_000.0]
    monkeypatch.setattr(
        "tui_reader.core.annotations.model.time", SimpleNamespace(time=lambda: clock[0])
    )
    with AnnotationStore(tmp_path / "annotations.json") as store:
        memo = store.put_memo(Memo(MemoKind.DOCUMENT, "a.txt", "First thoughts\n"))
        clock[0] += 60
        store.put_memo(memo.evolve(text="Second thoughts\n"))
        clock[0] += 60
        store.undo()
        [undone] = store.memos()
        assert (undone.text, undone.updated) == ("First thoughts\n", "2023-11-14T22:15:20Z")
        assert undone.created == memo.created
        clock[0] += 60
        store.redo()
        [redone] = store.memos()
        assert (redone.text, redone.updated) == ("Second thoughts\n", "2023-11-14T22:16:20Z")
        clock[0] += 60
        store.undo()  # what the redo wrote is found as it left it
        assert [m.text for m in store.memos()] == ["First thoughts\n"]


def test_thousands_of_attributes_of_a_document_are_set_in_work_linear_in_their_count(
    tmp_path: Path,
) -> None:
    # Each name set was compared with every name of the document for one spelled alike in
    # another case: 8,000 attributes of one document took 5 s of CPU, 20,000 over a minute.
    from helpers.counting import lines_run

    values = {f"q{i}": i for i in range(3_000)}
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.set_attributes([("a.txt", {"Q1": 0, "q2": 0})])
        changed, ran = lines_run(
            lambda: store.set_attributes([("a.txt", values)]), at_most=1_000_000
        )
        assert changed == 1, ran
        stored = store.attributes()["a.txt"]
    # one attribute whatever the case: Q1 keeps its spelling and takes q1's value
    assert len(stored) == 3_000 and stored["Q1"] == 1 and "q1" not in stored
