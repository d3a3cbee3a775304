"""A warning taken back leaves nothing behind in the screen's notification area."""

from __future__ import annotations

from helpers.app import AppFactory, ready, wait_until
from textual.widgets._toast import Toast, ToastHolder, ToastRack

from tui_reader.ui.notices import Said


async def test_warnings_taken_back_leave_no_empty_holder_behind(make_app: AppFactory) -> None:
    """Each warning a view takes back (a query's, each "Exporting annotations…") left its
    toast's holder, empty, in the notification area: a long session laid out more and more
    of them at each frame."""
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(pilot)
        rack = app.screen.query_one(ToastRack)
        said = Said()
        for round_ in range(6):
            said.warn(app, f"Unknown code: militarisation{round_}", "Query")
            await wait_until(pilot, lambda: len(rack.query(Toast)) == 1)
            said.take_back(app)
            await wait_until(pilot, lambda: not rack.query(Toast))
        await pilot.pause()
        assert not rack.query(ToastHolder), [holder.id for holder in rack.query(ToastHolder)]
        said.warn(app, "Unknown code: actors/mx", "Query")  # the next still shows
        await wait_until(pilot, lambda: len(rack.query(Toast)) == 1)
