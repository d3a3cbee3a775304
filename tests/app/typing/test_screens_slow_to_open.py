"""Keys typed right behind a key that opens a screen wait for that screen however long it
takes to open (the key relay sent them on after a second: on a loaded machine, to a screen
that had not yet shown what it focuses), and a screen that never opens does not keep them:
a worker of its that fails, a screen closed before it opened, one whose making raises."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from helpers.app import burst, notices_said, reader_focused, terminal_key, wait_until
from helpers.passages import Annotated
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.worker import Worker, WorkerState

from tui_reader.ui import app as ui_app
from tui_reader.ui import key_relay
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.key_relay import KeyRelay, relay_of
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus

ROWS = ["first", "second", "third"]


class Rows(OptionList, KeysFollowFocus):
    """The rows a worker read: ``enter`` chooses the one highlighted."""


class ReadRows(Screen[str]):
    """A screen that shows its rows, and focuses them, once its worker has read them (it
    waits for ``read``); ``failing``: the worker raises instead.  ``esc`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('closed')")]
    ROWS: ClassVar[type[Rows]] = Rows  # what shows the rows

    def __init__(self, read: threading.Event, *, failing: bool = False) -> None:
        super().__init__()
        self.read = read
        self.failing = failing

    def compose(self) -> ComposeResult:
        yield Static("Reading...")

    def on_mount(self) -> None:
        self._read_rows()

    @work(thread=True, exit_on_error=False)
    def _read_rows(self) -> list[str]:
        assert self.read.wait(30), "the test never let the rows be read"
        if self.failing:
            raise OSError("the rows could not be read")
        return ROWS

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            rows = self.ROWS(*ROWS)
            self.mount(rows)
            rows.focus()
        elif event.state == WorkerState.ERROR:
            self.query_one(Static).update("The rows could not be read.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))


class NeverRead(Screen[str]):
    """A screen whose worker never ends (a read that hangs): nothing to focus ever shows.
    ``esc`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('closed')")]

    def compose(self) -> ComposeResult:
        yield Static("Reading...")

    def on_mount(self) -> None:
        self._read_for_ever()

    @work(exit_on_error=False)
    async def _read_for_ever(self) -> None:
        await asyncio.Event().wait()


class Hangs(Static, can_focus=True):
    """A widget whose handler of ``x`` never returns."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "x":
            await asyncio.Event().wait()


class HangingOnX(Screen[str]):
    """A screen that opens at once, its widget focused: ``x`` there never returns."""

    def compose(self) -> ComposeResult:
        yield Hangs("Press x")

    def on_mount(self) -> None:
        self.query_one(Hangs).focus()


class ClosedAtOnce(Screen[str]):
    """A screen that finds nothing to show as it mounts, and closes."""

    def on_mount(self) -> None:
        self.dismiss("nothing")


class Broken(Screen[str]):
    def compose(self) -> ComposeResult:
        raise RuntimeError("a screen that cannot be made")


class OpeningApp(ReaderApp):
    """The app with a key, ``f5``, that opens the screen the test gives it."""

    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "open_test_screen")]

    def __init__(self, annotated: Annotated, make: type[Screen[str]], **kwargs: object) -> None:
        super().__init__(annotated.corpus, annotated.db)
        self.make = make
        self.kwargs = kwargs
        self.results: list[str | None] = []

    def action_open_test_screen(self) -> None:
        self.push_screen(self.make(**self.kwargs), self.results.append)


@pytest.mark.parametrize("stuck_after", [None, 0.3])
async def test_keys_behind_a_screen_wait_for_the_rows_its_worker_reads(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, stuck_after: float | None
) -> None:
    """``f5``, ``down``, ``down`` and ``enter`` typed fast; the screen's rows are read late
    (1.5 s: a big project, a loaded machine): the third row is chosen.  The relay sent the
    keys on after a second, to the screen with nothing focused: they did nothing, and the
    screen stayed open.  With the relay's last resort set to 0.3 s (``stuck_after``), the
    screen's worker running is progress, so the keys still wait for the rows."""
    if stuck_after is not None:
        monkeypatch.setattr(KeyRelay, "STUCK_AFTER", stuck_after)
    read = threading.Event()
    app = OpeningApp(annotated, ReadRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await burst(pilot, ["f5", "down", "down", "enter"])
        await wait_until(pilot, lambda: isinstance(app.screen, ReadRows))
        await pilot.pause(1.5)
        read.set()
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.results == [ROWS[2]]


async def test_keys_behind_a_screen_whose_worker_failed_go_to_that_screen(
    annotated: Annotated,
) -> None:
    """The screen's worker fails: it shows no rows, and the keys typed behind ``f5`` go to
    the screen as it is (its ``esc`` closes it), not held for a focus that never comes."""
    read = threading.Event()
    read.set()
    app = OpeningApp(annotated, ReadRows, read=read, failing=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await burst(pilot, ["f5", "down", "escape"])
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.results == ["closed"]


async def test_keys_behind_a_screen_closed_before_it_opened_go_to_the_screen_below(
    annotated: Annotated,
) -> None:
    """A screen that closes as it mounts (nothing to show): the keys typed behind the key
    that opened it go to the text, as if it had not opened."""
    app = OpeningApp(annotated, ClosedAtOnce)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reader_focused(pilot)
        start = reader.caret
        await burst(pilot, ["f5", "right", "right"])
        await wait_until(pilot, lambda: app.results == ["nothing"] and reader.caret == start + 2)
        assert app.screen is screen and reader.has_focus


async def test_keys_behind_a_screen_whose_making_raised_do_not_keep_the_app(
    annotated: Annotated,
) -> None:
    """A screen whose making raises: the app ends as on any crash (status 1), the keys typed
    behind the key that opened it (a quit among them) dropped, not held."""
    app = OpeningApp(annotated, Broken)
    with pytest.raises(RuntimeError, match="cannot be made"):
        async with app.run_test(size=(80, 24)) as pilot:
            await reader_focused(pilot)
            await burst(pilot, ["f5", "right", "ctrl+q"])
            await wait_until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1


class RefusingApp(OpeningApp):
    """The app refusing the first key the relay sends again (as a closing app refuses
    every message)."""

    refused: list[str]

    def check_message_enabled(self, message: Message) -> bool:
        if (
            isinstance(message, events.Key)
            and not hasattr(self, "refused")
            and id(message) in relay_of(self)._sent
        ):
            self.refused = [message.key]
            return False
        return super().check_message_enabled(message)


async def test_a_key_sent_again_and_refused_does_not_hold_the_keys_behind_it(
    annotated: Annotated,
) -> None:
    """The app refuses the first key held behind ``f5`` as it is sent again: the keys
    behind it still go to the screen (the relay waited for the refused key to come back,
    and held every key after it for good)."""
    read = threading.Event()
    read.set()
    app = RefusingApp(annotated, ReadRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await burst(pilot, ["f5", "down", "down", "enter"])
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.refused == ["down"]
        assert app.results == [ROWS[1]]


async def test_keys_held_for_a_screen_never_ready_go_on_once_the_app_is_idle(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A screen the relay never finds ready (here a callback always said to be pending):
    with nothing changing and the app idle for STUCK_AFTER seconds, the keys held go to the
    screen on top (they were held for good, no key acting again), and a notice says so, as
    does the log (the log alone said so, which the app does not show)."""
    monkeypatch.setattr(key_relay, "callbacks_pending", lambda app: True)
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.5, raising=False)
    read = threading.Event()
    read.set()
    app = OpeningApp(annotated, ReadRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        said = notices_said(app)
        await burst(pilot, ["f5", "down", "enter"])
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.results == [ROWS[1]]
        assert said == [key_relay.NOT_READY]
    assert "idle and not ready" in caplog.text


async def test_keys_held_for_a_screen_never_ready_go_on_while_the_library_below_works(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, while a worker of the library, on the screen below, runs (its look at the
    files' stamps every 3 s, its scan of a big corpus): the last resort counted any worker
    of the app as progress, so it never ended the hold, and the keys were held for good
    with nothing said (``esc`` then ``T`` typed on the query view: the codebook never
    opened).  The screen on top waits for none of the library's workers."""
    monkeypatch.setattr(key_relay, "callbacks_pending", lambda app: True)
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.5, raising=False)
    read = threading.Event()
    read.set()
    done = threading.Event()
    app = OpeningApp(annotated, ReadRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        library = screen.library.run_worker(
            lambda: done.wait(60), thread=True, description="library stamps"
        )
        said = notices_said(app)
        try:
            await burst(pilot, ["f5", "down", "enter"])
            await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
            assert not library.is_finished  # (it ran all along)
        finally:
            done.set()
        assert app.results == [ROWS[1]]
        assert said == [key_relay.NOT_READY]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_esc_typed_again_closes_a_screen_whose_worker_never_ends(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """``f5`` and ``down`` typed fast open a screen whose worker never ends; the screen
    stands still, the app idle, and the user presses ``esc``: it closes the screen.  The
    running worker counted as progress, and every key typed after was held behind it for
    good: the user could neither close the screen nor quit."""
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.3)
    app = OpeningApp(annotated, NeverRead)
    async with app.run_test(size=size) as pilot:
        screen, _reader = await reader_focused(pilot)
        await burst(pilot, ["f5", "down"])
        await wait_until(pilot, lambda: isinstance(app.screen, NeverRead))
        await pilot.pause(0.8)
        await burst(pilot, ["escape"])
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.results == ["closed"]


async def test_ctrl_q_typed_again_quits_over_a_screen_whose_worker_never_ends(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, the user pressing ``ctrl+q`` instead: the app quits (it stayed open)."""
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.3)
    app = OpeningApp(annotated, NeverRead)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_focused(pilot)
        await burst(pilot, ["f5", "down"])
        await wait_until(pilot, lambda: isinstance(app.screen, NeverRead))
        await pilot.pause(0.8)
        await burst(pilot, ["ctrl+q"])
        await wait_until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


async def test_keys_typed_again_behind_a_screen_merely_slow_still_wait_for_it(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screen's rows are read late (1.5 s) and the user types ``down`` again meanwhile,
    past the relay's last resort (0.3 s): the worker runs, so ``down`` waits for the rows
    with the keys typed before it, and the third row is chosen."""
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.3)
    read = threading.Event()
    app = OpeningApp(annotated, ReadRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _reader = await reader_focused(pilot)
        await burst(pilot, ["f5", "down"])
        await wait_until(pilot, lambda: isinstance(app.screen, ReadRows))
        await pilot.pause(0.8)
        await burst(pilot, ["down", "enter"])
        await pilot.pause(0.5)
        read.set()
        await wait_until(pilot, lambda: app.screen is screen and bool(app.results))
        assert app.results == [ROWS[2]]


def hanging_on_x(annotated: Annotated, monkeypatch: pytest.MonkeyPatch) -> OpeningApp:
    """The app whose ``f5`` opens `HangingOnX`, the relay's last resort and the wait for
    widgets as the app closes both cut to 0.3 s."""
    monkeypatch.setattr(KeyRelay, "STUCK_AFTER", 0.3)
    monkeypatch.setattr(ReaderApp, "CLOSING_WAITS_AT_MOST", 0.3)
    return OpeningApp(annotated, HangingOnX)


async def until(condition: Callable[[], bool]) -> None:
    """Wait (30 s at most) for ``condition``, not letting Pilot pause: its pauses wait for
    every widget's messages, for ever behind a handler that never returns."""
    async with asyncio.timeout(30):
        while not condition():
            await asyncio.sleep(0.02)


async def test_ctrl_q_quits_behind_a_key_sent_again_whose_handler_never_returns(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``f5``, ``x`` and ``down`` typed fast: ``x`` goes to the screen ``f5`` opened, whose
    widget never returns from it; ``ctrl+q`` typed after quits, the app closing that widget
    as it ends.  The relay waited for ``x`` to be handled and held ``ctrl+q`` behind it for
    good; and an app ending waited for that widget to finish, for ever."""
    app = hanging_on_x(annotated, monkeypatch)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await reader_focused(pilot)
            await burst(pilot, ["f5", "x", "down"], settle=False)
            await until(lambda: isinstance(app.focused, Hangs))
            await asyncio.sleep(0.8)
            await burst(pilot, ["ctrl+q"], settle=False)
            await until(lambda: app.return_code is not None)

    await asyncio.wait_for(run(), 60)
    assert app.return_code == 0


async def test_esc_typed_again_behind_a_key_whose_handler_never_returns_says_so(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, ``esc`` typed instead of ``ctrl+q``: the keys held go on, and a notice says
    that a key's action has not finished and that ``ctrl+q`` quits (nothing was shown)."""
    app = hanging_on_x(annotated, monkeypatch)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await reader_focused(pilot)
            said = notices_said(app)
            await burst(pilot, ["f5", "x", "down"], settle=False)
            await until(lambda: isinstance(app.focused, Hangs))
            await asyncio.sleep(0.8)
            await burst(pilot, ["escape"], settle=False)
            await until(lambda: bool(said))
            assert said == [key_relay.STILL_BUSY]
            assert not relay_of(app).holding and not relay_of(app).sending

    await asyncio.wait_for(run(), 60)


async def test_ctrl_q_quits_behind_a_key_typed_whose_handler_never_returns(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``x`` typed straight to a widget that never returns from it, ``down``, ``down`` and
    ``ctrl+q`` typed behind it: ``ctrl+q`` waits for the keys before it (as it does for any),
    then, once nothing has moved for the relay's last resort, quits, the app closing that
    widget.  (Sent on by the last resort, it waited again for the keys still in that
    widget's queue, for good: with one ``down`` it did not, that key taken from the queue
    as ``x`` hung.)"""
    app = hanging_on_x(annotated, monkeypatch)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await reader_focused(pilot)
            await burst(pilot, ["f5"])
            await until(lambda: isinstance(app.focused, Hangs))
            await burst(pilot, ["x", "down", "down", "ctrl+q"], settle=False)
            await until(lambda: app.return_code is not None)

    await asyncio.wait_for(run(), 60)
    assert app.return_code == 0


class TimedRows(Rows):
    """Rows that note each key they get and the time it carries."""

    def __init__(self, *rows: str) -> None:
        super().__init__(*rows)
        self.times: list[tuple[str, float]] = []

    async def _on_key(self, event: events.Key) -> None:
        self.times.append((event.key, event.time))
        await super()._on_key(event)


class ReadTimedRows(ReadRows):
    """:class:`ReadRows` whose rows note the keys they get."""

    ROWS = TimedRows


async def test_keys_sent_again_keep_the_time_they_were_typed(annotated: Annotated) -> None:
    """``f5``, ``down``, ``down`` typed fast, the screen's rows read 0.8 s later: the downs
    reach the rows with the time they were typed, not the time the relay sent them again (a
    field tells the keys of a burst from a key typed after a pause by their times)."""
    read = threading.Event()
    app = OpeningApp(annotated, ReadTimedRows, read=read)
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_focused(pilot)
        driver = app._driver
        assert driver is not None
        typed = []
        for key in ["f5", "down", "down"]:
            event = terminal_key(key)
            event.set_sender(app)
            typed.append((key, event.time))
            driver.send_message(event)
        await wait_until(pilot, lambda: isinstance(app.screen, ReadTimedRows))
        await pilot.pause(0.8)
        read.set()
        await wait_until(pilot, lambda: len(app.screen.query(TimedRows)) == 1)
        rows = app.screen.query_one(TimedRows)
        await wait_until(pilot, lambda: len(rows.times) == 2)
        assert rows.times == typed[1:]
        assert rows.highlighted == 2
