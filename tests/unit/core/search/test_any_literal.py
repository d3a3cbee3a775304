"""Several literals any of which matches (grep's several -e): each found as one is, a space
typed any space, letters their ligature, in the text's own offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.any_literal import AnyLiteral
from tui_reader.core.search.hits import ExactLiteral, FoldedLiteral, WholeWords

TEXT = "We con\ufb01rm human\xa0rights, the \ufb02ow, the o\ufb03ce; Human\u2009Rights.\n"


def _found(literals: list[str], text: str, **kwargs: bool) -> list[str]:
    return [text[m.start() : m.end()] for m in AnyLiteral(literals, **kwargs).finditer(text)]


def test_each_literal_finds_any_space_and_its_ligatures() -> None:
    assert _found(["human rights", "confirm", "office"], TEXT) == [
        "con\ufb01rm",
        "human\xa0rights",
        "o\ufb03ce",
    ]
    assert _found(["human rights", "flow"], TEXT, ignore_case=True) == [
        "human\xa0rights",
        "\ufb02ow",
        "Human\u2009Rights",
    ]


def test_a_literal_ending_inside_a_ligature_gives_way_to_the_next_at_that_place() -> None:
    assert _found(["conf", "con"], TEXT) == ["con"]
    assert _found(["con", "conf", "confirm"], TEXT) == ["con\ufb01rm"]  # the longest
    assert _found(["of", "o"], "o\ufb03ce") == ["o"]
    assert _found(["irm", "ff"], TEXT) == []  # each inside a ligature
    assert _found(["ff", "ffi"], TEXT) == ["\ufb03"]  # the whole ligature


def test_whole_words_only() -> None:
    assert _found(["con", "flow", "rights"], TEXT, whole_words=True) == ["rights", "\ufb02ow"]


def test_pos_and_endpos_are_in_the_text_s_offsets() -> None:
    pattern = AnyLiteral(["flow", "human rights"])
    assert [m.span() for m in pattern.finditer(TEXT, 8)] == [(10, 22), (28, 31)]
    assert [m.span() for m in pattern.finditer(TEXT, 0, 30)] == [(10, 22)]


_TEXT = st.text(alphabet="afilo \xa0\u2009\ufb01\ufb02\ufb03", max_size=25)
_LITERAL = st.text(alphabet="afilo ", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LITERAL, min_size=1, max_size=3), _TEXT, st.booleans(), st.booleans())
def test_hits_are_each_place_s_longest_literal_as_one_literal_finds_it(
    literals: list[str], text: str, ignore_case: bool, whole_words: bool
) -> None:
    """At each place, left to right past the hit before, the longest hit there of the
    literals that one search of each alone finds, as grep takes it."""
    alone = [
        FoldedLiteral(literal) if ignore_case else ExactLiteral(literal) for literal in literals
    ]
    each = [WholeWords(one) if whole_words else one for one in alone]
    # every hit of each literal alone, those starting inside another too
    found = [
        {m.start(): m.end() for at in range(len(text)) for m in [one.search(text, at)] if m}
        for one in each
    ]
    expected: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        ends = [hits[at] for hits in found if at in hits]
        if ends:
            expected.append((at, max(ends)))
            at = max(ends)
        else:
            at += 1
    pattern = AnyLiteral(literals, ignore_case=ignore_case, whole_words=whole_words)
    assert [m.span() for m in pattern.finditer(text)] == expected


@pytest.mark.parametrize("literals", [["a b", "c"], ["fi", "x"]])
def test_a_text_without_other_spaces_or_ligatures_is_searched_as_before(
    literals: list[str],
) -> None:
    assert [m.span() for m in AnyLiteral(literals).finditer("a b c fi x")] == (
        [(0, 3), (4, 5)] if literals[0] == "a b" else [(6, 8), (9, 10)]
    )
