"""An export run from the wrong place (no corpus named, its documents not found) changes
nothing in the database and says its documents were not found, not that their passages were
marked orphans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli.main import main

TEXT = "The border closed in March.\n\nThe market moved north.\n"


def _statuses(db: Path) -> list[str]:
    tables = json.loads(db.read_text(encoding="utf-8"))
    return [a["status"] for a in tables["annotations"].values()]


def test_an_export_that_finds_no_document_marks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT, "b.txt": "Nothing of that.\n"})
    # kept outside the corpus's folder ("../corpus/a.txt"): a database whose documents lie in
    # its own folder has that folder read when no corpus is named
    db = tmp_path / "store" / "db.json"
    db.parent.mkdir()
    for quote in ("border", "market"):
        argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "--quote", quote, "-t", "t"]
        assert main(argv) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in db.parent.glob("db.json*") if p.is_file()}
    assert main(["export", "--db", str(db), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out.count('"status": "orphan"') == 2  # the export says where it stands
    assert "marked so" not in err
    assert (
        "tui-reader: 2 annotations exported as orphans (their file was not read; "
        "the database is unchanged)" in err.splitlines()
    )
    after = {p.name: p.read_bytes() for p in db.parent.glob("db.json*") if p.is_file()}
    assert after == before
    assert _statuses(db) == ["anchored", "anchored"]


def test_passages_no_longer_in_their_text_are_still_marked_orphans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT})
    db = tmp_path / "db.json"
    argv = ["annotate", str(corpus / "a.txt"), "--db", str(db), "--quote", "border", "-t", "t"]
    assert main(argv) == 0
    (corpus / "a.txt").write_text("Another text entirely.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", str(corpus), "--db", str(db), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "tui-reader: 1 orphaned annotation (marked so)" in err.splitlines()
    assert "not found" not in err
