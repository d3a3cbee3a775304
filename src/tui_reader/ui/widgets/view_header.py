"""The header of the app's views: Textual's ``Header``, whose title is set again when the app's
or the view's title changes, from a watcher that can run while the view closes.  Textual's
looks up its title widget there and fails when that is already gone (``NoMatches``), which
stopped the app; this one lets the closing view be.  And it sets its title only when the text
changes: Textual's sets it again for each of the four titles it watches, four times as a view
opens, each time the same, each a layout of the view's screen asked for."""

from __future__ import annotations

from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class ViewHeader(Header):
    """``Header`` whose title watchers pass over a header that is being taken down."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header's watchers, not beside them

        shown: Content | None = None  # the text last set

        async def set_title() -> None:
            nonlocal shown
            try:
                title = self.query_one(HeaderTitle)
            except (NoScreen, NoMatches):
                return  # its view is closing: nothing to show the title in
            text = self.format_title()
            if text != shown:
                shown = text
                title.update(text)

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
