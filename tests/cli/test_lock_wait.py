"""A command waiting for another tui-reader's lock says whom it waits for (the holder's pid),
gives up after ``$TUI_READER_LOCK_WAIT`` seconds with a clear message and nothing saved, and
saves once the lock is free (issue 15, item 14)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.hostile import user_environment
from helpers.processes import Lines, ended, stopped_after

from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import db_sidecars


def annotate(tmp_path: Path, db: Path, wait: str) -> subprocess.Popen[str]:
    env = user_environment()
    env["TUI_READER_LOCK_WAIT"] = wait
    return subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "annotate", str(tmp_path / "a.txt"), "--db", str(db),
         "--quote", "Hello", "-t", "t"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def saved(db: Path) -> int:
    with AnnotationStore(db, read_only=True) as store:
        return len(store.annotations())


def test_a_command_says_whom_it_waits_for_and_gives_up_with_nothing_saved(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    fd = os.open(db_sidecars(db)[1], os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        done = annotate(tmp_path, db, "1").communicate(timeout=30)
    finally:
        os.close(fd)
    out, err = done
    assert out == ""
    assert f"waiting for another tui-reader (pid {os.getpid()})" in err
    assert f"another tui-reader (pid {os.getpid()}) has held the database's lock for 1 s" in err
    assert "nothing was saved" in err
    assert saved(db) == 0


def test_a_command_told_to_wait_for_no_lock_says_no_waiting(tmp_path: Path) -> None:
    # TUI_READER_LOCK_WAIT=0 said "waiting for another tui-reader (up to 0 s; ctrl+c stops)".
    (tmp_path / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    fd = os.open(db_sidecars(db)[1], os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        out, err = annotate(tmp_path, db, "0").communicate(timeout=30)
    finally:
        os.close(fd)
    assert out == "" and "waiting" not in err and err.count("\n") == 1
    assert f"another tui-reader (pid {os.getpid()}) holds the database's lock" in err
    assert saved(db) == 0


def test_a_command_saves_once_the_lock_is_free(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    fd = os.open(db_sidecars(db)[1], os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    process = annotate(tmp_path, db, "20")
    assert process.stderr is not None and process.stdout is not None
    said = Lines(process.stderr, name="the waiting command")
    with stopped_after(process):
        try:
            waiting = said.next("its line saying it waits")  # (or its end: nothing more)
        finally:
            os.close(fd)  # the other process finishes
        rest = "".join(iter(lambda: said.next("the rest of its messages"), ""))
        ended(process)
        out = process.stdout.read()
    err = waiting + rest
    assert process.returncode == 0, err
    assert "waiting for another tui-reader" in err
    assert saved(db) == 1 and len(out.strip()) == 36


def test_a_wait_under_a_second_is_said_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``TUI_READER_LOCK_WAIT=0.4`` said "waiting ... (up to 0 s; ...)" and then waited 0.4 s
    (and 1.5 "up to 2 s"): the wait is said to two figures below 10 s."""
    from tui_reader.cli.main import main

    (tmp_path / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    monkeypatch.setenv("TUI_READER_LOCK_WAIT", "0.4")
    fd = os.open(db_sidecars(db)[1], os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        argv = ["annotate", str(tmp_path / "a.txt"), "--db", str(db), "--quote", "Hello"]
        assert main([*argv, "-t", "t"]) == 2
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert "(up to 0.4 s; ctrl+c stops" in err, err
    assert saved(db) == 0
