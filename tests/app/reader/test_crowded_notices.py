"""Notifications said one after another at 80x24 leave the text and the status line readable."""

from __future__ import annotations

from helpers.app import AppFactory, ready, wait_until
from textual.widgets._toast import Toast

from tui_reader.ui.notices import notify_info, notify_warning
from tui_reader.ui.reading_pane.status_line import StatusLine


async def test_passing_notices_said_in_a_row_do_not_cover_the_text_and_status_line(
    make_app: AppFactory,
) -> None:
    """A few keys at 80x24 (n twice at the bottom, ], d, u) stacked five toasts over the
    right half of the screen, from its top to the status line, covered too: "Search hit the
    bottom" twice, one under the other.  A message said again replaces its toast; passing
    ones beyond what the height has room for go, the oldest first; a warning stays its
    time; the status line is never under them."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        notify_warning(app, "2 documents could not be read: a.txt, b.txt")
        for message in (
            "Search hit the bottom: on from the top",
            "Search hit the bottom: on from the top",
            "No annotation after the caret.",
            "Compare two coders first (K).",
            "Undone: set attributes country, type of report.pdf.",
        ):
            notify_info(app, message)
            await pilot.pause()
        await wait_until(pilot, lambda: "Undone" in _toasts(app)[-1])
        await pilot.pause()
        shown = _toasts(app)
        assert shown[0].startswith("2 documents could not be read"), shown
        assert shown[-1].startswith("Undone"), shown
        assert len(shown) <= 3, shown  # the warning and two passing ones
        assert len(set(shown)) == len(shown), shown
        status = app.screen.query_one(StatusLine)
        for toast in app.screen.query(Toast):
            assert toast.region.bottom <= status.region.y, (toast.region, status.region)


def _toasts(app: object) -> list[str]:
    from textual.app import App

    assert isinstance(app, App)
    return [str(toast.render()).split("\n")[0] for toast in app.screen.query(Toast)]


async def test_a_notice_over_a_dialog_leaves_the_status_line_below_it_readable(
    make_app: AppFactory,
) -> None:
    """At 100x30, a warning ("No tag 5: the codebook has 0 tags...") stood over the status
    line once % opened its dialog: the dialog's notices, docked above its keys, covered the
    line the screen below keeps clear of them ("mexico-hosts…pe▌")."""
    from tui_reader.ui.screens.goto_page import GotoPercentDialog

    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        notify_warning(app, "No tag 5: the codebook has 0 tags. Press a to create tags.")
        await wait_until(pilot, lambda: any("No tag 5" in t for t in _toasts(app)))
        status = app.screen.query_one(StatusLine)
        await pilot.press("percent_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, GotoPercentDialog))
        await wait_until(pilot, lambda: any("No tag 5" in t for t in _toasts(app)))
        await wait_until(pilot, lambda: all(t.region.height for t in app.screen.query(Toast)))
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            assert toast.region.bottom <= status.region.y, (toast.region, status.region)
