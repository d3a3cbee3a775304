"""The base of every dialog: a box centred over the dimmed screen, with a muted label style,
a one-line matches/hint style and an error line that shows only when there is an error.

A dialog composes its content inside a container with the class ``dialog-box`` (its width
set by the dialog's own CSS), labels with ``dialog-label``, and one ``Static`` with the class
``dialog-error`` for :meth:`Dialog.show_error`.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.ui.screens.closing import ClosesOnce

ResultType = TypeVar("ResultType")


class Dialog(ClosesOnce, ModalScreen[ResultType]):
    """A modal dialog box; see the module's description for its parts."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > .dialog-box {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: round $primary;
        border-title-color: $primary;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    Dialog .dialog-label {
        color: $text-muted;
    }
    Dialog .dialog-matches {
        height: 1;
        color: $text-muted;
    }
    Dialog .dialog-error {
        color: $text-error;
        display: none;
    }
    Dialog .dialog-error.-shown {
        display: block;
    }
    """

    def show_error(self, message: str) -> None:
        """Show ``message`` (plain text) on the dialog's error line."""
        error = self.query_one(".dialog-error", Static)
        error.update(Text(message))
        error.add_class("-shown")
