"""A writer process for the crash and concurrency tests (not a test module).

``python writer_proc.py DB COUNT LABEL COMPACT_BYTES COMPACT_EVERY`` adds COUNT annotations
(or forever when COUNT is 0) and prints each one's id, flushed, only after ``add`` returned:
every printed id is an acknowledged, durable save.  Every tenth save also renames a tag back
and forth (multi-annotation changes), and every COMPACT_EVERY-th folds the journal, so kills
interrupt those too.

``python writer_proc.py --serve`` starts such writers one after another without starting
Python again for each: it reads one line ``DB COUNT LABEL COMPACT_BYTES COMPACT_EVERY``,
forks a writer (a copy of this process, which opened no store: its store is its own, as a
fresh writer's is; its standard input is not this process's, so nothing it does can take a
line meant for this one), which prints its ids; on the next line, ``kill``, it kills the
writer with SIGKILL (its child, not yet waited for: the process id it kills can be no other
process's), and once the writer has ended, killed or by itself (a crash), it prints ``ended
STATUS`` (``os.waitpid``'s status).  The end of its input ends the writer running, if any,
and then itself: a test that stops midway leaves no writer running.  It reads its input from
its descriptor a line at a time, and prints each line flushed.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import traceback
from itertools import count
from pathlib import Path

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the Mexico-Guatemala border. " * 3


def write(db: str, total: int, label: str, compact_bytes: int, compact_every: int) -> None:
    store = AnnotationStore(Path(db), compact_bytes=compact_bytes)
    for i in count():
        if total and i >= total:
            break
        start = i % 100
        annotation = make_annotation(
            f"{label}.txt", TEXT, start, start + 30, "", (f"{label}-tag",), note=f"{label} {i}"
        )
        store.add(annotation)
        # One write of the whole line (atomic on a pipe): print wrote the id and its line end
        # apart, so a kill between them left "ID" glued to the server's "ended 9" after it.
        os.write(1, f"{annotation.id}\n".encode())
        if i % 10 == 9:
            store.rename_tag(f"{label}-tag", f"{label}-tmp")
            store.rename_tag(f"{label}-tmp", f"{label}-tag")
        if compact_every and i % compact_every == compact_every - 1:
            store.compact()  # so that kills land in compactions too
    store.close()


def _arguments(words: list[str]) -> tuple[str, int, str, int, int]:
    db, total, label, compact_bytes, compact_every = words
    return db, int(total), label, int(compact_bytes), int(compact_every)


class _Input:
    """This process's input, read a line at a time from its descriptor (no buffer of
    ``sys.stdin`` to read ahead), each line waited for as long as asked."""

    def __init__(self) -> None:
        self._buffer = b""
        self._ended = False

    def line(self, wait: float | None) -> str | None:
        """The next line (``""`` at the end of the input), or None if none came within
        ``wait`` seconds (None: as long as it takes)."""
        while b"\n" not in self._buffer and not self._ended:
            if not select.select([0], [], [], wait)[0]:
                return None
            chunk = os.read(0, 4096)
            self._buffer += chunk
            self._ended = not chunk
        line, newline, self._buffer = self._buffer.partition(b"\n")
        return (line + newline).decode()


def serve() -> None:
    commands = _Input()
    while line := commands.line(None):
        sys.stdout.flush()  # nothing of ours left in the buffer the writer copies
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                quiet = os.open(os.devnull, os.O_RDONLY)
                os.dup2(quiet, 0)  # the writer reads nothing of this process's input
                os.close(quiet)
                write(*_arguments(line.split()))
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(status)
        ended: int | None = None
        while ended is None:
            told = commands.line(0.05)  # "kill", at the instant the test chose; or the end
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:  # it ended by itself (its traceback is on stderr): said at once
                ended = status
            elif told is not None:
                os.kill(pid, signal.SIGKILL)  # not yet waited for: its pid is no other's
                print(f"killed writer {pid}", file=sys.stderr, flush=True)  # said if it hangs
                ended = os.waitpid(pid, 0)[1]
        print(f"ended {ended}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        write(*_arguments(sys.argv[1:]))
