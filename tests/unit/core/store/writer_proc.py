"""A writer process for the crash and concurrency tests (not a test module).

``python writer_proc.py DB COUNT LABEL COMPACT_BYTES COMPACT_EVERY`` adds COUNT annotations
(or forever when COUNT is 0) and prints each one's id, flushed, only after ``add`` returned:
every printed id is an acknowledged, durable save.  Every tenth save also renames a tag back
and forth (multi-annotation changes), and every COMPACT_EVERY-th folds the journal, so kills
interrupt those too.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the Mexico-Guatemala border. " * 3


def main() -> None:
    db, total, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    compact_bytes, compact_every = int(sys.argv[4]), int(sys.argv[5])
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


if __name__ == "__main__":
    main()
