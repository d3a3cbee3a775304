"""The library's filter: words, attribute filters, or both."""

from __future__ import annotations

import unicodedata

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.library_filter import library_filter

OWN = {"a.txt": {"country": "Mexico", "age": 34}, "b.txt": {"country": "USA", "age": 29}}
TITLES = {"a.txt": "Border patrols", "b.txt": "Border wall", "c.txt": "Nothing"}


def shown(query: str) -> list[str]:
    chosen = library_filter(query, DocumentAttributes(OWN))
    return [key for key, title in TITLES.items() if chosen.matches(key, title, key)]


def test_words_match_title_or_path() -> None:
    assert shown("border") == ["a.txt", "b.txt"]
    assert shown("BORDER wall") == ["b.txt"]
    assert shown("c.txt") == ["c.txt"]
    assert not library_filter("border", DocumentAttributes(OWN)).filters_attributes


def test_attribute_filters() -> None:
    assert shown("country=mexico") == ["a.txt"]
    assert shown("age>30") == ["a.txt"]
    assert shown("age<30 OR country=Mexico") == ["a.txt", "b.txt"]
    assert shown("NOT country=USA") == ["a.txt", "c.txt"]  # c has none: NOT holds
    assert shown("doc:b.*") == ["b.txt"]


def test_attributes_and_words_together() -> None:
    assert shown("country=USA border") == ["b.txt"]
    assert shown("border age>20 patrols") == ["a.txt"]
    assert shown("country=USA patrols") == []


def test_what_is_not_a_filter_yet_is_words() -> None:
    assert shown("country=") == []  # no title holds "country="
    assert not library_filter("country=(", DocumentAttributes(OWN)).filters_attributes
    # a code or text test cannot choose documents: taken as words
    assert not library_filter("country=USA OR wall", DocumentAttributes(OWN)).filters_attributes


def test_words_match_without_regard_to_accents_as_attributes_do() -> None:
    """``mexico`` found no title "México" though ``country=mexico`` in the same field finds
    the attribute: the words are read as attributes are (case, accents and how an accent is
    encoded aside), both ways."""
    titled = "Migrantes en M\u00e9xico"
    decomposed = unicodedata.normalize("NFD", titled)
    for typed in ("mexico", "MÉXICO", "me\u0301xico", "méxico migrantes"):
        chosen = library_filter(typed, DocumentAttributes({}))
        assert chosen.matches("a.txt", titled, "a.txt"), typed
        assert chosen.matches("b.txt", decomposed, "b.txt"), typed
        assert chosen.matches("c.txt", "Migrantes en Mexico", "c.txt"), typed
        assert not chosen.matches("d.txt", "Guatemala", "d.txt"), typed


def test_a_document_named_in_another_case_is_found_as_a_query_finds_it() -> None:
    """doc:B.TXT kept no document of the library's, where a query's doc:B.TXT takes b.txt."""
    for query in ("doc:B.TXT", "doc:B.* border"):
        chosen = library_filter(query, DocumentAttributes(OWN), TITLES)
        assert [k for k, title in TITLES.items() if chosen.matches(k, title, k)] == ["b.txt"]
    typed = library_filter("doc:b.txt", DocumentAttributes(OWN), [*TITLES, "B.txt"])
    assert [k for k in (*TITLES, "B.txt") if typed.matches(k, "", k)] == ["b.txt"]


def test_a_value_not_of_its_attributes_type_is_said() -> None:
    """``words>abc`` matched no document and said nothing of why, where ``query --where``
    says that words holds numbers and 'abc' is not one: the filter says the same."""
    attributes = DocumentAttributes(OWN)
    (line,) = library_filter("words>abc", attributes).problems
    assert line == "words>abc: words holds numbers and 'abc' is not one, so no document matches it"
    (line,) = library_filter("age!=old border", attributes).problems
    assert "so every document matches it" in line
    assert library_filter("age>30", attributes).problems == ()
    assert library_filter("country=007", attributes).problems == ()  # any value is a text
    assert library_filter("words>abc", lambda key, name: None).problems == ()  # types unknown


def test_an_attribute_no_document_has_is_said_once_every_document_is_read() -> None:
    """``contry=Mexico`` kept no document and said nothing of why; the documents listed all
    read, it is said as the query view says it, with the attribute spelled nearly like it.
    While files are still being read (their own attributes, a PDF's author, unknown yet)
    nothing is said: one of them may have it."""
    attributes = DocumentAttributes(OWN)
    (line,) = library_filter("contry=Mexico", attributes, TITLES, every_read=True).problems
    assert line == (
        "contry=Mexico: no document here has the attribute 'contry', so no document matches "
        "it (did you mean 'country'?)"
    )
    assert library_filter("contry=Mexico", attributes, TITLES).problems == ()
    assert library_filter("country=Peru age>3", attributes, TITLES, every_read=True).problems == ()
    (line,) = library_filter("NOT wave=2", attributes, TITLES, every_read=True).problems
    assert line.startswith("wave=2: no document here has the attribute 'wave'")
