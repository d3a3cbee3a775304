"""A space written in a regular expression, outside a set and unescaped, finds any kind of space
(a no-break, narrow, thin or ideographic one), as a space typed in a plain search does; one
escaped, in a set, a comment or a verbose pattern is left as written."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search import hits
from tui_reader.core.search.reader_pattern import reader_hits
from tui_reader.core.search.user_pattern import SPACES, UserPattern, spaces_loosened

TEXT = "the\xa0army, the\u202farmy, the army, the\u3000army.\nthe\tarmy"


def _found(pattern: str, text: str, **kwargs: bool) -> list[str]:
    return [text[m.start() : m.end()] for m in UserPattern(pattern, **kwargs).finditer(text)]


def test_the_spaces_are_those_a_plain_search_reads_as_a_space() -> None:
    assert SPACES == hits.SPACES


@pytest.mark.parametrize("ignore_case", [False, True])
def test_a_space_of_a_regular_expression_finds_any_space(ignore_case: bool) -> None:
    assert _found(r"the ar?my", TEXT, ignore_case=ignore_case) == [
        "the\xa0army",
        "the\u202farmy",
        "the army",
        "the\u3000army",
    ]
    assert _found("(the) +(army)", TEXT, ignore_case=ignore_case)[1:3] == [
        "the\u202farmy",
        "the army",
    ]
    assert _found(r"\<the army$", TEXT, ignore_case=ignore_case) == []  # ("," follows)
    assert _found("army. ?$", "army.\u2009\n") == ["army.\u2009"]


def test_several_regular_expressions_each_find_any_space() -> None:
    found = [
        TEXT[m.start() : m.end()]
        for m in UserPattern("the a(r)my", more=["x y"], whole_words=True).finditer(TEXT)
    ]
    assert found == ["the\xa0army", "the\u202farmy", "the army", "the\u3000army"]


@pytest.mark.parametrize(
    "pattern",
    [r"the\ army", "the[ ]army", "the[ ,]army", "(?x)the\\ army", "(?#a b)the\\ army"],
)
def test_a_space_escaped_or_in_a_set_is_the_space_alone(pattern: str) -> None:
    assert _found(pattern, TEXT) == ["the army"]


@pytest.mark.parametrize(
    "pattern",
    [
        "(?x)the army",  # verbose: the space is no character to match
        r"\N{NO-BREAK SPACE}x y",  # (x y: rewritten; the name's spaces are not)
        "a{1, 2}",  # no repeat, as re reads it: the characters, rewritten
        r"\p{L} x",  # the regex module's own syntax: re cannot read it, left as typed
        "[[:alpha:] ] z",
        "a b|c  d*",
    ],
)
def test_a_pattern_is_rewritten_only_where_re_reads_a_space_to_match(pattern: str) -> None:
    loose = spaces_loosened(pattern)
    any_space = "[ " + SPACES + "]"
    kept = loose.replace(any_space, " ")
    assert kept == pattern  # nothing but spaces rewritten
    rewritten = loose.count(any_space)
    expected = {
        "(?x)the army": 0,
        r"\N{NO-BREAK SPACE}x y": 1,
        "a{1, 2}": 1,
        r"\p{L} x": 0,
        "[[:alpha:] ] z": 1,
        "a b|c  d*": 3,
    }[pattern]
    assert rewritten == expected


def test_the_reader_s_slash_finds_any_space_in_a_regular_expression() -> None:
    assert [TEXT[s:e] for s, e in reader_hits(TEXT, "the ar?my")] == [
        "the\xa0army",
        "the\u202farmy",
        "the army",
        "the\u3000army",
    ]


_ATOMS = st.sampled_from(["a", "b", " ", ".", "a*", " ?", "(a|b)", "(a )", "b+", "[ab]"])
_TEXT = st.text(alphabet="ab \xa0\u2009\n", max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ATOMS, min_size=1, max_size=6), _TEXT, st.booleans())
def test_hits_are_those_of_the_text_with_its_spaces_written_as_spaces(
    atoms: list[str], text: str, ignore_case: bool
) -> None:
    """A pattern whose only way to tell spaces apart is a space written: its hits in a text are
    those of the pattern as typed in the text with each space a space (offsets the same)."""
    pattern = "".join(atoms)
    plain = text.translate(str.maketrans(dict.fromkeys(SPACES, " ")))
    loose = [m.span() for m in UserPattern(pattern, ignore_case=ignore_case).finditer(text)]
    typed = [m.span() for m in re.finditer(pattern, plain, re.M | (re.I if ignore_case else 0))]
    assert loose == typed
