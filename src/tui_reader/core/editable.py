"""A note's or a memo's text as its editor shows it, and the text it saves back.

The panels show a note through :func:`tui_reader.core.display.shown_block`: an escape as
``␛``, a bell as ``␇``, a C1 control or a bidi override as ``�``.  The editor (a Textual text
area) drew them as nothing, so a note holding ``x␛]0;pwn␇`` read "x]0;pwn" there and its user
could not see, nor delete, what it held.  :func:`editable` gives the editor the text with each
such character replaced by what the panels show, one code point for one, so every row, column
and offset stays where it was; :func:`as_edited` takes the editor's text back to the one to
save: what the user did not change is the note's own text, character for character (its
controls restored, not their pictures), and what was typed is as typed.

A picture in the part the user changed is its control again unless the note held that picture
as a character of its own (then what was typed is kept as typed); a ``�`` there is the
character the note held at that place when as many are left there as the note held, else
as typed.  Line breaks and tabs are the editor's own (it keeps them), and so are the
invisible direction marks (the panels drop them too).
"""

from __future__ import annotations

import re

from tui_reader.core.display import BIDI_CONTROLS, REPLACEMENT

_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"}
_PICTURES[0x7F] = 0x2421  # ␡
_CONTROLS = {picture: code for code, picture in _PICTURES.items()}
# Shown as U+FFFD, as the panels show them (the line break U+0085 is the editor's own).
_REPLACED = "\x80-\x84\x86-\x9f\ud800-\udfff" + BIDI_CONTROLS
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + _REPLACED + "]")
_REPLACED_ONE = re.compile("[" + _REPLACED + "\ufffd]")
_REPLACEMENT_ONE = re.compile(REPLACEMENT)
_PICTURE = re.compile("[" + "".join(chr(p) for p in _CONTROLS) + "]")


def _shown(char: str) -> str:
    code = ord(char)
    return chr(_PICTURES[code]) if code in _PICTURES else REPLACEMENT


def editable(text: str) -> str:
    """``text`` as the editor shows it: each control a panel shows as its picture (``␛``)
    or as ``�`` made that character, one code point for one."""
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(lambda m: _shown(m.group()), text)


def _common_prefix(a: str, b: str) -> int:
    """How many code points ``a`` and ``b`` start with alike (halving: a 16 MB note is
    compared in a few dozen slices, not a character at a time)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, at_most: int) -> int:
    """How many code points ``a`` and ``b`` end with alike, at most ``at_most``."""
    low, high = 0, min(len(a), len(b), at_most)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def as_edited(original: str, edited: str, shown: str | None = None) -> str:
    """The text to save of a note opened as ``original`` whose editor now holds ``edited``
    (what :func:`editable` gave it, ``shown`` when known, then changed): ``original`` itself
    where nothing was changed, and around the part that was, its own characters."""
    shown = editable(original) if shown is None else shown
    if edited == shown:
        return original
    if shown == original:  # it held nothing shown otherwise: every character as typed
        return edited
    head = _common_prefix(shown, edited)
    tail = _common_suffix(shown, edited, min(len(shown), len(edited)) - head)
    middle = edited[head : len(edited) - tail]
    was = original[head : len(original) - tail]
    held = {ord(p) for p in _PICTURE.findall(original)}  # pictures of its own: kept as typed
    middle = _PICTURE.sub(
        lambda m: m.group() if ord(m.group()) in held else chr(_CONTROLS[ord(m.group())]),
        middle,
    )
    sources = _REPLACED_ONE.findall(was)
    if sources and middle.count(REPLACEMENT) == len(sources):
        each = iter(sources)
        middle = _REPLACEMENT_ONE.sub(lambda _: next(each), middle)
    return original[:head] + middle + original[len(original) - tail :]
