"""A passage whose id is no GUID (one imported from a JSON file or another tool) goes to a
.qdpx under a GUID derived from its id; a colleague who imports that project has it under
that GUID. Merged or imported back, in either direction, it is the same passage, not a
second copy of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Ana: We crossed the river at night.\n\nBen: The soldiers waited on the other side.\n"


def _note(db: Path, note: str, when: str) -> None:
    """The one annotation of ``db`` given ``note``, changed at ``when``."""
    with AnnotationStore(db) as store:
        [annotation] = store.annotations()
        store.put(annotation.evolve(note=note, updated=when))


def _only(db: Path) -> tuple[str, str]:
    with AnnotationStore(db, read_only=True) as store:
        [annotation] = store.annotations()
        return annotation.id, annotation.note


def test_a_passage_sent_as_qdpx_under_a_derived_guid_comes_back_as_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    at = ["--corpus", str(corpus)]
    made, ana, ben = tmp_path / "made.json", tmp_path / "ana.json", tmp_path / "ben.json"
    assert main(["annotate", "a.txt", "--quote", "We crossed the river", "-t", "crossing",
                 "--coder", "ana", "--db", str(made), *at]) == 0  # fmt: skip
    records = tmp_path / "records.json"
    assert main(["export", "-f", "json", "-o", str(records), "--db", str(made), *at]) == 0
    [record] = json.loads(records.read_text(encoding="utf-8"))
    records.write_text(json.dumps([{**record, "id": "hl-17"}]), encoding="utf-8")
    assert main(["import", str(records), "--db", str(ana), *at]) == 0  # Ana's "hl-17"
    project = tmp_path / "ana.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(project), "--db", str(ana), *at]) == 0
    assert main(["import", str(project), "--db", str(ben), *at]) == 0  # Ben's copy
    bens_id = _only(ben)[0]
    assert bens_id != "hl-17"  # a GUID: what the project gave it

    _note(ben, "Ben read it", "2099-01-01T00:00:00Z")
    capsys.readouterr()
    assert main(["merge", str(ben), "--db", str(ana), *at]) == 0
    err = capsys.readouterr().err
    assert "0 new" in err and "1 newer than ours (taken)" in err, err
    assert _only(ana) == ("hl-17", "Ben read it")

    _note(ana, "Ana answered", "2099-02-01T00:00:00Z")
    assert main(["merge", str(ana), "--db", str(ben), *at]) == 0
    err = capsys.readouterr().err
    assert "0 new" in err and "1 newer than ours (taken)" in err, err
    assert _only(ben) == (bens_id, "Ana answered")

    # the same for an import of the other's export
    _note(ben, "Ben again", "2099-03-01T00:00:00Z")
    out = tmp_path / "ben-export.json"
    assert main(["export", "-f", "json", "-o", str(out), "--db", str(ben), *at]) == 0
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(ana), *at]) == 0
    err = capsys.readouterr().err
    assert "0 new, 1 updated" in err, err
    assert _only(ana) == ("hl-17", "Ben again")


def test_a_colleague_s_qualcoder_project_merged_again_with_new_guids_doubles_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QualCoder gives every selection a new GUID at each export: a colleague's project
    merged, then merged again once they had coded more, brought each passage merged before
    as a new copy of it (import took them for the same passages)."""
    import re
    import uuid
    import zipfile

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    theirs = ["--corpus", str(corpus), "--db", str(tmp_path / "ben.json")]
    for quote, code in (("We crossed the river", "crossing"), ("soldiers waited", "army")):
        argv = ["annotate", "a.txt", "--quote", quote, "-t", code, "--coder", "ben", *theirs]
        assert main(argv) == 0
    first = tmp_path / "first.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(first), *theirs]) == 0
    again = tmp_path / "again.qdpx"  # as QualCoder exports it again: every GUID new
    with zipfile.ZipFile(first) as given, zipfile.ZipFile(again, "w") as made:
        for name in given.namelist():
            data = given.read(name)
            if name == "project.qde":
                project = data.decode("utf-8").replace('origin="tui-reader', 'origin="QualCoder')
                project = re.sub(
                    r'(<PlainTextSelection guid=")[^"]+',
                    lambda found: found[1] + str(uuid.uuid4()).upper(),
                    project,
                )
                data = project.encode("utf-8")
            made.writestr(name, data)
    ours = ["--corpus", str(corpus), "--db", str(tmp_path / "ana.json")]
    assert main(["merge", str(first), *ours]) == 0
    capsys.readouterr()
    assert main(["merge", str(again), *ours]) == 0
    err = capsys.readouterr().err
    assert "): 0 new, " in err and "2 unchanged" in err, err
    with AnnotationStore(tmp_path / "ana.json", read_only=True) as store:
        assert sorted(a.quote for a in store.annotations()) == [
            "We crossed the river",
            "soldiers waited",
        ]
