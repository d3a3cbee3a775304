"""A bit flip in the last journal line (an acknowledged change) is reported and the damaged
line kept aside in ``.damaged``, not silently truncated away (issue 15, item 15)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "The Pentagon plan would crack down on the border."


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
