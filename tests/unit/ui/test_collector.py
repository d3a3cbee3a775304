"""The collector pause: counted across threads, the collector as it was after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from tui_reader.ui.collector import StartUpPause, collector_paused, made_to_live


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


def test_what_a_worker_made_to_live_is_frozen_when_it_is_much() -> None:
    """A scan's rows and the store's annotations of 10,000 documents: passes over them as
    the collector ran again held the app's keys 0.03-0.1 s each."""
    gc.collect()
    gc.unfreeze()
    gc.enable()
    try:
        with made_to_live(many=5000):
            assert not gc.isenabled()
            little = [[] for _ in range(100)]
        assert gc.isenabled() and gc.get_freeze_count() == 0  # a little: collected as ever
        with made_to_live(many=5000):
            much = [[] for _ in range(10_000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(much)
        assert little and much
    finally:
        gc.unfreeze()
