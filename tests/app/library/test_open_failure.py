"""A document that cannot be opened any more: the notification names the file, the document
on show stays under its own title, and the library greys the file with the reason."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, opened, workers_done
from textual.widgets import Static

from tui_reader.ui.screens.main import MainScreen

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_a_vanished_file_is_named_and_the_open_document_stays(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        shown = reader.document
        assert shown is not None
        for _ in range(100):  # the library is read
            await workers_done(app)
            await pilot.pause()
            if all(e.readable for e in screen.library.entries):
                break
        (corpus_copy / SECOND).unlink()
        await pilot.press("greater_than_sign")
        for _ in range(50):
            await workers_done(app)
            await pilot.pause()
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
        assert any(SECOND in m for m in messages), messages
        assert reader.document is shown
        title = str(screen.query_one("#doc-title", Static).render())
        assert shown.title in title and "Cannot open" not in title
        entry = screen.library.entry(app.workspace.key(corpus_copy / SECOND))
        assert entry is not None and entry.error is not None and not entry.readable
        await pilot.press("greater_than_sign")  # no readable document after this one
        await pilot.pause()
        assert reader.document is shown
