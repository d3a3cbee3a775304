"""Dialog titles carry user text (a tag's name, a document's title, a file name): shown as
written, never read as markup (a tag named ``[/x]`` once crashed the colour dialog)."""

from __future__ import annotations

from textual.app import App

from tui_reader.core.annotations.model import Tag
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
