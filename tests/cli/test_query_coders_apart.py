"""``query 'coder:a AND coder:b'``: a passage is one coder's, so it takes none, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_two_coders_asked_of_one_passage_are_said_to_take_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked for what both coders coded, the query matched nothing and said nothing else."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "int.txt").write_text("The soldiers arrived in 2019.\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "annotations.json")]
    for coder in ("maria", "ben"):
        annotate = ["annotate", "int.txt", "--quote", "soldiers", "-t", "army", "--coder", coder]
        assert main([*annotate, *where]) == 0
    capsys.readouterr()
    assert main(["query", "army AND coder:maria AND coder:BEN", *where]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "tui-reader: the coder: terms of this query take no passage together: a passage is "
        "one coder's (two coders' coding compared: tui-reader agreement maria ben, or K in "
        "the app)",
        "tui-reader: 0 passages match",
    ]
