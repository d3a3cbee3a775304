"""Attributes: KEY=VALUE assignments, CSV import (problems reported, never guessed), and the
look-up queries use (the user's own first, then the format's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.analysis.attributes import (
    DocumentAttributes,
    attribute_types,
    format_attributes,
    parse_assignments,
    parse_edit,
    query_types,
    read_attribute_csv,
    year_columns,
    years_as_periods,
)
from tui_reader.core.analysis.values import Value, ValueType
from tui_reader.core.documents.document import parse_document
from tui_reader.core.errors import AttributeValueError


def test_assignments_follow_the_type_an_attribute_has() -> None:
    assert parse_assignments(["country=Mexico", "age=34", "date=2018-01-01"]) == {
        "country": "Mexico",
        "age": 34,
        "date": "2018-01-01",
    }
    types = {"age": ValueType.NUMBER, "code": ValueType.TEXT}
    assert parse_assignments(["code=007"], types) == {"code": "007"}
    with pytest.raises(AttributeValueError, match="age holds numbers"):
        parse_assignments(["age=thirty"], types)
    with pytest.raises(AttributeValueError, match="KEY=VALUE"):
        parse_assignments(["age"])


@pytest.mark.parametrize(
    ("assignment", "said"),
    [
        ("age=1e999", "age: '1e999': too big for a number"),
        ("age=\u22121e999", "age: '-1e999': too big for a number"),
        ("age=0.1e-400", "age: '0.1e-400': too small for a number (not 0)"),
        ("date=2019-02-30", "date: '2019-02-30' is not a date (day is out of range for month)"),
        ("date=2019-13-01", "date: '2019-13-01' is not a date (month must be in 1..12)"),
    ],
)
def test_a_value_of_its_attributes_type_that_cannot_be_says_what_is_wrong_with_it(
    assignment: str, said: str
) -> None:
    """age=1e999 where age holds numbers ended "unset it first to change its type", as if
    the value were of another type: it is a number too big, said as of a new attribute."""
    types = {"age": ValueType.NUMBER, "date": ValueType.DATE}
    with pytest.raises(AttributeValueError) as refused:
        parse_assignments([assignment], types)
    assert str(refused.value) == said
    with pytest.raises(AttributeValueError) as refused:  # the app's edit of the attributes
        parse_edit(assignment, types)
    assert str(refused.value) == said
    with pytest.raises(AttributeValueError, match=r"; unset it first to change its type$"):
        parse_assignments(["date=soon"], types)  # another type: its advice kept


def test_a_cell_saying_no_value_is_known_in_a_column_of_numbers_or_dates_sets_nothing() -> None:
    """NA or n/a in a column of numbers (R's and pandas' missing value, as a survey's export
    writes it) was refused, and among few numbers made the column text: wave=2 a word. In a
    column of numbers or dates it is no value, as an empty cell; in one of text, the text."""
    table = read_attribute_csv(
        "doc,wave,born,country\na.txt,NA,n/a,NA\nb.txt,2,1980-01-02,Peru\nc.txt,#N/A,NULL,\n"
    )
    assert table.rows == [
        ("a.txt", {"country": "NA"}),
        ("b.txt", {"wave": 2, "born": "1980-01-02", "country": "Peru"}),
        ("c.txt", {}),
    ]
    assert table.problems == []
    assert table.missing_line() == (
        "4 cells of 'NA', 'n/a', '#N/A', 'NULL' in columns of numbers or dates read as no "
        "value, as R and pandas read them: nothing set for them"
    )
    declared = read_attribute_csv("doc,age\na.txt,N/A\n", {"age": ValueType.NUMBER})
    assert declared.rows == [("a.txt", {})] and declared.problems == []
    assert read_attribute_csv("doc,age\na.txt,34\n").missing_line() is None


def test_n_a_in_a_column_of_text_sets_nothing_and_a_word_like_na_stays() -> None:
    """A survey's N/A in a column of occupations was stored as one more occupation, which a
    report by occupation counted as one: no word of any language is N/A, so it is no value
    there too; NA (Namibia) and None (a religion's answer) are the words they are."""
    table = read_attribute_csv(
        "doc,job,country,faith\na.txt,N/A,NA,None\nb.txt,teacher,Peru,#N/A\nc.txt,n/a,,\n"
    )
    assert table.rows == [
        ("a.txt", {"country": "NA", "faith": "None"}),
        ("b.txt", {"job": "teacher", "country": "Peru"}),
        ("c.txt", {}),
    ]
    assert table.missing_line() == (
        "3 cells of 'N/A', '#N/A', 'n/a' in columns of text read as no value, as R and pandas "
        "read them: nothing set for them"
    )
    both = read_attribute_csv("doc,age,job\na.txt,NA,n/a\nb.txt,34,\n")
    assert both.rows == [("a.txt", {}), ("b.txt", {"age": 34})]
    assert both.missing_line() == (
        "1 cell of 'NA' in columns of numbers or dates and 1 cell of 'n/a' in columns of "
        "text read as no value, as R and pandas read them: nothing set for them"
    )


def test_types_are_what_most_values_are() -> None:
    table = {"a": {"age": 3, "x": "t"}, "b": {"age": 4, "x": 2}, "c": {"age": "old"}}
    assert attribute_types(table) == {"age": ValueType.NUMBER, "x": ValueType.TEXT}


CSV = """\ufeffdocument,country,age,wave:text,interviewed
int-1.txt,Mexico,34,2,2018-03-01
int-2.txt,USA,thirty,3,2018-02-30
int-3.txt,,29,,2019-01-05
,,,,
"""


def test_csv_import_reports_values_that_do_not_fit_their_column() -> None:
    table = read_attribute_csv(CSV)
    assert table.rows == [
        ("int-1.txt", {"country": "Mexico", "age": 34, "wave": "2", "interviewed": "2018-03-01"}),
        ("int-2.txt", {"country": "USA", "wave": "3"}),
        ("int-3.txt", {"age": 29, "interviewed": "2019-01-05"}),
    ]
    assert len(table.problems) == 2
    assert "row 3, column age" in table.problems[0] and "not a number" in table.problems[0]
    assert "row 3, column interviewed" in table.problems[1]


def test_csv_import_bad_headers() -> None:
    with pytest.raises(AttributeValueError, match="empty"):
        read_attribute_csv("")
    with pytest.raises(AttributeValueError, match="header"):
        read_attribute_csv("document\nx\n")
    with pytest.raises(AttributeValueError, match="unknown attribute type"):
        read_attribute_csv("document,age:integer\nx,3\n")
    with pytest.raises(AttributeValueError, match="bad attribute name"):
        read_attribute_csv("document,two words\nx,3\n")


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_saved_with_semicolons_or_tabs_is_read_as_its_columns(separator: str) -> None:
    # A spreadsheet in a locale whose decimal mark is a comma saves "CSV" with semicolons.
    text = "\ufeffdocument;country;note\r\nint-1.txt;Mexico;a, b\r\n".replace(";", separator)
    table = read_attribute_csv(text, source="people.csv")
    assert table.rows == [("int-1.txt", {"country": "Mexico", "note": "a, b"})]
    assert table.problems == []


def test_a_refused_attribute_csv_is_named() -> None:
    for text in ("", "document\nx\n", "document,two words\nx,3\n"):
        with pytest.raises(AttributeValueError, match=r"people\.csv"):
            read_attribute_csv(text, source="people.csv")


def test_lookup_takes_the_users_values_then_the_formats() -> None:
    document = parse_document(b"# A title\n\nsome words here\n", Path("d.md"), "markdown")
    assert format_attributes(document)["title"] == "A title"
    lookup = DocumentAttributes({"d.md": {"Title": "Mine", "age": 3}}, lambda key: document)
    assert lookup("d.md", "title") == "Mine"
    assert lookup("d.md", "words") == document.words == 5
    assert lookup("d.md", "format") == "markdown"
    assert lookup("d.md", "author") is None


def test_the_formats_metadata_is_typed() -> None:
    html = b"<html><head><title>T</title><meta name='author' content='Ana'>" + (
        b"<meta name='date' content='2019-04-02'></head><body><p>Words here.</p></body></html>"
    )
    document = parse_document(html, Path("page.html"), "html")
    values = format_attributes(document)
    assert values["format"] == "html"
    if "date" in document.metadata:  # the web page reader takes the date when it is there
        assert values["date"] == "2019-04-02"
        lookup = DocumentAttributes({}, lambda key: document)
        from tui_reader.core.analysis.values import compare

        assert compare(lookup("page.html", "date") or "", ">=", "2019-01-01")


def test_an_attribute_csv_cell_longer_than_the_csv_modules_default_limit_is_read() -> None:
    from tui_reader.core.analysis.attributes import read_attribute_csv

    summary = "x" * 200_000
    table = read_attribute_csv(f'doc,summary\na.txt,"{summary}"\n')
    assert table.rows == [("a.txt", {"summary": summary})] and table.problems == []


def test_a_semicolon_csvs_decimal_commas_are_numbers() -> None:
    # Excel in France or Germany: ';' between cells, ',' before the decimals.
    text = '\ufeffdocument;income;age;ref\r\na.txt;1234,5;34;"1,5"\r\nb.txt;-0,25;29;x\r\n'
    table = read_attribute_csv(text, {"ref": ValueType.TEXT}, source="people.csv")
    assert table.problems == []
    assert table.rows == [
        ("a.txt", {"income": 1234.5, "age": 34, "ref": "1,5"}),  # a text column keeps it
        ("b.txt", {"income": -0.25, "age": 29, "ref": "x"}),
    ]
    # with commas between the cells, "1,5" was quoted: a text, as before
    plain = read_attribute_csv('document,code\na.txt,"1,5"\n', source="people.csv")
    assert plain.rows == [("a.txt", {"code": "1,5"})]


def test_dates_as_a_spreadsheet_saves_them_are_dates() -> None:
    # Excel saves a date as its locale shows it (15/03/2018, 3/15/2018, 15.03.2018): they came
    # in as text, and date>=2018-01-01 found none of them.
    europe = "document;interviewed\r\na.txt;15/03/2018\r\nb.txt;02/04/2019\r\n"
    us = "document,interviewed\r\na.txt,3/15/2018\r\nb.txt,4/2/2019\r\n"
    german = "document;interviewed:date\r\na.txt;15.03.2018\r\nb.txt;02.04.2019\r\n"
    for text in (europe, us, german):
        table = read_attribute_csv(text, source="people.csv")
        assert table.problems == []
        assert table.rows == [
            ("a.txt", {"interviewed": "2018-03-15"}),
            ("b.txt", {"interviewed": "2019-04-02"}),
        ]
    # Nothing tells the day from the month: said, and left as they were.
    table = read_attribute_csv("document,on\na.txt,03/04/2018\n", source="people.csv")
    assert table.rows == [("a.txt", {"on": "03/04/2018"})]
    assert table.problems == [
        "column on: dates such as '03/04/2018' could be day or month first; they are kept as "
        "text (write them YYYY-MM-DD)"
    ]
    # A column of dates (so declared, or so in the database) cannot keep them as text: they
    # are left out, each row said once, and the column's line said they were kept as text.
    for header, known in (("on:date", {}), ("on", {"on": ValueType.DATE})):
        table = read_attribute_csv(
            f"document,{header}\na.txt,03/04/2018\nb.txt,2019-05-01\n",
            known_types=known,
            source="people.csv",
        )
        assert table.rows == [("a.txt", {}), ("b.txt", {"on": "2019-05-01"})]
        assert table.problems == [
            "column on: dates such as '03/04/2018' could be day or month first; on holds "
            "dates, so they are left out (write them YYYY-MM-DD)",
            "row 2, column on: '03/04/2018' could be day or month first: left out (write "
            "YYYY-MM-DD)",
        ]
    # A text column keeps what it holds.
    table = read_attribute_csv("document,ref:text\na.txt,15/03/2018\n", source="people.csv")
    assert table.rows == [("a.txt", {"ref": "15/03/2018"})]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_a_csv_that_names_its_separator_on_a_sep_line_is_read(separator: str) -> None:
    # "sep=;" on the first line: Excel reads it, and files made for Excel carry it; it was
    # taken for the header ("bad attribute name ''").
    text = f"\ufeffsep={separator}\r\ndocument;age;country\r\na.txt;34;Mexico\r\nb.txt;3x;Peru\r\nc.txt;29;Chile\r\n"
    table = read_attribute_csv(text.replace(";", separator), source="people.csv")
    assert table.rows == [
        ("a.txt", {"age": 34, "country": "Mexico"}),
        ("b.txt", {"country": "Peru"}),
        ("c.txt", {"age": 29, "country": "Chile"}),
    ]
    assert table.lines == [3, 4, 5]  # the file's own lines
    assert len(table.problems) == 1 and table.problems[0].startswith("row 4, column age")


def test_a_row_with_more_cells_than_the_header_is_left_out_and_said() -> None:
    # "Mexico City, Mexico" unquoted: its second half went to the next column, and the age
    # was dropped without a word
    text = "document,city,age\na.txt,Mexico City, Mexico,34\nb.txt,Lima,29,,\n"
    table = read_attribute_csv(text, source="people.csv")
    assert table.rows == [("b.txt", {"city": "Lima", "age": 29})]  # empty cells past: kept
    assert len(table.problems) == 1
    assert table.problems[0].startswith("row 2: 4 cells, and the header names 3 columns")


def test_a_cell_of_two_lines_from_a_windows_csv_has_one_line_break() -> None:
    # Excel saves rows ending in \r\n, and a cell's own line break as it was typed
    text = 'document,note,memo\r\na.txt,"two\r\nlines","old\rmac"\r\n'
    table = read_attribute_csv(text, source="people.csv")
    assert table.rows == [("a.txt", {"note": "two\nlines", "memo": "old\nmac"})]


def test_an_identifier_written_with_zeros_before_it_keeps_them() -> None:
    """'attr set a.txt interview=007' stored the number 7, and a CSV column of postal codes
    (01234, 20500) the numbers 1234 and 20500: the zeros were lost without a word, as a
    spreadsheet loses them, and interview=007 found nothing."""
    assert parse_assignments(["interview=007", "zip=-0123", "age=34", "n=0", "x=0.5"]) == {
        "interview": "007",
        "zip": "-0123",
        "age": 34,
        "n": 0,
        "x": 0.5,
    }
    # an attribute that holds numbers takes the number it reads
    assert parse_assignments(["age=034"], {"age": ValueType.NUMBER}) == {"age": 34}
    table = read_attribute_csv("document,zip,age\na.txt,01234,34\nb.txt,20500,29\n")
    assert table.problems == []
    assert table.rows == [
        ("a.txt", {"zip": "01234", "age": 34}),
        ("b.txt", {"zip": "20500", "age": 29}),
    ]
    declared = read_attribute_csv("document,zip:number\na.txt,01234\n")
    assert declared.rows == [("a.txt", {"zip": 1234})]  # the header said numbers


def test_an_identifier_written_like_a_number_with_an_exponent_is_kept_as_typed() -> None:
    """'attr set a.txt sample=2E10' stored the number 20000000000, shown so in reports and
    the library, and a CSV column of such codes (a lab's 2E10, 3E11) the same: as a
    spreadsheet turns a gene's 2310009E13 into a number.  A number written with a point or a
    signed exponent (1.5e3, 1E+10) is still a number, and an attribute that holds numbers
    takes the number it reads."""
    assert parse_assignments(["sample=2E10", "room=3e5", "x=1.5e3", "y=1E+10", "z=-2e-2"]) == {
        "sample": "2E10",
        "room": "3e5",
        "x": 1500.0,
        "y": 1e10,
        "z": -0.02,
    }
    assert parse_assignments(["n=1e3"], {"n": ValueType.NUMBER}) == {"n": 1000.0}
    table = read_attribute_csv(
        "document,sample,n\na.txt,2E10,300\nb.txt,3E11,1e3\nc.txt,5E5,7\nd.txt,1,8\n"
    )
    assert table.problems == []
    assert table.rows == [  # codes among a number or two: the codes'; 1e3 among numbers: one
        ("a.txt", {"sample": "2E10", "n": 300}),
        ("b.txt", {"sample": "3E11", "n": 1000.0}),
        ("c.txt", {"sample": "5E5", "n": 7}),
        ("d.txt", {"sample": "1", "n": 8}),
    ]


def test_a_year_or_a_month_in_a_column_of_dates_is_kept_as_that_period() -> None:
    # An interview whose day nobody noted: its year (or month) among full dates was refused
    # ("date holds dates and '2019' is not a date"); it is kept, and a query compares it as
    # the dates within it.
    types = {"date": ValueType.DATE}
    assert parse_assignments(["date=2019"], types) == {"date": "2019"}
    assert parse_assignments(["date=2019-5"], types) == {"date": "2019-05"}
    assert parse_assignments(["date=2019-05-01"], types) == {"date": "2019-05-01"}
    with pytest.raises(AttributeValueError, match="date holds dates"):
        parse_assignments(["date=2019-13"], types)
    with pytest.raises(AttributeValueError, match="date holds dates"):
        parse_assignments(["date=soon"], types)
    csv = "doc,date\na,2019-05-01\nb,2020-01-02\nc,2021-03-04\nd,2019\ne,2018-2\n"
    table = read_attribute_csv(csv)
    assert table.problems == []
    assert [values["date"] for _, values in table.rows] == [
        "2019-05-01",
        "2020-01-02",
        "2021-03-04",
        "2019",
        "2018-02",
    ]


def test_an_attribute_spelled_in_two_cases_has_one_type_as_queries_read_it() -> None:
    # Age on three documents (text) and age on one (a number) were two attributes to the
    # command line, which said "age holds numbers" of a query the app (one attribute, text)
    # took as text; and AGE=x was set as a new attribute beside age's numbers.
    own = {"a": {"Age": "old"}, "b": {"Age": "young"}, "c": {"Age": "mid"}, "d": {"age": 40}}
    assert attribute_types(own) == {"Age": ValueType.TEXT, "age": ValueType.TEXT}
    assert query_types(own) == {**DocumentAttributes(own).types, "Age": ValueType.TEXT}
    numbers = {"a": {"Age": 30}, "b": {"age": 40}, "c": {"AGE": "x"}}
    assert set(attribute_types(numbers).values()) == {ValueType.NUMBER}
    with pytest.raises(AttributeValueError, match="aGe holds numbers"):
        parse_assignments(["aGe=old"], attribute_types(numbers))
    table = read_attribute_csv("doc,AGE\nd,5\n", attribute_types({"x": {"age": "old"}}))
    assert table.rows == [("d", {"AGE": "5"})]


def test_a_csv_naming_one_attribute_in_two_cases_is_refused() -> None:
    # Age and age are one attribute to a query: which value a document had was the later's
    with pytest.raises(AttributeValueError, match="'age' is in the header twice"):
        read_attribute_csv("doc,Age,age\na,1,2\n")


def test_a_date_with_a_time_of_day_in_a_column_of_dates_is_kept() -> None:
    # A survey's timestamp given to an attribute of dates was refused ("not a date"), though
    # a query compares it as its day, as the README says
    types = {"when": ValueType.DATE}
    assert parse_assignments(["when=2019-07-01 10:00"], types) == {"when": "2019-07-01 10:00"}
    assert parse_assignments(["when=2019-07-01T10:00:00Z"], types) == {
        "when": "2019-07-01T10:00:00Z"
    }
    with pytest.raises(AttributeValueError, match="when holds dates"):
        parse_assignments(["when=2019-02-30 10:00"], types)
    table = read_attribute_csv("doc,when\na,2019-05-01\nb,2019-06-01\nc,2019-07-01 10:00\n")
    assert table.problems == [] and table.rows[2] == ("c", {"when": "2019-07-01 10:00"})


def test_a_year_beside_dates_is_a_date_whichever_was_set_first() -> None:
    # date=2019 set first made the column numbers, and a full date was then refused
    years = {"a": {"date": 2019}}
    assert year_columns(years) == {"date"}
    assert parse_assignments(["date=2019-05-01"], attribute_types(years), {"date"}) == {
        "date": "2019-05-01"
    }
    assert years_as_periods(years, {"date": "2019-05-01"}) == [("a", {"date": "2019"})]
    assert years_as_periods(years, {"date": 2020}) == []
    with pytest.raises(AttributeValueError, match="date holds numbers"):
        parse_assignments(["date=soon"], attribute_types(years), {"date"})
    # a year and a date, in either form: a column of dates
    assert attribute_types({"a": {"date": 2019}, "b": {"date": "2019-05-01"}}) == {
        "date": ValueType.DATE
    }
    assert attribute_types({"a": {"date": "2019"}, "b": {"date": "2019-05-01"}}) == {
        "date": ValueType.DATE
    }
    assert year_columns({"a": {"n": 2019}, "b": {"n": 12}}) == set()


def test_a_csv_of_years_and_fewer_dates_is_a_column_of_dates() -> None:
    # years the most of a column (2019, 2019-05-01, 2020) made it numbers, and the date
    # was refused ("date holds numbers ... unset it first")
    table = read_attribute_csv("doc,date\na,2019\nb,2019-05-01\nc,2020\n")
    assert table.problems == []
    assert [values["date"] for _, values in table.rows] == ["2019", "2019-05-01", "2020"]
    numbers = read_attribute_csv("doc,n\na,2019\nb,12\nc,7\n")  # no date: numbers
    assert [values["n"] for _, values in numbers.rows] == [2019, 12, 7]


def test_the_dates_holding_words_are_found_from_the_types_a_query_has_worked_out() -> None:
    """A query over 20,000 documents worked out every attribute's type twice, once for its
    lines and once more for the attributes of dates holding a word (0.6 s more): given the
    types, only the values of the attributes of dates are read, and none when there is none."""
    from collections.abc import Iterator, Mapping

    from tui_reader.core.analysis.attributes import dates_holding_words, query_types

    own = {"a.txt": {"date": "2019-05-01", "wave": "pilot"}, "b.txt": {"date": "2019-05-02"}}
    own["c.txt"] = {"date": "2019-05-03"}
    own["d.txt"] = {"date": "soon"}
    assert dates_holding_words(own, query_types(own)) == dates_holding_words(own) == {"date"}

    class Unread(Mapping[str, Mapping[str, Value]]):
        def __getitem__(self, key: str) -> Mapping[str, Value]:
            raise AssertionError("read")

        def __iter__(self) -> Iterator[str]:
            raise AssertionError("read")

        def __len__(self) -> int:
            return 1

    assert dates_holding_words(Unread(), {"wave": ValueType.TEXT}) == frozenset()


def test_an_edit_of_a_blank_value_removes_the_attribute_as_an_empty_one_does() -> None:
    """In the details, wave=" " stored an empty value, which attr list showed as wave=""
    and queries took for no value: a value of spaces removes, as wave= does."""
    assert parse_edit('wave=" " age=34 site=') == ({"age": 34}, ["wave", "site"])


def test_attribute_names_are_each_attribute_once_as_most_documents_spell_it() -> None:
    from tui_reader.core.analysis.attributes import attribute_names

    held: dict[str, dict[str, Value]] = {
        "a.txt": {"Wave": 1, "country": "Mexico", "q10": "x"},
        "b.txt": {"wave": 2, "Country": "Peru", "q2": "y"},
        "c.txt": {"wave": 3, "Émotion": "joie"},
    }
    # (a tie, Country and country: the first in code-point order)
    assert attribute_names(held) == ["Country", "Émotion", "q2", "q10", "wave"]
    assert attribute_names({}) == []


def test_a_file_date_does_not_fill_an_attribute_the_user_gives_other_documents() -> None:
    # A study dates its interviews (date=...); a PDF's creation date, a Word template's
    # 2013-12-23, is the file's, no interview's date: it made columns of its own in a matrix
    # --by date and passed date>=2013 in a query.
    html = b"<html><head><title>T</title><meta name='date' content='2013-12-23'></head>" + (
        b"<body><p>Words here.</p></body></html>"
    )
    document = parse_document(html, Path("page.html"), "html")
    assert document.metadata.get("date") == "2013-12-23"
    own = {"int-1.txt": {"Date": "2019-05-01"}, "page.html": {"wave": 1}}
    lookup = DocumentAttributes(own, lambda key: document)
    assert lookup("int-1.txt", "date") == "2019-05-01"
    assert lookup("page.html", "date") is None  # the user's date: none given to this one
    assert lookup("page.html", "title") == "T"  # every format's own stays each document's
    alone = DocumentAttributes({"page.html": {"wave": 1}}, lambda key: document)
    assert alone("page.html", "date") == "2013-12-23"  # no user's date: the file's is one


def test_an_attribute_given_twice_is_refused_not_set_to_the_later_value() -> None:
    # attr set DOC country=Mexico country=USA set USA without a word (Age=3 age=4 too).
    for twice in (["country=Mexico", "country=USA"], ["Age=3", "n=1", "age=4"]):
        with pytest.raises(AttributeValueError, match="is given twice"):
            parse_assignments(twice)
    assert parse_assignments(["n=1", "n=1"]) == {"n": 1}  # the same words: the same value


def test_a_csv_of_thousands_of_columns_is_read_in_work_linear_in_its_columns() -> None:
    # Each header cell was compared with every column before it for a name spelled alike:
    # 8,000 columns (a survey's export, or a hostile file) took 11 s of CPU, 20,000 minutes.
    from helpers.counting import lines_run

    columns = 3_000
    text = "doc," + ",".join(f"q{i}" for i in range(columns)) + "\na.txt," + "1," * columns + "\n"
    table, ran = lines_run(lambda: read_attribute_csv(text), at_most=1_000_000)
    assert len(table.rows) == 1 and len(table.rows[0][1]) == columns, ran
    with pytest.raises(AttributeValueError, match="'Q1' is in the header twice"):
        read_attribute_csv("doc,q1,q2,Q1\na.txt,1,2,3\n")  # still one attribute whatever the case
