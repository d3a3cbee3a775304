"""A long burst of keys (a key held down, a paste into the text, a terminal that sends the
keys of a busy minute at once), with keys that open and close screens among them: each key
goes through the app's key relay a bounded number of times, not once more for every screen
a key before it opened."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import monotonic

import pytest
from helpers.app import burst, reader_focused, wait_until
from helpers.passages import Annotated
from helpers.terminal import TIMEOUT
from textual import events
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.key_relay import KeyRelay, relay_of
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.codebook import CodebookScreen
from tui_reader.ui.screens.confirm import ConfirmScreen
from tui_reader.ui.screens.main import MainScreen
from tui_reader.ui.widgets.library_table import LibraryTable
from tui_reader.ui.widgets.steady_footer import SteadyFooter


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


async def test_a_key_sent_again_waits_for_the_one_before_to_close_its_screen(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``T`` and ``esc`` three times, then ``j``: each key held behind a codebook is sent
    again once the key before it has been handled.  The codebook's ``esc`` is its third
    binding (clear the filter, back to the tags, close): each binding tried that did not
    run let the relay send the next key at once, so the ``T`` behind that ``esc`` and the
    ``esc`` behind that ``T`` were on their way with the codebook still open.  On a loaded
    machine the ``esc`` then overtook its ``T`` (held again as the codebook closed) and
    went to the main screen, where it clears the notices, and the ``T`` left the codebook
    open (a clean-clone CI run of the test above, the codebook open 30 s after the burst)."""
    sent: list[tuple[str, str]] = []  # each key sent again, and the screen on top then
    send_next = KeyRelay._send_next

    def recorded(relay: KeyRelay) -> None:
        if relay._to_send:
            sent.append((relay._to_send[0].key, type(relay.app.screen).__name__))
        send_next(relay)

    monkeypatch.setattr(KeyRelay, "_send_next", recorded)
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, [*["T", "escape"] * 3, "j"])
        await wait_until(pilot, lambda: app.screen is screen and ("j", "MainScreen") in sent)
        assert ("T", "CodebookScreen") not in sent, sent
        assert [key for key, _screen in sent].count("escape") == 3, sent
        assert reader.has_focus


def screens_pushed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kind of each screen the app pushes from now on, by its class's name, in order."""
    opened: list[str] = []
    push = ReaderApp.push_screen

    def counted(app: ReaderApp, screen: object, *args: object, **kwargs: object) -> object:
        opened.append(type(screen).__name__)
        return push(app, screen, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "push_screen", counted)
    return opened


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
    opened = screens_pushed(monkeypatch)
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
    with AnnotationStore(annotated.db, read_only=True) as store:
        assert len(store.annotations()) == before + 1  # the code typed between them


async def test_ctrl_q_behind_the_journal_opened_and_closed_opens_it_no_more(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``J`` and ``esc`` (the journal's dialog opened on a new entry, closed with nothing
    typed) before ``ctrl+q``: each dialog read the journal's entries from the store and drew
    them, then closed, one after another, a quarter of the quit's wait behind a loaded burst
    of views (``T``, ``?``, ``F``... passed over).  Opened and closed by the very next key it
    keeps nothing, and the app quits right after: passed over as the views are.  An entry
    typed between them is saved, and a ``J`` whose dialog is typed into is not passed over."""
    opened = screens_pushed(monkeypatch)
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
    with AnnotationStore(annotated.db, read_only=True) as store:
        assert [memo.text.strip() for memo in store.memos(MemoKind.JOURNAL)] == ["kept"]


async def test_ctrl_q_behind_the_library_shown_and_hidden_lays_out_no_frame(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``L`` and ``esc`` (the library hidden, shown again) before ``ctrl+q``: ``L`` changes
    no data, but what it shows and where it leaves the focus decide what the keys behind it
    do, so each still runs; each laid the screen out and drew it again, the reading view
    wrapped at its new width, then the next, a quarter of a second apiece on a loaded
    machine, though the app quits right after and nobody sees them.  With a quit waiting
    among the keys to send, no frame is laid out, nor a footer's keys composed, until it
    is sent.  The toggles all run, in
    order: after 21 the library is hidden and the text focused, so ``s`` and ``1`` code a
    sentence."""
    toggled: list[bool] = []
    toggle = MainScreen.action_toggle_library
    layouts: list[str] = []
    laid_out = Screen._refresh_layout

    def counted_toggle(screen: MainScreen) -> None:
        toggle(screen)
        toggled.append(bool(screen.library.display))

    def counted_layout(screen: Screen[object], *args: object, **kwargs: object) -> None:
        layouts.append(type(screen).__name__)
        laid_out(screen, *args, **kwargs)  # type: ignore[arg-type]

    composed: list[str] = []
    recompose = SteadyFooter.recompose

    async def counted_recompose(footer: SteadyFooter) -> None:
        composed.append(type(footer.screen).__name__)
        await recompose(footer)

    monkeypatch.setattr(MainScreen, "action_toggle_library", counted_toggle)
    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    monkeypatch.setattr(SteadyFooter, "recompose", counted_recompose)
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        _screen, _reader = await reader_focused(pilot)
        await pilot.pause()
        before = len(app.workspace.store.annotations())
        layouts.clear()
        composed.clear()
        keys = ["T", "escape", *["L", "escape"] * 21, "s", "1", "ctrl+q"]
        await burst(pilot, keys)
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    assert toggled == [False, True] * 10 + [False], toggled
    assert layouts.count("MainScreen") <= 2, layouts
    # its footer composed its keys again at each focus moved, the library's, the text's
    assert composed.count("MainScreen") <= 2, composed
    with AnnotationStore(annotated.db, read_only=True) as store:
        assert len(store.annotations()) == before + 1  # the code typed after them


async def test_ctrl_q_behind_nothing_but_the_library_toggled_quits_without_toggling_it(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``L`` and ``esc`` 20 times, then ``ctrl+q``, the main screen alone and nothing being
    saved: the app quits without showing and hiding the library 20 times first (each laid
    the text out at its new width for a frame never drawn: 40 pairs, 0.6 s of CPU).  Nothing
    they do outlives the quit, and no key behind them depends on where they leave the
    focus."""
    toggled: list[bool] = []
    toggle = MainScreen.action_toggle_library

    def counted_toggle(screen: MainScreen) -> None:
        toggle(screen)
        toggled.append(bool(screen.library.display))

    monkeypatch.setattr(MainScreen, "action_toggle_library", counted_toggle)
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_focused(pilot)
        await pilot.pause()
        await burst(pilot, ["T", "escape", *["L", "escape"] * 20, "ctrl+q"])
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    assert toggled == [], toggled


async def test_a_quit_that_asks_behind_the_library_toggled_finds_the_screen_drawn(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frames held while ``ctrl+q`` waits behind ``L`` and ``esc`` are drawn again as it
    is sent (not only once the keys stop going): over a tag typed it asks, its question
    laid out, and staying shows the text as the keys left it, the library hidden by the
    third ``L``, the text in its room and the footer saying the text's keys (the footers
    compose their keys again once the frames are drawn)."""
    monkeypatch.setattr(KeyRelay, "FRAMES_HELD_AT_MOST", 600.0)
    app = ReaderApp(annotated.corpus, annotated.db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        screen.library.table.focus()
        await wait_until(pilot, lambda: "Open" in footer_words(app))
        narrow = reader.region.width
        await burst(pilot, ["T", "escape", *["L", "escape"] * 3, "a", *"border", "ctrl+q"])
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.query_one("#confirm-question")
        await wait_until(pilot, lambda: question.region.width > 0)
        assert not app._batch_count  # Textual draws frames again
        await pilot.press("n")  # stay
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        await pilot.press("escape", "y")  # the tag typed dropped
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: reader.region.width > narrow)
        await wait_until(pilot, lambda: "Annotate" in footer_words(app))
        assert not screen.library.display and not app._exit
        assert "Open" not in footer_words(app)


async def looked(condition: Callable[[], bool]) -> None:
    """Wait until ``condition()`` holds, up to ``TIMEOUT`` seconds, looking every 20 ms."""
    deadline = monotonic() + TIMEOUT
    while not condition():
        assert monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


def footer_words(app: ReaderApp) -> list[str]:
    footer = app.screen.query_one(SteadyFooter)
    return [key.description for key in footer.children if isinstance(key, FooterKey)]


async def test_frames_held_before_a_quit_are_drawn_when_the_keys_stop_going(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the keys before ``ctrl+q`` stop going (here the library's ``j`` waits),
    the screen is not left undrawn meanwhile: after ``FRAMES_HELD_AT_MOST`` with no key
    sent it is laid out and drawn again, and its footer says the keys of the focus as the
    keys left it (the library's, focused by the second ``L``)."""
    monkeypatch.setattr(KeyRelay, "FRAMES_HELD_AT_MOST", 0.2)
    cursor_down = LibraryTable.action_cursor_down
    moved = asyncio.Event()  # set by the test once it has looked

    async def slow_cursor_down(table: LibraryTable) -> None:
        await moved.wait()
        cursor_down(table)

    monkeypatch.setattr(LibraryTable, "action_cursor_down", slow_cursor_down)
    layouts: list[tuple[str, bool]] = []
    laid_out = Screen._refresh_layout
    app = ReaderApp(annotated.corpus, annotated.db)
    relay = relay_of(app)

    def counted_layout(screen: Screen[object], *args: object, **kwargs: object) -> None:
        quit_waiting = any(key.key == "ctrl+q" for key in relay._to_send)
        layouts.append((type(screen).__name__, quit_waiting))
        laid_out(screen, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
    async with app.run_test(size=(120, 40)) as pilot:
        _screen, _reader = await reader_focused(pilot)
        await wait_until(pilot, lambda: "Annotate" in footer_words(app))
        layouts.clear()
        try:  # (Pilot's pauses wait for the library held busy: the test looks by the clock)
            await burst(pilot, ["T", "escape", "L", "escape", "L", "j", "ctrl+q"], settle=False)
            await looked(lambda: ("MainScreen", True) in layouts)
            await looked(lambda: "Open" in footer_words(app))
            assert not app._exit  # the quit still waits behind j
        finally:
            moved.set()
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
