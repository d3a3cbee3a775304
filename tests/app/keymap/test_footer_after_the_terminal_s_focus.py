"""The footer showed the library's keys ("Open  Filter") while the keys went to the reading
view, where `x` asks to delete an annotation: the focus had moved while the terminal was not
focused (its keys are then not looked at), and the terminal's focus came back with a key
typed, which Textual takes as the focus given back without a word to the footer."""

from __future__ import annotations

from pathlib import Path

from helpers.app import ready, wait_until
from textual import events
from textual.widgets._footer import FooterKey

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.widgets.library_table import LibraryTable
from tui_reader.ui.widgets.steady_footer import SteadyFooter


def _footer_words(app: ReaderApp) -> list[str]:
    footer = app.screen.query_one(SteadyFooter)
    return [key.description for key in footer.children if isinstance(key, FooterKey)]


async def test_the_footer_follows_a_focus_moved_while_the_terminal_was_not_focused(
    corpus_copy: Path, tmp_path: Path
) -> None:
    app = ReaderApp(corpus_copy, tmp_path / "db.json")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        library = app.screen.query_one(LibraryTable)
        library.focus()
        await wait_until(pilot, lambda: "Open" in _footer_words(app))
        app.post_message(events.AppBlur())  # another window taken to the front
        await wait_until(pilot, lambda: not app.app_focus)
        screen.reader.focus()  # as a document opening moves it
        await pilot.pause()
        await pilot.press("j")  # back at the terminal, with no focus-in report
        await wait_until(pilot, lambda: "Annotate" in _footer_words(app))
        assert app.app_focus and screen.reader.has_focus
        assert "Open" not in _footer_words(app)
