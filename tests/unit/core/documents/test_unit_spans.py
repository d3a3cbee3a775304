"""Every paragraph and sentence of a text in one pass, as the caret motions see them."""

from __future__ import annotations

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.units import (
    paragraph_range,
    paragraph_spans,
    sentence_range,
    sentence_spans,
)

pieces = st.lists(
    st.sampled_from(["word", " ", "\n", "\n\n", " \t\n", "Mr. Kelly", "end. Next", "U.S.", "?"]),
    max_size=30,
).map("".join)


@settings(max_examples=examples(150), deadline=None)
@given(pieces)
def test_paragraph_spans_are_paragraph_ranges_covering_the_text(text: str) -> None:
    spans = paragraph_spans(text)
    assert spans == sorted(spans)
    for start, end in spans:
        assert paragraph_range(text, start) == (start, end)
    covered = {i for start, end in spans for i in range(start, end)}
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


@settings(max_examples=examples(150), deadline=None)
@given(pieces)
def test_sentence_spans_are_sentence_ranges(text: str) -> None:
    for start, end in sentence_spans(text):
        assert sentence_range(text, start) == (start, end)


def test_a_worked_text() -> None:
    text = "One. Two, Mr. Kelly said.\n\n  Three?\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["One. Two, Mr. Kelly said.", "Three?"]
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "One.",
        "Two, Mr. Kelly said.",
        "Three?",
    ]
