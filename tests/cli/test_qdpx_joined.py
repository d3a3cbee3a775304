"""``tui-reader export -f qdpx`` of two annotations of one passage, coder and code: written
as one selection (QualCoder keeps one coding of a code per passage and coder), and said."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.interchange.qdpx_read import read_refi_project


def test_annotations_joined_for_qualcoder_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("first line\nthe middle line\nlast line\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]
    for note in ("seen once", "seen twice"):
        args = ["annotate", "a.txt", "--quote", "middle", "--tag", "hope", "--note", note]
        assert main([*args, "--coder", "ana", *where]) == 0
    capsys.readouterr()
    made = tmp_path / "p.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(made), *where]) == 0
    said = capsys.readouterr().err.splitlines()
    assert said[0] == (
        "tui-reader: 2 annotations written as 1 selection, their codes and notes joined: "
        "each shares a passage, a coder and a code (or no code) with another, and QualCoder "
        "keeps one coding of a code per passage and coder"
    )
    assert said[1].startswith("tui-reader: wrote 2 annotations to ")
    [back] = read_refi_project(made.read_bytes(), made).annotations
    assert back.tags == ("hope",)
    assert sorted(back.note.split("\n\n")) == ["seen once", "seen twice"]
