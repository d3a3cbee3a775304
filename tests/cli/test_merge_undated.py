"""``tui-reader merge`` of a project whose annotation and memo times are no times
('yesterday', edited by hand): merged undated, said as a merge, the word never stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_a_project_dated_yesterday_is_merged_undated_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The quick brown fox.\n", encoding="utf-8")
    theirs = ["--corpus", str(corpus), "--db", str(tmp_path / "theirs.json")]
    assert main(["annotate", *theirs, "--quote", "quick", "-t", "x", "a.txt"]) == 0
    assert main(["memo", "add", "--journal", "A thought", *theirs]) == 0
    made = tmp_path / "project.json"
    assert main(["export", *theirs, "-f", "project", "-o", str(made)]) == 0
    project = json.loads(made.read_text(encoding="utf-8"))
    project["memos"][0].update(created="yesterday", updated="yesterday")
    project["annotations"][0].update(created="yesterday")
    made.write_text(json.dumps(project), encoding="utf-8")
    ours = ["--corpus", str(corpus), "--db", str(tmp_path / "ours.json")]
    assert main(["annotate", *ours, "--quote", "brown", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["merge", str(made), *ours, "--other-coder", "bob"]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "'yesterday' is not a time" in line]
    assert len(said) == 2 and all(line.endswith("; merged undated") for line in said), err
    assert any("memo '" in line for line in said), err
    assert '"yesterday"' not in (tmp_path / "ours.json").read_text(encoding="utf-8")
