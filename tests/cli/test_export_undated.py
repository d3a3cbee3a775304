"""``tui-reader export -f w3c`` and ``-f qdpx`` of annotations stored with a time that is no
time ('yesterday', kept as given by an import before such words were refused): exported
without it, and said in one line naming them."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers.undated import coded_database, fox_corpus

from tui_reader.cli.main import main


def _database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A corpus of one text with two annotations, the first made 'yesterday'."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Hello world, a text about things.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    for quote in ("world", "things"):
        where = ["--db", str(db), "--corpus", str(corpus)]
        assert main(["annotate", *where, "--quote", quote, "-t", "x", "a.txt"]) == 0
    text = db.read_text(encoding="utf-8")
    stored = re.sub(r'"created": "[^"]*"', '"created": "yesterday"', text, count=1)
    assert stored != text
    db.write_text(stored, encoding="utf-8")
    capsys.readouterr()
    return corpus, db


def _exported(
    corpus: Path, db: Path, form: str, capsys: pytest.CaptureFixture[str]
) -> pytest.CaptureResult[str]:
    """What ``tui-reader export`` of ``corpus`` and ``db`` in ``form`` wrote, having succeeded."""
    assert main(["export", str(corpus), "--db", str(db), "-f", form]) == 0
    return capsys.readouterr()


def test_w3c_export_keeps_and_names_an_annotation_whose_time_is_no_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _database(tmp_path, capsys)
    said = _exported(corpus, db, "w3c", capsys)
    items = json.loads(said.out)["first"]["items"]
    assert len(items) == 2
    world = next(i for i in items if i["target"]["selector"][0]["exact"] == "world")
    assert "created" not in world
    assert said.err.splitlines() == [
        "tui-reader: 1 annotation has a stored time that is no time ('yesterday'): "
        "exported without it (corpus/a.txt: 'world')"
    ]


def test_qdpx_export_keeps_and_names_an_annotation_whose_time_is_no_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _database(tmp_path, capsys)
    out = tmp_path / "out.qdpx"
    assert main(["export", str(corpus), "--db", str(db), "-f", "qdpx", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    with zipfile.ZipFile(out) as project:
        xml = project.read("project.qde").decode("utf-8")
    assert xml.count("<PlainTextSelection ") == 2
    assert "yesterday" not in xml
    assert "no time ('yesterday'): exported without it (corpus/a.txt: 'world')" in err
    assert "wrote 2 annotations" in err


def test_an_export_of_good_times_says_nothing_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Hello world.\n", encoding="utf-8")
    where = ["--db", str(tmp_path / "annotations.json"), "--corpus", str(corpus)]
    assert main(["annotate", *where, "--quote", "world", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["export", str(corpus), *where[:2], "-f", "w3c"]) == 0
    assert "no time" not in capsys.readouterr().err


@pytest.mark.parametrize("form", ["csv", "csv-raw"])
def test_csv_export_leaves_a_time_that_is_no_time_empty_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    corpus, db = _database(tmp_path, capsys)
    said = _exported(corpus, db, form, capsys)
    rows = list(csv.DictReader(io.StringIO(said.out.lstrip("\ufeff"))))
    world = next(row for row in rows if row["content"] == "world")
    things = next(row for row in rows if row["content"] == "things")
    assert world["created"] == ""
    assert world["updated"] != ""  # a time, kept
    assert things["created"] != ""
    assert "yesterday" not in said.out
    assert "no time ('yesterday'): exported without it (corpus/a.txt: 'world')" in said.err


def test_markdown_export_shows_no_time_that_is_none_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _database(tmp_path, capsys)
    said = _exported(corpus, db, "markdown", capsys)
    assert "yesterday" not in said.out
    assert said.out.count("- Created: ") == 1  # the passage made at a time, alone
    assert "- Created: \n" not in said.out
    assert "no time ('yesterday'): exported without it (corpus/a.txt: 'world')" in said.err


def test_markdown_export_shows_no_empty_time_of_a_passage_dated_by_no_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = _database(tmp_path, capsys)
    db.write_text(db.read_text("utf-8").replace('"yesterday"', '""'), "utf-8")
    said = _exported(corpus, db, "markdown", capsys)
    assert said.out.count("- Created: ") == 1
    assert "no time" not in said.err


def test_a_journal_entry_whose_time_is_no_time_is_exported_undated_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A journal entry stored with a word for its time ('yesterday', kept by an import before
    such words were refused) was headed by that word in the Markdown export, and named
    'Journal yesterday' in a REFI-QDA project: as an annotation's, the time is left out now
    and said in one line (the note dated by the export, as one without a time is: QualCoder
    reads a note's time, and fails on none)."""
    corpus = fox_corpus(tmp_path)
    db = tmp_path / "annotations.json"
    where = coded_database(corpus, db)
    stored = json.loads(db.read_text(encoding="utf-8"))
    [memo] = stored["memos"].values() if isinstance(stored["memos"], dict) else stored["memos"]
    memo.update(created="yesterday", updated="yesterday")
    db.write_text(json.dumps(stored), encoding="utf-8")
    capsys.readouterr()
    assert main(["export", *where]) == 0
    said = capsys.readouterr()
    journal = said.out[said.out.index("### Journal") :]
    assert "yesterday" not in said.out and journal.startswith("### Journal\n\n**Undated**\n")
    line = "1 memo has a stored time that is no time ('yesterday'): exported without it"
    assert said.err.splitlines() == [f"tui-reader: {line} (journal: 'A thought')"]
    made = tmp_path / "made.qdpx"
    assert main(["export", *where, "-f", "qdpx", "-o", str(made)]) == 0
    assert f"tui-reader: {line} (journal: 'A thought')" in capsys.readouterr().err
    with zipfile.ZipFile(made) as project:
        qde = project.read("project.qde").decode("utf-8")
    [note] = re.findall(r"<Note [^>]*>", qde)
    assert 'name="Journal"' in note and "yesterday" not in note, note
    assert re.search(r'creationDateTime="\d{4}-\d\d-\d\dT[0-9:]{8}Z"', note), note
