"""Benchmark: 10,000 documents and 100,000 annotations, each figure beside its anchor.

Run by hand (takes a few minutes; ratios matter, the machine is shared and noisy):

    .venv/bin/python bench/scale.py [--docs 10000] [--annotations 100000] [--runs 3] [--keep DIR]
                                    [--only list,search,export,commands,share,exchange,linear,
                                            app,open,start] [--formats csv,w3c,...]

Builds, reproducibly (seeded), a corpus of ``--docs`` documents of about 10 KB each (100 MB,
four in five plain text, one in five Markdown, in 100 folders) and a database of
``--annotations`` annotations spread over them, in a temporary folder (or ``--keep DIR``, where
a second run reuses them).  Then prints, in the same run:

- ``tui-reader list`` beside ``wc -w`` over the same files (and with the big database);
- ``tui-reader search`` beside ``grep -ril`` and ``rg -il`` (when installed);
- ``export`` in every format (first with every document placed again, its caches lost, then
  with every file touched, its bytes the same, then with the documents unchanged) with the
  big database beside an empty one, plus the time to read the database's JSON once (with
  ``--keep DIR``, the files of DIR's corpus are touched);
- ``commands``: ``tags``, ``coders``, ``history``, ``report``, ``query`` the same way (the JSON
  read measured in every run beside them);
- ``exchange``: ``merge`` of the database and ``import`` of its JSON export again (nothing
  changed), beside the same with empty files plus one read of each JSON they read;
- ``share``: ``tags`` with the app open on the database (a change not folded yet) beside
  ``tags`` alone, and the app's look at the database after another process folded the
  journal, beside one JSON read;
- ``linear``: export at a quarter, a half and all of the annotations, per 1,000 annotations;
- in a real terminal (tmux 120x40): the library's first rows at 10,000 documents beside a folder
  of one document, a start with the big database beside an empty one, and the first screen of a
  5 KB text beside a bare Textual app showing the same text (``bench/bare_app.py``); and
  keys typed from the start (``j`` every 0.1 s while the app lists, scans and counts) with
  the big database beside an empty one: the longest wait for a key to be read and answered;
- in the app (in-process): the corpus search's first hits and end;
- ``start``: a first start (no facts cached: the library's whole scan, goal 3 s) and a second
  (cached) in the app, each in a process of its own, from making the app to every row's facts
  painted, clock and CPU, every run, beside a folder of one document.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

WORDS = (  # noqa: SIM905 - a word list reads best as words
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will more migrants border security Mexico government Pentagon conference plan military "
    "interview transcript report village water harvest market school police road"
).split()
RARE = "riveted"  # in one document in a hundred
DOC_BYTES = 10_000
TAGS = [f"theme{i}/code{j}" for i in range(10) for j in range(5)]
BENCH = Path(__file__).resolve().parent


# -- the corpus and the database --------------------------------------------------------------


def title_of(n: int) -> str:
    return f"Field report {n:05d} on the border and its markets"


def document_text(n: int, markdown: bool) -> str:
    rng = random.Random(n)
    parts = [("# " if markdown else "") + title_of(n)]
    total = len(parts[0])
    while total < DOC_BYTES:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
            if n % 100 == 7 and rng.random() < 0.05:
                words[-1] = RARE
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        if markdown and rng.random() < 0.2:
            paragraph = "- " + paragraph
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


def doc_path(corpus: Path, n: int) -> Path:
    suffix = ".md" if n % 5 == 4 else ".txt"
    return corpus / f"folder{n // 100:03d}" / f"report-{n:05d}{suffix}"


def build_corpus(corpus: Path, docs: int) -> None:
    stamp = corpus / ".built"
    if stamp.exists() and stamp.read_text() == str(docs):
        return
    shutil.rmtree(corpus, ignore_errors=True)
    for n in range(docs):
        path = doc_path(corpus, n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_text(n, path.suffix == ".md"), encoding="utf-8")
    stamp.write_text(str(docs))


# Notes as people write them: each its own, most one line, some with Markdown, one in ten
# of two paragraphs and a list (a note made once and repeated would be parsed once).
NOTE_FORMS = (
    "The speaker hedges here; compare with passage {n}.",
    "Check against the *field notes* of day {n}.",
    "Contradicts what was said before (see {n}) - ask in the follow-up.",
    "Key quote for chapter {n}",
    "Why now?\n\nPossible reasons:\n- the election\n- the new border plan ({n})",
)
# Coders and times as a team's project has them: three coders, one doing most of the work,
# each annotation made at its own time over half a year, one in five changed later.
CODERS = ("ana", "ben", "carla")
STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BUILT = "notes, coders, times and ids 4"  # the database's form: a kept one of another is made again


def made_by(rng: random.Random, n: int) -> dict[str, str]:
    """The coder, creation and change times of the ``n``-th annotation."""
    created = STARTED + timedelta(seconds=n * 157 + rng.randrange(120))
    updated = created + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.2 else created
    coder = CODERS[0] if rng.random() < 0.6 else rng.choice(CODERS[1:])
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    return {"coder": coder, "created": created.strftime(stamp), "updated": updated.strftime(stamp)}


def note_of(rng: random.Random, n: int) -> str:
    """A note of its own for the ``n``-th annotation."""
    form = NOTE_FORMS[-1] if rng.random() < 0.1 else rng.choice(NOTE_FORMS[:-1])
    return form.format(n=n)


def build_database(corpus: Path, db: Path, docs: int, count: int) -> None:
    """``count`` annotations (two tags each, a note of its own on one in three, three coders,
    each made at its own time) on ``docs`` documents."""
    from tui_reader.core.annotations.model import Tag, make_annotation
    from tui_reader.core.documents.document import load_document
    from tui_reader.core.store.annotation_store import AnnotationStore
    from tui_reader.locations import document_key

    stamp = db.with_name(db.name + ".built")
    if stamp.exists() and stamp.read_text() == f"{docs} {count} {BUILT}":
        return
    for old in db.parent.glob(db.name + "*"):
        old.unlink()
    rng = random.Random(11)
    annotations = []
    per_document = max(1, count // docs)
    for n in range(docs):
        path = doc_path(corpus, n)
        document = load_document(path)
        key = document_key(path, db)
        for i in range(per_document):
            if len(annotations) >= count:
                break
            start = rng.randrange(0, max(1, len(document.text) - 300))
            end = start + rng.randrange(20, 300)
            note = note_of(rng, len(annotations)) if i % 3 == 0 else ""
            annotation = make_annotation(
                key, document.text, start, end, document.sha256, tuple(rng.sample(TAGS, 2)), note
            )
            annotations.append(
                annotation.evolve(
                    id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),  # as made
                    **made_by(rng, len(annotations)),
                )
            )
    with AnnotationStore(db) as store:
        for name in TAGS:
            store.set_tag(Tag(name))
        store.put_many(annotations)
        store.compact()
    stamp.write_text(f"{docs} {count} {BUILT}")


def build_empty_database(db: Path) -> None:
    """A database with no annotation at ``db`` (the anchor of the commands that read one).
    Without it, each anchor's command said "no such database" and stopped: an export of an
    empty database, which lists the corpus and opens the store, takes twice as long."""
    from tui_reader.core.store.annotation_store import AnnotationStore

    if db.exists():
        return
    with AnnotationStore(db) as store:
        store.compact()


# -- timing ------------------------------------------------------------------------------------


def compile_package() -> None:
    """Compile tui-reader's modules, as an install does (with PYTHONDONTWRITEBYTECODE set, an
    editable checkout would compile them from source at every command's start)."""
    import compileall

    import tui_reader

    compileall.compile_dir(Path(tui_reader.__file__).parent, quiet=1)


def tui_reader() -> str:
    return str(Path(sys.executable).with_name("tui-reader"))


def timed(argv: Sequence[str], runs: int, timeout: float, cwd: Path | None = None) -> float | None:
    """Median seconds of ``argv`` (output thrown away), or ``None`` when it timed out."""
    return timed_cpu(argv, runs, timeout, cwd)[0]


Timing = tuple[float | None, float | None]  # (seconds on the clock, seconds of CPU)


def timed_cpu(argv: Sequence[str], runs: int, timeout: float, cwd: Path | None = None) -> Timing:
    """Median seconds of ``argv`` on the clock and of CPU (user + system, the child's own): on
    a machine others share, the CPU figure moves less."""
    times, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # Its output written into a file, as a user keeps it: GNU grep given /dev/null stops
        # at its first match (grep -rin the printed none of its 271,995 lines: 0.07 s of CPU
        # where printing them takes 0.43 s).
        try:
            with tempfile.TemporaryFile() as out:
                subprocess.run(
                    argv, stdout=out, stderr=subprocess.DEVNULL,
                    timeout=timeout, check=False, cwd=cwd,
                )  # fmt: skip
        except subprocess.TimeoutExpired:
            return None, None
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def row_cpu(label: str, ours: Timing, anchor_label: str, anchor: Timing, timeout: float,
            extra: Timing = (0.0, 0.0)) -> None:  # fmt: skip
    """A row with the clock's ratio and the CPU's: ours / (anchor + extra)."""
    ratios = []
    for value, base, plus in zip(ours, anchor, extra, strict=True):
        ok = value is not None and base is not None and plus is not None and base + plus > 0
        ratios.append(f"{value / (base + plus):5.2f}x" if ok else "  -  ")  # type: ignore[operator]
    cpu = f"(cpu {ours[1]:6.2f})" if ours[1] is not None else ""
    base_cpu = f"(cpu {anchor[1]:5.2f})" if anchor[1] is not None else ""
    print(f"   {label:44} {seconds(ours[0], timeout)} {cpu}   {anchor_label:16} "
          f"{seconds(anchor[0], timeout)} {base_cpu}  {ratios[0]}  cpu {ratios[1]}")  # fmt: skip


def seconds(value: float | None, timeout: float) -> str:
    return f"did not finish in {timeout:.0f} s" if value is None else f"{value:8.3f} s"


def row(label: str, value: float | None, anchor_label: str, anchor: float | None, timeout: float,
        extra: float = 0.0) -> None:  # fmt: skip
    ratio = ""
    if value is not None and anchor:
        ratio = f"  {value / (anchor + extra):5.2f}x"
    print(f"   {label:44} {seconds(value, timeout)}   {anchor_label:36} "
          f"{seconds(anchor, timeout)}{ratio}")  # fmt: skip


# -- measures ----------------------------------------------------------------------------------


def measure_list(ctx: Context) -> None:
    print("\n== tui-reader list (cache warm after the first run); clock and CPU (user + system)")
    files = [str(p) for p in sorted(ctx.corpus.rglob("*")) if p.is_file() and p.suffix != ""]
    names = "\n".join(files)
    timed_stdin(["xargs", "wc", "-w"], names, ctx.timeout)  # warm the page cache
    wc = median_timing([timed_stdin(["xargs", "wc", "-w"], names, ctx.timeout)
                        for _ in range(ctx.runs)])  # fmt: skip
    argv = [tui_reader(), "list", str(ctx.corpus), "--db", str(ctx.empty_db)]

    def first_run() -> Timing:
        shutil.rmtree(ctx.cache, ignore_errors=True)  # no facts, no converted Markdown
        return timed_cpu(argv, 1, ctx.timeout)

    cold = median_timing([first_run() for _ in range(ctx.runs)])
    row_cpu("list, first run (no cache at all)", cold, "wc -w, same files", wc, ctx.timeout)
    listing = timed_cpu(argv, ctx.runs, ctx.timeout)
    row_cpu("list, again (facts cache)", listing, "wc -w, same files", wc, ctx.timeout)
    big = [tui_reader(), "list", str(ctx.corpus), "--db", str(ctx.db)]
    timed(big, 1, ctx.timeout)  # its own cache, beside that database
    row("list, 100,000-annotation database", timed(big, ctx.runs, ctx.timeout),
        "list, empty database", listing[0], ctx.timeout)  # fmt: skip


def median_timing(timings: Sequence[Timing]) -> Timing:
    """The median clock and the median CPU of several runs (``None`` if one timed out)."""
    clocks = [t[0] for t in timings]
    cpus = [t[1] for t in timings]
    if any(c is None for c in clocks) or any(c is None for c in cpus):
        return None, None
    return (statistics.median(c for c in clocks if c is not None),
            statistics.median(c for c in cpus if c is not None))  # fmt: skip


def timed_stdin(argv: Sequence[str], data: str, timeout: float) -> Timing:
    """Seconds on the clock and of CPU of ``argv`` reading ``data`` on its standard input."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        subprocess.run(argv, input=data.encode(), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=timeout, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None, None
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure_search(ctx: Context) -> None:
    print("\n== corpus search on the command line")
    has_search = (
        "search"
        in subprocess.run(
            [tui_reader(), "--help"], capture_output=True, text=True, check=False
        ).stdout
    )
    for word in ("the", RARE):
        grep = timed_cpu(["grep", "-ril", word, str(ctx.corpus)], ctx.runs, ctx.timeout)
        if shutil.which("rg"):
            rg = timed_cpu(["rg", "-il", word, str(ctx.corpus)], ctx.runs, ctx.timeout)
            row_cpu(f"rg -il {word}", rg, f"grep -ril {word}", grep, ctx.timeout)
        if has_search:
            argv = [tui_reader(), "search", "-i", "-l", word, str(ctx.corpus)]
            argv += ["--db", str(ctx.empty_db)]

            def first_search(argv: list[str] = argv) -> Timing:
                shutil.rmtree(ctx.cache, ignore_errors=True)  # no texts, facts, conversions
                return timed_cpu(argv, 1, ctx.timeout)

            firsts = [first_search() for _ in range(ctx.runs)]
            first = (_median([t[0] for t in firsts]), _median([t[1] for t in firsts]))
            row_cpu(f"search -il {word}, first (no cache)", first, f"grep -ril {word}", grep,
                    ctx.timeout)  # fmt: skip
            ours = timed_cpu(argv, ctx.runs, ctx.timeout)
            row_cpu(f"search -il {word}, again (texts kept)", ours, f"grep -ril {word}", grep,
                    ctx.timeout)  # fmt: skip
            every = timed_cpu([tui_reader(), "search", "-i", word, str(ctx.corpus), "--db",
                               str(ctx.empty_db)], 1, ctx.timeout)  # fmt: skip
            grep_n = timed_cpu(["grep", "-rin", word, str(ctx.corpus)], 1, ctx.timeout)
            row_cpu(f"search -i {word} (every hit), texts kept", every, f"grep -rin {word}",
                    grep_n, ctx.timeout)  # fmt: skip
        else:
            print(f"   tui-reader search: no such subcommand yet (grep -ril {word}: "
                  f"{seconds(grep[0], ctx.timeout)})")  # fmt: skip


def _median(values: list[float | None]) -> float | None:
    """The median, or ``None`` when a run timed out."""
    if any(v is None for v in values):
        return None
    return statistics.median(v for v in values if v is not None)


def measure_export(ctx: Context) -> None:
    print("\n== export and the other commands, 100,000 annotations beside an empty database")
    read = ctx.json_read()
    print(f"   reading the database's JSON once: {read:.3f} s "
          f"({ctx.db.stat().st_size / 2**20:.0f} MB); each ratio is ours / (empty + this), "
          "goal 2x")  # fmt: skip
    from tui_reader.core.interchange import FORMATS
    from tui_reader.locations import placement_cache_path, places_cache_path

    print(f"   (CPU of that read: {ctx.json_read_cpu:.3f} s; cpu: the command's own user + system)")
    print("   (each row: the empty database's export, one JSON read, the export with every")
    print("   document placed, with every file touched (a sync, a checkout: the same bytes)")
    print("   and again with them unchanged, in turns within every run: on a")
    print("   shared machine the four move together; a read measured once, minutes before,")
    print("   made the ratios of one run swing by half)")
    for fmt in [*FORMATS, "markdown --by tag"]:
        if ctx.formats and fmt not in ctx.formats:
            continue
        name, *more = fmt.split()
        empties, reads, colds, toucheds, warms = [], [], [], [], []
        for _ in range(ctx.runs):
            empties.append(timed_cpu(ctx.export_argv(ctx.empty_db, name, more), 1, ctx.timeout))
            reads.append(json_read_once(ctx.db))
            placement_cache_path(ctx.db).unlink(missing_ok=True)  # as after every file changed
            places_cache_path(ctx.db).unlink(missing_ok=True)
            colds.append(timed_cpu(ctx.export_argv(ctx.db, name, more), 1, ctx.timeout))
            touch_every_file(ctx.corpus)
            toucheds.append(timed_cpu(ctx.export_argv(ctx.db, name, more), 1, ctx.timeout))
            warms.append(timed_cpu(ctx.export_argv(ctx.db, name, more), 1, ctx.timeout))
            ctx.clear_exports()
        empty, read = median_timing(empties), median_timing(reads)
        row_cpu(f"export {fmt}, every document placed", median_timing(colds), "empty database",
                empty, ctx.timeout, extra=read)  # fmt: skip
        row_cpu(f"export {fmt}, every file touched", median_timing(toucheds), "empty database",
                empty, ctx.timeout, extra=read)  # fmt: skip
        row_cpu(f"export {fmt}, documents unchanged", median_timing(warms), "empty database",
                empty, ctx.timeout, extra=read)  # fmt: skip
        clock, cpu = read
        print(f"   {'':44} JSON read {clock or 0:.3f} s (cpu {cpu or 0:.3f}), "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def touch_every_file(corpus: Path) -> None:
    """Every file of ``corpus`` given a new modification time, its bytes the same (a sync,
    a checkout, a copy back): each one's stamp changes, as the caches see it."""
    now = time.time_ns()
    for path in corpus.rglob("*.*"):
        os.utime(path, ns=(now, now))


def measure_commands(ctx: Context) -> None:
    """tags, coders, history, report, query and agreement (ana and ben, by character and by
    sentence, the sentences cut on a first run and kept for the next; on the empty database it
    says at once there is no such coder) with the big
    database beside an empty one and one read of the database's JSON, each measured in turn
    within every run (the machine is shared: the three move together), with the load average
    beside each row."""
    print("\n== the other commands, 100,000 annotations beside an empty database + one JSON read")
    corpus = ["--corpus", str(ctx.corpus)]
    commands = [
        ["tags"],
        ["coders"],
        ["history"],
        ["report", "frequencies", *corpus],
        ["report", "matrix", *corpus],
        ["report", "cooccurrence", *corpus],
        ["query", "theme1/code1 AND NOT theme2", *corpus],
        ["agreement", "ana", "ben", *corpus],
        ["agreement", "ana", "ben", "--unit", "sentence", *corpus],
    ]
    from tui_reader.locations import units_cache_path

    for command in commands:
        argv = [tui_reader(), *command]
        if "--unit" in command:  # the units cut once, then kept: both figures
            units_cache_path(ctx.db).unlink(missing_ok=True)
        first = timed_cpu([*argv, "--db", str(ctx.db)], 1, ctx.timeout)  # caches filled
        empties, fulls, reads = [], [], []
        for _ in range(ctx.runs):
            empties.append(timed_cpu([*argv, "--db", str(ctx.empty_db)], 1, ctx.timeout))
            reads.append(json_read_once(ctx.db))
            fulls.append(timed_cpu([*argv, "--db", str(ctx.db)], 1, ctx.timeout))
        read = median_timing(reads)
        label = " ".join(command[:-2] if command[-2:] == corpus else command)[:44]
        if "--unit" in command:
            row_cpu(f"{label}, units not kept yet"[:44], first, "empty database",
                    median_timing(empties), ctx.timeout, read)  # fmt: skip
            label = f"{label}, units kept"[:44]
        row_cpu(label, median_timing(fulls), "empty database",
                median_timing(empties), ctx.timeout, read)  # fmt: skip
        clock, cpu = read
        print(f"   {'':44} JSON read {clock or 0:.3f} s (cpu {cpu or 0:.3f}), "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def measure_exchange(ctx: Context) -> None:
    """A colleague's work brought in again when nothing changed: ``merge`` of the database (a
    copy of it in another folder as ours) and ``import`` of its JSON export, each beside the
    same with empty files plus one read of each JSON the command reads (theirs and ours)."""
    print("\n== merge and import, 100,000 annotations brought in again (nothing changed)")
    folder = ctx.work / "exchange"
    folder.mkdir(exist_ok=True)
    ours, export = folder / "ours.json", folder / "export.json"
    empty_ours, empty_export = folder / "empty-ours.json", folder / "empty-export.json"
    for path in folder.glob("*.json*"):
        path.unlink()
    shutil.copy(ctx.db, ours)
    empty_export.write_text("[]\n", encoding="utf-8")
    corpus = ["--corpus", str(ctx.corpus)]
    subprocess.run([*ctx.export_argv(ctx.db, "json", [])[:-3], "-o", str(export)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    rows = [
        ("merge", ["merge", str(ctx.db), "--db", str(ours), *corpus],
         ["merge", str(ctx.empty_db), "--db", str(empty_ours), *corpus], (ctx.db, ours)),
        ("import json", ["import", str(export), "--db", str(ours)],
         ["import", str(empty_export), "--db", str(empty_ours)], (export, ours)),
    ]  # fmt: skip
    for label, full, empty, read in rows:
        timed_cpu([tui_reader(), *full], 1, ctx.timeout)  # caches filled: warm runs
        fulls, empties, reads = [], [], []
        for _ in range(ctx.runs):
            empties.append(timed_cpu([tui_reader(), *empty], 1, ctx.timeout))
            both = [json_read_once(path) for path in read]
            reads.append((sum(t[0] or 0 for t in both), sum(t[1] or 0 for t in both)))
            fulls.append(timed_cpu([tui_reader(), *full], 1, ctx.timeout))
        row_cpu(label, median_timing(fulls), "empty files", median_timing(empties),
                ctx.timeout, median_timing(reads))  # fmt: skip
        clock, cpu = median_timing(reads)
        print(f"   {'':44} both JSON read {clock or 0:.3f} s (cpu {cpu or 0:.3f}), "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip


def measure_share(ctx: Context) -> None:
    """Two processes on one database: the app holds it (a store open, one annotation made,
    not folded yet).  ``tags`` run meanwhile in another terminal, beside ``tags`` on the
    database alone with nothing to fold (the last process to close folds: not the command);
    and the app's next look at the files after another process folded the journal, beside
    reading the database's JSON once (what every fold cost the others before its note)."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.store.annotation_store import AnnotationStore

    print("\n== two processes on the 100,000-annotation database")
    folder = ctx.work / "share"
    folder.mkdir(exist_ok=True)
    db = folder / "annotations.json"
    shutil.copy(ctx.db, db)
    for sidecar in folder.glob("annotations.json.*"):
        sidecar.unlink()
    tags = [tui_reader(), "tags", "--db", str(db)]
    folding = (
        "import sys\nfrom tui_reader.core.store.journal import JournaledTables\n"
        "tables = JournaledTables(sys.argv[1])\ntables.compact()\ntables.close()"
    )
    fold = [sys.executable, "-c", folding, str(db)]
    alone = timed(tags, ctx.runs, ctx.timeout)
    app = AnnotationStore(db)
    app.annotations()
    beside, looks = [], []
    text = "A passage to code, made while a command runs in another terminal."
    try:
        for _ in range(ctx.runs):
            app.add(make_annotation("share.txt", text, 2, 9, "", ("shared",)))
            beside.append(timed(tags, 1, ctx.timeout))
            timed(fold, 1, ctx.timeout)  # another process folds what the app has read
            start = time.perf_counter()
            app.reload_if_changed()
            looks.append(time.perf_counter() - start)
    finally:
        app.close()
    took = [b for b in beside if b is not None]
    row("tags, the app open with a change unfolded", statistics.median(took) if took else None,
        "tags, the database alone", alone, ctx.timeout)  # fmt: skip
    row("the app's look after another process folded", statistics.median(looks),
        "one JSON read", ctx.json_read(), ctx.timeout)  # fmt: skip


def json_read_once(path: Path) -> Timing:
    """Seconds on the clock and of CPU to read ``path``'s JSON once, in this process, with
    the collector paused (at its default pace it walks the parsed objects again and again:
    3.2 s CPU for a 200 MB database instead of 1.6 s; the commands run at a batch pace), and
    with the parser the store reads it with (orjson): the standard library's ``json`` took
    0.96 s of CPU where orjson takes 0.70 s on the bench's database, an anchor longer than
    the read the goals allow."""
    import orjson

    gc.disable()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        data = orjson.loads(path.read_bytes())
        timing = time.perf_counter() - start, time.process_time() - cpu
    finally:
        gc.enable()
    del data
    return timing


def measure_linear(ctx: Context) -> None:
    """Export at 25,000, 50,000 and 100,000 annotations (spread over every document): the
    time beyond an empty export, per 1,000 annotations, should stay level."""
    print("\n== export grows linearly with the annotations (10,000 documents each time)")
    data = json.loads(ctx.db.read_text(encoding="utf-8"))
    records = data["annotations"]
    total = len(records)
    for fmt in ("json", "csv", "markdown"):
        empty, empty_cpu = timed_cpu(ctx.export_argv(ctx.empty_db, fmt, []), ctx.runs, ctx.timeout)
        print(f"   export {fmt:9} empty database {empty or 0:8.3f} s (cpu {empty_cpu or 0:.2f} s)")
        for count in (total // 4, total // 2, total):
            db = ctx.db if count == total else ctx.work / f"db-{count}" / "annotations.json"
            if count != total and not db.exists():
                db.parent.mkdir(exist_ok=True)
                step = total / count
                kept = {k: records[k] for k in list(records)[:: round(step)][:count]}
                db.write_text(json.dumps({**data, "annotations": kept}), encoding="utf-8")
            timed(ctx.export_argv(db, fmt, []), 1, ctx.timeout)  # places them once
            seconds_, cpu = timed_cpu(ctx.export_argv(db, fmt, []), ctx.runs, ctx.timeout)
            per = ""
            if seconds_ is not None and cpu is not None:
                per = (f"{(seconds_ - (empty or 0)) / count * 1e6:7.1f} ms, cpu "
                       f"{(cpu - (empty_cpu or 0)) / count * 1e6:7.1f} ms")  # fmt: skip
            print(f"   export {fmt:9} {count:>7,} annotations {seconds(seconds_, ctx.timeout)}"
                  f"   beyond the empty export, per 1,000 annotations {per}")  # fmt: skip
            ctx.clear_exports()


def measure_terminal(ctx: Context) -> None:
    if shutil.which("tmux") is None:
        print("\n== terminal measures need tmux: skipped")
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_open", BENCH / "open.py")
    assert spec is not None and spec.loader is not None
    bench_open = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_open)
    print("\n== in a real terminal (tmux 120x40), median of", ctx.runs, "runs")
    bench_open.tmux("new-session", "-d", "-s", "keepalive", "sleep 100000")
    one = ctx.work / "one"
    one.mkdir(exist_ok=True)
    shutil.copy(doc_path(ctx.corpus, 0), one / "report-00000.txt")
    small = ctx.work / "small"
    small.mkdir(exist_ok=True)
    (small / "small.txt").write_text(document_text(1, False)[:5000] + "\n", encoding="utf-8")

    def screen(argv: list[str], marker: str) -> float:
        times = []
        for _ in range(ctx.runs):
            seconds_, _pid = bench_open.first_screen(argv, marker)
            times.append(seconds_)
            bench_open.end_session()
        return statistics.median(times)

    try:
        fresh = ctx.work / "fresh.json"
        marker = title_of(0)[:30]
        text = str(small / "small.txt")
        ours = screen([tui_reader(), text, "--db", str(fresh)], title_of(1)[:30])
        bare = screen([sys.executable, str(BENCH / "bare_app.py"), str(small / "small.txt")],
                      title_of(1)[:30])  # fmt: skip
        row("first screen of a 5 KB text", ours, "bare Textual app, same text", bare, ctx.timeout)
        lib = screen([tui_reader(), str(ctx.corpus), "--db", str(ctx.empty_db)], title_of(1)[:30])
        anchor = screen([tui_reader(), str(one), "--db", str(fresh)], marker)
        row("10,000 documents: library painted", lib, "a folder of one document", anchor, 60)
        # The two starts and the JSON read in turns within every run (as the exports' rows):
        # a read measured once, minutes before, moves the ratio with the load of that moment.
        bigs, empties, reads = [], [], []
        for _ in range(ctx.runs):
            bigs.append(bench_open.first_screen([tui_reader(), str(one), "--db", str(ctx.db)],
                                                marker)[0])  # fmt: skip
            bench_open.end_session()
            empties.append(bench_open.first_screen([tui_reader(), str(one), "--db", str(fresh)],
                                                   marker)[0])  # fmt: skip
            bench_open.end_session()
            reads.append(json_read_once(ctx.db)[0] or 0.0)
        empty, read = statistics.median(empties), statistics.median(reads)
        row("start, 100,000-annotation database", statistics.median(bigs),
            "empty database + one JSON read", empty + read, 60)  # fmt: skip
        print(f"   {'':44} (empty database {empty:.3f} s, JSON read {read:.3f} s, "
              f"load {os.getloadavg()[0]:.2f})")  # fmt: skip
        for db, label in ((ctx.empty_db, "empty database"), (ctx.db, "100,000 annotations")):
            waits = [keys_at_start(bench_open, ctx, db) for _ in range(ctx.runs)]
            read = statistics.median(w[0] for w in waits)
            frame = statistics.median(w[1] for w in waits)
            print(f"   keys from the start, 10,000 documents, {label:19}: longest wait for a key "
                  f"to be read {read * 1000:4.0f} ms, key to its frame {frame * 1000:4.0f} ms "
                  f"(medians of the runs' longest)")  # fmt: skip
    finally:
        bench_open.end_session()
        bench_open.kill_server()


KEY_GAP = 0.1  # seconds between the keys typed from the start


def keys_at_start(bench_open: Any, ctx: Context, db: Path) -> tuple[float, float]:
    """``tui-reader CORPUS --db DB`` (a copy: the start may write it) in tmux through
    ``bench/paint_probe.py`` (marker ``-``), ``j`` typed every KEY_GAP seconds from the
    moment it starts, for 4 s: while the app lists, scans and counts, is a key read at once
    and answered?  The longest wait for a key to be read beyond KEY_GAP (the interpreter
    held by another thread: the input thread waits too), and the longest from a key read
    to the next frame written."""
    work = Path(tempfile.mkdtemp(prefix="keys-", dir=ctx.work))
    copy = work / "annotations.json"
    if db.exists():
        shutil.copy(db, copy)
    log = work / "probe.log"
    name = f"keys-{uuid.uuid4().hex[:8]}"
    probe = [sys.executable, str(BENCH / "paint_probe.py"), str(log), "-", "tui-reader",
             str(ctx.corpus), "--db", str(copy)]  # fmt: skip
    bench_open.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                    "exec " + " ".join(bench_open._quote(c) for c in probe))  # fmt: skip
    try:
        for _ in range(int(4 / KEY_GAP)):
            time.sleep(KEY_GAP)
            bench_open.tmux("send-keys", "-t", name, "j")
        time.sleep(1.0)
    finally:
        bench_open.tmux("kill-session", "-t", name)
    keys, writes = [], []
    for line in log.read_text(encoding="utf-8").splitlines():
        kind, when, _cpu, _what = line.split(" ", 3)
        (keys if kind == "key" else writes).append(float(when))
    shutil.rmtree(work, ignore_errors=True)
    read = max((b - a for a, b in itertools.pairwise(keys)), default=0.0)
    frame = max((next((w for w in writes if w >= k), k) - k for k in keys), default=0.0)
    return max(0.0, read - KEY_GAP), frame


def measure_app(ctx: Context) -> None:
    print("\n== in the app (in-process, 120x40)")
    asyncio.run(_app_figures(ctx))


async def _app_figures(ctx: Context) -> None:

    # The library's scan at a first and a second start is measured by ``start``, each start in
    # a process of its own as a user's is: here, after the measures before it in this
    # process, a first start's scan took from 2.5 to 3.8 s from one run to the next.
    for word in (RARE, "the"):
        grep = timed_cpu(["grep", "-ril", word, str(ctx.corpus)], ctx.runs, ctx.timeout)
        shutil.rmtree(ctx.cache, ignore_errors=True)  # a first run: no texts kept
        figures = await _search_figures(ctx, word)
        from tui_reader.locations import texts_cache_path

        for _ in range(600):  # the search writes the texts it read once it has ended
            if texts_cache_path(ctx.empty_db).exists():
                break
            await asyncio.sleep(0.05)
        kept = await _search_figures(ctx, word)  # the texts kept by the run before
        whens = ("at start", "again", "at start, texts kept")
        named = zip(whens, [*figures, kept[0]], strict=True)
        for when, (first, end, cpu) in named:
            row(f"F {word} {when}: first hits listed", first, f"grep -ril {word}", grep[0], 60)
            row_cpu(f"F {word} {when}: every document searched", (end, cpu),
                    f"grep -ril {word}", grep, 60)  # fmt: skip


def measure_start(ctx: Context) -> None:
    print(f"\n== a first and a second start in the app (each in a process of its own, 120x40), "
          f"{ctx.runs} runs")  # fmt: skip
    asyncio.run(_start_figures(ctx))


async def _start_figures(ctx: Context) -> None:
    """Clock and CPU from making the app (the corpus listed by it) to its library's first rows
    and to every row's facts painted, on a second start (the facts cache filled by a first
    one), beside the same for a folder of one document."""
    one = ctx.work / "one"
    one.mkdir(exist_ok=True)
    shutil.copy(doc_path(ctx.corpus, 0), one / "report-00000.txt")
    one_db = ctx.work / "one-db" / "annotations.json"
    one_db.parent.mkdir(exist_ok=True)
    shutil.rmtree(ctx.cache, ignore_errors=True)  # a first start: no facts cached
    for folder, db, label in ((ctx.corpus, ctx.empty_db, "10,000 documents"),
                              (one, one_db, "a folder of one document")):  # fmt: skip
        rows, rows_cpu, done, done_cpu = _one_start_process(folder, db)  # fills the facts cache
        goal = "; goal: the whole scan under 3 s" if folder == ctx.corpus else ""
        print(f"   first start,  {label:26}      : first rows {rows:.3f} s (cpu {rows_cpu:.3f}), "
              f"every row's facts painted {done:.3f} s (cpu {done_cpu:.3f}){goal}")  # fmt: skip
    for folder, db, label in ((ctx.corpus, ctx.empty_db, "10,000 documents"),
                              (one, one_db, "a folder of one document")):  # fmt: skip
        runs = [_one_start_process(folder, db) for _ in range(ctx.runs)]
        for i, (rows, rows_cpu, done, done_cpu) in enumerate(runs, 1):
            print(
                f"   second start, {label:26} run {i}: first rows {rows:.3f} s (cpu "
                f"{rows_cpu:.3f}), every row's facts painted {done:.3f} s (cpu {done_cpu:.3f})"
            )
        rows_m = statistics.median(r[0] for r in runs)
        done_m = statistics.median(r[2] for r in runs)
        cpu_m = statistics.median(r[3] for r in runs)
        print(
            f"   second start, {label:26} median: first rows {rows_m:.3f} s, everything "
            f"painted {done_m:.3f} s (cpu {cpu_m:.3f}); goal: everything under 0.5 s"
        )


def _one_start_process(folder: Path, db: Path) -> tuple[float, float, float, float]:
    """:func:`_one_start` in a process of its own, as a start is: no thread, memory or
    collector state left by the measures before it (in this process, a first start at
    10,000 documents took twice its own time after the search's figures)."""
    done = subprocess.run(
        [sys.executable, __file__, "--one-start", str(folder), str(db)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    rows, rows_cpu, end, end_cpu = json.loads(done.stdout.splitlines()[-1])
    return rows, rows_cpu, end, end_cpu


async def _one_start(folder: Path, db: Path) -> tuple[float, float, float, float]:
    import gc

    from tui_reader.ui.app import ReaderApp
    from tui_reader.ui.screens.main import MainScreen
    from tui_reader.ui.widgets.library import Library

    gc.collect()
    gc.freeze()  # what was loaded so far left out of the collector's passes, as at a start
    start, cpu = time.perf_counter(), time.process_time()
    app = ReaderApp(folder, db, None)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, MainScreen) or not app.screen.query(Library):
            await asyncio.sleep(0.002)
        library = app.screen.query_one(Library)
        while not library.entries:
            await asyncio.sleep(0.002)
        # (not pilot.pause(): it waits for the app to be idle, after a first start's scan)
        rows, rows_cpu = time.perf_counter() - start, time.process_time() - cpu
        while not library.listed:  # (the first rows may be those the last start kept)
            await asyncio.sleep(0.002)
        keys, scanned = [e.key for e in library.entries], 0  # each read once: not all a poll
        while scanned < len(keys):
            entry = library.entry(keys[scanned])  # an entry is replaced when its facts come
            if entry is None or entry.readable or entry.error is not None:
                scanned += 1
            else:
                await asyncio.sleep(0.002)
        await pilot.pause()
        done, done_cpu = time.perf_counter() - start, time.process_time() - cpu
    return rows, rows_cpu, done, done_cpu


async def _search_figures(ctx: Context, word: str) -> list[tuple[float, float, float]]:
    """Seconds from asking the corpus search for ``word`` to its first hits listed and to its
    end: as soon as the app is up (the library scan still running, no text loaded yet), then
    once more on the same screen (the texts kept from the first search); and the CPU seconds
    of the whole app (every thread) meanwhile."""
    from tui_reader.ui.app import ReaderApp
    from tui_reader.ui.screens.corpus_search import CorpusSearchScreen
    from tui_reader.ui.screens.main import MainScreen

    figures = []
    app = ReaderApp(ctx.corpus, ctx.empty_db, None)
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, MainScreen):
            await pilot.pause(0.01)
        main = app.screen
        start, cpu = time.perf_counter(), time.process_time()
        screen = CorpusSearchScreen(main.workspace, word)
        app.push_screen(screen)
        for again in (False, True):
            if again:
                screen.results = None
                start, cpu = time.perf_counter(), time.process_time()
                screen._start(word)
            # Watched without Pilot's pause, which repaints the screen each time (every 5 ms
            # here: a load on the UI thread no user puts on it).
            while screen.results is None or not screen.results.hits:
                await asyncio.sleep(0.005)
            first = time.perf_counter() - start
            while screen.searching:
                await asyncio.sleep(0.02)
            figures.append((first, time.perf_counter() - start, time.process_time() - cpu))
    return figures


class Context:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.runs: int = args.runs
        self.timeout: float = args.timeout
        self.formats: list[str] = [f.strip() for f in args.formats.split(",") if f.strip()]
        self.work = work
        self.corpus = work / "corpus"
        self.db = work / "db" / "annotations.json"
        self.empty_db = work / "empty" / "annotations.json"
        self.cache = work / "cache"  # the commands' caches (facts, conversions): ours alone
        self._json_read: float | None = None
        self.json_read_cpu = 0.0  # its CPU seconds

    def json_read(self) -> float:
        """Seconds to read the database's JSON once (the goals allow that much on top)."""
        if self._json_read is None:  # as the commands' rows read it (the collector paused)
            self._json_read, self.json_read_cpu = json_read_once(self.db)
        return self._json_read

    def export_argv(self, db: Path, fmt: str, more: Sequence[str]) -> list[str]:
        out = self.work / "exports" / f"export-{uuid.uuid4().hex[:6]}.{fmt}"
        out.parent.mkdir(exist_ok=True)
        return [tui_reader(), "export", str(self.corpus), "--db", str(db), "--format", fmt,
                *more, "-o", str(out), "--force"]  # fmt: skip

    def clear_exports(self) -> None:
        """The exports written so far (hundreds of MB at 100,000 annotations) removed."""
        shutil.rmtree(self.work / "exports", ignore_errors=True)

    def median(self, measure: Callable[[], float | None]) -> float | None:
        values = [measure() for _ in range(self.runs)]
        if any(v is None for v in values):
            return None
        return statistics.median(v for v in values if v is not None)


MEASURES: dict[str, Callable[[Context], None]] = {
    "list": measure_list,
    "search": measure_search,
    "export": measure_export,
    "commands": measure_commands,
    "share": measure_share,
    "exchange": measure_exchange,
    "linear": measure_linear,
    "open": measure_terminal,
    "app": measure_app,
    "start": measure_start,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command")
    parser.add_argument("--keep", type=Path, help="build (and reuse) the corpus here")
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated measures")
    parser.add_argument(
        "--formats",
        default="",
        help='export: only these (comma-separated, as "csv,markdown --by tag"; all when empty)',
    )
    parser.add_argument("--one-start", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_start:  # one start measured in this process: its figures as JSON
        print(json.dumps(asyncio.run(_one_start(*args.one_start))))
        return 0
    sys.stdout.reconfigure(line_buffering=True)  # figures as they come, even into a file
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="tui-scale-"))
    ctx = Context(args, work)
    os.environ["TUI_READER_CACHE"] = str(ctx.cache)  # inherited by every command measured
    compile_package()
    try:
        start = time.perf_counter()
        build_corpus(ctx.corpus, args.docs)
        ctx.db.parent.mkdir(parents=True, exist_ok=True)
        ctx.empty_db.parent.mkdir(parents=True, exist_ok=True)
        build_database(ctx.corpus, ctx.db, args.docs, args.annotations)
        build_empty_database(ctx.empty_db)
        size = sum(p.stat().st_size for p in ctx.corpus.rglob("*.*")) / 1e6
        print(f"corpus: {args.docs:,} documents, {size:.0f} MB; database: {args.annotations:,} "
              f"annotations, {ctx.db.stat().st_size / 1e6:.0f} MB; built in "
              f"{time.perf_counter() - start:.0f} s; cores: {os.cpu_count()}")  # fmt: skip
        print(f"   {'measure':44} {'ours':>10}   {'anchor':36} {'':>10}  ratio")
        for name in args.only.split(","):
            MEASURES[name.strip()](ctx)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
