"""Plain text -> Markdown that reads back as exactly that text.

A quoted passage is arbitrary text: it may hold ``*``, ``_``, backticks, ``<html>``, ``[links]``,
a leading ``>`` or ``-``, ``1.`` at the start of a line, ``&amp;``... Written raw into Markdown,
any of these would turn into emphasis, code, a link, a list or a heading.  The functions here
escape exactly what a CommonMark parser (and Obsidian's extensions: ``#tags``, ``==highlight==``,
``$math$``, ``%%comments%%``, ``^block-ids``, ``[[wikilinks]]``, tables) would read as syntax,
so the rendered text equals the source text with its whitespace folded.
"""

from __future__ import annotations

import re

# Always escaped wherever they appear: inline syntax in CommonMark, GFM or Obsidian.  ("_" is
# too, except between two letters or digits, where it can neither open nor close emphasis.)
_ALWAYS = frozenset("\\`*[]<#|~$^")
# Escaped when doubled (Obsidian ``==highlight==`` and ``%%comment%%``).
_WHEN_DOUBLED = frozenset("=%")
# Escaped at the start of a line: block syntax (quote, list, heading, setext, rule).
_LINE_START = frozenset(">-+=*#_")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def escape_inline(text: str) -> str:
    """Escape one line of plain text so it renders as itself in inline Markdown context.

    Leading and trailing spaces and tabs are dropped (Markdown folds them anyway); a newline
    in ``text`` is replaced by a space.
    """
    return _escape_line(" ".join(text.split("\n")).strip(" \t"))


def _escape_line(line: str) -> str:
    out: list[str] = []
    start = 0
    marker = _ORDERED_MARKER.match(line)
    if marker is not None:
        # "1986. A year" must not become an ordered list item.
        out.append(marker.group(1) + "\\" + marker.group(2))
        start = marker.end()
    last = len(line) - 1
    for i in range(start, len(line)):
        ch = line[i]
        if (
            ch in _ALWAYS
            or (
                ch == "_" and not (0 < i < last and line[i - 1].isalnum() and line[i + 1].isalnum())
            )
            or (i == 0 and ch in _LINE_START)
            or (ch == "&" and _ENTITY.match(line, i) is not None)
            or (
                ch in _WHEN_DOUBLED
                and ((i > 0 and line[i - 1] == ch) or (i < last and line[i + 1] == ch))
            )
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def blockquote(text: str) -> str:
    """``text`` as a Markdown block quote whose rendered text is ``text`` (whitespace folded).

    Paragraph breaks (blank lines) are kept as paragraph breaks inside the quote; single line
    breaks stay line breaks (soft breaks in CommonMark, shown as breaks by Obsidian).
    """
    lines: list[str] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip(" \t")
        if not line.strip():
            if not previous_blank:
                lines.append(">")
            previous_blank = True
            continue
        lines.append("> " + _escape_line(line))
        previous_blank = False
    while lines and lines[-1] == ">":
        lines.pop()
    if not lines:
        return ">"
    return "\n".join(lines)


_TAG_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)


def tag_safe(name: str) -> str:
    """A tag name as an Obsidian/Markdown ``#tag`` without the ``#``.

    ``/`` keeps its meaning (hierarchy: ``policy/border``); spaces and characters a tag cannot
    hold become ``-``; a part made only of digits gets a ``_`` prefix (Obsidian needs a
    non-digit).  An empty result becomes ``untitled``.
    """
    parts: list[str] = []
    for part in name.split("/"):
        safe = _TAG_UNSAFE.sub("-", part.strip()).strip("-")
        safe = re.sub(r"-{2,}", "-", safe)
        if not safe:
            continue
        if safe.isdigit():
            safe = "_" + safe
        parts.append(safe)
    return "/".join(parts) or "untitled"
