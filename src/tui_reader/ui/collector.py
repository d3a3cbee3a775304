"""The collector's pauses of the app: while it starts, and while a worker makes what lives as
long as the app.  Both are :func:`~tui_reader.core.collector.collector_paused`, the process's
one counted pause (see there why the collector is paused at all).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from tui_reader.core.collector import collector_paused


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
