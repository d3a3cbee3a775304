"""The cyclic garbage collector paused while a thread makes many objects that live on, or
parses a text into millions of containers that hold no cycle.

Listing 10,000 files and reading their cached facts makes ~100,000 objects that the library
keeps.  At the collector's default pace each few thousand of them start a pass over the young
ones, and every quarter more long-lived objects a full pass over all of them: on a second start
that was a third of the listing's CPU.  Reference counting still frees what is dropped; only
cycles wait for the next pass.  The pause is process-wide (the collector is), so it is counted:
the collector runs again when the last pause ends, as it was before the first.  Every pause
in the process goes through it: one that switched the collector off and back on by itself,
overlapping another thread's, switched it on inside that one.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_paused = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while inside (from any thread); as it was after the last pause."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
