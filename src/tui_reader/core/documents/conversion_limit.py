"""A file's conversion runs in a child process with a time limit, so that a pathological file
(a PDF whose content streams never end, a web page that sends the extractor into a spin) cannot
hang the app or ``tui-reader list``: after ``$TUI_READER_CONVERT_SECONDS`` (30 s by default)
of processor time (the time it waits for a busy processor, or that a ``ctrl+z`` keeps it
stopped with the app, is not counted; past four times that, waiting or not, it is stopped)
the child is killed and the file is reported, one line naming it.  A converter library that
crashes (a segfault in PDFium) takes only the child down, and the file is reported the same way.

Children are forked from a fork server started once (the converters' libraries loaded in it),
so a conversion costs a fork, not a Python start.  Where there is no fork server (Windows),
children are spawned.  ``TUI_READER_CONVERT_SECONDS=0`` converts in-process, without a limit.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core.documents.formats import FORMAT_LABELS
from tui_reader.core.errors import ConversionStopped, DocumentError, TimeLimitStopped
from tui_reader.locations import BATCH_GC_THRESHOLDS, resolve_convert_seconds

if TYPE_CHECKING:
    from tui_reader.core.documents.formats import Parsed

# Loaded once in the fork server, so that each child starts with them.
PRELOADED = [
    "tui_reader.core.documents.document",
    "tui_reader.core.documents.formats.pdf",
    "tui_reader.core.documents.formats.docx",
    "tui_reader.core.documents.formats.odt",
    "tui_reader.core.documents.formats.epub",
    "tui_reader.core.documents.formats.html",
    "tui_reader.core.documents.formats.html_stoplists",  # read once, not in every child
    "tui_reader.core.documents.formats.mhtml",
    "tui_reader.core.documents.formats.rtf",
    "tui_reader.core.documents.formats.subtitles",
]

_lock = threading.Lock()
_context: BaseContext | None = None
# How many times abandon_conversions was called: a conversion that started at another count
# is ended where it waits.
_abandoned = 0


def abandon_conversions() -> None:
    """End every conversion running now: its wait ends on a :class:`DocumentError` naming its
    file, its child is killed; one started after runs as ever.  The app calls this as it
    quits: a thread waiting on a conversion (a 13 MB web page takes the whole limit) kept the
    process alive until the limit was up, 30 s after the terminal was given back, as if hung
    (the threads of the app's workers are waited for at exit)."""
    global _abandoned
    with _lock:
        _abandoned += 1


def _children() -> BaseContext:
    global _context
    with _lock:
        if _context is None:
            context: BaseContext
            if "forkserver" in multiprocessing.get_all_start_methods():
                server = multiprocessing.get_context("forkserver")
                server.set_forkserver_preload(PRELOADED)
                with _real_stderr():
                    forkserver.ensure_running()  # and the resource tracker it needs
                context = server
            else:  # pragma: no cover - Windows
                context = multiprocessing.get_context("spawn")
            _context = context
        return _context


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own standard error while helper processes start: they are handed its
    file descriptor, and the app's stand-in for it (the Textual app captures ``sys.stderr``)
    has none."""
    saved = sys.stderr
    try:
        has_descriptor = saved is not None and saved.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        has_descriptor = False
    if not has_descriptor and sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


def convert_in_time(data: bytes, path: Path, fmt: str, seconds: float | None = None) -> Parsed:
    """:func:`~tui_reader.core.documents.document.convert` in a child process, stopped after
    ``seconds`` (default: as :func:`~tui_reader.locations.resolve_convert_seconds` says).
    Raises :class:`DocumentError` naming the file: the converter's own answer on the file,
    or :class:`ConversionStopped` when it is stopped or its converter dies."""
    from tui_reader.core.documents.document import convert

    limit = resolve_convert_seconds() if seconds is None else seconds
    if limit <= 0:
        return convert(data, path, fmt)
    started = _abandoned
    context = _children()
    receiver, sender = context.Pipe(duplex=False)
    memory = memory_limit(len(data))
    child = context.Process(  # type: ignore[attr-defined]
        target=_convert_child, args=(sender, data, path, fmt, memory), daemon=True
    )
    try:
        child.start()  # (the file's bytes are copied to the child on the way)
    except MemoryError:
        # a file as big as the memory left: it was a MemoryError traceback (a CSV of 100 MB
        # under an address space of 250 MB), now the file refused as the converter refuses it
        receiver.close()
        sender.close()
        raise ConversionStopped(path, f"refused: {fmt} too big to convert") from None
    sender.close()
    label = FORMAT_LABELS.get(fmt, fmt)
    try:
        answered = _answered_in_running_time(
            receiver, child.pid, limit, lambda: _abandoned != started
        )
        if _abandoned != started:
            raise ConversionStopped(path, f"{label} conversion stopped: tui-reader is quitting")
        if not answered:
            # stopped by the processor time it took, or only kept waiting past its limit
            ran = _child_state(child.pid)[1]
            raise _stopped(path, label, limit, ran is not None and ran >= limit)
        try:
            outcome, value, took = receiver.recv()
        except (EOFError, OSError):
            raise ConversionStopped(
                path,
                f"the {label} converter failed on this file (damaged, or more than "
                f"{memory >> 20:,} MB of memory needed to read it)",
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    # The child's own count decides, not when the wait looked: on a busy machine, or behind
    # the app's other threads, the waiting thread may run again only after the child has
    # answered, past its limit; the answer was then taken.
    if took > limit:
        raise _stopped(path, label, limit, ran_out=True)
    if outcome == "error":
        raise DocumentError(path, str(value))
    if outcome == "stopped":
        raise ConversionStopped(path, str(value))
    parsed: Parsed = value
    return parsed


def _stopped(path: Path, label: str, limit: float, ran_out: bool) -> ConversionStopped:
    """The stop of a conversion past its ``limit``: :class:`TimeLimitStopped` when it took
    that much processor time (``ran_out``), else (kept waiting by a busy machine, or where
    the system does not say the time it took) a stop that says nothing of the file."""
    reason = (
        f"{label} conversion stopped after {limit:g} s: the file is damaged or too complex to read"
    )
    if ran_out:
        return TimeLimitStopped(path, reason, limit)
    return ConversionStopped(path, reason)


# How often the wait for a child looks at it (stopped? the processor time it took): the
# precision of its limit.
WAIT_SLICE = 0.1
# How many times its limit a child may wait, running or kept waiting by a busy machine,
# before it is stopped though it has not taken its limit of processor time (a converter
# asleep on a lock takes none).
WAITING = 4


def _answered_in_running_time(
    receiver: Connection, pid: int | None, limit: float, abandoned: Callable[[], bool]
) -> bool:
    """Whether the child has answered before it took ``limit`` seconds of processor time.
    Time waiting for the processor is not counted: on a machine busy with other work (a
    build, the other users of a shared server) a Markdown table converted in 10 s of it came
    back after more than 30 and was refused as too complex.  Nor, where the system does not
    say the time a process took (no ``/proc``), is the time it could not run: a ``ctrl+z``
    stops the app's process group, this process and the child with it, and the time the user
    stays in the shell is no time converting.  The time it could run is waited in slices,
    each counting the time asked: one that took far longer (this process stopped, or the
    machine asleep) counts no more, and one at whose end the child is stopped (stopped
    alone, by a debugger or a ``kill -STOP``) does not count; past :data:`WAITING` times
    the limit the child is stopped all the same.  False at once when ``abandoned()`` turns
    true (:func:`abandon_conversions`)."""
    could_run = 0.0
    ran = _child_state(pid)[1]
    while not abandoned():
        counted = could_run if ran is None else ran
        if counted >= limit or could_run >= WAITING * limit:
            # an answer there now is taken, if the child's own count is within the limit
            return receiver.poll()
        asked = min(WAIT_SLICE, limit - counted, WAITING * limit - could_run)
        if receiver.poll(asked):
            return True
        stopped, ran = _child_state(pid)
        if not stopped:
            could_run += asked
    return False


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _child_state(pid: int | None) -> tuple[bool, float | None]:
    """Whether process ``pid`` is stopped (by a signal, or traced), and the processor time
    it has taken in seconds, where the system says (Linux's ``/proc``; elsewhere it is never
    thought stopped, and its time is None)."""
    if pid is None:
        return False, None
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False, None
    fields = stat.rsplit(b")", 1)[-1].split()  # the name, in (), may hold spaces
    if len(fields) < 13:
        return False, None
    stopped = fields[0] in (b"T", b"t")
    try:
        ran = (int(fields[11]) + int(fields[12])) / _TICKS  # its user and system time
    except ValueError:
        return stopped, None
    return stopped, ran


# The memory a conversion may take: a compression bomb (a PDF of 1 MB whose content stream
# inflates to 1 GB took 3 GB and 10 s before saying it had no text; one of 10 MB would fill
# the machine's memory) is stopped when it reaches this much, and the file reported; a big
# file may take this many times its size.
MEMORY_FLOOR = 2 << 30
MEMORY_PER_BYTE = 16


def memory_limit(size: int) -> int:
    """The address space a conversion of a file of ``size`` bytes may take, in bytes."""
    return max(MEMORY_FLOOR, MEMORY_PER_BYTE * size)


def _convert_child(
    sender: Connection, data: bytes, path: Path, fmt: str, memory: int | None = None
) -> None:
    """In the child: convert, taking at most ``memory`` bytes of address space, and send
    ``("ok", parsed, took)``, ``("error", reason, took)`` or, stopped by its memory,
    ``("stopped", reason, took)``, ``took`` the processor time this process has taken (since
    its fork: the conversion's)."""
    from tui_reader.core.documents.document import convert

    with contextlib.suppress(OSError):  # nothing a converter prints may reach the app's screen
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
    if memory is not None:
        _limit_memory(memory)
    # A conversion builds objects that live until it ends (a Markdown file's tokens, a page's
    # blocks), and the process ends with it: at the collector's default pace they were walked
    # again and again, half the time a table of 100,000 columns took.  What the fork server
    # loaded (the converters' libraries) is left out of the passes, as the commands leave it.
    gc.freeze()
    gc.set_threshold(*BATCH_GC_THRESHOLDS)
    try:
        parsed = convert(data, path, fmt)
    except DocumentError as exc:
        outcome = "stopped" if isinstance(exc, ConversionStopped) else "error"
        sender.send((outcome, exc.reason, time.process_time()))
    else:
        sender.send(("ok", parsed, time.process_time()))
    finally:
        sender.close()


def _limit_memory(memory: int) -> None:
    """This process's address space kept to ``memory`` bytes (more than it takes already),
    where the system can limit it: past it, Python raises MemoryError (the converter's
    refusal) and a library's allocation fails (the child dies, the parent says so, and no
    core file of its memory is left in the folder)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError, ValueError):  # a hard limit lower already: kept
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    with contextlib.suppress(OSError, ValueError):  # a library dying leaves no core file
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
