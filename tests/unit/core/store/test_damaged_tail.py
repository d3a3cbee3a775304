"""A bit flip in the last journal line (an acknowledged change) is reported and the damaged
line kept aside in ``.damaged``, not silently truncated away (issue 15, item 15)."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal import JournaledTables, encode_line
from tui_reader.locations import db_sidecars

TEXT = "The Pentagon plan would crack down on the border."
TABLE = "annotations"


def test_a_damaged_last_line_is_reported_and_kept_aside(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    store = AnnotationStore(db)
    store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    store.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    store._tables.close(compact=False)  # a crash: the journal is not folded
    journal = db.with_name(db.name + ".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    last = bytearray(lines[-1])
    last[20] ^= 0x01  # one bit flipped inside the acknowledged change
    journal.write_bytes(b"".join(lines[:-1]) + bytes(last))
    reopened = AnnotationStore(db)
    assert len(reopened.annotations()) == 1
    assert any("damaged" in p and ".damaged" in p for p in reopened.problems), reopened.problems
    reopened.add(make_annotation("a.txt", TEXT, 18, 22, "", ("three",)))  # truncates the tail
    reopened.close()
    kept = db.with_name(db.name + ".journal.damaged")
    assert kept.read_bytes() == bytes(last)


@pytest.mark.parametrize(
    "payload",
    [
        b"[[1]]",
        b"[5]",
        b'[["annotations",1,{}]]',
        b'[["annotations","9","x"]]',
        b"[[null,null,null]]",
    ],
)
def test_a_last_line_of_whole_json_but_no_changes_is_damaged_too(
    tmp_path: Path, payload: bytes
) -> None:
    # Its checksum is right (written by hand, or by another program): still not changes.
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        kept = store.add(make_annotation("a.txt", TEXT, 4, 12, "", ("one",)))
    journal = db.with_name(db.name + ".journal")
    journal.write_bytes(b"%08x %s\n" % (zlib.crc32(payload), payload))
    with AnnotationStore(db) as reopened:
        assert reopened.annotations() == [kept]
        assert any(".damaged" in p for p in reopened.problems), reopened.problems
        reopened.add(make_annotation("a.txt", TEXT, 13, 17, "", ("two",)))
    with AnnotationStore(db) as again:
        assert len(again.annotations()) == 2
    assert db.with_name(db.name + ".journal.damaged").read_bytes().endswith(payload + b"\n")


def _journal_with_tail(path: Path, values: list[int], tail: bytes) -> None:
    """A database whose journal holds a change for each of ``values`` (never folded: a
    crash), then ``tail``: a torn write, or damaged lines."""
    tables = JournaledTables(path)
    for key, value in enumerate(values):
        with tables.transaction():
            tables.commit([(TABLE, str(key), {"v": value})])
    tables.close(compact=False)
    with open(db_sidecars(path)[0], "ab") as journal:
        journal.write(tail)


@settings(max_examples=examples(40), deadline=None)
@given(
    values=st.lists(st.integers(), max_size=6),
    tail=st.binary(min_size=1, max_size=40) | st.just(encode_line([(TABLE, "x", {})])[:-3]),
)
def test_the_background_fold_sets_a_damaged_tail_aside_as_the_close_does(
    tmp_path_factory: pytest.TempPathFactory, values: list[int], tail: bytes
) -> None:
    """A torn or damaged last line no longer keeps the fold made while the app runs from
    folding: every good change reaches the file alone, the complete lines past them go to
    the ``.damaged`` file the close uses, said once; a torn line (no newline) goes unsaid."""
    path = tmp_path_factory.mktemp("db") / "annotations.json"
    _journal_with_tail(path, values, tail)
    journal, damaged = db_sidecars(path)[0], path.with_name(path.name + ".journal.damaged")
    app = JournaledTables(path)
    expected = {str(key): {"v": value} for key, value in enumerate(values)}
    assert dict(app.data.get(TABLE, {})) == expected
    folded = app.fold_settled()
    assert folded == bool(values)
    assert journal.read_bytes() == b""
    on_disk = json.loads(path.read_bytes() or b"{}")
    assert on_disk.get(TABLE, {}) == expected  # the file alone: no good change lost
    complete = tail[: tail.rfind(b"\n") + 1]
    assert (damaged.read_bytes() if damaged.exists() else b"") == complete
    said = list(iter(app.take_warning, None))
    if complete:
        assert len(said) == 1 and str(damaged) in said[0] and "damaged" in said[0], said
    else:
        assert said == []
    assert app.close() is None
    assert list(iter(app.take_warning, None)) == []  # said once, not again at the close
