"""The focus moved at once.

Textual's ``Widget.focus()`` moves the focus later, once the messages already queued are
handled: a key typed right behind the one that moved it (``A`` then ``j``, ``esc`` then
``j``, as a terminal sends keys typed fast or tmux sends a burst in one write) still went
to the widget being left (the text's caret moved instead of the panel's cursor, ``j`` in
the library's filter was lost).  :func:`focus_now` moves it before the next key is taken,
as ``Screen.set_focus`` does; the app moves its focus with it alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import NoScreen

if TYPE_CHECKING:
    from textual.widget import Widget


def focus_now(widget: Widget, scroll_visible: bool = True) -> None:
    """Give ``widget`` the focus now; when it cannot take it yet (not mounted, hidden,
    disabled or loading), as ``Widget.focus()`` gives it, once it may."""
    try:
        screen = widget.screen
    except (NoScreen, RuntimeError):  # not in a screen yet
        screen = None
    if screen is None or not widget.is_attached or not widget.focusable:
        widget.focus(scroll_visible)
        return
    widget.refresh()
    screen.set_focus(widget, scroll_visible=scroll_visible)
