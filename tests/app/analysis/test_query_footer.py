"""The footer says what ``enter`` does in the query field: it read "esc Close" alone there,
though ``enter`` runs the query (and goes to its passages)."""

from __future__ import annotations

from helpers.analysis import analysis_app, query_view_opened
from helpers.app import bottom_line, wait_until
from helpers.passages import Annotated


async def test_typing_a_query_the_footer_says_that_enter_runs_it(annotated: Annotated) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        await wait_until(pilot, lambda: screen.input.has_focus and not screen.running)
        await wait_until(pilot, lambda: "⏎ Run query" in bottom_line(app))
        assert "esc Close" in bottom_line(app), bottom_line(app)
        await pilot.press(*"militarization", "enter")
        await wait_until(pilot, lambda: screen.passage_list.has_focus)
        # over the passages, enter opens one (said in the help): the query's enter is gone
        await wait_until(pilot, lambda: "Run query" not in bottom_line(app))
        assert "/ Edit the query" in bottom_line(app), bottom_line(app)
