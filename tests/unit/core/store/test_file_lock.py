"""The database's lock between processes: exclusive, reentrant for its holder, a timeout when
another holds it all along."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    try:
        assert other.stdout.readline() == "held\n"
        mine = FileLock(path)
        with pytest.raises(LockTimeout):
            mine.acquire(timeout=0.05, poll_interval=0.005)
        other.stdin.write("\n")
        other.stdin.flush()
        assert other.stdout.readline() == "released\n"
        mine.acquire(timeout=1)
        mine.release()
    finally:
        other.stdin.close()
        other.wait(timeout=10)
