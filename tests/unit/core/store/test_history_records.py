"""The history part of the store: the past versions an import compares with."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.interchange.reconcile import Verdict, reconcile_all
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def _made(tags: tuple[str, ...] = ("a",)) -> Annotation:
    return make_annotation("doc.txt", TEXT, 0, 9, "", tags)


def test_past_versions_follow_every_new_step(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as store:
        first = store.add(_made())
        assert [a.tags for a in store.past_versions(first.id)] == [("a",)]
        second = store.update(first.evolve(tags=("b",)))
        assert [a.tags for a in store.past_versions(first.id)] == [("a",), ("a",), ("b",)]
        store.update(second.evolve(tags=("c",)))
        assert [a.tags for a in store.past_versions(first.id)][-1] == ("c",)
        assert store.past_versions("no such id") == []


def test_past_versions_see_another_process_s_step(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with AnnotationStore(db) as ours, AnnotationStore(db) as theirs:
        made = ours.add(_made())
        assert len(ours.past_versions(made.id)) == 1
        stored = theirs.get(made.id)
        assert stored is not None
        theirs.update(stored.evolve(tags=("theirs",)))
        assert [a.tags for a in ours.past_versions(made.id)][-1] == ("theirs",)


def test_reconcile_asks_for_the_past_only_where_the_contents_differ() -> None:
    same, changed, new = _made(), _made(), _made()
    stored = {same.id: same, changed.id: changed.evolve(tags=("ours",))}
    asked: list[str] = []

    def past(annotation_id: str) -> list[Annotation]:
        asked.append(annotation_id)
        return []

    verdicts = reconcile_all([same, changed, new], stored.get, past)
    assert [v.verdict for v in verdicts] == [Verdict.UNCHANGED, Verdict.CONFLICT, Verdict.ADD]
    assert asked == [changed.id]


def test_a_step_takes_the_memos_and_attributes_saved_in_it_but_no_re_anchoring(
    tmp_path: Path,
) -> None:
    """A merge's memos and attributes are part of its step (its undo takes them back); a
    passage re-anchored meanwhile is no user's change: undone, it would go back to its old
    place."""
    from tui_reader.core.analysis.memos import Memo, MemoKind

    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(_made())
        with store.step("merge theirs"):
            store.put_memo(Memo(MemoKind.JOURNAL, "", "their day\n"))
            store.set_attributes([("doc.txt", {"site": "Cozumel"})])
            moved = made.evolve(start=1, end=10, quote=TEXT[1:10])
            store.replace_if_unchanged([(made, moved)])
        [step, _] = store.history()
        assert step.label == "merge theirs" and step.annotations == 0
        store.undo()
        assert (store.memos(), store.attributes()) == ([], {})
        stored = store.get(made.id)
        assert stored is not None and (stored.start, stored.end) == (1, 10)


def _damage_first_step(db: Path, **fields: object) -> None:
    import json

    data = json.loads(db.read_text())
    data["history"]["1"].update(fields)
    db.write_text(json.dumps(data))


def test_a_history_step_damaged_by_hand_stops_no_save_and_no_other_undo(tmp_path: Path) -> None:
    import pytest

    from tui_reader.core.store.history import UndoRefused

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        first = store.add(_made())
    for damage in (5, "x", [[1]], [["meta", "1", None, "junk"]]):
        _damage_first_step(db, changes=damage, annotations="many")
        for stale in db.parent.glob("db.json.*"):
            stale.unlink()
        with AnnotationStore(db) as store:
            later = store.add(_made(("b",)).evolve(start=10, end=14, quote=TEXT[10:14]))
            assert store.get(later.id) is not None  # saved, with its step
            assert [s.annotations for s in store.history()] == [1, 0]
            assert store.past_versions(first.id) == []
            store.undo()  # the step of the new annotation: fine
            assert store.get(later.id) is None
            with pytest.raises(UndoRefused, match=r"step 1 .* damaged; nothing was changed"):
                store.undo()
            assert store.get(first.id) == first


def test_a_record_key_of_unicode_digits_stops_no_save_and_no_undo(tmp_path: Path) -> None:
    import json

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        first = store.add(_made())
    data = json.loads(db.read_text())
    data["annotations"]["²"] = data["annotations"].pop("1")  # str.isdigit, but not int()'s
    data["history"]["³"] = data["history"].pop("1")
    db.write_text(json.dumps(data))
    for stale in db.parent.glob("db.json.*"):
        stale.unlink()
    with AnnotationStore(db) as store:
        later = store.add(_made(("b",)).evolve(start=10, end=14, quote=TEXT[10:14]))
        assert {a.id for a in store.annotations()} == {first.id, later.id}
        assert [s.id for s in store.history()] == [1]
        store.undo()
        assert {a.id for a in store.annotations()} == {first.id}


def test_renamed_tags_say_what_each_code_renamed_or_merged_became(tmp_path: Path) -> None:
    """What a code typed by a name it no longer has became: renames (its children follow),
    merges (into a name holding ' into '), not deletions, nor steps undone."""
    with AnnotationStore(tmp_path / "db.json") as store:
        store.add(_made(("violence/physical", "army", "navy", "old", "gone", "x into y")))
        store.add(_made(("military", "fleet/ships", "z")))
        store.rename_tag("violence", "conflict")
        store.merge_tags("army", "military")
        store.merge_tags("navy", "fleet")
        store.rename_tag("old", "older")
        store.rename_tag("older", "oldest")
        store.delete_tag("gone")
        store.merge_tags("x into y", "z")
        store.rename_tag("z", "zz")
        store.undo()  # z is z again
        assert store.renamed_tags() == {
            "violence/physical": "conflict/physical",
            "army": "military",
            "navy": "fleet",
            "old": "older",
            "older": "oldest",
            "x into y": "z",
        }
