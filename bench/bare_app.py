"""The anchor for first-screen figures: a bare Textual app showing a file's text.

    .venv/bin/python bench/bare_app.py FILE

What any Textual app pays to put text on the screen (imports, driver, one widget, one frame);
``bench/open.py`` and ``bench/scale.py`` time ``tui-reader FILE`` beside it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012 - as a bare app would write it

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Static(self.path.read_text(encoding="utf-8", errors="replace"), markup=False)


if __name__ == "__main__":
    BareApp(Path(sys.argv[1])).run()
