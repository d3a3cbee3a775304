"""A text searched in its composed form (NFC), each hit said in the text's own offsets; the
in-document and corpus searches find an accented word however its accent is encoded."""

from __future__ import annotations

import unicodedata

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.search.composed import Composed, composed_form, uncomposed
from tui_reader.core.search.corpus import search_corpus
from tui_reader.core.search.finder import smart_case_finder
from tui_reader.core.search.hits import find_hits
from tui_reader.core.search.text_pack import UNCOMPOSED, data_flags, text_flags

NFD = unicodedata.normalize("NFD", "La Café de Mexico y México, un café.\nÉl Ελληνικά ệ 한국")


def test_a_composed_text_is_searched_as_it_is() -> None:
    assert uncomposed("plain ascii") is None
    assert uncomposed("El café de México") is None
    assert composed_form("cafe\u0301") == "café"


def test_hits_are_said_in_the_texts_own_offsets() -> None:
    view = uncomposed(NFD)
    assert view is not None and view.text == unicodedata.normalize("NFC", NFD)
    for query in ("café", "cafe\u0301", "México", "ệ", "한국", "Ελληνικά", "de"):
        composed = view.text.find(composed_form(query))
        start, end = view.span(composed, composed + len(composed_form(query)))
        assert unicodedata.normalize("NFC", NFD[start:end]) == composed_form(query), query


def test_find_hits_finds_either_encoding_with_smart_case() -> None:
    hits = list(find_hits(NFD, "café"))  # smart case: Café and café
    assert [unicodedata.normalize("NFC", NFD[s:e]) for s, e in hits] == ["Café", "café"]
    assert list(find_hits(NFD, "Cafe\u0301")) == hits[:1]
    assert list(find_hits(unicodedata.normalize("NFC", NFD), "cafe\u0301")) == [(3, 7), (31, 35)]
    assert list(find_hits(NFD, "cafe")) == []  # "café" composed holds no "cafe"
    assert find_hits(NFD, "é")[0:1] == [(6, 8)]  # "e" and its accent


def test_the_corpus_search_lists_hits_in_either_encoding() -> None:
    documents = [("a.txt", "A", "un café"), ("b.txt", "B", NFD)]
    results = search_corpus(documents, "café")
    assert [(h.key, h.start, h.end, h.line) for h in results.hits] == [
        ("a.txt", 3, 7, 1),
        ("b.txt", 3, 8, 1),
        ("b.txt", NFD.index("cafe\u0301."), NFD.index("cafe\u0301.") + 5, 1),
    ]
    assert results.hits[1].context[results.hits[1].hit_start : results.hits[1].hit_end] == (
        "Cafe\u0301"
    )


def test_the_bytes_of_a_text_not_composed_cannot_tell() -> None:
    data = NFD.encode()
    assert text_flags(NFD) & UNCOMPOSED and data_flags(data) & UNCOMPOSED
    assert not text_flags("café") & UNCOMPOSED and not data_flags("café".encode()) & UNCOMPOSED
    finder = smart_case_finder("Café")
    assert finder.in_bytes(data, 0, len(data), data_flags(data)) is None
    assert finder.count_in_bytes(data, 0, len(data), data_flags(data)) is None
    assert finder.found_in(NFD) and not smart_case_finder("Cafe").found_in(NFD)


ALPHABET = "aeiouEc \n.\u0301\u0300\u0323\u0308éÉèệöÅ\u212b\u1100\u1161\u11a8가x"


@settings(max_examples=examples(300))
@given(st.text(ALPHABET, max_size=30), st.text(ALPHABET, min_size=1, max_size=3))
def test_a_hit_in_the_composed_text_is_the_same_text_in_the_original(text: str, query: str) -> None:
    """Composing maps back: the original's span around a hit composes to text holding the hit
    (the same text, unless the hit starts or ends inside a letter and its accents: then the
    span takes the whole letter), spans are in order and inside the text."""
    view = Composed(text)
    assert view.text == unicodedata.normalize("NFC", text)
    previous = 0
    for at in range(len(view.text)):
        found = view.text.find(query, at)
        if found < 0:
            break
        start, end = view.span(found, found + len(query))
        assert previous <= start <= end <= len(text)
        assert query in unicodedata.normalize("NFC", text[start:end])
    for form in ("NFC", "NFD"):  # either encoding of the text: the same hits
        other = unicodedata.normalize(form, text)
        texts = [unicodedata.normalize("NFC", other[s:e]) for s, e in find_hits(other, query)]
        same = [unicodedata.normalize("NFC", text[s:e]) for s, e in find_hits(text, query)]
        assert len(texts) == len(same)


@settings(max_examples=examples(200))
@given(
    st.lists(st.sampled_from(["e", "\u0301", "\n", "é", "a b", "\u1100", "\u1161"]), max_size=40)
)
def test_a_text_looked_at_in_slices_with_pauses_is_composed_as_a_whole(
    pieces: list[str],
) -> None:
    """A thread's search looks at a text a slice at a time, pausing between (50 MB looked at
    in one go held the interpreter a third of a second): cut after a newline, the answer is
    the whole text's, a combining accent or a jamo at a slice's start included."""
    import tui_reader.core.search.composed as composed

    text = "".join(pieces)
    paused: list[int] = []
    before, composed.COMPOSED_SLICE = composed.COMPOSED_SLICE, 3
    try:
        sliced = composed.is_composed(text, lambda: paused.append(1))
    finally:
        composed.COMPOSED_SLICE = before
    assert sliced == unicodedata.is_normalized("NFC", text)
    if not text.isascii() and sliced and text.count("\n") > 1:
        assert paused
