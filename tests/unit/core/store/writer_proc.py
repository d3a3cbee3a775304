"""A writer process for the crash and concurrency tests (not a test module).

``python writer_proc.py DB COUNT LABEL COMPACT_BYTES COMPACT_EVERY`` adds COUNT annotations
(or forever when COUNT is 0) and prints each one's id, flushed, only after ``add`` returned:
every printed id is an acknowledged, durable save.  Every tenth save also renames a tag back
and forth (multi-annotation changes), and every COMPACT_EVERY-th folds the journal, so kills
interrupt those too.

``python writer_proc.py --serve`` starts such writers one after another without starting
Python again for each: it reads one line ``DB COUNT LABEL COMPACT_BYTES COMPACT_EVERY`` at a
time, forks a writer (a copy of this process, which opened no store: its store is its own, as
a fresh writer's is), which prints its process id first and then its ids; once the writer has
ended, ``ended STATUS`` (``os.waitpid``'s status).  It exits at the end of its input.
"""

from __future__ import annotations

import os
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
        print(annotation.id, flush=True)
        if i % 10 == 9:
            store.rename_tag(f"{label}-tag", f"{label}-tmp")
            store.rename_tag(f"{label}-tmp", f"{label}-tag")
        if compact_every and i % compact_every == compact_every - 1:
            store.compact()  # so that kills land in compactions too
    store.close()


def _arguments(words: list[str]) -> tuple[str, int, str, int, int]:
    db, total, label, compact_bytes, compact_every = words
    return db, int(total), label, int(compact_bytes), int(compact_every)


def serve() -> None:
    for line in sys.stdin:
        sys.stdout.flush()  # nothing of ours left in the buffer the writer copies
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                print(os.getpid(), flush=True)
                write(*_arguments(line.split()))
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        print(f"ended {status}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        write(*_arguments(sys.argv[1:]))
