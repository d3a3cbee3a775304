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
    assert capsys.readouterr().out == "a.txt:1: x marks\n"
