"""Deleting the last annotation from the annotations panel, then ``u``: the panel's list,
emptied and hidden, kept the focus to nothing, so ``u`` (which the message offered) did
nothing; the text now takes the focus and ``u`` brings the annotation back."""

from __future__ import annotations

from helpers.app import AppFactory, ready, wait_until

from tui_reader.ui.widgets.reader import ReaderView


async def test_u_undoes_the_last_annotation_deleted_from_the_panel(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.reader.focus()
        await pilot.press("s", "a")
        await pilot.pause()
        await pilot.press(*"frame", "enter")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 1)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 0)
        await pilot.pause()
        assert isinstance(app.focused, ReaderView)
        await pilot.press("u")
        await wait_until(pilot, lambda: len(screen.pane.placed) == 1)
