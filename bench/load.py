"""Benchmark: how long the document core takes to load files of growing size.

Run by hand: ``python bench/load.py``.  Prints wall time (median of 3) and peak traced memory
per case, plus time per MB, so that ratios show whether any step grows faster than linearly.
Figures vary on a shared machine: compare ratios between rows, not absolute times.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from tui_reader.core.documents.document import load_document

SEED = Path(__file__).resolve().parent.parent / "docs_corpus"


def article_text() -> str:
    return "\n\n".join(p.read_text("utf-8") for p in sorted(SEED.glob("*.txt")))


def cases(folder: Path) -> list[tuple[str, Path]]:
    article = article_text()
    made: list[tuple[str, Path]] = []

    def write(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        made.append((name, path))

    write("5kb.txt", article.encode()[:5_000].decode("utf-8", "ignore").encode())
    write("1mb.txt", (article * (1_000_000 // len(article) + 1)).encode()[:1_000_000])
    write("2mb-one-line.txt", ("word " * 400_000).encode())
    write("10mb.txt", (article * (10_000_000 // len(article) + 1)).encode()[:10_000_000])
    write("50mb.txt", (article * (50_000_000 // len(article) + 1)).encode()[:50_000_000])
    latin = article.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    latin_bytes = latin.encode("latin-1", "replace")
    write("10mb-latin1.txt", latin_bytes * (10_000_000 // len(latin_bytes) + 1))
    md = "# Heading\n\nSome *emphasis* and **strong** text with `code`.\n\n- item\n- item\n\n"
    write("1mb.md", (md * (1_000_000 // len(md))).encode())
    return made


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'file':<18} {'MB':>6} {'median s':>9} {'s/MB':>7} {'peak MB':>8} {'x size':>7}")
        for name, path in cases(Path(tmp)):
            size_mb = path.stat().st_size / 1e6
            seconds = timed(lambda p=path: load_document(p), repeat=1 if size_mb > 20 else 3)
            tracemalloc.start()
            load_document(path)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{name:<18} {size_mb:>6.2f} {seconds:>9.3f} {seconds / size_mb:>7.3f} "
                f"{peak / 1e6:>8.1f} {peak / 1e6 / size_mb:>7.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
