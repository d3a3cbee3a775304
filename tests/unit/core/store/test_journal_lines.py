"""A journal line's JSON: written by orjson when it reads back as the same changes, by
``json.dumps`` otherwise; lines written the earlier way (ASCII) are read as ever."""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import journal_lines
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal_lines import (
    Change,
    Record,
    Tables,
    _only_plain,
    apply_changes,
    changes_json,
    decode_line,
    encode_line,
    valid_prefix,
)

# texts orjson and json.dumps write apart (accents, a lone surrogate, DEL, a line separator)
TEXT = st.text(alphabet=st.sampled_from('aé"\\\n\x7f\u2028\ud800€😀'), max_size=6)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()  # NaN and the infinities among them
    | TEXT
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(TEXT, inner, max_size=3)
    ),
    max_leaves=10,
)
CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["annotations", "history", "tags"]),
        st.none() | st.sampled_from(["1", "2", "٣"]),
        st.none() | st.dictionaries(TEXT, VALUES, max_size=4),
    ),
    max_size=5,
)


def _written_before(changes: list[Change]) -> bytes:
    """The line as earlier versions wrote it: ``json.dumps``, compact, ASCII."""
    payload = json.dumps(changes, separators=(",", ":")).encode("ascii")
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types, NaN equal to NaN (compared as json.dumps writes them)."""
    return json.dumps(a) == json.dumps(b)


@settings(max_examples=examples(300), deadline=None)
@given(CHANGES)
def test_a_line_reads_back_as_the_line_written_before_reads(changes: list[Change]) -> None:
    read = decode_line(encode_line(changes))
    assert read is not None
    assert _same(read, decode_line(_written_before(changes)))


def test_a_line_of_plain_records_is_written_in_utf8_by_orjson() -> None:
    # json.dumps wrote a code renamed on 20,000 passages (40 MB) in 0.46 s of CPU
    record = make_annotation("a.txt", "Él habló en Cozumel.", 0, 8, "", ("élan",)).to_record()
    changes: list[Change] = [("annotations", "1", record), ("history", "2", {"undone": None})]
    line = encode_line(changes)
    assert line[9:-1] == orjson.dumps(changes)
    assert "Él habló".encode() in line
    assert decode_line(line) == changes


def test_what_orjson_would_write_otherwise_is_written_by_json_dumps() -> None:
    # orjson writes NaN and the infinities as null, and refuses the rest
    for value in (math.nan, math.inf, 1.5, 2**64, "\ud800", {1: "a"}):
        changes: list[Change] = [("annotations", "1", {"x": [value]})]
        line = encode_line(changes)
        assert line == _written_before(changes)
        read = decode_line(line)
        assert read is not None and _same(read, decode_line(_written_before(changes)))
    (_, _, record), *_ = decode_line(encode_line([("annotations", "1", {"x": math.nan})])) or []
    assert record is not None and math.isnan(record["x"])


def _records_in(value: Any) -> list[Record]:
    """Every dict ``value`` holds, itself too, outermost first."""
    found: list[Record] = [value] if type(value) is dict else []
    inner = value.values() if type(value) is dict else value if type(value) in (list, tuple) else ()
    for item in inner:
        found += _records_in(item)
    return found


@settings(max_examples=examples(300), deadline=None)
@given(CHANGES, st.data())
def test_records_known_plain_give_the_line_they_give_looked_at(
    changes: list[Change], data: st.DataObject
) -> None:
    # a coder renamed on 20,004 records gives them, checked field by field, as plain: the
    # line is the one written when each is looked at, whichever of them are given
    records = [r for r in _records_in(changes) if _only_plain(r)]
    plain = data.draw(st.lists(st.sampled_from(records), max_size=4) if records else st.just([]))
    assert changes_json(changes, plain) == changes_json(changes)


def test_a_record_known_plain_is_not_looked_at_again() -> None:
    # (a record given as known with a float in it: passed over, so orjson writes it)
    record: Record = {"start": 1.5, "tags": ["a"]}
    changes: list[Change] = [("annotations", "1", record), ("history", "2", {"c": [[record]]})]
    assert not _only_plain(changes)
    assert _only_plain(changes, {id(record): record})
    assert _only_plain(changes, {id(record): dict(record)}) is False  # its id, not it
    assert changes_json(changes, [record]) == orjson.dumps(changes)


def test_a_journal_written_before_in_ascii_is_replayed(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"
    with AnnotationStore(path) as store:
        kept = store.add(make_annotation("a.txt", "Él habló en Cozumel.", 0, 8, "", ("élan",)))
    record = kept.to_record() | {"note": "añadida después", "revision": kept.revision + 1}
    line = _written_before([("annotations", "1", record)])
    assert line.isascii() and b"\\u00f1" in line
    path.with_name("annotations.json.journal").write_bytes(line)
    with AnnotationStore(path, read_only=True) as store:
        (read,) = store.annotations()
    assert read.note == "añadida después" and read.tags == ("élan",)


def test_a_journal_of_many_damaged_lines_is_looked_through_in_little_memory() -> None:
    # 64 MB of "junk" lines after the journal's valid line made the store split all of them
    # into one list, to learn whether a valid line came after the damaged one: 887 MB
    # resident, and a journal of 1 GB more than the machine's memory.
    import tracemalloc

    good = encode_line([("tags", "1", {"name": "a"})])
    size = 16 * 1024 * 1024
    raw = good + b"junk\n" * (size // 5)
    tracemalloc.start()
    try:
        found = valid_prefix(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == (decode_line(good), len(good), True)
    assert peak < size // 4


def test_a_journal_of_one_line_repeated_is_replayed_in_little_memory() -> None:
    # A journal of one valid line (a step: two codes and a passage, 1.8 KB) repeated to
    # 64 MB kept every copy of its records, each put after the one before it, to apply
    # them one after another: 370 MB resident to open the database.
    import tracemalloc

    record = make_annotation("a.txt", "Él habló en Cozumel.", 0, 8, "a note " * 40, ("élan",))
    line = encode_line([("tags", "1", {"name": "élan"}), ("annotations", "1", record.to_record())])
    raw = line * (4 * 1024 * 1024 // len(line))
    tracemalloc.start()
    try:
        changes, pos, damaged = valid_prefix(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(raw) // 4
    assert (changes, pos, damaged) == (decode_line(line), len(raw), False)


_GOOD = encode_line([("tags", "1", {"name": "a"})])
_OTHER = encode_line([("tags", "2", {"name": "b"}), ("tags", "1", {"name": "c"})])
_GONE = encode_line([("tags", "1", None), ("tags", None, None)])
_PIECES = st.sampled_from(
    [_GOOD, _OTHER, _GONE, _GOOD[:-1], b"junk\n", b"\n", b"0000 [1]\n", b"junk"]
)


def _prefix_as_defined(raw: bytes) -> tuple[list[Change], int, bool]:
    """The valid prefix as its definition says: whole valid lines; a damaged one ends them,
    unless a valid one (the last one counted with or without its newline) follows it."""
    lines = raw.split(b"\n")
    changes: list[Change] = []
    pos = 0
    for number, line in enumerate(lines[:-1]):  # the last has no newline: torn
        decoded = decode_line(line + b"\n")
        if decoded is None:
            if any(decode_line(rest + b"\n") for rest in lines[number + 1 :]):
                raise ValueError(pos)
            return changes, pos, True
        changes.extend(decoded)
        pos += len(line) + 1
    return changes, pos, False


def _applied(changes: list[Change]) -> Tables:
    tables: Tables = {"tags": {"9": {"name": "kept"}}}
    apply_changes(tables, changes)
    return tables


@given(st.lists(_PIECES, max_size=8))
def test_the_valid_prefix_is_as_defined(pieces: list[bytes]) -> None:
    raw = b"".join(pieces)
    try:
        changes, pos, damaged = _prefix_as_defined(raw)
        expected: object = (json.dumps(_applied(changes)), pos, damaged)
    except ValueError as refused:
        expected = ("refused", refused.args)
    try:
        changes, pos, damaged = valid_prefix(raw)
        found: object = (json.dumps(_applied(changes)), pos, damaged)
    except ValueError as refused:
        found = ("refused", refused.args)
    assert found == expected  # (the tables made, their records in order)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(CHANGES, max_size=6))
def test_the_changes_of_the_valid_prefix_make_the_tables_its_lines_make(
    lines: list[list[Change]],
) -> None:
    # A record put again is put once: the same tables, their records in the same order
    raw = b"".join(map(encode_line, lines))
    every = _applied([change for line in lines for change in decode_line(encode_line(line)) or []])
    changes, _, _ = valid_prefix(raw)
    assert _same(_applied(changes), every)  # (json.dumps writes the records in order)


def test_each_record_an_undo_puts_back_is_looked_at_once_though_its_step_holds_it_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the undo of a coder renamed puts each record back and keeps it in its step too: the
    # bench's 20,004 were each looked at twice for the types orjson writes as json.dumps does
    path = tmp_path / "db.json"
    with AnnotationStore(path, coder="ana") as store:
        for start in (0, 10, 20):
            store.add(make_annotation("a.txt", "Él habló en Cozumel. " * 2, start, start + 5, ""))
        store.rename_coder("ana", "zoe")
    walked: list[int] = []  # the id of each dict whose values were looked at
    put: list[Record] = []

    def spied(function: Any, *iterables: Iterable[Any]) -> Iterator[Any]:
        if function is dict.values:
            (dicts,) = iterables = (list(iterables[0]),)
            walked.extend(map(id, dicts))
        return map(function, *iterables)

    changes_json = journal_lines.changes_json

    def written(changes: Sequence[Change], plain: Any = ()) -> bytes:
        put.extend(c[2] for c in changes if c[0] == "annotations" and c[2] is not None)
        return changes_json(changes, plain)

    with AnnotationStore(path, coder="ana") as store:
        monkeypatch.setattr(journal_lines, "map", spied, raising=False)
        monkeypatch.setattr(journal_lines, "changes_json", written)
        store.undo()
        monkeypatch.undo()
        assert store.coder_counts() == {"ana": 3}
    assert len(put) == 3 and {id(r) for r in put} <= set(walked)
    assert sorted(walked) == sorted(set(walked))  # each once, in the changes or the step
    with AnnotationStore(path) as store:  # the line written reads back as the undo left it
        assert store.coder_counts() == {"ana": 3}
        assert store.history(1)[0].undone
