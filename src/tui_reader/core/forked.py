"""A second process for the second half of a command's reading of many files.

With a core free, a command that reads thousands of files (``list``'s first run, a first
``search``, agreement's first cut into sentences, an export once every file was touched)
gets done in about half the time when a forked copy of it reads the second half; a CSV export
of a hundred thousand annotations has one write the second half of its rows (:func:`in_two`).
(A W3C or Markdown export's half was tried too: its copy's results, 75 MB handed back, and
the pages a copy writes as it counts references to the parent's objects, took what the second
core gave.)  The copy
hands back what it found through a temporary file; if it fails in any way, the command reads
that half itself, so nothing depends on it.  Only a command forks (:data:`FORKING`, set by
the command line for a subcommand's run): never the app, whose threads a copy would not
have.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Generic, NoReturn, TypeVar

from tui_reader.core.store.caller import FORKING

T = TypeVar("T")
R = TypeVar("R")


def core_free() -> bool:
    """Whether this is a command (:data:`FORKING`) and a second core is there and not
    taken by others' work now (when it is, a second process makes the work no sooner and
    costs a tenth more).  "Now" is what the system runs at this moment where it says so
    (:func:`running_now`): the last minute's average load still counts work that ended
    seconds ago (a command run right after a build never forked), and work that just began
    not at all; elsewhere, that average."""
    if not FORKING.get() or not hasattr(os, "fork"):
        return False
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    if cores < 2:
        return False
    running = running_now()
    if running is not None:
        return running < cores  # this process and fewer others than the cores left
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return load < cores


LOADAVG = "/proc/loadavg"  # Linux: "0.20 0.52 0.33 1/95 1729", the fourth field's first number


def running_now(looks: int = 3) -> int | None:
    """How many tasks the system runs at this moment, this one among them (Linux's
    ``/proc/loadavg``), the least of ``looks`` looks a moment apart (a shell's command
    started and ended between two is no work); ``None`` where it is not said."""
    found: list[int] = []
    for _ in range(looks):
        try:
            with open(LOADAVG, "rb") as handle:
                fields = handle.read(256).split()
            found.append(int(fields[3].split(b"/")[0]))
        except (OSError, IndexError, ValueError):
            return None
    return min(found)


def in_two(count: int, share_from: int, part: Callable[[int, int], R]) -> list[R]:
    """``part(0, count)`` (a pure function of a range of rows), as ``[part(0, count)]``; or,
    from ``share_from`` rows with a core free, as ``[part(0, half), part(half, count)]``, the
    second made by a forked copy while this process makes the first (and here if the copy
    failed)."""
    half = count // 2 if count >= share_from and core_free() else count
    helper = ForkedHalf.start([(half, count)], _rows(part)) if half < count else None
    if helper is None:
        return [part(0, count)]
    try:
        mine = part(0, half)
        theirs = helper.results()
    finally:
        helper.stop()
    return [mine, theirs[0] if theirs is not None and len(theirs) == 1 else part(half, count)]


def in_two_as_taken(
    count: int, share_from: int, part: Callable[[int, int], Iterable[R]]
) -> Iterator[Iterable[R]]:
    """The halves of :func:`in_two` of a ``part`` that gives its rows' parts one by one, the
    first given as it is made while the forked copy makes the second (take each half whole
    before the next).  The copy is ended if the first half is not taken to its end."""
    half = count // 2 if count >= share_from and core_free() else count
    helper = ForkedHalf.start([(half, count)], _listed(part)) if half < count else None
    if helper is None:
        yield part(0, count)
        return
    try:
        yield part(0, half)
        theirs = helper.results()
    finally:
        helper.stop()
    yield theirs[0] if theirs is not None and len(theirs) == 1 else part(half, count)


def _listed(part: Callable[[int, int], Iterable[R]]) -> Callable[[tuple[int, int]], list[R]]:
    def rows(span: tuple[int, int]) -> list[R]:
        return list(part(*span))

    return rows


def _rows(part: Callable[[int, int], R]) -> Callable[[tuple[int, int]], R]:
    def rows(span: tuple[int, int]) -> R:
        return part(*span)

    return rows


class ForkedHalf(Generic[T, R]):
    """``work`` done on each of ``items`` by a forked copy of this process; :meth:`results`
    waits for it and gives the results in order (``None`` if it failed: do them here)."""

    def __init__(self, pid: int, out: IO[bytes]) -> None:
        self.pid: int | None = pid
        self.out = out

    @classmethod
    def start(cls, items: Sequence[T], work: Callable[[T], R]) -> ForkedHalf[T, R] | None:
        """The copy started (``None`` if it cannot be: then do the work here)."""
        # (with the archives' modules, 7 ms, and pickle, which a command that does not fork
        # never needs; loaded before the fork, for the copy and for results())
        import pickle  # noqa: F401
        import tempfile

        out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by results() or stop()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            out.close()
            return None
        if pid == 0:  # the copy: never returns
            _work(items, work, out, parent)
        return cls(pid, out)

    def results(self) -> list[R] | None:
        """Once the copy has ended, what it found, in the order of its items."""
        assert self.pid is not None
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = 1
        self.pid = None
        try:
            if status != 0:
                return None
            self.out.seek(0)
            import pickle  # (loaded by start)

            found = pickle.load(self.out)  # our own copy's results
        except Exception:  # whatever it left: the work is done here instead
            return None
        finally:
            self.out.close()
        return found if isinstance(found, list) else None

    def stop(self) -> None:
        """End it if it still runs (the command is failing or was interrupted)."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            self.pid = None
        self.out.close()


def _work(items: Sequence[T], work: Callable[[T], R], out: IO[bytes], parent: int) -> NoReturn:
    """The copy's whole life: ``work`` on every item, the results written, then exit (0: all
    of them written).  It ends early if the command it serves has ended."""
    status = 1
    try:

        def stopped(_signal: int, _frame: object) -> None:
            raise SystemExit(1)

        signal.signal(signal.SIGTERM, stopped)
        import pickle  # (loaded by start)

        found: list[R] = []
        for number, item in enumerate(items):
            if number % 256 == 0 and os.getppid() != parent:  # the command ended without it
                raise SystemExit(1)
            found.append(work(item))
        pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        status = 0
    except BaseException:  # whatever it was: the command does this half itself
        status = 1
    finally:
        os._exit(status)
