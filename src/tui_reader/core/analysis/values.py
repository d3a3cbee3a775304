"""Typed attribute values: numbers, dates and text, so that ranges work (``age>30``,
``date>=2018-01-01``).

A value is stored as JSON: a number as a JSON number, a date as an ISO ``YYYY-MM-DD`` string,
text as a string.  What a person types is read by :func:`parse_value`; a value that looks like
a number or a date but is not a valid one is reported (:class:`AttributeValueError`), never
guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import operator as op
import re
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from tui_reader.core.errors import AttributeValueError

Value = int | float | str

_INT = re.compile(r"[+-]?\d+")
# 2.5, .5, 1.5e3 and 1e3 (an exponent needs no point)
_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NAME = re.compile(r"[^\W\d][\w.-]*")
_PERIOD = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


class ValueType(StrEnum):
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


# The longest attribute name: a name longer is a paste gone wrong, which every CSV export's
# header and every report by it would carry.
ATTRIBUTE_NAME_LENGTH = 200


def check_attribute_name(name: str) -> str:
    """``name`` when it can name an attribute (a letter, then letters, digits, ``_ . -``; at
    most :data:`ATTRIBUTE_NAME_LENGTH` characters)."""
    if len(name) > ATTRIBUTE_NAME_LENGTH:
        shown = f"{name[:40]!r}…"
        raise AttributeValueError(
            f"bad attribute name {shown} ({len(name):,} characters): an attribute name may be "
            f"at most {ATTRIBUTE_NAME_LENGTH} characters"
        )
    if not _NAME.fullmatch(name):
        raise AttributeValueError(
            f"bad attribute name {name!r}: start with a letter, then letters, digits, '_', '.' "
            "or '-'"
        )
    return name


# The longest attribute value: as long as a note or memo may be (16 MB piped in), so a
# summary of a chapter is taken whole.  A cell longer (a file pasted in by mistake, a tool's
# export gone wrong) was stored: one of 100 MB took 17 s and 1.26 GB and made a database of
# 206 MB, which every later command read.
ATTRIBUTE_VALUE_LENGTH = 16 * 2**20


def check_attribute_value(raw: str) -> str:
    """``raw`` when it is short enough to be an attribute's value
    (:data:`ATTRIBUTE_VALUE_LENGTH`); the message never holds the value."""
    if len(raw) > ATTRIBUTE_VALUE_LENGTH and len(raw.strip()) > ATTRIBUTE_VALUE_LENGTH:
        raise AttributeValueError(
            f"a value of {len(raw.strip()):,} characters; an attribute's value may be at most "
            f"{ATTRIBUTE_VALUE_LENGTH:,}, as a note may be"
        )
    return raw


def _shown(raw: str) -> str:
    """``raw`` quoted for a message, its first 40 characters when it is long: a cell of a
    paragraph refused in a column of numbers was said whole, a line of 32,000 characters."""
    return repr(raw) if len(raw) <= 80 else f"{raw[:40]!r}…"


def parse_value(raw: str, as_type: ValueType | None = None) -> Value:
    """The value ``raw`` stands for: a number, a date (kept as ISO text) or text.

    With ``as_type`` the value must be of that type; otherwise the type is read from the
    value.  Raises :class:`AttributeValueError` when ``raw`` is not a valid value of the type
    (``2018-13-40`` is not a date, ``3x`` is not a number)."""
    text = raw.strip()
    if as_type is ValueType.TEXT:
        return text
    if as_type in (None, ValueType.NUMBER) and (number := _number(text)) is not None:
        return number
    if as_type in (None, ValueType.DATE) and _DATE_LIKE.fullmatch(text):
        return _date(text).isoformat()
    if as_type is ValueType.NUMBER:
        raise AttributeValueError(f"{_shown(raw)} is not a number")
    if as_type is ValueType.DATE:
        raise AttributeValueError(f"{_shown(raw)} is not a date (write YYYY-MM-DD)")
    return text


def written_as(raw: str, kind: ValueType) -> bool:
    """Whether ``raw`` is written as a value of ``kind`` is (``1e999`` a number, ``2019-02-30``
    a date), valid or not: a value so written that :func:`parse_value` refuses is no value of
    another type, but one of its own that cannot be (too big, no such day)."""
    text = raw.strip().replace("\u2212", "-")
    if kind is ValueType.NUMBER:
        return bool(_INT.fullmatch(text) or _FLOAT.fullmatch(text))
    if kind is ValueType.DATE:
        return _DATE_LIKE.fullmatch(text) is not None
    return True


def is_zero_padded(text: str) -> bool:
    """Whether ``text`` is a whole number written with a zero before its digits (``007``,
    ``01234``): an identifier (an interview's number, a postal code), whose zeros a number
    would lose, as a spreadsheet loses them: an attribute set so is text, unless it holds
    numbers (a query's ``age=034`` is still the number 34)."""
    return _ZERO_PADDED.fullmatch(text.strip()) is not None


_ZERO_PADDED = re.compile(r"[+-]?0\d+")


def number_written(text: str) -> int | float | None:
    """The number the text value ``text`` is equal to (:func:`compare`: a text attribute's
    ``10.0`` and ``1e1`` are the 10 its ``10`` is), None when it is none: not written as a
    number, an identifier with zeros before its digits (``007``), too many digits."""
    if is_zero_padded(text):
        return None
    try:
        return _number(text.strip())
    except AttributeValueError:
        return None


def is_exponent_code(text: str) -> bool:
    """Whether ``text`` is digits, an ``E`` and digits (``2E10``, ``3e5``, a gene's
    ``2310009E13``): a number only by its look, and an identifier (a sample's, a room's) as
    often, which a number would show as ``20000000000``, as a spreadsheet turns it: an
    attribute set so is text, unless it holds numbers.  A number written with a point or a
    signed exponent (``1.5e3``, ``1E+10``) is a number, and a query's ``1e3`` is one."""
    return _EXPONENT_CODE.fullmatch(text.strip()) is not None


_EXPONENT_CODE = re.compile(r"\d+[eE]\d+")


def type_of(value: Value) -> ValueType:
    """The type of a stored value."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ValueType.NUMBER
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return ValueType.TEXT
        return ValueType.DATE
    return ValueType.TEXT


def show_value(value: Value) -> str:
    """A stored value as a person reads it (``34``, ``2.5``, ``2018-01-01``, ``Mexico``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_key(text: str) -> str:
    """``text`` as text attributes compare: without regard to case, to accents, nor to how an
    accent is encoded (``México``, ``MEXICO``, ``mexico`` and ``Me`` + U+0301 ``xico`` are one
    value).  A researcher typing ``country=mexico`` on an English keyboard means the documents
    whose country is México, as the attribute was typed elsewhere.  A compatibility character
    is the letters it stands for (``ǅ`` is ``Dž``, ``ﬁ`` is ``fi``)."""
    if text.isascii():
        return text.casefold()
    split = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in split if not unicodedata.combining(ch))


def compare(stored: Value, operator: str, wanted: Value, typed: str | None = None) -> bool:
    """``stored OPERATOR wanted`` (``= != < <= > >=``): numbers as numbers, dates as dates,
    text as :func:`text_key` gives it (case and accents ignored).  Values of different types
    are never equal, nor ordered, but text stored is compared with ``typed`` (the value as
    typed, when given) as text: a text attribute holding ``007`` or ``1984`` is matched by
    ``code=007``, ``title=1984``.  ``!=`` is always the opposite of ``=``: values of different
    types differ."""
    if operator == "!=":
        return not compare(stored, "=", wanted, typed)
    moment = isinstance(wanted, str) and _MOMENT.fullmatch(wanted.strip()) is not None
    if (
        isinstance(wanted, str)
        and not isinstance(stored, str)
        and is_dated(stored)
        and (moment or _days(wanted) is not None)
    ):
        # a year held as a number (among dates, from an imported project or old data),
        # compared with a date, a month or a time: that year, as a year held as text is and
        # as a matrix's column of 2019 counts it (date=2019-05-01 is in it; it was compared
        # as a number, equal to no date)
        stored = show_value(stored)
    if moment and isinstance(stored, str) and (held_at := instant(stored)) is not None:
        # a time held, a time asked: compared as the times they are, however written
        # (2019-05-01T10:00:00Z is 2019-05-01 10:00; 9:30 is before 10:00)
        asked_at = instant(str(wanted))
        if asked_at is not None:
            return bool(OPERATORS[operator](held_at, asked_at))
    if moment and operator != "=" and isinstance(stored, str) and not is_moment(stored):
        # a date (or a year, a month) held, a date and a time asked (when>="2019-05-01
        # 09:00"): the date is ordered as its day, as a time held is with a date asked
        # (equal only to that time: a report's column of a day leaves its times out so)
        asked_day = moment_day(str(wanted))
        if asked_day is not None and (held := _days(stored)) is not None:
            return _spans(held, operator, (asked_day, asked_day))
    if isinstance(stored, str) and not moment and (held := _days(stored)) is not None:
        # (a time asked for is compared as written: 10:00 is before 12:00 of one day)
        asked = _days(wanted) if isinstance(wanted, str) else None
        if asked is None:
            asked = date_period(typed if typed is not None else show_value(wanted))
        if asked is not None:
            return _spans(held, operator, asked)
    if typed is not None and type_of(stored) is ValueType.TEXT:
        number, typed_number = _numbers(str(stored), typed)
        if operator != "=" and typed_number is not None and not is_zero_padded(str(stored)):
            # a number held as text (a column that also holds words: wave=10 beside
            # wave=pilot) is ordered as a number: wave<9 is not "10" < "9" as text; a word
            # is not ordered with a number (wave>9 is not "pilot" after "9"); an identifier
            # (007) is text
            return number is not None and _order(number, operator, typed_number)
        if (
            operator == "="
            and number is not None
            and typed_number is not None
            and not is_zero_padded(str(stored))
            and not is_zero_padded(typed)
        ):
            # and equal as numbers, as they are ordered: wave=10.0 and wave=1e1 are the 10
            # that wave>=10 AND wave<=10 finds; an identifier (007) is equal as written
            return number == typed_number
        return _order(text_key(str(stored)), operator, text_key(typed.strip()))
    kind = type_of(wanted)
    if type_of(stored) is not kind:
        return False
    if kind is ValueType.TEXT:
        return _order(text_key(str(stored)), operator, text_key(str(wanted)))
    if kind is ValueType.NUMBER:  # as Python orders them: exactly, however many digits
        assert not isinstance(stored, str) and not isinstance(wanted, str)
        return _order(stored, operator, wanted)
    return _order(str(stored), operator, str(wanted))  # ISO dates order as text


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": op.eq,
    "!=": op.ne,
    "<": op.lt,
    "<=": op.le,
    ">": op.gt,
    ">=": op.ge,
}


def _order(left: float | str, operator: str, right: float | str) -> bool:
    try:
        return bool(OPERATORS[operator](left, right))
    except KeyError:
        raise ValueError(f"unknown operator {operator!r}") from None


def date_period(text: str) -> tuple[str, str] | None:
    """The first and last days of the period a bare year (``2018``) or a year and month
    (``2018-03``) stands for, as ISO dates; None for anything else.  Compared with a date,
    ``date>=2018`` means from the first day of 2018 and ``date<=2018-03`` to the last of
    March, as a person means them."""
    found = _PERIOD.fullmatch(text.strip())
    if found is None:
        return None
    year = int(found.group(1))
    if found.group(2) is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(found.group(2))
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1] if year else 31
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def moment_day(text: str) -> str | None:
    """The day of a date with a time of day (``2019-05-01 10:00``: ``2019-05-01``), None when
    ``text`` is not one.  A time written with its zone is on its day in UTC, as it is that
    time in UTC (:func:`instant`: ``2019-05-02T01:00+02:00`` is ``2019-05-01 23:00``)."""
    moment = _MOMENT.fullmatch(text.strip())
    if moment is None or type_of(moment[1]) is not ValueType.DATE:
        return None
    at = instant(text)
    return moment[1] if at is None else at.date().isoformat()


def _days(value: str) -> tuple[str, str] | None:
    """The first and last days ``value`` stands for, as ISO dates: a date its own day (and
    a date with a time of day held as text, ``2019-05-01 10:00``, its day), a year or a year
    and month held as text (a column mixing ``2019`` and ``2019-05-01``) its period
    (:func:`date_period`); None for any other value."""
    if type_of(value) is ValueType.DATE:
        return value, value
    if _MOMENT.fullmatch(value.strip()) is not None:
        day = moment_day(value)  # a date and a time (a survey's timestamp): its day
        return None if day is None else (day, day)
    return date_period(value)


def is_dated(value: Value) -> bool:
    """Whether ``value``, held by an attribute of dates, is a date: a date, a date and a time
    of day, a year or a year and month (as text, or a year as a number of four digits), not a
    word nor another number."""
    if not isinstance(value, str):  # (a number of 400 digits is no float)
        whole = isinstance(value, int) or value.is_integer()
        return whole and not isinstance(value, bool) and 1000 <= value <= 9999
    return _days(value) is not None


def is_moment(text: str) -> bool:
    """Whether ``text`` is a valid date with a time of day (``2019-05-01 10:00``,
    ``2019-05-01T10:00:00Z``), which a comparison with a date takes as its day."""
    moment = _MOMENT.fullmatch(text.strip())
    return moment is not None and type_of(moment[1]) is ValueType.DATE


# A date and a time of day as spreadsheets and surveys write them: 2019-05-01T10:00,
# 2019-05-01 10:00:00, 2019-05-01T10:00:00.5Z, 2019-05-01T10:00+02:00
_MOMENT = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def instant(text: str) -> dt.datetime | None:
    """The moment the date and time of day ``text`` writes (:data:`_MOMENT`) stands for on
    the one line every time is compared on: a time written with its zone at that time in UTC
    (``2019-05-01T12:00+02:00`` is ``2019-05-01 10:00``), a time written without one as it
    is written, as if in UTC (``2019-05-01 10:00`` is ``2019-05-01T10:00Z``); without zone
    either way.  So any two times are in one order, the same for every query and every report
    column (a rule that set a zone aside only beside a time without one put 10:00+02:00
    before 09:00Z, 09:00Z before 09:30 and 09:30 before 10:00+02:00).  None when ``text``
    writes no time, or no valid one."""
    at = _instant(text)
    if at is None or at.tzinfo is None:
        return at
    try:
        return at.astimezone(dt.UTC).replace(tzinfo=None)
    except OverflowError:  # 0001-01-01T00:30+01:00: before the first day there is
        return None


def _instant(text: str) -> dt.datetime | None:
    """The date and time of day ``text`` writes (:data:`_MOMENT`), with its zone when it
    gives one; None when it writes none, or no valid one (2019-02-30 10:00, 25:00)."""
    found = _INSTANT.fullmatch(text.strip())
    if found is None:
        return None
    day, hour, minute, second, fraction, zone = found.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        at = dt.datetime.combine(
            dt.date.fromisoformat(day), dt.time(int(hour), int(minute), int(second or 0), micro)
        )
    except ValueError:
        return None
    if zone is None:
        return at
    if zone == "Z":
        return at.replace(tzinfo=dt.UTC)
    digits = zone[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        return at.replace(tzinfo=dt.timezone(-offset if zone[0] == "-" else offset))
    except ValueError:  # an offset of a day or more
        return None


_INSTANT = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?"
)


def _spans(held: tuple[str, str], operator: str, asked: tuple[str, str]) -> bool:
    """``held OPERATOR asked``, each a span of days (a date is a span of one): equal when
    they overlap (``2019`` holds ``2019-05-01``, and ``2019-05-01`` is in ``2019``); before
    (``<``) when all of ``held`` comes before all of ``asked``, after (``>``) likewise;
    ``<=`` and ``>=`` the opposites of ``>`` and ``<`` (ISO dates order as text)."""
    first, last = held
    start, end = asked
    if operator == "=":
        return first <= end and start <= last
    if operator in ("<", ">="):
        return _order(last, operator, start)
    return _order(first, operator, end)


def _numbers(stored: str, typed: str) -> tuple[int | float | None, int | float | None]:
    """``stored`` and ``typed`` as numbers, each None when it is not written as one."""
    try:
        return _number(stored.strip()), _number(typed.strip())
    except AttributeValueError:  # thousands of digits: ordered as text
        return None, None


def _number(text: str) -> int | float | None:
    # the minus sign of print (U+2212), as a PDF's or a word processor's table writes it
    text = text.replace("\u2212", "-")
    try:
        if _INT.fullmatch(text):
            return int(text)
        number = float(text) if _FLOAT.fullmatch(text) else None
    except ValueError:  # thousands of digits: Python refuses to convert them
        raise AttributeValueError(f"{text[:20]!r}...: too many digits for a number") from None
    if number is not None and math.isinf(number):  # 1e999: stored, it is no JSON
        raise AttributeValueError(f"{text[:20]!r}: too big for a number")
    if number == 0 and _NONZERO_DIGIT.search(text.partition("e")[0].partition("E")[0]):
        # 0.1e-400: not a number as written either (it would be 0, which it is not)
        raise AttributeValueError(f"{text[:20]!r}: too small for a number (not 0)")
    return number


_NONZERO_DIGIT = re.compile("[1-9]")


def _date(text: str) -> dt.date:
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise AttributeValueError(f"{text!r} is not a date ({exc})") from None
