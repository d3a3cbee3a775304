"""``tui-reader search x -`` (grep's ``-``, standard input) said "/cwd/-: no such folder or
file", as of a file the user meant: search, list, export and autocode read no standard input,
and say so in one line.  A file named ``-`` there is read as the file it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.mark.parametrize(
    "argv",
    [["search", "x", "-"], ["list", "-"], ["export", "-"], ["autocode", "x", "-t", "t", "-"],
     ["search", "x", "corpus", "-"], ["list", "--corpus", "-"]],
    ids=["search", "list", "export", "autocode", "search more", "list --corpus"],
)  # fmt: skip
def test_a_dash_for_standard_input_is_said_not_read(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x marks\n", encoding="utf-8")
    assert main([*argv, "--db", str(tmp_path / "db.json")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"tui-reader: {argv[0]} reads no standard input ('-'): name a folder, or files, "
        "of the corpus\n"
    )
    assert not (tmp_path / "db.json").exists()


def test_a_file_named_dash_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").mkdir()
    (tmp_path / "-" / "a.txt").write_text("x marks\n", encoding="utf-8")
    assert main(["search", "x", "-", "--db", str(tmp_path / "db.json")]) == 0
    assert capsys.readouterr().out == "-/a.txt:1: x marks\n"  # the path, as grep's


@pytest.mark.parametrize(
    "argv",
    [["annotate", "corpus/a.txt", "--quote", "x", "-t", "t"], ["memo", "add", "--journal", "m"],
     ["tags"], ["export", "corpus"]],
    ids=["annotate", "memo", "tags", "export"],
)  # fmt: skip
def test_a_dash_for_the_database_is_said_to_be_no_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """``--db -``: a command that writes made a database named ``-`` in the working folder,
    where no later command looked; one that reads said "/cwd/-: no such database"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x marks\n", encoding="utf-8")
    assert main([*argv, "--db", "-"]) == 2
    assert capsys.readouterr().err == (
        "tui-reader: --db - names no standard stream: the database is a file; name one (./- "
        "for a file named '-')\n"
    )
    assert not (tmp_path / "-").exists()
    assert main(["annotate", "corpus/a.txt", "--quote", "x", "-t", "t", "--db", "./-"]) == 0
    assert main([*argv, "--db", "-"]) in (0, 1)  # the file named so, once there
