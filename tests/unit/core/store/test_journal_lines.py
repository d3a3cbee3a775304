"""A journal line's JSON: written by orjson when it reads back as the same changes, by
``json.dumps`` otherwise; lines written the earlier way (ASCII) are read as ever."""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import Any

import orjson
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal_lines import Change, decode_line, encode_line

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
