"""Plain text: the text is kept as it is; spans mark the title line and the paragraphs (and,
in hard-wrapped text, the paragraphs whose line breaks are soft)."""

from __future__ import annotations

import re

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.hard_wrap import soft_wrapped_paragraphs
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.titles import find_title_line

# Paragraphs are separated by one or more blank lines (linear scan: matches start at "\n").
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def parse_plain(text: str) -> Parsed:
    """Canonical text for plain text is the input itself; offsets are code points."""
    spans: list[Span] = []
    title_span = find_title_line(text)
    title = None
    if title_span is not None:
        start, end = title_span
        title = text[start:end]
        spans.append(Span(start, end, SpanKind.TITLE))
    paragraphs = paragraph_ranges(text)
    spans.extend(Span(start, end, SpanKind.PARAGRAPH) for start, end in paragraphs)
    soft = soft_wrapped_paragraphs(text, paragraphs)
    spans.extend(Span(start, end, SpanKind.SOFT_WRAP) for start, end in soft)
    spans.sort(key=lambda s: (s.start, -s.end))
    return Parsed(text=text, spans=spans, title=title)


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: blank-line separated, outer whitespace trimmed."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for sep in _BLANK_LINES.finditer(text):
        _add_trimmed(text, pos, sep.start(), ranges)
        pos = sep.end()
    _add_trimmed(text, pos, len(text), ranges)
    return ranges


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
