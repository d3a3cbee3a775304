"""Keys typed while another document opens wait for it, then act on it, in the order typed.

Opening a document that is not in memory (a PDF or a Word file converted, a big text) runs
in a worker, the document on show staying until the new one comes (the first document of a
start, nothing on show, holds nothing: the library has the keys meanwhile).  A burst typed behind
the key that opened it (``enter`` in the library, ``>``, a passage of another document)
reached the text before the document did: ``P``, ``2`` and ``enter`` typed behind ``enter``
on a PDF asked the document still on show for its pages ("This document has no pages."),
and the ``2`` applied the second code to the PDF's first passage once it came.  As less and
vim take keys typed ahead, the keys that reach the reading view or the library meanwhile are
held here and sent, in order, to the widget focused once the document is shown (its
beginning, for a big file shown while the rest loads) or could not be opened.  The keys that
leave (``esc``, ``q``, ``ctrl+q``, ``ctrl+c``, ``ctrl+z``) are never held: a slow file
keeps no one from quitting.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

# Never held: quitting, suspending or cancelling does not wait for a document.
PASSING_KEYS = frozenset({"escape", "q", "ctrl+q", "ctrl+c", "ctrl+z"})


class KeysWhileOpening:
    """The keys held while the ``owner``'s document opens (one per reading column)."""

    def __init__(self, owner: Widget) -> None:
        self.owner = owner
        self._held: list[events.Key] | None = None  # None: not opening, nothing held

    @property
    def opening(self) -> bool:
        return self._held is not None

    def begin(self) -> None:
        """Another document is being opened: the keys that come from now on wait for it."""
        if self._held is None:
            self._held = []

    def took(self, event: events.Key) -> bool:
        """Whether ``event`` waits here (stopped) for the document being opened."""
        if self._held is None or event.key in PASSING_KEYS:
            return False
        event.stop()
        event.prevent_default()
        self._held.append(events.Key(event.key, event.character))
        return True

    def end(self) -> None:
        """The document is shown, or could not be opened: the keys held go, in the order
        typed, to the widget focused now (behind the messages that showed it)."""
        held, self._held = self._held, None
        if not held:
            return
        app = self.owner.app
        target: Widget = app.focused or self.owner.screen
        for key in held:
            target.post_message(key)


def held_while_opening(widget: Widget, event: events.Key) -> bool:
    """Whether ``event``, reaching ``widget``, waits for a document being opened on its
    screen (the screen's ``keys_while_opening``, when it has one)."""
    keys: KeysWhileOpening | None = getattr(widget.screen, "keys_while_opening", None)
    return keys is not None and keys.took(event)
