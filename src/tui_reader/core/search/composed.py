"""A text searched in its composed form (NFC), its hits given back in the text's own offsets.

An accented letter can be one code point (``é``, U+00E9) or a letter and a combining accent
(``e`` + U+0301), as PDFs and files from a Mac write it: the two look the same and are the same
word.  The searches match a pattern against the composed form of the text (the pattern
composed too), so ``café`` finds both; a hit is said where it lies in the document's own
canonical text.  Nearly every text is composed already (:func:`uncomposed` says so in one quick
check, and nothing is copied); the others are composed a letter and its accents at a time, and
the pieces that changed are kept: a hit that starts or ends inside one takes the whole piece
(the whole letter with its accents).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable

# A run of non-ASCII characters and the character before it: nothing composes across an ASCII
# character (ASCII is never the second of a composition and never reorders), so a text is
# composed run by run.
_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def composed_form(text: str) -> str:
    """``text`` composed (NFC); ``text`` itself when it is already."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def is_composed(text: str, pause: Callable[[], None] | None = None) -> bool:
    """Whether ``text`` is in its composed form (NFC) already; with ``pause``, looked at a
    slice at a time, cut after a newline (which composes with nothing), ``pause`` called
    between (50 MB at once held the interpreter a third of a second)."""
    if text.isascii():
        return True
    if pause is None:
        return unicodedata.is_normalized("NFC", text)
    at = 0
    while at < len(text):
        cut = text.find("\n", at + COMPOSED_SLICE)
        end = len(text) if cut < 0 else cut + 1
        if not unicodedata.is_normalized("NFC", text[at:end]):
            return False
        pause()
        at = end
    return True


COMPOSED_SLICE = 1 << 20  # code points looked at in one go by is_composed, at least


class Composed:
    """The composed form (:attr:`text`) of ``original``, a text that is not composed, and the
    way back from offsets in it to offsets in ``original`` (:meth:`span`)."""

    def __init__(self, original: str) -> None:
        self.original = original
        # The pieces that composing changed, in order: where each starts and ends in the
        # composed text and in the original.  Between them the two texts are the same.
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._from: list[int] = []
        self._to: list[int] = []
        parts: list[str] = []
        at = 0  # how far the original is taken
        length = 0  # the composed text's length so far
        for run in _RUN.finditer(original):
            if unicodedata.is_normalized("NFC", run.group()):
                continue
            for start, end, made in _pieces(run.group(), run.start()):
                parts.append(original[at:start])
                length += start - at
                self._starts.append(length)
                self._from.append(start)
                parts.append(made)
                length += len(made)
                self._ends.append(length)
                self._to.append(end)
                at = end
        parts.append(original[at:])
        self.text = "".join(parts)

    def start(self, offset: int) -> int:
        """The original offset where a hit starting at composed ``offset`` starts."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return offset
        if offset < self._ends[i]:
            return self._from[i]
        return self._to[i] + offset - self._ends[i]

    def end(self, offset: int) -> int:
        """The original offset where a hit ending at composed ``offset`` ends."""
        i = bisect_left(self._starts, offset) - 1
        if i < 0:
            return offset
        if offset <= self._ends[i]:
            return self._to[i]
        return self._to[i] + offset - self._ends[i]

    def composed_offset(self, offset: int) -> int:
        """Where the original ``offset`` lies in the composed text (inside a piece that
        composing changed: where that piece starts)."""
        i = bisect_right(self._from, offset) - 1
        if i < 0:
            return offset
        if offset < self._to[i]:
            return self._starts[i]
        return self._ends[i] + offset - self._to[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the composed text as offsets in the original."""
        return self.start(start), self.end(end)


def uncomposed(text: str, pause: Callable[[], None] | None = None) -> Composed | None:
    """``text`` composed, when it is not already (``None``: search ``text`` itself);
    ``pause``: see :func:`is_composed`."""
    return None if is_composed(text, pause) else Composed(text)


def _pieces(run: str, base: int) -> list[tuple[int, int, str]]:
    """The pieces of ``run`` (at ``base`` in its text) that composing changes, with what they
    become: each letter with the accents after it (a piece starts at each character of
    combining class 0), unless composing them apart is not composing the run (Hangul jamo,
    a vowel in two parts): then the run is one piece (a word, as a hit inside it takes)."""
    cuts = [i for i, char in enumerate(run) if i == 0 or not unicodedata.combining(char)]
    cuts.append(len(run))
    pieces: list[tuple[int, int, str]] = []
    made: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = run[start:end]
        composed = unicodedata.normalize("NFC", piece)
        made.append(composed)
        if composed != piece:
            pieces.append((base + start, base + end, composed))
    whole = unicodedata.normalize("NFC", run)
    if "".join(made) == whole:
        return pieces
    rest = unicodedata.normalize("NFC", run[1:])
    if run[0].isascii() and whole == run[0] + rest:  # the character before the run apart
        return [(base + 1, base + len(run), rest)]
    return [(base, base + len(run), whole)]
