"""A translucent screen (a dialog, the help, the command palette) draws the screen directly
below it on the app's stack, and only that one.

Textual's ``Screen.render`` takes the screen to draw beneath from a list of the screens below
the top one, each translucent screen drawn taking the last of those left.  That holds while
every screen of the chain draws itself anew in order; but a screen keeps what it drew until
its next refresh, and one drawn again from what it kept takes nothing from the list.  When
the top two of three translucent screens drew from what they kept (a screen marked to draw
its lines again, as a screen below the top one is when a part of it changes, without a
refresh: the top screen, or one brought to the top before its resume is handled), and the
lowest was refreshed (a resize, a change of its own), the lowest took the middle one, above
it, to draw beneath it, and the middle one drew the lowest: each drew the other until
Python's limit, a ``RecursionError`` that ended the app (seen twice under random keys on a
loaded machine).  Here each translucent screen draws the screen below it on its stack, so a
chain of screens drawn beneath each other only goes down, and ends."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen


def screen_below(screen: Screen[Any]) -> Screen[Any] | None:
    """The screen directly below ``screen`` on the app's stack (the current mode's, where
    every screen of this app is); None when it is the bottom one or on no stack (closing)."""
    stack = screen.app.screen_stack
    for number, each in enumerate(stack):
        if each is screen:
            return stack[number - 1] if number else None
    return None


class DrawsTheScreenBelow:
    """Mix in before a Textual screen class: ``class Dialog(DrawsTheScreenBelow, ...)``."""

    def render(self) -> RenderableType:
        assert isinstance(self, Screen)
        background = self.styles.background
        if background.a < 1:
            below = screen_below(self)
            if below is not None:
                return BackgroundScreen(below, background)
        return super().render()  # type: ignore[misc, no-any-return]
