"""The database's lock held as another tui-reader process holds it (issue 15, item 14)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui_reader.locations import db_sidecars


@contextmanager
def lock_held(db: Path) -> Iterator[None]:
    """The lock of database ``db`` held through a file description of its own, as another
    process holds it (flock locks of two open files exclude each other)."""
    fd = os.open(db_sidecars(db)[1], os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# A plain flock of another program (a backup tool, a script): no tui-reader.
BY_ANOTHER_PROGRAM = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "sys.stdin.readline()\n"
)


@contextmanager
def held_by(code: str, path: Path) -> Iterator[int]:
    """The lock ``path`` held by a process running ``code`` (which prints "held" once it
    holds it, and lets go when its standard input closes); its process id."""
    import subprocess
    import sys

    from helpers.processes import Lines, ended, stopped_after

    other = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdin is not None and other.stdout is not None
    with stopped_after(other):
        assert Lines(other.stdout, name="the lock's holder").next("the lock held") == "held\n"
        yield other.pid
        other.stdin.close()
        ended(other)


@contextmanager
def held_by_another_program(db: Path) -> Iterator[int]:
    """The lock of database ``db`` held by another program (a plain ``flock``, as a backup
    tool or a script takes it: no tui-reader); its process id."""
    with held_by(BY_ANOTHER_PROGRAM, db_sidecars(db)[1]) as pid:
        yield pid


def ended_process() -> int:
    """The process id of a process that has ended (run and waited for): a save it was
    making when killed is nobody's now."""
    import subprocess
    import sys

    ended = subprocess.Popen([sys.executable, "-c", ""])
    ended.wait(timeout=30)
    return ended.pid


@contextmanager
def running_process() -> Iterator[int]:
    """The process id of a process running while the block runs (a command beside)."""
    import subprocess
    import sys

    running = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        yield running.pid
    finally:
        assert running.stdin is not None
        running.stdin.close()
        running.wait(timeout=10)
