"""``merge`` of a database holding a document whose file name is not UTF-8 (a Latin-1
"léon.txt" from an old archive): a passage of theirs whose id is on another document here,
kept apart under an id made of its own and its document's name, ended the merge in a
traceback (``UnicodeEncodeError``: the name's byte is no UTF-8), nothing merged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_a_passage_kept_apart_on_a_latin1_named_document_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = tmp_path / "theirs"
    (theirs / "c").mkdir(parents=True)
    name = os.fsdecode(b"l\xe9on.txt")  # its byte kept as Python keeps it: a lone surrogate
    (theirs / "c" / name).write_text("The army moved.\n", encoding="utf-8")
    monkeypatch.chdir(theirs)
    assert main(["annotate", f"c/{name}", "--quote", "army", "-t", "army", "--db", "db.json"]) == 0
    assert main(["export", "c", "-f", "json", "-o", "out.json", "--db", "db.json"]) == 0
    # their export imported in another folder, without the files: the same ids, on the
    # documents of the export's names here
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["import", str(theirs / "out.json"), "--db", "db.json"]) == 0
    capsys.readouterr()
    assert main(["merge", str(theirs / "db.json"), "--db", "db.json"]) == 0
    err = capsys.readouterr().err
    assert "merged" in err and "1 new" in err, err
    assert main(["tags", "--json", "--db", "db.json"]) == 0
    (army,) = json.loads(capsys.readouterr().out)
    assert army["count"] == 2  # theirs, and the import's copy kept apart


def test_the_attributes_of_a_latin1_named_document_merge_onto_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``merge`` of a project export (``export -f project``) set the attributes of a
    document whose file name is not UTF-8 on a document of no file, named with the byte's
    escape (``c/l\\xe9on.txt`` typed so), which list showed ``c/l\\\\xe9on.txt`` beside the
    real one: the project gives the name's bytes beside the attributes, which import read
    and merge did not."""
    (tmp_path / "c").mkdir()
    name = os.fsdecode(b"l\xe9on.txt")
    (tmp_path / "c" / name).write_text("The army moved.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["annotate", f"c/{name}", "--quote", "army", "-t", "army", "--db", "a.json"]) == 0
    assert main(["attr", "set", f"c/{name}", "country=Peru", "--db", "a.json"]) == 0
    assert main(["export", "c", "-f", "project", "-o", "all.json", "--db", "a.json"]) == 0
    assert main(["merge", "all.json", "--db", "b.json", "--corpus", "c"]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--db", "b.json"]) == 0
    assert capsys.readouterr().out.splitlines() == ["c/l\\xe9on.txt  country=Peru"]
