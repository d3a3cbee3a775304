"""Search in a document's canonical text.

Smart case, as in vim and less: a query with no capital letter matches any case, a query
with a capital matches exactly.  An accented letter matches however either side encodes it
(the query and the text compared composed, :mod:`.composed`).  Hits are ``(start, end)``
code-point offsets into the text, half-open, non-overlapping, in order.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate, repeat
from operator import add

from tui_reader.core.documents.words import WIDE_SPACES
from tui_reader.core.search.composed import composed_form, uncomposed
from tui_reader.core.search.hit_list import Hits as Hits
from tui_reader.core.search.hit_list import hit_after as hit_after
from tui_reader.core.search.hit_list import hit_before as hit_before
from tui_reader.core.search.user_pattern import Found, UserPattern

# Ignoring case, a search compares the texts fully case-folded (str.casefold, Unicode's full
# case folding): "strasse" finds "Straße" and "STRASSE", "file" finds "ﬁle" (a typeset
# ligature), "σ" finds "Σ" and "ς".  A fold may be longer than its character (ß is "ss"): a
# hit is said in the text's own offsets, and one that would start or end inside a
# character's fold is no hit.
#
# The characters beyond ASCII whose fold holds an ASCII character ("ß", "İ", "ſ", the Kelvin
# sign, the Latin ligatures...): in a text without them, an ASCII query ignoring case matches
# exactly where it matches the text with its ASCII letters lowercased (the fast path).
ASCII_FOLDS = (
    "\xdf\u0130\u0149\u017f\u01f0\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e\u212a"
    "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
)
# The characters whose fold is longer than one code point (all in the Basic Multilingual
# Plane; the unit tests check both lists against str.casefold).
LONGER_FOLDS = (
    "\xdf\u0149\u01f0\u0390\u03b0\u0587\u1e96-\u1e9a\u1e9e\u1f50\u1f52\u1f54\u1f56"
    "\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6\u1fb7\u1fbc\u1fc2-\u1fc4\u1fc6\u1fc7\u1fcc\u1fd2"
    "\u1fd3\u1fd6\u1fd7\u1fe2-\u1fe4\u1fe6\u1fe7\u1ff2-\u1ff4\u1ff6\u1ff7\u1ffc"
    "\ufb00-\ufb06\ufb13-\ufb17"
)
_LONGER_FOLD = re.compile(f"[{LONGER_FOLDS}]")


def fold(text: str) -> str:
    """``text`` fully case-folded (str.casefold) but for the dotted capital I ("İ", as Turkish
    and Azeri write it), folded to a plain "i" as grep and a lowercasing search took it:
    Unicode folds it to "i" and a combining dot, so "istanbul" found no "İSTANBUL"."""
    if "\u0130" in text:
        text = text.replace("\u0130", "I")
    return text.casefold()


def holds_ascii_folds(text: str, pause: Callable[[], None] | None = None) -> bool:
    """Whether ``text`` holds one of :data:`ASCII_FOLDS` (a search for each: one for a
    character wider than the text's widest is said at once, without reading it); with
    ``pause``, looked at :data:`PAUSED_SLICE` code points at a time, ``pause`` called between
    (each of the 19 searches of 50 MB held the interpreter 30 ms)."""
    if pause is None:
        return any(fold in text for fold in ASCII_FOLDS)
    for base in range(0, len(text), PAUSED_SLICE):
        piece = text[base : base + PAUSED_SLICE]  # (each fold one character: none cut)
        if any(fold in piece for fold in ASCII_FOLDS):
            return True
        pause()
    return False


# Code points a search given a pause (a thread beside the interface) looks at in one go, at
# most, between two pauses: lowercased or searched at once, 50 MB held the interpreter for
# a tenth of a second and more, a key waiting all that time.
PAUSED_SLICE = 1 << 20


class CaseFolded:
    """``text`` case-folded (:attr:`folded`), and the ways between offsets in it and in
    ``text`` (:meth:`offset`, :meth:`folded_offset`): folded in C, the few longer folds listed."""

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self._at: array[int] = array("q")  # where each longer fold's character is in ``text``
        self._starts: array[int] = array("q")  # where each longer fold starts in ``folded``
        self._extra: array[int] = array("q")  # code points added by it and the ones before
        if len(self.folded) == len(text):
            return
        extra = 0
        for match in _LONGER_FOLD.finditer(text):
            self._at.append(match.start())
            self._starts.append(match.start() + extra)
            extra += len(fold(match.group())) - 1
            self._extra.append(extra)

    def offset(self, at: int) -> int | None:
        """The offset in the text of offset ``at`` of the folded text; ``None`` when ``at``
        lies inside a character's fold (between the two s of ß's "ss")."""
        index = bisect_right(self._starts, at) - 1
        if index < 0:
            return at
        before = self._extra[index - 1] if index else 0
        if at == self._starts[index]:
            return at - before
        if at < self._starts[index] + self._extra[index] - before + 1:
            return None
        return at - self._extra[index]

    def folded_offset(self, at: int) -> int:
        """The offset in the folded text of offset ``at`` of the text."""
        index = bisect_left(self._at, at)
        return at + (self._extra[index - 1] if index else 0)


def folded_spans(
    text: str, query: str, pause: Callable[[], None] | None = None
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each occurrence of ``query`` in ``text`` ignoring case (full case
    folding), non-overlapping, left to right, in the text's own offsets: ``text[start:end]``
    folded is ``query`` folded.  Both composed (NFC), the caller's to see to.  The text is
    folded a window at a time: the first hit, all a test of a file asks, is found without
    folding the rest.  ``pause``: called between slices of the text (see
    :data:`PAUSED_SLICE`)."""
    query = fold(query).translate(_AS_SPACE)  # (a no-break space typed: any space)
    if not query:
        return
    size = len(query)
    spaces = " " in query and holds_other_spaces(text)  # read as spaces, window by window
    starts = lowered_starts(text, query, pause)
    if starts is not None:
        for start in starts:
            yield start, start + size
        return
    pos = 0  # where the next hit may start
    base, window = 0, max(1, _FOLD_WINDOW >> 4)  # the first small: a common word is in it
    while base < len(text):
        # (a hit is at most as long as the query folded: no character folds to nothing)
        view = CaseFolded(text[base : base + window + size])
        folded = view.folded.translate(_AS_SPACE) if spaces else view.folded
        at = folded.find(query, view.folded_offset(max(0, pos - base)))
        while at >= 0:
            first, last = view.offset(at), view.offset(at + size)
            if first is not None and first >= window:
                break  # the next window's
            if first is None or last is None:  # starts or ends inside a character's fold
                at = folded.find(query, at + 1)
                continue
            yield base + first, base + last
            pos = base + last
            at = folded.find(query, at + size)
        base, window = base + window, min(window * 2, _FOLD_WINDOW)
        if pause is not None:
            pause()


_FOLD_WINDOW = 1 << 16  # code points folded at a time by folded_spans, at most


def lowered_starts(
    text: str, folded: str, pause: Callable[[], None] | None = None
) -> Iterator[int] | None:
    """The starts of ``folded`` (a query case folded, not empty) in ``text`` ignoring case,
    found in the text lowercased (:func:`literal_starts`) when that finds every hit of
    :func:`folded_spans`, each ``len(folded)`` long: an ASCII query in a text holding no
    character whose fold holds an ASCII letter (ß, ﬁ, the Kelvin sign); else ``None``."""
    if _lowered_finds(text, folded, pause):
        return literal_starts(text, folded, fold=True, pause=pause)
    return None


def lowered_ends(text: str, folded: str) -> list[int] | None:
    """The ends of :func:`lowered_starts`'s occurrences (:func:`literal_ends`), or ``None``
    when it gives none."""
    return literal_ends(text, folded, fold=True) if _lowered_finds(text, folded) else None


def _lowered_finds(text: str, folded: str, pause: Callable[[], None] | None = None) -> bool:
    """Whether the case folded ``folded`` is found in ``text`` lowercased wherever its full
    case folding finds it (see :func:`lowered_starts`)."""
    if not folded.isascii():
        return False
    if text.isascii():
        return True
    return not holds_ascii_folds(text, pause) and not (" " in folded and holds_other_spaces(text))


class FoldedLiteral:
    """A literal matched ignoring case by full case folding (:func:`folded_spans`), with the
    part of ``re.Pattern`` the searches use (:class:`~.user_pattern.TextPattern`).  A text
    that is not composed (NFC) is searched composed, its hits in its own offsets; with
    ``texts_composed``, every text searched is composed already (the caller's to see to)."""

    flags = re.IGNORECASE

    def __init__(self, literal: str, *, texts_composed: bool = False) -> None:
        self.pattern = composed_form(literal)
        self._texts_composed = texts_composed

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Span]:
        end = len(string) if endpos is None else min(endpos, len(string))
        part = string if pos <= 0 and end == len(string) else string[max(0, pos) : end]
        base = max(0, pos) if part is not string else 0
        view = None if self._texts_composed else uncomposed(part)
        for start, stop in folded_spans(part if view is None else view.text, self.pattern):
            if view is not None:
                start, stop = view.span(start, stop)
            yield Span(base + start, base + stop)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Span | None:
        return next(self.finditer(string, pos, endpos), None)


class ExactLiteral:
    """A literal matched as typed (``str.find``), with the part of ``re.Pattern`` the
    searches use (:class:`~.user_pattern.TextPattern`): escaped and compiled, a pasted page
    was parsed by ``re`` in Python, a character at a time (a second and 60 MB for 280,000
    characters), to be found as ``str.find`` finds it."""

    flags = 0

    def __init__(self, literal: str) -> None:
        self.pattern = literal
        self._loose = loosely_typed(literal)  # (found read loosely where the text asks it)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Span]:
        end = len(string) if endpos is None else min(max(0, endpos), len(string))
        start = min(max(0, pos), len(string))  # (as re takes them)
        size = len(self.pattern)
        if not size:  # (as the empty pattern matches: at every place)
            yield from (Span(at, at) for at in range(start, end + 1))
            return
        if self._loose != self.pattern or read_loosely(string, self._loose):
            part = string if start == 0 and end == len(string) else string[start:end]
            yield from (Span(start + a, start + b) for a, b in loose_spans(part, self._loose))
            return
        at = string.find(self.pattern, start, end)
        while at >= 0:
            yield Span(at, at + size)
            at = string.find(self.pattern, at + size, end)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Span | None:
        return next(self.finditer(string, pos, endpos), None)


class WholeWords:
    """The hits of a :class:`FoldedLiteral` or an :class:`ExactLiteral` that are whole words,
    as grep -w takes them (``search -w``): no word character (``\\w``, as the ``regex``
    module reads it) just before or after; a hit failing that is not taken, a later one
    starting inside it may be.  A space typed finds any space and letters their ligature,
    as the search without ``-w`` finds them: a text holding neither (most texts) is searched
    by the literal's compiled pattern of whole words (:class:`~.user_pattern.UserPattern`),
    twice as fast as the literal's hits each tested (the bench's 10,000 texts, ``-w the``:
    5.0 s of CPU, 3.0 s)."""

    def __init__(self, literal: FoldedLiteral | ExactLiteral) -> None:
        import regex  # (as the regular expressions read a word character)

        self._literal = literal
        self._word = regex.compile(r"\w")
        self.pattern = literal.pattern
        self.flags = literal.flags
        self._compiled = UserPattern(
            literal.pattern, ignore_case=bool(literal.flags), literal=True, whole_words=True
        )
        self._typed = loosely_typed(literal.pattern)
        typed = fold(self._typed) if literal.flags else self._typed
        self._reach = len(typed)  # a hit's length at most (a text's character is one or more)
        # a hit starts inside another only where the query's end is its start too ("a a")
        self._overlaps = any(typed[:k] == typed[-k:] for k in range(1, len(typed)))

    def _loose(self, text: str) -> bool:
        """Whether ``text`` is read loosely to find the literal (as :func:`read_loosely`;
        ignoring case, a text holding a ligature too, found as full case folding finds it)."""
        if self._typed != self.pattern:
            return True
        if not self.flags:
            return read_loosely(text, self._typed)
        space = " " in self._typed and holds_other_spaces(text)
        return space or holds_ligatures(text)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        if not self._loose(string):
            yield from self._compiled.finditer(
                string, pos, len(string) if endpos is None else endpos
            )
            return
        end = len(string) if endpos is None else min(max(0, endpos), len(string))
        taken = 0
        for start, stop in self._found(string, pos, end, end):
            if start < taken or start == stop:
                continue
            if (start and self._word.match(string[start - 1])) or (
                stop < end and self._word.match(string[stop])
            ):
                continue
            taken = stop
            yield Span(start, stop)

    def _found(self, string: str, pos: int, before: int, end: int) -> Iterator[tuple[int, int]]:
        """Each hit of the literal starting from ``pos`` to ``before``, left to right, those
        starting inside another too."""
        reach = end if before >= end else min(end, before - 1 + self._reach)
        for found in self._literal.finditer(string, pos, reach):
            start, stop = found.span()
            if start >= before:
                return
            yield start, stop
            if self._overlaps and stop - start > 1:
                yield from self._found(string, start + 1, stop, end)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        return next(self.finditer(string, pos, endpos), None)


class Span:
    """A match of a :class:`FoldedLiteral` or an :class:`ExactLiteral`: where it starts and
    ends."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def span(self, group: int = 0, /) -> tuple[int, int]:
        return self._start, self._end

    def start(self, group: int = 0, /) -> int:
        return self._start

    def end(self, group: int = 0, /) -> int:
        return self._end


def is_case_sensitive(query: str) -> bool:
    """True when ``query`` holds a capital letter (smart case)."""
    return any(ch.isupper() for ch in query)


# What a regular expression has that words and punctuation typed to be found seldom have: an
# anchor at either end (^Q:, end$), a dot repeated (a.*b), a class ([Tt]he), a class escape
# (\d+), an alternation ((a|b)) or a group's flag ((?i)).
_REGEX_SIGNS = re.compile(r"^\^|(?<!\\)\$$|\.[*+?]|\[[^\]]+\]|\\[dDwWsSbB]|\||\(\?|[^\s\\][*+]\?")


def reads_as_regex(query: str) -> bool:
    """True when ``query`` reads as a regular expression (``^Q:``, ``(alpha|beta)``, ``\\d+``):
    a search that takes its words as typed, as the app's ``/`` and ``&`` do, is said to have
    found none of it as such, so a user of less or grep knows why."""
    return _REGEX_SIGNS.search(query) is not None


def find_hits(
    text: str,
    query: str,
    *,
    limit: int | None = None,
    across_lines: bool = False,
    pause: Callable[[], None] | None = None,
) -> Hits:
    """Every occurrence of ``query`` in ``text`` (smart case), at most ``limit``; with
    ``across_lines``, also where a line ends at one of its spaces or after one of its
    hyphens (see :func:`_across_lines`).  ``pause``: called every :data:`PAUSE_EVERY` hits
    of a common word (a thread searching lets the others run: a million hits hold the
    interpreter for seconds)."""
    starts: array[int] = array("q")
    if not query:
        return Hits(starts, 0)
    query = composed_form(query)
    view = uncomposed(text, pause)
    if view is not None:  # searched composed, the hits said in the text's own offsets
        composed = find_hits(view.text, query, limit=limit, across_lines=across_lines, pause=pause)
        ends: array[int] = array("q")
        for at, to in composed:
            starts.append(view.start(at))
            ends.append(view.end(to))
        return Hits(starts, len(query), truncated=composed.truncated, ends=ends)
    query = loosely_typed(query)
    if is_case_sensitive(query) and read_loosely(text, query) and holds_ligatures(text):
        # its ligatures read as their letters ("Conﬁrm" for "Confirm"), the hits said in the
        # text's own offsets; one starting or ending inside a ligature is none
        letters = Unligatured(text)
        in_letters = find_hits(letters.folded, query, limit=limit, across_lines=across_lines)
        ends = array("q")
        for at, to in in_letters:
            first, last = letters.offset(at), letters.offset(to)
            if first is not None and last is not None:
                starts.append(first)
                ends.append(last)
        return Hits(starts, len(query), truncated=in_letters.truncated, ends=ends)
    lines = across_lines and "\n" in text
    if may_cross_lines(query) and (
        lines or (" " in query.strip(" -") and any(space in text for space in _NO_BREAK_SPACES))
    ):
        return _across_lines(text, query, limit, lines=lines)
    found: Iterator[int]
    if is_case_sensitive(query) and read_loosely(text, query):
        # (a space at its end, which no line's end stands for: any space; one code point)
        found = (start for start, _ in loose_spans(text, query))
    elif is_case_sensitive(query):
        found = literal_starts(text, query, fold=False, pause=pause)
    elif query.isascii() and text.isascii():  # ignoring case in ASCII is lowercasing
        found = literal_starts(text, query, fold=True, pause=pause)
    else:  # folded, a hit may be longer or shorter than the query (ß, "ss")
        ends = array("q")
        spans = folded_spans(text, query, pause)
        for start, end in spans:
            if limit is not None and len(starts) >= limit:
                return Hits(starts, len(query), truncated=True, ends=ends)
            starts.append(start)
            ends.append(end)
            if pause is not None and not len(starts) % PAUSE_EVERY:
                pause()
        if all(end - start == len(query) for start, end in zip(starts, ends, strict=True)):
            return Hits(starts, len(query))
        return Hits(starts, len(query), ends=ends)
    for start in found:
        starts.append(start)
        if limit is not None and len(starts) >= limit:
            return Hits(starts, len(query), truncated=next(found, None) is not None)
        if pause is not None and not len(starts) % PAUSE_EVERY:
            pause()
    return Hits(starts, len(query))


PAUSE_EVERY = 512  # hits found between two pauses of find_hits (a few milliseconds)

# The spaces and hyphens of a query past which it is looked for as typed, not also where a
# line ends at one of them (a phrase of pages): each is a part of the regular expression
# _across_lines compiles, in Python, some 100 us and 2.5 KB a character of the query (a
# clipboard of 560 KB pasted into / held the app for minutes and took gigabytes).
MAX_PHRASE_BREAKS = 1_000


# Where a line may end inside a phrase: at a space, or after a hyphen.
_BREAKS_AT = re.compile(r"[ -]")
# Spaces a reader sees as a space, that a space of a query matches ("10 km" in "10\xa0km", as
# a Word or a web page writes it; French "« oui »" with its narrow no-break spaces; a thin or
# an ideographic space): Unicode's space separators (Zs) but the space itself, each one code
# point, so a text with them read as spaces keeps its offsets.
SPACES = "".join(c for c in WIDE_SPACES if unicodedata.category(c) == "Zs")
_NO_BREAK_SPACES = NO_BREAK_SPACES = SPACES


def may_cross_lines(query: str) -> bool:
    """Whether a hit of ``query`` found ``across_lines`` (:func:`find_hits`) may be other
    than ``query`` itself: a space of it a no-break space or a line's end, a hyphen of it at
    a line's end (a space or a hyphen at its ends is only itself), in a query of at most
    :data:`MAX_PHRASE_BREAKS` of them (a longer one is looked for as typed)."""
    core = query.translate(_AS_SPACE).strip(" -")
    return (
        _BREAKS_AT.search(core) is not None
        and core.count(" ") + core.count("-") <= MAX_PHRASE_BREAKS
    )


_AS_SPACE = str.maketrans(dict.fromkeys(_NO_BREAK_SPACES, " "))

# The Latin ligatures a PDF's text holds ("conﬁrm", "ﬂow"), read as their letters by a search
# that takes case as typed too (ignoring case, their folds are their letters already).
# Their letters are their full case folding (U+FB00-U+FB06: "ff", "fi", "fl", "ffi", "ffl",
# "st", "st").
LIGATURE_LETTERS = {chr(c): chr(c).casefold() for c in range(0xFB00, 0xFB07)}
_LIGATURE = re.compile("[\ufb00-\ufb06]")
# what a ligature's letters begin with
LIGATURE_PAIRS = tuple(sorted({letters[:2] for letters in LIGATURE_LETTERS.values()}))
# a query as a loose search reads it: its other spaces a space, its ligatures their letters
_AS_TYPED_LOOSELY = str.maketrans(dict.fromkeys(SPACES, " ") | LIGATURE_LETTERS)


def holds_other_spaces(text: str) -> bool:
    """Whether ``text`` holds one of :data:`SPACES` (a character wider than the text's
    widest is said at once)."""
    return not text.isascii() and any(space in text for space in SPACES)


def holds_ligatures(text: str) -> bool:
    """Whether ``text`` holds one of :data:`LIGATURE_LETTERS`."""
    return not text.isascii() and any(ligature in text for ligature in LIGATURE_LETTERS)


def loosely_typed(query: str) -> str:
    """``query`` as a search reads it loosely: its other spaces a space, its ligatures their
    letters."""
    return query if query.isascii() else query.translate(_AS_TYPED_LOOSELY)


def read_loosely(text: str, query: str) -> bool:
    """Whether a search taking case as typed must read ``text`` loosely to find ``query``
    (read by :func:`loosely_typed`) wherever a reader sees it: a space of the query where the
    text holds another kind of space, letters a ligature writes where it holds a ligature.
    Else (an ASCII text, most texts) ``str.find`` finds every hit."""
    if text.isascii():
        return False
    if " " in query and holds_other_spaces(text):
        return True
    return any(pair in query for pair in LIGATURE_PAIRS) and holds_ligatures(text)


class Unligatured(CaseFolded):
    """``text`` with its ligatures written as their letters (:attr:`folded`), and the ways
    between offsets in it and in ``text``, as :class:`CaseFolded` gives them."""

    def __init__(self, text: str) -> None:  # (CaseFolded's own folding not wanted)
        self.folded = text.translate(LIGATURE_LETTERS_TABLE)
        self._at = array("q")
        self._starts = array("q")
        self._extra = array("q")
        extra = 0
        for match in _LIGATURE.finditer(text):
            self._at.append(match.start())
            self._starts.append(match.start() + extra)
            extra += len(LIGATURE_LETTERS[match.group()]) - 1
            self._extra.append(extra)


LIGATURE_LETTERS_TABLE = str.maketrans(LIGATURE_LETTERS)


def loose_spans(text: str, query: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each occurrence of ``query`` (not empty, read by
    :func:`loosely_typed`) in ``text`` read loosely (:func:`read_loosely`), case as typed,
    non-overlapping, left to right, in the text's own offsets; one that starts or ends
    inside a ligature (the "i" of "ﬁ") is none."""
    view = Unligatured(text) if holds_ligatures(text) else None
    searched = text if view is None else view.folded
    if " " in query and holds_other_spaces(searched):
        searched = searched.translate(_AS_SPACE)  # (a code point for a code point)
    size = len(query)
    at = searched.find(query)
    while at >= 0:
        if view is None:
            yield at, at + size
        else:
            first, last = view.offset(at), view.offset(at + size)
            if first is None or last is None:
                at = searched.find(query, at + 1)
                continue
            yield first, last
        at = searched.find(query, at + size)


# The no-break spaces beyond Latin-1 are searched as the Latin-1 one (a text holding them is
# searched with each replaced, a code point for a code point): the pattern's sets then hold
# Latin-1 alone.  A set beyond it is compiled by re into a table of 65,536 code points, made
# again for each space of the query: a paragraph of 100 words pasted into the corpus search
# took a quarter of a second to compile, at each key typed after it.
_WIDE_NO_BREAK_SPACES = _NO_BREAK_SPACES.replace("\xa0", "")
_SPACE = "[ \xa0]"
# a line's end, the next line's indentation around it
_LINE_BREAK = "[ \t\xa0]*\n[ \t\xa0]*"


def _latin_no_break(text: str) -> str:
    """``text`` with each no-break space beyond Latin-1 written as the Latin-1 one."""
    for space in _WIDE_NO_BREAK_SPACES:
        if space in text:  # (said at once of a text of Latin-1 alone)
            text = text.replace(space, "\xa0")
    return text


_WINDOW = 1 << 22  # code points lowercased at a time (see literal_starts)
_REACH = 4096  # a hit's length beyond the query's, at most, read past a window's end


def _across_lines(text: str, query: str, limit: int | None, *, lines: bool = True) -> Hits:
    """The hits of ``query`` where each of its spaces may be a no-break space, and, with
    ``lines``, a line's end, and each of its hyphens may end a line: a reader sees
    "self-determination" where a hard-wrapped paragraph, shown flowing, has "self-" at one
    line's end and "determination" at the next one's start, and "peace talks" across two
    lines; a search for them found nothing.  A paragraph's end (a blank line) is no space."""
    folding = not is_case_sensitive(query)
    if folding:
        query = fold(query)
    core = query.strip(" -")  # a space or a hyphen at its ends is only itself
    at = query.index(core)
    pieces = re.split(r"( |-)", core)
    space, hyphen = (
        (f"(?:{_SPACE}|{_LINE_BREAK})", f"-(?:{_LINE_BREAK})?") if lines else (_SPACE, "-")
    )
    source = re.escape(query[:at]) + "".join(
        space if piece == " " else hyphen if piece == "-" else re.escape(piece)
        for piece in pieces
    ) + re.escape(query[at + len(core) :])  # fmt: skip
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    windows: list[tuple[int, Iterator[tuple[int, int]]]]
    wide = not text.isascii() and any(space in text for space in _WIDE_NO_BREAK_SPACES)
    if folding and not text.isascii():
        # Lowercased, a text beyond ASCII may change its length (İ) or miss a fold (ς, ß):
        # searched folded whole, as find_hits does there, its hits said in the text's offsets.
        view = CaseFolded(text)
        folded = _latin_no_break(view.folded) if wide else view.folded
        windows = [(0, _folded_matches(re.compile(source), view, folded))]
    else:
        pattern = re.compile(source)
        # (a window at a time where its no-break spaces are replaced: never a whole copy)
        step = _WINDOW if folding or wide else max(1, len(text))
        windows = []
        for base in range(0, len(text), step):
            piece = text if step >= len(text) else text[base : base + step + _REACH]
            piece = piece.lower() if folding else piece
            windows.append((base, _starting_before(pattern, piece, step, wide)))
    pos = 0
    for base, matches in windows:
        for at, to in matches:
            if base + at < pos:
                continue  # overlaps the last hit of the window before
            if limit is not None and len(starts) >= limit:
                return Hits(starts, len(query), truncated=True, ends=ends)  # one more
            starts.append(base + at)
            ends.append(base + to)
            pos = base + to
    return Hits(starts, len(query), ends=ends)


def _folded_matches(
    pattern: re.Pattern[str], view: CaseFolded, folded: str
) -> Iterator[tuple[int, int]]:
    """The matches of ``pattern`` in ``folded``, the folded text of ``view`` (its no-break
    spaces as :func:`_latin_no_break` writes them), non-overlapping, in the text's own
    offsets; one that starts or ends inside a character's fold is none."""
    match = pattern.search(folded)
    while match is not None:
        start, end = view.offset(match.start()), view.offset(match.end())
        if start is None or end is None:
            match = pattern.search(folded, match.start() + 1)
            continue
        yield start, end
        match = pattern.search(folded, max(match.end(), match.start() + 1))


def _starting_before(
    pattern: re.Pattern[str], piece: str, step: int, wide: bool = False
) -> Iterator[tuple[int, int]]:
    """The matches of ``pattern`` in ``piece`` that start in its first ``step`` code points;
    ``wide``: its no-break spaces written as :func:`_latin_no_break` writes them first."""
    for match in pattern.finditer(_latin_no_break(piece) if wide else piece):
        if match.start() >= step:
            return
        yield match.span()


CONTEXT_WIDTH = 100  # code points of context shown per hit (corpus search, grep style)
_FOLD_CHUNK = 1 << 22  # code points lowercased at a time (a 50 MB text is not copied whole)


def literal_starts(
    text: str, query: str, *, fold: bool, pause: Callable[[], None] | None = None
) -> Iterator[int]:
    """Starts of the non-overlapping occurrences of ``query``, left to right; with ``fold``
    (ASCII text and query) in the text lowercased a chunk at a time: ten times faster than
    the regex engine ignoring case.  ``pause``: the text looked at :data:`PAUSED_SLICE` code
    points at a time, ``pause`` called between."""
    size = len(query)
    step = _FOLD_CHUNK if fold else max(1, len(text))
    if pause is not None:
        step = min(step, PAUSED_SLICE)
    if fold:
        query = query.lower()
    pos = 0  # where the next occurrence may start
    for base in range(0, len(text), step):
        if base and pause is not None:
            pause()
        whole = not fold and step >= len(text)
        piece = text if whole else text[base : base + step + size - 1]
        piece = piece.lower() if fold else piece
        i = piece.find(query, max(0, pos - base))
        while 0 <= i < step:
            yield base + i
            pos = base + i + size
            i = piece.find(query, pos - base)


# Texts up to this many code points have the ends of a literal's occurrences found by one
# split (:func:`literal_ends`); longer ones (a 50 MB line of a common word: millions of
# parts) an occurrence at a time.
_SPLIT_CODE_POINTS = 1 << 20


def literal_ends(text: str, query: str, *, fold: bool) -> list[int]:
    """The ends of :func:`literal_starts`'s occurrences of ``query`` (not empty), each
    ``len(query)`` after its start, the same ones: the text (lowercased, with ``fold``)
    split at them, as ``str.split`` finds them (non-overlapping, left to right), and the
    parts' lengths and the query's summed, in C.  A loop finding and yielding each start
    was a quarter of printing a common word's million hits (10,000 texts of 10 KB: 120 us a
    text, the split 60 us)."""
    size = len(query)
    if not size or len(text) > _SPLIT_CODE_POINTS:
        return [start + size for start in literal_starts(text, query, fold=fold)]
    if fold:
        text, query = text.lower(), query.lower()
    parts = text.split(query)
    parts.pop()  # (what follows the last occurrence)
    return list(accumulate(map(add, map(len, parts), repeat(size))))


def line_context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    """The source line around ``text[start:end]`` as grep shows it, cut to about ``width``
    code points around the hit (``…`` where cut): two searches and a slice, however long
    the text, so listing a million hits stays fast."""
    return context_in_line(text, line_bounds(text, start, end), start, end, width)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of the line (or lines, for a hit across a line break) holding
    ``text[start:end]``, without its line break."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def file_line_bounds(
    text: str, start: int, end: int, line: int, added: Sequence[int]
) -> tuple[int, int]:
    """:func:`line_bounds` of the line of its file holding ``text[start:end]``, which begins
    on the 1-based line ``line`` of ``text``: the lines of ``text`` the ``added`` newlines
    (:func:`~tui_reader.core.documents.lines.added_breaks`, a form feed's, a lone CR's: no
    line feed of the file) join are one, as grep prints it once."""
    first, last = line_bounds(text, start, end)
    if not added:
        return first, last
    newline = line - 2  # the place among the text's newlines of the one before the line
    while first > 0 and _is_added(added, newline):
        first = text.rfind("\n", 0, first - 1) + 1
        newline -= 1
    newline = line - 1 + text.count("\n", start, end)  # the one ending the line
    while last < len(text) and _is_added(added, newline):
        found = text.find("\n", last + 1)
        last = len(text) if found < 0 else found
        newline += 1
    return first, last


def _is_added(added: Sequence[int], newline: int) -> bool:
    at = bisect_left(added, newline)
    return at < len(added) and added[at] == newline


def context_in_line(
    text: str, line: tuple[int, int], start: int, end: int, width: int = CONTEXT_WIDTH
) -> str:
    """:func:`line_context` of a hit whose :func:`line_bounds` are ``line`` (a line's hits
    share them: a common word's million hits, four to a line, looked for them once a line)."""
    return span_shown(text, line, context_span(line, start, end, width, text))


def span_shown(text: str, line: tuple[int, int], span: tuple[int, int]) -> str:
    """The part ``span`` of the line ``line`` of ``text`` as a context shows it: an ellipsis
    where the line goes on beyond it."""
    left, right = span
    return ("…" if left > line[0] else "") + text[left:right] + ("…" if right < line[1] else "")


def context_span(
    line: tuple[int, int],
    start: int,
    end: int,
    width: int = CONTEXT_WIDTH,
    text: str | None = None,
    *,
    spaces_only: bool = False,
) -> tuple[int, int]:
    """``[left, right)`` of the text :func:`context_in_line` shows of a hit ``[start, end)``
    on the line ``line``: the search prints a line again for a hit only where this part of
    it, shown for the hit before, does not hold it.  ``spaces_only``: the line holds no white
    space but the space (of an ASCII text without a control character but its line feeds, a
    line that no hit across a line feed made two): its words are cut at its spaces alone,
    each found by a comparison."""
    line_start, line_end = line
    # (compared, not max() and min(): asked once a line a search prints, their calls were
    # a fifth of its cost)
    room = width - (end - start)
    if room < 0:
        room = 0
    left = start - room // 3
    if left < line_start:
        left = line_start
    right = end + room - (start - left)
    if right > line_end:
        right = line_end
    # the room the line's end leaves unused goes before the hit: a line of 62 code points
    # was cut 30 before a hit near its end ('…the peace across north city army'), where
    # grep prints it whole; a line that fits is shown whole
    if right - width < left:
        left = right - width if right - width > line_start else line_start
    if text is None:
        return left, right
    # Cut where a word begins and ends, as the corpus search's context is: a word cut at
    # either end is left out ('…rt 99 Some' showed the end of 'Report'), unless it is the
    # word holding the hit, or a run of letters too long to be a word (a part of it says more).
    # (where a word's cut is looked for, the nearer of the hit and LONGEST_WORD_LEFT_OUT:
    # compared too, each printed line's min() and max() were a fifth of its cut)
    limit = left + CUT_REACH
    if limit > start:
        limit = start
    low = right - CUT_REACH
    if low < end:
        low = end
    if spaces_only:  # (the cuts below, where the only space is " ": half their cost)
        if left > line_start and text[left - 1] != " ":
            space = text.find(" ", left, limit)
            if space >= 0:
                left = space + 1
                while left < start and text[left] == " ":
                    left += 1
        if right < line_end and text[right] != " ":
            space = text.rfind(" ", low, right)
            if space >= 0:
                while space > low and text[space - 1] == " ":
                    space -= 1
                right = space
        return left, right
    if left > line_start and not text[left - 1].isspace():
        left = _word_start_after(text, left, limit, start)
    if right < line_end and not text[right].isspace():
        right = _word_end_before(text, low, right)
    return left, right


# (The two cuts below are asked once a line a search prints, a million times for a common
# word: a space found by str.find, the words between told whole by str.split, where the
# patterns cost twice the rest of the line's work; the patterns still tell the rare rest.)


def _word_start_after(text: str, left: int, limit: int, start: int) -> int:
    """Where the first word after the first run of spaces in ``text[left:limit]`` begins
    (``start`` at the most); ``left`` when that part holds no space."""
    space = text.find(" ", left, limit)
    head = text[left : limit if space < 0 else space]
    if head and head.split() != [head]:  # another kind of space before it: the patterns
        found = _CUT_SPACE.search(text, left, limit)
        if found is None:  # pragma: no cover - head holds one
            return left
        return _CUT_WORD.search(text, found.end(), start).start()  # type: ignore[union-attr]
    if space < 0:
        return left
    after = space + 1
    if after < limit and not text[after].isspace():
        return after  # one space, then the word (most often)
    found = _CUT_SPACE.match(text, space, limit)
    return _CUT_WORD.search(text, found.end(), start).start()  # type: ignore[union-attr]


def _word_end_before(text: str, low: int, right: int) -> int:
    """Where the last run of spaces in ``text[low:right]`` begins (``low`` at the least);
    ``right`` when that part holds no space."""
    space = text.rfind(" ", low, right)
    tail = text[low if space < 0 else space + 1 : right]
    if tail and tail.split() != [tail]:  # another kind of space after it: the pattern
        found = _CUT_LAST_SPACE.search(text, low, right)
        return right if found is None else found.start()
    if space < 0:
        return right
    while space > low and text[space - 1].isspace():
        space -= 1
    return space


# The longest part of a word cut at a context's end that is left out: a longer run of
# letters (a hash, a URL, a line of x's) is shown in part.
LONGEST_WORD_LEFT_OUT = 24
# How far from a context's end a cut is looked for, at most (named apart from _REACH, a hit's
# reach past a window's end, which this one, defined after it, replaced: a phrase of 30 code
# points over a window's end was missed)
CUT_REACH = LONGEST_WORD_LEFT_OUT + 1
_CUT_SPACE = re.compile(r"\s+")
_CUT_WORD = re.compile(r"\S|\Z")
_CUT_LAST_SPACE = re.compile(r"\s+\S*\Z")
