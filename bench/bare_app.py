"""The anchor for first-screen and key figures: a bare Textual app showing a file's text.

    .venv/bin/python bench/bare_app.py FILE [MAX_BYTES]

What any Textual app pays to put text on the screen (imports, driver, one widget, one frame);
``bench/open.py`` and ``bench/scale.py`` time ``tui-reader FILE`` beside it.  For the key
figures it scrolls (``j``/``k`` a line, ``space``/``b`` or PageUp a page, ``G``/``g`` the ends):
each redraws the whole view, Textual's own cost of a new screen of text; MAX_BYTES keeps a big
file's Static small enough for Rich to lay out.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static


class BareApp(App[None]):
    # Priority: the app's own scroll for each key, not the focused view's (which animates
    # PageUp); no animation, as tui-reader's keys.
    BINDINGS = [  # noqa: RUF012 - as a bare app would write it
        Binding("q", "quit", "Quit"),
        Binding("j", "scroll('down')", priority=True),
        Binding("k", "scroll('up')", priority=True),
        Binding("space", "scroll('page_down')", priority=True),
        Binding("b,pageup", "scroll('page_up')", priority=True),
        Binding("G", "scroll('end')", priority=True),
        Binding("g", "scroll('home')", priority=True),
    ]

    def __init__(self, path: Path, max_bytes: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.max_bytes = max_bytes

    def compose(self) -> ComposeResult:
        if self.max_bytes is None:  # the first-screen anchor: one widget
            yield Static(self.path.read_text(encoding="utf-8", errors="replace"), markup=False)
            return
        with open(self.path, "rb") as handle:
            data = handle.read(self.max_bytes)
        with VerticalScroll():  # the keys' anchor: a view that scrolls
            yield Static(data.decode("utf-8", errors="ignore"), markup=False)

    def action_scroll(self, where: str) -> None:
        views = self.query(VerticalScroll)
        if not views:
            return
        view = views.first()
        {
            "down": lambda: view.scroll_relative(y=1, animate=False),
            "up": lambda: view.scroll_relative(y=-1, animate=False),
            "page_down": lambda: view.scroll_page_down(animate=False),
            "page_up": lambda: view.scroll_page_up(animate=False),
            "end": lambda: view.scroll_end(animate=False),
            "home": lambda: view.scroll_home(animate=False),
        }[where]()


if __name__ == "__main__":
    BareApp(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None).run()
