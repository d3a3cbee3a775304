"""Screens styled once as they open.

A screen's nodes are styled as they mount.  Textual styled them all twice more as the screen
opened: at its first resume (for a theme changed while it was away, and it has only just
mounted) and at its first resize, which gives it its width and height classes (the app's and
the screen's breakpoints: ``-narrow``/``-wide``, ``-short``/``-tall``), a change each time, as
the screen was made with none: two passes of the stylesheet over every node of the screen,
~10 ms each for the codebook's.  A screen mixing in :class:`StyledOnce` is made with the
classes of the terminal's size, so its nodes mount styled with them and its first resize
changes no class, and its first resume leaves its styles as they are.  A later resume (back
from a dialog, the theme maybe changed meanwhile) and a resize that changes a class restyle as
before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual._context import NoActiveAppError
from textual.screen import Screen

if TYPE_CHECKING:
    from textual import events
    from textual.app import App

    _Base = Screen[Any]
else:
    _Base = object


def breakpoint_classes(screen: Screen[Any], app: App[Any]) -> dict[str, bool]:
    """The breakpoint classes ``screen`` has at the terminal's size (each set or not), as
    Textual gives them at a resize."""
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for dimension, points in ((app.size.width, horizontal), (app.size.height, vertical)):
        classes.update(dict.fromkeys(screen._get_breakpoint_classes(dimension, points), True))
    return classes


class StyledOnce(_Base):
    """Mix in before a Textual screen class: ``class Dialog(StyledOnce, ModalScreen[T])``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._first_resume_done = False
        try:
            app = self.app
        except NoActiveAppError:  # made outside an app: its first resize gives them
            return
        self.update_classes(breakpoint_classes(self, app), update=False)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._first_resume_done:  # styled as it mounted, a moment ago
            self._first_resume_done = True
            event.refresh_styles = False
