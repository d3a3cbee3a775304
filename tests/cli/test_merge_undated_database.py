"""``tui-reader merge`` of another coder's database holding a record whose time is no time
('yesterday', kept by an import before such words were refused): merged undated and said
once; the word never reaches ours, and theirs is left as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.undated import coded_database, fox_corpus, merge_into_ours


def test_a_database_record_dated_yesterday_is_merged_undated_and_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = fox_corpus(tmp_path)
    theirs_db = tmp_path / "theirs.json"
    coded_database(corpus, theirs_db, journal=False)
    text = theirs_db.read_text(encoding="utf-8")
    stored = re.sub(r'"(created|updated)": "[^"]*"', r'"\1": "yesterday"', text, count=2)
    theirs_db.write_text(stored, encoding="utf-8")
    err = merge_into_ours(tmp_path, corpus, theirs_db, capsys)
    said = [line for line in err.splitlines() if "'yesterday' is not a time" in line]
    assert len(said) == 1 and said[0].endswith("its created time 'yesterday' is not a time; "
                                               "merged undated"), err  # fmt: skip
    assert '"yesterday"' not in (tmp_path / "ours.json").read_text(encoding="utf-8")
    assert theirs_db.read_text(encoding="utf-8") == stored
