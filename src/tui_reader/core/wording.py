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


def capped(lines: Sequence[str], at_most: int) -> list[str]:
    """``lines``, the first ``at_most`` of them and then one saying how many more: a query
    naming ten thousand unknown codes does not print (or show) ten thousand lines."""
    if len(lines) <= at_most:
        return list(lines)
    return [*lines[:at_most], f"{len(lines) - at_most:,} more like these"]
