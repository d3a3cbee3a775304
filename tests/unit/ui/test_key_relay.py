"""The relay of keys typed behind a key that opened a screen, when the app closes."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App
from textual.widget import Widget

from tui_reader.ui.key_relay import KeyRelay


def test_a_check_due_after_the_app_closed_its_screens_sends_nothing_and_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A key that opened a screen, keys held behind it, and the app quitting before the
    next check: the check (a timer) finds no screen; it used to raise (the app's exit
    showed a "No screens on stack" traceback); now it drops the keys and stops checking."""
    app: App[object] = App()
    timers: list[object] = []
    posted: list[object] = []
    monkeypatch.setattr(app, "set_timer", lambda delay, callback: timers.append(callback))
    monkeypatch.setattr(app, "post_message", posted.append)
    relay = KeyRelay(app)
    relay.pass_on(events.Key("j", "j"), Widget())
    assert relay.holding and timers.count(relay._check) == 1
    relay._check()  # the timer's callback, run with no screen on the app's stack
    assert not relay.holding and posted == [] and timers.count(relay._check) == 1


def test_a_check_while_the_focus_is_a_widget_taken_down_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The focus on a widget whose screen was taken down (a dialog closing as the app quits):
    the check asked for its screen, which raised NoScreen and stopped the app; now it waits
    for a focus on screen."""

    class Closing(App[object]):
        @property
        def focused(self) -> Widget | None:  # type: ignore[override]
            return Widget()  # on no screen

    app = Closing()
    timers: list[object] = []
    monkeypatch.setattr(app, "set_timer", lambda delay, callback: timers.append(callback))
    relay = KeyRelay(app)
    relay.pass_on(events.Key("j", "j"), Widget())
    relay._check()
    assert relay.holding and timers.count(relay._check) == 2  # checked again later
