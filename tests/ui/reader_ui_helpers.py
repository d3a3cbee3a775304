"""Helpers for driving the whole app with Pilot (imported by the tests of tests/ui)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tui_reader.ui.screens.main import MainScreen


async def wait_until(pilot: Pilot[object], condition: Callable[[], bool], tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (fails after ``tries`` short pauses)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


async def ready(pilot: Pilot[object]) -> MainScreen:
    """Wait for the first document and the library scan; return the main screen."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await wait_until(
        pilot,
        lambda: (
            screen.reader.document is not None
            and not screen.previewing
            and all(not e.loading for e in screen.library.entries)
        ),
    )
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def status_text(screen: MainScreen) -> str:
    from textual.widgets import Static

    return str(screen.query_one("#status", Static).render())


def screen_lines(screen: MainScreen) -> list[str]:
    """The reading view's visible lines as plain text."""
    reader = screen.reader
    return [reader.render_line(y).text for y in range(reader.size.height)]
