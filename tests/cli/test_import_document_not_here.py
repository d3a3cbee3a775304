"""A colleague's export naming a document that is in no folder here, imported with a corpus
named: the document is kept in that corpus under the name the file gives it, so that the file
put there is the document its passages are on, whatever the export's format."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from helpers.colleagues import our_corpus, their_interview_export

from tui_reader.cli.main import main
from tui_reader.locations import ENV_CORPUS


def _their_export(tmp_path: Path, fmt: str) -> tuple[Path, str]:
    """A colleague's database beside their corpus, one passage of interview.txt coded, and
    its export in ``fmt``; the passage's id."""
    out = their_interview_export(tmp_path, fmt, tmp_path / f"out.{fmt}")
    theirs = tmp_path / "theirs"
    (passage,) = _rows(theirs / "annotations.json", theirs)
    return out, passage["id"]


def _rows(db: Path, corpus: Path) -> list[dict[str, str]]:
    """The database's annotations as its CSV export has them (an export places passages whose
    files moved, as every command does)."""
    out = db.parent.parent / f"rows_{db.stem}.csv"  # outside every corpus
    assert (
        main(["export", "--db", str(db), "--corpus", str(corpus), "-f", "csv", "-o", str(out)]) == 0
    )
    return list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))


@pytest.mark.parametrize("fmt", ["csv", "json", "w3c", "project"])
def test_a_document_not_here_is_kept_in_the_corpus_named_and_found_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """The document was kept beside the database (``missing.txt`` of a database in db/): the
    line told the user its file was looked for there, where no command reads it with the
    corpus named, and once it was put in the corpus and coded here, a CSV's passages (which
    carry no hash of their text) stayed orphans, "the file is gone"."""
    out, theirs = _their_export(tmp_path, fmt)
    corpus, db = our_corpus(tmp_path)
    at = ["--db", str(db), "--corpus", str(corpus)]
    capsys.readouterr()
    assert main(["import", *at, str(out)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "no file for" in line]
    assert (
        said
        and f"no file for 1 document in the corpus folder {corpus} (interview.txt);" in (said[0])
    ), said
    shutil.copy(tmp_path / "theirs" / "interview.txt", corpus / "interview.txt")
    assert main(["annotate", *at, "interview.txt", "--quote", "north", "--tag", "n"]) == 0
    rows = {row["id"]: row for row in _rows(db, corpus)}
    assert rows[theirs]["status"] == "anchored", rows[theirs]
    assert len({row["document"] for row in rows.values()}) == 1, rows
    if fmt == "project":  # its attributes are the document's too
        capsys.readouterr()
        assert main(["attr", "list", *at]) == 0
        assert f"{rows[theirs]['document']}  site=North" in capsys.readouterr().out


def test_the_corpus_the_environment_names_keeps_it_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, theirs = _their_export(tmp_path, "csv")
    corpus = tmp_path / "c"
    corpus.mkdir()
    db = tmp_path / "db" / "ours.json"
    db.parent.mkdir()
    monkeypatch.setenv(ENV_CORPUS, str(corpus))
    assert main(["import", "--db", str(db), str(out)]) == 0
    shutil.copy(tmp_path / "theirs" / "interview.txt", corpus / "interview.txt")
    assert main(["annotate", "--db", str(db), "interview.txt", "--quote", "north"]) == 0
    rows = {row["id"]: row for row in _rows(db, corpus)}
    assert rows[theirs]["status"] == "anchored", rows[theirs]
    assert {row["document"] for row in rows.values()} == {"../c/interview.txt"}, rows


def test_without_a_corpus_named_the_document_stays_beside_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database's folder is then the corpus: the document is kept there, as before."""
    monkeypatch.delenv(ENV_CORPUS, raising=False)
    out, theirs = _their_export(tmp_path, "csv")
    db = tmp_path / "db" / "ours.json"
    db.parent.mkdir()
    monkeypatch.chdir(tmp_path / "db")
    assert main(["import", "--db", str(db), str(out)]) == 0
    shutil.copy(tmp_path / "theirs" / "interview.txt", db.parent / "interview.txt")
    rows = {row["id"]: row for row in _rows(db, db.parent)}
    assert rows[theirs]["document"] == "interview.txt", rows
    assert rows[theirs]["status"] == "anchored", rows[theirs]


def _imported_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> tuple[str, dict[str, str], Path]:
    """Their export imported into db/ours.json with the corpus c/ named, their interview's
    file in it as ``name``: what the import said, their passage's row, and the corpus."""
    out, theirs = _their_export(tmp_path, fmt)
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(tmp_path / "theirs" / "interview.txt", corpus / name)
    db = tmp_path / "db" / "ours.json"
    db.parent.mkdir()
    capsys.readouterr()
    assert main(["import", "--db", str(db), "--corpus", str(corpus), str(out)]) == 0
    err = capsys.readouterr().err
    rows = {row["id"]: row for row in _rows(db, corpus)}
    return err, rows[theirs], corpus


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_document_found_in_the_corpus_by_its_text_and_name_is_not_said_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """Their database beside their files, ours in db/, the file in the corpus named: the
    import said "no file for 1 document beside …/ours.json (interview.txt); their annotations
    are placed on the document here of the same text", a problem where there is none."""
    err, row, _ = _imported_beside_it(tmp_path, capsys, fmt, "interview.txt")
    assert "no file" not in err and "found by" not in err and "orphan" not in err, err
    assert (row["status"], row["document"]) == ("anchored", "../c/interview.txt")


def test_a_document_found_in_the_corpus_by_its_text_under_another_name_is_said_calmly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Their interview.txt is our p01.txt: one line saying so, not "no file for…"."""
    err, row, corpus = _imported_beside_it(tmp_path, capsys, "json", "p01.txt")
    assert "no file" not in err, err
    assert (
        f"1 document of theirs found by its text under another name (interview.txt is p01.txt) "
        f"in the corpus folder {corpus}\n" in err
    ), err
    assert (row["status"], row["document"]) == ("anchored", "../c/p01.txt")
