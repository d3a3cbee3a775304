"""A worker thread's result reaches the UI only while the widget that asked for it is still
on screen: a screen closed while its worker ran (``escape`` pressed as the codebook placed its
passages, a quit) has no parts left to show it in, and showing it there crashed the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual._context import NoActiveAppError
from textual.widget import Widget


def deliver(widget: Widget, callback: Callable[..., Any], *args: Any) -> None:
    """From a worker thread: run ``callback(*args)`` on the UI thread, unless ``widget`` has
    left the screen by then (looked at on the UI thread, just before the call)."""

    def call() -> None:
        if widget.is_attached:
            callback(*args)

    try:
        app = widget.app
    except NoActiveAppError:  # it has left the app already: nothing to show it in
        return
    app.call_from_thread(call)
