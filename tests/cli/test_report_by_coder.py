"""``report matrix --by-coder``: a code by coder table (QualCoder's and NVivo's coder reports)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tui_reader.cli.main import main

TEXT = "The soldiers arrived in 2019. Now there are checkpoints on every road.\n"


@pytest.fixture
def project(tmp_path: Path) -> list[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "int.txt").write_text(TEXT, encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]
    for coder, quote, tags in [
        ("maria", "The soldiers arrived", "militarization"),
        ("maria", "checkpoints on every road", "militarization/checkpoints,migration"),
        ("ben", "The soldiers arrived in 2019.", "militarization"),
    ]:
        annotate = ["annotate", "int.txt", "--quote", quote, "-t", tags, "--coder", coder]
        assert main([*annotate, *where]) == 0
    return where


def test_the_matrix_by_coder_has_a_column_per_coder(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["report", "matrix", "--by-coder", "-f", "csv", *project]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert rows == [
        {"tag": "migration", "ben": "0", "maria": "1"},
        {"tag": "militarization", "ben": "1", "maria": "1"},
        {"tag": "militarization/checkpoints", "ben": "0", "maria": "1"},
    ]
    assert main(["report", "matrix", "--by-coder", "--depth", "1", "-f", "csv", *project]) == 0
    out = capsys.readouterr().out
    assert "militarization,1,2" in out.splitlines()


def test_by_coder_asked_as_an_attribute_is_told_the_option(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """'--by coder' was refused naming the attributes there are, and not how to ask for a
    column per coder."""
    capsys.readouterr()
    assert main(["report", "matrix", "--by", "coder", *project]) == 2
    err = capsys.readouterr().err
    assert "(a column per coder: --by-coder)" in err
    assert main(["report", "frequencies", "--by-coder", *project]) == 2
    assert "--by-coder goes with the matrix report" in capsys.readouterr().err
