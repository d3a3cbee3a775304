"""Whom a wait for the database's lock names: a tui-reader by its process id, any other
program holding the lock (a backup tool, a script's ``flock``) as another program, by its name
and process id."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers.locking import BY_ANOTHER_PROGRAM, held_by
from helpers.threads import joined

from tui_reader.core.errors import LockHolder
from tui_reader.core.store.file_lock import FileLock
from tui_reader.core.store.lock_wait import holder_text, lock_holder

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="the system does not say who holds a lock"
)

# A tui-reader's lock (FileLock); a plain flock of another program is BY_ANOTHER_PROGRAM.
BY_TUI_READER = (
    "import sys\n"
    "from tui_reader.core.store.file_lock import FileLock\n"
    "FileLock(sys.argv[1]).acquire(timeout=5)\n"
    "print('held', flush=True)\n"
    "sys.stdin.readline()\n"
)


def test_a_tui_reader_holding_the_lock_is_named_as_one(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json.lock"
    with held_by(BY_TUI_READER, path) as pid:
        assert holder_text(lock_holder(path)) == f"another tui-reader (pid {pid})"


def test_another_program_holding_the_lock_is_not_called_a_tui_reader(tmp_path: Path) -> None:
    """The wait named "another tui-reader (pid N)" whatever program held the lock."""
    path = tmp_path / "annotations.json.lock"
    mine = FileLock(str(path))  # a tui-reader took it before, and wrote its id in the file
    mine.acquire(timeout=1)
    mine.release()
    with held_by(BY_ANOTHER_PROGRAM, path) as pid:
        program = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip()
        said = holder_text(lock_holder(path))
    assert said == f"another program, {program} (pid {pid})"


def test_a_lock_made_a_fifo_is_never_waited_on_to_name_its_holder(tmp_path: Path) -> None:
    # The lock made a FIFO while two tui-readers ran: the one waiting for it opened the FIFO
    # to read the holder's id and waited there for good (the holder's end open, nothing in it)
    path = tmp_path / "annotations.json.lock"
    os.mkfifo(path)
    found: list[LockHolder | None] = []
    with held_by(BY_TUI_READER, path) as pid:
        looking = threading.Thread(target=lambda: found.append(lock_holder(path)), daemon=True)
        looking.start()
        joined(looking, "named the holder of a lock that is a FIFO")
    assert found[0] is not None and found[0].pid == pid
