"""Plain text's spans: the title, each paragraph, and the soft-wrapped paragraphs, in order of
start (longest first), as Span objects sorted would give them."""

from __future__ import annotations

import textwrap

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.formats.plain import paragraph_ranges, parse_plain
from tui_reader.core.documents.hard_wrap import soft_wrapped_paragraphs
from tui_reader.core.documents.span_table import SpanTable
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.titles import find_title_line
from tui_reader.core.documents.units import paragraph_spans

LINE = st.sampled_from(
    ["Title of it", "A sentence that goes on.", "", " ", "  indented line", "• bullet",
     "P1: said so", "word " * 30, "short", "\t"]
)  # fmt: skip
PROSE = " ".join(["Researchers read interview transcripts closely and code the passages."] * 4)


def _expected(text: str) -> list[Span]:
    spans = []
    title = find_title_line(text)
    if title is not None:
        spans.append(Span(*title, SpanKind.TITLE))
    paragraphs = paragraph_ranges(text)
    spans.extend(Span(start, end, SpanKind.PARAGRAPH) for start, end in paragraphs)
    soft = soft_wrapped_paragraphs(text, paragraphs)
    spans.extend(Span(start, end, SpanKind.SOFT_WRAP) for start, end in soft)
    return sorted(spans, key=lambda s: (s.start, -s.end))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(LINE, max_size=14).map("\n".join))
def test_the_spans_of_plain_text_are_its_title_and_paragraphs_in_order(text: str) -> None:
    parsed = parse_plain(text)
    assert isinstance(parsed.spans, SpanTable)
    assert list(parsed.spans) == _expected(text)


@settings(max_examples=examples(30), deadline=None)
@given(st.integers(50, 78), st.integers(3, 5), st.booleans())
def test_hard_wrapped_text_has_its_soft_paragraphs_in_order(
    width: int, count: int, titled: bool
) -> None:
    body = "\n\n".join(textwrap.fill(PROSE, width) for _ in range(count))
    text = ("A Title Of Four Words\n\n" if titled else "") + body
    parsed = parse_plain(text)
    assert list(parsed.spans) == _expected(text)
    assert any(span.kind is SpanKind.SOFT_WRAP for span in parsed.spans)


SPACED = st.lists(
    st.sampled_from(
        ["word", "é", " ", "\t", "\n", "\n\n", " \u0301", "\u0301", "\u00a0", "\u3000", "\u200d"]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=examples(150), deadline=None)
@given(SPACED)
def test_plain_paragraphs_are_the_paragraphs_the_keys_and_agreement_cut(text: str) -> None:
    assert paragraph_ranges(text) == paragraph_spans(text)


def test_a_line_of_accents_on_spaces_or_of_no_break_spaces_parts_paragraphs() -> None:
    # An accent a PDF set apart on a space is a space as the eye sees it: a paragraph of them
    # alone is none, and one at a paragraph's end is not its; a line of no-break spaces (a
    # Word file's empty paragraph) is a blank line between two paragraphs.
    text = "One.\n\n \u0301\n\nTwo.\nThree. \u0301\n\u00a0\nFour."
    parsed = parse_plain(text)
    paragraphs = [text[s.start : s.end] for s in parsed.spans if s.kind is SpanKind.PARAGRAPH]
    assert paragraphs == ["One.", "Two.\nThree.", "Four."]
