"""A user's regular expression: re's syntax, grep's lines, and no pattern holds a command for
hours (Python's re backtracks without end on some)."""

from __future__ import annotations

import re
import threading

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.errors import PatternError, TuiReaderError
from tui_reader.core.search import user_pattern
from tui_reader.core.search.user_pattern import UserPattern


def test_caret_and_dollar_match_at_every_line_as_in_grep() -> None:
    text = "Mexico first\nthen Mexico\nMexico again"
    assert [m.start() for m in UserPattern("^Mexico").finditer(text)] == [0, 25]
    assert [m.end() for m in UserPattern("Mexico$").finditer(text)] == [24]


def test_a_bad_pattern_is_an_error_naming_it() -> None:
    with pytest.raises(PatternError, match="not a regular expression") as raised:
        UserPattern("(")
    assert isinstance(raised.value, TuiReaderError) and "'('" in str(raised.value)


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("\\", "'\\\\' is not a regular expression: bad escape (end of pattern) at position 1"),
        ("[", "'[' is not a regular expression: unterminated character set at position 1"),
        ("a)", "'a)' is not a regular expression: unbalanced parenthesis at position 1"),
    ],
)
def test_a_bad_pattern_given_no_other_is_said_as_written(pattern: str, said: str) -> None:
    """``search -E '\\'`` (no other -e, given as an empty list) said "missing ) at position
    9": the pattern was compiled inside a branch of several, ``(?|(?:\\))``, whose ``)`` the
    trailing backslash took, and each error's position was that branch's."""
    for more in ((), []):
        with pytest.raises(PatternError) as raised:
            UserPattern(pattern, more=more)
        assert str(raised.value) == said


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(a+)+$", r"^(a|a?)+$", r"(\w+\s?)*$"])
def test_a_pattern_that_backtracks_without_end_stops_with_an_error(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(user_pattern, "MATCH_SECONDS", 0.2)
    text = "a" * 60 + "!"  # Python's re takes hours on the first two
    outcome: list[str] = []

    def run() -> None:
        try:
            list(UserPattern(pattern).finditer(text))
            UserPattern(pattern).search(text)
            outcome.append("done")
        except PatternError as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=run, daemon=True)  # a hang fails the test, not the run
    worker.start()
    worker.join(timeout=20)
    assert outcome, "still matching after 20 s"
    assert outcome[0] == "done" or ("takes too long" in outcome[0] and pattern in outcome[0])


def test_the_time_given_grows_with_the_text() -> None:
    assert UserPattern._limit("x" * 3_000_000, 0, None) == user_pattern.MATCH_SECONDS + 3
    assert UserPattern._limit("x" * 3_000_000, 1_000_000, 2_000_000) == (
        user_pattern.MATCH_SECONDS + 1
    )


@settings(max_examples=examples(80), deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab \nÉé.ñ"), max_size=60),
    pattern=st.sampled_from([r"a+", r"^b", r"a$", r"\w+", r"é", r"[ab]\s", r"ñ|a", r"(?:ab)+"]),
    ignore_case=st.booleans(),
)
def test_hits_are_those_of_python_re_with_lines(text: str, pattern: str, ignore_case: bool) -> None:
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    expected = [m.span() for m in re.finditer(pattern, text, flags)]
    found = UserPattern(pattern, ignore_case=ignore_case)
    assert [m.span() for m in found.finditer(text)] == expected
    first = found.search(text)
    assert (first.span() if first else None) == (expected[0] if expected else None)
    assert bool(found.flags & re.IGNORECASE) == ignore_case


def test_a_pattern_that_backtracks_without_end_over_a_page_is_refused_within_seconds() -> None:
    """(a+)+b over 30 KB of a's was refused only after the five seconds given to any text."""
    outcome: list[str] = []
    text = "a" * 30_000 + "\n"

    def run() -> None:
        try:
            list(UserPattern(r"(a+)+b").finditer(text))
            outcome.append("done")
        except PatternError as exc:
            outcome.append(str(exc))

    # the time a match over 30 KB is given: about a second (the machine's speed aside)
    assert UserPattern._limit(text, 0, None) < 1.1
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome and "takes too long" in outcome[0] and "(a+)+b" in outcome[0]
    found = UserPattern(r"(a+)+").search(text)  # a pattern that ends
    assert found is not None and found.span() == (0, 30_000)


def test_ignoring_case_folds_fully_as_a_literal_search_does() -> None:
    # "-E -i strasse" found STRASSE and not Straße, "file" no typeset ligature, where the
    # same word searched without -E found both.
    text = "Straße\nSTRASSE\nﬁle\nİSTANBUL\n"
    found = UserPattern(r"^(strasse|file|istanbul)$", ignore_case=True)
    assert [text[slice(*m.span())] for m in found.finditer(text)] == [
        "Straße", "STRASSE", "ﬁle", "İSTANBUL"
    ]  # fmt: skip
    assert UserPattern("s", ignore_case=True).search("ß") is None  # no part of one letter's fold


def test_grep_s_start_and_end_of_a_word_find_the_word_alone() -> None:
    # "search -E '\<no\>'" exited 1 where grep finds the word: re read \< and \> as < and >.
    text = "no digits\nnope, piano\n<no> said no.\n"
    found = UserPattern(r"\<no\>")
    assert [m.span() for m in found.finditer(text)] == [(0, 2), (23, 25), (32, 34)]
    assert [m.start() for m in UserPattern(r"\<p").finditer(text)] == [16]
    assert [m.end() for m in UserPattern(r"o\>").finditer(text)] == [2, 21, 25, 34]


@pytest.mark.parametrize(
    ("pattern", "text", "match"),
    [
        (r"[\<]no[\>]", "a <no> b", "<no>"),  # in a set, \< is still the sign
        (r"[]\<]x", "]x", "]x"),  # a set's first ] is one of its characters
        (r"[[:alpha:]\<]+", "<ab", "<ab"),
        (r"\\<", "a\\<b", "\\<"),  # an escaped backslash, then <
    ],
)
def test_a_sign_escaped_in_a_set_or_after_a_backslash_is_the_sign(
    pattern: str, text: str, match: str
) -> None:
    found = UserPattern(pattern).search(text)
    assert found is not None and text[slice(*found.span())] == match


def test_several_patterns_match_where_any_does_each_numbering_its_own_groups() -> None:
    """grep's several -e: a line holding any of them; a back reference in each counts that
    one's groups alone, as grep's does (``(c)\\1`` is ``cc``, not the first pattern's group)."""
    several = UserPattern(r"(a)\1", more=[r"(c)\1"])
    assert [m.group() for m in several.finditer("aa ab cc cd")] == ["aa", "cc"]
    texts = UserPattern("a.b", literal=True, more=["(", "x"])  # as typed, each
    assert [m.group() for m in texts.finditer("a.b a-b ( x")] == ["a.b", "(", "x"]
    words = UserPattern("war", literal=True, whole_words=True, more=["era"])
    assert [m.group() for m in words.finditer("postwar era war-time")] == ["era", "war"]
    with pytest.raises(PatternError) as caught:
        UserPattern("b", more=["a(", "c"])
    assert caught.value.pattern == "a("


def test_several_patterns_at_one_place_take_the_longest_match_as_grep() -> None:
    """grep matches the longest text at the leftmost place, whichever pattern gives it
    (``grep -o -e rive -e riveted``: ``riveted``), and so inside one regular expression of
    several patterns (``-E -e 'a|ab'``: ``ab``); one pattern alone stays Python's."""
    text = "the riveted ship, rive"
    literals = UserPattern("rive", literal=True, more=["riveted"])
    assert [m.group() for m in literals.finditer(text)] == ["riveted", "rive"]
    regexes = UserPattern("ri.e", more=["r[a-z]+d", "x"])
    assert [m.span() for m in regexes.finditer(text)] == [(4, 11), (18, 22)]
    assert [m.group() for m in UserPattern("a|ab", more=["x"]).finditer("ab")] == ["ab"]
    assert [m.group() for m in UserPattern("a|ab").finditer("ab")] == ["a"]
    words = UserPattern("rive", literal=True, whole_words=True, more=["riveted"])
    assert [m.group() for m in words.finditer(text)] == ["riveted", "rive"]
    folded = UserPattern("RIVE", literal=True, ignore_case=True, more=["Riveted"])
    assert [m.group() for m in folded.finditer(text)] == ["riveted", "rive"]


def test_taking_case_as_typed_a_regular_expression_s_letters_find_a_ligature() -> None:
    """A PDF's ligature (ﬁ, ﬂ, ﬃ) is found by the letters it writes, as a literal and a
    search ignoring case find it; the text as it is is searched too (a dot takes the
    ligature whole), the leftmost match taken, the longer at one place; none starts or
    ends inside a ligature."""
    text = "We con\ufb01rm the \ufb02ow of o\ufb03ce work, confirm"

    def found(source: str, pos: int = 0) -> list[str]:
        return [text[m.start() : m.end()] for m in UserPattern(source).finditer(text, pos)]

    assert found("confirm") == ["con\ufb01rm", "confirm"]
    assert found("confirm", 4) == ["confirm"]
    assert found("fl[aeiou]w|office") == ["\ufb02ow", "o\ufb03ce"]
    assert found("o.ce") == ["o\ufb03ce"]  # the dot, the ligature
    assert found("of") == ["of"]  # not the "of" of "oﬃce": it ends inside the ligature
    assert found(r"\bflow\b|^We") == ["We", "\ufb02ow"]
    match = UserPattern("office").search(text)
    assert match is not None and match.span() == (21, 25)
    assert [m.span() for m in UserPattern("office", literal=True).finditer(text)] == []
