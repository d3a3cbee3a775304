"""A corpus of one text and a database coded in it, for the tests of times that are no
times ('yesterday') imported or merged undated."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


def fox_corpus(tmp_path: Path) -> Path:
    """A corpus holding ``a.txt``: "The quick brown fox."."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The quick brown fox.\n", encoding="utf-8")
    return corpus


def coded_database(corpus: Path, db: Path, *, journal: bool = True) -> list[str]:
    """The ``--corpus``/``--db`` arguments of ``db``, given an annotation of "quick" coded x
    and, with ``journal``, a journal note."""
    args = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["annotate", *args, "--quote", "quick", "-t", "x", "a.txt"]) == 0
    if journal:
        assert main(["memo", "add", "--journal", "A thought", *args]) == 0
    return args


def merge_into_ours(
    tmp_path: Path, corpus: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    """Merge ``source`` as coder bob into a database of our own annotation of "brown";
    what the merge said on stderr."""
    ours = ["--corpus", str(corpus), "--db", str(tmp_path / "ours.json")]
    assert main(["annotate", *ours, "--quote", "brown", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["merge", str(source), *ours, "--other-coder", "bob"]) == 0
    return capsys.readouterr().err
