"""The footer says what the keys do in the library's filter while it is typed: it read
"/ Filter" alone there, though ``/`` types a slash in it, and said nothing of ``enter`` and
``esc``."""

from __future__ import annotations

from helpers.app import AppFactory, bottom_line, ready, wait_until
from textual.pilot import Pilot

from tui_reader.ui.widgets.text_field import TextField


async def _footer_says(pilot: Pilot[object], *words: str) -> str:
    await wait_until(pilot, lambda: all(w in bottom_line(pilot.app) for w in words))
    return bottom_line(pilot.app)


async def test_typing_in_the_library_filter_the_footer_says_what_enter_and_esc_do(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.library.table
        table.focus()
        line = await _footer_says(pilot, "⏎ Open", "/ Filter", "? Help")
        assert "esc" not in line, line  # no filter on: esc does not clear one
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.focused, TextField))
        line = await _footer_says(pilot, "⏎ Keep filter", "esc Clear filter")
        assert "/" not in line.replace("^p", ""), line  # / types a slash here
        await pilot.press(*"mex", "enter")
        await wait_until(pilot, lambda: table.has_focus)
        line = await _footer_says(pilot, "⏎ Open", "/ Filter", "esc Clear filter")
        await pilot.press("escape")
        await wait_until(pilot, lambda: "esc" not in bottom_line(app))


def test_a_field_takes_the_keys_textual_renamed_as_the_characters_they_type() -> None:
    field = TextField()
    for key in ("slash", "minus", "plus", "underscore", "backslash", "at", "q", "equals_sign"):
        assert field.check_consume_key(key, None), key
    for key in ("enter", "escape", "ctrl+u", "f1", "down"):
        assert not field.check_consume_key(key, None), key
