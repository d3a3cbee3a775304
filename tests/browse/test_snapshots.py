"""Snapshot of the codebook screen: the tag tree and the passages of ``militarization``.

Regenerate after an intended change: ``pytest tests/browse/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from browse_helpers import Annotated
from reader_ui_helpers import ready, wait_until
from textual.pilot import Pilot

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.codebook import CodebookScreen


async def run_before(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await ready(pilot)
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(app.screen, CodebookScreen))
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    await wait_until(pilot, lambda: not screen.placing)
    await pilot.press("j", "j")
    await wait_until(pilot, lambda: screen.selected == "militarization")
    await pilot.pause()


def test_codebook_screen(snap_compare: Callable[..., bool], annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    assert snap_compare(app, terminal_size=(110, 30), run_before=run_before)
