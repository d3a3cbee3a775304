"""Notifications withdrawn by a key on a short terminal (``give_screen_back``)."""

from __future__ import annotations

from itertools import chain, repeat
from types import SimpleNamespace

import pytest
from textual import notifications
from textual.notifications import Notification, Notifications

from tui_reader.ui import notices


class _App(SimpleNamespace):
    def _unnotify(self, notification: Notification, refresh: bool = True) -> None:
        del self._notifications[notification]

    def _refresh_notifications(self) -> None:
        self.refreshed = True


def test_a_toast_expiring_as_a_key_gives_the_screen_back_is_withdrawn_without_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The app quit on a key typed at 20x6 as a toast's time ran out: the notifications were
    # listed with ``list()``, which asks their length after taking their iterator, and
    # Textual's length drops the expired ones from the dict being iterated.
    shown = Notifications()
    toast = Notification("a.pdf: no text layer", timeout=5)
    shown.add(toast)
    now = toast.raised_at
    clock = chain([now], repeat(now + 60))  # the toast expires after the first look at it
    monkeypatch.setattr(notifications, "time", lambda: next(clock))
    app = _App(_notifications=shown, size=SimpleNamespace(height=6), screen_stack=[])
    notices.give_screen_back(app)  # type: ignore[arg-type]
    assert list(shown._notifications) == [] and app.refreshed
