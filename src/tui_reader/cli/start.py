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
import gc
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


def main() -> int:
    """Run the command line (:func:`tui_reader.cli.main.main`) with its modules so loaded.

    When it is done the process ends: what the command kept is frozen too, so the
    interpreter's last full pass at exit does not walk it (a database of 100,000 annotations
    kept by the store's reference cycle: ~1 s of a 4 s report).  Files and locks are closed
    by the commands themselves, never left to that pass.  For the same reason a command
    (not the app) has each table the store parses frozen as it is read
    (:data:`~tui_reader.core.store.caller.READS_LIVE_TO_EXIT`), and keeps the collector's
    batch pace to its end."""
    with loading_modules():
        from tui_reader.cli.main import SUBCOMMANDS
        from tui_reader.cli.main import main as command_line
        from tui_reader.core.store.caller import READS_LIVE_TO_EXIT

    if sys.argv[1:2] and sys.argv[1] in SUBCOMMANDS:  # a command: the process ends with it
        READS_LIVE_TO_EXIT.set(True)
    status = command_line()
    gc.freeze()
    return status
