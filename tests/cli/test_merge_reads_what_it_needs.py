"""merge reads the documents a colleague's work is on, not every document of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import documents_scanned
from helpers.texts import text_corpus

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Ana: We crossed the river at night.\n\nBen: The soldiers waited on the other side.\n"


def test_a_merge_of_the_same_texts_reads_no_document_they_do_not_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # It read every document of the corpus to find one of the same text: 98 s beside a
    # folder of 100 MB files, though each of theirs was on its own path here.
    corpus, _ = text_corpus(tmp_path, {"a.txt": TEXT})
    mine, theirs = tmp_path / "mine.json", tmp_path / "ben.json"
    at = ["--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "We crossed the river", "-t", "crossing",
                 "--coder", "ana", "--db", str(mine), *at]) == 0  # fmt: skip
    assert main(["annotate", "a.txt", "--quote", "The soldiers waited", "-t", "state",
                 "--coder", "ben", "--db", str(theirs), *at]) == 0  # fmt: skip
    (corpus / "big.txt").write_text("Never coded.\n" * 1000, encoding="utf-8")  # new here
    scanned = documents_scanned(monkeypatch)
    assert main(["merge", str(theirs), "--db", str(mine), *at]) == 0
    err = capsys.readouterr().err
    assert "1 new" in err, err
    assert "corpus/big.txt" not in scanned and "corpus/a.txt" in scanned, scanned
    with AnnotationStore(mine, read_only=True) as store:
        placed = sorted((a.document, a.quote) for a in store.annotations())
    assert placed == [
        ("corpus/a.txt", "The soldiers waited"),
        ("corpus/a.txt", "We crossed the river"),
    ]


def test_a_text_of_theirs_under_another_name_here_is_still_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "theirs"
    corpus.mkdir()
    elsewhere.mkdir()
    (corpus / "renamed.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "other.txt").write_text("Another text.\n", encoding="utf-8")
    (elsewhere / "a.txt").write_text(TEXT, encoding="utf-8")
    mine, theirs = tmp_path / "mine.json", tmp_path / "ben.json"
    assert main(["annotate", "a.txt", "--quote", "The soldiers waited", "-t", "state",
                 "--coder", "ben", "--db", str(theirs), "--corpus", str(elsewhere)]) == 0  # fmt: skip
    assert main(["merge", str(theirs), "--db", str(mine), "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    with AnnotationStore(mine, read_only=True) as store:
        placed = [(a.document, a.quote) for a in store.annotations()]
    assert placed == [("corpus/renamed.txt", "The soldiers waited")]
