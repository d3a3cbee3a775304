"""Work the user is waiting for runs first.

A corpus search (``F``) and the library scan run in threads of one process, which share one
interpreter lock: while both run, the search's first hits wait on the scan (seconds at 10,000
documents).  The search says it is running (:meth:`Foreground.running`); the scan, between two
documents, steps aside until it has ended (:meth:`Foreground.step_aside`).  So do the query
and reports views while they place the project's passages, and the query view while it reads
a query's matches in their documents."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LONGEST_PAUSE = 5.0  # seconds background work waits at a time (a search never ending: it goes on)


class Foreground:
    """Whether work the user waits for is running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._idle = threading.Event()
        self._idle.set()

    @contextmanager
    def running(self) -> Iterator[None]:
        """Background work steps aside while the block runs."""
        with self._lock:
            self._running += 1
            self._idle.clear()
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if not self._running:
                    self._idle.set()

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def step_aside(self, stop: Callable[[], bool], longest: float = LONGEST_PAUSE) -> None:
        """For background work, between two items: returns at once when nothing runs in the
        foreground, else when it has ended, ``stop()`` turned true or ``longest`` passed."""
        deadline = time.monotonic() + longest
        while self.busy and not stop() and time.monotonic() < deadline:
            self._idle.wait(0.05)


FOREGROUND = Foreground()
