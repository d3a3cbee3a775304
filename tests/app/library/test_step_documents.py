"""`>` and `<` work while the library is still being read (right after start-up)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from helpers.app import AppFactory, opened, workers_done

from tui_reader.ui.screens.main import MainScreen

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SECOND = "us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


async def test_next_document_while_the_library_is_loading(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await workers_done(app)
        for entry in screen.library.entries:  # as at start-up, before the scan
            screen.library.update_entry(replace(entry, loading=True))
        await pilot.press("greater_than_sign")
        for _ in range(50):
            await workers_done(app)
            await pilot.pause()
            if reader.document is not None and reader.document.path.name == SECOND:
                break
        assert reader.document is not None and reader.document.path.name == SECOND
        await pilot.press("greater_than_sign")  # the last one: says so, stays
        await pilot.pause()
        assert any("No next document" in n.message for n in app._notifications)
        assert reader.document.path.name == SECOND
