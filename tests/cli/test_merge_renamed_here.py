"""A colleague's copy of our database, taken before we renamed (and edited) a document, merges
onto the renamed document: our passages they have are ours, unchanged, and theirs go with
them; before, each of ours came back doubled as an orphan on the old name ("another
passage") and theirs stayed orphans there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Ana: We crossed the river at night.\n\nBen: The soldiers waited on the other side.\n"


def test_their_copy_from_before_our_rename_merges_onto_the_renamed_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    mine, theirs = tmp_path / "mine.json", tmp_path / "ben.json"
    at = ["--corpus", str(corpus)]
    assert main(["annotate", "a.txt", "--quote", "We crossed the river at night.", "-t", "crossing",
                 "--coder", "ana", "--db", str(mine), *at]) == 0  # fmt: skip
    copy = tmp_path / "copy.json"
    assert main(["export", "-f", "project", "-o", str(copy), "--db", str(mine), *at]) == 0
    assert main(["import", str(copy), "--db", str(theirs), *at]) == 0  # Ben's copy
    assert main(["annotate", "a.txt", "--quote", "The soldiers waited", "-t", "state",
                 "--coder", "ben", "--db", str(theirs), *at]) == 0  # fmt: skip
    # we rename the file and add a line at its top; the next command follows it
    (corpus / "b.txt").write_text("Intro.\n\n" + TEXT, encoding="utf-8")
    (corpus / "a.txt").unlink()
    later = (corpus / "b.txt").stat().st_mtime + 5
    os.utime(corpus / "b.txt", (later, later))
    assert (
        main(["export", "-f", "csv", "-o", str(tmp_path / "out.csv"), "--db", str(mine), *at]) == 0
    )
    assert "moved to corpus/b.txt" in capsys.readouterr().err
    assert main(["merge", str(theirs), "--db", str(mine), *at]) == 0
    err = capsys.readouterr().err
    assert "another passage" not in err and "no document here" not in err, err
    assert "1 new" in err and "1 unchanged" in err, err
    with AnnotationStore(mine, read_only=True) as store:
        placed = sorted((a.document, a.quote, a.coder) for a in store.annotations())
    assert placed == [
        ("corpus/b.txt", "The soldiers waited", "ben"),
        ("corpus/b.txt", "We crossed the river at night.", "ana"),
    ]
