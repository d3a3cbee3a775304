"""Benchmark: what one app start costs, headless (``App.run_test``, as each app test starts
it), beside a bare Textual app showing the same text.

Run by hand:  .venv/bin/python bench/app_cost.py [--starts 8] [--rounds 3] [--against SRC]

Each case runs in a process of its own (imports paid once, outside the measure), N starts in a
row, and reports per start: CPU (``time.process_time``, every thread of the process), the full
layouts of a screen (``Screen._refresh_layout``), the nodes styled again after their mount
(``App.update_styles``: a class or a pseudo-class changed), the stylesheet's reparses
(``Stylesheet.reparse``) and its sources parsed (``textual.css.parse.parse`` runs, the parse
cache missed).  The cases:

- **bare**: ``bench/bare_app.py``'s app on the 5 KB text, until its first frame;
- **text**: ``tui-reader`` on a folder holding the 5 KB text (``bench/open.py``'s) and two
  more, until the text is shown, the library listed and scanned, no worker running (the
  tests' ``ready``);
- **codebook**: the same with a database of a few tagged passages, then ``T`` until the
  codebook shows the tags and their passages are placed;
- **keys**: on the text ready, ``j``/``k`` in turn (the caret moves in the view): CPU and
  layouts per key.

The cases take turns, each round in another order (a shared machine's load weighs on all
alike); medians over the rounds.  ``--against SRC``: tui-reader from another ``src`` folder
(``git archive REV src | tar -x -C DIR``) runs in the same turns, for a change's effect.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).parent))
from open import make_text  # the bench scripts beside this one

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App
    from textual.pilot import Pilot

SIZE = (120, 40)
KEY_PRESSES = 20
TAGS = ("militarization", "migration/deportation", "policy/border")


class Counters:
    """Counts calls of a few Textual methods by wrapping them on their classes (here, in the
    measuring process only)."""

    def __init__(self) -> None:
        from textual.app import App
        from textual.css import stylesheet
        from textual.screen import Screen

        self.counts = {"layouts": 0, "restyles": 0, "reparses": 0, "parses": 0}
        self._wrap(Screen, "_refresh_layout", "layouts")
        self._wrap(App, "update_styles", "restyles")
        self._wrap(stylesheet.Stylesheet, "reparse", "reparses")
        self._wrap(stylesheet, "parse", "parses")

    def _wrap(self, owner: Any, name: str, counter: str) -> None:
        real = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.counts[counter] += 1
            return real(*args, **kwargs)

        setattr(owner, name, counted)

    def snapshot(self) -> dict[str, int]:
        return dict(self.counts)


def make_folder(workdir: Path, *, tagged: bool) -> tuple[Path, Path, Path]:
    """A corpus of three texts (the first one of 5 KB, opened) and its database: empty, or
    with a passage per tag in the first text (``tagged``)."""
    corpus = workdir / "corpus"
    corpus.mkdir()
    path = corpus / "a-small.txt"
    path.write_text(make_text(5_000), encoding="utf-8")
    for n in (2, 3):
        (corpus / f"b-other-{n}.txt").write_text(make_text(3_000, seed=n), encoding="utf-8")
    db = workdir / "annotations.json"
    if tagged:
        from tui_reader.core.annotations.model import make_annotation
        from tui_reader.core.workspace import Workspace

        workspace = Workspace(corpus, db)
        try:
            key = workspace.key(path)
            document = workspace.document(key)
            for n, tag in enumerate(TAGS):
                start = 200 + 300 * n
                annotation = make_annotation(
                    key, document.text, start, start + 40, document.sha256, (tag,), ""
                )
                workspace.store.add(annotation)
        finally:
            workspace.store.close()
    return corpus, db, path


async def until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        await pilot.pause(0.01)


async def settled(app: App[Any]) -> None:
    from textual.worker import WorkerCancelled

    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return


async def ready(pilot: Pilot[Any]) -> Any:
    """The main screen once its text is shown, the library listed and scanned, no worker
    running (as the tests' ``helpers.app.ready``)."""
    from tui_reader.ui.screens.main import MainScreen

    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.is_mounted)
    screen = app.screen
    await until(
        pilot,
        lambda: (
            screen.reader.document is not None
            and not screen.pane.previewing
            and screen.library.listed
            and all(not e.loading for e in screen.library.entries)
        ),
    )
    await settled(app)
    await pilot.pause()
    return screen


async def one_start(case: str, workdir: Path) -> None:
    """One app start of ``case`` (see the module's docstring), ended."""
    if case == "bare":
        from bare_app import BareApp

        path = workdir / "corpus" / "a-small.txt"
        bare = BareApp(path)
        async with bare.run_test(size=SIZE) as pilot:
            await pilot.pause()
        return
    from tui_reader.ui.app import ReaderApp

    app = ReaderApp(
        workdir / "corpus", workdir / "annotations.json", workdir / "corpus" / "a-small.txt"
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        if case == "codebook":
            from tui_reader.ui.screens.codebook import CodebookScreen

            await pilot.press("T")
            await until(pilot, lambda: isinstance(app.screen, CodebookScreen))
            codebook = app.screen
            await until(pilot, lambda: not codebook.placing)  # type: ignore[attr-defined]
            await settled(app)
            await pilot.pause()


async def keys_cost(workdir: Path, counters: Counters) -> dict[str, float]:
    """CPU and layouts per ``j``/``k`` on the ready text (the key and its repaint)."""
    from tui_reader.ui.app import ReaderApp

    app = ReaderApp(
        workdir / "corpus", workdir / "annotations.json", workdir / "corpus" / "a-small.txt"
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        for _ in range(3):
            await pilot.press("j", "k")
        await pilot.pause(0.05)
        before, cpu = counters.snapshot(), time.process_time()
        for n in range(KEY_PRESSES):
            await pilot.press("j" if n % 2 == 0 else "k")
            await pilot.pause(0.02)
        cpu = time.process_time() - cpu
        after = counters.snapshot()
        # the same pauses without a key: the idle loop's share
        idle = time.process_time()
        for _ in range(KEY_PRESSES):
            await pilot.pause(0.02)
        idle = time.process_time() - idle
    return {
        "cpu_ms": (cpu - idle) / KEY_PRESSES * 1000,
        "layouts": (after["layouts"] - before["layouts"]) / KEY_PRESSES,
    }


def child(case: str, starts: int, workdir: Path) -> None:
    """Run in its own process: ``starts`` starts of ``case``, one warm-up first; prints the
    per-start figures as JSON."""
    import gc

    os.environ.setdefault("TUI_READER_CACHE", str(workdir / "cache"))
    counters = Counters()
    if case == "keys":
        asyncio.run(keys_cost(workdir, counters))  # warm-up
        print(json.dumps(asyncio.run(keys_cost(workdir, counters))))
        return
    asyncio.run(one_start(case, workdir))  # warm-up: imports, caches of this process
    gc.collect()
    before, cpu = counters.snapshot(), time.process_time()
    for _ in range(starts):
        asyncio.run(one_start(case, workdir))
    cpu = time.process_time() - cpu
    after = counters.snapshot()
    figures: dict[str, float] = {"cpu_ms": cpu / starts * 1000}
    for name in after:
        figures[name] = (after[name] - before[name]) / starts
    print(json.dumps(figures))


def run_child(case: str, starts: int, workdir: Path, source: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    argv = [sys.executable, __file__, "--child", case, "--starts", str(starts),
            "--workdir", str(workdir)]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"{case} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=8, help="app starts per process")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another src folder, in the same turns")
    parser.add_argument("--only", nargs="*", default=["bare", "text", "codebook", "keys"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.starts, args.workdir)
        return 0
    top = Path(tempfile.mkdtemp(prefix="tui-reader-app-cost-"))
    try:
        folders = {}
        for tagged in (False, True):
            folder = top / ("tagged" if tagged else "plain")
            folder.mkdir()
            make_folder(folder, tagged=tagged)
            folders[tagged] = folder
        runs: list[tuple[str, str, Path | None]] = []
        for case in args.only:
            runs.append((case, "this", None))
            if args.against is not None and case != "bare":
                runs.append((case, "against", args.against.resolve()))
        figures: dict[tuple[str, str], list[dict[str, float]]] = {}
        orders = list(itertools.permutations(range(len(runs))))
        for round_ in range(args.rounds):
            order = orders[(round_ * 7) % len(orders)] if len(runs) < 7 else range(len(runs))
            for index in order:
                case, label, source = runs[index]
                folder = folders[case == "codebook"]
                found = run_child(case, args.starts, folder, source)
                figures.setdefault((case, label), []).append(found)
        print(f"cores: {os.cpu_count()}; {args.starts} starts per process, median of "
              f"{args.rounds} rounds (tmux-less, headless {SIZE[0]}x{SIZE[1]})")  # fmt: skip
        for (case, label), found in figures.items():
            names = found[0].keys()
            shown = "  ".join(
                f"{name} {statistics.median(f[name] for f in found):.1f}" for name in names
            )
            cpu_runs = ", ".join(f"{f['cpu_ms']:.0f}" for f in found)
            print(f"   {case:9} {label:8} {shown}   (cpu_ms runs: {cpu_runs})")
        if ("bare", "this") in figures and ("text", "this") in figures:
            bare = statistics.median(f["cpu_ms"] for f in figures[("bare", "this")])
            for label in ("this", "against"):
                if ("text", label) in figures:
                    text = statistics.median(f["cpu_ms"] for f in figures[("text", label)])
                    print(f"   text start / bare start, CPU ({label}): {text / bare:.2f}x")
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
