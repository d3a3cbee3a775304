"""Whether a text holds a match of the corpus search's pattern: in the text, or in its UTF-8
bytes where they lie (in the texts pack), without copying or decoding them."""

from __future__ import annotations

import re
import unicodedata

from tui_reader.core.documents.sanitize import C0_AND_DEL
from tui_reader.core.search.composed import composed_form, is_composed
from tui_reader.core.search.hits import FoldedLiteral, fold, holds_ascii_folds, is_case_sensitive
from tui_reader.core.search.text_pack import ASCII, FOLDS, UNCOMPOSED, Buffer
from tui_reader.core.search.user_pattern import TextPattern

_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
UNCLEAN = C0_AND_DEL  # the bytes of a UTF-8 text file that reading it cleans (CR, NUL, ESC...)


class Finder:
    """``pattern`` (compiled from ``literal`` when it is one) and quick tests of whether a text
    holds a match: in its text (:meth:`found_in`) or, for a literal, in its UTF-8 bytes where
    they lie (:meth:`in_bytes`), without copying or decoding them.

    Ignoring case (a literal's ``pattern`` a :class:`~.hits.FoldedLiteral`), a literal whose
    case fold is ASCII matches exactly where that fold matches the text with its ASCII letters
    lowercased, unless the text holds one of :data:`~.hits.ASCII_FOLDS` (whose folds hold an
    ASCII letter: ß, ﬁ, the Kelvin sign): found that way, twenty times faster than folding
    the text.  In UTF-8, a literal is found exactly where its text is.

    The pattern and the literal are composed (NFC, the caller's to see to) and a text is
    searched in its composed form (:mod:`.composed`): the bytes of a text that is not
    composed cannot tell."""

    first_bytes = 256  # searched by the regex before any bytes are copied and lowercased
    chunk_bytes = 1 << 20  # then copied and lowercased at a time

    def __init__(self, pattern: TextPattern, literal: str | None = None) -> None:
        self.pattern = pattern
        self._literal = literal
        folded = None if literal is None else fold(literal)
        folds = folded is not None and folded.isascii() and pattern.flags & re.IGNORECASE
        self._folded = folded if folds else None  # "ﬁle" and "straße" too: "file", "strasse"
        self._needle: bytes | None = None  # what in_bytes looks for
        if self._folded is not None:
            self._needle = self._folded.encode("ascii")
        elif literal is not None and not pattern.flags & re.IGNORECASE:
            self._needle = literal.encode("utf-8", "surrogatepass")
        # Bytes ignoring case fold ASCII letters only: the lowercased text's match.
        self._blind = re.compile(re.escape(self._needle or b""), re.IGNORECASE)

    def found_in(self, text: str) -> bool:
        if not is_composed(text):
            text = unicodedata.normalize("NFC", text)
        if self._folded is not None and (text.isascii() or not holds_ascii_folds(text)):
            return self._folded in text.lower()
        return self.pattern.search(text) is not None

    def in_bytes(self, data: Buffer, start: int, end: int, flags: int) -> bool | None:
        """Whether the text whose UTF-8 is ``data[start:end]`` (with the :mod:`.text_pack`
        ``flags``) holds a match, as :meth:`found_in` says it; ``None`` when its bytes cannot
        tell (a regex, a literal ignoring case beyond ASCII, no match in a text holding an
        ASCII fold)."""
        needle = self._needle
        if needle is None or flags & UNCOMPOSED:
            return None
        if self._folded is None:
            return data.find(needle, start, end) >= 0
        # The regex over the first bytes finds a common word at once; the rest is searched
        # lowercased a chunk at a time (the regex engine ignoring case is ten times slower).
        # In a text holding a fold of ASCII letters (ß, ﬁ) a match found so is a hit all the
        # same (ASCII bytes are whole characters, each folded to itself lowercased); none
        # found is not none (ß is "ss"): its text is searched.
        unknown = None if flags & FOLDS else False
        first, chunk = self.first_bytes, self.chunk_bytes
        if self._blind.search(data, start, min(end, start + first)) is not None:
            return True
        size = len(needle)
        for base in range(max(start, start + first - size + 1), end, chunk):
            if needle in data[base : min(end, base + chunk + size - 1)].lower():
                return True
        return unknown

    def in_ascii_file(self, data: bytes) -> tuple[bool, bool | None]:
        """For the ASCII bytes ``data`` of a plain text file: whether they are clean (no byte
        of :data:`UNCLEAN`: then they are its canonical text's UTF-8), and if so whether
        that text holds a match (as :meth:`in_bytes` says it; ``None`` when its bytes cannot
        tell).  Ignoring case, one pass in C both lowercases and finds what cleaning would
        remove."""
        if self._folded is not None and self._needle is not None:
            lowered = data.translate(_LOWER, UNCLEAN)
            if len(lowered) != len(data):
                return False, None
            return True, self._needle in lowered
        if len(data.translate(None, UNCLEAN)) != len(data):
            return False, None
        return True, self.in_bytes(data, 0, len(data), ASCII)

    def count_in_bytes(self, data: Buffer, start: int, end: int, flags: int) -> int | None:
        """How many hits :func:`~.hits.find_hits` finds in the text whose UTF-8 is
        ``data[start:end]`` (non-overlapping, left to right: in UTF-8 the same ones), counted
        without decoding it; ``None`` when its bytes cannot tell (as :meth:`in_bytes`) or the
        text is longer than a chunk (counted in its text instead)."""
        needle = self._needle
        if needle is None or end - start > self.chunk_bytes or flags & UNCOMPOSED:
            return None
        if self._folded is None:
            return data[start:end].count(needle)
        if flags & FOLDS:
            return None
        return data[start:end].lower().count(needle)


def smart_case_finder(query: str) -> Finder:
    """The :class:`Finder` of the literal ``query`` in smart case, as :func:`find_hits`
    searches it (a capital letter makes it exact), composed."""
    query = composed_form(query)
    if is_case_sensitive(query):
        return Finder(re.compile(re.escape(query)), query)
    return Finder(FoldedLiteral(query, texts_composed=True), query)  # (found_in composes)
