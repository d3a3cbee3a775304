"""Benchmark: how long saving one annotation takes as the database grows.

Run by hand: ``python bench/store.py [--sizes 100,1000,10000,100000] [--saves 40]``.

For each size it builds a database of that many annotations, then times single saves:
``AnnotationStore.add`` (journaled: durable when it returns) against plain TinyDB
``JSONStorage`` ``insert`` (rewrites the whole file) on the same machine.  Also prints the time
to open the database and to fold the journal into ``annotations.json`` (compaction), with that
cost spread over the saves between two compactions, and the disk's floor: one bare append +
fdatasync of a journal line (a save cannot be durable faster than that).  Figures vary on a
shared machine: compare ratios, not absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.store.annotation_store import SCHEMA_VERSION, AnnotationStore
from tui_reader.core.store.journal import COMPACT_RATIO, DEFAULT_COMPACT_BYTES, encode_line

TEXT = (
    "After a tradition of keeping a distance, at least publicly, from US interventions in the "
    "region, the Mexican government is facilitating a new Pentagon plan to crack down on the "
    "Mexico-Guatemala border and remilitarize the region, largely under its command. "
) * 4


def sample(i: int) -> Annotation:
    start = (i * 7) % 300
    return make_annotation(
        f"docs/article-{i % 50:02d}.txt",
        TEXT,
        start,
        start + 40 + i % 60,
        "0" * 64,
        tags=("policy/militarization", f"code-{i % 20}"),
        note="A note of moderate length about this passage." if i % 3 == 0 else "",
    )


def build(path: Path, count: int) -> None:
    """A schema-current TinyDB file holding ``count`` annotations (written directly: fast)."""
    annotations = {str(i + 1): sample(i).to_record() for i in range(count)}
    tags = {
        str(i + 1): {"name": name, "color": "", "description": ""}
        for i, name in enumerate(["policy/militarization", *(f"code-{n}" for n in range(20))])
    }
    data = {
        "_default": {},
        "annotations": annotations,
        "tags": tags,
        "positions": {},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    path.write_text(json.dumps(data))


def time_ours(path: Path, saves: int) -> tuple[list[float], float, float]:
    started = time.perf_counter()
    store = AnnotationStore(path)
    opened = time.perf_counter() - started
    times = []
    for i in range(saves):
        annotation = sample(10_000_000 + i)
        t = time.perf_counter()
        store.add(annotation)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    store.compact()
    compacted = time.perf_counter() - t
    store.close()
    return times, opened, compacted


def time_fsync_floor(folder: Path, saves: int, line: int) -> float:
    """Median of a bare append + fdatasync of one journal-sized line: the disk's floor."""
    path = folder / "floor.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    times = []
    try:
        for _ in range(saves):
            t = time.perf_counter()
            os.write(fd, b"x" * line)
            os.fdatasync(fd)
            times.append(time.perf_counter() - t)
    finally:
        os.close(fd)
    return statistics.median(times)


def time_plain(path: Path, saves: int) -> list[float]:
    db = TinyDB(str(path))
    table = db.table("annotations")
    times = []
    for i in range(saves):
        record = sample(20_000_000 + i).to_record()
        t = time.perf_counter()
        table.insert(record)
        times.append(time.perf_counter() - t)
    db.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--saves", type=int, default=40, help="timed saves per size (ours)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    line = len(encode_line([("annotations", "1", sample(0).to_record())]))
    print(
        f"{'annotations':>11} {'ours ms':>8} {'p90 ms':>7} {'plain ms':>9} {'x faster':>9} "
        f"{'fsync ms':>9} {'open s':>7} {'compact s':>9} {'amort ms':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="tui-reader-bench-store-") as tmp:
        for size in sizes:
            ours_path = Path(tmp) / f"ours-{size}" / "annotations.json"
            plain_path = Path(tmp) / f"plain-{size}" / "annotations.json"
            for path in (ours_path, plain_path):
                path.parent.mkdir()
                build(path, size)
            snapshot = ours_path.stat().st_size
            times, opened, compacted = time_ours(ours_path, args.saves)
            floor = time_fsync_floor(ours_path.parent, args.saves, line) * 1000
            plain_saves = max(3, min(args.saves, int(200_000 / size)))
            plain = time_plain(plain_path, plain_saves)
            ours_ms = statistics.median(times) * 1000
            p90 = sorted(times)[int(len(times) * 0.9)] * 1000
            plain_ms = statistics.median(plain) * 1000
            between = max(DEFAULT_COMPACT_BYTES, snapshot * COMPACT_RATIO) / line
            amortized = compacted * 1000 / between
            print(
                f"{size:>11,} {ours_ms:>8.2f} {p90:>7.2f} {plain_ms:>9.1f} "
                f"{plain_ms / ours_ms:>9.0f} {floor:>9.2f} {opened:>7.2f} {compacted:>9.2f} "
                f"{amortized:>8.2f}"
            )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
