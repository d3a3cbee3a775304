"""``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, three to five times faster.

The standard library's indenting encoder is pure Python (generators, a check per value); the
exports write hundreds of thousands of records with it.  Here strings go through the same C
helper ``json.dumps`` uses and the rest is appends to one list.  Any value that is not a
``str``, ``int``, finite ``float``, ``bool``, ``None``, ``list``, ``tuple`` or ``dict`` with
``str`` keys (an enum, a NaN, a number key) is left to ``json.dumps`` itself, whole.

:func:`records_text` writes a list of records that all have the same fields a column at a
time, with no Python code run per value (the JSON export's 100,000 annotations): each
column's values made JSON in C, then each record one ``%`` format of them.
:func:`columns_bytes` writes the same as UTF-8 bytes, by orjson when it writes exactly that
(four times faster again: the JSON export's 73 MB).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from json.encoder import encode_basestring as _string  # what json.dumps uses (C)
from operator import attrgetter
from typing import Any, Literal

from tui_reader.core.exact_json import dumps_pretty

# How records_text writes an attribute: an exact str, str() of the value (an enum), an exact
# int, a tuple of exact strs (a list).
FieldKind = Literal["str", "str()", "int", "strings"]


class _Unsupported(Exception):
    """A value only ``json.dumps`` writes exactly: it writes the whole value then."""


def pretty_json(value: Any) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it."""
    out: list[str] = []
    try:
        _write(value, "\n", out)
    except _Unsupported:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value``'s text; ``newline`` is a line break and the indentation it sits at."""
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None or kind is bool:
        out.append("null" if value is None else "true" if value else "false")
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            out.append(opening + _string(key) + ": ")
            _write(item, inner, out)
            opening = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            out.append(opening)
            _write(item, inner, out)
            opening = "," + inner
        out.append(newline + "]")
    else:
        raise _Unsupported


def records_text(
    items: Sequence[Any], fields: Sequence[tuple[str, str, FieldKind]], end: str = ""
) -> str | None:
    """``pretty_json([{key: item.attribute, ...} for item in items]) + end`` for ``fields``
    of ``(key, attribute, kind)``, in their order; None when a value is not of its field's
    kind (the caller writes those records with :func:`pretty_json`)."""
    columns = [
        (key, kind, list(map(attrgetter(attribute), items))) for key, attribute, kind in fields
    ]
    return columns_text(len(items), columns, end)


def columns_bytes(
    count: int, columns: Sequence[tuple[str, FieldKind, Sequence[Any]]], end: str = ""
) -> bytes | None:
    """:func:`columns_text` encoded in UTF-8 (by :func:`columns_fast` when it can)."""
    data = columns_fast(count, columns, end)
    if data is not None:
        return data
    text = columns_text(count, columns, end)
    return None if text is None else text.encode("utf-8")


def columns_fast(
    count: int, columns: Sequence[tuple[str, FieldKind, Sequence[Any]]], end: str = ""
) -> bytes | None:
    """:func:`columns_text` encoded in UTF-8, written by orjson (four times faster) when it
    writes exactly that (see :func:`~tui_reader.core.exact_json.dumps_pretty`), else None."""
    if not count:
        return None
    made = [_exact(kind, column) for _, kind, column in columns]
    if not all(values is not None for values in made):
        return None
    keys = [key for key, _, _ in columns]
    records = list(map(dict, map(zip, repeat(keys), zip(*made, strict=True))))
    data = dumps_pretty(records)
    return None if data is None else data + end.encode("utf-8")


def _exact(kind: FieldKind, column: Sequence[Any]) -> Sequence[Any] | None:
    """A column's values as its field's ``kind`` writes them (``str()`` made), each of
    exactly its type; None when one is not."""
    if kind == "str()":
        column = list(map(str, column))
    kinds = set(map(type, column))
    if kind == "int":
        return column if kinds <= {int} else None
    if kind == "strings":
        if not kinds <= {tuple} or not _all_str(chain.from_iterable(set(column))):
            return None
        return column
    return column if kinds <= {str} else None


def _all_str(values: Iterable[Any]) -> bool:
    return set(map(type, values)) <= {str}


def columns_text(
    count: int, columns: Sequence[tuple[str, FieldKind, Sequence[Any]]], end: str = ""
) -> str | None:
    """:func:`records_text` of ``count`` records given a column at a time: ``(key, kind,
    values)``, each with ``count`` values."""
    if not count:
        return "[]" + end
    texts: list[list[str]] = []
    for _, kind, column in columns:
        values = _exact(kind, column)
        if values is None:
            return None
        if kind == "int":
            texts.append(list(map(int.__repr__, values)))
        elif kind == "strings":
            made = {strings: _strings_text(strings) for strings in set(values)}
            texts.append(list(map(made.__getitem__, values)))
        else:
            texts.append(list(map(_string, values)))
    # Each record is one format of its values' texts, made in C.
    names = (_string(key).replace("%", "%%") for key, _, _ in columns)
    record = "  {\n" + ",\n".join(f"    {name}: %s" for name in names) + "\n  }"
    return "[\n" + ",\n".join(map(record.__mod__, zip(*texts, strict=True))) + "\n]" + end


def _strings_text(strings: tuple[str, ...]) -> str:
    """A record's list of strings as :func:`pretty_json` writes it at a record's field."""
    if not strings:
        return "[]"
    return "[\n      " + ",\n      ".join(map(_string, strings)) + "\n    ]"
