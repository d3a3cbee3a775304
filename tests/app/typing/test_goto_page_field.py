"""The page dialog's answer to a page it does not have."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app import AppFactory, main_screen, ready, wait_until
from textual.widgets import Input, Static

from tui_reader.ui.screens.goto_page import GotoPageDialog


async def test_a_pasted_run_of_digits_is_answered_in_one_short_line(make_app: AppFactory) -> None:
    """5,000 digits pasted in the page field were said back whole ("No page 99999…: 1 to
    12."), the error a hundred lines tall at 60x20 with the field out of view.  The answer
    names the number's start and its length, one line."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        dialog = GotoPageDialog(12, 1)
        app.push_screen(dialog)
        await wait_until(pilot, lambda: app.screen is dialog)
        await pilot.pause()
        field = dialog.query_one("#page-number", Input)
        field.value = "9" * 5_000
        await pilot.press("enter")
        await pilot.pause()
        said = str(dialog.query_one(".dialog-error", Static).render())
        assert app.screen is dialog and "1 to 12" in said
        assert len(said) < 60, said
        assert "5,000 digits" in said
        field.value = "13"
        await pilot.press("enter")
        await pilot.pause()
        assert str(dialog.query_one(".dialog-error", Static).render()) == "No page 13: 1 to 12."


@pytest.mark.parametrize("key", ["P", "t"])
async def test_a_key_for_the_open_document_with_none_open_says_to_open_one(
    make_app: AppFactory, tmp_path: Path, key: str
) -> None:
    """P in an empty folder said "This document has no pages." where no document was open;
    t (select the speaker's turn) "No speaker turns in this document." """
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus=empty)
    async with app.run_test(size=(60, 20)) as pilot:
        main = await main_screen(pilot)
        await wait_until(pilot, lambda: main.library.listed)
        main.reader.focus()
        await pilot.press(key)

        def said() -> list[str]:  # besides the empty folder's own notice
            return [n.message for n in app._notifications if n.title != "No documents"]

        await wait_until(pilot, lambda: bool(said()))
        assert said() == ["Open a document first."]
