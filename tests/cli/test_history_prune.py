"""``tui-reader history --prune``: a deleted annotation's note stayed in the history (and so in
every copy of the database shared) with no way to remove it; the history is pruned to its
newest steps, the annotations kept, undo stopping there with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.history_records import read_history

SECRET = "a note meant for no one"


def coded(tmp_path: Path) -> tuple[list[str], Path, Path]:
    """Three annotations made, the one with SECRET deleted, one more made: five steps.
    The database's arguments, its path, and a copy of it before the deletion."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one two three four five\n", encoding="utf-8")
    db = tmp_path / "db.json"
    where = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["annotate", "a.txt", "--quote", "one", "--tag", "x", *where]) == 0
    assert (
        main(["annotate", "a.txt", "--quote", "two", "--tag", "x", "--note", SECRET, *where]) == 0
    )
    assert main(["annotate", "a.txt", "--quote", "three", "--tag", "x", *where]) == 0
    before = tmp_path / "before.json"
    shutil.copyfile(db, before)  # (each command folds its changes into the file as it ends)
    with AnnotationStore(db) as store:
        (secret,) = [a for a in store.annotations() if a.note == SECRET]
        with store.step("delete annotation"):
            store.delete(secret.id)
    assert main(["annotate", "a.txt", "--quote", "four", "--tag", "x", *where]) == 0
    return where, db, before


def files_holding(folder: Path, text: str) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.is_file() and text.encode() in p.read_bytes()
    )


def quotes(db: Path) -> list[str]:
    with AnnotationStore(db, read_only=True) as store:
        return sorted(a.quote for a in store.annotations())


def test_prune_forgetting_what_was_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where, db, _ = coded(tmp_path)
    assert "db.json" in files_holding(tmp_path, SECRET)
    kept = quotes(db)
    capsys.readouterr()
    # a dry run says what it would remove and changes nothing
    state = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert (
        main(["history", "--prune", "--keep", "1", "--forget-deleted", "--dry-run", *where[2:]])
        == 0
    )
    said = capsys.readouterr().err
    assert "would remove 4 steps from the history (steps 1 to 4" in said
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == state
    assert main(["history", "--prune", "--keep", "1", "--forget-deleted", *where[2:]]) == 0
    said = capsys.readouterr().err
    assert "removed 4 steps" in said and "(1 annotation or memo)" in said
    assert files_holding(tmp_path, SECRET) == ["before.json"]  # no file of the database's
    assert quotes(db) == kept
    assert main(["history", *where[2:]]) == 0
    listed = capsys.readouterr().out.splitlines()  # the step kept, then where undo stops
    assert len(listed) == 2 and listed[0].split()[0] == "5"
    assert "the history was pruned of the steps up to 4" in listed[1]
    # undo takes back the step left, then stops at the pruned point and says why
    assert main(["undo", *where[2:]]) == 0
    assert quotes(db) == [q for q in kept if q != "four"]
    capsys.readouterr()
    assert main(["undo", *where[2:]]) == 2
    assert "the history was pruned of the steps up to 4" in capsys.readouterr().err
    assert main(["undo", "2", *where[2:]]) == 2
    assert "step 2 was pruned from the history" in capsys.readouterr().err
    assert quotes(db) == [q for q in kept if q != "four"]


def test_a_prune_keeping_what_was_deleted_still_stops_a_merge_bringing_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where, db, before = coded(tmp_path)
    assert main(["history", "--prune", *where[2:]]) == 0
    assert "what they deleted is kept" in capsys.readouterr().err
    assert main(["undo", *where[2:]]) == 2
    assert main(["merge", str(before), *where]) == 0
    with AnnotationStore(db, read_only=True) as store:
        assert SECRET not in {a.note for a in store.annotations()}


def test_prune_options_go_with_prune(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    where, _, _ = coded(tmp_path)
    capsys.readouterr()
    assert main(["history", "--keep", "2", *where[2:]]) == 2
    assert "--keep goes with --prune" in capsys.readouterr().err


def test_the_pruned_point_is_read_with_the_steps_heads_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The mark a prune leaves is laid out as a step is: the listing reads it without
    parsing the history's changes (see step_heads), and the store reads it alike."""
    where, db, _ = coded(tmp_path)
    assert main(["history", "--prune", "--keep", "2", *where[2:]]) == 0
    listed = read_history(db, None)
    assert listed is not None
    steps, problems, pruned = listed
    assert [step.id for step in steps] == [5, 4] and problems == []
    assert pruned is not None and pruned[0] == 3
    with AnnotationStore(db, read_only=True) as store:
        assert store.pruned_at() == pruned


def test_the_json_listing_ends_where_the_history_was_pruned_as_the_table_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """history --json listed the steps left and nothing of the prune, where the table ends
    with a line saying undo stops there: its last object now says it, with a step's fields
    (a reader of steps reads it too) and "pruned": true."""
    where, _, _ = coded(tmp_path)
    assert main(["history", "--prune", "--keep", "2", *where[2:]]) == 0
    capsys.readouterr()
    assert main(["history", *where[2:]]) == 0
    table = capsys.readouterr().out.splitlines()
    assert main(["history", "--json", *where[2:]]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [step["id"] for step in listed] == [5, 4, 3]
    assert [step.get("pruned", False) for step in listed] == [False, False, True]
    assert listed[0].keys() <= listed[2].keys()  # every field a step has
    assert listed[2]["label"] in table[-1] and listed[2]["when"] in table[-1]
    assert "undo stops here" in listed[2]["label"] and listed[2]["annotations"] == 0
    for n, count in (("2", 2), ("3", 3), ("0", 3)):  # -n cutting it short: no end to say
        assert main(["history", "--json", "-n", n, *where[2:]]) == 0
        assert len(capsys.readouterr().out.splitlines()) == count


def test_a_prune_says_the_damaged_lines_kept_aside_may_hold_what_it_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged journal line set aside before (db.json.journal.damaged) may hold a change the
    prune removes (the note deleted): the prune left it without a word, though it says no
    file of the database's holds what it removed.  It is left as it was (the user's to
    look at, never deleted unseen), and the prune says so, naming it."""
    where, db, _ = coded(tmp_path)
    aside = db.with_name(db.name + ".journal.damaged")
    aside.write_text(json.dumps({"note": SECRET}) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["history", "--prune", "--forget-deleted", *where[2:]]) == 0
    said = capsys.readouterr().err.splitlines()
    assert files_holding(tmp_path, SECRET) == ["before.json", aside.name]
    assert len(said) == 2 and said[1].startswith(f"tui-reader: {aside}: the damaged journal"), said
    aside.unlink()
    assert main(["annotate", "a.txt", "--quote", "five", "--tag", "x", *where]) == 0
    capsys.readouterr()
    assert main(["history", "--prune", *where[2:]]) == 0
    assert len(capsys.readouterr().err.splitlines()) == 1  # none set aside: nothing more said
