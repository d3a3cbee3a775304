"""A code with a comma in its name (``Fear, anxiety``: imported from another tool, or renamed
so) could not be named with ``--tag``: the value was split at the comma into two codes that
are not there, and ``annotate -t`` gave the passage those two new codes beside it.  A value
that is a code whole is taken whole; ``-t a,b`` still names two codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The army moved at dawn. Nobody slept.\n"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.add(make_annotation("docs/a.txt", TEXT, 4, 8, "", ("Fear, anxiety",)))
    return ["--corpus", str(corpus), "--db", str(db)]


def test_a_code_with_a_comma_is_named_whole(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "-f", "json", "--tag", "Fear, anxiety", *project]) == 0
    out, err = capsys.readouterr()
    assert [r["tags"] for r in json.loads(out)] == [["Fear, anxiety"]] and err == ""
    assert main(["export", "-f", "json", "-t", "fear, ANXIETY", *project]) == 0  # any case
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["report", "frequencies", "-t", "Fear, anxiety", "-f", "json", *project]) == 0
    out, err = capsys.readouterr()
    assert [row["tag"] for row in json.loads(out)] == ["Fear, anxiety"] and err == ""
    doc = ["docs/a.txt", "--quote", "Nobody"]
    assert main(["annotate", *doc, "-t", "Fear, anxiety", *project]) == 0
    capsys.readouterr()
    assert main(["tags", "--json", *project]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["Fear, anxiety"]


def test_values_that_are_no_code_whole_are_still_split(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "docs/a.txt", "--quote", "slept", "-t", "calm,night", *project]) == 0
    capsys.readouterr()
    assert main(["tags", "--json", *project]) == 0
    names = [t["name"] for t in json.loads(capsys.readouterr().out)]
    assert names == ["calm", "Fear, anxiety", "night"]
    assert main(["export", "-f", "json", "-t", "calm,night", *project]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_a_code_with_a_comma_is_named_whole_beside_others_in_one_value(
    project: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # as the app's tag field reads "Fear, anxiety, calm": the code and "calm", not three
    doc = ["docs/a.txt", "--quote", "slept"]
    assert main(["annotate", *doc, "-t", "calm, fear,anxiety", *project]) == 0
    capsys.readouterr()
    assert main(["tags", "--json", *project]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == ["calm", "Fear, anxiety"]
    assert main(["export", "-f", "json", "-t", "Fear, anxiety,calm", *project]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
