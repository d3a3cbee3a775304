"""Counting the copies a command forks of itself (its second process for half of a long
reading, see ``tui_reader.core.forked``, or the search's helper), and children forked from a
process standing where a new one would (``fresh_starts``), or a new Python run once
(``new_python_prints``)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers.processes import Lines, ended, stopped_after


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the copies forked from now on (in this process, the parent)."""
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forked


# The program of a process that runs ``setup`` once, then, for each line it reads (fields
# apart by NULs), forks a child that runs ``body`` with those ``fields`` and writes, after what
# the body printed, its ``result`` on a line of its own starting with a NUL.
_FORKING = """
import os, sys
{setup}
for line in sys.stdin:
    fields = line.rstrip("\\n").split("\\0")
    pid = os.fork()
    if pid == 0:
        result = "crashed"
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
{body}
        finally:
            sys.stdout.flush()
            os.write(1, ("\\0" + str(result) + "\\n").encode())
            os._exit(0)
    os.waitpid(pid, 0)
"""


@contextlib.contextmanager
def fresh_starts(
    setup: str, body: str, *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[Callable[[list[str]], str]]:
    """``run(fields)`` -> the ``result`` of ``body`` run with ``fields`` (strings, no NUL or
    newline among them) in a process that, each time, starts where a new Python stands once
    it ran ``setup`` (its imports): a child forked from one that ran it, so that what the body
    finds loaded in ``sys.modules`` is what a process started for it would find, without the
    start of an interpreter (0.2 s of CPU) each time.  ``body`` is indented by 12 spaces."""
    process = subprocess.Popen(
        [sys.executable, "-c", _FORKING.format(setup=setup, body=body)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=cwd, env=env,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    stdin = process.stdin
    lines = Lines(process.stdout, name="the process running the children")

    def run(fields: list[str]) -> str:
        stdin.write("\0".join(fields) + "\n")
        stdin.flush()
        while line := lines.next(f"the result of a child run with {fields}"):
            if line.startswith("\0"):
                return line[1:].rstrip("\n")
        raise AssertionError("the process running the children ended")

    with stopped_after(process):
        yield run
        stdin.close()
        ended(process)


def new_python_prints(
    code: str, *argv: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> str:
    """What a new Python running ``code`` (its ``sys.argv[1:]`` the ``argv``) printed; it
    must end well, else the test fails with what it wrote on stderr."""
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
