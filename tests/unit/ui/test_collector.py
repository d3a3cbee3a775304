"""The collector pause: counted across threads, the collector as it was after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from tui_reader.ui.collector import StartUpPause, collector_paused


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_paused_inside_and_running_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner pause's end does not end the outer one
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_pauses_from_two_threads_overlap() -> None:
    gc.enable()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause goes on
    leave.set()
    thread.join()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_the_start_up_pause_ends_once_freezing_what_start_up_made() -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    pause = StartUpPause()
    try:
        assert not gc.isenabled()
        kept = [[] for _ in range(1000)]  # what start-up makes, living on
        with collector_paused():  # the listing's pause, overlapping the end
            pause.end()
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
        pause.end()  # a second end changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
