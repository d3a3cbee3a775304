"""Background work steps aside while work the user waits for runs, and only then."""

from __future__ import annotations

import threading

from helpers.threads import joined

from tui_reader.ui.foreground import Foreground


def test_background_work_goes_on_at_once_when_nothing_runs() -> None:
    foreground = Foreground()
    asked: list[int] = []
    foreground.step_aside(lambda: asked.append(1) is not None)  # never asked to stop
    assert not foreground.busy and asked == []


def test_background_work_waits_until_the_foreground_work_has_ended() -> None:
    foreground = Foreground()
    resumed = threading.Event()

    def background() -> None:
        foreground.step_aside(lambda: False, longest=60)
        resumed.set()

    with foreground.running():
        with foreground.running():  # two at once: both must end
            thread = threading.Thread(target=background, daemon=True)
            thread.start()
            assert not resumed.wait(0.2)
        assert foreground.busy and not resumed.wait(0.1)
    assert resumed.wait(10) and not foreground.busy
    joined(thread, "waited for the foreground work to end")


def test_background_work_stops_waiting_when_it_is_cancelled_or_has_waited_long_enough() -> None:
    foreground = Foreground()
    with foreground.running():
        foreground.step_aside(lambda: True, longest=60)  # cancelled: returns
        foreground.step_aside(lambda: False, longest=0.01)  # a search never ending: goes on
        assert foreground.busy
