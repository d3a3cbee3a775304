"""Our own CSV export imported into an empty database gives back each passage under its own
id, so that the two databases are one coding: merged, nothing is doubled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def _records(db: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["export", str(corpus), "--db", str(db), "-f", "json"]) == 0
    records: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return records


def test_a_csv_export_comes_back_under_its_ids_and_merges_as_the_same_coding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border. The army left.\n", "utf-8")
    db = tmp_path / "ours.json"
    at = ["--db", str(db), "--corpus", str(corpus), "a.txt"]
    assert main(["annotate", *at, "--quote", "army moved", "--tag", "military,place"]) == 0
    assert main(["annotate", *at, "--quote", "The army left", "--tag", "=sum"]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", str(corpus), "--db", str(db), "-f", "csv", "-o", str(out)]) == 0
    theirs = tmp_path / "theirs.json"
    assert main(["import", "--db", str(theirs), "--corpus", str(corpus), str(out)]) == 0
    ours_ids = sorted(str(r["id"]) for r in _records(db, corpus, capsys))
    assert sorted(str(r["id"]) for r in _records(theirs, corpus, capsys)) == ours_ids
    # a colleague who began from our CSV: their database merged here adds no passage twice
    assert main(["merge", "--db", str(db), "--corpus", str(corpus), str(theirs)]) == 0
    assert sorted(str(r["id"]) for r in _records(db, corpus, capsys)) == ours_ids


def test_a_taguette_highlight_numbered_as_taguette_numbers_them_gets_an_id_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved to the border.\n", "utf-8")
    sheet = tmp_path / "highlights.csv"
    sheet.write_text("id,document,tag,content\n1,a.txt,army,The army\n", "utf-8")
    db = tmp_path / "db.json"
    assert main(["import", "--db", str(db), "--corpus", str(corpus), str(sheet)]) == 0
    (record,) = _records(db, corpus, capsys)
    assert len(str(record["id"])) == 36 and record["id"] != "1"
