"""A seam for a save of seconds (a code renamed on 19,000 passages, or its undo): the store's
method holds the store until the test lets it go, so a test sees what the app does meanwhile."""

from __future__ import annotations

import threading
from typing import Any

from helpers.threads import held_until


class HeldSave:
    """``store.method`` holds the store, as a save of seconds does, until the test lets it go
    (``released``), then saves (``refusal``: raises it instead, as a store refusing the
    save would); ``threads``: where each call ran."""

    def __init__(self, store: Any, method: str, refusal: Exception | None = None) -> None:
        self.started = threading.Event()
        self.released = threading.Event()
        self.saved = threading.Event()
        self.threads: list[threading.Thread] = []
        save = getattr(store, method)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.current_thread())
            with store._mutex:
                self.started.set()
                # (a bound, should the app wait on it: the test then fails, it does not hang)
                held_until(self.released)
                if refusal is not None:
                    raise refusal
                result = save(*args, **kwargs)
            self.saved.set()
            return result

        setattr(store, method, held)


def said(app: Any, words: str) -> bool:
    """Whether a notification of ``app`` still shown holds ``words``."""
    return any(words in str(n.message) for n in app._notifications)
