"""Counted nouns in messages: ``1 passage``, ``2 passages``, ``1 match``, ``3 matches``."""

from __future__ import annotations

from collections.abc import Sequence

_ES_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural(noun: str) -> str:
    """The plural of a regular English noun (``match`` -> ``matches``, ``entry`` ->
    ``entries``; the words our messages count)."""
    if noun.endswith(_ES_ENDINGS):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(number: int, noun: str, nouns: str | None = None) -> str:
    """``1 passage``, ``0 passages``, ``1,234 passages`` (``nouns``: an irregular plural)."""
    return f"{number:,} {noun if number == 1 else (nouns or plural(noun))}"


def agreeing(number: int, singular: str, plural: str) -> str:
    """The verb (or word) that agrees with ``number``: ``agreeing(1, "matches", "match")``."""
    return singular if number == 1 else plural


# The longest line a message about what was typed says whole (a code name pasted a megabyte
# long is said by its two ends).
LINE_AT_MOST = 400


def clipped(line: str, at_most: int = LINE_AT_MOST) -> str:
    """``line``, or when it is longer than ``at_most`` its start and its end around ``…``:
    a message naming what was typed stays a line, however long the thing typed."""
    if len(line) <= at_most:
        return line
    half = (at_most - 1) // 2
    return f"{line[:half]}…{line[-half:]}"


SAID_AT_MOST = (
    20  # lines of one kind said one by one (codes not found, a file's problems); the rest counted
)


def capped(lines: Sequence[str], at_most: int = SAID_AT_MOST) -> list[str]:
    """``lines``, the first ``at_most`` of them (each :func:`clipped`) and then one saying how
    many more: a query naming ten thousand unknown codes does not print (or show) ten
    thousand lines, nor a code a megabyte long a megabyte."""
    if len(lines) <= at_most:
        return [clipped(line) for line in lines]
    return [*map(clipped, lines[:at_most]), f"{len(lines) - at_most:,} more like these"]


def seconds(number: float) -> str:
    """A number of seconds as a message says it: whole from 10 up (``30 s``), to two figures
    below (``1.5 s``, ``0.4 s``): a wait of 0.4 s was said ``up to 0 s``, and of 1.5 s
    ``up to 2 s``."""
    if number >= 10 or number <= 0:
        return f"{max(0.0, number):,.0f} s"
    return f"{number:.2g} s"


QUOTED_AT_MOST = 200  # characters of a quoted value a message shows (its two ends past that)


def quoted(value: str, at_most: int = QUOTED_AT_MOST) -> str:
    """``value`` (a quote, a code, a pattern the user typed) quoted as a message names it, and
    when it is long its two ends around ``…`` (:func:`clipped`): a pattern or a quote of
    100,000 characters made its one line ("no match for the text '...'", "quote not found")
    100,000 long."""
    return clipped(repr(value), at_most)
