"""A long burst of keys (a key held down, a paste into the text, a terminal that sends the
keys of a busy minute at once), with keys that open and close screens among them: each key
goes through the app's key relay a bounded number of times, not once more for every screen
a key before it opened."""

from __future__ import annotations

import pytest
from helpers.app import burst, reader_focused, wait_until
from helpers.passages import Annotated
from textual import events

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.key_relay import KeyRelay, relay_of
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


async def test_ctrl_q_behind_views_opened_and_closed_opens_them_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ctrl+q`` typed behind a burst of keys that open views and close them again (``T``
    and ``esc``, ``?`` and ``esc``...: a key held, a terminal sending a busy minute's keys)
    waited until every view had been opened and closed, one after another: 280 such keys
    took 71 s of a loaded machine before the app quit (a HUP, 0.7 s).  A view opened and
    closed by the very next key shows nothing and keeps nothing, and the app quits right
    after: with a quit waiting behind them, such pairs are passed over; the first, already
    opened as the burst came, is closed.  The keys typed between them still run (a code
    applied to the passage at the caret is saved)."""
    opened: list[str] = []
    push = ReaderApp.push_screen

    def counted(app: ReaderApp, screen: object, *args: object, **kwargs: object) -> object:
        opened.append(type(screen).__name__)
        return push(app, screen, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "push_screen", counted)
    pairs = ["T", "escape", "question_mark", "escape", "ctrl+p", "escape", "R", "escape"]
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await pilot.pause()
        opened.clear()
        await burst(pilot, pairs * 3)  # no quit behind them: each view opens, as typed
        await wait_until(pilot, lambda: opened.count("CodebookScreen") == 3)
        await wait_until(pilot, lambda: app.screen is screen and not relay_of(app).sending)
        before = len(app.workspace.store.annotations())
        opened.clear()
        await burst(pilot, [*pairs * 5, "s", "1", *pairs * 5, "ctrl+q"])
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    assert len(opened) <= 2, opened  # the first view, opened before the quit came
    store = AnnotationStore(annotated.db, read_only=True)
    try:
        assert len(store.annotations()) == before + 1  # the code typed between them
    finally:
        store.close()


async def test_ctrl_q_behind_the_journal_opened_and_closed_opens_it_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``J`` and ``esc`` (the journal's dialog opened on a new entry, closed with nothing
    typed) before ``ctrl+q``: each dialog read the journal's entries from the store and drew
    them, then closed, one after another, a quarter of the quit's wait behind a loaded burst
    of views (``T``, ``?``, ``F``... passed over).  Opened and closed by the very next key it
    keeps nothing, and the app quits right after: passed over as the views are.  An entry
    typed between them is saved, and a ``J`` whose dialog is typed into is not passed over."""
    opened: list[str] = []
    push = ReaderApp.push_screen

    def counted(app: ReaderApp, screen: object, *args: object, **kwargs: object) -> object:
        opened.append(type(screen).__name__)
        return push(app, screen, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "push_screen", counted)
    pairs = ["J", "escape"] * 8
    entry = ["J", *"kept", "ctrl+s"]
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, ["J", "escape"] * 2)  # no quit behind them: each opens, as typed
        await wait_until(pilot, lambda: opened.count("MemoDialog") == 2)
        await wait_until(pilot, lambda: app.screen is screen and not relay_of(app).sending)
        opened.clear()
        await burst(pilot, [*pairs, *entry, *pairs, "ctrl+q"])
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    assert opened == ["MemoDialog", "MemoDialog"], opened  # the first, and the entry's
    store = AnnotationStore(annotated.db, read_only=True)
    try:
        assert [memo.text.strip() for memo in store.memos(MemoKind.JOURNAL)] == ["kept"]
    finally:
        store.close()
