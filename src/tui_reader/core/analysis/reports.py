"""Reports over coded passages: frequencies, a code x document (or attribute) matrix,
co-occurrence, and coverage.  Pure functions of placed annotations and document lengths.

Each report is a list of rows, one per code (in natural order: ``t1, t2, t14``), each a dict
whose keys are the columns; ``--format json`` prints exactly these, so keep their shapes stable:

- frequencies: ``{"tag", "passages", "documents", "characters", "coverage"}``; characters are the
  union of the code's ranges in each document (overlapping passages are not counted twice);
  coverage is characters over the length of every document in scope, a fraction 0-1 (whole,
  as agreement's figures: a CSV writes six significant digits of it, the tables a percent);
- matrix: ``{"tag", <column>: passages, ...}``, a column per document key or attribute value;
- cooccurrence: ``{"tag", <other tag>: count, ...}``: the places where two codes meet, i.e. a
  passage carrying both, or two passages of one coder that overlap, one carrying each
  (counted once per passage, or pair of passages: one coder's code beside another coder's is
  no co-occurrence, and two coders who coded a passage alike count it once each).
  Symmetric; a code is not paired with itself.

A column is named as its document, value or code is, but for one named ``tag``, which the row's
code holds: that column is ``tag (column)`` (and one named ``tag (column)`` is ``tag (column)
(column)``, and so on: :func:`column_key`, undone by :func:`column_name`).

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, combinations
from typing import TYPE_CHECKING, Any, Protocol, cast, overload

from tui_reader.core.analysis.coded import Placed
from tui_reader.core.analysis.coverage import merged_length
from tui_reader.core.analysis.scope_records import Passage
from tui_reader.core.annotations.model import Annotation, reading_order
from tui_reader.core.codebook.names import in_scope, in_tag_order, rolled_up
from tui_reader.core.natural_order import natural_key

if TYPE_CHECKING:
    from tui_reader.core.analysis.values import Value

Row = dict[str, Any]


class Coded(Placed, Protocol):
    """What a report reads of a coded passage: an :class:`Annotation`, or a
    :class:`~tui_reader.core.analysis.scope_records.Passage` made from its record."""

    @property
    def coder(self) -> str: ...


NO_VALUE = "(none)"  # the matrix column of documents without the attribute
LABEL = "tag"  # the key of a row's code
# What a co-occurrence counts, said by report --help and over the app's table
MEETING_PLACE = (
    "a passage carrying both or two overlapping passages of one coder, one carrying each"
)
_APART = " (column)"  # what sets a column named as LABEL apart from it


def column_where(by: str, name: str, columns: Iterable[str] = ()) -> str:
    """The filter of a matrix's column ``name`` by ``by`` (``document`` or an attribute), as a
    query reads it back: ``doc:"x.txt"``, ``country="México"``; the column of the documents
    without the attribute (:data:`NO_VALUE`) is ``country=""``, and that of a text written
    so (:func:`value_column`: ``"(none)"``) the documents holding that text.  Where another
    of the matrix's ``columns`` is a date, a year or a month the column's date, year or month
    takes in (``date=2019`` holds ``2019-05-01``), the filter leaves it out
    (:func:`_dates_apart`)."""
    from tui_reader.core.analysis.query import quoted, quoted_name

    if by == "document":
        return f"doc:{quoted_name(name)}"
    if name == NO_VALUE:
        return f'{by}=""'
    if (apart := _dates_apart(by, name, columns)) is not None:
        return apart
    value = _unquoted(name) if _stands_apart(name) else None
    return f"{by}={quoted(name if value is None else value)}"


def _dates_apart(by: str, name: str, columns: Iterable[str]) -> str | None:
    """The filter of the column of the date, year or month ``name`` that takes none of the
    other ``columns`` a comparison with it takes (an equal date is one that overlaps it:
    ``date=2019`` holds ``2019-05-01``, and ``2019-05-01 10:00``, which is its day), or None
    when no other column is one of those.  A year is the documents whose date holds its first
    and its last day (``date=2019-01-01 AND date=2019-12-31``: only the year does); a month
    likewise, but not a day of its year outside it (the year holds that too); a day is the
    documents whose date holds it but not the next day of its month (a month or a year would),
    nor a time of that day that has a column of its own."""
    import datetime as dt

    from tui_reader.core.analysis.query import quoted
    from tui_reader.core.analysis.values import ValueType, date_period, moment_day, type_of

    def span(value: str) -> tuple[str, str] | None:
        return (value, value) if type_of(value) is ValueType.DATE else date_period(value)

    own = span(name)
    if own is None:
        return None
    first, last = own
    wider = moments = narrower = False
    kept: list[str] = []
    for other in columns:
        if other == name:
            continue
        day = moment_day(other)
        if day is not None and first <= day <= last:
            moments = True
            if first == last:
                kept.append(f"NOT {by}={quoted(other)}")  # a time of that day
        elif (held := span(other)) is not None and held[0] <= last and first <= held[1]:
            if held[0] <= first and last <= held[1]:
                wider = True  # a period holding the column's
            else:
                narrower = True
    if not (wider or narrower or moments):
        return None
    if first == last:  # a day
        after = dt.date.fromisoformat(first) + dt.timedelta(days=1)
        if after.month != int(first[5:7]):
            after = dt.date.fromisoformat(first) - dt.timedelta(days=1)
        outside = [f"NOT {by}={after.isoformat()}"] if wider else []
        return " AND ".join([f"{by}={first}", *outside, *kept])
    parts = [f"{by}={first}", f"{by}={last}"]
    if wider:  # a month: not its year
        parts.append(f"NOT {by}={first[:4]}-{'12-31' if first[5:7] == '01' else '01-01'}")
    return " AND ".join(parts)


def value_column(shown: str) -> str:
    """The name of the column of the text value ``shown``: itself, but that the word
    ``(none)`` (:data:`NO_VALUE`, the column of no value) is ``"(none)"`` in quotes, as the
    query language writes it, ``"(none)"`` is ``"\\"(none)\\""``, and so on, so that no two
    columns share a name."""
    from tui_reader.core.analysis.query import quoted

    return quoted(shown) if _stands_apart(shown) else shown


def _stands_apart(name: str) -> bool:
    """Whether ``name`` is :data:`NO_VALUE`, or it quoted once or more."""
    while name != NO_VALUE:
        inner = _unquoted(name)
        if inner is None:
            return False
        name = inner
    return True


def _unquoted(name: str) -> str | None:
    """The text ``name`` quotes (``"say \\"hi\\""``: ``say "hi"``), None when it quotes none."""
    from tui_reader.core.analysis.query import quoted

    if len(name) < 2 or name[0] != '"' or name[-1] != '"':
        return None
    inner = re.sub(r"\\(.)", r"\1", name[1:-1])
    return inner if quoted(inner) == name else None


def column_key(name: str) -> str:
    """The key of the column of a document, value or code ``name`` in a row: ``name``, but
    that ``tag`` (the row's own code) is ``tag (column)``, ``tag (column)`` is ``tag (column)
    (column)``, and so on, so no two names share a key."""
    if name.startswith(LABEL) and _is_apart(name[len(LABEL) :]):
        return name + _APART
    return name


def column_name(key: str) -> str:
    """The document, value or code of the column ``key`` (:func:`column_key` undone)."""
    if key.startswith(LABEL) and key.endswith(_APART) and _is_apart(key[len(LABEL) :]):
        return key[: -len(_APART)]
    return key


def _is_apart(rest: str) -> bool:
    return len(rest) % len(_APART) == 0 and rest == _APART * (len(rest) // len(_APART))


def column_order(value: str) -> tuple[int, float, tuple[str | int, ...], str]:
    """Sort key of a matrix's columns (documents, an attribute's values): numbers in numeric
    order (a date, or a year and month, after its year: ``2019``, ``2019-05``, ``2019-05-01``,
    ``2020``), then text in natural order (``wave2`` before ``wave10``, as the library lists
    documents; case aside, then as spelled), then the documents without a value."""
    if value == NO_VALUE:
        return (2, 0.0, (), "")
    if day := _DAY.fullmatch(value):  # among the years of a column mixing 2019 and 2019-05-01
        return (0, float(day[1]), tuple(int(part) for part in day.groups()[1:] if part), value)
    if moment := _DAY_AND_TIME.fullmatch(value):  # a survey's 2019-05-01 10:00: after its day
        from tui_reader.core.analysis.values import instant

        # on its day, among its times in the order a query finds them in (a zone as
        # values.instant sets it: 10:00+02:00 is 08:00, 2019-05-02T01:00+02:00 on May 1)
        at = instant(value)
        if at is not None:
            micro = (at - _EPOCH) // _MICROSECOND
            return (0, float(at.year), (at.month, at.day, micro), value)
        return (0, float(moment[1]), tuple(int(part or 0) for part in moment.groups()[1:]), value)
    if _NUMBER.fullmatch(value):  # as a number is written: not "Nan", "Infinity", "1_000"
        number = float(value)
        if math.isfinite(number):
            return (0, number, (), value)
    return (1, 0.0, natural_key(value), value)


_DAY = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")  # a date, or a year and month
# a date and a time of day (its seconds, its zone aside: ordered as written)
_DAY_AND_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?\S*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_EPOCH = dt.datetime(1, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)


def attribute_columns(
    keys: Iterable[str], value_of: Callable[[str], Value | None]
) -> tuple[list[str], Callable[[str], str]]:
    """The columns of a matrix by an attribute over the documents ``keys`` (``value_of``:
    a document's value, None when it has none), in :func:`column_order`, and the column of a
    document.  Values a query takes as one (:func:`~.values.text_key`: ``México``,
    ``mexico``) are one column, named as most of its documents spell it."""
    # (the library's counts load this module with the first screen: not the values' module)
    from tui_reader.core.analysis.values import (
        ValueType,
        date_period,
        instant,
        number_written,
        show_value,
        text_key,
        type_of,
    )

    groups: dict[str, Counter[str]] = {}

    def group_of(value: Value | None) -> tuple[str, str]:
        # (no value's group is "": no text key of a value that is not blank is empty)
        if value is None or (isinstance(value, str) and not value.strip()):
            return "", NO_VALUE
        shown = show_value(value)
        if type_of(value) is not ValueType.TEXT:
            return shown, shown
        if (at := instant(shown)) is not None:
            # a time, however written (2019-05-01T10:00, 2019-05-01 10:00:00): the one
            # column a query of it finds them all in (its group no text key can be: a T)
            return at.isoformat(), shown
        if (period := date_period(shown)) is not None:
            # a year or a month held as text (2019-05 beside 2019-5): the column of that
            # period, which a query of either takes
            first, last = period
            return first[:7] if first[:7] == last[:7] else first[:4], shown
        if (number := number_written(shown)) is not None:
            # a number held as text (wave=10 beside wave=10.0 and wave=pilot): the column of
            # that number, which a query of either takes (a number held as one is its too)
            return show_value(number), value_column(unicodedata.normalize("NFC", shown))
        named = value_column(unicodedata.normalize("NFC", shown))  # named composed
        return text_key(shown), named

    of_key: dict[str, str] = {}
    # each value's group worked out once (100,000 documents hold a few dozen values); by its
    # type too, as 1, 1.0 and True are one key of a dict
    seen: dict[tuple[type, Value | None], tuple[str, str]] = {}
    spelled: Counter[tuple[str, str]] = Counter()  # (group, spelling): documents
    for key in keys:
        value = value_of(key)
        found = seen.get((type(value), value))
        if found is None:
            found = seen[type(value), value] = group_of(value)
        spelled[found] += 1
        of_key[key] = found[0]
    for (group, shown), count in spelled.items():
        groups.setdefault(group, Counter())[shown] += count
    names = {g: min(c, key=lambda s: (-c[s], s)) for g, c in groups.items()}

    def column_of(key: str) -> str:
        group = of_key.get(key)
        if group is None:  # a document not among ``keys``: its own spelling, if new
            group, shown = group_of(value_of(key))
            return names.get(group, shown)
        return names[group]

    return sorted(names.values(), key=column_order), column_of


def documents_by_value(
    keys: Iterable[str], value_of: Callable[[str], Value | None]
) -> dict[str, int]:
    """Each of the documents ``keys``' place in the order of their value (``value_of``: a
    document's value of an attribute, None when it has none) as a matrix by that attribute
    orders its columns (:func:`attribute_columns`: numbers and dates in their order, then
    texts, then no value), by key within a value: a timeline of passages by their documents'
    dates (``query --sort``, the query view's ``o``); {} when none has a value."""
    keys = sorted(keys)
    columns, column_of = attribute_columns(keys, value_of)
    if columns == [NO_VALUE] or not columns:
        return {}
    place = {column: n for n, column in enumerate(columns)}
    ordered = sorted(keys, key=lambda key: place[column_of(key)])  # stable: by key within
    return {key: n for n, key in enumerate(ordered)}


def at_depth(annotations: Iterable[Coded], depth: int, wanted: Sequence[str] = ()) -> list[Passage]:
    """``annotations`` with their codes taken at their first ``depth`` levels
    (:class:`CodesAt`), so a parent's row counts every passage coded with it or a code below
    it once, however many of those codes the passage carries (``report --depth``, the
    reports view's ``d``)."""
    at = CodesAt(depth, wanted)
    return [Passage(a.document, a.start, a.end, at(a.tags), a.coder) for a in annotations]


class CodesAt:
    """A passage's codes taken at their first ``depth`` levels
    (:func:`~tui_reader.core.codebook.names.rolled_up`: ``militarization/bases`` and
    ``militarization/training`` at depth 1 are ``militarization``), each once, in the order
    of the codes they come from; a code outside ``wanted`` as it is (no report row takes
    it); with ``depth`` None, the codes as they are."""

    def __init__(self, depth: int | None, wanted: Sequence[str] = ()) -> None:
        self.depth = depth
        self.wanted = wanted
        self._rolled: dict[str, str] = {}  # a few hundred codes on 100,000 passages: cut once

    def __call__(self, tags: Sequence[str]) -> Sequence[str]:
        if self.depth is None:
            return tags
        return list(dict.fromkeys(map(self._cut, tags)))

    def _cut(self, tag: str) -> str:
        found = self._rolled.get(tag)
        if found is None:
            depth, wanted = self.depth, self.wanted
            assert depth is not None
            found = rolled_up(tag, depth, wanted) if in_scope(tag, wanted) else tag
            self._rolled[tag] = found
        return found


def report_tags(annotations: Iterable[Coded], wanted: Sequence[str] = ()) -> list[str]:
    """The codes a report has rows for: those the passages carry (within ``wanted`` when
    given: a code and the codes below it), in the order codes are listed (natural:
    ``t1, t2, t14``)."""
    found = {t for a in annotations for t in a.tags}
    if wanted:
        found = {t for t in found if any(t == w or t.startswith(w + "/") for w in wanted)}
    return in_tag_order(found)


def frequencies(
    annotations: Sequence[Coded], lengths: Mapping[str, int], tags: Sequence[str] = ()
) -> list[Row]:
    """Per code: passages, documents, coded characters, coverage of the documents in scope
    (``lengths``: document key -> code points)."""
    names = report_tags(annotations, tags)
    wanted = set(names)
    passages: dict[str, int] = dict.fromkeys(names, 0)
    documents: dict[str, int] = dict.fromkeys(names, 0)
    characters: dict[str, int] = dict.fromkeys(names, 0)
    ranges: dict[tuple[str, str], list[tuple[int, int]]] = {}
    if set(map(type, annotations)) <= {Passage}:  # a report's 100,000: unpacked, inlined
        get = ranges.get
        for document, start, end, codes, _ in cast("Sequence[Passage]", annotations):
            span = (start, end)
            for tag in codes if len(codes) == 1 else dict.fromkeys(codes):
                if tag in wanted:
                    passages[tag] += 1
                    key = (tag, document)
                    found = get(key)
                    if found is None:
                        ranges[key] = [span]
                    else:
                        found.append(span)
    else:
        for a in annotations:
            for tag in _tags_in(a, wanted):
                passages[tag] += 1
                key = (tag, a.document)
                found = ranges.get(key)
                if found is None:
                    ranges[key] = [(a.start, a.end)]
                else:
                    found.append((a.start, a.end))
    for (tag, _), spans in ranges.items():
        documents[tag] += 1
        characters[tag] += spans[0][1] - spans[0][0] if len(spans) == 1 else merged_length(spans)
    total = sum(lengths.values())
    return [
        {
            "tag": tag,
            "passages": passages[tag],
            "documents": documents[tag],
            "characters": characters[tag],
            "coverage": characters[tag] / total if total else 0.0,
        }
        for tag in names
    ]


def _tags_in(annotation: Coded, wanted: set[str]) -> Iterable[str]:
    """The annotation's codes among ``wanted``, each once."""
    tags = annotation.tags
    if len(tags) == 1:
        return tags if tags[0] in wanted else ()
    return [t for t in dict.fromkeys(tags) if t in wanted]


def matrix(
    annotations: Sequence[Coded],
    columns: Sequence[str],
    column_of: Callable[[str], str] = lambda key: key,
    tags: Sequence[str] = (),
) -> list[Row]:
    """Passages per code and column: ``column_of(document key)`` names the column (the key
    itself, or an attribute's value); ``columns`` gives their order (others are appended)."""
    names = report_tags(annotations, tags)
    wanted = set(names)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    order = dict.fromkeys(map(column_key, columns))
    column_of_document: dict[str, str] = {}  # each document's column, named once
    for a in annotations:
        column = column_of_document.get(a.document)
        if column is None:
            column = column_of_document[a.document] = column_key(column_of(a.document))
            order.setdefault(column)
        tags_of = a.tags
        if len(tags_of) == 1:  # most passages: one code
            if tags_of[0] in wanted:
                counts[tags_of[0]][column] += 1
            continue
        for tag in _tags_in(a, wanted):
            counts[tag][column] += 1
    zeros = dict.fromkeys(order, 0)
    return [{"tag": tag, **zeros, **counts[tag]} for tag in names]  # in the columns' order


def coder_matrix(annotations: Sequence[Coded], tags: Sequence[str] = ()) -> list[Row]:
    """Passages per code and coder: ``{"tag", <coder>: passages, ...}``, a column for each
    coder of the passages (in the order of a matrix's values: natural, case aside), as a
    coder report of QualCoder's or NVivo's counts them."""
    names = report_tags(annotations, tags)
    wanted = set(names)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    coders: set[str] = set()
    for a in annotations:
        coders.add(a.coder)
        for tag in _tags_in(a, wanted):
            counts[tag][column_key(a.coder)] += 1
    zeros = dict.fromkeys((column_key(c) for c in sorted(coders, key=column_order)), 0)
    return [{"tag": tag, **zeros, **counts[tag]} for tag in names]


def cooccurrence(
    annotations: Sequence[Coded], tags: Sequence[str] = (), *, at_most: int | None = None
) -> list[Row]:
    """Code x code: how many places the two codes meet (see the module docstring).
    ``at_most``: only that many codes, those meeting the others most (a table of thousands
    of codes cannot be read on a screen), in the codes' order."""
    return list(cooccurrence_rows(annotations, tags, at_most=at_most))


def cooccurrence_rows(
    annotations: Sequence[Coded], tags: Sequence[str] = (), *, at_most: int | None = None
) -> CooccurrenceRows:
    """The rows of :func:`cooccurrence`, each made as it is read, for a table written a row
    at a time: the rows of 2,000 codes, each of 2,000 keys, held at once were 140 MB."""
    names = report_tags(annotations, tags)
    counts = _meetings(annotations, set(names))
    partners: dict[str, dict[str, int]] = {}
    for (first, second), count in counts.items():
        partners.setdefault(first, {})[second] = count
        partners.setdefault(second, {})[first] = count
    if at_most is not None and len(names) > at_most:
        met = {name: sum(partners.get(name, {}).values()) for name in names}
        kept = set(sorted(names, key=lambda name: -met[name])[:at_most])
        names = [name for name in names if name in kept]
    return CooccurrenceRows(names, partners)


class CooccurrenceRows(Sequence[Row]):
    """A co-occurrence's rows (``{"tag", <other tag>: count, ...}``, in the codes' order),
    each made when it is read from the pairs that meet: a row is a new dict each time."""

    def __init__(self, names: list[str], partners: dict[str, dict[str, int]]) -> None:
        self.names = names
        self.partners = partners
        self.keys = {name: column_key(name) for name in names}
        self.zeros = dict.fromkeys(self.keys.values(), 0)

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self._row(tag) for tag in self.names[index]]
        return self._row(self.names[index])

    def __iter__(self) -> Iterator[Row]:
        return map(self._row, self.names)

    def _row(self, tag: str) -> Row:
        keys = self.keys
        row: Row = {"tag": tag, **self.zeros}
        del row[keys[tag]]
        for other, count in self.partners.get(tag, {}).items():
            if other in keys:
                row[keys[other]] = count
        return row


def _meetings(annotations: Sequence[Coded], wanted: set[str]) -> Counter[tuple[str, str]]:
    """How many places each pair of ``wanted`` codes meets, by pairs ``(x, y)``, ``x < y``,
    that meet at least once (thousands of codes make millions of pairs that never meet).

    One sweep over each coder's passages of a document in the order they start, keeping those
    still open: a passage is met with them by counting how many of them carry each code, never
    one by one (5,000 passages stacked on one place are 12.5 million pairs).  A coder's many
    passages of a document (:data:`ARRAYS_FROM`) carrying many codes (:data:`ARRAYS_FOR`)
    are counted as arrays instead, when the codes are few enough for a table of every pair
    (:data:`ARRAY_CODES`): 500 codes meeting on thousands of passages were seconds of a code
    and a pair at a time (a few codes are counted as fast one at a time).

    A coder's few passages of a document (:data:`PAIRWISE_UP_TO`, most of them: 100,000
    passages on 10,000 documents are three or four) are met pair by pair instead of swept,
    and the pairs met are put in a list counted in one call (:data:`COUNTED_AT`): a Counter
    updated for each pair of passages was most of a report's second."""
    counts: Counter[tuple[str, str]] = Counter()
    met: list[tuple[str, str]] = []  # pairs met, counted together (Counter.update: in C)
    by_document: dict[tuple[str, str], list[tuple[int, int, list[str]]]] = defaultdict(list)
    for a in annotations:
        mine = sorted(wanted.intersection(a.tags))
        if not mine:
            continue
        if a.start < a.end:  # a coder's passages meet that coder's
            by_document[(a.document, a.coder)].append((a.start, a.end, mine))
        elif len(mine) > 1:
            met.extend(combinations(mine, 2))
    arrays = _PairTable(sorted(wanted)) if len(wanted) <= ARRAY_CODES else None
    for passages in by_document.values():
        if arrays is not None and len(passages) >= ARRAYS_FROM and arrays.add(passages):
            continue
        for _, _, mine in passages:
            if len(mine) > 1:
                met.extend(combinations(mine, 2))
        if len(passages) > 1:  # a passage alone meets no other
            passages.sort(key=_first)
            if len(passages) <= PAIRWISE_UP_TO:
                _pairwise(passages, met, counts)
            else:
                _sweep(passages, counts)
        if len(met) >= COUNTED_AT:
            counts.update(met)
            met.clear()
    counts.update(met)
    if arrays is not None:
        arrays.counted(counts)
    return counts


PAIRWISE_UP_TO = 16  # one coder's passages of a document met pair by pair, at most
COUNTED_AT = 1 << 20  # pairs met held before they are counted (a list of 8 MB)


ARRAYS_FROM = 64  # one coder's passages of a document from which they are counted as arrays
ARRAYS_FOR = 50  # ... when they carry this many codes at least
ARRAY_CODES = 2000  # codes at most for a table of every pair (32 MB)
ARRAY_CELLS = 1 << 22  # passages x codes at most of one document's arrays (32 MB each)


class _PairTable:
    """The meetings of pairs of codes counted as arrays, in a table of every pair of the
    ``names`` (in order: a pair ``(x, y)``, ``x < y``, is the cell above the diagonal)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.ids = {name: i for i, name in enumerate(names)}
        self.table: Any = None  # made with the first document counted

    def add(self, passages: list[tuple[int, int, list[str]]]) -> bool:
        """Count the meetings of ``passages`` (one coder's in one document, none empty):
        the passages carrying both codes of a pair, and the pairs of passages overlapping,
        one carrying each, once a pair.  False when they are too many for arrays."""
        n, k = len(passages), len({c for p in passages for c in p[2]})
        if k < ARRAYS_FOR or n * k > ARRAY_CELLS:
            return False
        import numpy as np

        sizes = np.fromiter(map(len, (p[2] for p in passages)), np.int64, n)
        ids = self.ids
        codes = np.fromiter((ids[c] for p in passages for c in p[2]), np.int64, int(sizes.sum()))
        local, column = np.unique(codes, return_inverse=True)
        if self.table is None:
            self.table = np.zeros((len(self.names), len(self.names)), np.int64)
        starts = np.fromiter((p[0] for p in passages), np.int64, n)
        ends = np.fromiter((p[1] for p in passages), np.int64, n)
        order = np.argsort(starts, kind="stable")
        at = np.empty(n, np.int64)
        at[order] = np.arange(n)  # each passage's place in the order of their starts
        carries = np.zeros((n, k))  # passage x code: 1 where it carries it
        carrier = at[np.repeat(np.arange(n), sizes)]
        carries[carrier, column] = 1.0
        starts, ends, sizes = starts[order], ends[order], sizes[order]
        by_code = np.argsort(column, kind="stable")  # the codes' carriers, code after code
        carrier, column = carrier[by_code], column[by_code]
        # by pairs (A, B), A before B (by start) overlapping: B carrying x and A y
        before_b = _summed_by_code(_open_at_starts(carries, starts, ends), carrier, column, k)
        met = _summed_by_code(carries, carrier, column, k) + before_b + before_b.T  # and both
        # a pair both of whose passages carry both x and y was counted twice: once less
        several = sizes > 1
        if np.count_nonzero(several) > 1:
            rows, first, last = carries[several], starts[several], ends[several]
            for x in np.flatnonzero(rows.sum(axis=0) > 1):
                on = rows[:, x] > 0
                them = rows[on]
                met[x] -= (them * _open_at_starts(them, first[on], last[on])).sum(axis=0)
        np.fill_diagonal(met, 0)
        self.table[np.ix_(local, local)] += np.rint(met).astype(np.int64)
        return True

    def counted(self, counts: Counter[tuple[str, str]]) -> None:
        """Add the table's pairs that meet to ``counts``."""
        import numpy as np

        if self.table is None:
            return
        xs, ys = np.nonzero(np.triu(self.table, 1))
        names, table = self.names, self.table
        for x, y, count in zip(xs.tolist(), ys.tolist(), table[xs, ys].tolist(), strict=True):
            counts[(names[x], names[y])] += count


def _summed_by_code(rows: Any, carrier: Any, column: Any, k: int) -> Any:
    """For each code ``x`` (of ``k``), the sum of ``rows`` of the passages carrying it: the
    ``carrier`` (a row) of each code ``column`` (in the order of the codes).  What the
    product of the passages' codes (transposed) and ``rows`` is, without a matrix product:
    BLAS's threads spun on a busy machine's cores, 14 s for what one thread does in 1.8 s.
    A part of the carriers at a time (:data:`ARRAY_CELLS` values)."""
    import numpy as np

    summed = np.zeros((k, rows.shape[1]))
    step = max(1, ARRAY_CELLS // max(1, rows.shape[1]))
    for low in range(0, len(carrier), step):
        codes = column[low : low + step]
        firsts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        summed[codes[firsts]] += np.add.reduceat(rows[carrier[low : low + step]], firsts, axis=0)
    return summed


def _open_at_starts(carries: Any, starts: Any, ends: Any) -> Any:
    """For each passage (rows of ``carries``, in the order of their ``starts``), how many of
    those before it still open at its start carry each code: those before it, less those
    ended by then (each of which started before it)."""
    import numpy as np

    n, k = carries.shape
    before = np.zeros((n + 1, k))
    np.cumsum(carries, axis=0, out=before[1:])
    by_end = np.argsort(ends, kind="stable")
    ended = np.zeros((n + 1, k))
    np.cumsum(carries[by_end], axis=0, out=ended[1:])
    return before[:-1] - ended[np.searchsorted(ends[by_end], starts, side="right")]


def _sweep(passages: list[tuple[int, int, list[str]]], counts: Counter[tuple[str, str]]) -> None:
    """Add to ``counts`` the pairs of ``passages`` (sorted by start) that share a character,
    each pair counted once for each pair of codes ``(x, y)``, ``x < y``, that one carries
    ``x`` and the other ``y``.

    For a passage B and the passages open at its start, the pair (x, y) is met by
    ``open[x]`` passages carrying x when B carries y, ``open[y]`` when it carries x, less
    ``open[x and y]`` when B carries both (those were counted twice)."""
    ends: list[tuple[int, int]] = []  # a heap of the open passages' (end, index)
    open_codes: Counter[str] = Counter()  # open passages carrying each code
    open_pairs: Counter[tuple[str, str]] = Counter()  # ... carrying both codes of a pair
    for index, (start, end, own) in enumerate(passages):
        while ends and ends[0][0] <= start:
            _, gone = heapq.heappop(ends)
            theirs = passages[gone][2]
            open_codes.subtract(theirs)
            for code in theirs:
                if not open_codes[code]:
                    del open_codes[code]
            if len(theirs) > 1:
                for pair in combinations(theirs, 2):
                    left = open_pairs[pair] - 1
                    if left:
                        open_pairs[pair] = left
                    else:
                        del open_pairs[pair]
        if len(ends) <= len(open_codes):  # few open passages: met one by one
            for _, other in ends:
                theirs = passages[other][2]
                counts.update({(x, y) if x < y else (y, x) for x in own for y in theirs if x != y})
        else:
            for x in own:
                for y, many in open_codes.items():
                    if x != y:
                        counts[(x, y) if x < y else (y, x)] += many
            if len(own) > 1:
                for pair in combinations(own, 2):
                    both = open_pairs.get(pair)
                    if both:
                        counts[pair] -= both
        heapq.heappush(ends, (end, index))
        open_codes.update(own)
        if len(own) > 1:
            open_pairs.update(combinations(own, 2))


def _pairwise(
    passages: list[tuple[int, int, list[str]]],
    met: list[tuple[str, str]],
    counts: Counter[tuple[str, str]],
) -> None:
    """Add to ``met`` the pairs of codes :func:`_sweep` counts for ``passages`` (sorted by
    start), found pair of passages by pair: each passage meets those after it that start
    before it ends.  ``met`` is counted into ``counts`` and emptied as it grows long
    (:data:`COUNTED_AT`: passages carrying hundreds of codes each meet in many pairs)."""
    for index, (_, end, own) in enumerate(passages):
        for start, _, theirs in passages[index + 1 :]:
            if start >= end:  # (sorted: no later one starts sooner)
                break
            met.extend({(x, y) if x < y else (y, x) for x in own for y in theirs if x != y})
            if len(met) >= COUNTED_AT:
                counts.update(met)
                met.clear()


def _first(passage: tuple[int, int, list[str]]) -> int:
    return passage[0]


def meeting_passages(
    annotations: Sequence[Annotation], first: str, second: str, depth: int | None = None
) -> list[Annotation]:
    """The passages where codes ``first`` and ``second`` meet (what a co-occurrence cell
    counts): those carrying both, and overlapping pairs of one coder carrying one each.  In
    order.  A passage carrying one code alone meets the other where a passage of its coder
    carrying the other overlaps it: looked for by their starts and the furthest end among
    those starting before it ends, never pair by pair (thousands stacked on one place).
    ``depth``: the codes taken at their first ``depth`` levels, as :func:`at_depth` takes
    them."""
    codes_of = CodesAt(depth)
    met: dict[str, Annotation] = {}
    carrying: dict[tuple[str, str], tuple[list[Annotation], list[Annotation]]] = {}
    for a in annotations:
        tags = codes_of(a.tags)
        has = (first in tags, second in tags)
        if all(has):
            met[a.id] = a
        if any(has) and a.start < a.end:  # a coder's passages meet that coder's
            group = carrying.setdefault((a.document, a.coder), ([], []))
            for held, found in zip(has, group, strict=True):
                if held:
                    found.append(a)
    for with_first, with_second in carrying.values():
        for own, others in ((with_first, with_second), (with_second, with_first)):
            if not own or not others:
                continue
            others = sorted(others, key=_start)
            starts = [b.start for b in others]
            furthest = list(accumulate((b.end for b in others), max))
            for a in own:
                before = bisect_left(starts, a.end)  # the others starting before a ends
                if before and furthest[before - 1] > a.start:  # one of them ends after a starts
                    met[a.id] = a  # (not a itself: a carrying both is met already)
    return sorted(met.values(), key=reading_order)


def cell_query(first: str, second: str, itself: Collection[str] = ()) -> str:
    """The query a co-occurrence cell of codes ``first`` and ``second`` stands for, its field
    in the query view: the passages of each that meet a passage of the other (one carrying
    both, two of one coder overlapping), which :func:`meeting_passages` lists.  A code of
    ``itself`` (:func:`counted_itself`) is written ``exactly:"code"``: its row counts the
    passages coded with it, not those of a code below it, which the code alone would take."""
    from tui_reader.core.analysis.query import quoted

    one, other = (f"exactly:{quoted(c)}" if c in itself else quoted(c) for c in (first, second))
    return f"{one} OVERLAPS {other} OR {other} OVERLAPS {one}"


def counted_itself(codes: Iterable[str], depth: int | None, tags: Iterable[str]) -> frozenset[str]:
    """Those of ``codes`` (a report's rows) whose row counts the passages coded with the code
    itself while a code below it is carried (one of ``tags``): with the codes each apart
    (``depth`` None), or at a depth deeper than the code (at depth 2, ``security`` counts
    its own passages; those of ``security/border/wall`` are ``security/border``'s)."""
    shallow = [c for c in codes if depth is None or c.count("/") + 1 < depth]
    if not shallow:
        return frozenset()
    carried = set(tags)
    return frozenset(c for c in shallow if any(t.startswith(c + "/") for t in carried))


def passages_meeting(
    passages: Sequence[Annotation], code: str, others: Iterable[Annotation]
) -> list[Annotation]:
    """Those of ``passages`` that meet ``code`` as a co-occurrence counts a meeting: carrying
    it (or a code below it), or sharing a character with a passage of ``others`` carrying it
    of their coder in their document (two coders' passages never meet).  In the order
    given.  ``query A --meets B`` lists A's side of a co-occurrence cell; with ``B --meets
    A``, the passages :func:`meeting_passages` gives.  Found by the others' starts and the
    furthest end among those starting before a passage ends, never pair by pair."""
    below = code + "/"

    def carries(a: Annotation) -> bool:
        return any(t == code or t.startswith(below) for t in a.tags)

    grouped: dict[tuple[str, str], list[Annotation]] = {}
    for b in others:
        if b.start < b.end and carries(b):
            grouped.setdefault((b.document, b.coder), []).append(b)
    places: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
    for key, group in grouped.items():
        group.sort(key=_start)
        places[key] = ([b.start for b in group], list(accumulate((b.end for b in group), max)))
    met: list[Annotation] = []
    for a in passages:
        if carries(a):
            met.append(a)
            continue
        found = places.get((a.document, a.coder))
        if found is None or a.start >= a.end:
            continue
        starts, furthest = found
        before = bisect_left(starts, a.end)  # the others starting before a ends
        if before and furthest[before - 1] > a.start:  # one of them ends after a starts
            met.append(a)
    return met


def _start(annotation: Annotation) -> int:
    return annotation.start
