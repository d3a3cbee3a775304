"""Reports checked against numbers computed by hand, and their invariants (hypothesis)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest
from helpers import examples
from helpers.counting import lines_run
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.coverage import coverage_by_document, merged_length
from tui_reader.core.analysis.reports import (
    at_depth,
    coder_matrix,
    column_key,
    column_name,
    column_order,
    cooccurrence,
    frequencies,
    matrix,
    meeting_passages,
    passages_meeting,
)
from tui_reader.core.analysis.tables import render_table
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.codebook.names import rolled_up

LENGTHS = {"a.txt": 100, "b.txt": 50}


def coded(doc: str, start: int, end: int, *tags: str) -> Annotation:
    return Annotation(document=doc, start=start, end=end, quote="q" * (end - start), tags=tags)


# Computed by hand in the comments of each test.
CORPUS = [
    coded("a.txt", 0, 10, "x", "y"),  # 1
    coded("a.txt", 5, 20, "x"),  # 2 overlaps 1
    coded("a.txt", 15, 30, "z"),  # 3 overlaps 2
    coded("a.txt", 50, 60, "y"),  # 4
    coded("b.txt", 0, 10, "x", "z"),  # 5
    coded("b.txt", 20, 30, "y"),  # 6
]


def test_frequencies_by_hand() -> None:
    # x: passages 1, 2, 5; a: [0,10) U [5,20) = 20 characters, b: 10 -> 30 of 150 = 0.2
    # y: passages 1, 4, 6; a: 10 + 10, b: 10 -> 30 -> 0.2
    # z: passages 3, 5; a: 15, b: 10 -> 25 -> 1/6
    assert frequencies(CORPUS, LENGTHS) == [
        {"tag": "x", "passages": 3, "documents": 2, "characters": 30, "coverage": 0.2},
        {"tag": "y", "passages": 3, "documents": 2, "characters": 30, "coverage": 0.2},
        {"tag": "z", "passages": 2, "documents": 2, "characters": 25, "coverage": 25 / 150},
    ]
    assert [r["tag"] for r in frequencies(CORPUS, LENGTHS, ["y"])] == ["y"]


def test_matrix_by_hand() -> None:
    assert matrix(CORPUS, ["a.txt", "b.txt", "c.txt"]) == [
        {"tag": "x", "a.txt": 2, "b.txt": 1, "c.txt": 0},
        {"tag": "y", "a.txt": 2, "b.txt": 1, "c.txt": 0},
        {"tag": "z", "a.txt": 1, "b.txt": 1, "c.txt": 0},
    ]
    country = {"a.txt": "Mexico", "b.txt": "Mexico"}
    assert matrix(CORPUS, ["Mexico"], country.__getitem__, ["x"]) == [{"tag": "x", "Mexico": 3}]


def test_cooccurrence_by_hand() -> None:
    # x-y: passage 1 carries both; 1 (x, y) overlaps 2 (x): y meets x -> 2
    # x-z: passage 5 carries both; 2 (x) overlaps 3 (z) -> 2
    # y-z: 1 does not reach 3 (10 <= 15); 4 and 6 overlap nothing -> 0
    assert cooccurrence(CORPUS) == [
        {"tag": "x", "y": 2, "z": 2},
        {"tag": "y", "x": 2, "z": 0},
        {"tag": "z", "x": 2, "y": 0},
    ]


def test_coverage_by_document_by_hand() -> None:
    # a: [0,30) U [50,60) = 40 of 100; b: 20 of 50; c: nothing
    assert coverage_by_document(CORPUS, {**LENGTHS, "c.txt": 10}) == {
        "a.txt": 0.4,
        "b.txt": 0.4,
        "c.txt": 0.0,
    }


def test_tables_render_every_format() -> None:
    rows = frequencies(CORPUS, LENGTHS)
    assert json.loads(render_table(rows, "json")) == rows
    table = render_table(rows, "table").splitlines()
    assert table[0].split() == ["tag", "passages", "documents", "characters", "coverage"]
    assert table[2].split() == ["x", "3", "2", "30", "20.0%"]
    assert render_table(rows, "markdown").splitlines()[1] == "| --- | ---: | ---: | ---: | ---: |"
    assert render_table(rows, "csv").splitlines()[1] == "x,3,2,30,0.2"
    cooc = render_table(cooccurrence(CORPUS), "table").splitlines()
    assert cooc[0].split() == ["tag", "x", "y", "z"]
    assert cooc[2].split() == ["x", "-", "2", "2"]  # a code's own cell is empty
    cooc = render_table(cooccurrence(CORPUS), "markdown").splitlines()
    assert cooc[1] == "| --- | ---: | ---: | ---: |"  # numbers to the right, as frequencies'
    assert cooc[2] == "| x | - | 2 | 2 |"
    assert render_table([], "table") == "(no coded passages)\n"


def test_merged_length() -> None:
    assert merged_length([(0, 10), (5, 20), (30, 31), (30, 31), (2, 3)]) == 21
    assert merged_length([]) == 0


TAGS = st.sampled_from(["a", "a/b", "c", "d"])


@st.composite
def corpora(draw: st.DrawFn) -> list[Annotation]:
    found = []
    for _ in range(draw(st.integers(0, 25))):
        doc = draw(st.sampled_from(list(LENGTHS)))
        start = draw(st.integers(0, LENGTHS[doc] - 1))
        end = draw(st.integers(start + 1, LENGTHS[doc]))
        tags = tuple(draw(st.lists(TAGS, max_size=3, unique=True)))
        found.append(coded(doc, start, end, *tags))
    return found


@settings(max_examples=examples(80))
@given(corpora())
def test_matrix_rows_sum_to_frequencies_and_cooccurrence_is_symmetric(
    corpus: list[Annotation],
) -> None:
    freq = {r["tag"]: r for r in frequencies(corpus, LENGTHS)}
    for row in matrix(corpus, list(LENGTHS)):
        assert sum(v for k, v in row.items() if k != "tag") == freq[row["tag"]]["passages"]
    by_first_letter = matrix(corpus, [], lambda key: key[0])
    for row in by_first_letter:
        assert sum(v for k, v in row.items() if k != "tag") == freq[row["tag"]]["passages"]
    table = {r["tag"]: r for r in cooccurrence(corpus)}
    for tag, row in table.items():
        assert tag not in row or row[tag] == tag  # never paired with itself
        for other, count in row.items():
            if other != "tag":
                assert table[other][tag] == count >= 0
    for row in freq.values():
        assert 0 <= row["characters"] <= sum(LENGTHS.values())
        assert 0.0 <= row["coverage"] <= 1.0
        assert row["documents"] <= row["passages"]


def test_csv_keeps_negative_numbers_numbers_and_guards_text_that_starts_a_formula() -> None:
    rows = [
        {"tag": "-cmd", "kappa": -0.277228, "alpha": -0.5, "units": 3, "note": "=1+1"},
        {"tag": "=HYPERLINK(1)", "kappa": "", "alpha": 1e-05, "units": 0, "note": "@x"},
        {"tag": "+1", "kappa": 1.0, "alpha": "-5", "units": -2, "note": ""},
    ]
    assert render_table(rows, "csv").lstrip("\ufeff").splitlines() == [
        "tag,kappa,alpha,units,note",
        "'-cmd,-0.277228,-0.5,3,'=1+1",
        "'=HYPERLINK(1),,1e-05,0,'@x",
        "'+1,1,'-5,-2,",  # a text that looks like a number is text: a number is told by its type
    ]
    cooc = render_table([{"tag": "a", "b": 1}, {"tag": "b", "a": 1}], "csv")
    assert cooc.lstrip("\ufeff").splitlines() == ["tag,a,b", "a,,1", "b,1,"]  # own cell empty


def test_csv_opens_in_a_spreadsheet_with_its_accents() -> None:
    """A report's CSV had no byte-order mark: Excel read it as Windows-1252 and showed the
    code Sécurité as SÃ©curitÃ©; it starts with one, as the export's CSV does."""
    rows = [{"tag": "Sécurité", "passages": 2}, {"tag": "migración", "passages": 1}]
    data = render_table(rows, "csv").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [
        ["tag", "passages"],
        ["Sécurité", "2"],
        ["migración", "1"],
    ]


def test_matrix_columns_are_in_natural_order_as_the_library_lists_documents() -> None:
    values = ["wave10", "(none)", "wave2", "Wave1", "12", "3", "wave1"]
    assert sorted(values, key=column_order) == [
        "3", "12", "Wave1", "wave1", "wave2", "wave10", "(none)",
    ]  # fmt: skip
    dates = ["2019-05-01", "2020", "2019-5", "2019", "2018-12-31", "2019-10-02", "2019-05"]
    assert sorted(dates, key=column_order) == [
        "2018-12-31",
        "2019",
        "2019-05",
        "2019-5",
        "2019-05-01",
        "2019-10-02",
        "2020",
    ]  # fmt: skip  (years mixed with dates: each date after its year, not after every year)
    # a date and a time after its day (9:30 before 10:00), not after every date
    moments = ["2020-01-01", "2019-06-01 10:00", "2019-06-01T9:30:00Z", "2019-06-01", "2019"]
    assert sorted(moments, key=column_order) == [
        "2019", "2019-06-01", "2019-06-01T9:30:00Z", "2019-06-01 10:00", "2020-01-01",
    ]  # fmt: skip
    keys = ["docs/interview10.txt", "docs/interview2.txt", "docs/interview1.txt"]
    assert sorted(keys, key=column_order) == [
        "docs/interview1.txt", "docs/interview2.txt", "docs/interview10.txt",
    ]  # fmt: skip


def test_a_word_python_reads_as_a_number_is_ordered_as_the_word_it_is() -> None:
    """A matrix by interviewer with one named Nan put her column among the numbers, and the
    columns after it out of order (NaN is neither before nor after any number): 1, Nan, 2,
    3; Infinity and 1_000 were numbers too."""
    values = ["3", "Nan", "Bo", "1", "Infinity", "1_000", "2", "Ana", "-inf", "2.5", "-1e3"]
    assert sorted(values, key=column_order) == [
        "-1e3", "1", "2", "2.5", "3", "1_000", "-inf", "Ana", "Bo", "Infinity", "Nan",
    ]  # fmt: skip


def test_a_matrix_by_attribute_has_one_column_per_value_a_query_takes_as_one() -> None:
    from tui_reader.core.analysis.reports import NO_VALUE, attribute_columns

    values = {"a": "México", "b": "mexico", "c": "Me\u0301xico", "d": "Guatemala", "e": None}
    columns, column_of = attribute_columns(values, values.get)
    assert columns == ["Guatemala", "México", NO_VALUE]
    assert [column_of(k) for k in "abcde"] == ["México"] * 3 + ["Guatemala", NO_VALUE]
    numbers = {"a": 30, "b": 4.0, "c": 30}
    assert attribute_columns(numbers, numbers.get)[0] == ["4", "30"]


def test_each_columns_query_selects_the_documents_of_that_column() -> None:
    """The query shown for the column "(none)" of a matrix by country was
    ``country="(none)"``: run again, it took the documents whose country is the word "(none)",
    not those without a country, which the cell counts."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import NO_VALUE, attribute_columns, column_where

    held: dict[str, Any] = {
        "text": "Mexico", "digits": "10", "negative": -3, "zero": 0, "float": 0.5,
        "big": 10**400, "date": "2019-05-01", "year": "2019", "moment": "2019-05-01 10:00",
        "flag": True, "none": None, "month": "2019-05", "jan": "2019-01",
        "moment2": "2019-05-31 23:00", "last": "2019-05-31", "y2020": "2020",
    }  # fmt: skip
    own = {doc: {"country": v} for doc, v in held.items() if v is not None}
    own["missing"] = {"other": "x"}
    own["word"] = {"country": "(none)"}  # the word: a column of its own, not no value
    own["quoted"] = {"country": '"(none)"'}
    values = {doc: own.get(doc, {}).get("country") for doc in [*held, "missing", "word", "quoted"]}
    columns, column_of = attribute_columns(values, values.get)
    attributes = DocumentAttributes(own)

    def found(query: str) -> set[str]:
        test = compile_query(query, attributes)
        docs = list(values)
        return {d for d in docs if test(Annotation(document=d, start=0, end=1, quote="x"))}

    assert column_where("country", NO_VALUE) == 'country=""'
    assert found(column_where("country", NO_VALUE)) == {"none", "missing"}
    assert len(set(columns)) == len(columns)
    assert column_of("word") != NO_VALUE and column_of("quoted") != column_of("word")
    for column in columns:  # a year's column (2019) took the dates in it too (2019-05-01)
        where = column_where("country", column, columns)
        assert found(where) == {d for d in values if column_of(d) == column}, where
    assert column_where("country", "2020", columns) == 'country="2020"'  # nothing else in it
    assert column_where("country", "2019", columns) == "country=2019-01-01 AND country=2019-12-31"
    assert column_where("document", "a b.txt") == 'doc:"a b.txt"'


def test_a_document_columns_query_names_a_file_with_glob_signs_alone() -> None:
    """The query shown for the column of the document "notes[1].txt" was
    ``doc:"notes[1].txt"``, a glob: run again it took notes1.txt too, which the cell does not
    count."""
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import column_where

    keys = ["notes[1].txt", "notes1.txt", "a*.txt", "ab.txt", "q?.md", "qa.md"]
    for key in keys:
        test = compile_query(f"x OR {column_where('document', key)}")
        taken = [k for k in keys if test(Annotation(document=k, start=0, end=1, quote="x"))]
        assert taken == [key]
    assert column_where("document", "notes[1].txt") == 'doc:"notes[[]1].txt"'


def test_one_number_held_as_text_written_several_ways_is_one_column() -> None:
    """A text attribute holding 10 and 10.0 beside words (wave=10, wave=10.0, wave=pilot)
    was a column of 10 and one of 10.0, each of whose queries took the documents of both:
    as numbers they are equal, as a query compares them.  An identifier (010) keeps its own."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import attribute_columns, column_where

    values = {"a": "10", "b": "10.0", "c": "pilot", "d": "1e1", "e": "010", "f": "9.5"}
    columns, column_of = attribute_columns(values, values.get)
    assert columns == ["9.5", "010", "10", "pilot"]
    assert {column_of(k) for k in "abd"} == {"10"}
    attributes = DocumentAttributes({doc: {"wave": v} for doc, v in values.items()})
    for column in columns:
        test = compile_query(column_where("wave", column, columns), attributes)
        found = {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))}
        assert found == {d for d in values if column_of(d) == column}, column


def test_an_identifier_beside_the_number_it_writes_is_its_own_columns_query() -> None:
    """An attribute holding the text 010 (an interview's number) beside the number 10 (as an
    import may give them) is a column of 010 and one of 10; the query of the column 010 took
    the documents holding 10 too, which ``code=010`` read as the number."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import attribute_columns, column_where

    values: dict[str, str | int] = {"a": "010", "b": 10, "c": "pilot", "d": 10.0, "e": "10"}
    columns, column_of = attribute_columns(values, values.get)
    assert columns == ["010", "10", "pilot"]
    attributes = DocumentAttributes({doc: {"code": v} for doc, v in values.items()})
    for column in columns:
        test = compile_query(column_where("code", column, columns), attributes)
        found = {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))}
        assert found == {d for d in values if column_of(d) == column}, column
    test = compile_query("code!=010", attributes)
    assert {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))} == set(
        "bcde"
    )


def test_one_month_written_two_ways_is_one_column() -> None:
    """A column of months (2019-05 beside 2019-5, as typed) was two columns, each of whose
    queries took the documents of both."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import attribute_columns, column_where

    values = {"a": "2019-05", "b": "2019-5", "c": "2019-05-03", "d": "2019", "e": "2019-6"}
    columns, column_of = attribute_columns(values, values.get)
    assert columns == ["2019", "2019-05", "2019-05-03", "2019-6"]
    attributes = DocumentAttributes({doc: {"per": v} for doc, v in values.items()})
    for column in columns:
        test = compile_query(column_where("per", column, columns), attributes)
        found = {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))}
        assert found == {d for d in values if column_of(d) == column}, column


@settings(max_examples=examples(100))
@given(
    st.lists(
        st.sampled_from([
            "2019", "2019-05", "2019-5", "2019-05-01", "2019-05-31", "2019-06-01", "2020",
            "2019-05-01 10:00", "2019-05-01T10:00Z", "2019-05-01T12:00+02:00", "2019-01",
            "2019-05-31 23:00", "2019-04-30T23:00-02:00", "2019-12-31", "2019-01-01",
            "10", "10.0", "1e1", "010", "-0", "0", "pilot", "Pilot", "(none)", "", "2019-13",
        ]) | st.sampled_from([7, 10, 0.0, 3.5, 2019, 2019.0]) | st.none(),  # numbers, as an import
        # may give (a year among dates, from a project or old data, too)
        min_size=1,
        max_size=7,
    )
)  # fmt: skip
def test_each_columns_query_takes_exactly_its_documents(
    held: list[str | int | float | None],
) -> None:
    """Whatever a column of an attribute mixes (dates, years, months, times, numbers and
    words, each written several ways), the query a matrix's cell shows for its column takes
    the documents the column counts, no more, no fewer."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.reports import attribute_columns, column_where

    values = {f"d{i}": value for i, value in enumerate(held)}
    columns, column_of = attribute_columns(values, values.get)
    attributes = DocumentAttributes({d: {"x": v} for d, v in values.items() if v is not None})
    for column in columns:
        test = compile_query(column_where("x", column, columns), attributes)
        found = {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))}
        assert found == {d for d in values if column_of(d) == column}, column


def test_a_matrix_by_attribute_works_out_each_values_column_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A matrix by country of 200,000 documents worked out the column of each document's
    value anew (its spelling, its time, period, number or text key), and made a counter for
    each: 2 s for three countries, 0.5 s now."""
    from tui_reader.core.analysis import values as values_module
    from tui_reader.core.analysis.reports import NO_VALUE, attribute_columns
    from tui_reader.core.analysis.values import Value

    worked_out = 0
    shown = values_module.show_value

    def counted(value: Value) -> str:
        nonlocal worked_out
        worked_out += 1
        return shown(value)

    monkeypatch.setattr(values_module, "show_value", counted)
    held = ["Mexico", "mexico", "Chile", 10, 10.0, True, "2019-05-01 10:00", None]
    values = {f"d{i}": held[i % len(held)] for i in range(10_000)}
    columns, column_of = attribute_columns(values, values.get)
    assert columns == ["10", "2019-05-01 10:00", "Chile", "Mexico", "True", NO_VALUE]
    assert [column_of(f"d{i}") for i in range(len(held))] == [
        "Mexico", "Mexico", "Chile", "10", "10", "True", "2019-05-01 10:00", NO_VALUE,
    ]  # fmt: skip
    assert worked_out < 20


def test_one_time_written_several_ways_is_one_column_in_the_order_queries_find() -> None:
    """A column of times written two ways (a survey's 2019-05-01T10:00 beside a spreadsheet's
    2019-05-01 10:00) was two columns, each of whose queries took the documents of both; and a
    time with a zone was ordered by its clock, 11:00+02:00 (09:00 in UTC) after 10:00."""
    from tui_reader.core.analysis.attributes import DocumentAttributes
    from tui_reader.core.analysis.matching import compile_query
    from tui_reader.core.analysis.query import quoted
    from tui_reader.core.analysis.reports import attribute_columns, column_order, column_where

    values = {
        "a": "2019-05-01T10:00", "b": "2019-05-01 10:00", "c": "2019-05-01 10:00:00",
        "d": "2019-05-01T12:00+02:00", "e": "2019-05-01T11:00+02:00", "f": "2019-05-01",
        "g": "2019-05-01T10:00Z", "h": "2019-05-01 9:30",
        # on May 1 in UTC: its column, not May 2's
        "i": "2019-05-02T01:00+02:00", "j": "2019-05-01 23:00", "k": "2019-05-02",
    }  # fmt: skip
    columns, column_of = attribute_columns(values, values.get)
    assert columns == [
        "2019-05-01", "2019-05-01T11:00+02:00", "2019-05-01 9:30", "2019-05-01 10:00",
        "2019-05-01 23:00", "2019-05-02",
    ]  # fmt: skip
    assert {column_of(k) for k in "abcdg"} == {"2019-05-01 10:00"}
    attributes = DocumentAttributes({doc: {"when": v} for doc, v in values.items()})
    for column in columns:
        test = compile_query(column_where("when", column, columns), attributes)
        found = {d for d in values if test(Annotation(document=d, start=0, end=1, quote="x"))}
        assert found == {d for d in values if column_of(d) == column}, column
    # the columns' order is the order of when< (a time's zone set as a query sets it)
    for earlier, later in pairwise(columns[1:]):
        before = compile_query(f"when<{quoted(later)}", attributes)
        document = next(d for d in values if values[d] == earlier)
        assert before(Annotation(document=document, start=0, end=1, quote="x")), (earlier, later)
    assert sorted(["2019-05-01 10:00", "2019-05-01T09:30+00:00"], key=column_order)[0] == (
        "2019-05-01T09:30+00:00"
    )


@settings(max_examples=examples(100))
@given(
    st.dictionaries(
        st.text("abc", min_size=1, max_size=3),
        st.none()
        | st.integers(0, 3)
        | st.sampled_from(["Ab", "ab", "áb", "a\u0301b", "x", "(none)", "(NONE)", '"(none)"'])
        | st.sampled_from(["2", "2.0", "+2", "2e0", "3.5", "3.50", "-0", "x2"])  # numbers as text
        | st.sampled_from(["2020-05", "2020-5", "2020-06"])  # months, written two ways
        | st.sampled_from(
            [
                "2019-05-01T10:00",
                "2019-05-01 10:00:00",
                "2019-05-01T12:00+02:00",
                "2019-05-01T10:00Z",
                "2019-05-01 09:00",
                "2019-05-01T10:00-01:00",
            ]
        ),
        max_size=8,
    )
)
def test_documents_share_a_column_when_their_values_compare_equal(
    values: dict[str, int | str | None],
) -> None:
    from tui_reader.core.analysis.reports import NO_VALUE, attribute_columns
    from tui_reader.core.analysis.values import compare, parse_value, show_value

    columns, column_of = attribute_columns(values, values.get)
    assert len(columns) == len(set(columns)) and {column_of(k) for k in values} == set(columns)
    for a, x in values.items():
        for b, y in values.items():
            if x is None or y is None:
                same = x is None and y is None
            else:
                same = compare(x, "=", parse_value(show_value(y)), show_value(y))
            assert (column_of(a) == column_of(b)) == same, (x, y)
        assert (column_of(a) == NO_VALUE) == (x is None)


def _meetings_by_definition(corpus: list[Annotation], first: str, second: str) -> int:
    """A co-occurrence cell as the module docstring defines it: passages carrying both codes,
    and pairs of one coder's passages sharing a character, one carrying each."""
    both = sum(first in a.tags and second in a.tags for a in corpus)
    pairs = sum(
        (a.document, a.coder) == (b.document, b.coder)
        and max(a.start, b.start) < min(a.end, b.end)
        and ((first in a.tags and second in b.tags) or (second in a.tags and first in b.tags))
        for i, a in enumerate(corpus)
        for b in corpus[i + 1 :]
    )
    return both + pairs


@st.composite
def corpora_with_points(draw: st.DrawFn) -> list[Annotation]:
    """Passages of a few places, many of them overlapping."""
    found = []
    for _ in range(draw(st.integers(0, 12))):
        doc = draw(st.sampled_from(list(LENGTHS)))
        start = draw(st.integers(0, 6))
        end = draw(st.integers(start + 1, 8))
        tags = tuple(draw(st.lists(TAGS, max_size=3, unique=True)))
        coder = draw(st.sampled_from(["ana", "ben"]))
        found.append(replace(coded(doc, start, end, *tags), coder=coder))
    return found


@settings(max_examples=examples(150))
@given(corpora_with_points())
def test_cooccurrence_counts_what_its_definition_counts_in_any_order(
    corpus: list[Annotation],
) -> None:
    """Counted by the pairs that meet, in whatever order the passages come."""
    for order in (corpus, corpus[::-1]):
        for row in cooccurrence(order):
            for other, count in row.items():
                if other != "tag":
                    assert count == _meetings_by_definition(corpus, row["tag"], other)
                    met = meeting_passages(order, row["tag"], other)
                    assert bool(met) == (count > 0), (row["tag"], other)


def test_cooccurrence_meets_one_coders_codes_with_that_coders_only() -> None:
    """Ana's x beside Ben's y on one passage counted as x and y meeting; and two coders who
    coded a passage x and y alike counted 3 (a passage each, and the pair of them)."""
    ana = replace(coded("a.txt", 0, 10, "x"), coder="ana")
    ben = replace(coded("a.txt", 0, 10, "y"), coder="ben")
    assert cooccurrence([ana, ben]) == [{"tag": "x", "y": 0}, {"tag": "y", "x": 0}]
    assert meeting_passages([ana, ben], "x", "y") == []
    alike = [replace(coded("a.txt", 0, 10, "x", "y"), coder=c) for c in ("ana", "ben")]
    assert cooccurrence(alike) == [{"tag": "x", "y": 2}, {"tag": "y", "x": 2}]
    mine = [replace(ana, coder="ben"), ben]  # one coder's two passages still meet
    assert cooccurrence(mine) == [{"tag": "x", "y": 1}, {"tag": "y", "x": 1}]
    assert {a.id for a in meeting_passages(mine, "x", "y")} == {a.id for a in mine}


def _meets_by_definition(corpus: list[Annotation], code: str) -> list[Annotation]:
    """Those of ``corpus`` carrying ``code`` (or a code below it), or sharing a character with
    a passage of their coder in their document that carries it."""

    def carries(a: Annotation) -> bool:
        return any(t == code or t.startswith(code + "/") for t in a.tags)

    return [
        a
        for a in corpus
        if carries(a)
        or any(
            carries(b)
            and (a.document, a.coder) == (b.document, b.coder)
            and max(a.start, b.start) < min(a.end, b.end)
            for b in corpus
        )
    ]


@settings(max_examples=examples(150))
@given(corpora_with_points(), TAGS)
def test_the_passages_meeting_a_code_are_those_its_definition_takes(
    corpus: list[Annotation], code: str
) -> None:
    """'militarization NEAR actors/us' has no answer in the query language, and no command
    listed the passages a co-occurrence counts: passages_meeting gives those of a query that
    meet a code, each once, in the order given; a code's own passages meet it, one of another
    coder never does."""
    for order in (corpus, corpus[::-1]):
        assert passages_meeting(order, code, order) == _meets_by_definition(order, code)
    x, y = "c", "d"  # the passages a co-occurrence cell lists (codes with none below)
    sides = passages_meeting([a for a in corpus if x in a.tags], y, corpus) + passages_meeting(
        [a for a in corpus if y in a.tags], x, corpus
    )
    assert {a.id for a in sides} == {a.id for a in meeting_passages(corpus, x, y)}


def test_a_passage_meets_a_code_of_its_coder_that_overlaps_it_not_one_it_only_touches() -> None:
    ana = replace(coded("a.txt", 0, 10, "x"), coder="ana")
    touching = replace(coded("a.txt", 10, 20, "y"), coder="ana")
    overlapping = replace(coded("a.txt", 9, 20, "y/z"), coder="ana")
    bens = replace(coded("a.txt", 0, 10, "y"), coder="ben")
    assert passages_meeting([ana], "y", [ana, touching, bens]) == []
    assert passages_meeting([ana], "y", [ana, overlapping]) == [ana]


def test_cooccurrence_of_at_most_n_codes_keeps_those_meeting_most() -> None:
    # x meets y twice and z twice (4), y: x 2 (2), z: x 2 (2), w alone (0)
    corpus = [*CORPUS, coded("b.txt", 40, 45, "w")]
    assert cooccurrence(corpus, at_most=2) == [{"tag": "x", "y": 2}, {"tag": "y", "x": 2}]
    assert cooccurrence(corpus, at_most=10) == cooccurrence(corpus)
    assert [r["tag"] for r in cooccurrence(corpus)] == ["w", "x", "y", "z"]


@given(st.text(alphabet="tag (column)x", max_size=30))
def test_a_columns_key_is_never_the_rows_code_and_gives_its_name_back(name: str) -> None:
    assert column_key(name) != "tag"
    assert column_name(column_key(name)) == name


@st.composite
def stacked_corpora(draw: st.DrawFn) -> list[Annotation]:
    """Many passages of one coder over a few places: more of them open at once than codes."""
    found = []
    for _ in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, 4))
        end = draw(st.integers(start, 6))  # some empty: they meet nothing
        tags = tuple(draw(st.lists(TAGS, min_size=1, max_size=3, unique=True)))
        found.append(coded("a.txt", start, end, *tags))
    return found


@settings(max_examples=examples(150))
@given(stacked_corpora())
def test_cooccurrence_of_passages_stacked_counts_what_its_definition_counts(
    corpus: list[Annotation],
) -> None:
    for row in cooccurrence(corpus):
        for other, count in row.items():
            if other != "tag":
                assert count == _meetings_by_definition(corpus, row["tag"], other)


def test_cooccurrence_of_5000_passages_on_one_place_is_counted_by_code() -> None:
    """12.5 million pairs of passages: counted by code, not pair by pair (once a minute)."""
    corpus = [coded("a.txt", 0, 100, f"c{i % 5}", f"d{i % 3}") for i in range(5000)]
    # Pair by pair, 12.5 million pairs: tens of millions of lines of Python. By code: 0.7.
    counted, _ = lines_run(lambda: cooccurrence(corpus), at_most=3_000_000)
    rows = {row["tag"]: row for row in counted}
    # c0 is on 1,000 passages, d0 on 1,667, both on 334 (i % 15 == 0): each of those 334
    # is a place, and so is each pair of two passages, one carrying each: the 1,000 * 1,667
    # pairs less the 334 of a passage with itself, less the 334 * 333 / 2 counted twice
    assert rows["c0"]["d0"] == 334 + 1000 * 1667 - 334 - 334 * 333 // 2
    assert rows["c0"]["c1"] == 1000 * 1000
    assert rows["d0"]["d1"] == 1667 * 1667


@settings(max_examples=examples(150))
@given(corpora_with_points() | stacked_corpora())
def test_cooccurrence_counted_as_arrays_counts_what_its_definition_counts(
    corpus: list[Annotation],
) -> None:
    """Every coder's passages of a document counted as arrays (as many passages are)."""
    import tui_reader.core.analysis.reports as reports

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reports, "ARRAYS_FROM", 1)
        patch.setattr(reports, "ARRAYS_FOR", 1)
        for order in (corpus, corpus[::-1]):
            for row in cooccurrence(order):
                for other, count in row.items():
                    if other != "tag":
                        assert count == _meetings_by_definition(corpus, row["tag"], other)


@settings(max_examples=examples(150))
@given(
    corpora_with_points() | stacked_corpora(), st.sampled_from([(0, 1), (0, 1 << 20), (1000, 1)])
)
def test_cooccurrence_met_pair_by_pair_or_swept_counts_what_its_definition_counts(
    corpus: list[Annotation], limits: tuple[int, int]
) -> None:
    """A coder's passages of a document all swept (none met pair by pair), or all met pair
    by pair; the pairs met counted at once or a few at a time: the counts of the definition."""
    import tui_reader.core.analysis.reports as reports

    pairwise_up_to, counted_at = limits
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reports, "PAIRWISE_UP_TO", pairwise_up_to)
        patch.setattr(reports, "COUNTED_AT", counted_at)
        for order in (corpus, corpus[::-1]):
            for row in cooccurrence(order):
                for other, count in row.items():
                    if other != "tag":
                        assert count == _meetings_by_definition(corpus, row["tag"], other)


def test_cooccurrence_of_200_codes_every_pair_meeting_is_counted_by_passage() -> None:
    """100 passages carrying all 200 codes, each overlapping the next: 19,900 pairs of codes
    meeting on 100 passages and 99 pairs of them; counted a code and a pair at a time (23 s
    for 500 codes; for 200, more than 8 million lines of Python where arrays take 0.6
    million), each passage's pairs kept while it was open."""
    codes = [f"code {n:03}" for n in range(200)]
    corpus = [coded("a.txt", 10 * i, 10 * i + 15, *codes) for i in range(100)]
    rows, _ = lines_run(lambda: cooccurrence(corpus), at_most=2_000_000)  # 0.6 M
    both = _meetings_by_definition(corpus[:3], "code 000", "code 001")
    assert both == 3 + 2  # three passages carrying both, two pairs of them overlapping
    assert len(rows) == 200
    for row in rows:
        assert len(row) == 200 and all(row[c] == 100 + 99 for c in codes if c != row["tag"])
    # 5,000 passages stacked on one place, 5 codes each of 200: a code at a time, 13 s for
    # 500 codes (more than 8 million lines for 200, where arrays take 0.4 million)
    meeting = [coded("b.txt", i % 7, 100, *codes[i % 40 :: 40]) for i in range(5000)]
    rows, _ = lines_run(lambda: cooccurrence(meeting), at_most=2_000_000)  # 0.4 M
    cell = {row["tag"]: row for row in rows}
    # every two passages meet: code 000 is on 125, code 001 on 125, none carries both
    assert cell["code 000"]["code 001"] == 125 * 125
    # code 000 and code 040 are on the same 125: each a place, and each pair of them
    assert cell["code 000"]["code 040"] == 125 + 125 * 124 // 2


def _meeting_by_definition(corpus: list[Annotation], first: str, second: str) -> set[str]:
    """The passages a co-occurrence cell counts: carrying both codes, or one of a pair of one
    coder's passages sharing a character, one carrying each."""
    met = {a.id for a in corpus if first in a.tags and second in a.tags}
    for a in corpus:
        for b in corpus:
            if (
                a is not b
                and (a.document, a.coder) == (b.document, b.coder)
                and max(a.start, b.start) < min(a.end, b.end)
                and (
                    (first in a.tags and second in b.tags) or (second in a.tags and first in b.tags)
                )
            ):
                met |= {a.id, b.id}
    return met


@settings(max_examples=examples(150))
@given(stacked_corpora())
def test_the_passages_of_a_cooccurrence_cell_are_those_its_definition_takes(
    corpus: list[Annotation],
) -> None:
    for first, second in (("a", "c"), ("c", "d"), ("a/b", "d"), ("a", "a/b")):
        met = meeting_passages(corpus, first, second)
        assert {a.id for a in met} == _meeting_by_definition(corpus, first, second)


def test_the_passages_of_a_cell_of_20000_passages_on_one_place_come_at_once() -> None:
    """A cell of the reports view opened on passages stacked on one place looked at every
    pair of them (200 million for 20,000)."""
    corpus = [coded("a.txt", 0, 100, f"c{i % 5}") for i in range(20_000)]
    corpus.append(coded("a.txt", 200, 300, "c0"))  # meets nothing
    # 200 million pairs looked at one by one; by code, 0.25 million lines of Python
    met, _ = lines_run(lambda: meeting_passages(corpus, "c0", "c1"), at_most=1_000_000)
    assert len(met) == 8000 and corpus[-1] not in met


def test_a_table_aligns_codes_and_columns_named_in_chinese_or_with_an_emoji() -> None:
    """A code named 军队 (two cells a character) or 'Emoji 🚀' pushed its row's numbers out of
    their column: the table padded by characters, not by the cells a terminal gives them."""
    corpus = [
        coded("a.txt", 0, 10, "军队", "Emoji 🚀"),
        coded("b.txt", 0, 10, "security", "军队"),
        coded("b.txt", 20, 30, unicodedata.normalize("NFD", "sécurité")),
    ]
    table = render_table(cooccurrence(corpus, ["军队", "Emoji 🚀", "security"]), "table")
    assert table.splitlines() == [
        "tag       Emoji 🚀  security  军队",
        "--------  --------  --------  ----",
        "Emoji 🚀         -         0     1",
        "security         0         -     1",
        "军队             1         1     -",
    ]
    table = render_table(matrix(corpus, ["a.txt", "b.txt"]), "table")
    assert table.splitlines()[2:] == [
        "Emoji 🚀      1      0",
        unicodedata.normalize("NFD", "sécurité") + "      0      1",  # an accent takes no cell
        "security      0      1",
        "军队          1      1",
    ]


def test_a_value_of_two_lines_keeps_the_table_one_row_a_line() -> None:
    """A matrix by an attribute holding a value of two lines (a spreadsheet's cell) printed
    its column's name over two lines, and a tab pushed the columns after it apart."""
    from tui_reader.core.analysis.reports import NO_VALUE, attribute_columns

    values = {"a.txt": "north\nwest", "b.txt": "south\tcoast"}
    columns, column_of = attribute_columns(values, values.get)
    passages = [coded("a.txt", 0, 5, "x"), coded("b.txt", 0, 5, "x\ty")]
    table = render_table(matrix(passages, columns, column_of), "table").splitlines()
    assert table == [
        # a tab as ␉ (as a space, "south coast" another value), a line feed as ␊: as list
        # shows them in a name, a table's column often being one
        "tag  north␊west  south␉coast",
        "---  ----------  -----------",
        "x             1            0",
        "x␉y           0            1",
    ]
    assert NO_VALUE not in table[0]
    frequencies_table = render_table(frequencies(passages, {"a.txt": 9, "b.txt": 9}), "table")
    assert frequencies_table.splitlines()[3].startswith("x␉y ")
    assert len(frequencies_table.splitlines()) == 4
    assert "north\nwest" in render_table(matrix(passages, columns, column_of), "json").replace(
        "\\n", "\n"
    )  # JSON keeps the value as it is


def test_the_coverage_of_a_code_on_a_few_characters_of_a_big_corpus_is_not_zero() -> None:
    """Coverage was rounded to six decimals: a code on 4 characters of a corpus of 10
    million was covering 0.0 in the JSON and CSV a script reads, as a code coded nowhere."""
    rows = frequencies([coded("a.txt", 0, 4, "rare")], {"a.txt": 10_000_000})
    assert rows[0]["coverage"] == 4e-07
    assert render_table(rows, "csv").splitlines()[1] == "rare,1,1,4,4e-07"
    assert render_table(frequencies(CORPUS, LENGTHS), "csv").splitlines()[3].endswith(",0.166667")


def test_a_report_gives_its_fractions_as_agreement_gives_its_own() -> None:
    """A report's JSON rounded coverage to six significant digits (0.166667), where
    agreement's JSON gives its figures whole (0.16666666666666666): one rule now, each
    figure whole in JSON, six significant digits in a CSV, a percent in a table."""
    rows = frequencies(CORPUS, LENGTHS)
    assert json.loads(render_table(rows, "json"))[2]["coverage"] == 1 / 6
    assert next(csv.DictReader(io.StringIO(render_table(rows[2:], "csv").lstrip("\ufeff")))) == {
        "tag": "z", "passages": "2", "documents": "2", "characters": "25", "coverage": "0.166667"
    }  # fmt: skip
    assert render_table(rows[2:], "table").splitlines()[2].endswith("16.7%")


def test_a_matrix_column_of_a_negative_number_is_named_as_it_is_in_csv() -> None:
    """By an attribute holding negative numbers (a score of -5), the CSV's header named the
    column "'-5", made inert as a formula would be, where the rows' numbers and the JSON's
    keys say -5: a script reading the header found no column -5."""
    from tui_reader.core.analysis.reports import attribute_columns

    values = {"a.txt": -5, "b.txt": 2.5, "c.txt": "=cmd"}
    columns, column_of = attribute_columns(values, values.get)
    passages = [coded(k, 0, 1, "x") for k in values]
    rows = matrix(passages, columns, column_of)
    header = render_table(rows, "csv").lstrip("\ufeff").splitlines()[0]
    assert header == "tag,-5,2.5,'=cmd"  # a formula still made inert
    assert list(rows[0]) == ["tag", "-5", "2.5", "=cmd"]


def test_coverage_by_document_of_two_coders_by_hand() -> None:
    """The share of each document inside a coded passage, counted by hand: overlapping
    passages of one code and of two coders counted once, a passage without a code not at
    all, a document with no passage 0."""
    from tui_reader.core.analysis.coverage import coverage_by_document

    held = [
        ("a.txt", 0, 5, ("x",), "ana"),
        ("a.txt", 3, 8, ("x",), "ana"),
        ("a.txt", 6, 10, ("y",), "ana"),
        ("a.txt", 0, 4, ("y",), "ben"),  # [0, 10) of a.txt: 10 of 20
        ("b.txt", 2, 6, ("x", "y"), "ben"),
        ("b.txt", 4, 9, ("z",), "ben"),  # [2, 9) of b.txt: 7 of 10
        ("b.txt", 0, 1, (), "ben"),  # no code: no coverage
    ]
    passages = [replace(coded(d, s, e, *tags), coder=c) for d, s, e, tags, c in held]
    lengths = {"a.txt": 20, "b.txt": 10, "c.txt": 10}
    assert coverage_by_document(passages, lengths) == {"a.txt": 0.5, "b.txt": 0.7, "c.txt": 0.0}


def test_a_markdown_reports_cells_read_as_the_codes_documents_and_values_they_name() -> None:
    """A code named <unclear> was written raw into the Markdown table, where it is an HTML
    tag, shown as nothing; *key* was emphasis, [x](y) a link, `a` code: each cell now reads,
    rendered, as the text it names, as a passage does in the export."""
    from tui_reader.core.interchange.markdown_text import MARKDOWN

    names = ["<unclear>", "*key*", "[x](y)", "`a` `b`", "a|b", "#todo", "back\\slash", "C#"]
    rows = [{"tag": name, "passages": 1, "coverage": 0.5, "<unclear>": 2} for name in names]
    rendered = render_table(rows, "markdown")
    tokens = MARKDOWN.parse(rendered)
    cells = []
    for token in tokens:
        if token.type == "inline":
            kinds = {child.type for child in token.children or []}
            assert kinds <= {"text", "text_special"}, (token.content, kinds)
            cells.append("".join(child.content for child in token.children or []))
    assert cells[:4] == ["tag", "passages", "coverage", "<unclear>"]
    assert cells[4::4] == names
    assert cells[5:8] == ["1", "50.0%", "2"]  # the counts as they were
    cooc = render_table(cooccurrence(CORPUS), "markdown").splitlines()
    assert cooc[2] == "| x | - | 2 | 2 |"
    statistics = [{"code": "<unclear>", "kappa": -0.25, "alpha": "-0.002"}]
    assert (
        render_table(statistics, "markdown").splitlines()[2] == "| \\<unclear> | -0.25 | -0.002 |"
    )


def test_a_column_of_figures_written_as_text_is_aligned_as_numbers() -> None:
    """Agreement writes its figures as the table shows them (91.5%, -0.035, n/a): they were
    aligned to the left as text, the points of a column one under the other no more
    (0.000 above -0.035's minus), and Markdown's columns of them were not right-aligned."""
    rows = [
        {"code": "a", "agreement": "92.5%", "kappa": "0.000", "alpha": "-0.035", "note": ""},
        {"code": "b", "agreement": ">99.9%", "kappa": "n/a", "alpha": "0.428", "note": ""},
    ]
    assert render_table(rows, "table").splitlines() == [
        "code  agreement  kappa   alpha  note",
        "----  ---------  -----  ------  ----",
        "a         92.5%  0.000  -0.035",
        "b        >99.9%    n/a   0.428",
    ]
    assert render_table(rows, "markdown").splitlines()[1] == "| --- | ---: | ---: | ---: | --- |"


# militarization/bases and militarization/training on one passage: one passage of the parent
NESTED = [
    coded("a.txt", 0, 10, "mil/bases", "mil/training"),  # 1
    coded("a.txt", 20, 30, "mil/training"),  # 2
    coded("a.txt", 25, 40, "mil"),  # 3 overlaps 2
    coded("b.txt", 0, 5, "mil/bases/new", "police"),  # 4
    coded("b.txt", 10, 20, "police"),  # 5
]


def test_a_parent_at_depth_one_counts_each_passage_under_it_once() -> None:
    # mil: passages 1, 2, 3, 4 (1 carries two of its codes: once); a: 10 + [20, 40) = 30,
    # b: 5 -> 35 characters of 150
    assert frequencies(at_depth(NESTED, 1), LENGTHS) == [
        {"tag": "mil", "passages": 4, "documents": 2, "characters": 35, "coverage": 35 / 150},
        {"tag": "police", "passages": 2, "documents": 1, "characters": 15, "coverage": 0.1},
    ]
    assert matrix(at_depth(NESTED, 1), list(LENGTHS)) == [
        {"tag": "mil", "a.txt": 3, "b.txt": 1},
        {"tag": "police", "a.txt": 0, "b.txt": 2},
    ]
    # two of its codes on one passage, or overlapping, are no meeting of mil with itself
    assert cooccurrence(at_depth(NESTED, 1)) == [
        {"tag": "mil", "police": 1},
        {"tag": "police", "mil": 1},
    ]
    # two levels: mil/bases takes mil/bases/new; mil itself keeps its own row
    assert [(r["tag"], r["passages"]) for r in frequencies(at_depth(NESTED, 2), LENGTHS)] == [
        ("mil", 1),
        ("mil/bases", 2),
        ("mil/training", 2),
        ("police", 2),
    ]
    # never cut above a code asked for: mil/bases stays as it is under --tag mil/bases
    rows = frequencies(at_depth(NESTED, 1, ["mil/bases"]), LENGTHS, ["mil/bases"])
    assert [(r["tag"], r["passages"]) for r in rows] == [("mil/bases", 2)]


def test_a_cells_passages_at_a_depth_are_those_its_count_counts() -> None:
    met = meeting_passages(NESTED, "mil", "police", depth=1)
    assert [(a.document, a.start) for a in met] == [("b.txt", 0)]
    assert meeting_passages(NESTED, "mil", "police") == []  # each code apart: mil meets none


NESTED_TAGS = st.sampled_from(["a", "a/b", "a/c", "a/b/d", "c", "c/e"])


@settings(max_examples=examples(80))
@given(st.lists(st.tuples(st.sampled_from(list(LENGTHS)), st.integers(0, 49), st.integers(1, 50),
                          st.lists(NESTED_TAGS, min_size=1, max_size=3, unique=True)),
                max_size=25))  # fmt: skip
def test_a_parents_count_is_never_below_a_childs_nor_above_their_sum(
    drawn: list[tuple[str, int, int, list[str]]],
) -> None:
    corpus = [coded(doc, start, start + length, *tags) for doc, start, length, tags in drawn]
    apart = {r["tag"]: r for r in frequencies(corpus, LENGTHS)}
    for depth in (1, 2):
        whole = {r["tag"]: r for r in frequencies(at_depth(corpus, depth), LENGTHS)}
        cells = {r["tag"]: r for r in matrix(at_depth(corpus, depth), list(LENGTHS))}
        for parent, row in whole.items():
            # the codes the row takes: the parent's own and those below it not rows of theirs
            under = [r for t, r in apart.items() if rolled_up(t, depth) == parent]
            assert under  # a row only of codes used
            for field in ("passages", "documents", "characters"):
                assert max(r[field] for r in under) <= row[field] <= sum(r[field] for r in under)
            # the passages counted once each: those carrying one of those codes
            assert row["passages"] == sum(
                any(rolled_up(t, depth) == parent for t in a.tags) for a in corpus
            )
            assert sum(v for k, v in cells[parent].items() if k != "tag") == row["passages"]
        assert all(tag.count("/") < depth for tag in whole)
        assert set(whole) == {rolled_up(t, depth) for t in apart}


def test_the_matrix_by_coder_counts_each_coders_passages_of_each_code() -> None:
    """'report matrix --by coder', a code by coder table as QualCoder's and NVivo's coder
    reports give it, was refused: no document has the attribute coder."""
    corpus = [
        replace(coded("a.txt", 0, 10, "x", "y"), coder="ana"),
        replace(coded("a.txt", 0, 10, "x"), coder="ben"),
        replace(coded("b.txt", 0, 10, "x"), coder="ana"),
        replace(coded("b.txt", 5, 9, "z"), coder="Bea"),
    ]
    assert coder_matrix(corpus) == [
        {"tag": "x", "ana": 2, "Bea": 0, "ben": 1},
        {"tag": "y", "ana": 1, "Bea": 0, "ben": 0},
        {"tag": "z", "ana": 0, "Bea": 1, "ben": 0},
    ]
    assert coder_matrix(corpus, ["z"]) == [{"tag": "z", "ana": 0, "Bea": 1, "ben": 0}]
    assert coder_matrix([replace(coded("a.txt", 0, 1, "tag"), coder="tag")]) == [
        {"tag": "tag", "tag (column)": 1}
    ]
