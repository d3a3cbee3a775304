"""Waiting for a thread a test started, the wait bounded: a thread that never ends fails the
test after :data:`processes.WAIT` seconds, saying what was waited for, instead of hanging it
(and, under xdist, the whole run with it)."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, TypeVar

from helpers.processes import WAIT

if TYPE_CHECKING:
    from textual.worker import Worker

T = TypeVar("T")

# Seconds a test's seam holds one of the app's threads at most, waiting for the test to let
# it go (:func:`held_until`).  Only a bound, so that a test that never lets it go fails
# instead of hanging: the test takes many steps meanwhile (a screen opened, keys pressed,
# rows waited for), each up to ``TIMEOUT`` on a loaded machine, and a bound of 5 or 10 s
# let the thread go on before the test had looked at what it holds back.
HELD_AT_MOST = 2 * WAIT


def held_until(let_go: threading.Event) -> bool:
    """Hold the thread calling it (an app's worker, in a test's seam) until the test sets
    ``let_go``, :data:`HELD_AT_MOST` seconds at most; whether it was set."""
    return let_go.wait(HELD_AT_MOST)


def joined(thread: threading.Thread, what: str, wait: float = WAIT) -> None:
    """``thread`` ended, waited for at most ``wait`` seconds; else the test fails, naming
    ``what`` the thread was doing.  A thread cannot be stopped from outside: one left running
    goes on beside the tests that follow, but the run goes on too."""
    thread.join(wait)
    if thread.is_alive():
        raise AssertionError(f"the thread that {what} did not end in {wait:g} s")


async def worker_result(worker: Worker[T], what: str, wait: float = WAIT) -> T:
    """What ``worker`` (an app's worker, in a thread or not) gave back, waited for at most
    ``wait`` seconds; else the test fails, naming ``what`` it was doing."""
    try:
        async with asyncio.timeout(wait):
            return await worker.wait()
    except TimeoutError:
        raise AssertionError(f"the worker that {what} did not end in {wait:g} s") from None
