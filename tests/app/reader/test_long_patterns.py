"""A long pattern at ``/`` or ``&`` (a paragraph pasted, a list of alternatives) is named in
its messages by its two ends: the whole of it filled the terminal."""

from __future__ import annotations

import pytest
from helpers.app import AppFactory, pasted, reader_focused, wait_until

from tui_reader.core.wording import QUOTED_AT_MOST
from tui_reader.ui.widgets.reader import ReaderView

LONG = "zq " * 3000  # found nowhere, 9,000 characters


@pytest.mark.parametrize(
    ("key", "pattern", "said"),
    [
        ("slash", LONG + "(", "is not a regular expression"),
        ("ampersand", LONG + "(", "is not a regular expression"),
        ("slash", LONG, "Pattern not found"),
        ("ampersand", LONG, "Pattern not found"),
        ("slash", "\\b" * 3000, "matches only empty text"),
    ],
    ids=[
        "search-no-pattern",
        "filter-no-pattern",
        "search-not-found",
        "filter-not-found",
        "empty-text-only",
    ],
)
async def test_a_long_pattern_is_named_by_its_two_ends(
    make_app: AppFactory, key: str, pattern: str, said: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await reader_focused(pilot)
        await pilot.press(key)
        await pasted(pilot, pattern)
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(said in n.message for n in app._notifications))
        message = next(n.message for n in app._notifications if said in n.message)
        assert len(message) < QUOTED_AT_MOST + 200, len(message)
        assert "…" in message
        assert isinstance(app.focused, ReaderView)
