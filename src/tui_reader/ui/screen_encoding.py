"""The screen drawn in a terminal whose locale's encoding is not UTF-8 keeps its layout.

Textual writes the screen to standard error, in the locale's encoding (Latin-1 under
``LANG=en_US.ISO-8859-1``, ASCII under ``LC_ALL=C`` where Python does not make it UTF-8), and
Python writes a character that encoding has not as its escape, ``\\u2014`` for a dash: six
cells for one, so that every line holding one (the title, each library row, the status line,
the footer's keys) ran past its width and the screen was torn.  While the app draws, such a
character is written ``?``, one cell, as less shows one; the characters of the encoding (an
``é`` in Latin-1) are written as ever.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO


@contextlib.contextmanager
def one_cell_each(stream: TextIO | None = None) -> Iterator[None]:
    """While in it, ``stream`` (the standard error Textual draws on) writes ``?`` for a
    character its encoding has not, when its encoding is not UTF-8."""
    stream = sys.__stderr__ if stream is None else stream
    errors = getattr(stream, "errors", None)
    try:
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        utf8 = False
    if utf8 or not isinstance(stream, io.TextIOWrapper) or errors in (None, "replace"):
        yield
        return
    stream.reconfigure(errors="replace")
    try:
        yield
    finally:
        stream.reconfigure(errors=errors)
