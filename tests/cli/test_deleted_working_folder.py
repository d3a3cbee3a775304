"""Run in a folder deleted since (``mkdir d; cd d; rmdir ../d``), every command refused, even
with full paths (``search x /abs/corpus``), where grep works: the working folder was asked for
each path, relative or not.  Full paths now work; a relative path, or the default database,
is refused in one line saying the current folder is not there any more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.cli.main import main

GONE = "a path from the current folder, which is not there any more (deleted, or moved away)"
NO_DEFAULT = (
    "the current folder is not there any more (deleted, or moved away), and the database is "
    "found in it (annotations.json); cd to a folder that is, or name the database with --db "
    "and its full path"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Some text here.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["annotate", str(tmp_path / "corpus" / "a.txt"), "--quote", "text", "-t", "t",
                 "--db", str(db)]) == 0  # fmt: skip
    return tmp_path


def _in_a_deleted_folder(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    gone = project / "gone"
    gone.mkdir()
    args = [a.format(db=project / "annotations.json", corpus=project / "corpus") for a in argv]
    script = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUI_READER_")}
    env["TUI_READER_CACHE"] = str(project / "cache")
    return subprocess.run(
        ["sh", "-c", script, "sh", gone, sys.executable, "-m", "tui_reader", *args],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "out"),
    [
        (["search", "text", "{corpus}"], "a.txt:1: Some text here.\n"),
        (["search", "text", "{corpus}", "--db", "{db}"], "a.txt:1: Some text here.\n"),
        (["list", "{corpus}"], "a.txt\tSome text here.\t3 words\n"),
        (["tags", "--db", "{db}"], "     1  t\n"),
        (
            ["query", "t", "--db", "{db}", "--corpus", "{corpus}", "--format", "csv"],
            ",corpus/a.txt,t,text,",
        ),
    ],
    ids=["search", "search --db", "list", "tags", "query"],
)
def test_full_paths_work_in_a_deleted_folder(project: Path, argv: list[str], out: str) -> None:
    done = _in_a_deleted_folder(project, *argv)
    assert (done.returncode, done.stderr.splitlines()[-1:]) in (
        (0, []),
        (0, ["tui-reader: 1 passage matches"]),
    )
    assert out in done.stdout


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["search", "text", "corpus"], f"corpus: {GONE}; cd to a folder that is, or give the full path"),
        (["tags", "--db", "annotations.json"], f"annotations.json: {GONE}; cd to a folder that is, or give the full path"),
        (["tags"], NO_DEFAULT),
        (["annotate", "{corpus}/a.txt", "--quote", "Some", "-t", "u"], NO_DEFAULT),
        ([], NO_DEFAULT),
    ],
    ids=["relative corpus", "relative db", "default db", "annotate", "app"],
)  # fmt: skip
def test_a_relative_path_in_a_deleted_folder_is_said_in_one_line(
    project: Path, argv: list[str], said: str
) -> None:
    done = _in_a_deleted_folder(project, *argv)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"tui-reader: {said}\n")
