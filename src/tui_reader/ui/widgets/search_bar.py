"""The one-line search prompt under the reading view (``/``)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Input

from tui_reader.ui import keymap


class SearchBar(Input):
    """Type a query, ``enter`` searches, ``escape`` closes the prompt."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("search")

    class Cancelled(Message):
        """The user closed the prompt without searching."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
