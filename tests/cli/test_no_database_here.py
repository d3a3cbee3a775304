"""A command that only reads the database, run in a folder that holds none (not the
project's), says so and leaves nothing there: it made an empty database and four files
beside it in that folder and answered from it (no codes, exit 0), as if the work were gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.hostile import user_environment

from tui_reader.cli.main import main

READING = [
    ["tags"],
    ["coders"],
    ["export"],
    ["report", "frequencies"],
    ["query", "anything"],
    ["memo", "list"],
    ["attr", "list"],
    ["undo"],
    ["history"],
    # they change what is there: a rename, a memo deleted... in a folder without a database
    # made one, and four files beside it, to say "no tag named 'a'"
    ["tags", "rename", "a", "b"],
    ["tags", "merge", "a", "b"],
    ["tags", "delete", "a"],
    ["memo", "delete", "0f1e"],
    ["attr", "unset", "a.txt", "age"],
]


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c))
def test_a_reading_command_in_a_folder_without_a_database(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "elsewhere"
    (folder / "docs_corpus").mkdir(parents=True)
    (folder / "docs_corpus" / "a.txt").write_text("some words\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "no database here" in err and "annotations.json" in err and "--db" in err
    assert sorted(p.name for p in folder.iterdir()) == ["docs_corpus"]


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c))
def test_a_reading_command_on_an_emptied_database_says_so_and_writes_nothing(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A database of no bytes (a '>' into it, a disk that filled) was taken for a new one: the
    command wrote one there and four files beside it, and answered "no codes", exit 0."""
    (tmp_path / "docs_corpus").mkdir()
    (tmp_path / "docs_corpus" / "a.txt").write_text("some words\n", encoding="utf-8")
    (tmp_path / "annotations.json").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: {tmp_path / 'annotations.json'}: is empty (0 bytes), no database: what "
        "it held is not in it (a '>' into it, a disk that filled?); restore it from a copy\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json", "docs_corpus"]
    assert (tmp_path / "annotations.json").read_bytes() == b""


def test_an_empty_memo_makes_no_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TUI_READER_DB", raising=False)
    assert main(["memo", "add", "--journal", "  "]) == 2
    assert capsys.readouterr().err == "tui-reader: the memo is empty\n"
    assert list(tmp_path.iterdir()) == []


def test_a_database_made_by_a_command_that_writes_is_read_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs_corpus").mkdir()
    (tmp_path / "docs_corpus" / "a.txt").write_text("some words\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    assert main(["annotate", "a.txt", "--quote", "words", "--tag", "t"]) == 0
    assert (tmp_path / "annotations.json").is_file()
    capsys.readouterr()
    assert main(["tags"]) == 0
    assert capsys.readouterr().out.split() == ["1", "t"]


@pytest.mark.parametrize("argv", [["tags"], ["export", "{corpus}"], []])
def test_a_command_run_in_a_folder_deleted_since_says_so(tmp_path: Path, argv: list[str]) -> None:
    """It said "the output: could not write (No such file or directory)", of nothing written.
    The default database is found in that folder; full paths work there (see
    test_deleted_working_folder.py)."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Text.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["annotate", str(tmp_path / "corpus" / "a.txt"), "--quote", "Text", "-t", "t",
                 "--db", str(db)]) == 0  # fmt: skip
    gone = tmp_path / "gone"
    gone.mkdir()
    args = [a.format(db=db, corpus=tmp_path / "corpus") for a in argv]
    script = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    env = user_environment()
    done = subprocess.run(
        ["sh", "-c", script, "sh", gone, sys.executable, "-m", "tui_reader", *args],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "tui-reader: the current folder is not there any more (deleted, or moved away), and "
        "the database is found in it (annotations.json); cd to a folder that is, or name the "
        "database with --db and its full path\n"
    )


@pytest.mark.parametrize(
    "command", [["tags"], ["export"], ["annotate", "a.txt", "--quote", "Text", "-t", "t"]]
)
@pytest.mark.parametrize("content", ["Text.\n", '{"annotations": 5}', "[]"])
def test_a_file_that_is_no_database_named_by_db_is_left_alone(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    content: str,
) -> None:
    """``--db a.txt`` (a document, or an export given for the database) was refused, but
    left "a.txt.open" beside it, a file the corpus then listed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(content, encoding="utf-8")
    assert main([*command, "--db", "a.txt", "--corpus", str(tmp_path)]) == 2
    assert "a.txt" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == content


def test_a_damaged_database_open_in_another_process_keeps_its_mark(tmp_path: Path) -> None:
    """Only the mark made by the command that failed is removed, not one another holds."""
    from tui_reader.core.store.file_lock import OpenMark

    db = tmp_path / "annotations.json"
    db.write_text("{damaged", encoding="utf-8")
    other = OpenMark(str(tmp_path / "annotations.json.open"))  # the app, which opened it
    assert main(["tags", "--db", str(db)]) == 2
    assert (tmp_path / "annotations.json.open").exists()
    assert other.last_out()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="no /proc here")
def test_a_file_whose_size_says_0_but_holds_bytes_is_no_emptied_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--db /proc/self/status`` (a file the system makes as it is read: its size says 0) was
    "is empty (0 bytes) ... a '>' into it?" to tags and export, and "damaged JSON" to annotate;
    it holds bytes, no database: every command says what it says of any other file that is not
    ours, and nothing is written beside it."""
    (tmp_path / "a.txt").write_text("some words\n", encoding="utf-8")
    said = set()
    for command in (["tags"], ["export"], ["annotate", "a.txt", "--quote", "some"]):
        argv = [*command, "--db", "/proc/self/status", "--corpus", str(tmp_path)]
        assert main(argv) == 2, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        said.add(err.split(": ", 2)[2])
    assert len(said) == 1 and "not a tui-reader database: it holds text" in said.pop()


def test_run_in_another_folder_the_corpus_database_beside_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """tui-reader ~/phd/papers run from the home folder, the project's database being
    ~/phd/annotations.json: the app made a new, empty one in the home folder and showed the
    corpus as never coded, without a word; a query said only 'run this in the project's
    folder'. Both name the database beside the corpus now."""
    from helpers.app_start import app_starts

    project = tmp_path / "phd"
    (project / "papers").mkdir(parents=True)
    (project / "papers" / "a.txt").write_text("some words\n", encoding="utf-8")
    db = project / "annotations.json"
    argv = ["annotate", "a.txt", "--quote", "words", "-t", "t", "--db", str(db)]
    assert main([*argv, "--corpus", str(project / "papers")]) == 0
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    capsys.readouterr()
    assert main(["query", "t", "--corpus", str(project / "papers")]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: no database here ({home / 'annotations.json'}); the corpus has its own "
        f"beside it: --db {db}\n"
    )
    starts = app_starts(monkeypatch)
    assert main([str(project / "papers")]) == 0
    assert starts[0].database_said == (
        f"{home / 'annotations.json'} is a new database, made here: the corpus has its own "
        f"beside it, {db} (tui-reader --db {db} opens it)"
    )
    assert main([str(project / "papers"), "--db", str(db)]) == 0  # named: nothing to say
    assert starts[1].database_said == ""


@pytest.mark.parametrize(
    "command",
    [
        ["attr", "set", "PAPERS/a.txt", "year=2019"],
        ["annotate", "PAPERS/a.txt", "--quote", "some", "-t", "t"],
        ["memo", "add", "--doc", "PAPERS/a.txt", "to read"],
        ["autocode", "some", "PAPERS", "-t", "t"],
    ],
)
def test_a_write_run_in_another_folder_names_the_corpus_database_and_makes_none(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """attr set or annotate run from the home folder, the project's database being
    ~/phd/annotations.json, said only 'made a new database: ~/annotations.json' and wrote
    there, where the app and the reading commands name the corpus's own."""
    project = tmp_path / "phd"
    papers = project / "papers"
    papers.mkdir(parents=True)
    (papers / "a.txt").write_text("some words\n", encoding="utf-8")
    db = project / "annotations.json"
    argv = ["annotate", "a.txt", "--quote", "words", "-t", "t", "--db", str(db)]
    assert main([*argv, "--corpus", str(papers)]) == 0
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    for name in ("TUI_READER_DB", "TUI_READER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    capsys.readouterr()
    assert main([part.replace("PAPERS", str(papers)) for part in command]) == 2
    assert capsys.readouterr().err == (
        f"tui-reader: no database here ({home / 'annotations.json'}); the corpus has its own "
        f"beside it: --db {db} (--db {home / 'annotations.json'} makes a new one here)\n"
    )
    assert list(home.iterdir()) == []
