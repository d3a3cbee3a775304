"""The ``tui-reader`` command's entry point: the program's modules load with the cyclic
garbage collector paused, and what they made is left out of its later passes.

What importing makes (modules, classes, functions, compiled patterns) lives as long as the
program, yet at the collector's default pace it is walked again and again while it loads, and
once more by a full pass soon after (together ~60 ms of a first screen's ~500 ms CPU, where a
bare Textual app pays half as much for its fewer objects).  Reference counting still frees what
is dropped; only cycles made while loading are kept, once.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def loading_modules() -> Iterator[None]:
    """Pause the collector while modules load, then freeze what they made out of its passes
    (``gc.freeze``); as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class ClosedOutput(io.TextIOBase):
    """Standard output when the command was started with it closed (``>&-``): a write fails
    as writing to a closed descriptor does, so the command says in one line that it could not
    write, never that it succeeded."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.buffer = _ClosedBytes()  # where an export writes its file's bytes

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        return 1  # /dev/null now (see standard_streams)


class _ClosedBytes(io.RawIOBase):
    """:class:`ClosedOutput`'s bytes: a write fails the same way."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        return 1


class ClosedInput(io.TextIOWrapper):
    """Standard input when the command was started with it closed (``<&-``): the null
    device, read as nothing, yet known as closed, so ``import -`` says standard input is
    closed (it said "a device (/dev/null)", a device the user never named)."""


def standard_streams() -> None:
    """Open the null device on each of the standard descriptors (0, 1, 2) the program was
    started without (``>&-``, ``2>&-``, ``<&-``).  Else the next file it opens takes that
    number (a database's lock, its journal), and what is printed, or read as keys, goes to
    it.  Python leaves the stream of a closed descriptor ``None``: standard output then fails
    at its first write (:class:`ClosedOutput`), standard error is the null device, and
    standard input too, known as closed (:class:`ClosedInput`)."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:
        null = os.open(os.devnull, os.O_RDWR)  # the lowest free number: fd, unless taken
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 0 in closed:
        sys.stdin = ClosedInput(open(0, "rb", closefd=False), encoding="utf-8")  # noqa: SIM115
    if 1 in closed:
        sys.stdout = ClosedOutput()
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def main() -> int:
    """Run the command line (:func:`tui_reader.cli.main.main`) with its modules so loaded.

    When it is done the process ends: what the command kept is frozen too, so the
    interpreter's last full pass at exit does not walk it (a database of 100,000 annotations
    kept by the store's reference cycle: ~1 s of a 4 s report).  Files and locks are closed
    by the commands themselves, never left to that pass.  For the same reason a command
    (not the app) has each table the store parses frozen as it is read
    (:data:`~tui_reader.core.store.caller.READS_LIVE_TO_EXIT`), and keeps the collector's
    batch pace to its end."""
    standard_streams()
    with loading_modules():
        from tui_reader.cli.main import main as command_line
        from tui_reader.cli.main import subcommand_named
        from tui_reader.core.store.caller import READS_LIVE_TO_EXIT

    if subcommand_named(sys.argv[1:]):  # a command: the process ends with it
        READS_LIVE_TO_EXIT.set(True)
    status = command_line()
    gc.freeze()
    return status
