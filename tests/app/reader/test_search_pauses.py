"""The text view's searches run in a worker beside the keys: ``/`` (and ``&``, which finds
its lines by the same search) pause between slices of the text, so a key is answered while
a 50 MB text is searched (``/`` held the interpreter a tenth of a second and more at a time)."""

from __future__ import annotations

import pytest
from helpers.app import AppFactory, reader_focused, wait_until

from tui_reader.core.search import hits
from tui_reader.ui.reading_pane import line_filter, search


@pytest.mark.parametrize("key", ["slash", "ampersand"])
async def test_the_search_pauses_between_slices_of_the_text(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    paused: list[int] = []
    for module in (search, line_filter):
        monkeypatch.setattr(module, "yield_to_keys", lambda: paused.append(1), raising=False)
    monkeypatch.setattr(hits, "PAUSED_SLICE", 256, raising=False)  # the text: many slices
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen, reader = await reader_focused(pilot)
        text = reader.document.text  # type: ignore[union-attr]
        await pilot.press(key, *"Mexico", "enter")
        column = screen.column
        await wait_until(
            pilot, lambda: not column.search.searching and not column.line_filter.filtering
        )
        assert len(paused) >= len(text) // 256 - 1
