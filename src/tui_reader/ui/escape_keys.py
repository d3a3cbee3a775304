"""``esc`` and a key typed right behind it, which the terminal sent as one ``alt`` key.

A terminal without the kitty keyboard protocol sends Alt+q as ``ESC q``, and an escape typed
quickly before ``q`` as the same two bytes: Textual's input reader, which waits 100 ms after an
``ESC`` (``ESCDELAY``), reads them as ``alt+q``; tmux (``escape-time``, 500 ms by default before
tmux 3.5) sends them as one such key too.  ``esc`` to close a dialog, then ``q``, left the dialog
open with a ``q`` typed in its field; ``esc``, ``j`` in the text did neither.  No key of the
app is ``alt`` and a character (a test of the key registry checks it), so such a key is read as
what the user most likely typed: ``esc``, then the key.  Before a sign (``ESC /``, ``ESC ?``,
``ESC space``) Textual's reader dropped the escape and gave the sign alone, so ``esc``, ``/``
in the annotate dialog typed a slash in its field: :func:`install` has the reader give such a
sign as an ``alt`` key too (``alt+slash``), which is then the two keys as any other.  So is
``ESC`` and a carriage return, which the reader gave as ``enter`` alone: ``esc``, ``enter``
typed fast in the annotate dialog saved what the escape was to drop.  And so is ``ESC`` and a
control key's byte (ctrl+p's ``\x10``), which the reader gave as the control key alone: esc
then ctrl+p over the help left the help open under the palette, esc then ctrl+d in the text
moved the selection the escape was to cancel; the reader gives ``alt+ctrl+p``, read as
``esc``, then ``ctrl+p`` (a terminal with the kitty protocol names a real ctrl+alt+p with its
letter, ``q``, not a control byte: it stays as it is).  A few ``ESC`` and a character Textual
reads as a macOS terminal's Option key: ``ESC b`` and ``ESC f`` (iTerm's Option+left and
right) as ``ctrl+left`` and ``ctrl+right``, ``ESC 1`` (WezTerm's Option+1) as ``¡``.  In a
field that is what they mean (a word left); elsewhere no key of the app is one, and esc then
``b`` in the text left the selection on and the caret in place: such a key is an
:class:`OptionKey`, which the app reads as the escape and the key outside a field
(:func:`as_typed`).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.keys import _character_to_key

ALT = "alt+"
CTRL = "ctrl+"


def _is_control_byte(character: str | None) -> bool:
    """``character`` is the one byte a terminal sends for a control key (``\\x10``: ctrl+p)."""
    return character is not None and len(character) == 1 and ord(character) < 0x20


def escape_then_key(event: events.Key) -> tuple[events.Key, events.Key] | None:
    """``event`` (``alt`` and one character: ``alt+q``, ``alt+shift+g``, ``alt+slash``) as the
    escape key and the key of its character alone; None for any other key (``alt+backspace``,
    a field's binding, is left as it is)."""
    if event.key == ALT + "enter":  # no key of the app is alt+enter
        return events.Key("escape", "\x1b"), events.Key("enter", "\r")
    character = event.character
    if event.key.startswith(ALT + CTRL) and _is_control_byte(character):
        return events.Key("escape", "\x1b"), events.Key(event.key[len(ALT) :], character)
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


class OptionKey(events.Key):
    """A key Textual names from ``ESC`` and one character as a macOS terminal's Option key
    (``ESC b``: ``ctrl+left``), which an escape typed right before the character sends too;
    ``typed`` is that character."""

    def __init__(self, key: str, character: str | None, typed: str) -> None:
        super().__init__(key, character)
        self.typed = typed


def as_typed(event: OptionKey, *, in_field: bool) -> events.Key:
    """The key ``event`` stands for: in a field, the Option key Textual named (a word left);
    elsewhere the escape and the character typed fast, as ``alt`` and the character (which
    :func:`escape_then_key` makes the two keys)."""
    if in_field:
        return events.Key(event.key, event.character)
    typed = event.typed
    name = typed if typed.isalnum() else _character_to_key(typed)
    return events.Key(ALT + name, typed)


_original_sequence_to_key_events = XTermParser._sequence_to_key_events

ESC = "\x1b"
# What begins a longer sequence behind an ESC: a key's or the mouse's (CSI, SS3), a string a
# terminal answers with (DCS, OSC, APC, PM, SOS, and its end), or a second escape.
_LONGER = frozenset("[O" + "P]_^X\\" + ESC)


def _dropped_escape(event: events.Key) -> bool:
    """``event``, read from one character behind an ``ESC``, is named without the escape: a
    sign (``slash``) or a control key (``ctrl+p``); a letter is ``alt+q`` already."""
    character = event.character
    if event.key.startswith(ALT) or character is None:
        return False
    return character.isprintable() or (event.key.startswith(CTRL) and _is_control_byte(character))


def _sequence_to_key_events(
    self: XTermParser, sequence: str, alt: bool = False
) -> Iterable[events.Key]:
    """Textual's reading of ``sequence``, with a sign or a control key after an ``ESC``
    (``alt``) named as an ``alt`` key as a letter is: Textual names a letter ``alt+q`` but a
    sign ``slash`` and a control key ``ctrl+p``."""
    if not alt and len(sequence) == 2 and sequence[0] == ESC and sequence[1] not in _LONGER:
        # ESC and one character: read at once, as the time limit would read it.  Left to
        # wait, another ESC behind it (esc, q, esc typed fast) had Textual's reader give up
        # on the two and show the escape as a "^" key: the q went on alone, the esc was lost.
        known = list(_original_sequence_to_key_events(self, sequence, alt))
        if known and sequence[1].isprintable():  # a macOS Option key, or esc and the key
            yield from (OptionKey(key.key, key.character, sequence[1]) for key in known)
            return
        yield from known or _sequence_to_key_events(self, sequence[1], alt=True)
        return
    for event in _original_sequence_to_key_events(self, sequence, alt):
        character = event.character
        if alt and sequence == "\r" and event.key == "enter":  # the escape was dropped
            yield events.Key(ALT + "enter", character)
        elif alt and character is not None and character == sequence and _dropped_escape(event):
            yield events.Key(ALT + event.key, character)
        else:
            yield event


def install() -> None:
    """Signs and control keys typed right behind an ``esc`` read as ``alt`` keys, for every
    terminal reader made from now on (once per process)."""
    XTermParser._sequence_to_key_events = _sequence_to_key_events  # type: ignore[method-assign]
