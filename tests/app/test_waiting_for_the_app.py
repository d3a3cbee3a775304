"""The Pilot tests' waits for the app give it time, not a number of rounds: on a loaded
machine a round takes longer and more of them pass before the app is done."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import cast

import pytest
from helpers import app as app_helpers
from helpers.app import opened, workers_done
from helpers.terminal import TIMEOUT
from textual.app import App
from textual.pilot import Pilot

ROUND = 0.02  # seconds a round of waiting takes (a pause's nap)


class SlowApp:
    """Just what the waits look at: an app with no worker left that shows its document after
    ``rounds`` rounds of waiting, or never (None); every round passes ``ROUND`` s of its
    clock."""

    def __init__(self, rounds: int | None) -> None:
        self.rounds = rounds
        self.paused = 0
        self.screen = self
        self.workers = self
        self.app = self
        self.document = "the text"

    async def wait_for_complete(self) -> None:
        return None

    async def pause(self, delay: float | None = None) -> None:
        self.paused += 1

    def clock(self) -> float:
        return self.paused * ROUND

    def query(self, kind: type) -> SlowApp:
        return self

    def __bool__(self) -> bool:
        return self.rounds is not None and self.paused >= self.rounds

    def first(self) -> SlowApp:
        return self


def pilot_of(app: SlowApp) -> Pilot[object]:
    return cast("Pilot[object]", app)


async def test_a_document_shown_after_more_than_200_rounds_is_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening the document on a loaded machine took more than 200 rounds (4 s) and the
    test failed with 'the document did not open'; it is given the time limit of any wait."""
    app = SlowApp(rounds=300)  # 6 s of rounds
    monkeypatch.setattr(app_helpers, "monotonic", app.clock)
    view = await opened(pilot_of(app))
    assert view is app
    assert app.paused == 300


async def test_a_document_never_shown_fails_after_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = SlowApp(rounds=None)
    monkeypatch.setattr(app_helpers, "monotonic", app.clock)
    with pytest.raises(AssertionError, match="the document did not open"):
        await opened(pilot_of(app))
    assert app.paused * ROUND == pytest.approx(TIMEOUT, abs=2 * ROUND)


class StuckWorkers:
    """Just what ``workers_done`` looks at: an app whose one worker never ends."""

    def __init__(self) -> None:
        self.workers = self
        self.is_finished = False

    async def wait_for_complete(self) -> None:
        await asyncio.Event().wait()  # never set

    def __iter__(self) -> Iterator[StuckWorkers]:
        return iter([self])

    def __repr__(self) -> str:
        return "<the stuck worker>"


async def test_workers_that_never_end_fail_the_test_after_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker that never ended left the test waiting for good (and, under xdist, the run);
    the wait fails after its limit, naming the workers still running."""
    monkeypatch.setattr(app_helpers, "WORKERS_WAIT", 0.2, raising=False)
    with pytest.raises(AssertionError, match=r"did not end in 0\.2 s: <the stuck worker>"):
        await asyncio.wait_for(workers_done(cast("App[object]", StuckWorkers())), 10)
