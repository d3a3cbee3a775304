"""Benchmark: what each key costs at 50 MB, as the program itself sees it, beside the bare app.

Run by hand:  .venv/bin/python bench/keys.py [--size-mb 50] [--presses 20] [--rounds 1]
                                            [--against SRC]

``tui-reader FILE`` and the bare Textual app (``bench/bare_app.py``, the file's first megabyte
in a scrolling view) each run in a tmux window (120x40) through ``bench/paint_probe.py``
(marker ``-``), which logs each key as the input thread reads it and each frame written, with
the time and the process's CPU time.  Once the whole file has loaded (the log quiet), each
key of ``bench/open.py``'s pairs (``j``/``k``, ``space``/PageUp, ``G``/``g``) is pressed
PRESSES times, the two keys of a pair in turn, 0.15 s apart.  Per key, medians of:

- **to frame**: ms from the key read to the first frame written after it (the screen
  changing, without the terminal's share: ``bench/open.py`` measures that beside ``less``);
- **CPU**: ms of the process's CPU from the key read to the last frame written before the
  next key (the key's handling, every frame it drew, what ran between them);
- **bytes** written for the key;
- **frames**: the most frames written for one press of the key (1: the text and the status
  line changed in the same frame; more: something changed in a frame of its own after it).

``--rounds`` repeats the whole measure (the programs taking turns) and prints each round;
``--against SRC`` runs tui-reader from an earlier ``src`` folder too (``git archive REV src |
tar -x -C DIR``), for a change's effect under the same load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from open import KEY_PAIRS, kill_server, make_text, tmux  # the bench scripts beside this one

GAP = 0.15  # seconds between presses: every frame of a key is written before the next
TEXTUAL_KEY = {"Space": "space", "PPage": "pageup"}  # tmux's key names as Textual reads them


def run_program(
    program: list[str], workdir: Path, presses: int, source: Path | None = None
) -> list[tuple[str, float, float, int, int]]:
    """Run ``program`` (``paint_probe.py``'s arguments after OUT MARKER) and press the keys;
    per press: (key, ms to the first frame, CPU ms, bytes, frames).  ``source``: tui-reader's
    package imported from that ``src`` folder instead."""
    log = workdir / f"keys-{uuid.uuid4().hex[:8]}.log"
    probe = [sys.executable, str(Path(__file__).with_name("paint_probe.py")), str(log), "-"]
    name = f"bench-keys-{uuid.uuid4().hex[:8]}"
    env = [] if source is None else ["env", f"PYTHONPATH={source}"]
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40",
         "exec " + " ".join(_quote(c) for c in [*env, *probe, *program]))  # fmt: skip
    try:
        _wait_quiet(log)
        for _ in range(3):  # warm up
            for key in ("j", "k"):
                tmux("send-keys", "-t", name, key)
                time.sleep(GAP)
        start = log.stat().st_size
        for pair in KEY_PAIRS:
            for _ in range(presses):
                for key in pair:
                    tmux("send-keys", "-t", name, key)
                    time.sleep(GAP)
        time.sleep(0.5)
        lines = log.read_text(encoding="utf-8")[start:].splitlines()
    finally:
        tmux("kill-session", "-t", name)
    return _presses(lines)


def _wait_quiet(log: Path, quiet: float = 2.0, least: float = 8.0, timeout: float = 120.0) -> None:
    """Until the program has written a frame, ``least`` seconds have passed and nothing was
    written for ``quiet`` seconds (the whole file loaded, its figures shown)."""
    start = time.perf_counter()
    size, since = -1, time.perf_counter()
    while time.perf_counter() - start < timeout:
        now = log.stat().st_size if log.exists() else 0
        if now != size:
            size, since = now, time.perf_counter()
        elif size and time.perf_counter() - since >= quiet and time.perf_counter() - start >= least:
            return
        time.sleep(0.1)
    raise SystemExit(f"the program did not settle within {timeout:.0f} s ({log})")


def _presses(lines: list[str]) -> list[tuple[str, float, float, int, int]]:
    found: list[tuple[str, float, float, int, int]] = []
    key: tuple[str, float, float] | None = None
    first = last_cpu = 0.0
    written = frames = 0

    def close() -> None:
        if key is not None and written:
            found.append(
                (key[0], (first - key[1]) * 1000, (last_cpu - key[2]) * 1000, written, frames)
            )

    for line in lines:
        kind, when, cpu, what = line.split(" ", 3)
        if kind == "key":
            close()
            key, written, frames = (what, float(when), float(cpu)), 0, 0
        elif key is not None:
            if not written:
                first = float(when)
            last_cpu, written, frames = float(cpu), written + int(what), frames + 1
    close()
    return found


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--against", type=Path, help="another src folder (an earlier commit's), run in turn too"
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    workdir = Path(tempfile.mkdtemp(prefix="tui-reader-bench-keys-"))
    try:
        big = workdir / "big" / "big.txt"
        big.parent.mkdir()
        big.write_text(make_text(int(args.size_mb * 1_000_000)), encoding="utf-8")
        print(f"file {big.stat().st_size / 2**20:.1f} MB; {args.presses} presses a key, "
              f"{GAP * 1000:.0f} ms apart; medians")  # fmt: skip
        tmux("new-session", "-d", "-s", "keepalive-keys", "sleep 100000")
        for round_ in range(args.rounds):
            medians: dict[str, dict[str, tuple[float, float, float, int]]] = {}
            ours_db, their_db = (str(workdir / f"db-{n}-{round_}.json") for n in ("a", "b"))
            programs: list[tuple[str, list[str], Path | None]] = [
                ("tui-reader", ["tui-reader", str(big), "--db", ours_db], None),
                ("bare app", ["bare", str(big), "1000000"], None),
            ]
            if args.against is not None:
                programs.append(
                    ("against", ["tui-reader", str(big), "--db", their_db], args.against)
                )
            for program, argv, source in programs:
                presses = run_program(argv, workdir, args.presses, source)
                per_key: dict[str, list[tuple[str, float, float, int, int]]] = {}
                for press in presses:
                    per_key.setdefault(press[0], []).append(press)
                medians[program] = {
                    key: (
                        statistics.median(p[1] for p in found),
                        statistics.median(p[2] for p in found),
                        statistics.median(p[3] for p in found),
                        max(p[4] for p in found),
                    )
                    for key, found in per_key.items()
                }
            print(f"\n== round {round_ + 1}: key -> first frame ms / CPU ms / bytes / most frames")
            keys = [TEXTUAL_KEY.get(key, key) for pair in KEY_PAIRS for key in pair]
            for program, figures in medians.items():
                shown = "  ".join(
                    f"{key} {figures[key][0]:.1f}/{figures[key][1]:.1f}/{figures[key][2]:.0f}"
                    f"/{figures[key][3]}"
                    for key in keys
                    if key in figures
                )
                print(f"   {program:10} {shown}")
            ours, bare = medians["tui-reader"], medians["bare app"]
            ratios = "  ".join(
                f"{key} {ours[key][0] / bare[key][0]:.2f}x/{ours[key][1] / bare[key][1]:.2f}x"
                for key in keys
                if key in ours and key in bare
            )
            print(f"   tui-reader / bare app (to frame / CPU): {ratios}")
            if "against" in medians:
                theirs = medians["against"]
                ratios = "  ".join(
                    f"{key} {ours[key][0] / theirs[key][0]:.2f}x"
                    f"/{ours[key][1] / theirs[key][1]:.2f}x"
                    for key in keys
                    if key in ours and key in theirs
                )
                print(f"   tui-reader / against (to frame / CPU): {ratios}")
    finally:
        kill_server()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
