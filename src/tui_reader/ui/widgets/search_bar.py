"""The one-line search prompt under the reading view (``/``)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Type a query, ``enter`` searches, ``escape`` closes the prompt."""

    HELP_GROUP = "Search prompt"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search", id="search.cancel"),
    ]

    class Cancelled(Message):
        """The user closed the prompt without searching."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
