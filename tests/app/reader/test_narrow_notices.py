"""A notification in a narrow terminal takes the width and few lines, not half the screen."""

from __future__ import annotations

import pytest
from helpers.app import AppFactory, ready, wait_until
from textual.widgets._toast import Toast

from tui_reader.ui.notices import notify_error

MESSAGE = (
    "/home/ana/fieldwork/interviews/mexico-hosts-southcom-conference.txt: cannot be read "
    "(permission denied)"
)


@pytest.mark.parametrize("size", [(40, 12), (50, 16)])
async def test_a_notification_in_a_narrow_terminal_leaves_the_text_in_sight(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        notify_error(app, MESSAGE, "Not opened")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        width, height = size
        # Its words on the whole width: the title and the message in a few lines.
        assert toast.region.width >= width - 2
        assert toast.region.height <= 5
        assert toast.region.height * 3 <= height


async def test_a_notification_in_a_wide_terminal_stays_in_its_corner(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        notify_error(app, MESSAGE, "Not opened")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.pause()
        assert app.screen.query_one(Toast).region.width <= 60
