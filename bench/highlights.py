"""Benchmark: the cost of highlights in a heavily annotated document.

Run by hand: ``python bench/highlights.py [--sizes 100,1000,10000,50000]``.

For each number of annotations (random, overlapping, on a 5 M code point text) it times what the
reading view does: building the index and the paint runs once per change
(``HighlightIndex`` + ``styles``), and the caret look-up on every caret move (``at``), against a
plain scan of the list.  Figures vary on a shared machine: compare ratios.
"""

from __future__ import annotations

import argparse
import random
import time

from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.reading.highlights import HighlightIndex, TagPalette

TEXT_LENGTH = 5_000_000
LOOKUPS = 2_000


def sample(count: int, tags: list[str], rng: random.Random) -> list[Annotation]:
    result = []
    for i in range(count):
        start = rng.randrange(0, TEXT_LENGTH)
        end = start + rng.randrange(5, 600)
        result.append(
            Annotation(document="d.txt", start=start, end=end, quote="q",
                       tags=(rng.choice(tags),), id=str(i))
        )  # fmt: skip
    return result


def scan_at(annotations: list[Annotation], offset: int) -> Annotation | None:
    """The naive look-up: every annotation, innermost wins."""
    best = None
    for a in annotations:
        if a.start <= offset < a.end and (best is None or a.end - a.start < best.end - best.start):
            best = a
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    args = parser.parse_args()
    rng = random.Random(7)
    tags = [f"code-{i}" for i in range(30)]
    palette = TagPalette([Tag(t) for t in tags])
    print(f"{'annotations':>12} {'index+paint ms':>15} {'at() µs':>9} {'scan µs':>9} {'ratio':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        annotations = sample(size, tags, rng)
        started = time.perf_counter()
        index = HighlightIndex(annotations)
        runs = index.styles(palette)
        build = time.perf_counter() - started
        offsets = [rng.randrange(0, TEXT_LENGTH) for _ in range(LOOKUPS)]
        started = time.perf_counter()
        for offset in offsets:
            index.at(offset)
        at = (time.perf_counter() - started) / LOOKUPS
        started = time.perf_counter()
        for offset in offsets[:200]:
            scan_at(annotations, offset)
        scan = (time.perf_counter() - started) / 200
        assert len(runs) >= 1
        print(
            f"{size:>12} {build * 1e3:>15.1f} {at * 1e6:>9.1f} {scan * 1e6:>9.1f} "
            f"{scan / at:>6.0f}x"
        )


if __name__ == "__main__":
    main()
