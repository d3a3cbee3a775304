"""Talking to a process a test started, every wait bounded: a process that stops answering
fails the test after :data:`WAIT` seconds, saying what was waited for, instead of hanging it
(and, under xdist, the whole run with it).

Lines are read from the pipe's descriptor itself, a chunk at a time as the process writes
them, never through the file object's buffer (which ``select`` cannot see into), and waited
for with a selector (any descriptor, however high: ``select.select`` refuses those past
1023, which a long run's worker reaches)."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Iterator
from typing import IO, Any

# Seconds any one step of a process may take on a loaded 2-core machine before the test
# fails: a line it should print, its end once told to end.
WAIT = 60.0


class Lines:
    """The lines written on ``stream`` (a pipe from a process: its ``stdout`` or ``stderr``),
    each waited for at most ``wait`` seconds.  Read only through this once made."""

    def __init__(self, stream: IO[Any], wait: float = WAIT, *, name: str = "the process") -> None:
        self._fd = stream.fileno()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)
        self._buffer = b""
        self._ended = False
        self.wait = wait
        self.name = name

    def next(self, awaited: str, wait: float | None = None) -> str:
        """The next line, its ``\\n`` kept; ``""`` once the stream has ended (its last line,
        unended, first).  Fails the test, naming ``awaited``, when none comes in time."""
        deadline = time.monotonic() + (self.wait if wait is None else wait)
        while b"\n" not in self._buffer and not self._ended:
            left = deadline - time.monotonic()
            if left <= 0 or not self._selector.select(left):
                raise AssertionError(
                    f"{self.name} wrote no line in {self.wait if wait is None else wait:g} s "
                    f"(waiting for {awaited}); it had written {self._buffer[-200:]!r} since "
                    "its last line"
                )
            chunk = os.read(self._fd, 65536)
            if chunk:
                self._buffer += chunk
            else:
                self._ended = True
        line, newline, self._buffer = self._buffer.partition(b"\n")
        return (line + newline).decode("utf-8", "replace")

    def close(self) -> None:
        self._selector.close()


def ended(process: subprocess.Popen[Any], wait: float = WAIT, *, group: bool = False) -> int:
    """``process``'s exit status once it has ended by itself (its input closed, told to
    end); else, after ``wait`` seconds, it is stopped (:func:`stop`) and the test fails."""
    try:
        return process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        stop(process, group=group)
        raise AssertionError(f"process {process.args!r} did not end in {wait:g} s") from None


def stop(process: subprocess.Popen[Any], *, group: bool = False) -> None:
    """``process`` killed if it still runs, and waited for; its pipes closed.  ``group``:
    it was started as the leader of a process group of its own (``process_group=0``), whose
    every process (the children it forked) is killed too, even once it has ended itself (a
    group's id is no other process's while one of its processes lives)."""
    if group:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=WAIT)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


@contextlib.contextmanager
def stopped_after(
    process: subprocess.Popen[Any], *, group: bool = False
) -> Iterator[subprocess.Popen[Any]]:
    """``process`` for the block, then :func:`stop`-ped whatever the block did: a test that
    fails midway leaves no process behind it, waiting or writing."""
    try:
        yield process
    finally:
        stop(process, group=group)


def process_states(pid: int) -> str:
    """A line per process: ``pid`` and its children, each with its state and what the
    kernel has it wait in (Linux's ``/proc``; nothing elsewhere), for a failure to say why a
    process stopped answering."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rpartition(")")[2].split()
            with open(f"/proc/{entry}/wchan", encoding="ascii", errors="replace") as wchan:
                waiting = wchan.read().strip() or "-"
        except OSError:
            continue
        if int(entry) == pid or fields[1] == str(pid):
            found.append(f"process {entry} (parent {fields[1]}): state {fields[0]}, in {waiting}")
    return "\n".join(found) or f"process {pid}: gone"
