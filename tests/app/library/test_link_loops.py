"""Symbolic link loops in the corpus (a link to itself, two links to each other): the app starts,
the library lists them greyed with the reason, and reading goes on (issue 15: the app crashed
at start with a traceback on the terminal)."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, opened, workers_done

from tui_reader.ui.screens.main import MainScreen

FIRST = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_link_loops_are_listed_with_the_reason_and_reading_goes_on(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    (corpus_copy / "self.txt").symlink_to("self.txt")
    (corpus_copy / "ping.txt").symlink_to("pong.txt")
    (corpus_copy / "pong.txt").symlink_to("ping.txt")
    app = make_app(open_file=corpus_copy / FIRST)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await opened(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        loops = [app.workspace.key(corpus_copy / name) for name in ("self.txt", "ping.txt")]
        for _ in range(100):  # the library is read
            await workers_done(app)
            await pilot.pause()
            entries = [screen.library.entry(key) for key in loops]
            if all(e is not None and e.error is not None for e in entries):
                break
        for entry in entries:
            assert entry is not None and not entry.readable
            assert entry.error is not None and "symbolic links" in entry.error
        assert reader.document is not None and reader.document.title
        await pilot.press("j", "greater_than_sign", "less_than_sign")  # still answering
        await workers_done(app)
        assert reader.document is not None
