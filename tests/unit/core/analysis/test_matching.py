"""What queries match: codes with their children, attributes typed, documents, text, coder."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import (
    coders_apart,
    coders_asked,
    coders_spelled,
    comparisons_naming_codes,
    compile_query,
    document_test,
    documents_spelled,
    everything_below_naming_codes,
    no_code_lines,
    spaced_values,
    spelled_as_coded,
    spelled_codes,
    unmatched_documents,
    unmatched_values,
)
from tui_reader.core.analysis.query import Code, parse_query
from tui_reader.core.analysis.values import ValueType
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import TuiReaderError

OWN = {
    "corpus/mx-1.txt": {"country": "Mexico", "age": 34, "date": "2018-03-01"},
    "corpus/us-1.txt": {"country": "USA", "age": 29, "date": "2017-05-02"},
}


def passage(doc: str, *tags: str, quote: str = "some words", note: str = "") -> Annotation:
    return Annotation(document=doc, start=0, end=len(quote), quote=quote, tags=tags, note=note)


PASSAGES = [
    passage("corpus/mx-1.txt", "militarization", quote="troops at the Border"),
    passage("corpus/mx-1.txt", "militarization", "actors/us"),
    passage("corpus/us-1.txt", "security/border", note="check the date"),
    passage("corpus/us-1.txt", "militarization/navy"),
    passage("corpus/other.txt", "security"),
]


def matching(query: str) -> list[int]:
    test = compile_query(query, DocumentAttributes(OWN))
    return [i for i, p in enumerate(PASSAGES) if test(p)]


def test_an_empty_value_asks_for_the_documents_without_the_attribute() -> None:
    """There was no way to ask for the documents without a country: country="" matched none
    (no document holds an empty value), and a matrix report's "(none)" column showed its
    query written out long."""
    assert matching('country=""') == [4]  # other.txt has no country
    assert matching('country!=""') == [0, 1, 2, 3]
    assert matching('security AND NOT country=""') == [2]
    assert matching('contry=""') == [0, 1, 2, 3, 4]  # no document has it
    blank = compile_query('country=""', DocumentAttributes({"corpus/x.txt": {"country": " "}}))
    assert blank(passage("corpus/x.txt", "t"))  # a blank value is no value


def test_codes_take_their_children_and_combine() -> None:
    assert matching("militarization") == [0, 1, 3]
    assert matching("militarization AND NOT actors/us") == [0, 3]
    assert matching("security") == [2, 4]
    assert matching("security/border OR actors") == [1, 2]
    assert matching("militar") == []  # a prefix of a name is not a parent


def test_attribute_filters_are_typed() -> None:
    assert matching("country=Mexico") == [0, 1]
    assert matching("country=mexico AND NOT actors/us") == [0]
    assert matching("age>30") == [0, 1]
    assert matching("age<=29") == [2, 3]
    assert matching("date>=2018-01-01") == [0, 1]
    assert matching("age<1e3") == matching("age<1.0e3") == [0, 1, 2, 3]  # 1e3 is a number


def test_a_bare_year_or_month_compared_with_a_date_means_the_whole_period() -> None:
    # mx-1 is dated 2018-03-01, us-1 2017-05-02, other.txt has no date
    assert matching("date>=2018") == [0, 1]
    assert matching("date=2018") == [0, 1]
    assert matching("date<=2017") == [2, 3]
    assert matching("date>2017") == [0, 1]
    assert matching("date<2018") == [2, 3]
    assert matching("date!=2017") == [0, 1, 4]
    assert matching("date=2018-3") == [0, 1]
    assert matching("date<2018-03") == [2, 3]
    assert matching("date<=2018-03") == [0, 1, 2, 3]
    assert matching("date>2018-02") == [0, 1]
    assert matching("date>2018-03") == []
    assert matching("NOT country=Mexico") == [2, 3, 4]


@pytest.mark.parametrize(
    "name, value",
    [("country", "Mexico"), ("age", "34"), ("date", "2018-03-01"), ("age", "Mexico")],
)
def test_not_equal_is_not_equal_also_without_the_attribute(name: str, value: str) -> None:
    """``age!=34`` left out the documents with no age at all (other.txt): a document with no
    age is not 34, so ``!=`` keeps it, as ``NOT age=34`` does; a missing value is neither
    over nor under a value, so the ranges leave it out."""
    assert matching(f"{name}!={value}") == matching(f"NOT {name}={value}")
    assert 4 in matching(f"{name}!={value}")  # other.txt has no attributes
    for operator in ("=", "<", "<=", ">", ">="):
        assert 4 not in matching(f"{name}{operator}{value}")


def test_a_text_attribute_holding_digits_is_matched_by_them_as_text() -> None:
    """``code=007`` where code holds texts ("007", a CSV column ``code:text``) matched no
    document: 007 was read as the number 7, never equal to a text; and ``title=1984``
    never matched a book titled 1984."""
    from tui_reader.core.analysis.matching import type_mismatches

    own = {"a.txt": {"code": "007", "title": "1984", "age": 7}, "b.txt": {"code": "x-2"}}
    docs = [passage("a.txt"), passage("b.txt")]

    def found(query: str) -> list[int]:
        test = compile_query(query, DocumentAttributes(own))
        return [i for i, p in enumerate(docs) if test(p)]

    assert found("code=007") == found('code="007"') == found("title=1984") == [0]
    assert found("code!=007") == [1] and found("code<1") == [0]  # ordered as texts
    assert found("age=7") == found("age=007") == [0]  # a number attribute: as numbers
    assert found("age=x") == [] and found("code=7") == []
    types = {"code": ValueType.TEXT, "age": ValueType.NUMBER}
    assert type_mismatches(parse_query("code=007 OR age=x OR age!=y"), types) == [
        "age=x: age holds numbers and 'x' is not one, so no document matches it",
        "age!=y: age holds numbers and 'y' is not one, so every document matches it",
    ]
    assert found("age!=y") == [0, 1]


def test_a_text_held_that_no_number_can_hold_is_found_as_text() -> None:
    """A text attribute holding 1e310 or 5E400 (a sample's code, kept as text as written)
    could not be asked for: code=1e310 was refused, "too big for a number".  A value held
    as text is that text; where no document holds it, it is refused as before."""
    own = {"a.txt": {"code": "1e310"}, "b.txt": {"code": "5E400"}, "c.txt": {"code": "x-2"}}
    docs = [passage("a.txt"), passage("b.txt"), passage("c.txt")]

    def found(query: str) -> list[int]:
        test = compile_query(query, DocumentAttributes(own))
        return [i for i, p in enumerate(docs) if test(p)]

    assert found("code=1e310") == found('code="1E310"') == [0]
    assert found("code=5e400") == [1] and found("code!=1e310") == [1, 2]
    with pytest.raises(TuiReaderError, match="too big for a number"):
        found("code=1e999")


def test_documents_text_notes() -> None:
    assert matching("doc:other.txt") == [4]
    assert matching("doc:us-1") == [2, 3]
    assert matching("doc:mx-*") == [0, 1]
    assert matching('text:"the border"') == [0]
    assert matching("note:DATE") == [2]


def test_a_document_named_in_another_case_is_found_when_no_file_is_spelled_so() -> None:
    """doc:A.TXT found nothing of a.txt, where coder:ANA finds ana's passages: a name
    matching no document as typed is taken in any case, when it names one file name."""
    keys = ["corpus/mx-1.txt", "corpus/us-1.txt", "corpus/other.txt"]

    def found(query: str, known: list[str] = keys) -> list[int]:
        test = compile_query(documents_spelled(parse_query(query), known))
        return [i for i, p in enumerate(PASSAGES) if test(p)]

    assert found("doc:OTHER.TXT") == found("doc:Other") == [4]
    assert found("doc:MX-*") == [0, 1] and found("doc:CORPUS/US-1.txt") == [2, 3]
    assert unmatched_documents(parse_query("doc:Other.TXT OR doc:MX-*"), keys) == []
    # as typed first: a.txt and A.txt are two files on Linux
    two = [*keys, "corpus/OTHER.txt"]
    assert found("doc:other.txt", two) == [4] and found("doc:OTHER.txt", two) == []
    assert unmatched_documents(parse_query("doc:Other.TXT"), two) == [
        "doc:Other.TXT: no document is named 'Other.TXT' as typed, and in another case it "
        "names several: other.txt, OTHER.txt (type the one meant as it is spelled)"
    ]
    assert found("doc:Other.TXT", two) == []
    test = document_test("doc:US-1", keys=keys)
    assert [test(k) for k in keys] == [False, True, False]


def test_a_folder_named_as_a_document_is_said_with_the_glob_of_its_documents() -> None:
    """doc:2019 for the interviews kept in a folder 2019/ said only "no document matches",
    though the user could see them there: it names the glob that takes them."""
    keys = ["corpus/2019/int-1.txt", "corpus/2019/int-2.txt", "corpus/notes.txt"]
    said = [
        f"doc:{typed}: no document matches {typed!r}, a folder: doc:\"{glob}\" takes the "
        "documents in it"
        for typed, glob in [("2019", "corpus/2019/*"), ("corpus/2019/", "corpus/2019/*"),
                            ("corpus", "corpus/*")]
    ]  # fmt: skip
    assert (
        unmatched_documents(parse_query("doc:2019 OR doc:corpus/2019/ OR doc:corpus"), keys) == said
    )
    test = compile_query('doc:"corpus/2019/*"')
    assert [test(passage(k)) for k in keys] == [True, True, False]
    assert unmatched_documents(parse_query("doc:2020"), keys) == [
        "doc:2020: no document matches '2020'"
    ]


def test_coder_filter_reads_the_coder_of_a_passage() -> None:
    @dataclass(frozen=True)
    class Coded:
        tags: tuple[str, ...]
        coder: str
        document: str = "d"

    test = compile_query("coder:Ana AND x")
    assert test(Coded(("x",), "ana"))  # type: ignore[arg-type]
    assert not test(Coded(("x",), "ben"))  # type: ignore[arg-type]
    assert not compile_query("coder:ana")(PASSAGES[0])  # no coder recorded


def test_a_coder_named_as_spelled_is_that_coder_alone() -> None:
    """With ben and BEN coding (a login, a name typed in capitals), coder:BEN matched ben's
    passages too, where report --coder BEN counts BEN's alone; coder:Ben, no one's spelling,
    still takes both."""

    @dataclass(frozen=True)
    class Coded:
        coder: str
        tags: tuple[str, ...] = ()
        document: str = "d"

    passages = [Coded("ben"), Coded("BEN"), Coded("ana")]

    def found(query: str) -> list[str]:
        test = compile_query(coders_spelled(parse_query(query), lambda: ["ben", "BEN", "ana"]))
        return [p.coder for p in passages if test(p)]  # type: ignore[arg-type]

    assert found("coder:BEN") == ["BEN"] and found("coder:ben") == ["ben"]
    assert found("coder:Ben") == ["ben", "BEN"] and found("NOT coder:BEN") == ["ben", "ana"]
    assert found("coder:ANA") == ["ana"]


def test_the_coders_a_query_holds_its_passages_to() -> None:
    """``coder:ana`` typed in a query had every coder's orphans said as left out of it, as
    ``--coder ana`` no longer has: the coders its ``coder:`` terms hold it to are read out of
    its tree, None where a passage of any coder may match."""
    coders = ["ana", "ben", "BEN", "cy"]

    def asked(query: str) -> list[str] | None:
        held = coders_asked(parse_query(query), lambda: coders)
        return None if held is None else sorted(held)

    assert asked("x") is None and asked("x OR coder:ana") is None
    assert asked("coder:ana") == ["ana"] and asked("x AND coder:ana") == ["ana"]
    assert asked("x coder:ana") == ["ana"] and asked("coder:Ana") == ["ana"]
    assert asked("coder:BEN") == ["BEN"] and asked("coder:Ben") == ["BEN", "ben"]
    assert asked("(coder:ana OR coder:cy) AND x") == ["ana", "cy"]
    assert asked("coder:ana AND coder:cy") == []
    assert asked("NOT coder:ana") == ["BEN", "ben", "cy"]
    assert asked("NOT (coder:ana AND x)") is None
    assert asked("coder:nobody") == []
    assert coders_asked(parse_query("x"), lambda: pytest.fail("no coder: not asked")) is None


def test_a_not_over_coder_terms_alone_holds_a_query_to_the_other_coders() -> None:
    """``NOT (coder:ana OR coder:ben)`` had every coder's orphans said as left out of it,
    though only Cy's passages match it: a NOT over ``coder:`` terms alone is as exact as
    ``NOT coder:ana``, the coders it leaves being the others."""
    coders = ["ana", "ben", "cy"]

    def asked(query: str) -> list[str] | None:
        held = coders_asked(parse_query(query), lambda: coders)
        return None if held is None else sorted(held)

    assert asked("NOT (coder:ana OR coder:ben)") == ["cy"]
    assert asked("x AND NOT (coder:ana OR coder:ben)") == ["cy"]
    assert asked("NOT (coder:ana AND coder:ben)") == ["ana", "ben", "cy"]
    assert asked("NOT (coder:ana OR NOT coder:ben)") == ["ben"]
    assert asked("NOT NOT coder:ana") == ["ana"]
    assert asked("NOT NOT (x AND coder:ana)") == ["ana"]
    assert asked("NOT (coder:ana OR x)") is None
    assert asked("NOT (coder:ana AND NOT x)") is None


def test_a_bad_value_in_a_filter_is_reported() -> None:
    with pytest.raises(TuiReaderError, match="not a date"):
        compile_query("date>2018-13-01")


def test_document_filters_take_attributes_and_names_only() -> None:
    attributes = DocumentAttributes(OWN)
    test = document_test("country=Mexico OR doc:other.txt", attributes)
    assert [test(k) for k in (*OWN, "corpus/other.txt")] == [True, False, True]
    with pytest.raises(TuiReaderError, match="not codes"):
        document_test("militarization", attributes)


def test_codes_take_the_codebooks_spelling_and_unknown_ones_are_named() -> None:
    tree = parse_query("Security AND NOT (Actors/US OR militarisation) OR security/Border")
    spelled, unknown = spelled_as_coded(tree, ["security/border", "actors/us", "militarization"])
    assert spelled == parse_query(
        "security AND NOT (actors/us OR militarisation) OR security/border"
    )
    assert unknown == ["militarisation"]
    assert spelled_as_coded(Code("a"), ["a", "A"]) == (Code("a"), [])  # exact first


def test_a_code_typed_in_another_case_takes_every_code_spelled_alike() -> None:
    """With ``Army`` and ``army`` in the codebook (an import's), the query ``ARMY`` took the
    passages of ``Army`` alone, and ``report --tag ARMY`` counted them alone, saying nothing."""
    codebook = ["Army", "army/ranks", "navy"]
    spelled, unknown = spelled_as_coded(parse_query("ARMY AND NOT navy"), codebook)
    assert unknown == []
    test = compile_query(spelled)
    assert test(passage("a.txt", "Army")) and test(passage("a.txt", "army/ranks"))
    assert not test(passage("a.txt", "Army", "navy"))
    assert spelled_codes(["ARMY", "navy"], codebook) == (["Army", "army", "navy"], [])


def test_a_comparison_with_a_value_not_of_its_attributes_type_is_said() -> None:
    from tui_reader.core.analysis.matching import type_mismatches
    from tui_reader.core.analysis.values import ValueType

    types = {"age": ValueType.NUMBER, "Date": ValueType.DATE, "country": ValueType.TEXT}
    tree = parse_query("age>abc OR NOT (date>soon) OR age>30 OR country=Mexico OR wave=2")
    assert type_mismatches(tree, types) == [
        "age>abc: age holds numbers and 'abc' is not one, so no document matches it",
        "date>soon: date holds dates and 'soon' is not one, so no document matches it",
    ]
    assert type_mismatches(parse_query("date>=2018 OR date<2018-03"), types) == []
    # a date and a time of day: its day, which every date is compared with (it was said to
    # match no document, and matched those held with a time)
    assert type_mismatches(parse_query('date>="2019-05-01 09:00"'), types) == []


def test_a_value_said_to_match_no_date_matches_none_of_the_years_held_with_dates() -> None:
    """date>2019-13 and date>-5 said 'date holds dates and ... is not one, so no document
    matches it', then matched the documents whose date is a year (2020, held beside
    2019-05-01): the year was compared as text, or as a number, with what is no date."""
    from tui_reader.core.analysis.matching import type_mismatches

    attributes = DocumentAttributes(
        {"a.txt": {"Date": "2019-05-01"}, "b.txt": {"Date": "2020"}, "c.txt": {"Date": "2019-06"}}
    )
    documents = ["a.txt", "b.txt", "c.txt", "none.txt"]
    for typed in ("2019-13", "-5", "3e3", "soon", "20200", "2019-05-01x"):
        for operator in ("=", "<", "<=", ">", ">="):
            query = f"date{operator}{typed}"
            said = type_mismatches(parse_query(query), attributes.types)
            assert said and "so no document matches it" in said[0], query
            test = document_test(query, attributes)
            assert not [d for d in documents if test(d)], query
        query = f"date!={typed}"
        test = document_test(query, attributes)
        assert all(test(d) for d in documents), query
        assert (
            "so every document matches it"
            in type_mismatches(parse_query(query), attributes.types)[0]
        )
    # a year, a month, a date and a time are still compared with each date, year and month
    found = document_test("date>=2019-06", attributes)
    assert [d for d in documents if found(d)] == ["b.txt", "c.txt"]
    found = document_test('date<"2019-05-02 10:00"', attributes)
    assert [d for d in documents if found(d)] == ["a.txt"]
    passage_test = compile_query("x AND date>-5", attributes)
    assert not passage_test(passage("b.txt", "x"))
    # a word held among dates (set before them, or imported) is still found as text
    held = {f"{day}.txt": {"date": f"2019-05-0{day}"} for day in range(1, 6)}
    mixed = DocumentAttributes({**held, "w.txt": {"date": "pilot"}, "y.txt": {"date": "2020"}})
    assert mixed.types["date"] is ValueType.DATE
    found = document_test("date=Pilot", mixed)
    assert [d for d in [*held, "w.txt", "y.txt"] if found(d)] == ["w.txt"]
    # so a number that is no year (imported among dates)
    numbered = DocumentAttributes({**held, "n.txt": {"date": 10}, "y.txt": {"date": 2019}})
    found = document_test("date=10", numbered)
    assert [d for d in [*held, "n.txt", "y.txt"] if found(d)] == ["n.txt"]
    # and a year held as a number among dates is that year, as a matrix's column 2019
    # counts it: a date or a month in 2019 is in it (it was equal to no date)
    for query in ("date=2019-05-01", "date=2019-05", "date>=2019-06", "date=2019"):
        found = document_test(query, numbered)
        assert "y.txt" in [d for d in [*held, "n.txt", "y.txt"] if found(d)], query
    found = document_test("date>2019-12-31", numbered)
    assert not [d for d in [*held, "n.txt", "y.txt"] if found(d)]
    # the types, over every document's attributes, are looked at only once a date is held
    # (a filter typed in the library over thousands of documents: country=Mexico)

    class Counted(DocumentAttributes):
        asked = 0

        @property
        def types(self) -> dict[str, ValueType]:
            Counted.asked += 1
            return super().types

    counted_lookup = Counted({**held, "m.txt": {"country": "México"}})
    assert document_test("country=mexico", counted_lookup)("m.txt") and Counted.asked == 0
    test = document_test("date=soon", counted_lookup)
    assert not any(test(d) for d in held) and Counted.asked == 1
    # and no line says it matches no document
    assert mixed.dates_holding_words == {"date"} and not attributes.dates_holding_words
    assert type_mismatches(parse_query("date=Pilot"), mixed.types, {"date"}) == []


def test_a_month_asked_of_years_held_as_numbers_is_not_said_to_match_no_document() -> None:
    """year=2019-05 where documents hold the year 2019 as a number finds them (the year holds
    the month), yet a line said "year holds numbers and '2019-05' is not one, so no document
    matches it" above the passages it found; an attribute of numbers holding no year (ages)
    is still said to match none."""
    from tui_reader.core.analysis.matching import query_warnings, type_mismatches

    attributes = DocumentAttributes(
        {"a.txt": {"year": 2019, "age": 34}, "b.txt": {"year": 2020, "age": 9}}
    )
    assert attributes.numbers_holding_years == {"year"}
    for query in ("year=2019-05", "year<2020-06-01", "year>=2019-12-31T10:00"):
        found = document_test(query, attributes)
        assert [d for d in ("a.txt", "b.txt") if found(d)], query  # it does match
        said = type_mismatches(
            parse_query(query), attributes.types, (), attributes.numbers_holding_years
        )
        assert said == [], query
        said = query_warnings(  # what the query view says
            parse_query(query), attributes.types, ["a.txt", "b.txt"], lambda: ["ana"],
            attributes.dates_holding_words, attributes.numbers_holding_years,
        )  # fmt: skip
        assert said == [], query
    found = document_test("age=2019-05", attributes)
    assert not [d for d in ("a.txt", "b.txt") if found(d)]
    assert type_mismatches(
        parse_query("age=2019-05"), attributes.types, (), attributes.numbers_holding_years
    ) == ["age=2019-05: age holds numbers and '2019-05' is not one, so no document matches it"]
    assert type_mismatches(
        parse_query("year>soon"), attributes.types, (), attributes.numbers_holding_years
    ) == ["year>soon: year holds numbers and 'soon' is not one, so no document matches it"]


def test_a_document_name_that_names_no_document_is_said() -> None:
    from tui_reader.core.analysis.matching import query_warnings, unmatched_documents

    keys = ["corpus/mx-1.txt", "corpus/us-1.txt"]
    tree = parse_query('a AND (doc:nope* OR NOT doc:mx-1 OR doc:"us-1.txt" OR doc:corpus/u*)')
    assert unmatched_documents(tree, keys) == ["doc:nope*: no document matches 'nope*'"]
    assert unmatched_documents(parse_query("doc:x OR doc:x"), []) == [
        "doc:x: no document matches 'x'"  # once
    ]
    assert unmatched_documents(parse_query("a AND b"), keys) == []
    query = parse_query("doc:z* age>x coder:Ana coder:bén")
    said = query_warnings(query, {"age": ValueType.NUMBER}, keys, lambda: ["ana", "ben"])
    assert said == [
        "age>x: age holds numbers and 'x' is not one, so no document matches it",
        "doc:z*: no document matches 'z*'",
        "coder:bén: no passage is coded by 'bén' (coders here: ana, ben)",
    ]


def test_a_coder_who_coded_nothing_is_said_and_coders_are_asked_for_only_then() -> None:
    from tui_reader.core.analysis.matching import unmatched_coders

    def never() -> list[str]:
        raise AssertionError("the coders were asked for")

    assert unmatched_coders(parse_query("a AND NOT doc:x"), never) == []
    assert unmatched_coders(parse_query("NOT coder:ANA"), lambda: ["ana"]) == []
    assert unmatched_coders(parse_query("coder:ana"), list) == [
        "coder:ana: no passage is coded by 'ana' (coders here: none yet)"
    ]


def test_text_and_note_match_an_accent_however_it_is_encoded() -> None:
    decomposed = "Peña Nieto e\u0301migre\u0301"  # é as e and a combining accent (a PDF's)
    passage = Annotation(
        document="a.txt", start=0, end=5, quote=decomposed, id="1", created="", note="ÉMIGRÉ"
    )
    assert compile_query('text:"émigré"')(passage)  # typed as one code point each
    assert compile_query('text:"E\u0301MIGRE\u0301"')(passage)
    assert compile_query("note:e\u0301migre\u0301")(passage)
    assert not compile_query('text:"emigre"')(passage)  # an accent still counts


def test_text_finds_a_phrase_across_a_line_end_of_a_hard_wrapped_passage() -> None:
    """text:"peace talks" found no passage coded in a hard-wrapped text where "peace" ends
    a line and "talks" starts the next, which the corpus search finds and the reader shows
    flowing as one line; nor "self-determination" with "self-" at a line's end."""
    quote = "the peace\n   talks on\r\nself-\ndetermination ended.\n\nA new paragraph"
    passage = Annotation(document="a.txt", start=0, end=len(quote), quote=quote, id="1",
                         created="")  # fmt: skip
    for phrase in ("peace talks", "PEACE TALKS ON SELF-DETERMINATION", "talks on self"):
        assert compile_query(f'text:"{phrase}"')(passage), phrase
    for phrase in ("ended. a new", "selfdetermination", "self- determination"):
        assert not compile_query(f'text:"{phrase}"')(passage), phrase  # a paragraph's end


def test_a_coder_is_named_as_coder_name_takes_it() -> None:
    from tui_reader.core.analysis.matching import coder_named

    coders = ["Ana", "Mar\u00eda", "ben", "BEN"]
    assert coder_named("ana", coders) == "Ana"
    assert coder_named("MARI\u0301A", coders) == "Mar\u00eda"
    assert coder_named("ben", coders) == "ben"  # the exact spelling first
    assert coder_named("Ben", coders) is None  # two coders: which one is not guessed
    assert coder_named("zed", coders) is None


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_coder_field_ignores_case_and_how_an_accent_is_encoded(form: str) -> None:
    import unicodedata

    stored = unicodedata.normalize(form, "Mar\u00eda")
    annotation = Annotation(document="a", start=0, end=1, quote="x", id="1", created="")
    test = compile_query("coder:mari\u0301a", coder=lambda _a: stored)
    assert test(annotation)


@settings(max_examples=examples(100))
@given(
    st.lists(st.text("aAbBé\u0301 ", min_size=1, max_size=4), min_size=1, max_size=5, unique=True)
)
def test_each_coder_is_named_by_itself_and_another_spelling_by_one_alike(
    coders: list[str],
) -> None:
    from tui_reader.core.analysis.matching import coder_named

    def key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    for name in coders:
        assert coder_named(name, coders) == name
        for other in (name.upper(), unicodedata.normalize("NFD", name.lower())):
            found = coder_named(other, coders)
            alike = {c for c in coders if key(c) == key(other)}
            if other in coders:
                assert found == other
            else:
                assert found == (alike.pop() if len(alike) == 1 else None)


def test_an_attribute_no_document_has_is_named_once() -> None:
    from tui_reader.core.analysis.matching import unmatched_attributes

    asked: list[str] = []

    def held(name: str) -> bool:
        asked.append(name)
        return name == "author"  # a format's metadata, as a PDF's

    node = parse_query("contry=Mexico OR CONTRY!=x OR author=Ana OR age>3 OR title=t")
    types = {"age": ValueType.NUMBER}
    assert unmatched_attributes(node, types, held) == [
        "contry=Mexico: no document here has the attribute 'contry', so no document matches it"
    ]
    assert asked == ["contry", "author"]  # the user's and every format's not looked for


def test_an_attribute_no_document_has_names_the_one_spelled_nearly_like_it() -> None:
    """``contry=Honduras`` was said to match no document, with nothing of the attribute
    ``country`` every document had: the query view's notice said what was wrong, not what to
    write, where a code typed so is said with the code it was near."""
    from tui_reader.core.analysis.matching import unmatched_attributes

    node = parse_query("violence AND contry=Honduras AND (Gendr=female OR wave=2)")
    types = {"country": ValueType.TEXT, "gender": ValueType.TEXT, "age": ValueType.NUMBER}
    assert unmatched_attributes(node, types, lambda name: False) == [
        "contry=Honduras: no document here has the attribute 'contry', so no document "
        "matches it (did you mean 'country'?)",
        "Gendr=female: no document here has the attribute 'Gendr', so no document "
        "matches it (did you mean 'gender'?)",
        "wave=2: no document here has the attribute 'wave', so no document matches it",
    ]
    node = parse_query("titel=Interview")  # a format's attribute, every document's
    assert unmatched_attributes(node, {}, lambda name: False) == [
        "titel=Interview: no document here has the attribute 'titel', so no document "
        "matches it (did you mean 'title'?)"
    ]


def test_a_code_typed_with_its_accents_encoded_otherwise_takes_the_codebooks_spelling() -> None:
    decomposed = unicodedata.normalize("NFD", "sécurité/frontière")
    node, unknown = spelled_as_coded(parse_query(f'"{decomposed}"'), ["Sécurité/frontière"])
    assert node == Code("Sécurité/frontière") and unknown == []


@pytest.mark.parametrize("typed", ["džemal", "DŽEMAL", "Džemal", "\u01c4EMAL", "\u01c6emal"])
def test_a_code_with_a_compatibility_letter_is_found_typed_with_the_letters_it_stands_for(
    typed: str,
) -> None:
    """``ǅemal`` (one letter, U+01C5) typed ``džemal`` (two) was no code in the codebook."""
    assert spelled_codes([typed], ["\u01c5emal"]) == (["\u01c5emal"], [])
    assert spelled_codes(["\u01c5emal"], [typed]) == ([typed], [])
    node, unknown = spelled_as_coded(parse_query("\ufb01eld"), ["field"])  # the ligature ﬁ
    assert node == Code("field") and unknown == []
    lines = no_code_lines(["\u01c5emai"], ["džemal"])
    assert lines == ["no code '\u01c5emai' in the codebook (did you mean 'džemal'?)"]


def test_a_tag_option_written_with_everything_under_it_is_that_code() -> None:
    """``report --tag 'actors/*'`` (and agreement's, export's) said 'no code actors/*' and
    reported nothing, though a query took it; agreement took no 'actors/' either."""
    assert spelled_codes(["actors/*", "actors/", "Actors/**"], ["actors/us"]) == (
        ["actors", "actors", "actors"],
        [],
    )


@pytest.mark.parametrize("field", ["text", "note"])
def test_a_word_typed_without_its_last_accent_does_not_match_it_however_it_is_encoded(
    field: str,
) -> None:
    for cafe in ("café", "cafe\u0301"):  # é as one code point, or e and a combining accent
        passage = Annotation(
            document="a.txt", start=0, end=4, quote=cafe, id="1", created="", note=cafe
        )
        assert compile_query(f"{field}:café")(passage)
        assert not compile_query(f"{field}:cafe")(passage), ascii(cafe)
        assert compile_query(f"{field}:caf")(passage)


@pytest.mark.parametrize("field", ["text", "note"])
def test_a_turkish_capital_dotted_i_is_matched_by_the_word_in_small_letters(field: str) -> None:
    """text:istanbul found no passage reading 'İstanbul' (casefold() gives 'i' and a
    combining dot above), though the corpus search finds it there."""
    for city in ("İstanbul", "I\u0307stanbul"):  # one code point, or I and a combining dot
        passage = Annotation(
            document="a.txt", start=0, end=8, quote=city, id="1", created="", note=city
        )
        assert compile_query(f"{field}:istanbul")(passage), ascii(city)
        assert compile_query(f"{field}:İSTANBUL")(passage)
        assert compile_query(f"{field}:stanbul")(passage)
        assert not compile_query(f"{field}:ıstanbul")(passage)  # the dotless i is another letter


def test_a_code_not_in_the_codebook_is_said_with_the_one_spelled_nearly_like_it() -> None:
    """'no code militarisation' left the researcher to find the code's spelling; the code
    nearest in spelling is named, when one is near."""
    codebook = ["militarization", "actors/us", "Sécurité"]
    assert no_code_lines(["militarisation", "ACTORS/USA", "securite", "weather"], codebook) == [
        "no code 'militarisation' in the codebook (did you mean 'militarization'?)",
        "no code 'ACTORS/USA' in the codebook (did you mean 'actors/us'?)",
        "no code 'securite' in the codebook (did you mean 'Sécurité'?)",
        "no code 'weather' in the codebook",
    ]
    many = [f"militarisation{i}" for i in range(50)]
    said = no_code_lines(many, codebook)
    assert len(said) == 50 and said[-1] == "no code 'militarisation49' in the codebook"


def test_a_code_typed_with_a_wildcard_is_told_what_a_wildcard_takes() -> None:
    """``*`` alone, ``*/one`` or ``the*`` was only "no code '*'": the line says a ``*`` ends
    a parent's name, with the codebook's first parents as examples."""
    codebook = ["theme/border", "theme/security", "actors/us", "actors/mx", "place/a", "z/b"]
    hint = (
        "; a * only ends a parent's name, for every code under it: actors/*, place/*, theme/*, ..."
    )
    assert no_code_lines(["*", "*/one", "the*"], codebook) == [
        f"no code {name!r} in the codebook{hint}" for name in ("*", "*/one", "the*")
    ]
    assert no_code_lines(["*"], ["flat", "codes"]) == [
        "no code '*' in the codebook; a * only ends a parent's name, for every code under it "
        "(parent/*), and no code of the codebook has codes under it"
    ]


WILDCARD_HINT = "; a * only ends a parent's name, for every code under it: "


def test_the_wildcard_hint_names_a_quoted_parent_with_its_star() -> None:
    """A parent whose name a query quotes ("war on drugs") was given in the hint to ``*``
    as the quoted name alone, without the ``/*`` the hint is about."""
    said = no_code_lines(["*/raids"], ["war on drugs/raids", "age<18/x"])
    assert said == [f"no code '*/raids' in the codebook{WILDCARD_HINT}\"age<18\"/*, "
                    '"war on drugs"/*']  # fmt: skip
    assert parse_query('"war on drugs"/*') == Code("war on drugs")


@settings(max_examples=examples(60))
@given(st.text(alphabet='ab "():<=!*-,', min_size=1, max_size=12))
def test_the_wildcard_hints_example_reads_back_as_every_code_under_the_parent(
    parent: str,
) -> None:
    parent = " ".join(parent.split())
    if not parent or parent.endswith("*"):
        return  # (a name ending in a star: a wildcard of its own)
    (said,) = no_code_lines(["*"], [f"{parent}/child"])
    example = said.split(WILDCARD_HINT, 1)[1]
    assert example.endswith("/*")
    assert parse_query(example) == Code(parent)


def test_a_parent_code_typed_without_its_accents_is_said_with_its_spelling() -> None:
    """'SECURITE' for the parent of 'Sécurité/frontière' was only 'no code SECURITE': the
    codes spelled nearly alike were looked for among the codes on passages, not their
    parents."""
    codebook = ["Sécurité/frontière", "Sécurité/intérieur", "actors/us"]
    assert no_code_lines(["SECURITE", "actor"], codebook) == [
        "no code 'SECURITE' in the codebook (did you mean 'Sécurité'?)",
        "no code 'actor' in the codebook (did you mean 'actors'?)",
    ]


def test_a_code_named_with_spaces_typed_unquoted_is_told_to_be_quoted() -> None:
    """'violence (physical)' typed as it reads is the codes 'violence' and 'physical': it
    was only 'no code violence'."""
    codebook = ["violence (physical)", "violence (verbal)", "weather"]
    _, unknown = spelled_as_coded(parse_query("violence (physical)"), codebook)
    assert unknown == ["violence", "physical"]
    assert no_code_lines(unknown, codebook)[0] == (
        "no code 'violence' in the codebook (did you mean \"violence (physical)\", quoted?)"
    )
    assert parse_query('"violence (physical)"') == Code("violence (physical)")


def test_a_code_named_with_a_parenthesis_typed_unquoted_is_told_to_be_quoted() -> None:
    """'COVID(19)' or 'f(x)' typed as it reads is the codes 'COVID' and '19' (a parenthesis
    ends a word): it was only 'no code COVID', no hint of the code meant."""
    codebook = ["COVID(19)/masks", "weather"]
    _, unknown = spelled_as_coded(parse_query("COVID(19)"), codebook)
    assert unknown == ["COVID", "19"]
    assert no_code_lines(unknown, codebook)[0] == (
        "no code 'COVID' in the codebook (did you mean \"COVID(19)\", quoted?)"
    )


@pytest.mark.parametrize(
    ("query", "code", "unknown", "written"),
    [
        ('b "q"', 'b "q"', "q", '"b \\"q\\""'),
        ("new york", "new york", "york", '"new york"'),
        ("a(b) OR x", "a(b)", "b", '"a(b)"'),
    ],
)
def test_a_code_named_with_quotes_or_spaces_typed_beside_a_code_is_told_its_quoting(
    query: str, code: str, unknown: str, written: str
) -> None:
    """'b "q"' typed, with the codes 'b' and 'b "q"' in the codebook, is b AND q: it was only
    "no code 'q'", with no word of the code 'b "q"' the query spells."""
    codebook = [code, code.split()[0].split("(")[0], "x"]
    _, missing = spelled_as_coded(parse_query(query), codebook)
    assert missing == [unknown]
    assert no_code_lines(missing, codebook, typed=query) == [
        f"no code {unknown!r} in the codebook (did you mean {written}, quoted?)"
    ]
    # the code written as the query spells it elsewhere, not beside: no such hint
    assert no_code_lines(missing, codebook, typed=f"{unknown} AND zz") == [
        f"no code {unknown!r} in the codebook"
    ]


def test_a_document_named_by_its_whole_path_is_that_document() -> None:
    """doc:/home/me/project/corpus/mx.txt (a file dragged into the terminal) matched no
    document: 'no document matches', though --doc takes a path."""
    key = "corpus/mx.txt"
    passage = Annotation(document=key, start=0, end=1, quote="", id="1", created="")
    for path in ("/home/me/project/corpus/mx.txt", "./corpus/mx.txt", "../project/corpus/mx.txt"):
        assert compile_query(f"doc:{path}")(passage), path
        assert unmatched_documents(parse_query(f"doc:{path}"), [key]) == []
    assert not compile_query("doc:/home/me/project/other/mx.txt")(passage)
    assert not compile_query("doc:/home/me/project/xcorpus/mx.txt")(passage)


def test_a_code_named_as_a_comparison_typed_unquoted_is_told_to_be_quoted() -> None:
    """'age<18' (a code) typed as it reads compares the attribute age with 18: the query
    matched nothing, and said only that no document has an age."""
    codebook = ["age<18", "Score>=5/high", "policy"]
    assert comparisons_naming_codes(parse_query("age<18 OR policy"), codebook) == [
        "age<18 is read as a comparison of the attribute 'age'; the code 'age<18' is "
        'quoted: "age<18"'
    ]
    assert comparisons_naming_codes(parse_query("NOT score>=5 AND AGE<18"), codebook) == [
        "score>=5 is read as a comparison of the attribute 'score'; the code 'Score>=5' is "
        'quoted: "Score>=5"',
        "AGE<18 is read as a comparison of the attribute 'AGE'; the code 'age<18' is "
        'quoted: "age<18"',
    ]
    assert comparisons_naming_codes(parse_query('"age<18" AND age<21'), codebook) == []
    assert compile_query(parse_query('"age<18"'))(
        Annotation(document="a.txt", start=0, end=1, quote="x", tags=("age<18",))
    )


def test_a_code_typed_by_the_name_it_had_before_a_rename_is_said_with_the_name_it_took() -> None:
    """'violence' renamed 'conflict' was only 'no code violence' (nothing near it in
    spelling): the name it became is said, following renames one after another, a parent
    by its children, in any case typed."""
    codebook = ["conflict/physical", "oldest", "military", "militarization"]
    renames = {
        "violence/physical": "conflict/physical",
        "old": "older",
        "older": "oldest",
        "army": "military",
        "loop": "again",
        "again": "loop",
    }
    asked: list[int] = []

    def history() -> dict[str, str]:
        asked.append(1)
        return renames

    assert no_code_lines([], codebook, history) == [] and asked == []
    assert no_code_lines(
        ["violence", "VIOLENCE/physical", "old", "Army", "loop", "militarisation"],
        codebook,
        history,
    ) == [
        "no code 'violence' in the codebook (it became 'conflict')",
        "no code 'VIOLENCE/physical' in the codebook (it became 'conflict/physical')",
        "no code 'old' in the codebook (it became 'oldest')",
        "no code 'Army' in the codebook (it became 'military')",
        "no code 'loop' in the codebook",
        "no code 'militarisation' in the codebook (did you mean 'militarization'?)",
    ]
    assert asked == [1]


def test_a_code_typed_behind_a_minus_is_told_to_be_left_out_with_not() -> None:
    """'militarization -actors/us', as a search engine leaves a word out, was answered 'did
    you mean actors/us?', which asks for the very passages meant to be left out."""
    codebook = ["actors/us", "violence (physical)", "militarization"]
    _, unknown = spelled_as_coded(parse_query("militarization -actors/us -ACTORS"), codebook)
    assert no_code_lines([*unknown, "-violence (physical)", "-weather"], codebook) == [
        "no code '-actors/us' in the codebook; to leave out 'actors/us', write NOT actors/us",
        "no code '-ACTORS' in the codebook; to leave out 'actors', write NOT actors",
        "no code '-violence (physical)' in the codebook; to leave out 'violence (physical)', "
        'write NOT "violence (physical)"',
        "no code '-weather' in the codebook",
    ]


@pytest.mark.parametrize(
    ("typed", "sign", "meant"),
    [
        ("militarization & actors", "&", "AND"),
        ("militarization && actors", "&&", "AND"),
        ("militarization | actors", "|", "OR"),
        ("militarization || actors", "||", "OR"),
        ("militarization ~actors", "~actors", "NOT"),
    ],
)
def test_a_sign_other_languages_take_as_an_operator_is_told_to_be_written_as_a_word(
    typed: str, sign: str, meant: str
) -> None:
    """'militarization & actors', as a programmer or a spreadsheet's filter joins two terms,
    was answered only "no code '&' in the codebook" and no passage: & read as a third code
    the user never meant, and nothing said what to write instead."""
    lines = _lines_said(typed)
    assert len(lines) == 1
    assert lines[0].startswith(f"no code {sign!r} in the codebook; ")
    if meant == "NOT":
        assert lines[0].endswith("to leave out 'actors', write NOT actors")
    else:
        assert lines[0].endswith(f"{sign} is no operator here: write {meant}")


@pytest.mark.parametrize(
    ("typed", "name", "hint"),
    [
        ("militarization&actors", "militarization&actors", "& is no operator here: write "
         "militarization AND actors"),
        ("militarization&&actors", "militarization&&actors", "&& is no operator here: write "
         "militarization AND actors"),
        ("militarization||actors", "militarization||actors", "|| is no operator here: write "
         "militarization OR actors"),
        ("a|b&c", "a|b&c", "| is no operator here: write a OR b AND c"),
        ("militarization &actors", "&actors", "& is no operator here: write AND"),
    ],
)  # fmt: skip
def test_a_sign_typed_between_two_words_without_spaces_is_told_as_with_them(
    typed: str, name: str, hint: str
) -> None:
    """'militarization&actors', no code of that name in the codebook, was answered only
    "no code 'militarization&actors' in the codebook": the hint 'militarization & actors'
    gets was not given, the sign not being a word of its own."""
    assert _lines_said(typed) == [f"no code {name!r} in the codebook; {hint}"]


def test_a_code_named_with_a_sign_is_matched_and_said_nothing_of() -> None:
    """A code really named 'R&D' is that code, not two joined."""
    codebook = ["R&D", "actors"]
    tree, unknown = spelled_as_coded(parse_query("R&D AND actors"), codebook)
    assert unknown == []
    test = compile_query(tree)
    assert test(passage("d", "R&D", "actors"))
    assert not test(passage("d", "R", "D", "actors"))


def test_another_tools_operator_typed_in_a_query_is_said_to_be_none() -> None:
    """'militarization NEAR actors', as NVivo or ATLAS.ti ask for passages close together,
    was answered only 'no code NEAR in the codebook' (and no passage): NEAR read as a code
    the user never meant.  A --tag of that name, no query, is a code as any other."""
    codebook = ["actors", "militarization", "near"]
    typed = "militarization NEAR actors OR militarization PRECEDING actors"
    _, unknown = spelled_as_coded(parse_query(typed), codebook)
    assert unknown == ["PRECEDING"]  # NEAR is the code near, in another case
    hint = (
        "a OVERLAPS b takes a's passages sharing text with one of b's; a WITHIN b (or ENCLOSED "
        "BY b), those inside one; ENCLOSES, holding one; OVERLAPPED BY, one overlaps their "
        "start; FOLLOWS, PRECEDES, after, before one; NEAR/1, a paragraph from one at most "
        "(/1s: a sentence, /3w: 3 words); AND, both codes"
    )
    assert no_code_lines(["NEAR", *unknown], ["actors"], typed=typed) == [
        "no code 'NEAR' in the codebook; NEAR takes a distance here, NEAR/1: " + hint,
        "no code 'PRECEDING' in the codebook; PRECEDING is no operator here: " + hint,
    ]
    assert no_code_lines(["NEAR"], ["actors"]) == ["no code 'NEAR' in the codebook"]


def test_another_tools_operator_with_a_distance_is_said_to_be_none_and_its_number_not_a_code() -> (
    None
):
    """'militarization NEAR/5 actors' (a distance in words, as search engines of law and news
    take it) was said only to hold no code 'NEAR/5'; 'militarization NEAR 5 actors' was told
    NEAR is no operator here, then that no code '5' is in the codebook, a code never meant.
    The distance is said with its operator, and its number is no code of its own."""
    hint = no_code_lines(["ADJ"], ["actors"], typed="a ADJ b")[0].split("; ", 1)[1]
    typed = "militarization ADJ/5 actors"
    _, unknown = spelled_as_coded(parse_query(typed), ["actors", "militarization"])
    assert no_code_lines(unknown, ["actors"], typed=typed) == [
        "no code 'ADJ/5' in the codebook; " + hint.replace("ADJ", "ADJ/5", 1)
    ]
    typed = "militarization ADJ 5 actors OR (5 AND actors) OR PRECEDING 12"
    _, unknown = spelled_as_coded(parse_query(typed), ["actors", "militarization"])
    assert unknown == ["ADJ", "5", "PRECEDING", "12"]
    assert no_code_lines(unknown, ["actors"], typed=typed) == [
        "no code 'ADJ' in the codebook; " + hint,
        "no code '5' in the codebook",  # 5 alone, as a code, elsewhere
        "no code 'PRECEDING' in the codebook; " + hint.replace("ADJ", "PRECEDING", 1),
    ]
    # NEAR/5 is an operator here: NEAR 5, its distance apart, is said to be written so
    typed = "militarization NEAR 5 actors"
    _, unknown = spelled_as_coded(parse_query(typed), ["actors", "militarization"])
    assert no_code_lines(unknown, ["actors"], typed=typed) == [
        "no code 'NEAR' in the codebook; NEAR takes a distance here, NEAR/1: "
        + hint.split(": ", 1)[1]
    ]
    typed = '7 OR "12" OR a NEAR 12 b NEAR 7'  # a code 7 and a code "12", typed as codes
    assert no_code_lines(["7", "12"], ["a", "b"], typed=typed) == [
        "no code '7' in the codebook",
        "no code '12' in the codebook",
    ]


def test_atlas_ti_s_overlapped_by_is_an_operator_and_said_to_be_written_with_its_by() -> None:
    """'militarization OVERLAPPED BY actors', as ATLAS.ti asks it, was said to hold no code
    'OVERLAPPED' and no code 'BY': it is an operator now, as ENCLOSED BY is, and OVERLAPPED
    typed without its BY is said to be written with it."""
    hint = no_code_lines(["NEAR"], ["actors"], typed="a NEAR b")[0].split(": ", 1)[1]
    typed = "militarization OVERLAPPED BY actors OR actors ENCLOSED BY militarization"
    _, unknown = spelled_as_coded(parse_query(typed), ["actors", "militarization"])
    assert unknown == []
    typed = "militarization OVERLAPPED actors OR actors ENCLOSED militarization"
    _, unknown = spelled_as_coded(parse_query(typed), ["actors", "militarization"])
    assert no_code_lines(unknown, ["actors"], typed=typed) == [
        "no code 'OVERLAPPED' in the codebook; the operator is written OVERLAPPED BY: " + hint,
        "no code 'ENCLOSED' in the codebook; the operator is written ENCLOSED BY: " + hint,
    ]
    typed = "BY OR militarization OVERLAPPED x BY actors"  # a code BY typed as one
    assert no_code_lines(["BY", "OVERLAPPED"], ["actors"], typed=typed) == [
        "no code 'BY' in the codebook",
        "no code 'OVERLAPPED' in the codebook; the operator is written OVERLAPPED BY: " + hint,
    ]


def _lines_said(typed: str) -> list[str]:
    """What is said of the words of the query ``typed`` that name no code of a codebook of
    "actors" and "militarization"."""
    codebook = ["actors", "militarization"]
    _, unknown = spelled_as_coded(parse_query(typed), codebook)
    return no_code_lines(unknown, codebook, typed=typed)


def test_an_operator_mistyped_in_a_query_is_said_to_be_meant() -> None:
    """'militarization AND NTO actors' read NTO as a code and said only that no code NTO is
    in the codebook (and no passage): the NOT the user meant was not named.  A word typed in
    capitals that misspells AND, OR or NOT by its order or one letter is said to; another
    (NGO, US) is not, nor one named outside a query (a --tag)."""
    typed = "militarization AND NTO actors OR ANDD x OR NGO OR US OR ADN y OR NO z"
    assert _lines_said(typed) == [
        "no code 'NTO' in the codebook (did you mean the operator NOT?)",
        "no code 'ANDD' in the codebook (did you mean the operator AND?)",
        "no code 'x' in the codebook",
        "no code 'NGO' in the codebook",
        "no code 'US' in the codebook",
        "no code 'ADN' in the codebook (did you mean the operator AND?)",
        "no code 'y' in the codebook",
        "no code 'NO' in the codebook (did you mean the operator NOT?)",
        "no code 'z' in the codebook",
    ]
    assert no_code_lines(["NTO"], ["actors"]) == ["no code 'NTO' in the codebook"]


def test_an_operator_mistyped_in_lower_case_is_said_to_be_meant() -> None:
    """An operator is one in any case (``not``, ``and``), but 'militarization and nto actors'
    read nto as a code and said only that no code nto is in the codebook, where NTO was said
    to mean NOT.  Two letters side by side swapped are said so in any case; a word one letter
    off (no, an, end) or in another order (dna) is no slip of an operator in lower case."""
    typed = "militarization and nto actors or adn x or Ro y or no z or dna or an OR end"
    assert _lines_said(typed) == [
        "no code 'nto' in the codebook (did you mean the operator NOT?)",
        "no code 'adn' in the codebook (did you mean the operator AND?)",
        "no code 'x' in the codebook",
        "no code 'Ro' in the codebook (did you mean the operator OR?)",
        "no code 'y' in the codebook",
        "no code 'no' in the codebook",
        "no code 'z' in the codebook",
        "no code 'dna' in the codebook",
        "no code 'an' in the codebook",
        "no code 'end' in the codebook",
    ]


def test_a_pasted_query_of_25000_codes_none_in_the_codebook_is_spelled_at_once() -> None:
    """Each unknown code was looked for in a list of those found before: 25,000 pasted into
    the query view took 12 s before a word was said."""
    node = parse_query(" OR ".join(f"c{i}" for i in range(50_000)))
    _, unknown = spelled_as_coded(node, [f"c{i}" for i in range(0, 50_000, 2)])
    assert unknown == [f"c{i}" for i in range(1, 50_000, 2)]
    _, unknown = spelled_as_coded(parse_query("b OR a OR b OR A"), ["c"])
    assert unknown == ["b", "a", "A"]  # each once, in order


def test_a_text_value_no_document_holds_is_said_with_the_values_there_are() -> None:
    """``country=Mexco`` (a typo) and ``format=txt`` matched nothing and said nothing."""
    from tui_reader.core.analysis.matching import unmatched_values

    held: dict[str, list[str | int]] = {
        "country": ["México", "USA", "México"],
        "format": ["text"],
        "age": [34, 29],
    }

    def values(name: str) -> list[str | int]:
        return held.get(name, [])

    tree = parse_query("a AND (country=Mexco OR Country!=usa OR format=txt OR country=mexico)")
    assert unmatched_values(tree, values) == [
        "country=Mexco: no document here has country 'Mexco' (here: México, USA), so no "
        "document matches it",
        "format=txt: no document here has format 'txt' (here: text), so no document matches it",
    ]
    # a number or a date not held is an answer; an attribute nobody has is said elsewhere
    assert unmatched_values(parse_query("age=35 OR contry=x OR country>b"), values) == []
    # a value a query takes as one is named once, as most documents spell it
    held["country"] += ["mexico", "Mexico", "Mexico", "usa"]
    assert unmatched_values(parse_query("country=Mexco"), values) == [
        "country=Mexco: no document here has country 'Mexco' (here: Mexico, USA), so no "
        "document matches it",
    ]
    many = {"site": [f"s{i}" for i in range(10)]}
    line = unmatched_values(parse_query("site=x"), lambda n: many.get(n, []), 3)
    assert line == [
        "site=x: no document here has site 'x' (here: s0, s1, s2, ...), so no document matches it"
    ]


def test_a_tag_option_quoted_as_a_query_quotes_it_is_the_code_it_names() -> None:
    """``report --tag '"violence (physical)"'`` said 'no code' for the code quoted."""
    known = ["violence (physical)/threat", "a"]
    assert spelled_codes(['"violence (physical)"'], known) == (["violence (physical)"], [])
    assert spelled_codes(['"Violence (physical)"/threat'], known) == (
        ["violence (physical)/threat"],
        [],
    )
    assert spelled_codes(['"a'], known) == (['"a'], ['"a'])  # no closing quote: as typed
    assert spelled_codes(['"q"'], ['"q"']) == (['"q"'], [])  # a code named with its quotes


def test_a_code_named_as_everything_below_typed_unquoted_is_told_to_be_quoted() -> None:
    """A code renamed 'loc/*' typed as it reads is everything under 'loc' (loc/city too),
    without a word: the code alone is quoted."""
    codebook = ["loc/*", "loc/city", "Theme/**", "fear"]
    assert everything_below_naming_codes("loc/* AND NOT fear", codebook) == [
        "loc/* is read as 'loc' and every code below it; the code 'loc/*' alone is quoted: "
        '"loc/*"'
    ]
    assert everything_below_naming_codes("theme/**/ OR (fear", codebook) == [
        "theme/**/ is read as 'theme' and every code below it; the code 'Theme/**' alone is "
        'quoted: "Theme/**"'
    ]
    assert everything_below_naming_codes('"loc/*" OR loc/city/* OR fear/*', codebook) == []
    passage = Annotation(document="a.txt", start=0, end=1, quote="x", tags=("loc/city",))
    assert compile_query("loc/*")(passage) and not compile_query('"loc/*"')(passage)


def test_a_value_with_spaces_typed_unquoted_is_told_to_be_quoted() -> None:
    """--where 'country=United States' was refused as "a filter of documents takes attributes
    ..., not codes or text", and a query took States for a code nobody used."""
    hint = 'country=United States: a value with spaces is quoted: country="United States"'
    assert spaced_values("country=United States") == [(hint, ["States"])]
    with pytest.raises(TuiReaderError, match='quoted: country="United States"'):
        document_test("country=United States")
    assert spaced_values("country=United States OR fear", ["States"]) == [(hint, ["States"])]
    assert spaced_values("country=Mexico fear", ["States"]) == []  # fear: a code
    assert spaced_values('country="United States" age>3') == []
    assert spaced_values("age = 30 x") == []  # the value apart from its operator
    assert spaced_values("a=b c d:e") == [('a=b c: a value with spaces is quoted: a="b c"', ["c"])]


def test_an_operator_written_the_wrong_way_round_is_named_as_meant() -> None:
    # age=>30 said only "age holds numbers and '>30' is not one"
    from tui_reader.core.analysis.matching import type_mismatches

    types = {"age": ValueType.NUMBER}
    for query, meant in (("age=>30", "age>=30"), ("age=<30", "age<=30"), ("age<>3", "age!=3")):
        (line,) = type_mismatches(parse_query(query), types)
        assert line.endswith(f" (did you mean {meant}?)"), line
    assert "did you mean" not in type_mismatches(parse_query("age=x"), types)[0]


def test_text_finds_a_phrase_whatever_spaces_or_tabs_lie_between_its_words() -> None:
    """text:"peace talks" missed "peace  talks" (two spaces, as a PDF or a typist leaves
    them) and "peace<TAB>talks"; a query typed with two spaces found only two."""
    for quote in ("the peace  talks", "the peace\ttalks", "the peace \t talks", "peace\u00a0talks"):
        passage = Annotation(document="a.txt", start=0, end=len(quote), quote=quote, id="1",
                             created="")  # fmt: skip
        for phrase in ("peace talks", "peace  talks", "PEACE\tTALKS"):
            assert compile_query(f'text:"{phrase}"')(passage), (quote, phrase)
    passage = Annotation(document="a.txt", start=0, end=9, quote="peacetalks", id="1", created="")
    assert not compile_query('text:"peace talks"')(passage)


def test_a_value_quoted_with_single_or_curly_quotes_is_told_to_be_quoted_as_meant() -> None:
    """country='United States' (as SQL quotes it) was told to be written
    country="'United States'", a value with the single quotes in it, and country='Mexico'
    only that no document has "'Mexico'"; so were a word processor's curly quotes."""
    for typed in ("'United States'", "\u201cUnited States\u201d", "\u2018United States\u2019"):
        hint = f'country={typed}: a value with spaces is quoted: country="United States"'
        code = typed.split()[1]  # States' (a code no one has)
        assert spaced_values(f"actors AND country={typed}", [code]) == [(hint, [code])]
    held = {"country": ["Mexico", "Guatemala"]}
    said = unmatched_values(parse_query("country='Mexico'"), lambda name: held[name])
    assert said == [
        "country='Mexico': no document here has country \"'Mexico'\" (here: Guatemala, "
        'Mexico), so no document matches it; a value is quoted with ": country="Mexico"'
    ]
    assert unmatched_values(parse_query("country='Peru'"), lambda name: held[name]) == [
        "country='Peru': no document here has country \"'Peru'\" (here: Guatemala, Mexico), "
        "so no document matches it"
    ]


def test_a_code_or_a_documents_pattern_is_said_as_typed_not_in_python_s_quotes() -> None:
    r"""A code not in the codebook was said as Python quotes a string: the code C:\x as
    'C:\\x', a name no one typed, it's in double quotes, and a tab as \t; a doc: pattern too.
    Each is said as typed, between single quotes, a control character as its picture."""
    assert no_code_lines(["C:\\x", "it's", "a\tb"], ["c"]) == [
        "no code 'C:\\x' in the codebook",
        "no code 'it's' in the codebook",
        "no code 'a\u2409b' in the codebook",
    ]
    assert unmatched_documents(parse_query('doc:"C:\\\\*.txt"'), ["a.txt"]) == [
        "doc:C:\\*.txt: no document matches 'C:\\*.txt'"
    ]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("militarization AND coder:maria AND coder:Ben", "maria ben"),
        ("(coder:maria OR coder:ben) AND coder:eva", "maria ben"),
        ("coder:maria coder:ben", "maria ben"),
    ],
)
def test_two_coders_asked_of_one_passage_are_said_to_take_none(typed: str, said: str) -> None:
    """'coder:maria AND coder:ben', asked for the passages both coded, matched nothing and
    said nothing: a passage is one coder's, and two coders' coding is compared otherwise."""
    coders = ["ben", "eva", "maria"]
    assert coders_apart(parse_query(typed), lambda: coders) == [
        "the coder: terms of this query take no passage together: a passage is one coder's "
        f"(two coders' coding compared: tui-reader agreement {said}, or K in the app)"
    ]


@pytest.mark.parametrize(
    "typed",
    [
        "coder:maria OR coder:ben",
        "coder:maria AND NOT coder:ben",
        "coder:m* AND coder:maria",
        "coder:maria AND coder:bob",  # bob coded nothing: said so already
        "militarization AND coder:maria",
    ],
)
def test_coders_asked_who_may_share_a_passage_are_not_said_to_take_none(typed: str) -> None:
    assert coders_apart(parse_query(typed), lambda: ["ben", "maria"]) == []
