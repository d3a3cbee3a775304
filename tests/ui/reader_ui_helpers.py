"""Helpers for driving the whole app with Pilot (imported by the tests of tests/ui)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

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


ESCAPES = (
    "Start \x1b[31mRED\x1b[0m \x1b]52;c;aGVsbG8=\x07 clip \x1b]8;;http://evil.example\x1b\\link"
    "\x1b]8;;\x1b\\ \x1bP+q544e\x1b\\ dcs \x1b]2;PWNED\x07 title \x1b[2J\x1b[H\x9b31m end.\n"
)
MARKUP = (
    "[bold]not bold[/] and [@click=app.quit]click[/] [red]x[/red] [link=http://x]l[/link] "
    "$accent \\[escaped]\n"
)


def write_hostile_corpus(folder: Path, *, big_mb: int = 0) -> Path:
    """The foundation issue's hostile files (and a ``big.txt`` of ``big_mb`` MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    (folder / "latin1.txt").write_bytes(
        "Peña Nieto visitó el café. Señor Martínez.\n".encode("latin-1") * 20
    )
    (folder / "utf16.txt").write_bytes("UTF-16 text: naïve café.\nSecond line.\n".encode("utf-16"))
    (folder / "crlf.txt").write_bytes(b"CRLF line one.\r\nLine two.\r\n\r\nPara two.\r\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"   \n\t\n   \n")
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    (folder / "longline.txt").write_text(" ".join(f"word{i}" for i in range(300_000))[:2_000_000])
    (folder / "escapes.txt").write_text(ESCAPES * 40)
    (folder / "markup.txt").write_text(MARKUP * 30)
    (folder / "markup.md").write_text(
        "# [bold]Title[/] [@click=app.quit]x[/]\n\nSome *[red]m[/red]*.\n"
    )
    if big_mb:
        line = "The quick brown fox jumps over the lazy dog. " * 20 + "\n\n"
        (folder / "big.txt").write_text(line * (big_mb * 1_000_000 // len(line)))
    return folder


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
