"""A notification in a narrow terminal takes the width and few lines, not half the screen."""

from __future__ import annotations

from helpers.app import AppFactory, ready, wait_until
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from tui_reader.ui.notices import notify_error
from tui_reader.ui.widgets.reader import ReaderView

MESSAGE = (
    "/home/ana/fieldwork/interviews/mexico-hosts-southcom-conference.txt: cannot be read "
    "(permission denied)"
)


async def test_a_notification_in_a_narrow_terminal_leaves_the_text_in_sight(
    make_app: AppFactory,
) -> None:
    """At 40x12 and 50x16 (one app, resized): its words on the whole width, the title and
    the message in a few lines."""
    app = make_app()
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await ready(pilot)
        for size in ((40, 12), (50, 16)):
            toast = await notified_at(pilot, size, MESSAGE, "Not opened")
            width, height = size
            assert toast.region.width >= width - 2, (size, toast.region)
            assert toast.region.height <= 5, (size, toast.region)
            assert toast.region.height * 3 <= height, (size, toast.region)


async def test_a_notification_in_a_wide_terminal_stays_in_its_corner(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        toast = await notified_at(pilot, (120, 40), MESSAGE, "Not opened")
        assert toast.region.width <= 60


COMPARED = (
    "Left: ana, right: ben. 3 places where you disagree in this document: d / D go from one "
    "to the next."
)


async def test_a_notification_shows_its_last_line(make_app: AppFactory) -> None:
    """At 40x12 comparing coders said '... d / D go from one to the' and no 'next.': the
    notification's last line was under the footer (its rack measured its lines on a width
    other than the one they were drawn on; at 70 columns too, in its corner).  Every line of
    it is above the footer, at each size in turn (one app, resized) and a length of the
    message every 12 characters: with the rack's gutter back, each size has lengths among
    them whose last line went under the footer (40 columns from 72 on, 50 and 70 at 180; a
    length every 4 and 40x16 as well found no size the fewer missed)."""
    app = make_app()
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await ready(pilot)
        message = f"{COMPARED} {COMPARED}"
        for size in ((40, 12), (50, 16), (70, 20)):
            for cut in range(60, len(message) + 1, 12):
                toast = await notified_at(pilot, size, message[:cut], "Compare coders")
                footer = size[1] - 1  # the footer's row
                assert toast.region.bottom <= footer, (size, cut, toast.region)


async def notified_at(
    pilot: Pilot[object], size: tuple[int, int], message: str, title: str
) -> Toast:
    """The app at ``size`` (resized when it is not), ``message`` notified alone: its toast,
    laid out."""
    app = pilot.app
    if (app.size.width, app.size.height) != size:
        await pilot.resize_terminal(*size)
        await wait_until(pilot, lambda: (app.screen.size.width, app.screen.size.height) == size)
    for shown in app.screen.query(Toast):
        # Taken away as a click takes it, with the holder Textual wraps it in (the holder
        # stays in the rack when the notifications are cleared: the rack grew, and each
        # layout of it slower, with every toast the test showed).
        shown._expire()
    notify_error(app, message, title)
    await wait_until(pilot, lambda: shown_messages(app) == [message])
    # laid out (on a loaded machine a pause could end before the toast had its place)
    await wait_until(pilot, lambda: app.screen.query_one(Toast).region.width > 0)
    await pilot.pause()
    return app.screen.query_one(Toast)


def shown_messages(app: App[object]) -> list[str]:
    """The messages of the toasts on the screen."""
    return [toast._notification.message for toast in app.screen.query(Toast)]


async def test_a_key_takes_a_notification_off_a_short_terminal(make_app: AppFactory) -> None:
    """At 20x6 and 30x8 a long notification covered the screen for up to ten seconds and no
    key took it away: the text and what was typed were under it.  A key typed gives the
    screen back and does what it does (the caret moves); on a tall terminal, where a toast
    sits in its corner, a key leaves it."""
    app = make_app()
    async with app.run_test(size=(20, 6), notifications=True) as pilot:
        (await ready(pilot)).reader.focus()
        reader = app.screen.query_one(ReaderView)
        for size in ((20, 6), (30, 8)):
            await notified_at(pilot, size, MESSAGE, "Not opened")
            caret = reader.caret
            await pilot.press("w")
            await wait_until(pilot, lambda: shown_messages(app) == [], tries=25)  # (not timed out)
            assert reader.caret > caret, size
        await notified_at(pilot, (120, 40), MESSAGE, "Not opened")
        await pilot.press("w")
        await pilot.pause()
        assert shown_messages(app) == [MESSAGE]


EXPORTED = "Wrote 12 annotations to /home/ana/fieldwork/interviews/2026/annotations-export.csv"


async def test_a_notification_at_80_columns_breaks_a_path_at_a_slash(
    make_app: AppFactory,
) -> None:
    """At 80x24 an export's notice broke its path inside the file name: ".../annotations-
    export.cs" above a lone "v", which read as a ``.cs`` file.  A path breaks after a ``/``:
    each of its folders and its file name is whole on a line, the title too, at 80 columns
    and, in a narrow terminal where the toast takes the width, at 50."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        for size in ((80, 24), (50, 16)):
            toast = await notified_at(pilot, size, EXPORTED, "Exported as CSV")
            region = Region(0, 0, toast.size.width, toast.size.height)
            lines = [strip.text.strip(" ▌") for strip in toast.render_lines(region)]
            assert lines[0] == "Exported as CSV", (size, lines)
            shown = [line for line in lines[1:] if line]
            assert " ".join(shown).replace("/ ", "/") == EXPORTED, (size, shown)
            for name in EXPORTED.split("/")[1:]:
                assert any(name in line for line in shown), (size, name, shown)
            assert len(shown) > 1, (size, shown)  # the path did not fit on one line
