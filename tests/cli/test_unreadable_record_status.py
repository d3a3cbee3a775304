"""A database holding a record that cannot be read: export, query and report say it, write
what they can of the rest, and exit 2, so a backup script tells the export from a whole one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main

# A field of a record edited by hand so that it cannot be read: a start that is no number,
# a list of tags holding a null and an object (once read as codes "None" and "{'a': 2}"),
# and a status of no known name (which the store's index takes, and only the annotation
# built from the record refuses).
DAMAGES = {"start": "nowhere", "tags": [None, {"a": 2}], "status": "bogus"}


@pytest.fixture(params=sorted(DAMAGES))
def damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> tuple[Path, Path]:
    """A corpus of one text with two annotations, the record of one of them damaged."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved. The army left.\n", "utf-8")
    db = tmp_path / "db.json"
    for occurrence in ("1", "2"):
        argv = ["annotate", "a.txt", "--corpus", str(corpus), "--db", str(db)]
        argv += ["--quote", "army", "--occurrence", occurrence, "--tag", "war"]
        assert main(argv) == 0
    data = json.loads(db.read_text("utf-8"))
    first = sorted(data["annotations"], key=int)[0]
    data["annotations"][first][request.param] = DAMAGES[request.param]
    db.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    return corpus, db


@pytest.mark.parametrize(
    "command",
    [["export", "-f", "json"], ["query", "war"], ["report", "frequencies"]],
    ids=["export", "query", "report"],
)
def test_a_record_not_read_is_said_and_the_command_exits_2(
    damaged: tuple[Path, Path], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    corpus, db = damaged
    assert main([*command, str(corpus), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "is unreadable" in err
    assert "army" in out or "war" in out  # the rest written all the same
    assert "None" not in out  # no code made of a value that names none
    assert record_left(db)


def record_left(db: Path) -> bool:
    """Whether the damaged record is in ``db`` as it was damaged."""
    records = json.loads(db.read_text("utf-8"))["annotations"].values()
    return any(r.get(field) == value for r in records for field, value in DAMAGES.items())


def test_a_whole_database_still_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved.\n", "utf-8")
    db = str(tmp_path / "db.json")
    argv = ["annotate", "a.txt", "--corpus", str(corpus), "--db", db, "--quote", "army"]
    assert main([*argv, "--tag", "war"]) == 0
    for command in (["export", "-f", "json"], ["query", "war"], ["report", "frequencies"]):
        assert main([*command, str(corpus), "--db", db]) == 0, command
    for command in (["tags"], ["coders"]):
        assert main([*command, "--db", db]) == 0, command
    assert "unreadable" not in capsys.readouterr().err


@pytest.mark.parametrize("command", [["tags"], ["tags", "--tree"], ["coders"]])
def test_counts_without_a_record_not_read_say_it_and_exit_2(
    damaged: tuple[Path, Path], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """tags and coders counted the annotations without the damaged one, said nothing and
    exited 0: a count one short, given as the whole."""
    _, db = damaged
    assert main([*command, "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert "1" in out and "is unreadable" in err
    assert "None" not in out and "{" not in out


def test_agreement_without_a_record_not_read_says_it_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """agreement compared the coders without the damaged record and exited 0; run again
    (every passage known in place, read straight from the records) it did not even say it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The army moved. The army left.\n", "utf-8")
    db = tmp_path / "db.json"
    for coder, occurrence in (("ana", "1"), ("ana", "2"), ("ben", "1")):
        argv = ["annotate", "a.txt", "--corpus", str(corpus), "--db", str(db), "--quote"]
        argv += ["army", "--occurrence", occurrence, "--tag", "war", "--coder", coder]
        assert main(argv) == 0
    data = json.loads(db.read_text("utf-8"))
    first = sorted(data["annotations"], key=int)[0]
    data["annotations"][first]["start"] = "nowhere"
    db.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    for _ in range(2):  # placed, then read as settled
        assert main(["agreement", "ana", "ben", str(corpus), "--db", str(db)]) == 2
        out, err = capsys.readouterr()
        assert "war" in out and "is unreadable" in err


@pytest.mark.parametrize("tags", [{"a": 2}, [None, {"a": 2}], 5], ids=["object", "list", "number"])
def test_undo_beside_a_record_whose_codes_cannot_be_read_takes_back_the_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tags: object
) -> None:
    """undo looks at every annotation's codes for those the codebook must keep: a record
    whose codes were edited by hand into an object stopped it with a traceback."""
    (tmp_path / "a.txt").write_text("The army moved. The navy left.\n", "utf-8")
    db = tmp_path / "db.json"
    for quote, code in (("army", "war"), ("navy", "sea")):
        argv = ["annotate", "a.txt", "--corpus", str(tmp_path), "--db", str(db)]
        assert main([*argv, "--quote", quote, "--tag", code]) == 0
    data = json.loads(db.read_text("utf-8"))
    first = sorted(data["annotations"], key=int)[0]
    data["annotations"][first]["tags"] = tags
    db.write_text(json.dumps(data), "utf-8")
    assert main(["undo", "--db", str(db)]) == 0
    assert "Undone: create annotation" in capsys.readouterr().err
    left = json.loads(db.read_text("utf-8"))["annotations"]
    assert [r["tags"] for r in left.values()] == [tags]  # the damaged record as it was
