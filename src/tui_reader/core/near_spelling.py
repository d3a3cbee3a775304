"""Names spelled nearly like a word: :func:`difflib.get_close_matches`, without reading a
word no name can be near.  ``get_close_matches`` indexes the word's every character before it
weighs the first name, though a name whose length is far from the word's can never reach the
cutoff (its first test, ``real_quick_ratio``, says so from the two lengths): a code pasted a
megabyte long into a query, a tag field or a command line took a third of a second each time
it was said to be in no codebook, and more the longer it was."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(word: str, names: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """What ``difflib.get_close_matches(word, names, n, cutoff)`` returns, in its order: the
    names whose length lets them reach ``cutoff`` weighed alone, none weighed (the word not
    read) when there is no such name."""
    size = len(word)
    fitting = [name for name in names if _may_reach(size, len(name), cutoff)]
    if not fitting:
        return []
    return difflib.get_close_matches(word, fitting, n=n, cutoff=cutoff)


def _may_reach(size: int, other: int, cutoff: float) -> bool:
    """``SequenceMatcher.real_quick_ratio() >= cutoff`` for strings of these lengths, as it
    computes it: the most the two could have in common, whatever their characters."""
    length = size + other
    return (2.0 * min(size, other) / length if length else 1.0) >= cutoff
