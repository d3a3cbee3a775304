"""``tui-reader import`` of a REFI-QDA project written on Windows: its notes' and sources'
files in Windows-1252 or UTF-16 with a byte-order mark, read in their encoding."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

ENTRY = "Entretien à Tapachula: très réservée, « méfiante »."


def _project(path: Path, members: dict[str, bytes]) -> Path:
    """A project of one text source (``sources/S1.txt``) and one journal entry
    (``sources/N1.txt``), their files ``members``."""
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
        'name="p" origin="NVivo 14"><Sources><TextSource guid="S1" name="a.txt" '
        'plainTextPath="internal://S1.txt" /></Sources><Notes><Note guid="N1" name="Journal" '
        'plainTextPath="internal://N1.txt" /></Notes></Project>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_journal_entry_written_on_windows_is_read_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    members = {"sources/S1.txt": b"Some text.\n", "sources/N1.txt": ENTRY.encode(encoding)}
    project = _project(tmp_path / "win.qdpx", members)
    db = tmp_path / "db.json"
    assert main(["import", str(project), "--db", str(db), "--corpus", str(corpus)]) == 0
    assert "added 1 memo" in capsys.readouterr().err
    with AnnotationStore(db, read_only=True) as store:
        assert [m.text for m in store.memos()] == [ENTRY]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_source_written_on_windows_is_read_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    """A source's text file in Windows-1252 or UTF-16 refused the whole project ("is not
    UTF-8 text"): no passage, memo or source of it was imported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    members = {"sources/S1.txt": ENTRY.encode(encoding), "sources/N1.txt": b"A note."}
    project = _project(tmp_path / "win.qdpx", members)
    db = tmp_path / "db.json"
    assert main(["import", str(project), "--db", str(db), "--corpus", str(corpus)]) == 0
    assert (corpus / "a.txt").read_text(encoding="utf-8") == ENTRY
