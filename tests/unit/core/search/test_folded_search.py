"""Ignoring case, every search folds case fully (str.casefold): the reader's ``/``, the
corpus search in the app and ``search -i``, ``autocode -i``, and the byte prefilter and the
texts pack before them, find the same hits, each one's text folded the query folded."""

from __future__ import annotations

from pathlib import Path

from helpers import examples
from helpers.folded import folded_reference
from helpers.texts import search_args
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.cli.search import _pattern, _spans
from tui_reader.core.annotations.autocode import compile_pattern
from tui_reader.core.annotations.autocode import find_hits as autocode_hits
from tui_reader.core.documents.document import Document
from tui_reader.core.search.corpus import search_document
from tui_reader.core.search.finder import Finder, smart_case_finder
from tui_reader.core.search.hits import find_hits, fold
from tui_reader.core.search.text_pack import data_flags, text_flags

# ß and ẞ (ss), ﬁ (fi), İ (a plain i here), ı, Σ with σ and ς, and ASCII
_TEXT = "aAsSfFiIlL ßẞﬁİıΣσς"
_QUERY = "asfil ßﬁıσς\u0307"  # no capital: the reader's smart case ignores case too


def _document(text: str) -> Document:
    return Document(Path("a.txt"), text, (), "a", "text", "utf-8", "0")


def _every_search(text: str, query: str) -> dict[str, list[tuple[int, int]]]:
    args = search_args(query, ignore_case=True)
    pattern = _pattern(args)
    finder = Finder(pattern, query)
    app_finder = smart_case_finder(query)
    found = {
        "reader": list(find_hits(text, query, across_lines=True)),
        "app corpus": [
            (h.start, h.end) for h in search_document("a", "a", text, query, room=99)[0]
        ],
        "search -i": list(_spans(args, pattern, text)),
        "autocode -i": autocode_hits(_document(text), compile_pattern(query, False, True)),
    }
    data = text.encode()
    for name, each in (("search -i", finder), ("app corpus", app_finder)):
        held = bool(found[name])
        assert each.found_in(text) is held, name
        assert each.in_bytes(data, 0, len(data), data_flags(data)) in (None, held), name
        assert each.count_in_bytes(data, 0, len(data), text_flags(text)) in (None, len(found[name]))
    return found


def test_strasse_finds_strasse_however_spelt_and_file_its_ligature() -> None:
    text = "Die Straße, die STRASSE, die strasse. Eine ﬁle, ein File."
    for query in ("strasse", "straße"):
        for name, hits in _every_search(text, query).items():
            assert [text[s:e] for s, e in hits] == ["Straße", "STRASSE", "strasse"], name
    for name, hits in _every_search(text, "file").items():
        assert [text[s:e] for s, e in hits] == ["ﬁle", "File"], name


def test_a_hit_cut_inside_a_fold_is_no_hit() -> None:
    # "s" is half of ß's "ss"
    for name, hits in _every_search("ßİ", "s").items():
        assert hits == [], name


def test_istanbul_finds_istanbul_in_turkish_capitals() -> None:
    # Unicode folds İ (Turkish, Azeri) to "i" and a combining dot: "istanbul" found no
    # "İSTANBUL" where it did before the full folding, as grep finds it
    text = "İSTANBUL, İstanbul, istanbul"
    for name, hits in _every_search(text, "istanbul").items():
        assert [text[s:e] for s, e in hits] == ["İSTANBUL", "İstanbul", "istanbul"], name
    assert fold("İ") == "i"
    assert _every_search("aßb", "ss")["search -i"] == [(1, 2)]


@settings(max_examples=examples(100), deadline=None)
@given(
    st.text(alphabet=_TEXT, max_size=30),
    st.text(alphabet=_QUERY, min_size=1, max_size=4).filter(lambda q: q.strip()),
)
def test_every_search_ignoring_case_finds_the_folded_hits(text: str, query: str) -> None:
    expected = folded_reference(text, query)
    for name, hits in _every_search(text, query).items():
        assert hits == expected, name
        for start, end in hits:
            assert fold(text[start:end]) == fold(query), name
