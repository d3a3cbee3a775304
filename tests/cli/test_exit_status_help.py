"""A script or a Makefile acts on a command's exit status: ``tui-reader --help`` said none, and
the help of annotate, import, merge, history, undo, attr and memo neither, though import,
merge and ``attr import`` exit 1 when they left part of a file out and undo 2 when there was
nothing to undo.  Every command's help says its statuses, the general help what each means."""

from __future__ import annotations

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
