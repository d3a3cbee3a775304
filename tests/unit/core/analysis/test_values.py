"""Typed attribute values: numbers, dates and text, compared so that ranges work."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.attributes import read_attribute_csv
from tui_reader.core.analysis.values import (
    OPERATORS,
    ValueType,
    check_attribute_name,
    compare,
    parse_value,
    show_value,
    type_of,
)
from tui_reader.core.errors import AttributeValueError


def test_values_are_typed_by_their_look() -> None:
    assert parse_value("34") == 34
    assert parse_value(" 2.5 ") == 2.5
    assert parse_value("2018-1-5") == "2018-01-05"
    assert type_of(parse_value("2018-01-05")) is ValueType.DATE
    assert parse_value("Mexico") == "Mexico"
    assert type_of("Mexico") is ValueType.TEXT
    assert parse_value("34", ValueType.TEXT) == "34"


def test_a_value_that_does_not_parse_is_reported_not_guessed() -> None:
    with pytest.raises(AttributeValueError, match="not a date"):
        parse_value("2018-13-40")
    with pytest.raises(AttributeValueError, match="not a number"):
        parse_value("3x", ValueType.NUMBER)
    with pytest.raises(AttributeValueError, match="not a date"):
        parse_value("soon", ValueType.DATE)
    with pytest.raises(AttributeValueError, match="digits"):
        parse_value("9" * 5000)


def test_ranges_compare_numbers_as_numbers_and_dates_as_dates() -> None:
    assert compare(34, ">", 30)
    assert not compare(9, ">", 30)  # not "9" > "30" as text
    assert compare(30, ">=", 30) and compare(30.0, "=", 30)
    assert compare("2018-03-01", ">=", "2018-01-01")
    assert not compare("2017-12-31", ">=", "2018-01-01")
    assert compare("Mexico", "=", "mexico")  # text ignores case
    assert compare("Mexico", "!=", "USA")
    assert not compare("Mexico", ">", 3)  # different types never order
    assert not compare("2018-03-01", "=", 3) and compare("2018-03-01", "!=", 3)  # nor equal


def test_a_year_held_as_text_beside_dates_is_compared_as_its_year_not_as_text() -> None:
    """A column imported with years and full dates (2019, 2019-05-01) holds the years as
    text: ``date>=2019-03-01`` compared "2019" with "2019-03-01" as text, so the year 2019
    was before March 2019 and not after it, and ``date<2019-03`` took "2019-05" (a year and
    month) as before March."""
    for held in ("2019", 2019):
        assert compare("2019", ">=", held)
    assert compare("2019", ">=", "2019-03-01")  # the year reaches past March
    assert compare("2019", "<=", "2019-03-01")  # and starts before it
    assert compare("2019", "=", "2019-03-01") and not compare("2019", "!=", "2019-03-01")
    assert not compare("2019", "<", "2019-03-01") and not compare("2019", ">", "2019-03-01")
    assert compare("2018", "<", "2019-03-01") and not compare("2018", ">=", "2019-03-01")
    assert compare("2020", ">", "2019-03-01") and not compare("2020", "<=", "2019-03-01")
    assert compare("2019-05", ">", "2019-03") and not compare("2019-05", "<", "2019-03")
    assert compare("2019-05", "=", "2019") and compare("2019-05", "=", "2019-05-31")
    assert not compare("2019-05", "=", "2019-06-01")
    # a date against a year, as before: the year's days
    assert compare("2019-05-01", "=", 2019, "2019") and compare("2019-05-01", "<", 2020, "2020")
    assert compare("2019-05-01", ">", 2018, "2018") and not compare("2019-05-01", "<", 2019, "2019")
    # text that is no year is text
    assert compare("1984", "=", 1984, "1984") and compare("007", "=", 7, "007")
    assert not compare("Mexico", ">", "2019-03-01")


def test_a_date_with_a_time_of_day_is_compared_as_its_day() -> None:
    """A survey's timestamps (2019-05-01 10:00, 2019-05-01T10:00:00Z) are held as text:
    date=2019-05-01 and date=2019-05 found none of them, and date<2019-05-02 compared them
    as text."""
    for held in ("2019-05-01 10:00", "2019-05-01T10:00:00Z", "2019-05-01T23:30:00.25+02:00"):
        assert compare(held, "=", "2019-05-01") and compare(held, "=", "2019-05", "2019-05")
        assert compare(held, "=", 2019, "2019") and not compare(held, "=", "2019-05-02")
        assert compare(held, "<", "2019-05-02") and compare(held, ">", "2019-04-30")
        assert not compare(held, "<", "2019-05-01") and compare(held, ">=", "2019-05-01")
    # a time asked for is compared as written (not a whole day), as before
    assert compare("2019-05-01T10:00", "<", "2019-05-01T12:00", "2019-05-01T12:00")
    assert not compare("2019-05-01T10:00", ">=", "2019-05-01T12:00", "2019-05-01T12:00")
    assert not compare("2019-02-30 10:00", "=", "2019-02-28")  # no such day: text


def test_times_of_day_compare_as_times_however_written() -> None:
    """A time held (2019-05-01 10:00) and a time asked written otherwise (with a T, a
    zone, an hour of one digit) were compared as text: 10:00 was not after T09:00, 9:30 not
    before 10:00, 10:00Z not equal to 10:00."""
    cases = [
        ("2019-05-01 10:00", ">=", "2019-05-01T09:00"),
        ("2019-05-01T10:00:00Z", "=", "2019-05-01 10:00"),
        ("2019-05-01 9:30", "<", "2019-05-01 10:00"),
        ("2019-05-01T10:00+02:00", "<", "2019-05-01T09:00Z"),  # 08:00 in UTC
        ("2019-05-01T10:00:00.5", ">", "2019-05-01 10:00:00"),
        ("2019-04-30T23:00", "<", "2019-05-01 00:30"),
    ]
    for held, operator, asked in cases:
        assert compare(held, operator, parse_value(asked), asked), (held, operator, asked)
    assert not compare("2019-05-01 10:00", "=", "2019-05-01T10:01", "2019-05-01T10:01")
    assert compare("2019-05-01 10:00", "!=", "2019-05-01T10:01", "2019-05-01T10:01")


def test_times_with_and_without_a_zone_are_in_one_order() -> None:
    """A time with a zone and one without were compared by their clocks, the zone set aside,
    while two with zones were compared in UTC: 10:00+02:00 came before 09:00Z, 09:00Z before
    09:30 and 09:30 before 10:00+02:00, an order no report's columns could follow.  A time
    with its zone is now that time in UTC, a time without one as it is written (as if in
    UTC), checked against Python's own reading of the ISO times."""
    times = [
        "2019-05-01T10:00+02:00", "2019-05-01T09:00Z", "2019-05-01 09:30",
        "2019-05-01T07:00-03:00", "2019-05-01 10:00", "2019-05-01T12:00+02:00",
        "2019-05-02T01:00+02:00", "2019-04-30 23:30", "2019-05-01T08:00:00.5+00:00",
    ]  # fmt: skip

    def at(text: str) -> dt.datetime:
        moment = dt.datetime.fromisoformat(text)
        return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment

    for held in times:
        for asked in times:
            for operator, holds in OPERATORS.items():
                expected = holds(at(held), at(asked))
                assert compare(held, operator, parse_value(asked), asked) is expected, (
                    held,
                    operator,
                    asked,
                )
    # and on its day in UTC, as a date compares with it
    assert compare("2019-05-02T01:00+02:00", "=", "2019-05-01")
    assert compare("2019-05-02T01:00+02:00", "<", "2019-05-02")
    assert compare("2019-05-02", ">=", "2019-05-02T01:00+02:00", "2019-05-02T01:00+02:00")
    # the cycle of the old rule is gone: 10:00+02:00 < 09:00Z < 09:30 < 10:00+02:00
    assert compare("2019-05-01T10:00+02:00", "<", "2019-05-01 09:30")
    assert not compare("2019-05-01 09:30", "<", "2019-05-01T10:00+02:00")


def test_a_plain_date_compared_with_a_date_and_a_time_is_its_day() -> None:
    """when>="2019-05-01 09:00" left out every plain date (2020-01-01 too) of a column
    mixing dates and times: a date held is compared as its day."""
    asked = "2019-05-01 09:00"
    assert compare("2020-01-01", ">=", parse_value(asked), asked)
    assert compare("2020-01-01", ">", asked, asked) and not compare("2020-01-01", "<", asked)
    assert not compare("2019-04-30", ">=", asked) and compare("2019-04-30", "<", asked)
    assert compare("2019-05-01", ">=", asked) and compare("2019-05-01", "<=", asked)
    # a time asked for is equal only to that time (a report's column of a day so leaves out
    # the times of that day)
    assert not compare("2019-05-01", "=", asked) and compare("2019-05-01", "!=", asked)
    assert compare("2019", "<=", asked) and compare("2020-02", ">", asked)  # periods too
    # a time held, a time asked: compared as written, as before
    assert compare("2019-05-01 10:00", ">=", asked) and not compare("2019-05-01 08:00", ">=", asked)


def test_names_and_display() -> None:
    assert check_attribute_name("interviewee_age") == "interviewee_age"
    for bad in ("", "1st", "a b", "x=y"):
        with pytest.raises(AttributeValueError):
            check_attribute_name(bad)
    assert show_value(34.0) == "34" and show_value(2.5) == "2.5"


def test_an_attribute_name_too_long_is_refused_in_one_short_line() -> None:
    """A 100,000-character attribute name was taken, a column of every CSV export since."""
    from tui_reader.core.analysis.values import ATTRIBUTE_NAME_LENGTH

    assert check_attribute_name("a" * ATTRIBUTE_NAME_LENGTH) == "a" * ATTRIBUTE_NAME_LENGTH
    for long in ("a" * (ATTRIBUTE_NAME_LENGTH + 1), "a" * 100_000):
        with pytest.raises(AttributeValueError) as refused:
            check_attribute_name(long)
        said = str(refused.value)
        assert len(said) < 200 and f"{len(long):,} characters" in said


@settings(max_examples=examples(60))
@given(st.integers(-(10**9), 10**9), st.integers(-(10**9), 10**9))
def test_numbers_order_as_python_does(a: int, b: int) -> None:
    stored, wanted = parse_value(str(a)), parse_value(str(b))
    assert compare(stored, "<", wanted) == (a < b)
    assert compare(stored, ">=", wanted) == (a >= b)


def test_a_number_too_big_for_a_float_is_compared_not_a_crash() -> None:
    """``attr set doc big=<400 nines>`` then ``query 'big>5'`` ended in an OverflowError's
    traceback: the numbers were compared as floats."""
    big = parse_value("9" * 400)
    assert compare(big, ">", parse_value("5"))
    assert compare(big, ">", parse_value("2.5"))
    assert compare(big, "=", parse_value("9" * 400))
    assert not compare(big, "=", parse_value("9" * 399 + "8"))
    assert compare(parse_value("9" * 399 + "8"), "<", big)
    assert not compare(parse_value("-" + "9" * 400), ">=", parse_value("0.5"))


def test_text_ignores_case_accents_and_how_an_accent_is_encoded() -> None:
    composed, decomposed = "M\u00e9xico", "Me\u0301xico"
    for stored in (composed, decomposed, "MEXICO", "mexico"):
        for typed in ("mexico", "México", decomposed, "MÉXICO"):
            assert compare(stored, "=", parse_value(typed), typed), (stored, typed)
            assert not compare(stored, "!=", parse_value(typed), typed)
    assert not compare("Guatemala", "=", "mexico", "mexico")
    assert compare("Ángel", "<", "beto", "beto")  # ordered as "angel"


@settings(max_examples=examples(80))
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))
def test_a_text_equals_itself_however_encoded_and_cased(text: str) -> None:
    import unicodedata

    text = text.strip()
    if type_of(parse_value(text)) is not ValueType.TEXT:
        return
    for form in ("NFC", "NFD"):
        other = unicodedata.normalize(form, text)
        for typed in (other, other.upper(), other.lower()):
            assert compare(text, "=", parse_value(typed, ValueType.TEXT), typed)


def test_a_number_held_as_text_is_ordered_as_a_number() -> None:
    # wave=10 held as text (the column holds words too: wave=pilot) matched wave<9, as "10"
    # orders before "9" as text
    assert not compare("10", "<", 9, "9") and compare("10", ">", 9, "9")
    assert compare("2.5", "<", 10, "10") and compare("-3", "<=", -3, "-3")
    assert compare("007", "=", 7, "007") and not compare("007", "=", 7, "7")  # = stays text
    assert not compare("pilot", ">", 9, "9") and not compare("pilot", "<", 9, "9")  # a word
    assert compare("pilot", ">", "b", "b")  # is ordered as text with text alone


def test_a_number_held_as_text_is_equal_to_the_number_however_written() -> None:
    # wave=10 held as text (beside wave=pilot): wave=10.0 and wave=1e1 matched nothing,
    # where wave>=10 AND wave<=10 matched it
    for typed in ("10.0", "1e1", "10", "+10", "1.0E1"):
        assert compare("10", "=", parse_value(typed), typed), typed
        assert not compare("10", "!=", parse_value(typed), typed), typed
    assert compare("2.50", "=", 2.5, "2.5") and not compare("10", "=", 11, "11")
    assert compare("\u22125", "=", -5, "-5")  # the minus sign of print
    # identifiers stay equal as written: 007 is not 7, 7 is not 007
    assert not compare("007", "=", 7, "7") and not compare("7", "=", 7, "007")
    assert not compare("pilot", "=", 10, "10")


def test_a_number_with_an_exponent_and_no_point_is_a_number() -> None:
    """``age<1e3`` took 1e3 for text (no document's age was ordered with it) where
    ``age<1.5e3`` took 1.5e3 for a number."""
    assert parse_value("1e3") == 1000 and parse_value("-2E-2") == -0.02
    assert parse_value("+5e+1", ValueType.NUMBER) == 50
    assert compare(34, "<", parse_value("1e3"), "1e3")
    assert compare("34", "<", parse_value("1e3"), "1e3")  # a number held as text
    assert parse_value("1e") == "1e" and parse_value("e3") == "e3"  # words stay words
    with pytest.raises(AttributeValueError, match="too big"):
        parse_value("1e999")  # stored as a float, the database would hold Infinity: no JSON


@pytest.mark.parametrize(
    "written",
    ["0.1e-400", "1e-400", "-2.5E-999", pytest.param("0." + "0" * 400 + "1", id="0.(400 zeros)1")],
)
def test_a_number_too_small_for_a_float_is_refused_as_one_too_big_is(written: str) -> None:
    """0.1e-400 was stored as the number 0, which it is not, where 1.0e999 is refused as too
    big: a number that would not be stored as written is refused either way."""
    with pytest.raises(AttributeValueError, match="too small for a number"):
        parse_value(written)
    with pytest.raises(AttributeValueError, match="too small for a number"):
        parse_value(written, ValueType.NUMBER)


@pytest.mark.parametrize("written", ["0", "-0.0", "0.0e-400", "000.000"])
def test_a_zero_written_with_an_exponent_or_zeros_is_the_number_0(written: str) -> None:
    assert parse_value(written) == 0


def test_the_smallest_numbers_a_float_holds_are_numbers() -> None:
    assert parse_value("1e-310") == 1e-310 and parse_value("5e-324") == 5e-324


def test_a_number_written_with_the_minus_sign_of_print_is_a_number() -> None:
    """temp=−5 pasted from a PDF's or a word processor's table (the minus sign U+2212, not
    the hyphen) was stored as the text '−5', and temp<0 left the document out without a
    word; typed so in a query, temp>−10 took −10 for text."""
    assert parse_value("\u22125") == -5 and parse_value("\u22122.5") == -2.5
    assert parse_value("1e\u22123") == 0.001
    assert parse_value("\u22125", ValueType.NUMBER) == -5
    assert compare(-5, ">", parse_value("\u221210"), "\u221210")
    assert compare("\u22125", "<", 0, "0")  # held as text (a column of words too): a number
    assert parse_value("\u2212") == "\u2212" and parse_value("a\u22125") == "a\u22125"
    table = read_attribute_csv("doc;temp\na.txt;\u22123,5\nb.txt;2,5\n")  # a French CSV
    assert table.rows == [("a.txt", {"temp": -3.5}), ("b.txt", {"temp": 2.5})]
