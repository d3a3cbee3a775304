"""The one-line search prompt under the reading view (``/``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message

from tui_reader.ui import keymap
from tui_reader.ui.notices import notify_info
from tui_reader.ui.widgets.text_field import HandingOverField


class SearchBar(HandingOverField):
    """Type a query, ``enter`` searches, ``escape`` closes the prompt."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("search")
    # Its keys only edit the prompt and search the text on show: taken while a save of
    # seconds is written (ReaderApp.run_action), the reader reading on meanwhile.
    READ_ONLY: ClassVar[bool] = True
    # The keys typed behind enter wait for the search's first hit (a big text's search takes
    # a while); past this, when no search waits (see ``waiting``), they are typed in the
    # prompt, seen, never lost.
    HOLD_AT_MOST: ClassVar[float] = 5.0

    # Set while the search asked for runs, or waits for the rest of a big file to load (its
    # own time limit bounds that): the keys typed behind enter wait with it, however long
    # (typed in the prompt after HOLD_AT_MOST, they were lost as it closed on the first hit).
    waiting = False

    # less's ^R: the pattern taken as typed, not as a regular expression (for this search;
    # the prompt opens reading one again).
    literal = False
    LITERAL_TITLE: ClassVar[str] = "as typed, no regular expression (^R: one again)"
    _given: tuple[str, ...] = ()  # the placeholder's forms the prompt was given

    def still_handing_over(self) -> bool:
        return self.waiting

    def action_toggle_literal(self) -> None:
        """``ctrl+r``: the pattern as typed, or as a regular expression again, said at once:
        a short terminal's prompt has no border to say it in, and a pattern typed hides the
        placeholder."""
        self.set_literal(not self.literal)
        said = "as typed, no regular expression" if self.literal else "a regular expression"
        notify_info(self, f"The search takes its pattern {said} (^R)", timeout=2)

    def set_literal(self, literal: bool) -> None:
        self.literal = literal
        self.border_title = self.LITERAL_TITLE if literal else None
        self.set_placeholders(self._given)

    def set_placeholders(self, placeholders: Sequence[str]) -> None:
        """The prompt's placeholder, its forms led by "As typed" while ``literal``."""
        self._given = tuple(placeholders)
        if not self._given:
            return
        forms = self._given
        if self.literal:
            forms = (*(f"As typed (^R): {form}" for form in forms), "As typed (^R)")
        super().set_placeholders(forms)

    class Cancelled(Message):
        """The user closed the prompt without searching."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
