"""A REFI-QDA project of a document whose file name is not UTF-8 (a Latin-1 "café.txt" from
an old archive): the project names its source with the byte's escape, ``caf\\xe9.txt``, as
every export writes such a name, and an import read that backslash as a Windows path's, the
source's file name ``xe9.txt``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main

NAME = os.fsdecode(b"caf\xe9.txt")  # its byte kept as Python keeps it: a lone surrogate
TEXT = "The army moved to the border. Troops stayed for a year.\n"


def _exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus ``c`` of the Latin-1 named file, a passage of it coded in ``db.json``, and
    the corpus exported as ``out.qdpx``, all in ``tmp_path`` (the working folder)."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / NAME).write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["annotate", f"c/{NAME}", "--quote", "army", "-t", "army", "--db", "db.json"]) == 0
    assert main(["export", "c", "-f", "qdpx", "-o", "out.qdpx", "--db", "db.json"]) == 0
    return tmp_path / "out.qdpx"


def test_a_source_of_a_latin1_name_is_written_under_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported where its document is not, the source was written as ``xe9.txt``."""
    project = _exported(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    capsys.readouterr()
    assert main(["import", str(project), "--db", str(elsewhere / "db.json")]) == 0
    assert [p.name for p in elsewhere.glob("*.txt")] == [NAME]
    assert (elsewhere / NAME).read_text(encoding="utf-8") == TEXT


def test_a_latin1_named_document_edited_since_takes_its_passages_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The document edited here since the export, its passages back were on a document
    ``xe9.txt``: nothing was imported (exit 2, "an annotation on 'c/caf\\udce9.txt', not on
    'c/xe9.txt'") and no file was written."""
    project = _exported(tmp_path, monkeypatch)
    (tmp_path / "c" / NAME).write_text("A line above.\n" + TEXT, encoding="utf-8")
    capsys.readouterr()
    status = main(["import", str(project), "--db", "db.json", "--corpus", "c"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "1 unchanged" in err
    assert os.listdir(tmp_path / "c") == [NAME]
