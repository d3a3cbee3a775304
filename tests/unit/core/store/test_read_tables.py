"""Reading a few tables of a database without the rest (the memos, for a search): always
what the store reads, or None so that the store reads it (and says what is wrong)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import snapshot
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.document_records import MEMOS, memos_of
from tui_reader.core.store.journal import read_tables
from tui_reader.core.store.journal_lines import encode_line
from tui_reader.core.store.snapshot import SnapshotTables

TEXT = "Officials from twelve countries attended the conference in Cozumel last week."
STEPS = st.lists(
    st.tuples(st.sampled_from(["memo", "annotate", "delete", "fold"]), st.text(max_size=12)),
    max_size=12,
)


def stored_memos(db: Path) -> list[Memo]:
    with AnnotationStore(db, read_only=True) as store:
        return store.memos()


@settings(max_examples=examples(40), deadline=None)
@given(STEPS, st.integers(1, 48))
def test_the_memos_read_alone_are_the_stores(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, str]], chunk: int
) -> None:
    db = tmp_path_factory.mktemp("tables") / "annotations.json"
    store = AnnotationStore(db)
    try:
        for what, text in steps:  # changes in the journal, some folded into the file
            if what == "memo":
                store.put_memo(Memo(MemoKind.JOURNAL, "", text))
            elif what == "annotate":
                store.add(make_annotation("a.txt", TEXT, 0, 9, text, ("code",)))
            elif what == "delete" and store.memos():
                store.delete_memo(store.memos()[0].id)
            elif what == "fold":
                store._tables.compact()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(snapshot, "SCAN_BYTES", chunk)
            tables = read_tables(db, [MEMOS])
        assert tables is not None
        assert memos_of(tables.get(MEMOS, {})) == stored_memos(db)
    finally:
        store.close()


def test_a_file_the_store_must_read_is_left_to_it(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.put_memo(Memo(MemoKind.JOURNAL, "", "a thought"))
    laid_out = db.read_bytes()
    assert laid_out.startswith(b'{\n"') and read_tables(db, [MEMOS]) is not None
    whole = json.loads(laid_out)
    db.write_text(json.dumps(whole))  # one line, as plain TinyDB writes it
    assert read_tables(db, [MEMOS]) is None
    db.write_text(json.dumps(whole, indent=0))  # a line per value, not per table
    assert read_tables(db, [MEMOS]) is None
    db.write_bytes(laid_out.replace(b'"memos": {', b'"memos": [', 1))  # damaged where read
    assert read_tables(db, [MEMOS]) is None
    older = {name: table for name, table in whole.items() if name != "meta"}
    db.write_bytes(SnapshotTables(db, older).to_bytes())  # an older schema: the store migrates
    assert db.read_bytes().startswith(b'{\n"') and read_tables(db, [MEMOS]) is None
    db.write_bytes(laid_out)
    journal = db.with_name(db.name + ".journal")
    journal.write_bytes(b"garbage\n" + encode_line([("memos", "9", {"id": "x"})]))
    assert read_tables(db, [MEMOS]) is None  # a damaged line before valid ones
    journal.unlink()
    db.unlink()
    assert read_tables(db, [MEMOS]) is None
