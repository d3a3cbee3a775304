"""``tui-reader import`` of this database's own JSON export, brought back with some records
changed: the records that are ours exactly are found unchanged without being read further;
every other record is weighed as before, and a bad one is named by its place in the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers.annotations import on_phrases

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.interchange.importing import StoredHere, as_stored
from tui_reader.core.store.annotation_store import AnnotationStore

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
PHRASES = ["Pentagon", "Mexico", "border", "military"]


@pytest.fixture
def exported(corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path, list[dict[str, object]]]:
    """A database with one annotation on each of PHRASES, and its JSON export's records."""
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        on_phrases(store, corpus_copy / DOC, PHRASES, ("first",))
    out = tmp_path / "export.json"
    assert main(["export", str(corpus_copy), "--db", str(db), "-f", "json", "-o", str(out)]) == 0
    return db, out, json.loads(out.read_text(encoding="utf-8"))


def _import(capsys: pytest.CaptureFixture[str], file: Path, db: Path, *more: str) -> str:
    capsys.readouterr()
    status = main(["import", str(file), "--db", str(db), *more])
    err = capsys.readouterr().err
    assert status == 0, err
    return err


def test_records_that_are_ours_are_unchanged_and_the_changed_one_is_saved(
    exported: tuple[Path, Path, list[dict[str, object]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, _, records = exported
    records[2] = {**records[2], "note": "seen again", "updated": "2099-01-01T00:00:00Z"}
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(records), encoding="utf-8")
    built: list[str] = []
    real = Annotation.from_record.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Annotation], record: dict[str, object], coder: str = "") -> Annotation:
        built.append(str(record.get("id")))
        return real(cls, record, coder)  # type: ignore[no-any-return]

    monkeypatch.setattr(Annotation, "from_record", classmethod(counting))
    err = _import(capsys, changed, db)
    assert "4 annotations" in err and "0 new, 1 updated, 3 unchanged" in err
    # none built of the records found ours: theirs nor ours
    assert set(built) <= {records[2]["id"]}, built
    with AnnotationStore(db) as store:
        notes = {a.id: a.note for a in store.annotations()}
    assert notes[str(records[2]["id"])] == "seen again"
    assert sorted(notes.values()) == ["", "", "", "seen again"]


def test_the_own_export_imported_again_builds_none_of_theirs(
    exported: tuple[Path, Path, list[dict[str, object]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, out, _ = exported
    from tui_reader.core.interchange import json as json_format

    parsed: list[int] = []
    real = json_format.parse_json

    def counting(text: str, source: str, data: object = None) -> list[Annotation]:
        found = real(text, source, data)
        parsed.append(len(found))
        return found

    monkeypatch.setattr("tui_reader.core.interchange.importing.parse_json", counting)
    err = _import(capsys, out, db)
    assert "imported 4 annotations" in err and "4 unchanged" in err
    assert parsed == [0]  # every record found ours as it is: none parsed into an annotation


def test_a_bad_record_after_records_of_ours_is_named_by_its_place_in_the_file(
    exported: tuple[Path, Path, list[dict[str, object]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _, records = exported
    records[3] = {**records[3], "start": "twelve"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(records), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "record 4" in err and "start" in err
    assert "record 1" not in err


def test_a_dry_run_lists_every_record_in_the_files_order(
    exported: tuple[Path, Path, list[dict[str, object]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, out, records = exported
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(db), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["unchanged"] * 4
    assert [line.split("\t")[1] for line in lines] == [str(r["id"]) for r in records]


def _ours(records: list[dict[str, object]], codes: set[str]) -> StoredHere:
    return StoredHere({str(r["id"]): r for r in records}, frozenset(codes))


def test_which_records_are_taken_as_ours() -> None:
    record = {"id": "a", "document": "d.txt", "tags": ["x", "y/z"], "note": ""}
    ours = _ours([record, {**record, "id": "b"}, {**record, "id": "c"}], {"x", "y/z"})
    same, rest = as_stored([dict(record)], ours)
    assert same == [record] and rest == []
    # a field that differs, an id twice in the file, a code not ours, a code or key an
    # import would name otherwise: weighed as any other record
    cases = [
        [{**record, "note": "other"}],
        [dict(record), {**record, "note": "other"}],
        [{**record, "id": "b", "tags": ["x", "new"]}],
        [{**record, "id": "c", "document": "./d.txt"}],
        ["not a record"],
    ]
    for records in cases:
        ours = _ours([{**r, "note": ""} for r in records if isinstance(r, dict)], {"x", "y/z"})
        assert as_stored(records, ours) == ([], records) or as_stored(records, ours)[0] == []
    tabbed = {**record, "tags": ["a\tb"]}
    assert as_stored([tabbed], _ours([tabbed], {"a\tb"})) == ([], [tabbed])
    twice = {**record, "tags": ["x", "x"]}
    assert as_stored([twice], _ours([twice], {"x"})) == ([], [twice])


def test_importing_the_database_itself_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import annotations.json`` (the database itself) said "a tui-reader database, not an
    export; ... tui-reader merge annotations.json", and that merge says "that is this
    database": it says so at once, as merge does, through a link too."""
    (tmp_path / "a.txt").write_text("some words\n", encoding="utf-8")
    db = tmp_path / "db.json"
    where = ["--db", str(db), "--corpus", str(tmp_path)]
    assert main(["annotate", "a.txt", "--quote", "some", "--tag", "x", *where]) == 0
    (tmp_path / "link.json").symlink_to(db)
    before = db.read_bytes()
    for named in (db, tmp_path / "link.json"):
        capsys.readouterr()
        assert main(["import", str(named), *where]) == 2
        err = capsys.readouterr().err
        assert "that is this database" in err and "merge" not in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_merging_or_importing_a_hard_link_to_the_database_says_that_is_this_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``merge`` given a hard link to the database read it as another coder's work and merged
    it into itself ("1 unchanged", exit 0); import took it for another database."""
    (tmp_path / "a.txt").write_text("some words\n", encoding="utf-8")
    db = tmp_path / "db.json"
    where = ["--db", str(db), "--corpus", str(tmp_path)]
    assert main(["annotate", "a.txt", "--quote", "some", "--tag", "x", *where]) == 0
    os.link(db, tmp_path / "hard.json")
    before = db.read_bytes()
    for command in ("merge", "import"):
        capsys.readouterr()
        assert main([command, str(tmp_path / "hard.json"), *where]) == 2
        err = capsys.readouterr().err
        assert "hard.json: that is this database" in err and err.count("\n") == 1, err
    assert db.read_bytes() == before
