"""The quick test of the corpus search finds a match exactly where the regex finds one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.corpus import Finder
from tui_reader.core.search.hits import ASCII_FOLDS

_TEXT = st.text(st.sampled_from("abkKsSiI \n\u212a\u017f\u0130\u0131é•"), max_size=30)
_NEEDLE = st.text(st.sampled_from("abkKsSiI \u212a"), min_size=1, max_size=3)


@settings(max_examples=300)
@given(_TEXT, _NEEDLE, st.booleans())
def test_found_in_is_the_regex_search(text: str, needle: str, ignore_case: bool) -> None:
    pattern = re.compile(re.escape(needle), re.IGNORECASE if ignore_case else 0)
    expected = pattern.search(text) is not None
    assert Finder(pattern, needle).found_in(text) == expected
    assert Finder(pattern).found_in(text) == expected


def test_ascii_text_is_searched_lowercased() -> None:
    finder = Finder(re.compile("RIVETED", re.IGNORECASE), "RIVETED")
    assert finder.found_in("He was Riveted.") and not finder.found_in("He was rivet.")


@settings(max_examples=300)
@given(_TEXT, _NEEDLE | st.sampled_from(["é•", "•a"]), st.booleans())
def test_bytes_say_no_only_where_the_regex_finds_nothing(
    text: str, needle: str, ignore_case: bool
) -> None:
    pattern = re.compile(re.escape(needle), re.IGNORECASE if ignore_case else 0)
    expected = pattern.search(text) is not None
    data = text.encode("utf-8", "surrogatepass")
    literal = Finder(pattern, needle).may_be_in(data, text.isascii())
    assert literal or not expected  # "no" is never wrong
    if not ignore_case or (needle.isascii() and not any(f in text for f in ASCII_FOLDS)):
        assert literal == expected  # and exact: no decoding of a text that holds no match
    assert Finder(pattern).may_be_in(data, text.isascii())  # a regex: decoded and searched
