"""The cyclic garbage collector paused while a thread makes many objects that live on.

Listing 10,000 files and reading their cached facts makes ~100,000 objects that the library
keeps.  At the collector's default pace each few thousand of them start a pass over the young
ones, and every quarter more long-lived objects a full pass over all of them: on a second start
that was a third of the listing's CPU.  Reference counting still frees what is dropped; only
cycles wait for the next pass.  The pause is process-wide (the collector is), so it is counted:
the collector runs again when the last pause ends, as it was before the first.
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


class StartUpPause:
    """The collector paused while the app starts, until its first screen is shown (:meth:`end`).

    What start-up makes (the database read, the widgets, their styles, the document) lives as
    long as the app, yet the collector's passes over it were ~5 ms of a first screen's CPU; at
    :meth:`end` it is frozen out of later passes (``gc.freeze``), as the modules loaded before it
    are (``cli/start.py``), and the collector runs again.  Only cycles made meanwhile are kept.
    """

    def __init__(self) -> None:
        self._pause: contextlib.ExitStack | None = contextlib.ExitStack()
        self._pause.enter_context(collector_paused())

    def end(self) -> None:
        """The first screen is shown (or the app stopped before it): collect again.  Once."""
        if self._pause is not None:
            pause, self._pause = self._pause, None
            gc.freeze()
            pause.close()


# Objects made (net, tracked by the collector) that make a worker's work frozen at its end.
MANY = 100_000


@contextlib.contextmanager
def made_to_live(many: int = MANY) -> Iterator[None]:
    """:func:`collector_paused` while a worker makes what lives as long as the app (the
    library's rows and what the store says of them: at 100,000 annotations, their
    annotations); when ``many`` or more objects were made meanwhile (in any thread), they are
    frozen out of later passes at the end (``gc.freeze``).  Unfrozen, the passes over them as
    the collector ran again held every thread 0.03-0.1 s each, a fifth of a second after
    another as the app started: keys typed meanwhile waited.  Only cycles already unreachable
    when they are frozen are never collected: once a scan, not once a key."""
    with collector_paused():
        yield
        if gc.get_count()[0] >= many:
            gc.freeze()
