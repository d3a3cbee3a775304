"""The status line re-fits the document's name when its width changes, not only on a move."""

from __future__ import annotations

from pathlib import Path

from helpers.app import AppFactory, opened

from tui_reader.ui.widgets.status_line import StatusLine

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


async def test_the_name_is_refitted_when_the_status_line_grows(
    make_app: AppFactory, corpus_copy: Path
) -> None:
    app = make_app(open_file=corpus_copy / DOC)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.pause()
        status = app.screen.query_one("#status", StatusLine)
        before = str(status.render())
        assert DOC not in before and "…" in before and "0 annotations" in before
        await pilot.resize_terminal(260, 30)
        await pilot.pause()
        await pilot.pause()
        after = str(status.render())
        assert DOC in after and "0 annotations" in after
