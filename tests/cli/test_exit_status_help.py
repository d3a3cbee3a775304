"""A script or a Makefile acts on a command's exit status: ``tui-reader --help`` said none, and
the help of annotate, import, merge, history, undo, attr and memo neither, though import,
merge and ``attr import`` exit 1 when they left part of a file out and undo 2 when there was
nothing to undo.  Every command's help says its statuses, the general help what each means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import SUBCOMMANDS, main


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as ended:
        main([*argv, "--help"])
    assert ended.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_the_general_help_says_what_each_exit_status_means(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help([], capsys)
    assert "exit status (as grep's): 0 done; 1 nothing found" in text
    assert "2 an error, said on stderr" in text and "130 stopped by ctrl+c" in text


@pytest.mark.parametrize(
    "argv",
    [[name] for name in SUBCOMMANDS]
    + [["attr", action] for action in ("set", "unset", "list", "import")]
    + [["memo", action] for action in ("add", "list", "show", "delete")],
    ids=" ".join,
)
def test_every_command_s_help_says_its_exit_status(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert "exit status" in _help(argv, capsys)


def test_the_statuses_said_are_those_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("one two\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json"), "--corpus", str(tmp_path)]
    assert "2 when none was: nothing to undo" in _help(["undo"], capsys)
    assert main(["annotate", "a.txt", "--quote", "one", "--tag", "x", *db[:2]]) == 0
    assert main(["undo", *db[:2]]) == 0
    assert main(["undo", *db[:2]]) == 2
    assert "1 when a row or a cell of the file was left out" in _help(["attr", "import"], capsys)
    (tmp_path / "attrs.csv").write_text("document,age\na.txt,30\nb.txt,40\n", encoding="utf-8")
    assert main(["attr", "import", "attrs.csv", *db]) == 1
    # merge leaves a bad record of the file out, as import does, and says so in its help
    assert "1 when part of the file was left out (a record or annotation" in _help(
        ["merge"], capsys
    )
    records = [
        {"id": "r1", "document": "a.txt", "start": 0, "end": 3, "quote": "one", "tags": ["x"]},
        {"id": "r2", "document": "a.txt", "start": -1, "end": 3, "quote": "one", "tags": ["x"]},
    ]
    (tmp_path / "theirs.json").write_text(json.dumps(records), encoding="utf-8")
    assert main(["merge", "theirs.json", "--other-coder", "ben", *db]) == 1


def test_attr_unset_of_a_name_the_document_lacks_is_an_error_and_removes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """attr unset a.txt contry wave (a name mistyped) said "had no attribute 'contry'",
    removed wave and exited 0, where tags delete of a code there is not exits 2 and its help,
    as attr unset's, says 2 is an error, nothing removed.  It is now refused whole: one line
    naming the names it lacks, nothing removed, 2; a name in another case (Wave) removes."""
    (tmp_path / "a.txt").write_text("one two\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json"), "--corpus", str(tmp_path)]
    assert main(["attr", "set", *db, "a.txt", "wave=2", "country=Peru"]) == 0
    capsys.readouterr()
    assert "2 on an error (nothing removed" in _help(["attr", "unset"], capsys)
    assert main(["attr", "unset", *db, "a.txt", "contry", "wave", "x"]) == 2
    assert capsys.readouterr() == (
        "",
        "tui-reader: a.txt has no attribute 'contry', 'x'; nothing was removed\n",
    )
    assert main(["attr", "list", *db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"a.txt": {"wave": 2, "country": "Peru"}}
    assert main(["attr", "unset", *db, "a.txt", "Wave", "country"]) == 0
    assert main(["attr", "list", *db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {}


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "one file to open"),
        (["list"], "one file to list"),
        (["search"], "one file to search"),
        (["export"], "one file whose annotations to export"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_path_is_said_in_the_command_s_own_words(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """list, search and export said PATH was "one file to open", the app's words: they open
    nothing."""
    text = _help(argv, capsys)
    assert said in text
    assert argv == [] or "to open" not in text
