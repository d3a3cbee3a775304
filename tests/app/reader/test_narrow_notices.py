"""A notification in a narrow terminal takes the width and few lines, not half the screen."""

from __future__ import annotations

import pytest
from helpers.app import AppFactory, ready, wait_until
from textual.app import App
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


COMPARED = (
    "Left: ana, right: ben. 3 places where you disagree in this document: d / D go from one "
    "to the next."
)


@pytest.mark.parametrize("size", [(40, 12), (40, 16), (50, 16), (70, 20)])
async def test_a_notification_shows_its_last_line(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """At 40x12 comparing coders said '... d / D go from one to the' and no 'next.': the
    notification's last line was under the footer (its rack measured its lines on a width
    other than the one they were drawn on; at 70 columns too, in its corner).  Every line of
    it is above the footer."""
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot)
        message = f"{COMPARED} {COMPARED}"
        for cut in range(60, len(message) + 1, 4):
            app.clear_notifications()
            said = message[:cut]
            notify_error(app, said, "Compare coders")
            # The rack shows the new toast alone: the one before it removed in the same step.
            await wait_until(pilot, lambda s=said: shown_messages(app) == [s])
            await pilot.pause()
            toast = app.screen.query_one(Toast)
            assert toast.region.bottom <= size[1] - 1, (cut, toast.region)  # the footer's row


def shown_messages(app: App[object]) -> list[str]:
    """The messages of the toasts on the screen."""
    return [toast._notification.message for toast in app.screen.query(Toast)]
