"""Benchmark: the reports (frequencies, matrix by document and by attribute, co-occurrence,
coverage per document) and the query matcher over a large coding.

Run by hand: ``python bench/reports.py [--annotations 100000] [--docs 10000]``.

Builds ``--annotations`` annotations with 1-3 of 40 hierarchical codes on ``--docs`` documents
(lengths 2,000-40,000 code points, passages overlapping often), with two attributes per
document, in memory, and times each report (anchor: under 1 s); then the reports view (the app
headless, 120x40): its first paint, before the report is computed (anchor: under 0.3 s), each
report computed in its worker and painted (anchor: the report's 1 s and the paint's 0.3 s),
and painted again from the computed report (anchor: under 0.3 s).
Figures vary on a shared machine: compare ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.coverage import coverage_by_document
from tui_reader.core.analysis.matching import compile_query
from tui_reader.core.analysis.reports import (
    cooccurrence,
    frequencies,
    matrix,
)
from tui_reader.core.analysis.scope import Scope
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.workspace import Workspace

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
    asyncio.run(paint_view(Scope(lengths, annotations, attributes), own))


async def paint_view(scope: Scope, own: dict[str, dict[str, Any]]) -> None:
    """The reports view, headless: each report computed, laid out and painted."""
    from textual.app import App

    from tui_reader.ui.screens.reports import ReportsScreen

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        workspace = Workspace(root / "corpus", root / "annotations.json")
        workspace.store.set_attributes(list(own.items())[:1])  # names for "b"
        app: App[None] = App()
        async with app.run_test(size=(120, 40)) as pilot:
            screen = ReportsScreen(workspace, scope=scope)

            async def shown() -> None:
                while screen.computing or not screen.rows:
                    await pilot.pause(0.005)
                await pilot.pause()  # laid out and painted

            global _cpu_mark
            _cpu_mark = time.process_time()
            began = time.perf_counter()
            painted = asyncio.Event()
            await app.push_screen(screen)
            screen.call_after_refresh(painted.set)
            await painted.wait()
            report("view: first paint (the report computing)", time.perf_counter() - began)
            await shown()
            report("view: frequencies (worker computes, paint)", time.perf_counter() - began, 1.3)
            steps = [("m", "matrix by document"), ("b", "matrix by country"), ("c", "cooccurrence")]
            for key, label in steps:
                began, _cpu_mark = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await shown()
                report(f"view: {label} (computes, paint)", time.perf_counter() - began, 1.3)
            for key, label in [("f", "frequencies"), *steps[:1], ("c", "cooccurrence")]:
                if key == "m":
                    screen.by = "document"
                began, _cpu_mark = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await shown()
                report(f"view: {label} painted again", time.perf_counter() - began)
        workspace.store.close()


def report(label: str, took: float, anchor: float = 0.3) -> None:
    """Print the wall-clock time since the last report's CPU mark, and the CPU time."""
    global _cpu_mark
    used, _cpu_mark = time.process_time() - _cpu_mark, time.process_time()
    verdict = "ok" if took < anchor else "SLOW"
    print(
        f"{label:<44} {took * 1000:8.1f} ms wall {used * 1000:8.1f} ms cpu   "
        f"(anchor < {anchor * 1000:.0f} ms: {verdict})"
    )


_cpu_mark = 0.0


if __name__ == "__main__":
    main()
