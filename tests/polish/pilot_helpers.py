"""Waiting for the app in Pilot tests."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.widgets.reader import ReaderView

AppFactory = Callable[..., ReaderApp]


async def opened(pilot: Pilot[int]) -> ReaderView:
    """Wait until the app shows a document; returns the reading view."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        views = app.screen.query(ReaderView)
        if views and views.first().document is not None:
            return views.first()
    raise AssertionError("the document did not open")
