"""``esc`` and a key typed right behind it, which a terminal (or tmux) sends as one ``alt``
key: the escape runs, then the key, as typed."""

from __future__ import annotations

from helpers.app import ready, screen_opened_by, wait_until
from helpers.passages import Annotated
from textual import events

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
