"""The quick tests of the corpus search find a match exactly where the search finds one: the
escaped literal's, or ignoring case, the literal's folded (:class:`~.hits.FoldedLiteral`)."""

from __future__ import annotations

import re

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.facts import clean_utf8
from tui_reader.core.search.composed import composed_form
from tui_reader.core.search.finder import Finder
from tui_reader.core.search.hits import ASCII_FOLDS, FoldedLiteral
from tui_reader.core.search.text_pack import FOLDS, UNCOMPOSED, text_flags
from tui_reader.core.search.user_pattern import TextPattern

_TEXT = st.text(st.sampled_from("abkKsSiIfzZ1 \n\u212a\u017f\u0130\u0131é•ßﬁ"), max_size=30)
_NEEDLE = st.text(st.sampled_from("abkKsSiIfzZ1 \u212aßﬁ"), min_size=1, max_size=3)


def _pattern(needle: str, ignore_case: bool) -> TextPattern:
    if ignore_case:
        return FoldedLiteral(needle)
    return re.compile(re.escape(needle))


@settings(max_examples=examples(300))
@given(_TEXT, _NEEDLE, st.booleans())
def test_found_in_is_the_regex_search(text: str, needle: str, ignore_case: bool) -> None:
    """The regex's search in the composed text (NFC: the Kelvin sign is a K), the needle
    composed as the callers compose it."""
    needle = composed_form(needle)
    pattern = _pattern(needle, ignore_case)
    expected = pattern.search(composed_form(text)) is not None
    assert Finder(pattern, needle).found_in(text) == expected
    assert Finder(pattern).found_in(text) == expected


def test_ascii_text_is_searched_lowercased() -> None:
    finder = Finder(re.compile("RIVETED", re.IGNORECASE), "RIVETED")
    assert finder.found_in("He was Riveted.") and not finder.found_in("He was rivet.")


@settings(max_examples=examples(400))
@given(
    _TEXT, _NEEDLE | st.sampled_from(["é•", "•a", "Ab"]), st.booleans(), _TEXT, _TEXT,
    st.integers(0, 12), st.integers(1, 12),
)  # fmt: skip
def test_bytes_answer_as_the_regex_or_not_at_all(
    text: str, needle: str, ignore_case: bool, before: str, after: str, first: int, chunk: int
) -> None:
    """Where the text lies among other texts (a pack), in windows and chunks of any size; the
    bytes of a text that is not composed (NFC) cannot tell."""
    needle = composed_form(needle)
    pattern = _pattern(needle, ignore_case)
    expected = pattern.search(composed_form(text)) is not None
    head, data = before.encode("utf-8"), text.encode("utf-8", "surrogatepass")
    packed = head + data + after.encode("utf-8")
    literal = Finder(pattern, needle)
    literal.first_bytes, literal.chunk_bytes = first, chunk
    answer = literal.in_bytes(packed, len(head), len(head) + len(data), text_flags(text))
    assert answer is None or answer == expected
    if text_flags(text) & UNCOMPOSED:
        assert answer is None
    elif not ignore_case or (needle.isascii() and not any(f in text for f in ASCII_FOLDS)):
        assert answer == expected  # no decoding of a text its bytes can answer for
    # holding ß or ﬁ, a text's bytes say a match found, not none (ß is "ss")
    assert answer is not False or not text_flags(text) & FOLDS or not ignore_case
    count = literal.count_in_bytes(packed, len(head), len(head) + len(data), text_flags(text))
    folds = ignore_case and bool(text_flags(text) & FOLDS)
    assert (count is None) == (answer is None or len(data) > chunk or folds)
    if count is not None:  # as many as the search finds, non-overlapping, left to right
        assert count == len(list(pattern.finditer(text)))
    assert Finder(pattern).in_bytes(packed, 0, len(packed), 0) is None  # a regex: decoded


def test_a_common_word_is_found_in_the_first_bytes_and_a_rare_one_in_a_chunk() -> None:
    finder = Finder(re.compile("the", re.IGNORECASE), "the")
    data = b"x" * 1000 + b"THE end" + b"y" * 3000
    assert finder.in_bytes(data, 0, len(data), text_flags("x")) is True
    assert finder.in_bytes(data, 0, 1002, text_flags("x")) is False  # cut: not whole
    assert finder.in_bytes(data, 1000, len(data), text_flags("x")) is True


@settings(max_examples=examples(300))
@given(
    st.text(st.sampled_from("abkKsS \n\r\t\x00\x1b\x7f\x0c"), max_size=30),
    _NEEDLE.filter(str.isascii) | st.sampled_from(["\t", "a\rb"]),
    st.booleans(), st.booleans(),
)  # fmt: skip
def test_an_ascii_file_is_found_clean_and_searched_in_one_pass(
    text: str, needle: str, ignore_case: bool, regex: bool
) -> None:
    """Clean exactly when reading the file leaves its bytes as they are; then found as the
    regex finds it in the text (or left to the text, for a regular expression)."""
    data = text.encode("ascii")
    pattern = re.compile(re.escape(needle), re.IGNORECASE if ignore_case else 0)
    clean, held = Finder(pattern, None if regex else needle).in_ascii_file(data)
    assert clean == (clean_utf8(data) is not None)
    if not clean or regex:
        assert held is None
    else:
        assert held == (pattern.search(text) is not None)


@settings(max_examples=examples(100))
@given(
    st.text(st.sampled_from("abAB -\n\t\xa0\u202f\u2007ßé"), max_size=30),
    st.text(st.sampled_from("abAB -\xa0"), min_size=1, max_size=5),
    st.text(st.sampled_from("ab \n"), max_size=6), st.integers(1, 12),
)  # fmt: skip
def test_a_phrase_over_a_line_end_is_found_in_the_bytes_as_the_reader_finds_it(
    text: str, query: str, after: str, chunk: int
) -> None:
    """The corpus search's finder says a text holds a phrase exactly where the reader's ``/``
    finds one (a space matching a line's end or a no-break space, a hyphen ending a line):
    its bytes, a packed text's, an ASCII file's, and its count, or it leaves the text to be
    read."""
    from tui_reader.core.search.finder import smart_case_finder
    from tui_reader.core.search.hits import find_hits

    hits = find_hits(text, query, across_lines=True)
    finder = smart_case_finder(query)
    finder.chunk_bytes = chunk
    assert finder.found_in(text) == bool(hits)
    data = text.encode("utf-8")
    packed = data + after.encode("utf-8")
    flags = text_flags(text)
    answer = finder.in_bytes(packed, 0, len(data), flags)
    assert answer is None or answer == bool(hits)
    if not flags & FOLDS and query.isascii():
        assert answer == bool(hits)
    count = finder.count_in_bytes(packed, 0, len(data), flags)
    assert count is None or count == len(hits)
    if text.isascii():
        clean, held = finder.in_ascii_file(data)
        assert held is None or held == bool(hits), (clean, held)


def test_the_corpus_search_finds_a_phrase_over_a_line_end() -> None:
    from tui_reader.core.search.finder import smart_case_finder

    text = "The peace\n  talks of 10\xa0km, on self-\ndetermination."
    data = text.encode("utf-8")
    for query in ("peace talks", "10 km", "self-determination", "Peace talks"):
        finder = smart_case_finder(query)
        expected = query != "Peace talks"  # a capital: exact
        assert finder.found_in(text) is expected, query
        assert finder.in_bytes(data, 0, len(data), text_flags(text)) is expected, query


def test_a_pasted_text_of_thousands_of_words_is_tested_as_the_reader_finds_it() -> None:
    # A paste of 280,000 characters into the corpus search (F) kept its worker busy for
    # half a minute and took 800 MB: each space became a part of a regular expression of
    # the text's bytes (a space or a line's end), compiled by re's parser in Python, though
    # the reader's / looks for such a query as typed (hits.MAX_PHRASE_BREAKS); and the
    # query escaped was compiled twice more. Its bytes say what its text says, at once.
    from helpers.counting import lines_run

    from tui_reader.core.search.finder import smart_case_finder
    from tui_reader.core.search.hits import find_hits

    text = "The peace\ntalks began. " * 300
    for pasted in ("the peace talks began. " * 2_000, "The peace talks began. " * 2_000):
        finder = lines_run(lambda pasted=pasted: smart_case_finder(pasted), at_most=100_000)[0]
        for data in (text, text + pasted):
            expected = bool(find_hits(data, pasted, across_lines=True))
            assert finder.found_in(data) is expected
            raw = data.encode("ascii")
            assert finder.in_bytes(raw, 0, len(raw), text_flags(data)) is expected
            assert finder.in_ascii_file(raw) == (True, expected)
        assert not finder.found_in(text)  # (over lines, it is not looked for)
