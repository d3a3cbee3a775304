"""The faster JSON reads and writes give exactly what the standard library gives: the same
values (an int stays an int, a float a float, the keys' order kept), the same errors, the
same bytes."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from helpers import examples
from helpers.counting import CallCount, count_calls
from helpers.threads import joined
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.exact_json import (
    SHORT,
    _long_number,
    dumps_pretty,
    has_long_number,
    loads,
    loads_object,
    loads_typed,
    pretty_text,
)
from tui_reader.core.interchange.json_text import FieldKind, columns_bytes, columns_text

_SCALARS = st.one_of(
    st.text(),  # lone surrogates, controls, quotes, backslashes, U+2028 and U+2029 included
    st.integers(-(2**70), 2**70),  # beyond 64 bits too
    st.integers(-(2**64), 2**64),
    st.floats(),  # NaN and the infinities: json.dumps writes them, json.loads reads them
    st.booleans(),
    st.none(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _short_and_long(data: bytes) -> tuple[bytes, bytes]:
    """``data`` as it is (a short text: json.loads reads it) and with blanks after it to
    :data:`SHORT` (orjson reads it)."""
    return data, data + b"\n" * SHORT


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down, with the keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and repr(a) == repr(b))
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _reads_as_json_loads(data: bytes) -> None:
    """``data`` short (json.loads reads it) and long (orjson does) reads as json.loads reads it."""
    for read in _short_and_long(data):
        assert _same(loads(read), json.loads(read.decode("utf-8")))


@settings(max_examples=examples(400))
@given(_VALUES, st.booleans(), st.sampled_from([None, 1, 2]))
def test_loads_reads_what_json_loads_reads(value: Any, ascii_only: bool, indent: Any) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate written bare: no file holds that
        for data in _short_and_long(text.encode("utf-8", "surrogatepass")):
            with pytest.raises(UnicodeDecodeError):
                loads(data)
        return
    _reads_as_json_loads(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": 1, "b": 2, "a": 3}',  # a key twice: its first place, its last value
        b"123456789012345678901234567890",  # beyond 64 bits: orjson makes it a float
        b"[-9223372036854775809, 18446744073709551616, 18446744073709551615]",
        b'{"sha": "a9213002199204298f4ae", "n": 1.5e300, "m": -0.0, "e": 1E5}',
        b'"\\ud800 alone"',
        b'"\\ud83d\\ude00 a pair"',
        b"[NaN, Infinity, -Infinity, 1e400]",
        b'"\\u2028\\u2029/\\/"',
        b"  \t\r\n[1]\n",
    ],
)
def test_loads_reads_numbers_and_escapes_as_json_loads(data: bytes) -> None:
    _reads_as_json_loads(data)


def _beyond_64_bits_as_floats(value: Any) -> Any:
    """``value`` with each integer beyond 64 bits (outside orjson's) as the float it is
    nearest, as orjson reads it."""
    if type(value) is int and not -(2**63) <= value < 2**64:
        return float(value)
    if isinstance(value, list):
        return [_beyond_64_bits_as_floats(item) for item in value]
    if isinstance(value, dict):
        return {key: _beyond_64_bits_as_floats(item) for key, item in value.items()}
    return value


@settings(max_examples=examples(400))
@given(_VALUES)
def test_loads_typed_reads_what_json_loads_reads_but_integers_beyond_64_bits(value: Any) -> None:
    """A caller checking each value's type (the facts cache) takes no float for an int: the
    integers orjson does not keep may come as floats (not in a text orjson refuses, a NaN's:
    json.loads reads it all), everything else as json.loads reads it."""
    data = json.dumps(value).encode("ascii")
    short, long = _short_and_long(data)
    expected = json.loads(data)
    assert _same(loads_typed(short), expected)  # (read by json.loads itself)
    read = loads_typed(long)
    assert _same(read, expected) or _same(read, _beyond_64_bits_as_floats(expected))


@pytest.mark.parametrize(
    "data", [b"[1,]", b"01", b"1.", b".5", b"+1", b'"a\x01"', b"[1]\x0c", b"", b"{", b"\xff"]
)
def test_loads_refuses_what_json_loads_refuses(data: bytes) -> None:
    for read in _short_and_long(data):
        with pytest.raises(ValueError) as caught:  # JSONDecodeError, UnicodeDecodeError
            loads(read)
        with pytest.raises(type(caught.value)) as expected:
            json.loads(read.decode("utf-8"))
        assert str(caught.value) == str(expected.value)


_EXACT = st.recursive(
    st.text() | st.integers(-(2**70), 2**70) | st.booleans() | st.none(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(400))
@given(_EXACT)
def test_dumps_pretty_writes_json_dumps_bytes_or_nothing(value: Any) -> None:
    data = dumps_pretty(value)
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    if data is None:  # only for a lone surrogate or an int beyond 64 bits
        assert not _is_utf8(expected) or any(not -(2**63) <= n < 2**64 for n in _ints(value))
    else:
        assert data == expected.encode("utf-8")


class _Str(str):
    pass


@settings(max_examples=examples(400))
@given(_VALUES | _EXACT | st.builds(lambda v: [_Str("a"), v], _EXACT))
def test_pretty_text_is_json_dumps_text_or_nothing(value: Any) -> None:
    # floats (orjson writes 1e-07 as 1e-7) and a str subclass are left to json
    text = pretty_text(value)
    if text is not None:
        assert text == json.dumps(value, ensure_ascii=False, indent=2)


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ints(value: Any) -> list[int]:
    if type(value) is int:
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [n for item in value for n in _ints(item)]
    return []


class _Name(str):
    """Not exactly a str: orjson would write it, json.dumps too, the writer refuses it."""


_KINDS: list[FieldKind] = ["str", "int", "strings", "str()"]


@st.composite
def _columns(draw: st.DrawFn) -> tuple[int, list[tuple[str, FieldKind, list[Any]]]]:
    count = draw(st.integers(0, 4))
    columns = []
    for key in draw(st.lists(st.text(max_size=5), min_size=1, max_size=4, unique=True)):
        kind = draw(st.sampled_from(_KINDS))
        value: st.SearchStrategy[Any] = {
            "str": st.text() | st.text().map(_Name),
            "str()": st.text() | st.integers(),
            "int": st.integers(-(2**70), 2**70) | st.booleans(),
            "strings": st.lists(st.text() | st.integers(0, 1), max_size=3).map(tuple),
        }[kind]
        columns.append((key, kind, draw(st.lists(value, min_size=count, max_size=count))))
    return count, columns


@settings(max_examples=examples(150))
@given(_columns(), st.sampled_from(["", "\n"]))
def test_columns_bytes_are_columns_text_encoded(
    made: tuple[int, list[tuple[str, FieldKind, list[Any]]]], end: str
) -> None:
    count, columns = made
    text = columns_text(count, columns, end)
    try:
        expected = None if text is None else text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8, as before
        with pytest.raises(UnicodeEncodeError):
            columns_bytes(count, columns, end)
        return
    assert columns_bytes(count, columns, end) == expected


@pytest.mark.parametrize(
    "data",
    [
        b'{"sha": "a1234567890123456789012b", "n": 12345678901234567890123}',
        b'{"n":\n  -12345678901234567890123}',
        b"[1, 2,12345678901234567890123]",
        b"  98765432109876543210",
        b'{"sha": "1234567890123456789012", "x": 1}',
    ],
)
def test_loads_keeps_long_integers_beside_long_runs_of_digits_in_strings(data: bytes) -> None:
    _reads_as_json_loads(data)


@pytest.mark.parametrize(
    "data",
    [
        b"[1764700000000000000, 9223372036854775807, -9223372036854775807]",
        b'{"n": 9223372036854775808}',
        b'{"n": -9223372036854775808}',
        b"[9999999999999999999, 1]",
        b"1234567890123456789",
        b"[1234567890123456789.5, 1234567890123456789e3]",
    ],
)
def test_loads_keeps_numbers_of_19_digits_on_either_side_of_2_63(data: bytes) -> None:
    _reads_as_json_loads(data)


def test_a_file_time_in_nanoseconds_is_read_by_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches hold files' times in nanoseconds (19 digits): no reason for the slow read
    (a cache of many files is a long text)."""
    import tui_reader.core.exact_json as exact_json

    slow = count_calls(monkeypatch, exact_json.json, "loads")
    data = b'{"a": [1764700000000000000, 12, "x"]}' + b"\n" * SHORT
    assert loads(data) == {"a": [1764700000000000000, 12, "x"]}
    assert slow.calls == 0


def test_a_short_text_is_read_by_json_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under :data:`SHORT` orjson would gain microseconds and cost its loading (~3 ms)."""
    import tui_reader.core.exact_json as exact_json

    read = count_calls(monkeypatch, exact_json.json, "loads")
    assert loads(b'{"a": [1764700000000000000, 12, "x"]}') == {"a": [1764700000000000000, 12, "x"]}
    assert read.calls == 1


# -- an object read a part at a time ----------------------------------------------------------

# Keys and strings holding what ends a member ("}, " before a quote), quotes and braces.
_TRICKY_TEXT = st.text() | st.sampled_from(['}, "', "x}, ", '}, "a": {', '\\"}, "', "}, \\"])
_MEMBER_VALUES = st.recursive(
    _TRICKY_TEXT | st.integers(-(2**70), 2**70) | st.floats() | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TRICKY_TEXT, inner, max_size=3),
    max_leaves=12,
)
_MEMBERS = st.lists(
    st.tuples(_TRICKY_TEXT, st.dictionaries(_TRICKY_TEXT, _MEMBER_VALUES, max_size=4)),
    max_size=12,
)


def _object_text(members: list[tuple[str, Any]], ascii_only: bool) -> bytes:
    """An object of ``members`` as json.dumps writes one (a key twice when it comes twice)."""
    parts = (
        f"{json.dumps(key, ensure_ascii=ascii_only)}: {json.dumps(value, ensure_ascii=ascii_only)}"
        for key, value in members
    )
    return ("{" + ", ".join(parts) + "}").encode("utf-8", "surrogatepass")


@settings(max_examples=examples(150))
@given(_MEMBERS, st.booleans(), st.integers(1, 200))
def test_loads_object_reads_what_json_loads_reads_in_any_parts(
    members: list[tuple[str, Any]], ascii_only: bool, part: int
) -> None:
    data = _object_text(members, ascii_only)
    try:
        expected = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:  # a lone surrogate written bare
        with pytest.raises(UnicodeDecodeError):
            loads_object(data, part)
        with pytest.raises(UnicodeDecodeError):
            loads_object(_inside(data), part)
        return
    assert _same(loads_object(data, part), expected)
    assert _same(loads_object(_inside(data), part), expected)  # (a table in its file's bytes)


def _inside(data: bytes) -> memoryview:
    """A view of ``data`` inside longer bytes, as a command reads a database's table."""
    return memoryview(b'{\n"annotations": ' + data + b"\n}\n")[17:-3]


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": {"x": {"p": 1}, "y": 2}, "b": {"q": 3}}',  # a split inside a member's value
        b'{"a": {"s": "in a string}, "}, "b": {"t": "}, \\"}, "}}',  # inside a string
        b'{"a": {"n": 1}, "b": {"n": 2}, "a": {"n": 3}}',  # a key twice: first place, last value
        b'{"a": {"n": 12345678901234567890123}, "b": {"n": NaN}}',  # each part as loads reads it
        b'{"a": {}, "b": {}}  ',
        b"{}",
    ],
)
def test_loads_object_reads_split_members_as_json_loads(data: bytes) -> None:
    for part in (1, 2, 5, len(data)):
        assert _same(loads_object(data, part), json.loads(data.decode("utf-8")))
        assert _same(loads_object(_inside(data), part), json.loads(data.decode("utf-8")))


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": {}, "b": {]}',
        b'{"a": {}, "b": {}',
        b'{"a": {}, "b": {}}}',
        b'{"a": {"\xff": 1}, "b": {}}',
    ],
)
def test_loads_object_refuses_what_json_loads_refuses(data: bytes) -> None:
    with pytest.raises(ValueError) as caught:
        loads_object(data, 1)
    with pytest.raises(type(caught.value)) as expected:
        json.loads(data.decode("utf-8"))
    assert str(caught.value) == str(expected.value)
    with pytest.raises(type(caught.value)) as viewed:
        loads_object(_inside(data), 1)
    assert str(viewed.value) == str(expected.value)


def test_loads_object_lets_other_threads_run_between_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table of 100,000 annotations read in one call held the interpreter ~0.4 s: keys
    typed at start waited for it."""
    import threading

    from tui_reader.core import giving_way

    members = {f"id{i}": {"quote": "x" * 100, "tags": ["a/b"]} for i in range(2000)}
    data = json.dumps(members).encode()
    slept = count_calls(monkeypatch, giving_way.time, "sleep")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)  # as the app's screen, waiting for keys
    other.start()
    try:
        assert loads_object(data, 10_000) == members
    finally:
        stop.set()
        joined(other, "stood for the app's screen")
    assert slept.calls >= len(data) // 10_000 - 1


def test_loads_object_alone_never_gives_its_core_away(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command has no other thread to let run: each pause gave the core to other processes
    (259 pauses of a database of 100,000 annotations cost 0.2 s with the machine busy)."""
    from tui_reader.core import giving_way

    members = {f"id{i}": {"quote": "x" * 100, "tags": ["a/b"]} for i in range(2000)}
    data = json.dumps(members).encode()
    monkeypatch.setattr(giving_way.threading, "active_count", lambda: 1)
    slept = count_calls(monkeypatch, giving_way.time, "sleep")
    assert loads_object(data, 10_000) == members
    assert slept.calls == 0


@pytest.mark.parametrize("depth", [100_000, 1_000_000])
def test_a_text_nested_too_deeply_is_refused_as_damaged_json(depth: int) -> None:
    """json.loads raises RecursionError (which no reader of a database expects): refused as
    damaged JSON instead, by either reading."""
    deep = b"[" * depth + b"]" * depth
    for data in (deep, b'{"a": {"x": 1}, "b": {"x": ' + deep + b"}}"):
        for read in (loads, lambda d: loads_object(d, 4)):
            with pytest.raises(json.JSONDecodeError, match="nested too deeply"):
                read(data)


def _long_number_said(data: bytes, below: int) -> bool:
    """What :func:`_long_number` tells, worked out plainly: a run of 19 digits or more where
    a number may start (the text's start, or after ``[``, ``,`` or ``:``, blanks or a minus
    sign between) that is longer than 19 digits or not below ``below``."""
    for run in re.finditer(rb"[0-9]{19,}", data):
        before = data[: run.start()].rstrip(b" \t\r\n-")
        if (not before or before[-1:] in (b"[", b",", b":")) and (
            len(run[0]) > 19 or int(run[0]) >= below
        ):
            return True
    return False


_PIECES = st.one_of(
    st.sampled_from([b",", b":", b"[", b" ", b"-", b'"', b"a", b".", b"\n", b"e3"]),
    st.integers(0, 9).flatmap(
        lambda first: st.text("0123456789", min_size=16, max_size=21).map(
            lambda rest: str(first).encode() + rest.encode()
        )
    ),
)


@given(st.lists(_PIECES, max_size=12), st.sampled_from([2**63, 10**18]))
def test_long_numbers_are_told_as_their_digits_say(pieces: list[bytes], below: int) -> None:
    data = b"".join(pieces)
    assert _long_number(data, below) == _long_number_said(data, below)


def test_file_times_are_told_kept_without_a_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache of 10,000 files holds 20,000 times in nanoseconds (19 digits, "17..."): each is
    told below 2**63 by its first digit, none converted to a number (that was two thirds of
    the cache's read); one from "9" on is still looked at, and so is any run for a number of
    19 digits or more."""
    import builtins

    import tui_reader.core.exact_json as exact_json

    conversions = CallCount()

    def counted_int(*args: Any) -> int:
        conversions.calls += 1
        return builtins.int(*args)

    monkeypatch.setattr(exact_json, "int", counted_int, raising=False)
    times = b", ".join(b"[1764700000%09d, 12, 1764700000%09d]" % (n, n) for n in range(500))
    assert not _long_number(b"[" + times + b"]")
    assert conversions.calls == 0
    assert _long_number(b"[" + times + b", 9223372036854775808]")
    assert not _long_number(b"[" + times + b", 9223372036854775807]")
    assert conversions.calls == 2
    assert has_long_number(b"[" + times + b"]")
