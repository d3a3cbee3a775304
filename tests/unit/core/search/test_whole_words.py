"""``search -w``: a literal's hits that are whole words, found as the literal is without
``-w`` (a space typed finds any space, letters their ligature), as grep -w takes them."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.hits import (
    LIGATURE_LETTERS,
    ExactLiteral,
    FoldedLiteral,
    WholeWords,
)
from tui_reader.core.search.user_pattern import UserPattern

_WORD = regex.compile(r"\w")


def _spans(pattern: WholeWords | UserPattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _reference(literal: ExactLiteral | FoldedLiteral, text: str) -> list[tuple[int, int]]:
    """Every hit of ``literal`` (one at each place it starts, overlapping or not), then, left
    to right, each that is a whole word and starts after the last taken ends."""
    every = sorted({m.span() for at in range(len(text)) if (m := literal.search(text, at))})
    taken: list[tuple[int, int]] = []
    for start, end in every:
        if taken and start < taken[-1][1]:
            continue
        if start and _WORD.match(text[start - 1]):
            continue
        if end < len(text) and _WORD.match(text[end]):
            continue
        taken.append((start, end))
    return taken


def test_a_space_typed_finds_any_space_and_letters_their_ligature() -> None:
    text = "human\xa0rights, con\ufb01rm the \ufb02ow; a con\ufb01rmed flow"
    for literal in (ExactLiteral, FoldedLiteral):
        found = WholeWords(literal("human rights"))
        assert [text[s:e] for s, e in _spans(found, text)] == ["human\xa0rights"]
        assert [text[s:e] for s, e in _spans(WholeWords(literal("confirm")), text)] == [
            "con\ufb01rm"
        ]
        assert [text[s:e] for s, e in _spans(WholeWords(literal("flow")), text)] == [
            "\ufb02ow",
            "flow",
        ]
        assert _spans(WholeWords(literal("con")), text) == []


def test_a_later_hit_starting_inside_one_that_is_no_word_is_taken() -> None:
    text = "xa a\xa0a b"
    assert _spans(WholeWords(ExactLiteral("a a")), text) == [(3, 6)]
    assert _spans(WholeWords(FoldedLiteral("A A")), text) == [(3, 6)]


_ALPHABET = st.sampled_from(
    ["a", "f", "i", "s", "t", "_", ".", " ", "\xa0", "\u2009", *LIGATURE_LETTERS, "\n"]
)
_QUERY = st.text(st.sampled_from(["a", "f", "i", "s", "t", " "]), min_size=1, max_size=5)


@settings(max_examples=300)
@given(st.text(_ALPHABET, max_size=40), _QUERY)
def test_whole_words_are_the_literal_s_hits_that_are_words_left_to_right(
    text: str, query: str
) -> None:
    for literal in (ExactLiteral(query), FoldedLiteral(query)):
        assert _spans(WholeWords(literal), text) == _reference(literal, text)


_PLAIN = st.text(st.sampled_from(["a", "A", "b", "_", ".", " ", "\n", "é"]), max_size=40)


@settings(max_examples=300)
@given(_PLAIN, st.text(st.sampled_from(["a", "A", "b", " "]), min_size=1, max_size=4))
def test_a_text_without_other_spaces_or_ligatures_is_found_as_the_regex_found_it(
    text: str, query: str
) -> None:
    for ignore_case in (False, True):
        literal = FoldedLiteral(query) if ignore_case else ExactLiteral(query)
        before = UserPattern(query, ignore_case=ignore_case, literal=True, whole_words=True)
        assert _spans(WholeWords(literal), text) == _spans(before, text)
