"""Benchmark: the reports (frequencies, matrix by document and by attribute, co-occurrence,
coverage per document) and the query matcher over a large coding.

Run by hand: ``python bench/reports.py [--annotations 100000] [--docs 10000]``.

Builds ``--annotations`` annotations with 1-3 of 40 hierarchical codes on ``--docs`` documents
(lengths 2,000-40,000 code points, passages overlapping often), with two attributes per
document, in memory, and times each report.  Anchor: every report under 1 s.  Figures vary on
a shared machine: compare ratios.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable
from typing import Any

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.reports import (
    cooccurrence,
    coverage_by_document,
    frequencies,
    matrix,
)
from tui_reader.core.annotations.model import Annotation

CODES = [
    f"{top}/{leaf}" for top in ("security", "actors", "policy", "place") for leaf in "abcdefghi"
]
CODES += ["security", "actors", "policy", "place"]


def build(count: int, docs: int, rng: random.Random) -> tuple[list[Annotation], dict[str, int]]:
    lengths = {f"corpus/doc-{i:05}.txt": rng.randint(2_000, 40_000) for i in range(docs)}
    keys = list(lengths)
    annotations = []
    for i in range(count):
        key = keys[i % docs]
        start = rng.randrange(lengths[key] - 600)
        end = start + rng.randint(20, 600)
        tags = tuple(rng.sample(CODES, rng.randint(1, 3)))
        annotations.append(
            Annotation(document=key, start=start, end=end, quote="", tags=tags, id=str(i))
        )
    return annotations, lengths


def timed(label: str, work: Callable[[], Any], anchor: float = 1.0) -> Any:
    """Run ``work``; print its wall-clock and CPU time (on a loaded machine the CPU time says
    what the work costs) beside the anchor."""
    began, cpu = time.perf_counter(), time.process_time()
    result = work()
    took, used = time.perf_counter() - began, time.process_time() - cpu
    verdict = "ok" if took < anchor else "SLOW"
    print(
        f"{label:<34} {took * 1000:8.1f} ms wall {used * 1000:8.1f} ms cpu   "
        f"(anchor < {anchor * 1000:.0f} ms: {verdict})"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(12)
    annotations, lengths = build(args.annotations, args.docs, rng)
    gc.freeze()  # the built objects live on: no collector passes over them mid-report
    countries = ["Mexico", "USA", "Guatemala", "Honduras"]
    own = {k: {"country": rng.choice(countries), "age": rng.randint(18, 80)} for k in lengths}
    attributes = DocumentAttributes(own)
    print(f"{len(annotations):,} annotations on {len(lengths):,} documents, {len(CODES)} codes")
    rows = timed("frequencies", lambda: frequencies(annotations, lengths))
    timed("matrix by document", lambda: matrix(annotations, sorted(lengths)))

    def by_country() -> Any:
        return matrix(annotations, countries, lambda k: str(attributes(k, "country")))

    timed("matrix by attribute (country)", by_country)
    timed("cooccurrence", lambda: cooccurrence(annotations))
    timed("coverage per document", lambda: coverage_by_document(annotations, lengths))
    test = compile_query("security AND NOT actors/a AND country=Mexico AND age>30", attributes)
    hits = timed("query (codes and attributes)", lambda: [a for a in annotations if test(a)])
    print(f"({len(rows)} codes in the table, {len(hits):,} passages matched the query)")


if __name__ == "__main__":
    main()
