"""``ctrl+q`` (the one key that quits from inside a field) over a dialog holding typed text
asks first, as ``esc`` in the dialog does; with nothing typed it quits at once."""

from __future__ import annotations

from helpers.app import AppFactory, ready, screen_opened_by, wait_until
from textual.widgets import Input, TextArea

from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.confirm import ConfirmScreen


async def test_ctrl_q_over_a_note_typed_asks_and_stay_keeps_it(make_app: AppFactory) -> None:
    """The issue: a note half written and ``ctrl+q`` quit at once, the tags and the note lost
    without a word."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        dialog = app.screen
        await pilot.press(*"border", "tab", *"half a thought", "ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert not app._exit
        await pilot.press("n")  # stay
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#annotate-tags", Input).value == "border"
        assert dialog.query_one("#annotate-note", TextArea).text == "half a thought"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")  # quit
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0 and app.workspace.store.annotations() == []


async def test_ctrl_q_twice_quits_and_nothing_typed_quits_at_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("a", *"border", "ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
