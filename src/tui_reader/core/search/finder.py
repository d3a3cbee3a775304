"""Whether a text holds a match of the corpus search's pattern: in the text, or in its UTF-8
bytes where they lie (in the texts pack), without copying or decoding them."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from tui_reader.core.documents.sanitize import C0_AND_DEL
from tui_reader.core.rare_find import find_lowered, holds_any_byte
from tui_reader.core.search.composed import composed_form, is_composed
from tui_reader.core.search.hits import (
    LIGATURE_PAIRS,
    NO_BREAK_SPACES,
    ExactLiteral,
    FoldedLiteral,
    find_hits,
    fold,
    holds_ascii_folds,
    holds_other_spaces,
    is_case_sensitive,
    may_cross_lines,
)
from tui_reader.core.search.text_pack import ASCII, FOLDS, UNCOMPOSED, Buffer
from tui_reader.core.search.user_pattern import TextPattern

# In UTF-8, what a space of a literal found across lines matches (as find_hits's
# across_lines): a space or a no-break space, or a line's end with the spaces around it.
_BLANK = b"(?:[ \t]|" + b"|".join(re.escape(c.encode("utf-8")) for c in NO_BREAK_SPACES) + b")"
_SPACE_BYTES = b"(?: |" + b"|".join(re.escape(c.encode("utf-8")) for c in NO_BREAK_SPACES) + b")"
_LINE_BREAK_BYTES = _BLANK + b"*\n" + _BLANK + b"*"
_AS_SPACE = str.maketrans(dict.fromkeys(NO_BREAK_SPACES, " "))
# In UTF-8, a space of another kind than the space (where a space of a literal matches too)
_OTHER_SPACE_BYTES = re.compile(b"|".join(re.escape(c.encode("utf-8")) for c in NO_BREAK_SPACES))
_OTHER_SPACE_LEADS = tuple({c.encode("utf-8")[:2] for c in NO_BREAK_SPACES})
_LIGATURE_PAIRS = tuple(pair.encode("ascii") for pair in LIGATURE_PAIRS)
_REACH = 4096  # a hit's length beyond the literal's, at most, read past a chunk's end


def _across_bytes(needle: bytes) -> re.Pattern[bytes]:
    """The pattern of ``needle`` (a literal's UTF-8, lowercased when ignoring case) whose
    spaces match a no-break space or a line's end, and whose hyphens may end a line."""
    core = needle.strip(b" -")
    at = needle.index(core)
    pieces = re.split(rb"( |-)", core)
    space = b"(?:" + _SPACE_BYTES + b"|" + _LINE_BREAK_BYTES + b")"
    hyphen = b"-(?:" + _LINE_BREAK_BYTES + b")?"
    return re.compile(
        re.escape(needle[:at])
        + b"".join(
            space if piece == b" " else hyphen if piece == b"-" else re.escape(piece)
            for piece in pieces
        )
        + re.escape(needle[at + len(core) :])
    )


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

    def __init__(
        self, pattern: TextPattern, literal: str | None = None, *, across_lines: bool = False
    ) -> None:
        self.pattern = pattern
        # ``across_lines``: the literal found as find_hits finds it across_lines (the reader's
        # and the corpus search's): a phrase over a line's end, a no-break space for a space.
        self._across = literal if across_lines and literal and may_cross_lines(literal) else None
        self._literal = literal
        self._across_bytes: re.Pattern[bytes] | None = None
        folded = None if literal is None else fold(literal)
        folds = folded is not None and folded.isascii() and pattern.flags & re.IGNORECASE
        self._folded = folded if folds else None  # "ﬁle" and "straße" too: "file", "strasse"
        self._needle: bytes | None = None  # what in_bytes looks for
        if self._folded is not None:
            self._needle = self._folded.encode("ascii")
        elif literal is not None and not pattern.flags & re.IGNORECASE:
            self._needle = literal.encode("utf-8", "surrogatepass")
        if self._across is not None and self._needle is not None:
            self._across_bytes = _across_bytes(self._needle)

    @cached_property
    def _blind(self) -> re.Pattern[bytes]:
        """The needle ignoring the case of ASCII letters (bytes ignoring case fold no other),
        searched in the first bytes: compiled only for a needle that fits in them."""
        return re.compile(re.escape(self._needle or b""), re.IGNORECASE)

    def found_in(self, text: str) -> bool:
        if self._across is not None:
            return bool(find_hits(text, self._across, limit=1, across_lines=True))
        if not is_composed(text):
            text = unicodedata.normalize("NFC", text)
        if (
            self._folded is not None
            and (text.isascii() or not holds_ascii_folds(text))
            and (" " not in self._folded or not holds_other_spaces(text))
        ):
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
        if self._across_bytes is not None:
            return self._across_in_bytes(self._across_bytes, data, start, end, flags)
        found = self._needle_in_bytes(needle, data, start, end, flags)
        if found is False and self._other_spaces(data, start, end, flags):
            # (looked for once the needle is not found as typed: each space of it any space)
            return self._across_in_bytes(self._spaced_bytes, data, start, end, flags)
        return found

    def _needle_in_bytes(
        self, needle: bytes, data: Buffer, start: int, end: int, flags: int
    ) -> bool | None:
        """:meth:`in_bytes` of the needle as typed (its spaces spaces)."""
        if self._folded is None:
            if data.find(needle, start, end) >= 0:
                return True
            return None if self._ligatures(flags) else False
        # The regex over the first bytes finds a common word at once; the rest by its rarest
        # byte in either case (find_lowered), or, that byte common, lowercased a chunk at a
        # time (the regex engine ignoring case is ten times slower).
        # In a text holding a fold of ASCII letters (ß, ﬁ) a match found so is a hit all the
        # same (ASCII bytes are whole characters, each folded to itself lowercased); none
        # found is not none (ß is "ss"): its text is searched.
        unknown = None if flags & FOLDS else False
        first, chunk = self.first_bytes, self.chunk_bytes
        size = len(needle)
        if size <= first and self._blind.search(data, start, min(end, start + first)):
            return True
        rest = max(start, start + first - size + 1)
        found = find_lowered(data, needle, rest, end)
        if found is not None:
            return True if found >= 0 else unknown
        for base in range(rest, end, chunk):
            if needle in data[base : min(end, base + chunk + size - 1)].lower():
                return True
        return unknown

    def _across_in_bytes(
        self, pattern: re.Pattern[bytes], data: Buffer, start: int, end: int, flags: int
    ) -> bool | None:
        """:meth:`in_bytes` for a literal found across lines: its pattern searched in the
        bytes, lowercased a chunk at a time when ignoring case."""
        if self._folded is None:
            if pattern.search(data, start, end) is not None:
                return True
            return None if self._ligatures(flags) else False
        chunk = self.chunk_bytes
        for base in range(start, end, chunk):
            piece = data[base : min(end, base + chunk + _REACH)].lower()
            match = pattern.search(piece)
            if match is not None and match.start() < chunk:
                return True
        return None if flags & FOLDS else False

    def _ligatures(self, flags: int) -> bool:
        """Whether a text with ``flags`` may hold a hit of the needle, case taken as typed,
        that its bytes do not show: letters of it a ligature there (``conﬁrm``; a text
        holding one has :data:`FOLDS`).  Ignoring case, its fold is its letters already."""
        needle = self._needle or b""
        return (
            bool(flags & FOLDS)
            and self._folded is None
            and any(pair in needle for pair in _LIGATURE_PAIRS)
        )

    def _other_spaces(self, data: Buffer, start: int, end: int, flags: int) -> bool:
        """Whether the needle, not found across lines (whose pattern matches any space
        already), holds a space and the text whose UTF-8 is ``data[start:end]`` another kind
        of space (:data:`~.hits.SPACES`), where a space of it matches too."""
        if self._across_bytes is not None or flags & ASCII or b" " not in (self._needle or b""):
            return False
        # (their first bytes found by bytes.find: a pattern of them read each text's bytes
        # one at a time, 100 us a text of 10 KB)
        for lead in _OTHER_SPACE_LEADS:
            at = data.find(lead, start, end)
            while at >= 0:
                if _OTHER_SPACE_BYTES.match(data, at, end):
                    return True
                at = data.find(lead, at + 1, end)
        return False

    @cached_property
    def _spaced_bytes(self) -> re.Pattern[bytes]:
        """The needle's pattern whose spaces match any space (:data:`~.hits.SPACES`)."""
        parts = (self._needle or b"").split(b" ")
        return re.compile(_SPACE_BYTES.join(re.escape(part) for part in parts))

    def in_ascii_file(self, data: bytes) -> tuple[bool, bool | None]:
        """For the ASCII bytes ``data`` of a plain text file: whether they are clean (no byte
        of :data:`UNCLEAN`: then they are its canonical text's UTF-8), and if so whether
        that text holds a match (as :meth:`in_bytes` says it; ``None`` when its bytes cannot
        tell).  What cleaning would remove is looked for a byte value at a time (one pass of
        ``bytes.translate`` lowercasing the text and deleting them took twice as long: a
        common word is found in its first bytes, lowercasing none)."""
        if holds_any_byte(data, UNCLEAN):
            return False, None
        return True, self.in_bytes(data, 0, len(data), ASCII)

    @property
    def counts_as(self) -> tuple[bytes, bool, bool] | None:
        """What :meth:`count_in_bytes` counts: two finders with the same count the same hits
        in any text (``None``: this one counts none, a regular expression)."""
        if self._needle is None:
            return None
        return self._needle, self._folded is not None, self._across_bytes is not None

    def count_in_bytes(self, data: Buffer, start: int, end: int, flags: int) -> int | None:
        """How many hits :func:`~.hits.find_hits` finds in the text whose UTF-8 is
        ``data[start:end]`` (non-overlapping, left to right: in UTF-8 the same ones), counted
        without decoding it; ``None`` when its bytes cannot tell (as :meth:`in_bytes`) or the
        text is longer than a chunk (counted in its text instead)."""
        needle = self._needle
        if needle is None or end - start > self.chunk_bytes or flags & UNCOMPOSED:
            return None
        if self._ligatures(flags) or self._other_spaces(data, start, end, flags):
            return None
        if self._across_bytes is not None:
            if self._folded is not None and flags & FOLDS:
                return None
            piece = data[start:end] if self._folded is None else data[start:end].lower()
            return sum(1 for _ in self._across_bytes.finditer(piece))
        if self._folded is None:
            return data[start:end].count(needle)
        if flags & FOLDS:
            return None
        return data[start:end].lower().count(needle)


def smart_case_finder(query: str) -> Finder:
    """The :class:`Finder` of the literal ``query`` in smart case, as :func:`find_hits`
    searches it ``across_lines`` (a capital letter makes it exact), composed: a phrase is
    found over a line's end, as the reader's ``/`` finds it."""
    query = composed_form(query).translate(_AS_SPACE)  # (a no-break space typed: a space)
    if is_case_sensitive(query):
        return Finder(ExactLiteral(query), query, across_lines=True)
    # (found_in composes)
    return Finder(FoldedLiteral(query, texts_composed=True), query, across_lines=True)
