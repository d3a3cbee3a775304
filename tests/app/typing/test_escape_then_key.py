"""``esc`` and a key typed right behind it, which a terminal (or tmux) sends as one ``alt``
key: the escape runs, then the key, as typed."""

from __future__ import annotations

from helpers.app import ready, screen_opened_by, wait_until
from helpers.passages import Annotated
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import Input

from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.document_details import DocumentDetails


def typed_with_escape(app: ReaderApp, character: str) -> None:
    """``ESC`` and ``character`` as the terminal reader gives them: one key, ``alt+x``."""
    key = events.Key(f"alt+{character}", character)
    key.set_sender(app)
    app.post_message(key)


async def test_esc_then_a_key_closes_the_dialog_and_runs_the_key(annotated: Annotated) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        tags = dialog.query_one("#annotate-tags")
        await wait_until(pilot, lambda: tags.has_focus)
        typed_with_escape(app, "i")  # esc closes the dialog, i shows the details
        # (a busy machine takes a while to close one screen and open the other)
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentDetails), tries=1000)
        details = app.screen
        assert isinstance(details, DocumentDetails)
        await wait_until(pilot, lambda: details.document is not None, tries=1000)
        assert dialog not in app.screen_stack


async def test_esc_then_a_key_in_the_text_cancels_the_selection_and_moves(
    annotated: Annotated,
) -> None:
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await ready(pilot)
        main.reader.focus()
        await pilot.press("v", "w")
        await wait_until(pilot, lambda: main.reader.selection is not None)
        line = main.reader.line_number
        typed_with_escape(app, "j")
        await wait_until(pilot, lambda: main.reader.line_number == line + 1)
        assert main.reader.selection is None


def read_from_terminal(app: ReaderApp, data: str) -> None:
    """``data`` as the app's terminal reader makes keys of it, read at once (escape_keys
    installed, as the app installs it)."""
    parser = XTermParser()
    for token in [*parser.feed(data), *parser.feed("")]:
        if isinstance(token, events.Key):
            token.set_sender(app)
            app.post_message(token)


async def test_esc_then_b_in_the_text_cancels_the_selection_and_goes_back_a_word(
    annotated: Annotated,
) -> None:
    """``ESC b`` is what a macOS terminal sends for Option+left, and Textual reads it as
    ctrl+left, which the text does not bind: esc then b typed fast left the selection on and
    the caret where it was."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(110, 36)) as pilot:
        main = await ready(pilot)
        reader = main.reader
        reader.focus()
        await pilot.press("w", "w", "v", "w")
        await wait_until(pilot, lambda: reader.selection is not None)
        caret = reader.caret
        read_from_terminal(app, "\x1bb")
        await wait_until(pilot, lambda: reader.caret < caret)
        assert reader.selection is None


async def test_esc_b_in_a_field_still_goes_a_word_left(annotated: Annotated) -> None:
    """In a field ``ESC b`` stays the word left a macOS Option+left means."""
    app = ReaderApp(annotated.corpus, annotated.db, measure=80)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await screen_opened_by(pilot, "a", AnnotateDialog, from_reader=True)
        tags = dialog.query_one("#annotate-tags", Input)
        await wait_until(pilot, lambda: tags.has_focus)
        await pilot.press(*"one two")
        await wait_until(pilot, lambda: tags.cursor_position == len("one two"))
        read_from_terminal(app, "\x1bb")
        await wait_until(pilot, lambda: tags.cursor_position == len("one "))
        assert app.screen is dialog
