"""The reader's ``/`` and ``&`` read a pattern as less does: a regular expression, unless it
holds no sign of one (then found as typed, as before) or ``literal`` (less's ``^R``)."""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.errors import PatternError
from tui_reader.core.search.hits import find_hits
from tui_reader.core.search.reader_pattern import is_regex, reader_hits

INTERVIEW = (
    "INTERVIEWER: What colour was it?\n"
    "Q: And the color of the door?\n"
    "A: Red. Interviewer notes: Colour matters.\n"
    "interviewer: one more\n"
)


def found(text: str, query: str, **kwargs: bool) -> list[str]:
    return [text[start:end] for start, end in reader_hits(text, query, **kwargs)]


def test_a_pattern_is_a_regular_expression_as_less_reads_one() -> None:
    """/colou?r, /^Q: and &^INTERVIEWER found nothing: the reader took them as typed."""
    assert found(INTERVIEW, "colou?r") == ["colour", "color", "Colour"]
    assert found(INTERVIEW, "^Q:") == ["Q:"]  # at every line's start, as less and grep
    assert found(INTERVIEW, "^INTERVIEWER") == ["INTERVIEWER"]  # a capital: exact
    assert found(INTERVIEW, "^interviewer") == ["INTERVIEWER", "interviewer"]  # smart case
    assert found(INTERVIEW, r"\<one\>") == ["one"]  # grep's word edges, as search -E
    assert found(INTERVIEW, r"door\?$") == ["door?"]


def test_smart_case_counts_no_capital_of_an_escape() -> None:
    """\\S or \\D names a class: the pattern still ignores case."""
    assert found("Red red", r"r\S+") == ["Red", "red"]
    assert found("Red red", r"R\S+") == ["Red"]


def test_literal_takes_the_pattern_as_typed() -> None:
    text = "a.c abc (laughs) laughs"
    assert found(text, "a.c") == ["a.c", "abc"]
    assert found(text, "a.c", literal=True) == ["a.c"]
    assert found(text, "(laughs)", literal=True) == ["(laughs)"]


def test_a_match_of_no_characters_is_no_hit_and_a_text_not_composed_keeps_its_offsets() -> None:
    assert found(INTERVIEW, "^") == []
    text = "cafe\u0301 and café"  # e and a combining accent, then é as one code point
    hits = list(reader_hits(text, "caf.$|caf. "))
    assert [text[a:b] for a, b in hits] == ["cafe\u0301 ", "café"]


def test_a_pattern_that_is_none_is_said() -> None:
    with pytest.raises(PatternError, match="not a regular expression"):
        reader_hits("text", "colou(r")
    assert found("colou(r", "colou(r", literal=True) == ["colou(r"]


def test_hits_of_one_length_keep_their_starts_alone() -> None:
    """A pattern whose every hit has one length (/^Q:) kept an end for each: 16 bytes a hit,
    where a literal search's took 8 (a 50 MB text's ten million hits, 160 MB)."""
    hits = reader_hits("Q: a\nQ: b\nA: c\n", "^[QA]:")
    assert hits.ends is None and hits.length == 2
    assert list(hits) == [(0, 2), (5, 7), (10, 12)]
    varied = reader_hits("color colour", "colou?r")
    assert varied.ends is not None and list(varied) == [(0, 5), (6, 12)]


def test_the_limit_truncates() -> None:
    hits = reader_hits("ab " * 10, "a.", limit=3)
    assert len(hits) == 3 and hits.truncated


@settings(max_examples=examples(200))
@given(
    st.text(alphabet="ab \n-\xa0Ss", max_size=40),
    st.text(alphabet="ab -Ss", min_size=1, max_size=6),
)
def test_a_pattern_with_no_sign_of_a_regular_expression_finds_what_it_found(
    text: str, query: str
) -> None:
    assert not is_regex(query)
    assert list(reader_hits(text, query, across_lines=True)) == list(
        find_hits(text, query, across_lines=True)
    )
