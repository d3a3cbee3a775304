"""The database's lock between processes: exclusive, reentrant for its holder, a timeout when
another holds it all along."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.processes import Lines, ended, stopped_after

from tui_reader.core.store.file_lock import FileLock, LockTimeout


def test_a_second_holder_waits_until_the_first_has_released_every_taking(tmp_path: Path) -> None:
    path = str(tmp_path / "annotations.json.lock")
    first, second = FileLock(path), FileLock(path)
    first.acquire(timeout=1)
    first.acquire(timeout=1)  # a fold inside a change
    first.release()
    assert first.is_locked
    with pytest.raises(LockTimeout):
        second.acquire(timeout=0.02, poll_interval=0.005)
    first.release()
    assert not first.is_locked
    second.acquire(timeout=1)
    assert second.is_locked
    second.release()


def test_another_process_holding_it_times_the_wait_out(tmp_path: Path) -> None:
    path = str(tmp_path / "annotations.json.lock")
    code = (
        "import sys\n"
        "from tui_reader.core.store.file_lock import FileLock\n"
        "lock = FileLock(sys.argv[1])\n"
        "lock.acquire(timeout=5)\n"
        "print('held', flush=True)\n"
        "sys.stdin.readline()\n"
        "lock.release()\n"
        "print('released', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert other.stdin is not None and other.stdout is not None
    said = Lines(other.stdout, name="the other process")
    with stopped_after(other):
        assert said.next("the lock held") == "held\n"
        mine = FileLock(path)
        with pytest.raises(LockTimeout):
            mine.acquire(timeout=0.05, poll_interval=0.005)
        other.stdin.write("\n")
        other.stdin.flush()
        assert said.next("the lock released") == "released\n"
        mine.acquire(timeout=1)
        mine.release()
        other.stdin.close()
        ended(other)
