"""A name typed that is not there is said as typed, as grep and ls say it (``grep: docs/gone.txt:
No such file or directory``): it was said as the full path made of it
(``/home/me/project/docs/gone.txt``), which a script's ``2>&1 | grep docs/gone`` did not find
and a user had to read twice; a control character typed in it is still shown safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TUI_READER_CORPUS", raising=False)
    monkeypatch.delenv("TUI_READER_DB", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("hello world\n", encoding="utf-8")
    (tmp_path / "other").mkdir()
    assert main(["annotate", "docs/a.txt", "--quote", "hello", "-t", "x", "--db", "db.json"]) == 0
    (tmp_path / "theirs.json").write_bytes((tmp_path / "db.json").read_bytes())
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["list", "docs/gone.txt", "docs/a.txt"], "docs/gone.txt: No such file or directory"),
        (["search", "hello", "docs/gone.txt", "docs/a.txt"], "docs/gone.txt: No such file or directory"),
        (["export", "docs/gone.txt", "docs/a.txt"], "docs/gone.txt: No such file or directory"),
        (["autocode", "hello", "-t", "y", "docs/gone.txt", "docs/a.txt"], "docs/gone.txt: No such file or directory"),
        (["list", "docs/a.txt", "other"], "other: is a folder, among files named: left out"),
        (["list", "gone/"], "gone/: No such file or directory"),
        (["search", "hello", "gone"], "gone: No such file or directory"),
        (["export", "gone"], "gone: No such file or directory"),
        (["autocode", "hello", "-t", "y", "gone"], "gone: No such file or directory"),
        (["list", "docs/a.txt", "gone/b.txt"], "gone/b.txt: No such file or directory"),
        (["agreement", "a", "b", "--corpus", "gone"], "gone: No such file or directory"),
        (["merge", "theirs.json", "--corpus", "gone"], "gone: No such file or directory"),
        (["list", "docs/gone\x1b[31m.txt", "docs/a.txt"], "docs/gone␛[31m.txt: No such file or directory"),
        # the files a command reads, said as grep and ls say them too: merge said "no such
        # file", list and search "no such folder or file", import the system's words
        (["merge", "gone.json"], "gone.json: No such file or directory"),
        (["import", "gone.json"], "gone.json: No such file or directory"),
        (["attr", "import", "gone.csv"], "gone.csv: No such file or directory"),
    ],
    ids=lambda value: " ".join(value[:3]) if isinstance(value, list) else "",
)  # fmt: skip
def test_a_name_not_there_is_said_as_typed(
    here: Path, argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = [] if argv[0] in ("list", "search") else ["--db", "db.json"]
    main([*argv, *db])
    err = capsys.readouterr().err
    assert said in err
    assert str(here) not in err and "\x1b" not in err


@pytest.mark.parametrize("argv", [["tags"], ["query", "x"], ["export"]], ids=" ".join)
def test_a_database_not_there_is_said_as_typed(
    here: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--db", "gone.json", "--corpus", "docs"]) == 2
    err = capsys.readouterr().err
    assert "gone.json: no such database" in err and str(here) not in err
