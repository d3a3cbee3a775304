"""The standard library's JSON, read and written faster by orjson where its result is exactly
the same, and by the standard library wherever it might not be.

- :func:`loads` gives the value ``json.loads`` gives: orjson reads every JSON text the same
  way except integers beyond 64 bits (it makes them floats), which a number of 19 digits
  from 2**63 on, or of more digits, sends to ``json.loads``, and the texts it refuses (a
  lone surrogate's escape, ``NaN``, a number too large for a float), which ``json.loads``
  then reads or refuses (a text nested too deeply for it as damaged JSON, not a
  ``RecursionError``).  A short text is read by ``json.loads`` itself: orjson's gain
  there is microseconds, and loading it ~3 ms (a first screen reads a few small tables).
- :func:`loads_object` gives the same for a long object's text, read a part at a time: a
  database's table of 100,000 annotations is a single JSON object of 66 MB, which one call
  of orjson reads holding the interpreter for ~0.4 s (keys typed at start waited that long).
- :func:`dumps_pretty` gives ``json.dumps(value, ensure_ascii=False, indent=2)`` encoded in
  UTF-8, for values made only of exact ``str`` (no lone surrogate), ``int`` (64 bits),
  ``tuple``/``list`` and ``dict`` with ``str`` keys: None for any other value (the caller
  writes it another way).  orjson escapes strings as ``json.dumps`` does without
  ``ensure_ascii``; floats it writes otherwise (``1e-07``), so none is given to it.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from tui_reader.core.collector import collector_paused
from tui_reader.core.giving_way import give_way

# Every byte to "." but the digits, to "0": a run of 19 zeros starts a number orjson may not
# keep exact (2**63 has 19 digits) when a number may start there, else it lies in a string (a
# hash) or after a number's point.
_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x2E for b in range(256))
_LONG_NUMBER = b"0" * 19
_EXACT_BELOW = 2**63  # a run of 19 digits below it is a number orjson keeps (a file's mtime_ns)
_BEFORE_NUMBER = frozenset(b"[,:")  # what a number follows (blanks and its sign between)
_BLANK_OR_SIGN = frozenset(b" \t\r\n-")
# Below it json.loads takes < 0.3 ms (orjson half that): orjson, its module loaded when
# first needed, reads longer texts.
SHORT = 64 * 1024


def loads(data: bytes) -> Any:
    """``json.loads(data.decode("utf-8"))``: the same value (ints, floats, the keys' order),
    and the same exceptions (``UnicodeDecodeError``, ``json.JSONDecodeError``, ...).  The
    cyclic collector is paused meanwhile: a database's millions of containers hold no cycle."""
    with collector_paused():
        if len(data) >= SHORT and not _long_number(data):
            import orjson

            try:
                return orjson.loads(data)
            except orjson.JSONDecodeError:
                pass  # refused: json.loads reads it or says why, as ever
        return json_loads(data.decode("utf-8"))


def loads_typed(data: bytes) -> Any:
    """:func:`loads`'s value of ``data`` for a caller that checks the type of each value it
    takes (a cache's records): an integer beyond 64 bits may come as orjson's float, which
    such a caller refuses as it refuses any value of another type; every other value is
    :func:`loads`'s.  No look for long numbers first: a quarter of reading the facts cache
    of 10,000 files (24 of 44 ms), at every start of the app, ``list`` or a query."""
    if len(data) < SHORT:
        return loads(data)
    with collector_paused():
        import orjson

        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # refused: json.loads reads it or says why, as ever
        return json_loads(data.decode("utf-8"))


NESTED_TOO_DEEPLY = "nested too deeply"


class TooManyDigits(json.JSONDecodeError):
    """An integer of more digits than Python converts (4,300): damaged JSON, said as import
    says it ("an integer of 5001 digits is too large"), where it stands."""


def json_loads(text: str | bytes) -> Any:
    """``json.loads(text)``, a text nested too deeply for it (its ``RecursionError``: a
    database, journal or cache made to crash whoever reads it) refused as damaged JSON, and
    so is one holding an integer of more digits than Python converts (:class:`TooManyDigits`:
    its ``ValueError`` spoke of ``sys.set_int_max_str_digits``)."""
    try:
        return json.loads(text)
    except RecursionError:
        shown = text if isinstance(text, str) else ""  # (where: its first line, either way)
        raise json.JSONDecodeError(NESTED_TOO_DEEPLY, shown, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
        found = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", shown)
        if found is None:
            raise
        message = f"an integer of {len(found[0])} digits is too large"
        raise TooManyDigits(message, shown, found.start()) from exc


# Where one member of an object of objects ends and the next begins, as json.dumps (and so
# TinyDB and the store) writes them.  Never inside a string: a quote in one is escaped.
_BETWEEN_MEMBERS = b'}, "'
_NEXT_MEMBER = re.compile(re.escape(_BETWEEN_MEMBERS))  # (found in a memoryview too)
PART = 256 * 1024  # bytes of an object read at a time by loads_object (~2 ms)


def loads_object(data: bytes | memoryview, part: int = PART) -> Any:
    """:func:`loads`'s value of ``data``, an object's text read a part of about ``part``
    bytes at a time: each part the members up to the end of an object member (``}, "``),
    other threads let run between parts (a screen's keys are answered meanwhile).  Fewer
    calls of orjson are no faster: reading 100,000 annotations in parts of 256 KB took
    0.25-0.27 s CPU, in one call 0.38-0.70 s.  ``data`` may be a view into a longer text (a
    database's table in its file's bytes, not copied out: see the store's snapshot): each
    part is copied out of it once, braces and all.

    A split can only be wrong by falling inside a string (its closing quote after ``}, ``)
    or inside a member's value (an object's object): either leaves some part's braces or
    quotes unclosed, which its reading refuses; then, as for a text not an object or any
    part refused, the whole text is read by :func:`loads`, which gives its value or refuses
    it as ever."""
    size = len(data)
    if size <= part or data[:1] != b"{" or data[-1:] != b"}":
        return loads(bytes(data))
    value: dict[str, Any] = {}
    start = 0
    try:
        while True:
            split = _NEXT_MEMBER.search(data, start + part) if start + part < size else None
            if split is None:
                piece = b"".join((b"{" if start else b"", data[start:]))
            else:
                piece = b"".join((b"{" if start else b"", data[start : split.start() + 1], b"}"))
            members = loads(piece)
            if type(members) is not dict:  # pragma: no cover - braces make an object
                return loads(bytes(data))
            value.update(members)  # a key twice: the last value, at the first's place
            if split is None:
                return value
            start = split.start() + 3  # at the next member's quote
            give_way()  # other threads run (the main one alone while it is busy)
    except (ValueError, RecursionError):  # a part refused (UnicodeDecodeError, ...)
        return loads(bytes(data))


def _long_number(data: bytes, below: int = _EXACT_BELOW) -> bool:
    """Whether ``data`` may hold an integer orjson does not keep: of 19 digits from 2**63 on,
    or more digits (a run of digits at the start or after ``[``, ``,`` or ``:``, blanks or a
    minus sign between).  A number of 19 digits below 2**63 is kept (a file's time in
    nanoseconds, in the caches); ``below``: the least number of 19 digits taken for one
    (``10**18``: any)."""
    digits = data.translate(_DIGITS_ONLY)
    find = digits.find
    # A run of exactly 19 digits whose first is below this one is below ``below`` wherever it
    # lies: passed over without a look at what it follows or a conversion (a cache's 20,000
    # file times in nanoseconds, "17...", took two thirds of reading it: 40 of 60 ms).
    first_below = 0x30 + below // 10**18
    start = find(_LONG_NUMBER)
    while start >= 0:
        end = find(b".", start)  # where this run of digits ends
        if end - start == 19 and data[start] < first_below:
            start = find(_LONG_NUMBER, end)
            continue
        before = start - 1
        while before >= 0 and data[before] in _BLANK_OR_SIGN:
            before -= 1
        if before < 0 or data[before] in _BEFORE_NUMBER:
            run = data[start:] if end < 0 else data[start:end]
            if len(run) > 19 or int(run) >= below:
                return True  # a number orjson may not keep exact
        if end < 0:
            return False
        start = find(_LONG_NUMBER, end)
    return False


def has_long_number(data: bytes) -> bool:
    """Whether ``data`` may hold an integer of 19 digits or more (see :func:`_long_number`)."""
    return _long_number(data, 10**18)


def pretty_text(value: Any) -> str | None:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` written by orjson when ``value`` is
    made of exact ``str``, ``int``, ``bool``, ``None``, ``list``, ``tuple`` and ``dict`` with
    ``str`` keys alone (no float: orjson writes some otherwise) and orjson takes it; else
    None (the caller writes it with ``json``).  The standard library writes an indented
    text with its encoder in Python, not C: ten times slower."""
    try:
        if not _plain(value):
            return None
    except RecursionError:  # nested too deeply to look at: json says what it says of it
        return None
    data = dumps_pretty(value)
    return None if data is None else data.decode("utf-8")


_PLAIN = frozenset({str, int, bool, type(None)})


def _plain(value: Any) -> bool:
    """Whether ``value`` is made of the types :func:`pretty_text` gives to orjson alone."""
    kind = type(value)
    if kind in _PLAIN:
        return True  # (an int beyond 64 bits: orjson refuses it)
    if kind is list or kind is tuple:
        return all(map(_plain, value))
    if kind is dict:
        return all(type(key) is str for key in value) and all(map(_plain, value.values()))
    return False


def dumps_pretty(value: Any) -> bytes | None:
    """``json.dumps(value, ensure_ascii=False, indent=2).encode()`` when ``value`` is made
    of the types named in the module's docstring only (checked by the caller: an ``int``
    subclass or a float is not refused here), else None when orjson refuses it."""
    import orjson

    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS)
    except TypeError:  # a lone surrogate, an int beyond 64 bits, another type (JSONEncodeError)
        return None
