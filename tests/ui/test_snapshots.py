"""Snapshots of the library with a document, search hits and the help screen, dark and light.

Regenerate after an intended change: ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from reader_ui_helpers import ready, wait_until
from textual.pilot import Pilot

from tui_reader.ui.app import ReaderApp

SIZE = (110, 32)
THEMES = ["textual-dark", "textual-light"]


def prepare(theme: str, *keys: str, search: bool = False) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        screen = await ready(pilot)
        if keys:
            await pilot.press(*keys)
        if search:
            await wait_until(pilot, lambda: bool(screen.hits))
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_library_and_document(
    snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=prepare(theme))


@pytest.mark.parametrize("theme", THEMES)
def test_search_hits(
    snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
) -> None:
    keys = ("tab", "slash", *"mexico", "enter", "n")
    assert snap_compare(
        make_app(), terminal_size=SIZE, run_before=prepare(theme, *keys, search=True)
    )


@pytest.mark.parametrize("theme", THEMES)
def test_help_screen(
    snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp], theme: str
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=prepare(theme, "question_mark"))
