"""Hard-wrapped plain text (man pages, e-mails, transcripts exported at 72-80 columns).

Such text ends every line at a fixed column: shown at the reading measure, each of its lines
would be wrapped again and leave a ragged column of one-word lines.  When a document reads as
hard-wrapped, :func:`soft_wrapped_paragraphs` names the paragraphs whose single newlines are
soft: the reading engine wraps them as if those newlines were spaces (and hides the
indentation after them), while every offset still points into the unchanged text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

_MIN_LINES = 8  # lines needed to tell a wrapping column
_SAMPLE_PARAGRAPHS = 400
_MAX_CHARS = 8_000_000  # bigger texts are not looked at (hard-wrapped text is small)
_COLUMN_RANGE = (40, 100)


# Compiled when first needed: most texts never have lines that all reach one column.
@cache
def _list_item() -> re.Pattern[str]:
    return re.compile(r"[ \t]*(?:[-*+•◦▪–]|\d{1,3}[.)]|[a-z][.)])\s")


@cache
def _table_like() -> re.Pattern[str]:
    return re.compile(r"\S(?: {3,}|\t)\S")


def wrap_column(paragraphs: Sequence[list[str]]) -> int | None:
    """The column the text was wrapped at, or ``None`` when it does not read as wrapped.

    Looks at the lines that are not the last of their paragraph: in wrapped text nearly all
    of them end close to one column."""
    lengths = sorted(len(line.rstrip()) for lines in paragraphs for line in lines[:-1])
    if len(lengths) < _MIN_LINES:
        return None
    column = lengths[int(len(lengths) * 0.9)]
    if not _COLUMN_RANGE[0] <= column <= _COLUMN_RANGE[1]:
        return None
    near = sum(1 for n in lengths if 0.6 * column <= n <= column + 2)
    return column if near >= 0.7 * len(lengths) else None


def soft_wrapped_paragraphs(text: str, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the paragraphs ``ranges`` (``[start, end)`` code points, blank-line separated), those
    whose line breaks are soft; ``[]`` when the text is not hard-wrapped."""
    if len(text) > _MAX_CHARS or "\n" not in text:
        return []
    sample = [text[start:end].split("\n") for start, end in ranges[:_SAMPLE_PARAGRAPHS]]
    column = wrap_column(sample)
    if column is None:
        return []  # decided on the first paragraphs: a big text is not split whole
    split = [text[start:end].split("\n") for start, end in ranges]
    soft: list[tuple[int, int]] = []
    for (start, end), lines in zip(ranges, split, strict=True):
        if len(lines) > 2 and len(lines[0].rstrip()) < 0.5 * column:
            # A heading line ("DESCRIPTION") right above its text: the text alone.
            start += len(lines[0]) + 1
            lines = lines[1:]
        if len(lines) > 1 and _reads_as_prose(lines, column):
            # From the start of its first line: that line's indentation is hidden too.
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            soft.append((start, end))
    return soft


def _reads_as_prose(lines: list[str], column: int) -> bool:
    """Lines of running text wrapped at ``column``: every line but the last reaches near it,
    no line after the first opens a list item or looks like a table row, and the lines after
    the first share one indentation."""
    if any(len(line.rstrip()) < 0.5 * column or len(line) > column + 2 for line in lines[:-1]):
        return False
    rest = lines[1:]
    if any(_list_item().match(line) for line in rest):
        return False
    if any(_table_like().search(line.strip()) for line in lines):
        return False
    indents = {len(line) - len(line.lstrip(" \t")) for line in rest}
    return len(indents) <= 1
