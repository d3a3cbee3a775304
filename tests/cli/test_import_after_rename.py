"""An export made before a document was renamed (and edited) here imports back onto the
renamed document: before, it was refused whole, each of its passages "an annotation on"
the renamed document, and a project's attributes went to the old name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Ana: We crossed the river at night.\n\nBen: The soldiers waited on the other side.\n"
QUOTE = "We crossed the river at night."


@pytest.mark.parametrize("fmt", ["json", "w3c", "project", "qdpx"])
def test_an_export_from_before_a_rename_imports_onto_the_renamed_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    mine, old = tmp_path / "mine.json", tmp_path / f"old.{fmt}"
    at = ["--db", str(mine), "--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", QUOTE, "-t", "crossing", *at]) == 0
    assert main(["attr", "set", "a.txt", "country=Mexico", *at]) == 0
    assert main(["export", "-f", fmt, "-o", str(old), *at]) == 0
    # renamed, with a line added at its top; the next command follows it
    (corpus / "b.txt").write_text("Intro.\n\n" + TEXT, encoding="utf-8")
    (corpus / "a.txt").unlink()
    later = (corpus / "b.txt").stat().st_mtime + 5
    os.utime(corpus / "b.txt", (later, later))
    assert main(["export", "-f", "csv", "-o", str(tmp_path / "now.csv"), *at]) == 0
    assert "moved to corpus/b.txt" in capsys.readouterr().err
    assert main(["import", str(old), *at]) == 0
    err = capsys.readouterr().err
    assert "nothing imported" not in err and "1 unchanged" in err, err
    with AnnotationStore(mine, read_only=True) as store:
        assert [(a.document, a.quote) for a in store.annotations()] == [("corpus/b.txt", QUOTE)]
        assert store.attributes() == {"corpus/b.txt": {"country": "Mexico"}}
