"""Attributes of documents: those the format gives (title, format, words, characters, and the
metadata a format reads: author, date, source, ...) and the user's own, which win.

Reading ``KEY=VALUE`` assignments and CSV files of attributes (first column the document, one
column per attribute; a header ``age:number`` fixes a column's type).  A value that does not
fit its attribute's type is reported, never guessed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shlex
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from tui_reader.core.analysis.values import (
    ATTRIBUTE_VALUE_LENGTH,
    Value,
    ValueType,
    check_attribute_name,
    check_attribute_value,
    date_period,
    is_dated,
    is_exponent_code,
    is_moment,
    is_zero_padded,
    parse_value,
    text_key,
    type_of,
    written_as,
)
from tui_reader.core.csv_rows import csv_rows, header_delimiter, separator_line
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.errors import AttributeValueError, DocumentError
from tui_reader.core.interchange.import_schema import TOO_LONG_CELL
from tui_reader.core.natural_order import natural_key
from tui_reader.core.wording import counted


def format_attributes(document: Document | DocumentFacts) -> dict[str, Value]:
    """What the document's format tells of it (from the loaded document, or from the facts
    the library keeps of it)."""
    characters = document.length if isinstance(document, DocumentFacts) else len(document.text)
    found: dict[str, Value] = {
        "title": document.title,
        "format": document.format,
        "words": document.words,
        "characters": characters,
    }
    for name, given in document.metadata.items():
        value: Value = given
        if isinstance(given, str) and given.strip():
            # "2018-03-01" is a date, "34" a number, as a user's value would be; what looks like
            # a date but is not one is kept as the file says it
            with contextlib.suppress(AttributeValueError):
                value = parse_value(given)
        if value != "":
            found.setdefault(str(name), value)
    return found


# What the format gives every document, each its own: a user's value of one on some documents
# (a table of cases' titles) leaves the others theirs.
EVERY_DOCUMENTS_OWN = frozenset({"title", "format", "words", "characters"})


# The types of the attributes every document's format gives that hold numbers.
FORMAT_NUMBERS = ("words", "characters")


# What the format of every document gives it besides its title (a user's title is one a
# table of cases often holds, meant to stand for the file's), as it says it.
GIVEN_BY_EVERY_FORMAT = {
    "format": "the format of its file",
    "words": "the number of its words",
    "characters": "the number of its characters",
}


def hiding_format_values(names: Iterable[str]) -> list[str]:
    """A line for each of ``names`` (attributes a user sets) that names one the format of
    every document gives (case aside: ``Words`` is ``words`` to a query): the user's value
    then stands for it in queries, reports and the library's filter (``words=abc`` made every
    ``words>1000`` pass that document by without a word)."""
    lines: list[str] = []
    for name in dict.fromkeys(names):
        given = GIVEN_BY_EVERY_FORMAT.get(name.casefold())
        if given is not None:
            lines.append(
                f"{name}: every document has {name.casefold()}, {given}; the value set "
                f"stands for it in queries and reports (unset {name} to have it back)"
            )
    return lines


def dates_kept_as_text(values: Mapping[str, Value]) -> list[str]:
    """A line for each of ``values`` (attributes just set) that is text written as a date is
    in a locale (``15/03/2018``, ``4.5.2019``: a spreadsheet's, a person's): no comparison
    with a date takes it (``date>=2018`` leaves it out), and nothing said so.  The line gives
    the date as it is stored, ``YYYY-MM-DD``: day and month in the order the parts tell (a
    part over 12, a dot: day first), both orders where they do not."""
    lines: list[str] = []
    for name, value in values.items():
        found = _LOCAL_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
        if found is None:
            continue
        typed = found[0]
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        orders = [(second, first)] if found[2] == "." else [(second, first), (first, second)]
        written: list[str] = []
        for month, day in orders:
            with contextlib.suppress(ValueError):
                iso = dt.date(year, month, day).isoformat()
                if iso not in written:
                    written.append(iso)
        if written:
            lines.append(
                f"{name}={typed} is kept as text, which no date comparison takes "
                f"({name}>={found[4]} leaves it out): write it {' or '.join(written)}"
            )
    return lines


def _holding(
    attributes: Mapping[str, Mapping[str, Value]],
    types: Mapping[str, ValueType] | None,
    kind: ValueType,
    held: Callable[[Value], bool],
) -> frozenset[str]:
    """The attributes of ``kind`` (``types``: :func:`attribute_types`, when already known) of
    which a document holds a value ``held`` takes, casefolded."""
    types = attribute_types(attributes) if types is None else types
    named = {name for name, each in types.items() if each is kind}
    if not named:
        return frozenset()
    return frozenset(
        name.casefold()
        for values in attributes.values()
        for name, value in values.items()
        if name in named and held(value)
    )


def dates_holding_words(
    attributes: Mapping[str, Mapping[str, Value]], types: Mapping[str, ValueType] | None = None
) -> frozenset[str]:
    """The attributes of dates (``types``: :func:`attribute_types`, when already known) of
    which a document holds a word (``pilot`` set before the dates were), casefolded: a query
    compares that word as text, so a value that is no date may match it."""
    return _holding(attributes, types, ValueType.DATE, lambda value: not is_dated(value))


def numbers_holding_years(
    attributes: Mapping[str, Mapping[str, Value]], types: Mapping[str, ValueType] | None = None
) -> frozenset[str]:
    """The attributes of numbers (``types``: :func:`attribute_types`, when already known) of
    which a document holds a year (a whole number of four digits: ``year=2019``), casefolded:
    a query compares that year with a date, a month or a time asked as the year it is
    (``year=2019-05`` finds it), so such a value may match it."""

    def year(value: Value) -> bool:
        return not isinstance(value, str) and is_dated(value)

    return _holding(attributes, types, ValueType.NUMBER, year)


def query_types(attributes: Mapping[str, Mapping[str, Value]]) -> dict[str, ValueType]:
    """The type of each attribute a query may compare: the user's (:func:`attribute_types`),
    and the numbers every format gives (``words``, ``characters``) where the user has none
    of that name."""
    return {**dict.fromkeys(FORMAT_NUMBERS, ValueType.NUMBER), **attribute_types(attributes)}


def attribute_names(attributes: Mapping[str, Mapping[str, Value]]) -> list[str]:
    """The attributes the documents have (``attributes``: document -> name -> value), each
    once: names spelled in other cases on different documents (``Wave``, ``wave``) are one
    attribute, as a query and a report look them up, named as most documents spell it (a
    tie: the spelling first in code-point order); in natural order, case and accents aside."""
    spellings: dict[str, Counter[str]] = {}
    for values in attributes.values():
        for name in values:
            spellings.setdefault(name.casefold(), Counter())[name] += 1
    names = [min(c, key=lambda spelled: (-c[spelled], spelled)) for c in spellings.values()]
    return sorted(names, key=lambda name: (natural_key(name), name))


def attribute_spellings(attributes: Mapping[str, Mapping[str, Value]]) -> dict[str, str]:
    """Each attribute of the documents (``attributes``: document -> name -> value),
    casefolded, as :func:`attribute_names` spells it."""
    return {name.casefold(): name for name in attribute_names(attributes)}


def one_spelling(
    attributes: Mapping[str, Mapping[str, Value]], spellings: Mapping[str, str] | None = None
) -> dict[str, dict[str, Value]]:
    """``attributes`` (document -> name -> value) with each name spelled as ``spellings``
    (the corpus's: :func:`attribute_spellings`), else as most of these documents spell it:
    ``Country`` on some documents and ``country`` on others, from a database older than the
    store's own check, are one attribute, as a query and a report look them up, not two
    columns of a CSV nor two variables of a project.  A document holding both spellings
    keeps the value of the one kept."""
    spelled = {**attribute_spellings(attributes), **(spellings or {})}
    merged: dict[str, dict[str, Value]] = {}
    for key, values in attributes.items():
        own: dict[str, Value] = {}
        for name, value in values.items():
            kept = spelled[name.casefold()]
            if name == kept:
                own[kept] = value
            else:
                own.setdefault(kept, value)
        merged[key] = own
    return merged


def attribute_types(attributes: Mapping[str, Mapping[str, Value]]) -> dict[str, ValueType]:
    """The type of each attribute: the type most of its values have (ties: text).  Names
    spelled in other cases on different documents (``Age``, ``age``) are one attribute, as a
    query and a report look them up: each spelling has the type of all their values."""
    counts: dict[str, Counter[ValueType]] = {}
    spellings: dict[str, str] = {}  # each spelling -> its name casefolded
    dated: dict[str, bool] = {}  # whether every value is a date, a year or a month of one
    for values in attributes.values():
        for name, value in values.items():
            folded = spellings.setdefault(name, name.casefold())
            counts.setdefault(folded, Counter())[type_of(value)] += 1
            dated[folded] = dated.get(folded, True) and _dated(value)
    types = {}
    for name, folded in spellings.items():
        ranked = counts[folded].most_common(2)
        tie = len(ranked) == 2 and ranked[0][1] == ranked[1][1]
        if dated[folded] and ValueType.DATE in counts[folded]:
            # a year (or a month) beside dates is a date whose day nobody noted, whichever
            # was set first: 2019 then 2019-05-01 is the column 2019-05-01 then 2019 is
            types[name] = ValueType.DATE
        else:
            types[name] = ValueType.TEXT if tie else ranked[0][0]
    return types


def _dated(value: Value) -> bool:
    """Whether ``value`` is a date, a date with a time of day, or a year (a number or a text)
    or a year and month, as held beside dates."""
    if isinstance(value, str):
        return type_of(value) is ValueType.DATE or is_moment(value) or _period(value) is not None
    return _is_year(value)


def _is_date(raw: str) -> bool:
    """Whether ``raw`` writes a date, or a date with a time of day."""
    try:
        return type_of(parse_value(raw, ValueType.DATE)) is ValueType.DATE or is_moment(raw)
    except AttributeValueError:
        return is_moment(raw)


def _is_number(raw: str) -> bool:
    try:
        parse_value(raw, ValueType.NUMBER)
    except AttributeValueError:
        return False
    return True


def _is_year(value: Value) -> bool:
    """Whether ``value`` is a whole number written as a year (four digits)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
        and 1000 <= value <= 9999
    )


def year_columns(attributes: Mapping[str, Mapping[str, Value]]) -> set[str]:
    """The attributes (casefolded) whose every value is a year held as a number (``date=2019``
    set first): a date set on one (``date=2019-05-01``) makes it a column of dates
    (:func:`years_as_periods`), as the year set beside dates is one."""
    years: dict[str, bool] = {}
    for values in attributes.values():
        for name, value in values.items():
            folded = name.casefold()
            years[folded] = years.get(folded, True) and _is_year(value)
    return {name for name, only in years.items() if only}


def years_as_periods(
    attributes: Mapping[str, Mapping[str, Value]], values: Mapping[str, Value]
) -> list[tuple[str, dict[str, Value]]]:
    """The documents whose year held as a number (``2019``) becomes the year of dates, held
    as a year set beside dates is (``"2019"``), because ``values`` sets a date on that
    attribute (:func:`year_columns`): ``(document, {name: year})`` pairs to set with them."""
    years = year_columns(attributes)
    joined = {
        name.casefold()
        for name, value in values.items()
        if name.casefold() in years and isinstance(value, str) and _dated(value)
    }
    changed: list[tuple[str, dict[str, Value]]] = []
    for document, held in attributes.items():
        restored: dict[str, Value] = {
            name: str(int(value))
            for name, value in held.items()
            if name.casefold() in joined and not isinstance(value, str)
        }
        if restored:
            changed.append((document, restored))
    return changed


def years_now_dates(periods: Iterable[tuple[str, Mapping[str, Value]]]) -> list[str]:
    """A line for each attribute whose years held as numbers ``periods`` makes the years of
    dates (:func:`years_as_periods`): a date set among numbers of four digits changed them,
    which is said, with the way back."""
    documents: Counter[str] = Counter(name for _, values in periods for name in values)
    return [
        f"{name} holds dates now: its numbers of four digits, on {counted(count, 'document')}, "
        "are taken as years (each every date within it); undo takes it back"
        for name, count in documents.items()
    ]


def emptied_names(assignments: Iterable[str]) -> list[str]:
    """The names of ``assignments`` given an empty value, or one of spaces (``country=``):
    no value, which queries take for none, so never stored."""
    return [
        a.partition("=")[0].strip()
        for a in assignments
        if "=" in a and not a.partition("=")[2].strip()
    ]


def parse_assignments(
    assignments: Iterable[str],
    types: Mapping[str, ValueType] | None = None,
    years: Collection[str] = (),
) -> dict[str, Value]:
    """``["country=Mexico", "age=34"]`` as values; each checked against the attribute's type
    when it has one (``types``), else typed by its look.  An attribute of ``years``
    (casefolded, :func:`year_columns`) takes a date too: the years are those of dates."""
    values: dict[str, Value] = {}
    given: dict[str, str] = {}  # each name casefolded: the assignment that gave it
    for assignment in assignments:
        name, equals, raw = assignment.partition("=")
        name = name.strip()
        if not equals:
            raise AttributeValueError(f"{assignment!r}: write KEY=VALUE")
        check_attribute_name(name)
        # country=Mexico country=USA (Age=3 age=4: one attribute to a query) kept the later
        # without a word; refused as a CSV's column given twice is
        first = given.setdefault(name.casefold(), assignment)
        if first != assignment:  # (the same words twice: the same value)
            raise AttributeValueError(
                f"{name!r} is given twice ({first!r}, {assignment!r}); which value the "
                "document has would be the later one's: give it once"
            )
        kind = _type_of_name(name, types or {})
        if kind is ValueType.NUMBER and name.casefold() in years and not _is_number(raw):
            with contextlib.suppress(AttributeValueError):
                values[name] = _typed(name, raw, ValueType.DATE)
                continue
        values[name] = _typed(name, raw, kind)
    return values


def replacing(
    attributes: Mapping[str, Mapping[str, Value]], document: str, assignments: Iterable[str]
) -> dict[str, Mapping[str, Value]]:
    """The attributes a new value of ``assignments`` (``age=3``, or an edit's words) on
    ``document`` is typed against: all but that document's own values of those names (in any
    case), which the new values replace.  A document's only value of ``age`` (a date) does
    not make ``age=3`` a number typed where dates are: it is set, as a first value is."""
    names = {a.partition("=")[0].strip().casefold() for a in assignments if "=" in a}
    held = attributes.get(document)
    if not names or not held or not any(n.casefold() in names for n in held):
        return dict(attributes)
    beside = dict(attributes)
    beside[document] = {n: v for n, v in held.items() if n.casefold() not in names}
    return beside


def edit_words(text: str) -> list[str]:
    """The words of an edit typed as :func:`parse_edit` reads it (none when a quote is never
    closed: parse_edit says so)."""
    try:
        return shlex.split(text)
    except ValueError:
        return []


def _type_of_name(name: str, types: Mapping[str, ValueType]) -> ValueType | None:
    """The type ``types`` gives the attribute ``name``, spelled so or in another case
    (``AGE`` is the ``age`` a query compares)."""
    kind = types.get(name)
    if kind is None:
        folded = name.casefold()
        kind = next((k for n, k in types.items() if n.casefold() == folded), None)
    return kind


def parse_edit(
    text: str, types: Mapping[str, ValueType] | None = None, years: Collection[str] = ()
) -> tuple[dict[str, Value], list[str]]:
    """An edit typed as ``country=Mexico age=34 wave=``: the values to set and the names to
    remove (an empty value removes); quotes keep spaces (``site="La Jornada"``)."""
    try:
        words = shlex.split(text)
    except ValueError:
        raise AttributeValueError("a quote is never closed") from None
    if not words:
        raise AttributeValueError("write KEY=VALUE (an empty value removes it: KEY=)")
    # wave= removes, and so does wave=" " (a value of spaces is no value: queries take it
    # for none, and attr set refuses it)
    emptied = [w for w in words if "=" in w and not w.partition("=")[2].strip()]
    removed = [check_attribute_name(w.partition("=")[0].strip()) for w in emptied]
    values = parse_assignments([w for w in words if w not in emptied], types, years)
    return values, removed


def _typed(name: str, raw: str, kind: ValueType | None) -> Value:
    try:
        check_attribute_value(raw)
    except AttributeValueError as exc:
        raise AttributeValueError(f"{name}: {exc}") from None
    if kind is None and (is_zero_padded(raw) or is_exponent_code(raw)):
        return raw.strip()  # an identifier (007, 01234, 2E10): kept as typed
    if kind is ValueType.DATE and (period := _period(raw)) is not None:
        # a year (or a year and month) where the other documents hold full dates (an
        # interview whose day nobody noted): kept as that period, which a query compares as
        # the dates within it (date=2019 holds it, as does date=2019-05-01)
        return period
    if kind is ValueType.DATE and is_moment(raw):
        return raw.strip()  # a date with a time of day (a survey's): compared as its day
    try:
        return parse_value(raw, kind)
    except AttributeValueError as exc:
        if kind is None or written_as(raw, kind):
            # 1e999 of a column of numbers, 2019-02-30 of dates: the value is wrong, not its type
            raise AttributeValueError(f"{name}: {exc}") from None
        raise AttributeValueError(
            f"{name} holds {kind}s and {exc}; unset it first to change its type"
        ) from None


def _period(raw: str) -> str | None:
    """``raw`` as the year (``2019``) or the year and month (``2019-05``) it writes, when it
    writes one (:func:`~.values.date_period`), else None."""
    days = date_period(raw)
    if days is None:
        return None
    first = days[0]
    return first[:4] if "-" not in raw.strip() else first[:7]


@dataclass
class AttributeTable:
    """Rows read from a CSV of attributes: ``(document as written, {name: value})``, and the
    problems met (one line each: row, column, value and why)."""

    rows: list[tuple[str, dict[str, Value]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # each row's number in the file
    # the cells of columns of numbers or dates that say no value is known (NA, n/a): as written
    missing: Counter[str] = field(default_factory=Counter)
    # the cells of columns of text that say so in no word of any language (n/a, #N/A)
    missing_text: Counter[str] = field(default_factory=Counter)

    def missing_line(self) -> str | None:
        """The one line saying the cells read as no value (:data:`MISSING_MARKS`), or None."""
        parts = []
        for found, where in (
            (self.missing, "columns of numbers or dates"),
            (self.missing_text, "columns of text"),
        ):
            if found:
                marks = ", ".join(repr(mark) for mark, _ in found.most_common())
                parts.append(f"{counted(sum(found.values()), 'cell')} of {marks} in {where}")
        if not parts:
            return None
        return (
            f"{' and '.join(parts)} read as no value, as R and pandas read them: nothing set "
            "for them"
        )


# What a spreadsheet, R or pandas writes in a cell whose value is not known (pandas reads
# these as missing, R's read.csv "NA", Excel shows "#N/A"), casefolded: in a column of numbers
# or dates no value, as an empty cell is; in a column of text the text it is (NA, Namibia)
MISSING_MARKS = frozenset(
    {"na", "n/a", "#n/a", "#na", "#n/a n/a", "<na>", "nan", "-nan", "null", "none"}
)


# Those of them no word of any language is (a country's NA, a religion's None are words):
# in a column of text too no value ("N/A" in a survey's column of occupations was one more
# occupation, which every report by it counted)
NO_WORD_MARKS = frozenset({"n/a", "#n/a", "#na", "#n/a n/a", "<na>", "-nan"})


def is_missing_mark(cell: str) -> bool:
    """Whether ``cell`` says no value is known (:data:`MISSING_MARKS`)."""
    return cell.strip().casefold() in MISSING_MARKS


def is_missing_text(cell: str) -> bool:
    """Whether ``cell`` says no value is known in a column of text (:data:`NO_WORD_MARKS`)."""
    return cell.strip().casefold() in NO_WORD_MARKS


def read_attribute_csv(
    text: str,
    known_types: Mapping[str, ValueType] | None = None,
    source: str = "the CSV file",
    years: Collection[str] = (),
) -> AttributeTable:
    """The attributes of a CSV file's text (first column the document).  Each column's type is
    its header's (``age:number``), the attribute's type in the database, else the type most of
    its cells have; a cell that does not fit is a problem and is left out.  Empty cells set
    nothing.  A column of ``years`` (:func:`year_columns`) holding a date is one of dates."""
    table = AttributeTable()
    # "sep=;": the line Excel reads (and some tools write) to name the separator; the header
    # is the line after it (it was read as the header: "bad attribute name ''").
    text, separator = separator_line(text)
    delimiter = header_delimiter(text) if separator is None else separator
    first_row = 2 if separator is None else 3  # rows numbered as the file's lines
    rows = csv_rows(text, source, delimiter)
    # A spreadsheet that separates cells with ';' writes numbers with a decimal comma (3,5):
    # its locale's (French, German, Spanish, ...): read as the numbers they are.
    as_number = _decimal_comma if delimiter == ";" else str.strip
    if not rows:
        raise AttributeValueError(f"{source}: the CSV file is empty")
    header, body = rows[0], rows[1:]
    if len(header) < 2:
        raise AttributeValueError(
            f"{source}: the CSV needs a header: the document, then one column each"
        )
    columns: list[tuple[str, ValueType | None]] = []
    folded: set[str] = set()  # the columns' names, case folded
    widened: set[int] = set()  # the columns of years in the database

    def overfull(row: list[str]) -> bool:
        """Whether ``row`` has more cells than the header (empty ones past it aside)."""
        return any(cell.strip() for cell in row[len(header) :])

    for cell in header[1:]:
        name, _, declared = cell.strip().partition(":")
        try:
            check_attribute_name(name.strip())
            kind = _declared_type(declared.strip()) if declared else None
        except AttributeValueError as exc:
            raise AttributeValueError(f"{source}: {exc}") from None
        if name.strip().casefold() in folded:
            # Age and age too: one attribute to a query, whatever its case
            raise AttributeValueError(
                f"{source}: the column {name.strip()!r} is in the header twice; which value "
                "a document has would be the later one's"
            )
        known = _type_of_name(name.strip(), known_types or {})
        if kind is None and known is ValueType.NUMBER and name.strip().casefold() in years:
            widened.add(len(columns))  # its cells tell: dates among them make it dates
        columns.append((name.strip(), kind or known))
        folded.add(name.strip().casefold())
    # A date a spreadsheet shows as its locale writes it (15/03/2018, 3/15/2018, 15.03.2018)
    # is saved so: read as the date it is, day or month first as the column tells
    dates: list[Callable[[str], str]] = []
    for index, (name, kind) in enumerate(columns, start=1):
        cells = [
            row[index]
            for row in body
            if index < len(row)
            and len(row[index]) <= ATTRIBUTE_VALUE_LENGTH  # no vote: refused below
            and row[index] != TOO_LONG_CELL  # nor a cell left out as the file was read
            and row[index].strip()
            and not overfull(row)
            and not is_missing_mark(row[index])  # no vote: a column of numbers and NA's
        ]
        if kind in (None, ValueType.DATE) or index - 1 in widened:
            read, problem = _local_dates(cells, name if kind is ValueType.DATE else None)
            if problem:
                table.problems.append(f"column {name}: {problem}")
        else:
            read = str
        dates.append(read)
        if index - 1 in widened and any(_is_date(read(c)) for c in cells):
            columns[index - 1] = (name, ValueType.DATE)
        if kind is None:
            cells = [as_number(read(c)) for c in cells]
            columns[index - 1] = (name, _majority_type(cells))
    for number, row in enumerate(body, start=first_row):
        if row and row[0] == TOO_LONG_CELL:
            table.problems.append(
                f"row {number}: a document's name of more than {ATTRIBUTE_VALUE_LENGTH:,} "
                "characters in the first column; the row is left out"
            )
            continue
        if not row or not row[0].strip():
            if any(c.strip() for c in row):
                table.problems.append(f"row {number}: no document in the first column")
            continue
        if overfull(row):
            # a cell holding the separator unquoted (Mexico City, Mexico) shifts the rest:
            # its values would go to the columns after theirs
            table.problems.append(
                f"row {number}: {len(row)} cells, and the header names {len(header)} columns "
                f"(a cell holding {delimiter!r} not quoted?); the row is left out"
            )
            continue
        values: dict[str, Value] = {}
        for (name, kind), read, raw in zip(columns, dates, row[1:], strict=False):
            if not raw.strip():
                continue
            if kind in (ValueType.NUMBER, ValueType.DATE) and is_missing_mark(raw):
                table.missing[raw.strip()] += 1  # no value known, as an empty cell
                continue
            if is_missing_text(raw):  # in a column of text too: no word says it
                table.missing_text[raw.strip()] += 1
                continue
            if raw == TOO_LONG_CELL:  # left out as the file was read: never held whole
                table.problems.append(
                    f"row {number}, column {name}: a value of more than "
                    f"{ATTRIBUTE_VALUE_LENGTH:,} characters; an attribute's value may be at "
                    f"most {ATTRIBUTE_VALUE_LENGTH:,}, as a note may be"
                )
                continue
            try:
                check_attribute_value(raw)  # before it is read: no copy, nor said whole
                # a cell of two lines keeps Windows' line ends (\r\n) from the file: one \n
                raw = raw.replace("\r\n", "\n").replace("\r", "\n")
                cell = as_number(raw) if kind is ValueType.NUMBER else read(raw)
                values[name] = _typed(name, cell, kind)
            except AttributeValueError as exc:
                table.problems.append(f"row {number}, column {name}: {exc}")
        table.rows.append((row[0].strip(), values))
        table.lines.append(number)
    return table


_DECIMAL_COMMA = re.compile(r"[+\-\u2212]?\d+,\d+")


def _decimal_comma(cell: str) -> str:
    """``cell`` with its decimal comma made a point when it is a number so written (``3,5``)."""
    cell = cell.strip()
    return cell.replace(",", ".") if _DECIMAL_COMMA.fullmatch(cell) else cell


def _declared_type(name: str) -> ValueType:
    try:
        return ValueType(name.lower())
    except ValueError:
        known = ", ".join(t.value for t in ValueType)
        raise AttributeValueError(f"unknown attribute type {name!r} (known: {known})") from None


_LOCAL_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")


def _local_dates(cells: list[str], dated: str | None = None) -> tuple[Callable[[str], str], str]:
    """How a column's dates written as a spreadsheet's locale shows them (``15/03/2018``,
    ``3/15/2018``, ``15.03.2018``: Excel saves a date so) become ``YYYY-MM-DD``: day first or
    month first as its cells tell (a part over 12; a dot, as German and Russian write them:
    day first); and a problem to say when they cannot tell: those dates are left as text, or
    in a column of dates (``dated``: its name, declared or in the database so), which holds
    no text, left out (each such cell an :class:`AttributeValueError` when read)."""
    found = [m for cell in cells if (m := _LOCAL_DATE.fullmatch(cell.strip()))]
    if not found:
        return str, ""
    day_first = any(int(m[1]) > 12 or m[2] == "." for m in found)
    month_first = any(int(m[3]) > 12 for m in found)
    if day_first == month_first:
        said = "some day first, some month first" if day_first else "day or month first"
        if dated is None:
            return str, (
                f"dates such as {found[0][0]!r} could be {said}; they are kept as text (write "
                "them YYYY-MM-DD)"
            )

        def refused(cell: str) -> str:
            if _LOCAL_DATE.fullmatch(cell.strip()):
                raise AttributeValueError(
                    f"{cell.strip()!r} could be day or month first: left out (write YYYY-MM-DD)"
                )
            return cell

        return refused, (
            f"dates such as {found[0][0]!r} could be {said}; {dated} holds dates, so they are "
            "left out (write them YYYY-MM-DD)"
        )

    def iso(cell: str) -> str:
        m = _LOCAL_DATE.fullmatch(cell.strip())
        if m is None:
            return cell
        day, month = (m[1], m[3]) if day_first else (m[3], m[1])
        return f"{m[4]}-{int(month):02d}-{int(day):02d}"

    return iso, ""


def _majority_type(cells: list[str]) -> ValueType:
    if any(map(is_zero_padded, cells)):  # identifiers (007, 01234): their zeros kept
        return ValueType.TEXT
    if any(map(_is_date, cells)) and all(_is_date(c) or _period(c) is not None for c in cells):
        # dates, and years (or months) where the day was not noted, however few the dates:
        # a column of dates (2019, 2019-05-01, 2020 made one of numbers, the date refused)
        return ValueType.DATE
    kinds: Counter[ValueType] = Counter()
    for cell in cells:
        if is_exponent_code(cell):
            # 2E10: an identifier's vote (2E10, 3E11, 1: codes); among numbers (300, 1e3, 7)
            # a number, where numbers are most of the column
            kinds[ValueType.TEXT] += 1
            continue
        try:
            kinds[type_of(parse_value(cell))] += 1
        except AttributeValueError:
            kinds[ValueType.DATE] += 1  # looks like a date (or number) but is not a valid one
    if not kinds:
        return ValueType.TEXT
    best, count = kinds.most_common(1)[0]
    return best if count * 2 > sum(kinds.values()) else ValueType.TEXT


class DocumentAttributes:
    """Look-up of a document's attributes for queries and reports: the user's own first, then
    the format's (the document, or its facts, is loaded only when a name is not among the
    user's; ``load`` raises DocumentError when it cannot be).

    A name the user gives any document (``date``: when an interview was held) is the user's
    attribute for every document: a file's metadata of that name (a PDF's creation date, a
    Word template's 2013-12-23) is not taken for a document the user gave none, which made
    columns of their own in a matrix and passed ``date>=2013`` in a query; that document has
    no value.  What every format gives each document (:data:`EVERY_DOCUMENTS_OWN`) stays its
    own where the user gave it none."""

    def __init__(
        self,
        own: Mapping[str, Mapping[str, Value]],
        load: Callable[[str], Document | DocumentFacts] | None = None,
    ) -> None:
        self._own = {
            key: {n.casefold(): v for n, v in values.items()} for key, values in own.items()
        }
        self._load = load
        self._format: dict[str, dict[str, Value]] = {}
        # the names the user gives some document, which a file's metadata does not fill
        self._users = {n for values in self._own.values() for n in values}.difference(
            EVERY_DOCUMENTS_OWN
        )

    @cached_property
    def types(self) -> dict[str, ValueType]:
        """The type of each attribute a query may compare (casefolded names), as
        :func:`query_types` decides it."""
        return query_types(self._own)

    @cached_property
    def dates_holding_words(self) -> frozenset[str]:
        """The attributes of dates of which a document holds a word
        (:func:`dates_holding_words`)."""
        return dates_holding_words(self._own, self.types)

    @cached_property
    def numbers_holding_years(self) -> frozenset[str]:
        """The attributes of numbers of which a document holds a year
        (:func:`numbers_holding_years`)."""
        return numbers_holding_years(self._own, self.types)

    def holds_text(self, name: str, text: str) -> bool:
        """Whether a document holds ``text`` as the text value of attribute ``name``
        (casefolded), as a query compares texts (:func:`~.values.text_key`): an identifier
        written with zeros (``010``) held as written, which ``name=010`` then means, not the
        number 10 another document holds (as an import may give them)."""
        wanted = text_key(text.strip())
        return any(
            isinstance(value := values.get(name), str) and text_key(value.strip()) == wanted
            for values in self._own.values()
        )

    def __call__(self, document: str, name: str) -> Value | None:
        """The value of attribute ``name`` (casefolded) of ``document``, or None."""
        value = self._own.get(document, {}).get(name)
        if value is not None or name in self._users:
            return value
        return self.format_values(document).get(name)

    def format_values(self, document: str) -> dict[str, Value]:
        found = self._format.get(document)
        if found is None:
            found = {}
            if self._load is not None:
                try:
                    found = {
                        n.casefold(): v for n, v in format_attributes(self._load(document)).items()
                    }
                except DocumentError:
                    found = {}
            self._format[document] = found
        return found
