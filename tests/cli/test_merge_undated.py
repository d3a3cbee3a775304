"""``tui-reader merge`` of a project whose annotation and memo times are no times
('yesterday', edited by hand): merged undated, said as a merge, the word never stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.undated import coded_database, fox_corpus, merge_into_ours

from tui_reader.cli.main import main


def test_a_project_dated_yesterday_is_merged_undated_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = fox_corpus(tmp_path)
    theirs = coded_database(corpus, tmp_path / "theirs.json")
    made = tmp_path / "project.json"
    assert main(["export", *theirs, "-f", "project", "-o", str(made)]) == 0
    project = json.loads(made.read_text(encoding="utf-8"))
    project["memos"][0].update(created="yesterday", updated="yesterday")
    project["annotations"][0].update(created="yesterday")
    made.write_text(json.dumps(project), encoding="utf-8")
    err = merge_into_ours(tmp_path, corpus, made, capsys)
    said = [line for line in err.splitlines() if "'yesterday' is not a time" in line]
    assert len(said) == 2 and all(line.endswith("; merged undated") for line in said), err
    assert any("memo '" in line for line in said), err
    assert '"yesterday"' not in (tmp_path / "ours.json").read_text(encoding="utf-8")
