"""The status line under the reading view: the document's name and the reading figures.

The figures always show; the name takes the room left and is clipped to it, again whenever
the line's width changes (a pane shown or hidden beside it), not only when the figures do.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui_reader.core.display import shown

SEPARATOR = "  ·  "


class StatusLine(Static):
    """One line: ``name  ·  figures``, the name clipped to the width left by the figures."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(""), id=id, classes=classes)
        self._label = ""
        self._details = ""

    def show(self, name: str, details: str) -> None:
        """Show ``details`` in full and as much of ``name`` as fits (nothing under 8 cells)."""
        self._label, self._details = shown(name), shown(details)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        room = self.content_region.width - len(self._details) - len(SEPARATOR)
        name = _clip(self._label, room) if room >= 8 else ""
        self.update(Text.assemble((name, "bold"), SEPARATOR if name else "", self._details))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
