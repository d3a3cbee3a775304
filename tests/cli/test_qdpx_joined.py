"""``tui-reader export -f qdpx`` of two annotations of one passage, coder and code: written
as one selection (QualCoder keeps one coding of a code per passage and coder), and said."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.interchange.qdpx_read import read_refi_project
from tui_reader.core.store.annotation_store import AnnotationStore


def _coded_twice(tmp_path: Path) -> list[str]:
    """A corpus and a database of two annotations of one passage by one coder with one code;
    the arguments naming them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("first line\nthe middle line\nlast line\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]
    for note in ("seen once", "seen twice"):
        args = ["annotate", "a.txt", "--quote", "middle", "--tag", "hope", "--note", note]
        assert main([*args, "--coder", "ana", *where]) == 0
    return where


def test_annotations_joined_for_qualcoder_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = _coded_twice(tmp_path)
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


@pytest.mark.parametrize("command", ["import", "merge"])
def test_our_project_back_leaves_the_joined_annotations_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The project imported (or merged) back made the first of the two carry both notes,
    the second kept beside it: the note written twice."""
    where = _coded_twice(tmp_path)
    with AnnotationStore(tmp_path / "annotations.json", read_only=True) as store:
        before = sorted((a.id, a.tags, a.note) for a in store.annotations())
    made = tmp_path / "p.qdpx"
    assert main(["export", "-f", "qdpx", "-o", str(made), *where]) == 0
    capsys.readouterr()
    assert main([command, str(made), *where]) == 0
    assert "2 unchanged" in capsys.readouterr().err
    with AnnotationStore(tmp_path / "annotations.json", read_only=True) as store:
        assert sorted((a.id, a.tags, a.note) for a in store.annotations()) == before
