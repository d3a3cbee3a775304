"""The history part of the store: the past versions an import compares with."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tui_reader.core.annotations.model import Annotation, make_annotation, record_tags
from tui_reader.core.interchange.reconcile import Verdict, reconcile_all
from tui_reader.core.store import history
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


def test_tag_names_now_give_no_name_a_code_no_longer_has(tmp_path: Path) -> None:
    """security renamed policy/security, then that deleted: its name now was said to be
    policy/security, a code there was no more (and so of one renamed, then merged away)."""
    with AnnotationStore(tmp_path / "db.json") as store:
        store.add(_made(("security", "army", "old", "policy", "back")))
        store.rename_tag("security", "policy/security")
        store.delete_tag("policy/security")
        store.rename_tag("army", "military")
        store.merge_tags("military", "policy")
        store.rename_tag("old", "older")
        store.rename_tag("older", "oldest")
        store.rename_tag("back", "gone")
        store.delete_tag("gone")
        store.add(_made(("gone",)))  # a code of that name again
        assert store.tag_names_now() == {"old": "oldest", "older": "oldest", "back": "gone"}


def _renames_read_whole(db: Path) -> dict[str, str]:
    """What the codes became, as the whole history says it (every step parsed)."""
    from tui_reader.core.store.history_records import _renamed_tag_names

    with AnnotationStore(db, read_only=True) as store:
        return _renamed_tag_names(store._tables.data["history"])


def test_renamed_tags_read_only_the_steps_that_renamed_a_code(tmp_path: Path) -> None:
    """A code typed wrong (a query, a report) parsed the whole history to say what it
    became: 0.5 s at 100,000 annotations, whose import is one step holding every record.
    Only the steps that renamed, merged or deleted a code are read, and say the same."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.put_many([_made((f"code{n}",)) for n in range(200)] + [_made(("a/b", "c"))])
        store.rename_tag("a", "x")
        store.merge_tags("code1", "code2")
        store.rename_tag("code3", "again")
        store.add(_made(("code3",)))  # made again by its old name, then deleted
        store.delete_tag("code3")
        store.rename_tag("code4", "gone for a while")
        store.undo()
        store.add(_made(('say "rename tag c → d"', "label")))  # its text in a step
        store.compact()
    with AnnotationStore(db) as store:  # in the journal, not folded
        store.rename_tag("c", "see")
        store.rename_tag("code5", "code five")
        store.undo()
    expected = {"a/b": "x/b", "code1": "code2", "c": "see"}  # code3: made again, deleted
    assert _renames_read_whole(db) == expected
    with AnnotationStore(db, read_only=True) as store:
        assert store.renamed_tags() == expected
        assert "history" not in store._tables.data.parsed()
        assert "annotations" not in store._tables.data.parsed()
    with AnnotationStore(db) as store:  # folded
        store.compact()
    with AnnotationStore(db, read_only=True) as store:
        assert store.renamed_tags() == expected
        assert "history" not in store._tables.data.parsed()
        store._tables.data["history"]  # the history read: the same from the steps parsed
        assert "history" in store._tables.data.parsed()
        store._renamed_tags_cache = None  # type: ignore[attr-defined]
        assert store.renamed_tags() == expected


def test_history_lists_a_huge_step_without_parsing_its_changes(tmp_path: Path) -> None:
    """An autocode step of 3,000,000 passages (2.8 GB) took 8 GB to list with history -n 2:
    every step's changes were parsed.  The listing reads each step's label, origin, time,
    count and undo mark alone, and lists what the whole history parsed lists."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        with store.step("autocode border", origin='tui-reader autocode "x, \\"changes\\": "'):
            store.put_many([_made((f"code{n}",)) for n in range(300)])
        made = store.add(_made(("b",)))
        store.rename_tag("b", "see")
        store.delete(made.id)
        store.undo()  # listed undone
        store.compact()
    with AnnotationStore(db, read_only=True) as store:
        listed = store.history()
        assert "history" not in store._tables.data.parsed()  # no step's changes parsed
        assert store.history(2) == listed[:2]
        whole = history.steps(store._tables.data)  # the whole history parsed
    assert [(s.annotations, s.undone) for s in listed] == [
        (1, True),
        (1, False),
        (1, False),
        (300, False),
    ]
    assert listed == [dataclasses.replace(s, annotation_ids=()) for s in whole]
    with AnnotationStore(db) as store:  # a step in the journal since
        store.add(_made(("c",)))
    with AnnotationStore(db, read_only=True) as store:
        assert [s.label for s in store.history(2)] == [
            "create annotation",
            whole[1].label,
        ]  # the undone gone
        assert "history" not in store._tables.data.parsed()


def test_two_undos_a_second_apart_take_back_both_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``s 3``, ``1``, then ``u``, ``u``: the first undo saves the passage with the time it is
    made (a merge elsewhere takes it as newer), and the second, in another second, was refused
    as "changed since" (the passage's time was not the one the step that made it wrote): ``u``
    did nothing half the time."""
    from types import SimpleNamespace

    clock = [1_700_000_000.0]
    monkeypatch.setattr(
        "tui_reader.core.annotations.model.time", SimpleNamespace(time=lambda: clock[0])
    )
    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(_made(("third",)))
        clock[0] += 1
        store.update(made.evolve(tags=("third", "first")))
        clock[0] += 1
        store.undo()
        assert [a.tags for a in store.annotations()] == [("third",)]
        clock[0] += 1
        assert store.undo().label.startswith("create annotation")
        assert store.annotations() == []
        clock[0] += 1
        store.redo()
        store.redo()
        assert [a.tags for a in store.annotations()] == [("third", "first")]


def _passage(i: int) -> Annotation:
    return make_annotation("doc.txt", TEXT, i, i + 9, "", ("a",))


def test_undo_back_to_a_step_takes_back_it_and_every_one_after(tmp_path: Path) -> None:
    """Undoing back to a step of the history, as the app's history view does: the steps
    after it and it, newest first, each redone alone after."""
    with AnnotationStore(tmp_path / "db.json") as store:
        made = [store.add(_passage(i)).id for i in range(4)]
        undone = store.undo_back_to(2)
        assert [step.id for step in undone] == [4, 3, 2]
        assert [a.id for a in store.annotations()] == made[:1]
        assert store.redo().id == 2  # the oldest of them first, as undone last
        assert {a.id for a in store.annotations()} == set(made[:2])
        store.undo(1)
        with pytest.raises(history.UndoRefused, match=r"step 1 .* is undone already"):
            store.undo_back_to(1)
        with pytest.raises(history.UndoRefused, match="no step 9"):
            store.undo_back_to(9)


def test_undo_back_to_stops_at_a_step_dropped_from_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step dropped for its size between: the steps after it undone, it refused, with the
    step before it named (the one an undo by id takes back), the steps undone said."""
    monkeypatch.setattr(history, "MAX_RECORDS", 10)
    with AnnotationStore(tmp_path / "db.json") as store:
        store.add(_passage(0))
        store.put_many([_passage(i) for i in range(1, 7)], "import")  # dropped by the next
        store.put_many([_passage(i) for i in range(7, 13)], "import")
        with pytest.raises(history.UndoStopped) as stopped:
            store.undo_back_to(1)
        assert [step.id for step in stopped.value.undone] == [3]
        assert stopped.value.before == 1
        assert "step 2 (“import”, 6 annotations) was dropped" in str(stopped.value)
        assert len(store.annotations()) == 7


def test_an_undo_or_redo_of_a_code_s_rename_or_delete_reads_no_record_s_codes_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undo or redo keeps a code in the codebook that passages still use after it: it
    read every record's codes again, a record at a time, 0.7 s for 100,000 records, at every
    undo and redo, a rename's too, where no code is removed.  Now none is read when no code
    goes, and the names the records hold are taken as they are when one does."""
    reads: list[object] = []

    def counted(value: object) -> tuple[str, ...]:
        reads.append(value)
        return record_tags(value)

    monkeypatch.setattr(history, "record_tags", counted)
    with AnnotationStore(tmp_path / "db.json") as store:
        store.put_many([_made(("a", "b")) for _ in range(150)])
        store.put_many([_made(("b",)) for _ in range(150)])
        assert store.rename_tag("a", "c") == 150
        store.undo()
        assert {t.name for t in store.tags()} >= {"a", "b"}
        store.redo()
        assert {"b", "c"} <= {t.name for t in store.tags()}
        assert store.delete_tag("b") == 300
        store.undo()
        assert store.tag_counts()["b"] == 300
        store.redo()
        assert "b" not in {t.name for t in store.tags()}
        assert store.tag_counts()["c"] == 150
    assert reads == []


def test_an_undo_after_a_fuzzy_re_anchoring_goes_ahead_and_keeps_the_new_quote(
    tmp_path: Path,
) -> None:
    """Re-anchoring a passage approximately (its file edited) rewrites its quote with its
    offsets: that is its place, no user's change, so the steps before it undo, the passage
    kept where and as it was found; a note written since still refuses them."""
    from tui_reader.core.annotations.model import AnchorStatus

    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(_made())
        coded = store.update(made.evolve(tags=("a", "b")))
        found = coded.evolve(start=1, end=11, quote="fficials f", status=AnchorStatus.FUZZY)
        store.replace_if_unchanged([(coded, found)])
        store.undo()  # the code added
        stored = store.get(made.id)
        assert stored is not None and record_tags(list(stored.tags)) == ("a",)
        assert (stored.start, stored.end, stored.quote) == (1, 11, "fficials f")
        assert stored.status is AnchorStatus.FUZZY
        store.undo()  # the passage made
        assert store.get(made.id) is None
        again = store.add(_made())
        noted = store.update(again.evolve(note="mine"))
        moved = noted.evolve(start=1, end=11, quote="fficials f", status=AnchorStatus.FUZZY)
        store.replace_if_unchanged([(noted, moved)])
        now = store.get(again.id)
        assert now is not None and now.quote == "fficials f"
        store.update(now.evolve(note="mine, changed"))
        [_, step, *_] = store.history()  # the note "mine", written over since
        with pytest.raises(history.UndoRefused, match="changed since"):
            store.undo(step.id)


def test_the_unreadable_records_of_the_history_are_told_from_its_heads_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history view asks which records cannot be listed (no step's changes): the history's
    line was scanned a second time for the changes of none, 62 ms of 34 for a history of
    70 MB.  The changes are looked at only for the steps asked about."""
    from tui_reader.core.store.snapshot import SnapshotTables

    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(_made())
        store.add(_made(("b",)))
        store.compact()
    scanned: list[object] = []
    damaged_steps = SnapshotTables.damaged_steps

    def counted(self: SnapshotTables, *args: object) -> set[str] | None:
        scanned.append(args[1])
        return damaged_steps(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SnapshotTables, "damaged_steps", counted)
    with AnnotationStore(db, read_only=True) as store:
        assert store.history_problems() == []
        assert scanned == []
        assert store.history_problems([2]) == []
        assert scanned == [{"2"}]
