"""Snapshots of the query view, the reports view and the coding stripes, dark and light,
driven by keys.  Regenerate after an intended change:
``pytest tests/app/analysis/test_snapshots.py --snapshot-update``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from reader_ui_helpers import ready, wait_until
from textual.pilot import Pilot

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.query import QueryScreen
from tui_reader.ui.screens.reports import ReportsScreen

SIZE = (110, 34)
THEMES = ["textual-dark", "textual-light"]


def prepare(theme: str, *keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            screen = pilot.app.screen
            if isinstance(screen, QueryScreen):
                await wait_until(
                    pilot, lambda s=screen: s.scope is not None or s.preset is not None
                )
                await wait_until(pilot, lambda s=screen: not s.running)
            if isinstance(screen, ReportsScreen):
                await wait_until(pilot, lambda s=screen: bool(s.rows))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_query_view(
    snap_compare: Callable[..., bool], analysis_app: Callable[[], ReaderApp], theme: str
) -> None:
    keys = ("Q", *"militarization OR migration", "enter")
    assert snap_compare(analysis_app(), terminal_size=SIZE, run_before=prepare(theme, *keys))


@pytest.mark.parametrize("theme", THEMES)
def test_reports_view(
    snap_compare: Callable[..., bool], analysis_app: Callable[[], ReaderApp], theme: str
) -> None:
    assert snap_compare(analysis_app(), terminal_size=SIZE, run_before=prepare(theme, "R"))


@pytest.mark.parametrize("theme", THEMES)
def test_reports_matrix_by_country(
    snap_compare: Callable[..., bool], analysis_app: Callable[[], ReaderApp], theme: str
) -> None:
    keys = ("R", "m", "b", "down", "right")
    assert snap_compare(analysis_app(), terminal_size=SIZE, run_before=prepare(theme, *keys))


@pytest.mark.parametrize("theme", THEMES)
def test_coding_stripes(
    snap_compare: Callable[..., bool], analysis_app: Callable[[], ReaderApp], theme: str
) -> None:
    keys = ("S", "tab", "G")
    assert snap_compare(analysis_app(), terminal_size=SIZE, run_before=prepare(theme, *keys))
