"""The colours of a terminal whose ``TERM`` says it takes 24-bit colour.

A terminal says it takes any colour either by ``COLORTERM=truecolor`` or by a terminfo entry
of direct colour, ``xterm-direct``, ``kitty-direct``, ``foot-direct`` and the like (what
ncurses and vim read).  Rich, which Textual draws with, reads the first and only a ``TERM``
ending in ``-256color`` or ``-16color``, so such a terminal with no ``COLORTERM`` (one reached
over ssh, which passes ``TERM`` and not ``COLORTERM``, or a multiplexer set so) was drawn in
the 16 colours of the most basic terminal: the theme's greys and the codes' colours all one
of 16.  :func:`say_direct_colour` sets ``COLORTERM`` from such a ``TERM`` before the app
starts, so that it draws in 24-bit colour as in any terminal that says so.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# The last part of a terminfo name of direct colour ("xterm-direct", "xterm-direct256",
# "iterm2-direct"), and the suffix some set by hand ("xterm-24bit", Emacs' advice).
_DIRECT = ("direct", "24bit", "truecolor")


def takes_direct_colour(term: str) -> bool:
    """Whether the terminfo name ``term`` is one of a terminal taking 24-bit colour."""
    _name, hyphen, last = term.strip().lower().rpartition("-")
    return bool(hyphen) and last.startswith(_DIRECT)


def say_direct_colour(environ: MutableMapping[str, str] = os.environ) -> None:
    """``COLORTERM=truecolor`` in ``environ`` when its ``TERM`` says the terminal takes
    24-bit colour and no ``COLORTERM`` says otherwise."""
    if not environ.get("COLORTERM", "").strip() and takes_direct_colour(environ.get("TERM", "")):
        environ["COLORTERM"] = "truecolor"
