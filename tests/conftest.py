"""Fixtures shared by every test: temporary copies of the seed corpus and database, the app
on such a copy, a few tagged passages.  Helpers the tests import live in ``helpers/``."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from time import monotonic, process_time

import pytest
import textual.app
from helpers import SEED_CORPUS, SEED_DB, conversions
from helpers.app import AppFactory, relay_busy
from helpers.passages import Annotated, annotate
from hypothesis import settings

from tui_reader.core.store import journal
from tui_reader.core.store.caller import LOCK_WAIT, ORIGIN
from tui_reader.ui.app import ReaderApp

# The program's modules are compiled once and kept (``__pycache__``, which git ignores) even
# where the environment says to write no bytecode (PYTHONDONTWRITEBYTECODE): else every
# ``tui-reader`` a test starts, and every process started for a conversion, compiled the
# program's modules from their source again (~0.15 s of CPU each, hundreds of times a run).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# Property tests try the same examples at every run of the suite (``suite``: derandomized,
# no saved examples, no deadline on a loaded machine), so what passed here passes in CI.
# The same at each run, they find no new case there: the suite tries 30 in 100 of a test's
# number (``helpers.examples``; 30 for a test naming none).  Looking for new counterexamples
# is a run of its own: ``--hypothesis-profile=explore`` (fresh examples, ten times a test's
# number; a failure prints the blob that replays it).
settings.register_profile("suite", max_examples=30, derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile("suite")


# What the run has loaded once its tests are collected (the program's modules, Textual's, the
# tests' own: some 70,000 objects) lives as long as the run, and every full pass of the cyclic
# collector went over all of it again: a tenth of an app test's CPU was the collector's, and
# two fifths of that these passes.  It is frozen out of them (``gc.freeze``), as the program
# freezes the modules it loaded as it starts (``cli/start.py``); what each test makes is
# collected as before, and what a test leaves that lives on is frozen after it too, as is all
# again after a test that unfroze everything (to undo what the program froze).  A full pass
# after each test costs little: nearly all is frozen.  Asking the collector first whether the
# frozen had dwindled (``gc.get_freeze_count``, which walks every frozen object: 8 ms at a
# worker's 700,000, twice a test) was a quarter of a unit test's CPU.


def _freeze_what_lives() -> None:
    gc.collect()
    gc.freeze()


def pytest_configure(config: pytest.Config) -> None:
    """Before xdist starts its workers (``-n``), the test files not yet rewritten for pytest's
    assertions are rewritten and compiled once, by two processes collecting half each: else
    every worker did it on its own in a fresh clone before its first test (four workers on two
    cores: 53 s each against 12 s once done).  Nothing depends on it: a worker rewrites what it
    finds undone."""
    config.addinivalue_line("markers", conversions.MARKER)
    if getattr(config, "workerinput", None) is not None or not config.getoption(
        "numprocesses", default=None
    ):
        return
    tag = f"{sys.implementation.cache_tag}-pytest-{pytest.__version__}.pyc"
    undone = []
    for arg in config.args or [str(Path(__file__).parent)]:
        where = Path(arg.split("::")[0])
        files = [where] if where.is_file() else sorted(where.rglob("test_*.py"))
        for file in files:
            pyc = file.parent / "__pycache__" / f"{file.stem}.{tag}"
            if not pyc.exists() or pyc.stat().st_mtime < file.stat().st_mtime:
                undone.append(str(file))
    if len(undone) < 20:
        return
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"]
    command += ["-p", "no:cacheprovider", "-o", "addopts=--import-mode=importlib"]
    halves = [
        subprocess.Popen(
            [*command, *undone[i::2]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for i in range(2)
    ]
    for half in halves:
        with contextlib.suppress(subprocess.TimeoutExpired):
            half.wait(timeout=300)
        half.kill()


def pytest_collection_finish(session: pytest.Session) -> None:
    _freeze_what_lives()


@pytest.fixture(autouse=True)
def _loaded_kept_frozen() -> Iterator[None]:
    yield
    _freeze_what_lives()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of docs_corpus/ in tmp_path (tests never touch the repo's own files)."""
    target = tmp_path / "docs_corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture
def db_copy(tmp_path: Path) -> Path:
    """A copy of the repo's annotations.json in tmp_path."""
    target = tmp_path / "annotations.json"
    shutil.copyfile(SEED_DB, target)
    return target


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a database file read-only the way a user meets it: no write permission.  Root
    ignores permissions, so there the permission check is made to answer as it would."""

    def make(db: Path) -> None:
        db.chmod(0o444)
        if os.geteuid() == 0:
            real_access = os.access

            def access(path: object, mode: int, **kwargs: object) -> bool:
                if mode & os.W_OK:
                    return False
                return real_access(path, mode)  # type: ignore[arg-type]

            monkeypatch.setattr(journal.os, "access", access)

    return make


@pytest.fixture(autouse=True)
def _store_policy_restored() -> Iterator[None]:
    """The store's policy for the code running (``LOCK_WAIT``, ``ORIGIN``) is the same after a
    test as before it: the app sets its own for its whole process (``ReaderApp.__init__``),
    and an app made outside a task left it set for every later test in the same worker (a
    command's test that it leaves none behind failed after the lock-wait tests)."""
    wait, origin = LOCK_WAIT.get(), ORIGIN.get()
    yield
    LOCK_WAIT.set(wait)
    ORIGIN.set(origin)


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the tests' own process, ``fsync`` and ``fdatasync`` return at once: each waited
    for the disk (4.6 ms each, some 18 a command's test, the disk's journal shared by the
    run's workers) and no test can see what they add (a power cut).  The tests of the order
    of writes and syncs, of a sync failing and of a write cut part-way patch them again for
    their own run; ``tui-reader`` processes the tests start sync as the program does."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    monkeypatch.setattr(os, "fdatasync", lambda fd: None)


@pytest.fixture(autouse=True)
def fixed_coder(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test codes as ``tester`` (not the login name of whoever runs the suite)."""
    monkeypatch.setenv("TUI_READER_CODER", "tester")
    return "tester"


@pytest.fixture(scope="session")
def _fresh_folder(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A new folder named ``name``, a dash and a number, under one folder made once for the run:
    ``mktemp`` looks through every folder made before it in the run's temporary folder to
    number a new one, thousands by the end of a run, and a test's set-up grew with the tests
    run before it (50 ms and more late in a run)."""
    base = tmp_path_factory.mktemp("tests")
    numbers = itertools.count()

    def fresh(name: str) -> Path:
        folder = base / f"{name}-{next(numbers)}"  # no name holds a "-": never one made
        folder.mkdir()
        return folder

    return fresh


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, _fresh_folder: Callable[[str], Path]) -> Path:
    """A folder of the test's own, named after it as pytest's ``tmp_path`` is, made at once."""
    return _fresh_folder(re.sub(r"\W", "_", request.node.name)[:30])


@pytest.fixture(autouse=True)
def conversion_cache(_fresh_folder: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test converts into a cache folder of its own, never the user's."""
    folder = _fresh_folder("cache")
    monkeypatch.setenv("TUI_READER_CACHE", str(folder))
    return folder


@pytest.fixture(autouse=True)
def state_folder(_fresh_folder: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps what the app keeps for its next start (the theme, the export's
    choices) in a folder of its own, never the user's."""
    folder = _fresh_folder("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def make_app(corpus_copy: Path, tmp_path: Path) -> AppFactory:
    """``make_app(*, corpus=None, open_file=None, db=None, measure=80)`` -> a ReaderApp on a
    copy of docs_corpus and a fresh database in tmp_path."""

    def factory(
        *,
        corpus: Path | None = None,
        open_file: Path | None = None,
        db: Path | None = None,
        measure: int = 80,
    ) -> ReaderApp:
        return ReaderApp(
            corpus or corpus_copy, db or tmp_path / "annotations.json", open_file, measure=measure
        )

    return factory


@pytest.fixture
def annotated(corpus_copy: Path, tmp_path: Path) -> Annotated:
    """A corpus copy with the few tagged passages of ``helpers.passages``."""
    db = tmp_path / "annotations.json"
    return Annotated(corpus_copy, db, annotate(corpus_copy, db))


KEY_NAP = 0.01  # seconds: Textual's idle test after each key a test presses naps 0.02 s
IDLE_CPU = 0.001  # seconds of CPU in a nap under which the process is idle, as in Textual


async def _idle_after_key(min_sleep: float = 0, max_sleep: float = 1) -> None:
    """Textual's test of idleness (``textual._wait.wait_for_idle``) with naps of 10 ms: the
    process is idle once it used under a twentieth of a nap's time in CPU during the nap, and
    the app's key relay neither holds keys nor sends them on (``helpers.app.relay_busy``), both
    within ``max_sleep``.  A key typed right after one that opens or closes a screen waits in
    the relay until the new screen has the focus and goes on at the relay's next look (a
    timer): on a loaded machine the process could look idle before that look, and a test
    read the app before the key had done anything (a key held on purpose waits the bound
    out, then the test goes on as before)."""
    start = monotonic()
    while True:
        cpu = process_time()
        await asyncio.sleep(KEY_NAP)
        elapsed = monotonic() - start
        if elapsed >= max_sleep:
            return
        if elapsed > min_sleep and process_time() - cpu < IDLE_CPU and not relay_busy():
            return


@pytest.fixture(autouse=True)
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key pressed by a test waits for the app with naps of 10 ms, not 20.

    ``Pilot.press`` waits after every key for the process to look idle (twice a key, each at
    least one nap) and then for every widget to have handled the messages it had (the real
    synchronisation): the naps alone made each key cost 40 ms when the app was done in one.
    With naps of 10 ms a key still waits for as long as the app works (the same test of
    idleness, as strict), and a redraw (a 60th of a second after a change) still comes within
    a key's two naps.  Only the keys' naps are shortened (``_press_keys`` is the one user of
    ``wait_for_idle`` in ``textual.app``): ``pilot.pause()`` naps as Textual does.  What runs
    in a thread, a timer or a chain of later calls was never covered by the naps: a test
    waits for it with ``helpers.app.wait_until`` or ``workers_done``."""
    monkeypatch.setattr(textual.app, "wait_for_idle", _idle_after_key)
