"""The app's collector pauses: at start-up, and while a worker makes what lives on."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui_reader.ui.collector import StartUpPause, collector_paused, made_to_live


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


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
