"""The gate in front of every import: the file's JSON read strictly and every record checked,
field by field, against the types and ranges the store holds, before anything is written.

A problem is reported as ``FILE: record N: field: what is wrong`` (N counts from 1, as the
records stand in the file); an import leaves out each bad record alone, said
(:func:`~.importing.readable_records`), and refuses a file none of whose records is good.

- JSON: no ``NaN``/``Infinity``, no number beyond a float (``1e999``), no integer of more than
  :data:`MAX_INT_DIGITS` digits, no nesting deeper than :data:`MAX_DEPTH`;
- a record (``export --format json``): ``id``, ``document``, ``quote`` strings; ``start`` and
  ``end`` whole numbers in ``0 .. MAX_OFFSET``; ``tags`` a list of strings; ``note``,
  ``prefix``, ``suffix``, ``created``, ``updated``, ``doc_sha256``, ``coder`` strings;
  ``status`` one of anchored, fuzzy, orphan; ``revision`` a whole number >= 0.  No string holds
  NUL; a ``document`` is a relative path that stays inside the database's folder;
- the annotations a W3C file yields pass the same field checks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import itemgetter
from pathlib import PurePosixPath
from typing import Any

from tui_reader.core import exact_json
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.collector import collector_paused
from tui_reader.core.display import said_name
from tui_reader.core.errors import ImportFormatError

MAX_DEPTH = 64
MAX_INT_DIGITS = 18
MAX_OFFSET = 2**53
MAX_SHORT = 1024  # code points of an id, a tag, a document key, a date
# Code points of a note, a quote, its context, at most: a passage quoting a whole book (War and
# Peace is 3.2 million) is far shorter.  A note of 200 MB was taken whole: 1.46 GB resident
# to import it, and a database of twice its size.
MAX_TEXT = 16 * 2**20
# What a string longer than MAX_TEXT is read as when it is left out as the file is read
# (long_strings): a NUL, which no string taken holds, said as too long.
TOO_LONG = "\x00longer than MAX_TEXT"
MAX_REPORTED = 5

_STRINGS = ("quote", "note", "prefix", "suffix", "created", "updated", "doc_sha256", "coder")
_SHORT = ("id", "document", "created", "updated", "doc_sha256", "coder")


class BadNumber:
    """A number JSON holds but the store cannot (``NaN``, ``1e999``, 5,000 digits): kept in
    place while parsing so the record check can name its record and field."""

    def __init__(self, reason: str, digits: str | None = None, written: str = "NaN") -> None:
        self.reason = reason
        self.digits = digits  # an integer's, as written: a value that is no offset takes it
        self.written = written  # as the file writes it: NaN, -Infinity, 1e999, the digits

    def __repr__(self) -> str:
        return self.reason


def as_json(value: object) -> object:
    """What :func:`json.dumps` writes for a :class:`BadNumber` (its ``default``), which it
    cannot write itself: the number as it writes one (``NaN``, ``Infinity``, the integer;
    digits past Python's own limit as a text).  A line naming what a file holds, or an id
    made of it, dumps what the file holds, numbers of every kind among it."""
    if not isinstance(value, BadNumber):
        raise TypeError(f"{type(value).__name__} is not JSON")
    if value.digits is None:
        return float(value.written)
    try:
        return int(value.digits)
    except ValueError:  # more digits than int() reads
        return value.digits


def _constant(name: str) -> BadNumber:
    return BadNumber(f"{name} is not a number the store takes", written=name)


def _float(text: str) -> float | BadNumber:
    value = float(text)
    if not math.isfinite(value):
        return BadNumber(f"the number {text[:20]} is too large", written=text)
    return value


def _int(text: str) -> int | BadNumber:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return BadNumber(f"an integer of {len(text)} digits is too large", text, text)
    return int(text)


_IS_DICT = frozenset({dict}).__contains__
_IS_LIST = frozenset({list}).__contains__
_IS_NESTED = frozenset({dict, list}).__contains__


def _deepest(data: Any, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of lists and objects in parsed JSON (``[{}]`` is 2); past
    ``limit`` levels the count stops (a number beyond it: too deep).  Walked a level at a
    time, each level's values sorted by their type in C: looking at each of 100,000
    records' 1.5 million values in Python took twice as long.  As :func:`json.loads`
    makes them, a list is a ``list`` and an object a ``dict`` (never a subclass)."""
    level = [data] if _IS_NESTED(type(data)) else []
    depth = 0
    while level and depth <= limit:
        depth += 1
        kinds = list(map(type, level))
        dicts = compress(level, map(_IS_DICT, kinds))
        lists = compress(level, map(_IS_LIST, kinds))
        inside = chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists))
        values = list(inside)
        level = list(compress(values, map(_IS_NESTED, map(type, values))))
    return depth


def not_json(source: str, exc: json.JSONDecodeError) -> str:
    """The line refusing ``source`` for the JSON error ``exc``, with its line and column (the
    decoder's "Invalid control character at" said once)."""
    where = f"line {exc.lineno}, column {exc.colno}"
    return f"{source}: not JSON ({exc.msg.removesuffix(' at')} at {where})"


def load_json(text: str, source: str) -> Any:
    """``text`` parsed as JSON, strictly; :class:`ImportFormatError` naming the problem."""
    deeper = f"{source}: JSON nested deeper than {MAX_DEPTH} levels"
    data = _plainly_read(text)
    try:
        if data is _NOT_READ:
            data = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(not_json(source, exc)) from exc
    except RecursionError as exc:  # nested past the parser's own limit (hundreds deep)
        raise ImportFormatError(deeper) from exc
    except ValueError as exc:
        raise ImportFormatError(f"{source}: {exc}") from exc
    if _deepest(data) > MAX_DEPTH:
        raise ImportFormatError(deeper)
    if '_bytes": "' in text:  # a file name that is not UTF-8, given by its bytes too
        from tui_reader.core.interchange.name_bytes import names_from_bytes

        data = names_from_bytes(data)
    return data


_NOT_READ = object()


def _plainly_read(text: str) -> Any:
    """``text`` read by orjson (a JSON export of 100,000 annotations: 0.3 s, against 0.6-1 s by
    ``json.loads`` with :func:`load_json`'s checks of each number), when the value is
    certainly the one :func:`load_json` gives: no integer of 19 digits or more (its own
    check's :class:`BadNumber`; orjson keeps them as numbers, or as floats), and the text
    read by orjson at all (it refuses ``NaN``, ``Infinity``, a number too large for a float,
    a lone surrogate's escape, which ``json.loads`` reads); :data:`_NOT_READ` otherwise, and
    for a short text (its reading takes less than loading orjson)."""
    if len(text) < exact_json.SHORT:
        return _NOT_READ
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in the text itself
        return _NOT_READ
    if exact_json.has_long_number(data):
        return _NOT_READ
    import orjson

    with collector_paused():  # 100,000 records' containers hold no cycle
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return _NOT_READ


def record_problems(record: Any) -> list[str]:
    """What is wrong with one record of a JSON export (``field: problem``); [] when fine."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    for name in ("id", "document", "start", "end", "quote"):
        if name not in record:
            problems.append(f"{name}: missing (the record has no {name!r})")
    for name in ("start", "end"):
        value = record.get(name)
        if isinstance(value, BadNumber):
            problems.append(f"{name}: {value.reason}")
        elif name in record and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET
        ):
            problems.append(f"{name}: {_kind(value)} is not a whole number 0..{MAX_OFFSET}")
    if "revision" in record:
        value = record["revision"]
        if isinstance(value, BadNumber):
            problems.append(f"revision: {value.reason}")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(f"revision: {_kind(value)} is not a whole number >= 0")
    for name in ("id", "document", *_STRINGS):
        if name in record:
            problems.extend(_string_problems(name, record[name]))
    if "tags" in record:
        tags = record["tags"]
        if not isinstance(tags, list):
            problems.append(f"tags: {_kind(tags)} is not a list of tag names")
        else:
            for n, tag in enumerate(tags, 1):
                problems.extend(_string_problems(f"tags[{n}]", tag, short=True))
    if "status" in record and record["status"] not in [str(s) for s in AnchorStatus]:
        problems.append(f"status: {_kind(record['status'])} is not anchored, fuzzy or orphan")
    return problems


def annotation_problems(annotation: Annotation) -> list[str]:
    """The field checks of :func:`record_problems` on an annotation a format built."""
    return record_problems(annotation.to_record())


def _string_problems(name: str, value: Any, *, short: bool = False) -> list[str]:
    if not isinstance(value, str):
        return [f"{name}: {_kind(value)} is not a string"]
    if value == TOO_LONG:
        return [f"{name}: longer than {MAX_TEXT:,} characters"]
    problems = []
    if "\x00" in value:
        problems.append(f"{name}: holds a NUL character")
    if (short or name in _SHORT) and len(value) > MAX_SHORT:
        problems.append(f"{name}: longer than {MAX_SHORT} characters")
    elif len(value) > MAX_TEXT:
        problems.append(f"{name}: longer than {MAX_TEXT:,} characters")
    if name in ("id", "document") and not value.strip():
        problems.append(f"{name}: empty")
    if name in ("id", "document") and (odd := _lone_surrogate(value, name)) is not None:
        problems.append(f"{name}: holds a lone surrogate (U+{ord(odd):04X}), which is no character")
    if name == "document" and value and not _relative(value):
        problems.append(f"{name}: {said_name(value, 60)} is not a path relative to the database")
    return problems


def document_key_problems(key: str) -> list[str]:
    """What the record check finds wrong with ``key`` as a record's ``document`` (a NUL, over
    :data:`MAX_SHORT` characters, empty, not a relative path): a project's attributes and
    memos name their documents by the same rule as its annotations."""
    return [p.removeprefix("document: ") for p in _string_problems("document", key)]


def _lone_surrogate(value: str, name: str) -> str | None:
    """The first lone surrogate in ``value`` (a ``\\ud800`` escape a JSON file may hold) that
    no file name or id is written with: any in an id; in a document's key, any but those
    Python reads a byte of a file name that is not UTF-8 as (U+DC80..U+DCFF, "caf\\udce9.txt").
    Taken in, one made `import` end in a traceback, or every later `export` when in a key."""
    try:
        value.encode("utf-8", "surrogateescape" if name == "document" else "strict")
    except UnicodeEncodeError as exc:
        return value[exc.start]
    return None


def _relative(key: str) -> bool:
    """A relative POSIX path (not absolute, no drive), as document keys are.  A key may climb
    out of the database's folder (``../corpus/a.txt``: a database kept beside its corpus
    writes such keys); what it names is read only when it lies inside the corpus being read,
    else its annotations are orphans (:meth:`Workspace.check_inside`)."""
    path = PurePosixPath(key.replace("\\", "/"))
    return not path.is_absolute() and ":" not in path.parts[0]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, BadNumber):
        return value.reason
    shown = (
        json.dumps(value) if isinstance(value, str | int | float | bool) else type(value).__name__
    )
    return shown if len(shown) <= 40 else shown[:37] + "..."


def check_records(
    records: Sequence[Any], source: str, also: Sequence[str] = (), verb: str = "imported"
) -> None:
    """:class:`ImportFormatError` naming the first bad records (index and field), then the
    problems ``also`` found in the rest of the file (a project's codebook, memos, values);
    ``verb``: what the command does with the file ("nothing merged")."""
    if records_fine(records):
        _raise(list(also), source, verb)
        return
    _raise(
        [f"record {n}: {p}" for n, r in enumerate(records, 1) for p in record_problems(r)]
        + list(also),
        source,
        verb,
    )


def check_annotations(
    annotations: Sequence[Annotation], source: str, verb: str = "imported"
) -> None:
    """:class:`ImportFormatError` naming the first annotations out of bounds (index, field)."""
    check_records([a.to_record() for a in annotations], source, verb=verb)


def records_fine(records: Sequence[Any]) -> bool:
    """True when :func:`record_problems` finds nothing in any of ``records``, known a field
    at a time over every record (each check a pass in C: the record-by-record checks took
    1.5 s of importing 100,000 annotations); False when it may find something, and each
    record is then checked on its own, to name what is wrong."""
    if not records:
        return True
    if set(map(type, records)) != {dict}:
        return False
    count = len(records)

    def present(name: str, *, required: bool = False) -> list[Any] | None:
        """The values of ``name`` in the records that have it; None when one lacks a field
        every record needs."""
        have = list(map(dict.__contains__, records, repeat(name, count)))
        if all(have):
            return list(map(itemgetter(name), records))
        return None if required else list(map(itemgetter(name), compress(records, have)))

    columns = {}
    for name in ("id", "document", "start", "end", "quote"):
        column = present(name, required=True)
        if column is None:
            return False
        columns[name] = column
    for name in ("start", "end"):
        if not _whole(columns[name], MAX_OFFSET):
            return False
    if not _whole(present("revision") or [0], None):
        return False
    for name in ("id", "document", *_STRINGS):
        column = columns.get(name)
        if column is None:
            column = present(name) or []
        if not _strings_fine(column, short=name in _SHORT):
            return False
        if name in ("id", "document") and not all(map(str.strip, column)):
            return False  # an empty one
        if name in ("id", "document") and _lone_surrogate("".join(column), name) is not None:
            return False
    if not all(map(_relative, set(columns["document"]))):
        return False
    tags = present("tags") or []
    if set(map(type, tags)) - {list}:
        return False
    if not _strings_fine(list(chain.from_iterable(tags)), short=True):
        return False
    statuses = present("status") or []
    return not set(map(type, statuses)) - {str} and set(statuses) <= _STATUSES


_STATUSES = frozenset(str(s) for s in AnchorStatus)


def _whole(values: list[Any], most: int | None) -> bool:
    """Whether every value is an ``int`` (no bool, no BadNumber) from 0 (to ``most``)."""
    if set(map(type, values)) - {int}:
        return False
    return not values or (min(values) >= 0 and (most is None or max(values) <= most))


def _strings_fine(values: list[Any], *, short: bool) -> bool:
    """Whether every value is a ``str`` without NUL of at most :data:`MAX_SHORT` code
    points when ``short``, else :data:`MAX_TEXT`."""
    if set(map(type, values)) - {str}:
        return False
    if "\x00" in "".join(values):
        return False
    return max(map(len, values), default=0) <= (MAX_SHORT if short else MAX_TEXT)


def _raise(found: list[str], source: str, verb: str = "imported") -> None:
    if found:
        raise nothing_imported(found, source, verb)


def nothing_imported(
    found: Sequence[str], source: str, verb: str = "imported"
) -> ImportFormatError:
    """The error refusing ``source`` for the problems ``found`` (the first
    :data:`MAX_REPORTED` said, and how many more); ``verb``: what the command does with it
    (a merge's "nothing merged")."""
    more = f" (and {len(found) - MAX_REPORTED} more)" if len(found) > MAX_REPORTED else ""
    shown = "; ".join(found[:MAX_REPORTED])
    return ImportFormatError(f"{source}: nothing {verb}: {shown}{more}")


def check_ids(
    annotations: Sequence[Annotation],
    stored: Callable[[str], Annotation | None],
    source: str,
    contents: Mapping[str, tuple[object, ...]] | None = None,
) -> None:
    """An imported record whose id is an annotation on another document is not that
    annotation: refuse the import rather than replace it silently.  ``contents``: the stored
    annotations' contents by id (document first), when the caller has them: an annotation
    is built only for an id stored on another document."""
    found = [
        f"record {n + 1}: id {annotations[n].id[:40]!r} is an annotation on "
        f"{said_name(existing)}, not on {said_name(annotations[n].document)}"
        for n, existing in ids_elsewhere(annotations, stored, contents).items()
    ]
    _raise(found, source)


def ids_elsewhere(
    annotations: Sequence[Annotation],
    stored: Callable[[str], Annotation | None],
    contents: Mapping[str, tuple[object, ...]] | None = None,
) -> dict[int, str]:
    """The place in ``annotations`` of each whose id is an annotation stored on another
    document, and that document (see :func:`check_ids`)."""
    found: dict[int, str] = {}
    for n, annotation in enumerate(annotations):
        if contents is not None:
            known = contents.get(annotation.id)
            if known is None or known[0] == annotation.document:
                continue  # not stored, or stored on this document
        existing = stored(annotation.id)
        if existing is not None and existing.document != annotation.document:
            found[n] = existing.document
    return found


def without_ids_elsewhere(
    annotations: Sequence[Annotation],
    stored: Callable[[str], Annotation | None],
    source: str,
    left: list[str],
    contents: Mapping[str, tuple[object, ...]] | None = None,
    *,
    others: bool = False,
) -> list[Annotation]:
    """``annotations`` without each whose id is an annotation stored on another document,
    said in ``left`` and left out alone, the others imported; when that is every one of them
    (and the file brings nothing else, ``others`` False), :func:`check_ids` refuses the file."""
    found = ids_elsewhere(annotations, stored, contents)
    if not found:
        return list(annotations)
    if len(found) == len(annotations) and not others:
        check_ids(annotations, stored, source, contents)
    for n, existing in found.items():
        annotation = annotations[n]
        left.append(
            f"annotation {annotation.id[:40]!r}: its id is an annotation on "
            f"{said_name(existing)} here, not on {said_name(annotation.document)}; not imported"
        )
    return [a for n, a in enumerate(annotations) if n not in found]
