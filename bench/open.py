"""Benchmark: open a 5 KB and a 50 MB document, beside ``less``; CPU per motion; memory.

Run by hand:  .venv/bin/python bench/open.py [--size-mb 50] [--runs 3] [--wide] [--first-screen]
                                            [--against SRC] [--memory]

``--wide`` writes the texts with curly apostrophes (’, beyond Latin-1: Python keeps such a
text at two bytes a character); ``--first-screen`` measures only the small file's first
screen beside the bare Textual app.

0. First screen, CPU: ``tui-reader FILE`` and the bare Textual app (``bench/bare_app.py``),
   taking turns (each order of them in turn) in a tmux window (120x40), each through
   ``bench/paint_probe.py``: the CPU time of the process from its interpreter's start to the
   frame that shows the document (steadier than wall time on a shared machine), median of at
   least 11.  The database exists (the
   unmeasured first round makes it), as when a document is opened again.  ``--against SRC``:
   an earlier ``src`` folder (``git archive REV src | tar -x -C DIR``) takes the same turns.
1. First screen, in a real terminal: ``tui-reader FILE`` and ``less FILE`` are started in a
   tmux session (120x40); the time is from starting the session until ``tmux capture-pane``
   shows the document's first line.  Ratios matter (the machine is shared and noisy).
2. Memory: VmRSS / VmHWM of the tui-reader process once the whole document has loaded.
   ``--memory``: only the peak, median of the runs, taking turns with ``--against SRC``.
3. CPU per action at 50 MB, in-process (``App.run_test``): ``time.process_time`` around the
   action plus rendering every visible line, median of repeats.
4. CPU per key at 50 MB, through the whole app (key event, action, messages, the screen's
   repaint): ``time.process_time`` over 200 presses (each followed by a 20 ms pause that lets
   the screen repaint) minus the same pauses without a key, per press: ``j``/``k`` in turn
   (the caret moves within the view) and ``space`` (a new page).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot

MARKER = "A document to read"
WORDS = (  # noqa: SIM905 - a word list reads best as words
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if so "
    "no will more migrants border security Mexico government Pentagon conference plan military"
).split()


def make_text(size: int, seed: int = 7, *, wide: bool = False) -> str:
    """Prose of about ``size`` code points: paragraphs of sentences, a title line first;
    ``wide``: with a curly apostrophe (U+2019) in every paragraph or so."""
    rng = random.Random(seed)
    parts = [MARKER]
    total = len(MARKER)
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 10)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 24)))
            sentences.append(words.capitalize() + ".")
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    text = "\n\n".join(parts)[:size] + "\n"
    return text.replace(" Pentagon ", " Pentagon\u2019s ") if wide else text


def tui_reader_command() -> str:
    script = Path(sys.executable).with_name("tui-reader")
    if not script.exists():
        raise SystemExit(f"no tui-reader console script beside {sys.executable}")
    return str(script)


SOCKET = f"bench-open-{uuid.uuid4().hex[:8]}"  # a tmux server of our own


def tmux(*args: str) -> str:
    # COLUMNS/LINES in the environment would override the pane's size in the app.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    argv = ["tmux", "-L", SOCKET, "-f", "/dev/null", *args]
    return subprocess.run(argv, capture_output=True, text=True, check=False, env=env).stdout


def kill_server() -> None:
    """End our tmux server and remove its socket, which tmux leaves behind: a file in the
    user's tmux folder for every run of a bench otherwise."""
    socket = tmux("display-message", "-p", "#{socket_path}").strip()
    tmux("kill-server")
    if socket.endswith(SOCKET):
        for _ in range(50):  # the server removes nothing; wait for it to have ended
            if subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "has-session"],
                              capture_output=True, check=False).returncode != 0:  # fmt: skip
                break
            time.sleep(0.02)
        Path(socket).unlink(missing_ok=True)


def first_screen(command: list[str], marker: str, timeout: float = 60.0) -> tuple[float, int]:
    """Seconds until ``marker`` is on screen, and the pid of the command."""
    name = f"bench-open-{uuid.uuid4().hex[:8]}"
    shell = "exec " + " ".join(_quote(c) for c in command)
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell)
    try:
        pid = int(tmux("display", "-p", "-t", name, "#{pane_pid}").strip() or 0)
        while time.perf_counter() - start < timeout:
            if marker in tmux("capture-pane", "-p", "-t", name):
                return time.perf_counter() - start, pid
            time.sleep(0.005)
        screen = tmux("capture-pane", "-p", "-t", name)
        raise SystemExit(f"timed out waiting for {marker!r} from {command}:\n{screen}")
    finally:
        _LAST_SESSION[:] = [name]


_LAST_SESSION: list[str] = []


def end_session() -> None:
    for name in _LAST_SESSION:
        tmux("kill-session", "-t", name)
    _LAST_SESSION.clear()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def memory_of(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MB."""
    values = {"VmRSS": 0.0, "VmHWM": 0.0}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key = line.split(":")[0]
        if key in values:
            values[key] = int(line.split()[1]) / 1024
    return values["VmRSS"], values["VmHWM"]


# Each key of a pair undoes the other; tmux's key names.  A page back is PageUp, which
# tui-reader, less and the bare app all read so (tui-reader's `b` is a word back, as in vim).
KEY_PAIRS = (("j", "k"), ("Space", "PPage"), ("G", "g"))


def key_latency(session: str, key: str, timeout: float = 5.0) -> float | None:
    """Seconds from sending ``key`` to the screen changing (a capture every ms or so);
    None when it did not change within ``timeout``."""
    before = tmux("capture-pane", "-p", "-t", session)
    start = time.perf_counter()
    tmux("send-keys", "-t", session, key)
    while time.perf_counter() - start < timeout:
        if tmux("capture-pane", "-p", "-t", session) != before:
            return time.perf_counter() - start
    return None


def measure_keys_in_terminal(session: str, program: str, presses: int) -> dict[str, float]:
    """Median seconds from key to screen for each key of :data:`KEY_PAIRS`."""
    found: dict[str, list[float]] = {}
    for pair in KEY_PAIRS:
        for _ in range(presses):
            for key in pair:
                seconds = key_latency(session, key)
                if seconds is not None:
                    found.setdefault(key, []).append(seconds)
                time.sleep(0.05)
    medians = {key: statistics.median(times) for key, times in found.items()}
    shown = "  ".join(f"{key} {seconds * 1000:.0f}" for key, seconds in medians.items())
    print(f"   keys to the screen changing, {program} (median ms of {presses}): {shown}")
    return medians


def taking_turns(programs: list[str], run: int) -> list[str]:
    """The order of ``programs`` in round ``run``: each order in turn.  A program started just
    after another measures differently from one started after a third (after a tui-reader
    run, 10-25 ms more CPU at a load of 4), so no program keeps one place or one predecessor."""
    orders = list(itertools.permutations(programs))
    return list(orders[run % len(orders)])


def compile_package(other: Path | None = None) -> None:
    """Compile tui-reader's modules, as an install does: with PYTHONDONTWRITEBYTECODE set (or
    an editable checkout freshly changed) each start would compile them from source, which
    the bare app's Textual, compiled when installed, does not pay (``other``: a ``src``
    folder too)."""
    import compileall

    import tui_reader

    compileall.compile_dir(Path(tui_reader.__file__).parent, quiet=1)
    if other is not None:
        compileall.compile_dir(other, quiet=1)


def first_screen_cpu(
    program: list[str], workdir: Path, timeout: float = 60.0, source: Path | None = None
) -> float:
    """CPU seconds of ``program`` (``bench/paint_probe.py``'s arguments after OUT MARKER) from
    its interpreter's start to the frame that shows the document, in a tmux window;
    ``source``: tui-reader's package imported from that ``src`` folder instead."""
    out = workdir / f"cpu-{uuid.uuid4().hex[:8]}"
    probe = [sys.executable, str(Path(__file__).with_name("paint_probe.py")), str(out), MARKER]
    name = f"bench-cpu-{uuid.uuid4().hex[:8]}"
    env = [] if source is None else ["env", f"PYTHONPATH={source}"]
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40",
         "exec " + " ".join(_quote(c) for c in [*env, *probe, *program]))  # fmt: skip
    try:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if out.exists() and out.read_text(encoding="utf-8").endswith("\n"):
                return float(out.read_text(encoding="utf-8"))
            time.sleep(0.01)
        raise SystemExit(f"timed out waiting for the first screen of {program}")
    finally:
        tmux("kill-session", "-t", name)


def measure_first_screen_cpu(
    path: Path, runs: int, workdir: Path, against: Path | None = None
) -> None:
    """The first screen's CPU, tui-reader beside the bare app, taking turns (see the docstring
    of ``bench/paint_probe.py``): steadier than wall time on a shared machine.  ``against``:
    another ``src`` folder (an earlier commit's, ``git archive REV src | tar -x -C DIR``)
    runs in the same turns, for a change's effect measured under the same load."""
    compile_package(against)
    tmux("new-session", "-d", "-s", "keepalive-cpu", "sleep 100000")
    programs: dict[str, Path | None] = {"tui-reader": None, "bare app": None}
    if against is not None:
        programs["tui-reader (against)"] = against
    figures: dict[str, list[float]] = {program: [] for program in programs}
    for run in range(-1, runs):
        for program in taking_turns(list(programs), run):
            source = programs[program]
            # One database per program, made by the unmeasured first round: a document is
            # opened again far more often than a database is made.
            db = str(workdir / f"db-cpu-{program[-3:]}.json")
            argv = (
                ["bare", str(path)]
                if program == "bare app"
                else ["tui-reader", str(path), "--db", db]
            )
            seconds = first_screen_cpu(argv, workdir, source=source)
            if run >= 0:  # one round first warms the disk cache
                figures[program].append(seconds)
    tmux("kill-session", "-t", "keepalive-cpu")
    print(f"\n== CPU from the interpreter's start to the document on screen (tmux 120x40), "
          f"median of {runs}")  # fmt: skip
    for program, found in figures.items():
        print(f"   {program:10} {statistics.median(found) * 1000:6.0f} ms  "
              f"(runs: {', '.join(f'{s * 1000:.0f}' for s in found)})")  # fmt: skip
    bare = statistics.median(figures["bare app"])
    for program in programs:
        if program != "bare app":
            ratio = statistics.median(figures[program]) / bare
            print(f"   first screen CPU, {program} / bare Textual app: {ratio:.2f}x")
    if against is not None:
        theirs, ours = figures["tui-reader (against)"], figures["tui-reader"]
        paired = [a - b for a, b in zip(theirs, ours, strict=True)]
        print(f"   against - this, paired by turn: median {statistics.median(paired) * 1000:.1f} "
              f"ms, this one faster in {sum(d > 0 for d in paired)} of {len(paired)}")  # fmt: skip


def measure_memory(path: Path, runs: int, workdir: Path, against: Path | None) -> None:
    """The peak resident memory (VmHWM) of ``tui-reader FILE`` once the whole file has loaded
    (its resident memory steady for 2 s), median of ``runs``; ``against``: an earlier ``src``
    folder taking turns with this one (each order in turn)."""
    compile_package(against)
    size = path.stat().st_size / 2**20
    programs = ["tui-reader", *(["tui-reader (against)"] if against is not None else [])]
    peaks: dict[str, list[float]] = {program: [] for program in programs}
    print(f"\n== peak memory of the big file ({size:.1f} MB), median of {runs} runs")
    tmux("new-session", "-d", "-s", "keepalive", "sleep 100000")
    for run in range(runs):
        for program in taking_turns(programs, run):
            # both started alike, the one against from its own src (the console script's
            # imports are this checkout's)
            env = ["env", f"PYTHONPATH={against}"] if program.endswith("(against)") else []
            start = [*env, sys.executable, "-m", "tui_reader"]
            db = workdir / f"db-memory-{run}-{len(env)}.json"
            _, pid = first_screen([*start, str(path), "--db", str(db)], MARKER)
            steady, last = 0.0, -1.0
            while steady < 2.0:
                time.sleep(0.5)
                rss, hwm = memory_of(pid)
                steady = steady + 0.5 if rss == last else 0.0
                last = rss
            peaks[program].append(hwm)
            end_session()
    for program, figures in peaks.items():
        peak = statistics.median(figures)
        print(f"   {program:22} peak {peak:.1f} MB = {peak / size:.3f}x the file "
              f"(runs: {', '.join(f'{f:.1f}' for f in figures)})")  # fmt: skip


def measure_terminal(files: dict[str, Path], runs: int, workdir: Path, *, big: bool = True) -> None:
    command = tui_reader_command()
    compile_package()
    results: dict[str, list[float]] = {}
    keys: dict[str, dict[str, float]] = {}
    print("\n== first screen in a real terminal (tmux 120x40), median of", runs, "runs")
    # A session that lives through the whole measure: a tmux server whose last session ends
    # exits, and a session started meanwhile can be lost.
    tmux("new-session", "-d", "-s", "keepalive", "sleep 100000")
    for label, path in files.items():
        if label == "big" and not big:
            continue
        # The bare Textual app (bench/bare_app.py) is the first screen's anchor, and the keys'
        # (its view scrolls: each key draws a new screen of text, Textual's own floor); on the
        # big file it shows the first megabyte (a 50 MB Static would measure Rich's wrapping).
        programs = ("tui-reader", "bare app", "less")
        times: dict[str, list[float]] = {program: [] for program in programs}
        # Runs take turns (one of each program, then again, in each order in turn), so a load
        # on the shared machine weighs on every program alike; one unmeasured round first
        # warms the disk cache.
        for run in range(-1, runs):
            for program in taking_turns(list(programs), run):
                # The small file: one database, made by the first round (as for the CPU); the
                # big file's keys move the caret, whose saved place a later run would open at.
                db = workdir / (f"db-{label}-{run}.json" if label == "big" else "db-small.json")
                argv = {
                    "tui-reader": [command, str(path), "--db", str(db)],
                    "bare app": [sys.executable, str(Path(__file__).with_name("bare_app.py")),
                                 str(path), *(["1000000"] if label == "big" else [])],
                    "less": ["less", str(path)],
                }[program]  # fmt: skip
                seconds, pid = first_screen(argv, MARKER)
                if run >= 0:
                    times[program].append(seconds)
                if label == "big" and run == runs - 1:
                    time.sleep(8 if program == "tui-reader" else 1)  # the whole file loads
                    keys[program] = measure_keys_in_terminal(_LAST_SESSION[0], program, 10)
                if program == "tui-reader" and run == runs - 1:
                    rss, hwm = memory_of(pid)
                    size = path.stat().st_size / 2**20
                    ratio = (
                        f" = {rss / size:.2f}x the file, peak {hwm / size:.2f}x" if size > 1 else ""
                    )
                    print(f"   memory {label}: file {size:.2f} MB, RSS {rss:.0f} MB, "
                          f"peak {hwm:.0f} MB{ratio}")  # fmt: skip
                end_session()
        for program in programs:
            results[f"{program} {label}"] = runs_of = times[program]
            print(f"   {program:10} {label:6} {statistics.median(runs_of) * 1000:8.0f} ms  "
                  f"(runs: {', '.join(f'{t * 1000:.0f}' for t in runs_of)})")  # fmt: skip
    ours, bare = (statistics.median(results[f"{p} small"]) for p in ("tui-reader", "bare app"))
    print(f"   first screen of the small file, tui-reader / bare Textual app: {ours / bare:.2f}x")
    for program in ("tui-reader", "less"):
        if f"{program} big" not in results:
            continue
        small = statistics.median(results[f"{program} small"])
        large = statistics.median(results[f"{program} big"])
        print(f"   {program}: big/small = {large / small:.2f}x")
    size = files["big"].stat().st_size / 2**20
    for anchor in ("less", "bare app"):
        if "tui-reader" in keys and anchor in keys:
            ratios = "  ".join(
                f"{key} {keys['tui-reader'][key] / keys[anchor][key]:.1f}x"
                for key in keys[anchor]
                if key in keys["tui-reader"]
            )
            print(f"   keys at {size:.0f} MB, tui-reader / {anchor}: {ratios}")


async def measure_cpu(path: Path, workdir: Path) -> None:
    from tui_reader.core.documents.document import load_document
    from tui_reader.core.search.hits import find_hits
    from tui_reader.reading.layout import Layout
    from tui_reader.ui.app import ReaderApp
    from tui_reader.ui.screens.main import MainScreen

    print(f"\n== in-process, {path.stat().st_size / 2**20:.0f} MB")
    start = time.perf_counter()
    document = load_document(path)
    print(f"   load_document (lead's core.document): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    Layout(document.text, 80)
    print(f"   Layout(text, 80) at open: {(time.perf_counter() - start) * 1000:.1f} ms")
    for query in ("the", "Pentagon", "zebra"):
        start = time.perf_counter()
        hits = find_hits(document.text, query)
        print(f"   search {query!r} (in a worker): {len(hits):,} hits in "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip
    del document

    app = ReaderApp(path.parent, workdir / "db-cpu.json", path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        while screen.pane.previewing or screen.reader.document is None:
            await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        reader = screen.reader
        reader.focus()
        await pilot.pause()

        print("   CPU per action incl. rendering the visible lines (median ms):")
        from tui_reader.ui.keymap import KEYMAP  # the actions as the keys run them

        action_of = {key.id.removeprefix("reader."): key.action for key in KEYMAP["reader"]}
        for name, repeat in [
            ("bottom", 5), ("top", 5), ("page_down", 20), ("page_up", 10), ("line_down", 50),
            ("line_up", 20), ("char_right", 50), ("word_next", 50), ("sentence_next", 30),
            ("paragraph_next", 30), ("paragraph_previous", 20),
        ]:  # fmt: skip
            action = action_of[name]
            # Run actions through the app loop so messages are processed too.
            samples = []
            for _ in range(repeat):
                begin = time.process_time()
                await reader.run_action(action)
                for y in range(reader.size.height):
                    reader.render_line(y)
                samples.append(time.process_time() - begin)
            print(f"     {name:20} {statistics.median(samples) * 1000:7.2f}   "
                  f"max {max(samples) * 1000:7.2f}")  # fmt: skip
        await measure_keys(pilot)


async def measure_keys(pilot: Pilot[int], presses: int = 200, pause: float = 0.02) -> None:
    """CPU of one key press through the whole app, repaint included (see the docstring):
    ``j``/``k`` in turn move the caret within the view; ``space`` turns the page (everything
    on screen is drawn again)."""
    for _ in range(10):  # warm up caches and the compositor
        await pilot.press("j", "k")
        await pilot.pause(pause)
    figures: dict[str, list[float]] = {"idle": [], "j/k": [], "space": []}
    for _round in range(3):
        for name in figures:
            begin = time.process_time()
            for n in range(presses):
                if name == "j/k":
                    await pilot.press("j" if n % 2 == 0 else "k")
                elif name == "space":
                    await pilot.press("space")
                await pilot.pause(pause)
            figures[name].append(time.process_time() - begin)
    idle = statistics.median(figures["idle"])
    print(f"   CPU per key through the app, repaint included ({presses} presses, median of 3):")
    for name in ("j/k", "space"):
        per_key = (statistics.median(figures[name]) - idle) / presses
        print(f"     {name:20} {per_key * 1000:7.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-terminal", action="store_true")
    parser.add_argument("--wide", action="store_true", help="text beyond Latin-1 (’)")
    parser.add_argument(
        "--first-screen", action="store_true", help="only the small file's first screen"
    )
    parser.add_argument(
        "--against", type=Path, help="another src folder, its first screen measured in turns"
    )
    parser.add_argument(
        "--memory", action="store_true", help="only the big file's peak memory (and --against)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tui-reader-bench-"))
    try:
        files = {}
        big_size = 0 if args.first_screen else int(args.size_mb * 1_000_000)
        for label, size in (("small", 5_000), ("big", big_size)):
            folder = workdir / label
            folder.mkdir()
            files[label] = folder / f"{label}.txt"
            files[label].write_text(make_text(size, wide=args.wide), encoding="utf-8")
        print(f"files: small {files['small'].stat().st_size} B, big "
              f"{files['big'].stat().st_size / 2**20:.1f} MB; cores: {os.cpu_count()}")  # fmt: skip
        if args.memory:
            measure_memory(files["big"], args.runs, workdir, args.against)
        elif not args.skip_terminal:
            if shutil.which("tmux") is None or shutil.which("less") is None:
                print("tmux and less are needed for the terminal measure; skipped")
            else:
                measure_first_screen_cpu(files["small"], max(args.runs, 11), workdir, args.against)
                measure_terminal(files, args.runs, workdir, big=not args.first_screen)
        if not args.first_screen and not args.memory:
            asyncio.run(measure_cpu(files["big"], workdir))
    finally:
        end_session()
        kill_server()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
