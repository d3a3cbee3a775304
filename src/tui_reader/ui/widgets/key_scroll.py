"""A body of text that scrolls by the keys of a list (the help, the reports' charts).

Textual's scroll containers bind the arrow and page keys to a scroll animated and deferred to
the next frame, each aimed from where the last one aimed by then: a burst of them (a key held
down) moved a line or two, not a line each, and ``j``/``k`` did nothing.  Here every key of
the ``scroll`` group (:mod:`tui_reader.ui.keymap`) scrolls at once, from where the last one
aimed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget

from tui_reader.ui import keymap
from tui_reader.ui.widgets.key_bursts import KeysFollowFocus


class KeyScroll(VerticalScroll, KeysFollowFocus, inherit_bindings=False):
    """A vertical scroll whose keys (``j``/``k``, arrows, ``g``/``G``, home/end, page keys)
    each move it at once; the keys of a burst typed behind one that closes its screen
    (``esc``, ``Q`` and a query) go where the focus went (:class:`KeysFollowFocus`: they
    were lost here, on the help closing).

    ``VerticalScroll`` first: Textual takes a widget's styles from its first base's line
    alone, and with :class:`KeysFollowFocus` first the body lost the scroll container's
    (no overflow: it no longer scrolled) and its focus (it took no key)."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("scroll")

    def action_scroll_body(self, where: str) -> None:
        """Scroll a line (``down``/``up``), a page (``page_down``/``page_up``), or to the
        ``home``/``end``."""
        if not self.size.height or self.virtual_size.height <= 1:  # not laid out yet
            self.call_after_refresh(self.action_scroll_body, where)
            return
        scrolled_at_once(self, where)


def scrolled_at_once(widget: Widget, where: str) -> None:
    """Scroll ``widget`` a line (``down``/``up``), a page (``page_down``/``page_up``), or to
    the ``home``/``end``, at once, from where the last scroll aimed."""
    if where in ("page_down", "page_up"):
        page = max(1, widget.scrollable_content_region.height - 1)
        step = page if where == "page_down" else -page
        widget.scroll_to(y=widget.scroll_target_y + step, animate=False, immediate=True)
        return
    getattr(widget, f"scroll_{where}")(animate=False, immediate=True)
