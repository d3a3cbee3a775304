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
        several ``-e``, each one's groups numbered from 1 as if it were alone (``\\1``)."""
        import regex  # 20 ms: not for the literal searches that never compile a pattern

        # Ignoring case, folded fully (FULLCASE), as a literal search folds: "strasse" finds
        # "Straße", "file" a typeset "ﬁle"; never a part of one letter's fold ("s" in "ß").
        flags = regex.MULTILINE | (regex.IGNORECASE | regex.FULLCASE if ignore_case else 0)
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
        # (?|...): a branch reset, each alternative's groups numbered from 1
        compiled = parts[0] if not more else "(?|" + "|".join(f"(?:{p})" for p in parts) + ")"
        if whole_words:
            compiled = rf"(?<!\w)(?:{compiled})(?!\w)"
        self.pattern = source if not more else " | ".join((source, *more))
        self._compiled = _compiled(regex, compiled, flags, self.pattern)
        self.flags = self._compiled.flags

    def search(
        self, string: str, pos: int = 0, endpos: int | None = None
    ) -> regex.Match[str] | None:
        try:
            return self._compiled.search(
                string, pos, endpos, timeout=self._limit(string, pos, endpos)
            )
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def finditer(
        self, string: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        matches = self._compiled.finditer(
            string, pos, endpos, timeout=self._limit(string, pos, endpos)
        )
        try:
            yield from matches
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
