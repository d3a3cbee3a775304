"""``tui-reader import`` of a REFI-QDA project whose times are no times ('yesterday', written
by a tool or a hand): the annotation or note is imported undated, and that is said, as a JSON
or W3C file's is; the word is never stored as a time."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers.undated import coded_database, fox_corpus

from tui_reader.cli.main import main


def test_a_selection_dated_yesterday_is_imported_undated_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = fox_corpus(tmp_path)
    ours = coded_database(corpus, tmp_path / "ours.json")
    made = tmp_path / "made.qdpx"
    assert main(["export", *ours, "-f", "qdpx", "-o", str(made)]) == 0
    edited = tmp_path / "edited.qdpx"
    with zipfile.ZipFile(made) as given, zipfile.ZipFile(edited, "w") as written:
        for member in given.namelist():
            data = given.read(member)
            if member == "project.qde":
                text = data.decode("utf-8")
                text = re.sub(r'creationDateTime="[^"]*"', 'creationDateTime="yesterday"', text)
                text = re.sub(r'modifiedDateTime="[^"]*"', 'modifiedDateTime="soon"', text)
                data = text.encode("utf-8")
            written.writestr(member, data)
    theirs = ["--corpus", str(corpus), "--db", str(tmp_path / "theirs.json")]
    capsys.readouterr()
    assert main(["import", str(edited), *theirs]) == 0
    err = capsys.readouterr().err
    assert "its created time 'yesterday' is not a time; imported undated" in err, err
    assert "its updated time 'soon' is not a time; imported undated" in err, err
    assert main(["export", *theirs, "-f", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["created"], record["updated"]) == ("", "")
    # the journal's note too: its time was stored as 'yesterday' ("journal yesterday")
    [line] = [line for line in err.splitlines() if "memo '" in line]
    assert line.endswith("its created time 'yesterday' is not a time; imported undated"), err
    with zipfile.ZipFile(edited) as given:
        assert given.read("project.qde").count(b'creationDateTime="yesterday"') >= 3
    stored = (tmp_path / "theirs.json").read_text(encoding="utf-8")
    assert '"yesterday"' not in stored and '"soon"' not in stored


def test_a_project_memo_dated_yesterday_is_imported_undated_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project file's memo edited by hand to 'yesterday' was stored so (the journal listed
    'journal yesterday'), as a REFI-QDA note's was."""
    corpus = fox_corpus(tmp_path)
    ours = coded_database(corpus, tmp_path / "ours.json")
    made = tmp_path / "project.json"
    assert main(["export", *ours, "-f", "project", "-o", str(made)]) == 0
    project = json.loads(made.read_text(encoding="utf-8"))
    project["memos"][0].update(created="yesterday", updated="yesterday")
    made.write_text(json.dumps(project), encoding="utf-8")
    theirs = ["--corpus", str(corpus), "--db", str(tmp_path / "theirs.json")]
    capsys.readouterr()
    assert main(["import", str(made), *theirs]) == 0
    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if "memo '" in line]
    assert line.endswith("its created time 'yesterday' is not a time; imported undated"), err
    assert '"yesterday"' not in (tmp_path / "theirs.json").read_text(encoding="utf-8")
