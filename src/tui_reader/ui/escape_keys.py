"""``esc`` and a key typed right behind it, which the terminal sent as one ``alt`` key.

A terminal without the kitty keyboard protocol sends Alt+q as ``ESC q``, and an escape typed
quickly before ``q`` as the same two bytes: Textual's input reader, which waits 100 ms after an
``ESC`` (``ESCDELAY``), reads them as ``alt+q``; tmux (``escape-time``, 500 ms by default before
tmux 3.5) sends them as one such key too.  ``esc`` to close a dialog, then ``q``, left the dialog
open with a ``q`` typed in its field; ``esc``, ``j`` in the text did neither.  No key of the
app is ``alt`` and a character (a test of the key registry checks it), so such a key is read as
what the user most likely typed: ``esc``, then the key.  (Before a sign, ``ESC /``, Textual
drops the escape and gives the sign alone: nothing is left here to tell it was typed.)
"""

from __future__ import annotations

from textual import events

ALT = "alt+"


def escape_then_key(event: events.Key) -> tuple[events.Key, events.Key] | None:
    """``event`` (``alt`` and one character: ``alt+q``, ``alt+shift+g``, ``alt+slash``) as the
    escape key and the key of its character alone; None for any other key (``alt+backspace``,
    a field's binding, is left as it is)."""
    character = event.character
    if (
        not event.key.startswith(ALT)
        or character is None
        or len(character) != 1
        or not character.isprintable()
    ):
        return None
    rest = event.key[len(ALT) :]
    if "+" in rest and not rest.startswith("shift+"):  # ctrl too: not a character typed
        return None
    key = character if character.isalnum() else rest
    return events.Key("escape", "\x1b"), events.Key(key, character)
