"""Keys typed as the app starts, before its first screen has focused anything (a loaded
machine: a second or more), go where they would have gone once it had: ``a`` and a tag
typed then annotate with that tag."""

from __future__ import annotations

from pathlib import Path

from helpers.app import terminal_key, wait_until
from helpers.passages import Annotated
from textual.widgets import Input

from tui_reader.ui import app as ui_app
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.annotate_dialog import AnnotateDialog
from tui_reader.ui.screens.main import MainScreen


class TypedAhead(ReaderApp):
    """The app with keys already typed, waiting in its queue, as its first screen is made."""

    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def __init__(self, annotated: Annotated, keys: list[str]) -> None:
        doc = sorted(annotated.corpus.iterdir())[0]
        super().__init__(annotated.corpus, annotated.db, open_file=doc)
        self.keys = keys

    def get_default_screen(self) -> MainScreen:
        screen = super().get_default_screen()
        for key in self.keys:
            event = terminal_key(key)
            event.set_sender(self)
            self.post_message(event)
        return screen


async def test_a_tag_typed_as_the_app_starts_goes_to_the_annotate_dialog(
    annotated: Annotated,
) -> None:
    """``a`` and ``xyz`` typed before the first screen had the focus: the annotate dialog
    opens with ``xyz`` in its tags field.  The keys reached the screen with nothing focused
    and came back to the app, which ran ``a`` where the focus had gone since (the text) and
    then found no binding for ``x``, ``y`` and ``z`` in the dialog: they were lost, the
    dialog's field empty."""
    app = TypedAhead(annotated, ["a", "x", "y", "z"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, AnnotateDialog))
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.query(Input).first().value == "xyz")


async def test_enter_typed_before_the_terminal_was_taken_still_submits(
    annotated: Annotated,
) -> None:
    """``a``, ``x`` and ``enter`` typed as the app starts, before it had taken the terminal
    (whose line discipline turns ``enter``'s carriage return into a line feed, read as
    ``ctrl+j``): the annotation is saved with its tag ``x``.  The line feed reached the
    dialog's field as ``ctrl+j``, which nothing takes, and the dialog stayed open."""
    app = TypedAhead(annotated, ["a", "x", "\n"])
    async with app.run_test(size=(80, 24)) as pilot:
        # the dialog may open and close between two looks: what it saved tells it opened
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, MainScreen)
                and any("x" in a.tags for a in app.workspace.store.annotations())
            ),
        )
