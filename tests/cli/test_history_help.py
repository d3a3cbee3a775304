"""``tui-reader history --help`` named its columns "id, when, command or key, annotations" while
each line reads id, when, the count of annotations, what was done, then the command or key in
brackets: the help names them in the order they are printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_history_help_names_the_columns_in_their_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one two\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert (
        main(["annotate", "a.txt", "--quote", "one", "--tag", "x", "--corpus", str(corpus), *db])
        == 0
    )
    assert (
        main(["annotate", "a.txt", "--quote", "two", "--tag", "x", "--corpus", str(corpus), *db])
        == 0
    )
    capsys.readouterr()
    assert main(["history", *db]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    # id, when, annotations, what was done, [command]
    assert re.fullmatch(
        r"\s*2  \S+Z\s+1 annotation  create annotation  \[tui-reader annotate .*\]", line
    )
    with pytest.raises(SystemExit):
        main(["history", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    help_text = help_text[help_text.index("the recent changes") :]
    columns = ["id", "when", "annotations", "what was done", "[command or key]"]
    at = [help_text.find(column) for column in columns]
    assert -1 not in at and at == sorted(at), help_text
