"""The one-line search prompt under the reading view (``/``)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message

from tui_reader.ui import keymap
from tui_reader.ui.widgets.text_field import HandingOverField


class SearchBar(HandingOverField):
    """Type a query, ``enter`` searches, ``escape`` closes the prompt."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("search")
    # The keys typed behind enter wait for the search's first hit (a big text's search takes
    # a while); past this they are typed in the prompt, seen, never lost.
    HOLD_AT_MOST: ClassVar[float] = 5.0

    class Cancelled(Message):
        """The user closed the prompt without searching."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
