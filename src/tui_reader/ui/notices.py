"""Notifications, always as plain text: messages carry user data (paths, quotes, tag names),
which must never be parsed as markup.  Safe to call from worker threads (``App.notify`` is)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.notifications import SeverityLevel

from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.history import Step, UndoRefused, describe_step


class Notifier(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> Any: ...


def notify_info(
    target: Notifier, message: str, *, title: str = "", timeout: float | None = None
) -> None:
    """A passing message."""
    target.notify(message, title=title, timeout=timeout, markup=False)


def notify_warning(
    target: Notifier, message: str, title: str = "", *, timeout: float | None = None
) -> None:
    """Something the user asked for cannot be done as asked."""
    target.notify(message, title=title, severity="warning", timeout=timeout, markup=False)


def notify_error(
    target: Notifier, error: Exception | str, title: str, *, timeout: float | None = None
) -> None:
    """A failure (a domain error's message is written for a person)."""
    target.notify(str(error), title=title, severity="error", timeout=timeout, markup=False)


def as_sentence(message: str) -> str:
    """``message`` as a sentence: a capital first, a full stop last (domain messages are
    written to follow a colon)."""
    return f"{message[:1].upper()}{message[1:]}."


def history_step(target: Notifier, step: Callable[[], Step], *, redo: bool) -> Step | None:
    """Undo or redo through ``step`` (the store's or the annotator's): what was done is said
    as its step's name; a refusal is said as a sentence, a failure as an error (None then)."""
    try:
        done = step()
    except UndoRefused as exc:
        notify_info(target, as_sentence(str(exc)), timeout=6)
        return None
    except TuiReaderError as exc:
        notify_error(target, exc, "Nothing changed", timeout=10)
        return None
    notify_info(target, describe_step(done, redo=redo), timeout=4)
    return done
