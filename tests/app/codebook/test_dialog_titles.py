"""Dialog titles carry user text (a tag's name, a document's title, a file name): shown as
written, never read as markup (a tag named ``[/x]`` once crashed the colour dialog)."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Input, Static

from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.colours import parse_colour
from tui_reader.core.errors import TagColourError
from tui_reader.ui.screens.memo_dialog import MemoDialog
from tui_reader.ui.screens.tag_dialogs import TagStyleDialog


async def test_titles_with_brackets_are_shown_as_written() -> None:
    app: App[None] = App()
    async with app.run_test(size=(100, 30)) as pilot:
        for dialog, expected in [
            (TagStyleDialog(Tag("[/x]"), "#ff0000", lambda tag: None), "Tag [/x]"),
            (MemoDialog("Memo: [b]bold[/b]", ""), "Memo: [b]bold[/b]"),
        ]:
            await app.push_screen(dialog)
            await pilot.pause()
            titles = [w._border_title.plain for w in dialog.query("*") if w._border_title]
            assert titles == [expected]
            app.pop_screen()
            await pilot.pause()


async def test_the_colour_sample_says_why_a_see_through_colour_is_refused() -> None:
    """A see-through colour typed (#FF336699) showed "not a colour yet" below the field, as a
    colour half typed does, where enter refuses it as see-through: the sample says what
    enter will, while a colour half typed is still "not a colour yet"."""
    app: App[None] = App()
    async with app.run_test(size=(120, 30)) as pilot:
        dialog = TagStyleDialog(Tag("border"), "#ff0000", lambda tag: None)
        await app.push_screen(dialog)
        await pilot.pause()
        field = dialog.query_one("#tag-colour", Input)
        sample = dialog.query_one("#tag-colour-sample", Static)
        opaque = "see-through (an alpha below full): a code's colour must be opaque"
        for typed, said in [("#FF336", "not a colour yet"), ("#FF336699", opaque)]:
            field.value = typed
            await pilot.pause()
            shown = str(sample.render())
            assert said in shown, (typed, shown)
            with pytest.raises(TagColourError, match="see-through" if "see" in said else "not a"):
                parse_colour(typed)
