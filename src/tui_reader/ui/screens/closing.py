"""Screens that close once: Textual's ``Screen.dismiss`` pops whatever screen is on top, so a
key that was queued for a screen before it closed (``escape`` pressed twice, ``enter`` then
``escape`` sent fast) would close the screen under it too: the main screen, then the app
with ``ScreenStackError``, or set a result twice (``InvalidStateError``).  A screen that is no
longer the one on top ignores its dismiss.

Keys typed very fast also close a screen before its mount is handled: by then its inner
widgets are gone, and a mount that looks one up stops the app (``NoMatches``).  Such a mount
has nothing to set up: it asks :meth:`ClosesOnce.closed_as_opened` first."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen


class ClosesOnce:
    """Mix in before a Textual screen class: ``class Dialog(ClosesOnce, ModalScreen[T])``."""

    def closed_as_opened(self) -> bool:
        """True when the screen was closed before its mount came (its parts let go of, or
        going): no longer on the app's stack, or the app quitting."""
        assert isinstance(self, Screen)
        return not self.is_attached or self not in self.app.screen_stack

    def dismiss(self, result: Any = None) -> AwaitComplete:
        assert isinstance(self, Screen)
        if self.app.screen is not self:  # closed already, or covered: not ours to pop
            return AwaitComplete()  # done at once
        closing: AwaitComplete = super().dismiss(result)  # type: ignore[misc]
        return closing
