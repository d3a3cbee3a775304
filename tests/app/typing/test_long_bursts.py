"""A long burst of keys (a key held down, a paste into the text, a terminal that sends the
keys of a busy minute at once), with keys that open and close screens among them: each key
goes through the app's key relay a bounded number of times, not once more for every screen
a key before it opened."""

from __future__ import annotations

import pytest
from helpers.app import burst, reader_focused, wait_until
from helpers.passages import Annotated
from textual import events

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.key_relay import KeyRelay
from tui_reader.ui.screens.codebook import CodebookScreen


async def test_keys_behind_screens_opened_and_closed_are_sent_again_a_few_times_each(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``T`` and ``esc`` ten times (the codebook opened and closed), then 200 keys: every key
    held behind a screen was sent again, all at once, and those behind the next key that
    opened a screen came back to wait again, each time.  The keys behind went round the
    app's queue once for each screen opened before them (20 screens, 200 keys: 4,000 times
    round); a terminal test that typed a few thousand keys into a loaded app saw it stay a
    minute behind, then never answer ``ctrl+q``: the keys it typed at the end waited behind
    the ones still going round.  Now they are sent again one at a time, each as the one
    before goes on."""
    took = KeyRelay.took
    seen: list[str] = []

    def counted(relay: KeyRelay, event: events.Event) -> bool:
        if isinstance(event, events.Key):
            seen.append(event.key)
        return took(relay, event)

    monkeypatch.setattr(KeyRelay, "took", counted)
    openers = ["T", "escape"] * 10
    behind = ["right"] * 200
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        start = reader.caret
        seen.clear()
        await burst(pilot, [*openers, *behind])
        await wait_until(pilot, lambda: app.screen is screen and seen.count("right") >= len(behind))
        await wait_until(pilot, lambda: reader.caret != start)
        for _ in range(20):
            await pilot.pause()
        assert not isinstance(app.screen, CodebookScreen)
        assert seen.count("right") <= 3 * len(behind), seen.count("right")
