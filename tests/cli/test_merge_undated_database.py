"""``tui-reader merge`` of another coder's database holding a record whose time is no time
('yesterday', kept by an import before such words were refused): merged undated and said
once; the word never reaches ours, and theirs is left as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_a_database_record_dated_yesterday_is_merged_undated_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The quick brown fox.\n", encoding="utf-8")
    theirs_db = tmp_path / "theirs.json"
    theirs = ["--corpus", str(corpus), "--db", str(theirs_db)]
    assert main(["annotate", *theirs, "--quote", "quick", "-t", "x", "a.txt"]) == 0
    text = theirs_db.read_text(encoding="utf-8")
    stored = re.sub(r'"(created|updated)": "[^"]*"', r'"\1": "yesterday"', text, count=2)
    theirs_db.write_text(stored, encoding="utf-8")
    ours = ["--corpus", str(corpus), "--db", str(tmp_path / "ours.json")]
    assert main(["annotate", *ours, "--quote", "brown", "a.txt"]) == 0
    capsys.readouterr()
    assert main(["merge", str(theirs_db), *ours, "--other-coder", "bob"]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "'yesterday' is not a time" in line]
    assert len(said) == 1 and said[0].endswith("its created time 'yesterday' is not a time; "
                                               "merged undated"), err  # fmt: skip
    assert '"yesterday"' not in (tmp_path / "ours.json").read_text(encoding="utf-8")
    assert theirs_db.read_text(encoding="utf-8") == stored
