"""A space typed finds any kind of space (a no-break space, a narrow or thin one: Word files,
French typography) and a ligature of a PDF (ﬁ, ﬂ) is found by its letters, in either case
mode, each hit said exactly where it lies in the canonical text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.corpus import search_corpus
from tui_reader.core.search.finder import Finder, smart_case_finder
from tui_reader.core.search.hits import (
    LIGATURE_LETTERS,
    SPACES,
    ExactLiteral,
    FoldedLiteral,
    find_hits,
)
from tui_reader.core.search.text_pack import text_flags

TEXT = (
    "We defend human\xa0rights. Human\u202frights, human\u2009rights.\n"
    "Please con\ufb01rm the \ufb02ow. CON\ufb01RM it. Human rights.\n"
)


def _found(pattern: ExactLiteral | FoldedLiteral, text: str) -> list[str]:
    return [text[m.start() : m.end()] for m in pattern.finditer(text)]


def test_a_space_typed_finds_every_kind_of_space_in_both_case_modes() -> None:
    assert _found(ExactLiteral("human rights"), TEXT) == ["human\xa0rights", "human\u2009rights"]
    assert _found(FoldedLiteral("human rights"), TEXT) == [
        "human\xa0rights",
        "Human\u202frights",
        "human\u2009rights",
        "Human rights",
    ]
    for query in ("human rights", "Human rights"):  # smart case, as the reader's /
        found = find_hits(TEXT, query)
        assert [TEXT[s:e].replace("\u202f", " ") for s, e in found] == [
            w for w in ("human\xa0rights", "Human rights", "human\u2009rights", "Human rights")
            if query == "human rights" or w.startswith("H")
        ]  # fmt: skip


def test_a_ligature_is_found_by_its_letters_in_both_case_modes() -> None:
    assert _found(ExactLiteral("confirm"), TEXT) == ["con\ufb01rm"]
    assert _found(ExactLiteral("flow"), TEXT) == ["\ufb02ow"]
    assert _found(ExactLiteral("CONFIRM"), TEXT) == []  # (the ligature is lower case)
    assert _found(FoldedLiteral("confirm"), TEXT) == ["con\ufb01rm", "CON\ufb01RM"]
    assert [TEXT[s:e] for s, e in find_hits(TEXT, "Please confirm the flow")] == [
        "Please con\ufb01rm the \ufb02ow"
    ]
    assert _found(ExactLiteral("irm"), TEXT) == []  # a hit never starts inside a ligature
    assert _found(ExactLiteral("con\ufb01rm"), "confirm con\ufb01rm") == ["confirm", "con\ufb01rm"]


def test_the_corpus_search_s_quick_tests_do_not_pass_such_texts_by() -> None:
    data = TEXT.encode("utf-8")
    flags = text_flags(TEXT)
    for query in ("human rights", "Human rights", "confirm", "Please confirm"):
        finder = smart_case_finder(query)
        assert finder.found_in(TEXT)
        assert finder.in_bytes(data, 0, len(data), flags) is not False
    for literal, pattern in (
        ("confirm", ExactLiteral("confirm")),
        ("human rights", ExactLiteral("human rights")),
        ("human rights", FoldedLiteral("human rights", texts_composed=True)),
    ):
        finder = Finder(pattern, literal)
        assert finder.found_in(TEXT)
        assert finder.in_bytes(data, 0, len(data), flags) is not False
        count = finder.count_in_bytes(data, 0, len(data), flags)
        assert count is None or count == len(list(pattern.finditer(TEXT)))


def _reference(text: str, query: str) -> list[tuple[int, int]]:
    """The hits as read a character at a time: each space any space, a ligature its letters;
    a hit starts and ends between two characters of the text, the next after the last."""
    letters = [LIGATURE_LETTERS.get(c, " " if c in SPACES else c) for c in text]
    query = "".join(LIGATURE_LETTERS.get(c, " " if c in SPACES else c) for c in query)
    found, start = [], 0
    while start < len(text):
        read, end = "", start
        while end < len(text) and len(read) < len(query):
            read += letters[end]
            end += 1
        if read == query:
            found.append((start, end))
            start = end
        else:
            start += 1
    return found


_ALPHABET = st.sampled_from(
    ["a", "f", "i", "l", "t", "s", " ", "\xa0", "\u202f", "\u3000", *LIGATURE_LETTERS, "\n"]
)
_QUERY = st.text(st.sampled_from(["a", "f", "i", "l", "s", "t", " "]), min_size=1, max_size=5)


@settings(max_examples=300)
@given(st.text(_ALPHABET, max_size=40), _QUERY)
def test_an_exact_literal_finds_what_a_reading_letter_by_letter_finds(
    text: str, query: str
) -> None:
    assert [m.span() for m in ExactLiteral(query).finditer(text)] == _reference(text, query)


@settings(max_examples=200)
@given(st.text(_ALPHABET, max_size=40), _QUERY)
def test_a_text_without_such_characters_is_found_as_before(text: str, query: str) -> None:
    plain = text.translate({ord(c): "x" for c in (SPACES + "".join(LIGATURE_LETTERS))})
    spans = [m.span() for m in ExactLiteral(query).finditer(plain)]
    assert spans == [m.span() for m in re.finditer(re.escape(query), plain)]


def test_the_corpus_search_and_the_reader_find_them_in_smart_case() -> None:
    text = "A thin human\u2009rights line.\nWe Con\ufb01rm it, an ideographic human\u3000rights.\n"
    for query, matches in (
        ("human rights", ["human\u2009rights", "human\u3000rights"]),
        ("Confirm", ["Con\ufb01rm"]),
        ("We Confirm", ["We Con\ufb01rm"]),
    ):
        results = search_corpus([("a.txt", "a", text)], query)
        assert [text[h.start : h.end] for h in results.hits] == matches, query
        assert [text[s:e] for s, e in find_hits(text, query, across_lines=True)] == matches


def test_the_spaces_listed_are_unicode_s_space_separators_but_the_space() -> None:
    import sys
    import unicodedata

    separators = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    assert set(SPACES) == separators - {" "} and len(SPACES) == len(set(SPACES))
    assert all(len(letters) > 1 and letters.isascii() for letters in LIGATURE_LETTERS.values())
    assert all(unicodedata.normalize("NFKC", k) == v for k, v in LIGATURE_LETTERS.items())


def test_a_space_at_a_query_s_end_finds_any_space_in_both_case_modes() -> None:
    text = "A Human\xa0rights and human\u2009x"
    for query, matches in (("Human ", ["Human\xa0"]), ("human ", ["Human\xa0", "human\u2009"])):
        for across_lines in (False, True):
            found = find_hits(text, query, across_lines=across_lines)
            assert [text[s:e] for s, e in found] == matches, (query, across_lines)
