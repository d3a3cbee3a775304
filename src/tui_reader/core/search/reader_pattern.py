"""What the reader's ``/`` and ``&`` find, as less reads a search: a pattern is a regular
expression (``/colou?r``, ``/^Q:``, ``&^INTERVIEWER``), unless it holds none of the signs one
is written with, when it is found as typed, as it always was (a phrase over a line's end, a
no-break space for a space: :func:`~.hits.find_hits`); ``literal`` (less's ``^R``) takes any
pattern as typed.  A regular expression is read as ``tui-reader search --regex`` reads one
(:class:`~.user_pattern.UserPattern`: ``^`` and ``$`` at every line, ``\\<`` and ``\\>`` a
word's edges, a time limit), in smart case (a capital letter outside an escape, ``\\S`` or
``\\D``, makes it exact), against the text in its composed form (NFC), the hits said in the
text's own offsets; a match of no characters (``^`` alone) is no hit.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from functools import lru_cache

from tui_reader.core.search.composed import composed_form, uncomposed
from tui_reader.core.search.hit_list import Hits
from tui_reader.core.search.hits import PAUSE_EVERY, find_hits, is_case_sensitive
from tui_reader.core.search.user_pattern import UserPattern

# The signs a regular expression is written with: a pattern holding none is the same found as
# typed or as a regular expression, and is found as typed (across lines, as it was).
REGEX_SIGNS = frozenset("\\^$.|?*+()[]{")
_ESCAPE = re.compile(r"\\.", re.DOTALL)


def is_regex(query: str) -> bool:
    """Whether the reader reads ``query`` as a regular expression: it holds a sign of one."""
    return not REGEX_SIGNS.isdisjoint(query)


def regex_case_sensitive(query: str) -> bool:
    """Smart case for a regular expression: a capital letter written, not one naming a class
    (``\\S+``, ``\\D``, ``\\W``) or another escape."""
    return is_case_sensitive(_ESCAPE.sub("", query))


@lru_cache(maxsize=4)
def compiled(query: str) -> UserPattern:
    """``query`` compiled as the reader reads a regular expression (smart case); raises
    :class:`~tui_reader.core.errors.PatternError` when it is none, naming why.  The last few
    are kept: a search checks its pattern, finds its hits and says it is not found with one
    compiling (a second and more for a pattern of 300 KB), done in its worker."""
    return UserPattern(composed_form(query), ignore_case=not regex_case_sensitive(query))


def reader_hits(
    text: str,
    query: str,
    *,
    literal: bool = False,
    limit: int | None = None,
    across_lines: bool = False,
    pause: Callable[[], None] | None = None,
) -> Hits:
    """The hits of ``query`` in ``text`` as the reader's ``/`` and ``&`` find them (see the
    module), at most ``limit``; ``across_lines`` and ``pause`` as :func:`~.hits.find_hits`
    takes them for a pattern found as typed.  Raises
    :class:`~tui_reader.core.errors.PatternError` for a regular expression that is none, or
    takes too long."""
    if literal or not is_regex(query):
        return find_hits(text, query, limit=limit, across_lines=across_lines, pause=pause)
    pattern = compiled(query)
    view = uncomposed(text, pause)
    searched = text if view is None else view.text
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    truncated = False
    length = -1  # the hits' one length, while they have one (-2: they have not)
    for match in pattern.finditer(searched):
        start, end = match.span()
        if start == end:
            continue
        if limit is not None and len(starts) >= limit:
            truncated = True
            break
        if view is not None:
            start, end = view.span(start, end)
        starts.append(start)
        ends.append(end)
        if length != end - start:
            length = end - start if length == -1 else -2
        if pause is not None and not len(starts) % PAUSE_EVERY:
            pause()
    if length >= 0:  # one length (/^Q:, /colo.r): their starts alone, half the memory
        return Hits(starts, length, truncated=truncated)
    return Hits(starts, 0, truncated=truncated, ends=ends)
