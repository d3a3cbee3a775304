"""``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, three to five times faster.

The standard library's indenting encoder is pure Python (generators, a check per value); the
exports write hundreds of thousands of records with it.  Here strings go through the same C
helper ``json.dumps`` uses and the rest is appends to one list.  Any value that is not a
``str``, ``int``, finite ``float``, ``bool``, ``None``, ``list``, ``tuple`` or ``dict`` with
``str`` keys (an enum, a NaN, a number key) is left to ``json.dumps`` itself, whole.

:func:`records_text` writes a list of records that all have the same fields a column at a
time, with no Python code run per value (the JSON export's 100,000 annotations): each
column's values made JSON in C, then each record one ``%`` format of them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from json.encoder import encode_basestring as _string  # what json.dumps uses (C)
from operator import attrgetter
from typing import Any, Literal

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


def columns_text(
    count: int, columns: Sequence[tuple[str, FieldKind, Sequence[Any]]], end: str = ""
) -> str | None:
    """:func:`records_text` of ``count`` records given a column at a time: ``(key, kind,
    values)``, each with ``count`` values."""
    if not count:
        return "[]" + end
    texts: list[list[str]] = []
    for _, kind, column in columns:
        values: Sequence[Any] = column
        if kind == "str()":
            values = list(map(str, values))
        kinds = set(map(type, values))
        if kind == "int":
            if not kinds <= {int}:
                return None
            texts.append(list(map(int.__repr__, values)))
        elif kind == "strings":
            if not kinds <= {tuple}:
                return None
            lists = {strings: _strings_text(strings) for strings in set(values)}
            made = {strings: text for strings, text in lists.items() if text is not None}
            if len(made) != len(lists):
                return None
            texts.append(list(map(made.__getitem__, values)))
        elif kinds <= {str}:
            texts.append(list(map(_string, values)))
        else:
            return None
    # Each record is one format of its values' texts, made in C.
    names = (_string(key).replace("%", "%%") for key, _, _ in columns)
    record = "  {\n" + ",\n".join(f"    {name}: %s" for name in names) + "\n  }"
    return "[\n" + ",\n".join(map(record.__mod__, zip(*texts, strict=True))) + "\n]" + end


def _strings_text(strings: tuple[Any, ...]) -> str | None:
    """A record's list of strings as :func:`pretty_json` writes it at a record's field."""
    if not strings:
        return "[]"
    if not all(type(s) is str for s in strings):
        return None
    return "[\n      " + ",\n      ".join(map(_string, strings)) + "\n    ]"
