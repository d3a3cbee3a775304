"""Benchmark: would an index make the corpus search sooner?  SQLite's FTS5 (trigram tokenizer:
substring matching, case folded for ASCII) beside the scan ``search`` makes.

Run by hand: ``python bench/search_index.py CORPUS [--words the,riveted] [--runs 3]`` (the
corpus ``bench/scale.py --keep DIR`` builds is ``DIR/corpus``; give a copy: the commands
measured write their caches).  In a folder of its own it builds the index over every plain
text and Markdown file's canonical text (as the search reads it), and prints, each beside
the scan measured in the same run (CPU seconds, user + system, medians):

- the index's build (every file read, its text put in) and its size beside the texts', and
  those of a lean index (:data:`LEAN`: no copy of the texts, no places);
- keeping it fresh: every file's stamp (size, modification time) taken and compared with the
  stamps kept beside the index, as each search would have to before trusting it;
- for each word, the documents holding it (``MATCH``) and every hit with its line (the
  texts of the documents found read back from the index and searched, as ``search -i``
  lists them), beside ``tui-reader search -il WORD`` and ``search -i WORD`` with the texts
  kept, and ``grep -ril``; the documents the lean index names.

The index is no truth: a document it names is searched again in its text; a word of fewer
than three letters is no trigram query (FTS5 then reads every row).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tui_reader.core.documents.formats import format_of_name
from tui_reader.core.documents.stamps import file_stamps
from tui_reader.core.search.corpus import title_and_text

# A lean index: contentless (the texts are in the search's pack already) and no places kept
# (a word of more than three letters is then asked as its trigrams, each document named
# searched in its text).
LEAN = ", content='', detail=none"


def cpu_now() -> float:
    """CPU seconds of this process and its children so far (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measured(work: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median clock and CPU seconds of ``work()`` over ``runs`` runs, and its last result."""
    clocks, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), cpu_now()
        result = work()
        clocks.append(time.perf_counter() - start)
        cpus.append(cpu_now() - cpu)
    return statistics.median(clocks), statistics.median(cpus), result


def command(argv: Sequence[str]) -> Callable[[], object]:
    def run() -> object:
        with tempfile.TemporaryFile() as out:  # written into a file, as a user keeps it
            return subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, check=False)

    return run


def documents(corpus: Path) -> list[str]:
    """The plain text and Markdown files below ``corpus`` (hidden ones left out)."""
    found = []
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and format_of_name(name) in ("text", "markdown"):
                found.append(os.path.join(folder, name))
    return found


def build(index: Path, paths: list[str], options: str = "") -> None:
    """The index at ``index`` made anew (FTS5 ``options`` added to the trigram tokenizer's):
    each file's text, and its stamp beside it."""
    index.unlink(missing_ok=True)
    db = sqlite3.connect(index)
    db.execute(f"CREATE VIRTUAL TABLE texts USING fts5(text, tokenize='trigram'{options})")
    db.execute(
        "CREATE TABLE stamps (id INTEGER PRIMARY KEY, path TEXT, mtime INT, size INT, "
        "ctime INT, inode INT)"
    )
    with db:
        for number, (path, stamp) in enumerate(zip(paths, file_stamps(paths), strict=True)):
            assert stamp is not None
            _title, text = title_and_text(Path(path), format_of_name(path) or "text")
            db.execute("INSERT INTO texts (rowid, text) VALUES (?, ?)", (number, text))
            db.execute("INSERT INTO stamps VALUES (?, ?, ?, ?, ?, ?)", (number, path, *stamp))
    db.close()


def stale(index: Path, paths: list[str]) -> int:
    """How many files changed since the index took them (each stamp, size, times and inode,
    taken and compared)."""
    db = sqlite3.connect(index)
    kept = {
        path: tuple(stamp)
        for path, *stamp in db.execute("SELECT path, mtime, size, ctime, inode FROM stamps")
    }
    db.close()
    now = file_stamps(paths)
    return sum(1 for path, stamp in zip(paths, now, strict=True) if kept.get(path) != stamp)


def matching(index: Path, word: str, lean: bool = False) -> list[int]:
    """The documents the index says may hold ``word``: its phrase, or in a ``lean`` index
    (no positions kept, no phrase query) each of its trigrams."""
    if lean:
        query = " AND ".join(f'"{word[at : at + 3]}"' for at in range(len(word) - 2))
    else:
        query = f'"{word}"'
    db = sqlite3.connect(index)
    found = [row for (row,) in db.execute("SELECT rowid FROM texts WHERE texts MATCH ?", (query,))]
    db.close()
    return found


def every_hit(index: Path, word: str) -> int:
    """Each line holding ``word`` (ASCII case folded) in the texts the index names and holds,
    with its number and the line's first 80 characters: how many lines (less than a search's
    work for each: its parts of a long line and their contexts are not cut)."""
    db = sqlite3.connect(index)
    lines, folded = 0, word.lower()
    query = "SELECT text FROM texts WHERE texts MATCH ?"
    out = []
    for (text,) in db.execute(query, (f'"{word}"',)):
        lowered = text.lower()
        at = lowered.find(folded)
        while at >= 0:
            number = lowered.count("\n", 0, at) + 1
            end = lowered.find("\n", at)
            end = len(text) if end < 0 else end
            out.append(f"{number}: {text[lowered.rfind(chr(10), 0, at) + 1 : end][:80]}")
            lines += 1
            at = lowered.find(folded, end)
    db.close()
    return lines


def row(label: str, clock: float, cpu: float, anchor: str = "", base: float | None = None) -> None:
    ratio = f"{cpu / base:6.2f}x cpu" if base else ""
    print(f"   {label:46} {clock:7.3f} s (cpu {cpu:6.3f})   {anchor:28} {ratio}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--words", default="the,riveted")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    tui_reader = str(Path(sys.executable).with_name("tui-reader"))
    with tempfile.TemporaryDirectory(prefix="search-index-") as work:
        os.environ["TUI_READER_CACHE"] = os.path.join(work, "cache")
        db = os.path.join(work, "annotations.json")
        index = Path(work) / "texts.fts5"
        paths = documents(corpus)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"{len(paths):,} files, {size / 1e6:.0f} MB; SQLite {sqlite3.sqlite_version}")
        clock, cpu, _ = measured(lambda: build(index, paths), 1)
        first = [tui_reader, "search", "-il", "the", str(corpus), "--db", db]
        scan_clock, scan_cpu, _ = measured(command(first), 1)  # (its texts kept from now on)
        row("index built (every text read and put in)", clock, cpu,
            "search -il the, first", scan_cpu)  # fmt: skip
        row("  (a first search, every text read and kept)", scan_clock, scan_cpu)
        print(f"   index size {index.stat().st_size / 1e6:.0f} MB beside the texts' "
              f"{size / 1e6:.0f} MB")  # fmt: skip
        clock, cpu, changed = measured(lambda: stale(index, paths), args.runs)
        row(f"stamps checked ({changed} changed)", clock, cpu)
        lean = Path(work) / "lean.fts5"  # no copy of the texts (the pack holds them), no places
        clock, cpu, _ = measured(lambda: build(lean, paths, LEAN), 1)
        row("lean index built (content='', detail=none)", clock, cpu,
            "search -il the, first", scan_cpu)  # fmt: skip
        print(f"   lean index size {lean.stat().st_size / 1e6:.1f} MB")
        for word in args.words.split(","):
            grep = measured(command(["grep", "-ril", word, str(corpus)]), args.runs)
            row(f"grep -ril {word}", *grep[:2])
            clock, cpu, found = measured(lambda word=word: matching(index, word), args.runs)
            listed = measured(command([tui_reader, "search", "-il", word, str(corpus), "--db", db]),
                              args.runs)  # fmt: skip
            row(f"index: documents holding {word} ({len(found):,})", clock, cpu,
                f"search -il {word}, kept", listed[1])  # fmt: skip
            row(f"  search -il {word}, texts kept", *listed[:2])
            clock, cpu, found = measured(lambda word=word: matching(lean, word, True), args.runs)
            row(f"lean index: documents that may hold {word} ({len(found):,})", clock, cpu)
            clock, cpu, lines = measured(lambda word=word: every_hit(index, word), args.runs)
            every = measured(command([tui_reader, "search", "-i", word, str(corpus), "--db", db]),
                             args.runs)  # fmt: skip
            row(f"index: every line of {word} ({lines:,})", clock, cpu,
                f"search -i {word}, kept", every[1])  # fmt: skip
            row(f"  search -i {word}, texts kept", *every[:2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
