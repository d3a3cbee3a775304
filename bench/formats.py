"""Benchmark: converting a 100+ page PDF and a large Word document, beside their anchors.

Run by hand: ``python bench/formats.py``.  For each file it prints

* the conversion (cache empty) beside ``pdftotext`` on the same PDF (goal: within 2x);
* reopening it from the conversion cache beside loading a ``.txt`` of the same text
  (goal: within 1.2x);
* the peak resident memory of a process that does the conversion (and of ``pdftotext``);
* the wall time of the conversion as the app and the commands run it: in a child process
  forked from the fork server, under the time limit (``TUI_READER_CONVERT_SECONDS``).

The conversion itself is measured in-process (``TUI_READER_CONVERT_SECONDS=0``): the fork
server's children are not this process's, so their CPU time and memory would not be counted.

Times are medians of 5 runs inside one process, as CPU seconds (the process's own, or the
child's for ``pdftotext``: on a shared, loaded machine wall time mostly measures the wait for
a core) and as wall seconds; memory is measured in a fresh process each.
The documents are generated (see ``tests/helpers/format_fixtures.py``).  Figures vary on a
shared machine: compare each row with its anchor, not with yesterday's run.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.format_fixtures import LOREM, make_docx, make_pdf, pdf_paragraphs  # noqa: E402

from tui_reader.core.documents.conversion_cache import ConversionCache  # noqa: E402
from tui_reader.core.documents.document import load_document, parse_document  # noqa: E402
from tui_reader.core.documents.formats import FORMAT_BY_SUFFIX  # noqa: E402
from tui_reader.locations import DEFAULT_CONVERT_SECONDS, ENV_CONVERT_SECONDS  # noqa: E402

REPEAT = 5


def median_seconds(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    """Median ``(cpu, wall)`` seconds of ``fn()``; CPU counts this process and its children."""
    cpu, wall = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
    return statistics.median(cpu), statistics.median(wall)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def make_files(folder: Path) -> list[Path]:
    pdf = make_pdf(
        folder / "report-120-pages.pdf",
        pdf_paragraphs(700),
        hyphenate=["Militarization", "transcripts"],
    )
    blocks: list[tuple[str, str]] = []
    for i in range(4000):
        if i % 40 == 0:
            blocks.append(("heading2", f"Section {i // 40 + 1}"))
        kind = "bullet" if i % 15 == 14 else "rich" if i % 3 == 0 else "para"
        blocks.append((kind, f"P{i % 7:02d}: turn {i}. {LOREM} Some *emphasis* and **strong**."))
    docx = make_docx(folder / "transcripts-4000-paragraphs.docx", blocks, footnotes=["A note."])
    return [pdf, docx]


def peak_rss_mb(argv: list[str]) -> float:
    """Peak resident memory of ``argv`` run by GNU time (a small process: a child forked
    from this big one would count this one's pages as its own), or NaN without it."""
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.exists():
        return float("nan")
    done = subprocess.run(
        [str(gnu_time), "-f", "%M", *argv], capture_output=True, text=True, check=True
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def conversion_rss_mb(path: Path, cache: Path) -> float:
    code = (
        "import sys; from pathlib import Path; "
        "from tui_reader.core.documents.conversion_cache import ConversionCache; "
        "from tui_reader.core.documents.document import parse_document; "
        "p = Path(sys.argv[1]); parse_document(p.read_bytes(), p, sys.argv[2], "
        "ConversionCache(Path(sys.argv[3])))"
    )
    fmt = FORMAT_BY_SUFFIX[path.suffix]
    return peak_rss_mb([sys.executable, "-c", code, str(path), fmt, str(cache)])


def main() -> int:
    os.environ[ENV_CONVERT_SECONDS] = "0"  # converted in-process: its CPU time is ours
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("making the documents…", flush=True)
        files = make_files(folder)
        header = (
            f"{'file':<34} {'pages':>5} {'words':>7} | {'convert':>8} {'anchor':>8} {'ratio':>6} "
            f"| {'reopen':>8} {'.txt':>8} {'ratio':>6} | {'peak MB':>8} {'anchor MB':>9}"
        )
        print(header)
        print("(seconds: CPU, then wall in brackets)")
        for path in files:
            fmt = FORMAT_BY_SUFFIX[path.suffix]
            data = path.read_bytes()

            def convert(p: Path = path, d: bytes = data, f: str = fmt) -> object:
                cold = folder / f"cold-{time.perf_counter_ns()}"
                return parse_document(d, p, f, ConversionCache(cold))

            convert_cpu, convert_wall = median_seconds(convert)
            os.environ[ENV_CONVERT_SECONDS] = str(DEFAULT_CONVERT_SECONDS)
            convert(), convert()  # the fork server started and warm, as in a session
            _, limited_wall = median_seconds(convert)
            os.environ[ENV_CONVERT_SECONDS] = "0"
            warm = ConversionCache(folder / "warm")
            document = parse_document(data, path, fmt, warm)
            txt = folder / (path.stem + ".txt")
            txt.write_text(document.text, "utf-8")
            os.environ["TUI_READER_CACHE"] = str(folder / "warm-env")
            load_document(path)  # fills the cache the way the app does
            reopen_cpu, reopen_wall = median_seconds(lambda p=path: load_document(p))
            txt_cpu, txt_wall = median_seconds(lambda t=txt: load_document(t))
            peak = conversion_rss_mb(path, folder / "rss")
            anchor_cpu = anchor_wall = anchor_mb = float("nan")
            if fmt == "pdf" and pdftotext:
                argv = [pdftotext, "-enc", "UTF-8", str(path), str(folder / "out.txt")]
                anchor_cpu, anchor_wall = median_seconds(
                    lambda a=argv: subprocess.run(a, check=True)
                )
                anchor_mb = peak_rss_mb(argv)
            print(
                f"{path.name:<34} {len(document.pages) or '-':>5} {document.words:>7} | "
                f"{convert_cpu:>8.3f} {anchor_cpu:>8.3f} {convert_cpu / anchor_cpu:>6.2f} | "
                f"{reopen_cpu:>8.4f} {txt_cpu:>8.4f} {reopen_cpu / txt_cpu:>6.2f} | "
                f"{peak:>8.1f} {anchor_mb:>9.1f}"
            )
            print(
                f"{'':<48} | ({convert_wall:>6.3f}) ({anchor_wall:>6.3f}) {'':>6} | "
                f"({reopen_wall:>6.4f}) ({txt_wall:>6.4f})"
            )
            print(f"{'':<48} | ({limited_wall:>6.3f}) in a child process, under the time limit")
        if not pdftotext:
            print("(pdftotext not found: install poppler-utils for the PDF anchor)")
        print("anchor: pdftotext on the same PDF (none for Word); .txt: the same canonical text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
