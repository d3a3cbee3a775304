"""``tui-reader import`` never rolls newer work back (issue: an older W3C export re-imported
after an autocode run took the new code off every passage it had just coded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.annotations import on_phrases

from tui_reader.cli.main import main
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
PHRASES = ["Pentagon", "Mexico", "border"]


@pytest.fixture
def coded(corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A corpus copy and a database with one annotation on each of PHRASES' first hit."""
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        on_phrases(store, corpus_copy / DOC, PHRASES, ("first",))
    return corpus_copy, db


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("fmt", ["w3c", "json"])
def test_an_older_export_does_not_undo_an_autocode_run(
    fmt: str, coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    with AnnotationStore(db) as store:
        before = {a.id for a in store.annotations()}
    exported = tmp_path / f"old.{fmt}"
    assert (
        _run(capsys, "export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(exported))[0] == 0
    )
    status, out, _ = _run(
        capsys, "autocode", "Pentagon", str(corpus), "--tag", "later", "--db", str(db)
    )
    assert status == 0 and int(out) >= 1
    with AnnotationStore(db) as store:
        later = {a.id for a in store.annotations() if "later" in a.tags} & before
    assert later  # an exported annotation the autocode run tagged

    status, out, err = _run(capsys, "import", str(exported), "--db", str(db), "--dry-run")
    assert status == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert {line[1] for line in lines if line[0] == "skip (older)"} >= later
    assert "0 updated" in err

    status, _, err = _run(capsys, "import", str(exported), "--db", str(db))
    assert status == 0 and "0 updated" in err
    with AnnotationStore(db) as store:
        assert all("later" in store.get(i).tags for i in later)  # type: ignore[union-attr]


def test_a_newer_copy_replaces_and_both_changed_keeps_ours(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    exported = tmp_path / "theirs.json"
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json", "-o", str(exported))
    records = json.loads(exported.read_text(encoding="utf-8"))
    newer, conflicting = records[0], records[1]
    newer.update(note="theirs, later", updated="2999-01-01T00:00:00Z")
    conflicting.update(note="theirs, earlier", updated="2000-01-01T00:00:00Z")
    exported.write_text(json.dumps(records), encoding="utf-8")
    with AnnotationStore(db) as store:  # ours changed too, after theirs
        mine = store.get(conflicting["id"])
        assert mine is not None
        store.update(mine.evolve(note="ours"))

    _, out, err = _run(capsys, "import", str(exported), "--db", str(db), "--dry-run")
    verdicts = {line.split("\t")[1]: line.split("\t")[0] for line in out.splitlines()}
    assert verdicts[newer["id"]] == "update"
    assert verdicts[conflicting["id"]] == "conflict (ours kept, theirs kept beside it)"
    assert "changed on both sides" in err and "theirs 2000-01-01" in err

    status, _, err = _run(capsys, "import", str(exported), "--db", str(db))
    assert status == 0
    with AnnotationStore(db) as store:
        assert store.get(newer["id"]).note == "theirs, later"  # type: ignore[union-attr]
        assert store.get(conflicting["id"]).note == "ours"  # type: ignore[union-attr]
        assert store.history()[0].label == "import theirs.json"
        # The losing side is kept beside ours, on the same passage, saying what it is.
        [kept] = [a for a in store.annotations() if a.note.endswith("theirs, earlier")]
        assert kept.id != conflicting["id"] and kept.quote == conflicting["quote"]
        assert kept.note.startswith("Kept from a conflict: their version (from theirs.json")
    assert f"kept beside it as annotation {kept.id}" in err
    # Importing the same file again keeps one copy, not two.
    _, _, err = _run(capsys, "import", str(exported), "--db", str(db))
    with AnnotationStore(db) as store:
        assert sum(a.note.endswith("theirs, earlier") for a in store.annotations()) == 1


def test_two_passages_under_one_id_both_come_in_and_are_said(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON file giving two passages one id (a script's, a hand edit) imported one of them,
    the other lost without a word; both come in, and the id is named."""
    corpus, db = coded
    exported = tmp_path / "export.json"
    assert (
        _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json", "-o", str(exported))[0]
        == 0
    )
    records = json.loads(exported.read_text(encoding="utf-8"))
    for record in records:
        record["id"] = "same"
    exported.write_text(json.dumps(records), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    status, _, err = _run(capsys, "import", str(exported), "--db", str(fresh))
    assert status == 0
    with AnnotationStore(fresh) as store:
        assert sorted(a.quote for a in store.annotations()) == sorted(PHRASES)
    assert err.count("id 'same' is on another passage too") == 2


@pytest.mark.parametrize("fmt", ["w3c", "json", "project"])
def test_an_older_export_does_not_bring_back_what_was_deleted_here(
    fmt: str, coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    exported = tmp_path / f"old.{fmt}"
    argv = ("export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(exported))
    assert _run(capsys, *argv)[0] == 0
    with AnnotationStore(db) as store:
        gone = next(a for a in store.annotations() if a.quote == "Pentagon")
        store.delete(gone.id)
    status, out, err = _run(capsys, "import", str(exported), "--db", str(db), "--dry-run")
    assert status == 0
    assert f"skip (deleted here)\t{gone.id}\t" in out
    status, _, err = _run(capsys, "import", str(exported), "--db", str(db))
    assert status == 0 and "1 deleted here since (not brought back)" in err
    with AnnotationStore(db) as store:
        assert store.get(gone.id) is None
        assert sorted(a.quote for a in store.annotations()) == ["Mexico", "border"]
    # theirs changed since it was deleted here is their work: it comes in
    data = exported.read_text(encoding="utf-8")
    edited = tmp_path / f"edited.{fmt}"
    marker = '"value": "first"' if fmt == "w3c" else '"first"'  # w3c: its page is "first"
    assert marker in data
    edited.write_text(data.replace(marker, marker.replace("first", "second")), encoding="utf-8")
    assert _run(capsys, "import", str(edited), "--db", str(db))[0] == 0
    with AnnotationStore(db) as store:
        back = store.get(gone.id)
        assert back is not None and back.tags == ("second",)


def test_this_databases_own_export_of_a_note_with_an_escape_imports_unchanged(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    with AnnotationStore(db) as store:
        first = store.annotations()[0]
        store.update(first.evolve(note="see \x1b[31mred\x1b[0m, and a \x7f"))
    for fmt in ("json", "project", "w3c"):
        exported = tmp_path / f"all.{fmt}"
        argv = ("export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(exported))
        assert _run(capsys, *argv)[0] == 0
        status, _, err = _run(capsys, "import", str(exported), "--db", str(db))
        assert status == 0 and "3 unchanged" in err and "0 changed on both sides" in err, err
    with AnnotationStore(db) as store:
        assert len(store.annotations()) == len(PHRASES)


def test_an_older_project_export_does_not_bring_back_a_memo_or_a_value_removed_here(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    key = document_key(corpus / DOC, db)
    with AnnotationStore(db) as store:
        memo = store.put_memo(Memo(MemoKind.DOCUMENT, key, "Read twice."))
        kept = store.put_memo(Memo(MemoKind.JOURNAL, "", "A day in the archive."))
        store.set_attributes([(key, {"country": "Mexico", "year": 2018})])
    exported = tmp_path / "all.json"
    argv = ("export", str(corpus), "--db", str(db), "-f", "project", "-o", str(exported))
    assert _run(capsys, *argv)[0] == 0
    with AnnotationStore(db) as store:
        store.delete_memo(memo.id)
        store.unset_attributes(key, ["country"])
    status, _, err = _run(capsys, "import", str(exported), "--db", str(db))
    assert status == 0, err
    assert "left out 1 memo deleted here since (not brought back)" in err
    assert "left out 1 attribute value removed here since (not set again)" in err
    with AnnotationStore(db) as store:
        assert [m.id for m in store.memos()] == [kept.id]
        assert store.attributes() == {key: {"year": 2018}}


@pytest.mark.parametrize("fmt", ["project", "qdpx"])
def test_an_older_export_does_not_bring_back_a_code_deleted_here(
    fmt: str, coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = coded
    assert _run(capsys, "tags", "rename", "first", "kept", "--db", str(db))[0] == 0
    assert (
        _run(capsys, "autocode", "Pentagon", str(corpus), "--tag", "later", "--db", str(db))[0] == 0
    )
    exported = tmp_path / f"all.{fmt}"
    argv = ("export", str(corpus), "--db", str(db), "-f", fmt, "-o", str(exported))
    assert _run(capsys, *argv)[0] == 0
    assert _run(capsys, "tags", "delete", "later", "--db", str(db))[0] == 0
    status, _, err = _run(capsys, "import", str(exported), "--db", str(db), "--corpus", str(corpus))
    assert status == 0, err
    assert "left out 1 code deleted, renamed or merged here since" in err
    with AnnotationStore(db) as store:
        assert [t.name for t in store.tags()] == ["kept"]


def test_an_import_undone_then_redone_gives_back_its_passages_as_they_were(
    coded: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Undo then redo of an import dated every passage it brought to the redo, as if
    changed here then.  Redone, they are as the import wrote them."""
    corpus, db = coded
    exported = tmp_path / "theirs.json"
    _run(capsys, "export", str(corpus), "--db", str(db), "-f", "json", "-o", str(exported))
    records = json.loads(exported.read_text(encoding="utf-8"))
    for record in records:
        record["updated"] = "2000-01-01T00:00:00Z"
    exported.write_text(json.dumps(records), encoding="utf-8")
    fresh = tmp_path / "fresh.json"
    assert _run(capsys, "import", str(exported), "--db", str(fresh))[0] == 0
    with AnnotationStore(fresh) as store:
        imported = {a.id: a.updated for a in store.annotations()}
    assert set(imported.values()) == {"2000-01-01T00:00:00Z"}
    assert _run(capsys, "undo", "--db", str(fresh))[0] == 0
    with AnnotationStore(fresh) as store:
        assert list(store.annotations()) == []
    assert _run(capsys, "undo", "--redo", "--db", str(fresh))[0] == 0
    with AnnotationStore(fresh) as store:
        assert {a.id: a.updated for a in store.annotations()} == imported
    status, _, err = _run(capsys, "import", str(exported), "--db", str(fresh))
    assert status == 0 and f"{len(records)} unchanged" in err, err
