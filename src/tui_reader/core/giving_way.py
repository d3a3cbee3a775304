"""Long work in another thread giving way to the process's main thread while that one is busy.

A worker that holds the interpreter in long calls (a fold dumping 100,000 annotations a
thousand at a time, a table parsed a part at a time) lets the main thread run only between
them: Python hands the interpreter over every few milliseconds, but a call in C keeps it to
its end, so the main thread got a few milliseconds in every call's twenty or thirty.  In the
app that thread answers the keys: after a code used on 3,975 passages was renamed, the fold
that followed made ``esc`` then ``Q`` take 1.9-4.0 s to show the query view, where its 0.25 s
of work alone take 0.3 s.

:func:`give_way`, called by such work between its parts, looks at how long the main thread
ran or waited to run since the last look (the scheduler's figures, ``/proc``; elsewhere its
processor time): when that was a share of the time passed (it is answering a key, drawing a
screen), the worker sleeps, leaving it the interpreter, until a short while passes in which
it almost neither ran nor waited nor was waiting (:data:`QUIET_STEPS` looks in a row), or
:data:`LONGEST` at most, so that the work goes on however busy the main thread stays.  The
time it waited counts: on a loaded machine a busy thread waits for a processor longer than
it runs (46 ms run, 176 ms waited), and its run time alone said it was idle; and as that
wait reaches its figures only once it gets a processor, a thread waiting for one (its state
in ``/proc``) is busy too.  An idle main thread (the app waiting for a key) costs the work
nothing but the look; the main thread's own calls (a command's work) never wait.
"""

from __future__ import annotations

import os
import threading
import time

STEP = 0.005  # seconds slept at a time while the main thread is busy
BUSY_SHARE = 0.1  # the share of the time passed the main thread ran or waited: busy
LONGEST = 0.5  # seconds at most a worker waits at one place
QUIET_STEPS = 2  # steps in a row the main thread must be quiet for the worker to go on

_clock_of = getattr(time, "pthread_getcpuclockid", None)
_seen = threading.local()  # each thread's last look: (monotonic time, main thread's time)


def give_way() -> None:
    """Between two parts of a long work: in a thread other than the main one, sleep while the
    main thread is busy (see the module's docstring); else only let other threads run, if
    there are any (a command alone would give its core to other processes)."""
    main = threading.main_thread()
    if threading.current_thread() is main:
        if threading.active_count() > 1:  # (alone, a command would give its core away)
            time.sleep(0)  # other threads run
        return
    used = _main_time(main)
    if used is None:
        time.sleep(0)
        return
    now = time.monotonic()
    last: tuple[float, float] | None = getattr(_seen, "last", None)
    _seen.last = (now, used)
    if last is None or not _busy(last, now, used):
        time.sleep(0)  # other threads run between the parts, as ever
        return
    started = now
    quiet = 0
    while now - started < LONGEST and quiet < QUIET_STEPS:
        time.sleep(STEP)
        before = (now, used)
        now = time.monotonic()
        seen = _main_time(main)
        if seen is None:
            break
        used = seen
        quiet = 0 if _busy(before, now, used) or _runnable(main) else quiet + 1
    _seen.last = (now, used)


def _main_time(main: threading.Thread) -> float | None:
    """Seconds the main thread ran or waited to run, from the scheduler's figures (Linux);
    elsewhere its processor time; None when neither can be read (the thread gone as the
    process ends)."""
    try:
        handle = os.open(f"/proc/self/task/{main.native_id}/schedstat", os.O_RDONLY)
        try:
            ran, waited = os.read(handle, 100).split()[:2]
        finally:
            os.close(handle)
        return (int(ran) + int(waited)) / 1e9
    except (OSError, ValueError):
        pass
    if _clock_of is None or main.ident is None:
        return None
    try:
        return float(time.clock_gettime(_clock_of(main.ident)))
    except OSError:
        return None


def _runnable(main: threading.Thread) -> bool:
    """Whether the main thread is running or waiting for a processor now (its state ``R`` in
    ``/proc``).  The time it waited is added to its figures only once it gets a processor, so
    a thread that waits long for one, on a loaded machine, looks quiet by its figures alone."""
    try:
        handle = os.open(f"/proc/self/task/{main.native_id}/stat", os.O_RDONLY)
        try:
            stat = os.read(handle, 200)
        finally:
            os.close(handle)
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"R"


def _busy(last: tuple[float, float], now: float, used: float) -> bool:
    """Whether the main thread, at ``used`` of its time ``now``, took its share since
    ``last`` (time, its time then)."""
    passed = max(now - last[0], STEP)
    return used - last[1] >= BUSY_SHARE * passed
