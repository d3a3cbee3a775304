"""``ctrl+u`` then a new query and ``enter``, typed at once in the query view: on the passages
of the last query, ``ctrl+u`` did nothing and the letters typed next went to the end of the
last query (``militarizationmigration`` ran); after a query that found nothing, the field
kept the focus and ``ctrl+u`` cleared it.  The same keys now run the new query either way."""

from __future__ import annotations

import pytest
from helpers.analysis import analysis_app, query_view_opened
from helpers.app import burst, wait_until
from helpers.passages import Annotated


@pytest.mark.parametrize(
    ("last", "found"), [("militarization", True), ("militarization AND camp", False)]
)
async def test_ctrl_u_and_a_new_query_run_the_new_query_whatever_the_last_found(
    annotated: Annotated, last: str, found: bool
) -> None:
    app = analysis_app(annotated)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await query_view_opened(pilot)
        await burst(pilot, [*last, "enter"])
        await wait_until(pilot, lambda: screen.query_text == last and not screen.running)
        await pilot.pause()
        assert bool(screen.matches) is found
        assert screen.passage_list.has_focus is found
        await burst(pilot, ["ctrl+u", *"migration", "enter"])
        await wait_until(pilot, lambda: screen.query_text == "migration" and not screen.running)
        assert screen.input.value == "migration"
        assert [p.annotation.tags for p in screen.matches] == [("migration/deportation",)]
        assert screen.passage_list.has_focus
