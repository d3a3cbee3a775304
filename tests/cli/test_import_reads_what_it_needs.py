"""import reads the documents a colleague's file is on, not every document of the corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.counting import documents_read, documents_scanned
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Ana: We crossed the river at night.\n\nBen: The soldiers waited on the other side.\n"


def _their_export(tmp_path: Path, name: str) -> Path:
    """Ben's W3C export of his passage of TEXT, coded in his own folder as ``name`` (on his
    machine: the folder is not here)."""
    elsewhere = tmp_path / "ben"
    elsewhere.mkdir()
    (elsewhere / name).write_text(TEXT, encoding="utf-8")
    theirs, exported = elsewhere / "ben.json", tmp_path / "ben.jsonld"
    assert main(["annotate", name, "--quote", "The soldiers waited", "-t", "state",
                 "--coder", "ben", "--db", str(theirs), "--corpus", str(elsewhere)]) == 0  # fmt: skip
    assert main(["export", str(elsewhere), "--db", str(theirs), "-f", "w3c",
                 "-o", str(exported)]) == 0  # fmt: skip
    shutil.rmtree(elsewhere)
    return exported


def _placed(db: Path) -> list[tuple[str, str]]:
    with AnnotationStore(db, read_only=True) as store:
        return sorted((a.document, a.quote) for a in store.annotations())


def test_an_import_from_another_folder_reads_no_document_it_does_not_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its document not beside the database, it read every document of the corpus to find
    # the one of its text: an import of one passage waited on a CSV of 200,000 rows and a
    # subtitle file of 200,000 cues lying there, never coded.
    exported = _their_export(tmp_path, "a.txt")
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT, "big.txt": "Never coded.\n" * 1000})
    capsys.readouterr()
    scanned = documents_scanned(monkeypatch)
    mine = tmp_path / "mine.json"
    assert main(["import", str(exported), "--db", str(mine), "--corpus", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert "1 new" in err, err
    assert "corpus/big.txt" not in scanned and "corpus/a.txt" in scanned, scanned
    assert _placed(mine) == [("corpus/a.txt", "The soldiers waited")]


def test_an_import_of_our_csv_reads_only_the_documents_its_rows_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A CSV export (or Taguette's) was placed on every document of the corpus, each read
    # first: an import of one row into a corpus of 10,000 documents took 3.5 s of processor
    # time (10 to 17 s on a busy machine), the documents never coded read whole.
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT, "big.txt": "Never coded.\n" * 1000})
    rows = tmp_path / "rows.csv"
    rows.write_text("id,document,tag,content,note,start,end\nb1,a.txt,state,The soldiers,,,\n")
    read = documents_read(monkeypatch)
    mine = tmp_path / "mine.json"
    assert main(["import", str(rows), "--db", str(mine), "--corpus", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert "1 new" in err, err
    assert [path.name for path in read] == ["a.txt"], read
    assert _placed(mine) == [("corpus/a.txt", "The soldiers")]


def test_an_imported_text_under_another_name_here_is_still_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _their_export(tmp_path, "a.txt")
    corpus, _ = text_corpus(
        tmp_path,
        {
            "renamed.txt": TEXT,
            "other.txt": "Another text.\n",
            "a.txt": "A text of the same name, another text.\n",
        },
    )
    mine = tmp_path / "mine.json"
    assert main(["import", str(exported), "--db", str(mine), "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    assert _placed(mine) == [("corpus/renamed.txt", "The soldiers waited")]
