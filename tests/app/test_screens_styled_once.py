"""A screen is styled once as it opens: its nodes as they mount, with the classes of the
terminal's size already (``ui/screens/opening.py``).  The codebook was styled whole three
times as it opened (its mount, its first resume, its first resize giving it ``-wide`` and
``-tall``), and its filter field took the focus and gave it back (three more)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import screen_opened_by, wait_until
from helpers.counting import CallRecord, record_calls
from helpers.passages import MEXICO, Annotated
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.codebook import CodebookScreen


def _styled(record: CallRecord, node: object) -> int:
    """How many times ``node`` was styled again, its descendants with it."""
    return sum(1 for args in record.args if args[0] is node)


async def test_the_codebook_opens_styled_once_with_its_size_classes(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(120, 36)) as pilot:
        restyles = record_calls(monkeypatch, App, "update_styles")
        screen = await screen_opened_by(pilot, "T", CodebookScreen)
        await wait_until(pilot, lambda: not screen.placing)
        await pilot.pause()
        assert _styled(restyles, screen) == 0
        assert _styled(restyles, screen.filter_field) == 0  # never focused
        assert screen.focused is screen.tag_tree
        assert screen.has_class("-wide", "-tall")
        assert not screen.has_class("-narrow") and not screen.has_class("-short")
        # A resize that changes a class styles the screen again, as before.
        await pilot.resize_terminal(50, 16)
        await wait_until(pilot, lambda: screen.has_class("-narrow", "-short"))
        assert _styled(restyles, screen) >= 1
        assert not screen.has_class("-wide") and not screen.has_class("-tall")


async def test_a_dialog_in_a_short_terminal_mounts_short(
    annotated: Annotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The annotate dialog in a terminal 14 rows high: its parts on one line each from its
    first frame, its screen never styled again as it opened."""
    app = ReaderApp(annotated.corpus, annotated.db, annotated.corpus / Path(MEXICO).name)
    async with app.run_test(size=(80, 14)) as pilot:
        restyles = record_calls(monkeypatch, App, "update_styles")
        dialog = await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await _shown(pilot, dialog)
        assert dialog.has_class("-short") and not dialog.has_class("-tall")
        assert dialog.query_one("#annotate-tags", Input).region.height == 1
        assert _styled(restyles, dialog) == 0


async def _shown(pilot: Pilot[object], dialog: AnnotateDialog) -> None:
    await wait_until(pilot, lambda: dialog.query_one("#annotate-tags", Input).region.height > 0)
    await pilot.pause()
