"""A regular expression a user wrote (``search --regex``, ``autocode --regex``), matched by the
``regex`` module under a time limit.

Python's ``re`` backtracks without end on some patterns (``(a|aa)+$`` on a line of forty
``a``: hours); ``regex`` finds most of them at once and stops the others when the time given to
a match is over, which becomes :class:`~tui_reader.core.errors.PatternError` naming the
pattern.  The time given grows with the text (a second per million code points over
:data:`MATCH_SECONDS`), so a slow pattern over a 50 MB book still runs to its end, while one
that backtracks without end over an ordinary page (``(a+)+b`` over 30 KB) is refused within
about a second: a pattern that ends matches such a text in milliseconds.  The syntax
is ``re``'s.  As in grep, ``^`` and ``$`` match at the start and end of every line, and
``\\<`` and ``\\>`` at the start and end of a word (``re`` reads them as ``<`` and ``>``).  Ignoring
case, the pattern and the text are folded fully, as every search folds (``hits.fold``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from tui_reader.core.display import shown
from tui_reader.core.errors import PatternError
from tui_reader.core.wording import QUOTED_AT_MOST, clipped

if TYPE_CHECKING:  # loaded by the first pattern compiled: a literal search does without it
    import regex


class Found(Protocol):
    """A match, from ``re`` or ``regex``."""

    def span(self, group: int = ..., /) -> tuple[int, int]: ...

    def start(self, group: int = ..., /) -> int: ...

    def end(self, group: int = ..., /) -> int: ...


class TextPattern(Protocol):
    """What the searches use of a compiled pattern: ``re.Pattern[str]`` (a literal, escaped)
    or a :class:`UserPattern`."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...

    def search(self, string: str, pos: int = ..., endpos: int = ..., /) -> Found | None: ...

    def finditer(self, string: str, pos: int = ..., endpos: int = ..., /) -> Iterator[Found]: ...


MATCH_SECONDS = 1.0  # a match's time limit, plus a second per million code points of text
CODE_POINTS_PER_SECOND = 1_000_000


MAX_REPEATS = 1_000_000  # counted repeats, nested ones multiplied: compiled in 0.4 s
_COUNT = re.compile(r"(?<!\\)(?:\\\\)*\{(\d*)(?:,(\d*))?\}")  # not after a lone \ (\{)


_WORD_EDGES = {"<": r"\m", ">": r"\M"}  # grep's start and end of a word, as regex writes them


def _grep_word_edges(source: str) -> str:
    """``source`` with grep's ``\\<`` and ``\\>`` (the start and end of a word) written as
    ``regex`` writes them (``\\m``, ``\\M``), outside a set of characters: ``re``'s syntax
    reads them as ``<`` and ``>``, so ``\\<no\\>`` found nothing where grep finds the word."""
    out: list[str] = []
    i, in_set = 0, False
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            following = source[i + 1]
            out.append(
                _WORD_EDGES.get(following, "\\" + following) if not in_set else char + following
            )
            i += 2
            continue
        if not in_set and char == "[":
            in_set = True
            out.append(char)
            i += 1
            if source.startswith("^", i):  # a set's first ] (after a ^) is one of its characters
                out.append("^")
                i += 1
            if source.startswith("]", i):
                out.append("]")
                i += 1
            continue
        if in_set and source.startswith("[:", i) and (end := source.find(":]", i + 2)) != -1:
            out.append(source[i : end + 2])  # a class, [:alpha:], whose ] ends no set
            i = end + 2
            continue
        if in_set and char == "]":
            in_set = False
        out.append(char)
        i += 1
    return "".join(out)


# The spaces a space of a regular expression written outside a set matches too, as a space
# typed does (hits.SPACES, the unit tests check): Unicode's space separators (Zs).
SPACES = (
    "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_ANY_SPACE = "[ " + SPACES + "]"


def holds_other_spaces(text: str) -> bool:
    """Whether ``text`` holds one of :data:`SPACES` (a character wider than the text's
    widest is said at once)."""
    return not text.isascii() and any(space in text for space in SPACES)


def _ligatures_of(givens: Sequence[str]) -> str:
    """The ligatures whose first two letters one of the patterns ``givens`` writes (``ﬁ`` and
    ``ﬃ`` for ``office``: its "fi" and "ff")."""
    from tui_reader.core.search.hits import LIGATURE_LETTERS  # (its module imports this one)

    return "".join(
        ligature
        for ligature, letters in LIGATURE_LETTERS.items()
        if any(letters[:2] in given for given in givens)
    )


def _holds_any(text: str, characters: str) -> bool:
    """Whether ``text`` holds one of ``characters`` (none of them ASCII)."""
    return not text.isascii() and any(character in text for character in characters)


def spaces_loosened(source: str) -> str:
    """``source`` (a regular expression in ``re``'s syntax) with each space that is a
    character to match written as a set of every space (:data:`SPACES`): ``the army`` finds
    ``the\u00a0army``.  A space escaped (``\\ ``), in a set (``[ ,]``), a comment or a verbose
    pattern (``(?x)``), or in the name of a character (``\\N{NO-BREAK SPACE}``) is left as
    it is.  The spaces read so are told by the scan below, then checked by Python's own
    parser of regular expressions (``re._parser``): each space rewritten must be a character
    to match alone there, the pattern otherwise the same; a pattern it cannot read (the
    ``regex`` module's own syntax: ``\\p{L}``) or leaves in doubt is given back as it is."""
    if " " not in source:
        return source
    places = _bare_spaces(source)
    if not places:
        return source
    marker = next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in source), None)
    if marker is None:  # pragma: no cover - a pattern holding every private use character
        return source
    marked = list(source)
    for at in places:
        marked[at] = marker
    if not _only_spaces_marked(source, "".join(marked), marker, len(places)):
        return source
    for at in places:
        marked[at] = _ANY_SPACE
    return "".join(marked)


def _bare_spaces(source: str) -> list[int]:
    """Where ``source`` holds a space neither escaped nor in a set, a comment or a
    character's name (a scan; :func:`_only_spaces_marked` checks it)."""
    places: list[int] = []
    i, in_set = 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            if source.startswith("N{", i + 1):  # a character's name, its spaces its own
                close = source.find("}", i)
                i = len(source) if close < 0 else close + 1
            else:
                i += 2
            continue
        if in_set:
            if source.startswith("[:", i) and (end := source.find(":]", i + 2)) != -1:
                i = end + 2
                continue
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1
            if source.startswith("^", i):
                i += 1
            if source.startswith("]", i):  # a set's first ] is one of its characters
                i += 1
            continue
        elif source.startswith("(?#", i):
            close = source.find(")", i)
            i = len(source) if close < 0 else close + 1
            continue
        elif char == " ":
            places.append(i)
        i += 1
    return places


def _only_spaces_marked(source: str, marked: str, marker: str, count: int) -> bool:
    """Whether ``re``'s parser reads ``marked`` (``source`` with ``count`` of its spaces
    written as ``marker``) as ``source`` with each of those spaces a character to match
    alone, outside a set: the same parse, each ``marker`` in it where a space is."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        with warnings.catch_warnings():  # (re's "possible nested set": regex reads it)
            warnings.simplefilter("ignore")
            before = _parser.parse(source)
            after = _parser.parse(marked)
        space, mark = _parser.LITERAL, _parser.IN
        seen = [0]

        def shape(tree: object, in_set: bool = False) -> object:
            """The parse as tuples, each marker outside a set a space, counted."""
            if isinstance(tree, _parser.SubPattern):
                return ("sub", [shape(item) for item in tree.data])
            if isinstance(tree, tuple) and len(tree) == 2 and tree[0] is space and not in_set:
                if tree[1] == ord(marker):
                    seen[0] += 1
                    return (space, ord(" "))
                return tree
            if isinstance(tree, tuple) and len(tree) == 2 and tree[0] is mark:
                return (mark, [shape(item, True) for item in tree[1]])
            if isinstance(tree, (tuple, list)):
                return type(tree)(shape(item, in_set) for item in tree)
            return tree

        same = shape(before) == shape(after)
        # (the parse of source holds no marker: each counted is one of the spaces marked)
        return same and seen[0] == count and before.state.flags == after.state.flags
    except Exception:  # a pattern re cannot read, or a parser changed: as typed
        return False


def _repeats(source: str) -> int:
    """At most how many times the counted repeats of ``source`` (``{m}``, ``{m,n}``, ``{m,}``)
    make the engine lay out what they repeat: their counts multiplied (nested ones multiply;
    ``regex`` compiles ``a{N}`` as N copies, and ``a{99999999}`` never ended)."""
    total = 1
    for low, high in _COUNT.findall(source):
        count = max(int(n) if n and len(n) < 12 else 10**12 if n else 0 for n in (low, high))
        total *= max(count, 1)
        if total > MAX_REPEATS:
            break
    return total


class UserPattern:
    """``source`` compiled as a regular expression (``ignore_case``: case-blind), with the
    part of ``re.Pattern`` the searches use; each call stops after its time limit."""

    def __init__(
        self,
        source: str,
        *,
        ignore_case: bool = False,
        literal: bool = False,
        whole_words: bool = False,
        more: Sequence[str] = (),
    ) -> None:
        """``literal``: ``source`` is the text to find, as typed; ``whole_words``: only its
        matches with no word character (a letter, a digit, ``_``) just before or after them,
        as grep -w finds them (a match failing that is not taken, a shorter or later one
        may be); ``more``: other patterns (or texts) any of which matches too, as grep's
        several ``-e``, each one's groups numbered from 1 as if it were alone (``\\1``), the
        longest match at the leftmost place taken, as grep's POSIX matching takes it."""
        import regex  # 20 ms: not for the literal searches that never compile a pattern

        # Ignoring case, folded fully (FULLCASE), as a literal search folds: "strasse" finds
        # "Straße", "file" a typeset "ﬁle"; never a part of one letter's fold ("s" in "ß").
        flags = regex.MULTILINE | (regex.IGNORECASE | regex.FULLCASE if ignore_case else 0)
        if more:  # the longest match at a place, whichever pattern gives it, as grep takes it
            flags |= regex.POSIX  # (-e war -e warning: warning; Python's would take war)
        parts = [regex.escape(p) if literal else _grep_word_edges(p) for p in (source, *more)]
        for part, given in zip(parts, (source, *more), strict=True):
            if not literal and _repeats(given) > MAX_REPEATS:  # compiled, it never ends
                raise PatternError(
                    given,
                    f"repeats too many times to compile (its counts, multiplied, pass "
                    f"{MAX_REPEATS:,}); write smaller counts",
                )
            if more:  # each alone first: the one that is no regular expression is named
                _compiled(regex, part, flags, given)
        self.pattern = source if not more else " | ".join((source, *more))
        self._joined = (bool(more), whole_words, flags)  # (a list: [] != ())
        self._compiled = _compiled(regex, self._source(parts), flags, self.pattern)
        self.flags = self._compiled.flags
        # A regular expression's spaces, where a text holds another kind of space: each one
        # outside a set any space (spaces_loosened), rewritten and compiled when such a text
        # first comes (a set of them is slower than a space: three times over ASCII texts)
        self._parts = parts
        self._givens = () if literal else (source, *more)
        self._loose: regex.Pattern[str] | None = None
        # Taking case as typed, a regular expression's letters find a ligature writing them
        # (-E confirm finds a PDF's "conﬁrm"), as a literal's do: the ligatures whose first
        # two letters it writes (a text holding none is searched as it is: a common word's
        # every match in a PDF's text was ten times slower read both ways).  Ignoring case,
        # FULLCASE folds a ligature already; a literal's own class reads them (AnyLiteral).
        self._ligatures = "" if literal or ignore_case else _ligatures_of(self._givens)

    def _source(self, parts: Sequence[str]) -> str:
        """The pattern compiled of ``parts`` (each pattern's source as compiled)."""
        more, whole_words, _ = self._joined
        # (?|...): a branch reset, each alternative's groups numbered from 1
        compiled = parts[0] if not more else "(?|" + "|".join(f"(?:{p})" for p in parts) + ")"
        if whole_words:
            compiled = rf"(?<!\w)(?:{compiled})(?!\w)"
        return compiled

    def _for(self, string: str) -> regex.Pattern[str]:
        """The compiled pattern ``string`` is searched with: its spaces any space where it
        holds another kind of space."""
        if not self._givens or not holds_other_spaces(string):
            return self._compiled
        if self._loose is None:
            import regex

            loose = [_grep_word_edges(spaces_loosened(given)) for given in self._givens]
            compiled = self._compiled
            if loose != self._parts:
                # (the same pattern, a space a set: it compiles as the pattern did)
                compiled = _compiled(regex, self._source(loose), self._joined[2], self.pattern)
            self._loose = compiled
        return self._loose

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        if self._ligatures and _holds_any(string, self._ligatures):
            return next(self._with_ligatures(string, pos, endpos), None)
        try:
            return self._for(string).search(
                string, pos, endpos, timeout=self._limit(string, pos, endpos)
            )
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Found]:
        if self._ligatures and _holds_any(string, self._ligatures):
            yield from self._with_ligatures(string, pos, endpos)
            return
        matches = self._for(string).finditer(
            string, pos, endpos, timeout=self._limit(string, pos, endpos)
        )
        try:
            yield from matches
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def _with_ligatures(self, string: str, pos: int, endpos: int | None) -> Iterator[Found]:
        """The matches in ``string``, a text holding a ligature, left to right: at each place
        the leftmost of a match in the text as it is (``con.rm`` finds ``conﬁrm``, the dot
        the ligature) and one in the text with its ligatures written as their letters
        (``confirm``) that neither starts nor ends inside a ligature, the longer of the two
        where both start at one place.  Each side's next match is kept until passed: each
        text is scanned once a side."""
        from tui_reader.core.search.hits import Span, Unligatured

        view = Unligatured(string)
        as_is, lettered = self._for(string), self._for(view.folded)
        end = len(string) if endpos is None else min(max(0, endpos), len(string))
        at, folded_end = max(0, min(pos, len(string))), view.folded_offset(end)
        limit = self._limit(string, at, end)
        mine: Found | None = None  # the next match in the text as it is (from ``at``)
        theirs: Found | None = None  # the next whole one in the text read with its letters
        mine_left = theirs_left = True  # whether a side may hold one more
        try:
            while at <= end:
                if mine_left and (mine is None or mine.start() < at):
                    mine = as_is.search(string, at, end, timeout=limit)
                    mine_left = mine is not None
                if theirs_left and (theirs is None or theirs.start() < at):
                    theirs, place = None, view.folded_offset(at)
                    while match := lettered.search(view.folded, place, folded_end, timeout=limit):
                        first, last = view.offset(match.start()), view.offset(match.end())
                        if first is not None and last is not None and first >= at:
                            theirs = Span(first, last)
                            break
                        place = match.start() + 1
                    theirs_left = theirs is not None
                found = mine if mine_left else None
                theirs = theirs if theirs_left else None
                if theirs is not None and (
                    found is None or (theirs.start(), -theirs.end()) < (found.start(), -found.end())
                ):
                    found = theirs
                if found is None:
                    return
                yield found
                at = found.end() if found.end() > found.start() else found.end() + 1
        except TimeoutError as exc:
            raise self._too_slow() from exc

    @staticmethod
    def _limit(string: str, pos: int, endpos: int | None) -> float:
        length = (len(string) if endpos is None else min(endpos, len(string))) - pos
        return MATCH_SECONDS + max(0, length) / CODE_POINTS_PER_SECOND

    def _too_slow(self) -> PatternError:
        return PatternError(
            self.pattern,
            "takes too long: it backtracks without end on this text (a repeat inside a "
            "repeat, like (a|aa)+); write it without the nested repeat",
        )


def _compiled(engine: ModuleType, compiled: str, flags: int, source: str) -> regex.Pattern[str]:
    """``compiled`` compiled by ``engine`` (the ``regex`` module) with ``flags``; a
    :class:`PatternError` naming ``source``, what the user wrote, when it cannot be."""
    try:
        pattern: regex.Pattern[str] = engine.compile(compiled, flags)
    except engine.error as exc:
        raise PatternError(source, f"is not a regular expression: {exc}") from exc
    except (OverflowError, RecursionError, MemoryError) as exc:  # a pattern too big
        raise PatternError(source, "is too big to compile") from exc
    return pattern


def matches_empty_text(pattern: TextPattern) -> bool:
    """Whether ``pattern`` matches nothing in a word, a space and a line break but an empty
    text (a search or an autocode that found no hit with it found only such matches, or
    none: ``^``, ``\\b``, ``(?=x)``)."""
    return any(m.start() == m.end() for m in pattern.finditer("word and more\n\nline two.\n"))


def empty_text_only(source: str) -> str:
    """What is said of the regular expression ``source`` that matched only empty text."""
    return (
        f"'{shown(clipped(source, QUOTED_AT_MOST))}' matches only empty text (a place between "
        "characters, as ^, $, \\b and (?=...) do), which is no hit: give it characters to match"
    )
