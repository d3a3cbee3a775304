"""The look at each annotated document's text when the placement cache cannot vouch for it
(:mod:`tui_reader.core.interchange.records_in_place`): what it reads of the columns."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.annotations.placement_cache import PlacementCache, stamp_of
from tui_reader.core.interchange import records_in_place
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.records_in_place import placed_texts
from tui_reader.core.search import corpus
from tui_reader.core.workspace import Workspace


def _coded(folder: Path, documents: int) -> Workspace:
    """A workspace of ``documents`` texts, each with three passages in place, the third's
    file written again after it was coded: its second passage moved."""
    corpus = folder / "corpus"
    corpus.mkdir()
    made = Workspace(corpus, folder / "annotations.json")
    for n in range(documents):
        path = corpus / f"t{n:02}.txt"
        path.write_text(f"Report {n}\n\nThe road to the market was closed on day {n}.\n")
        key = made.key(path)
        document = made.document(key)
        for start, end in ((0, 6), (12, 20), (24, 40)):
            passage = make_annotation(key, document.text, start, end, document.sha256)
            made.store.add(passage)
    made.store.close()
    moved = corpus / "t02.txt"
    moved.write_text("Added.\n" + moved.read_text())
    return Workspace(corpus, made.db)


@pytest.mark.parametrize("documents", [4, 12])
def test_the_columns_are_read_once_for_all_the_documents(
    documents: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every document placed again: the fields re-anchoring reads are taken from the columns
    # once, not seven columns cut and zipped, and five more read, for each document (10,000
    # documents: 120,000 reads and 70,000 slices); a passage that moved still leaves its
    # document to the full pass
    workspace = _coded(tmp_path, documents)
    stored = AnnotationColumns.of_store(workspace.store)
    assert stored is not None
    read = count_calls(monkeypatch, AnnotationColumns, "_column")
    texts, known, rest = placed_texts(workspace, PlacementCache(None), lambda: None, stored)
    assert read.calls <= 8
    assert (len(texts), known, rest) == (
        documents - 1,
        [],
        [workspace.key(workspace.corpus / "t02.txt")],
    )


def test_a_file_is_stamped_by_its_read_alone_when_the_cache_never_placed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache lost (a fresh cache folder): no stamp of a file can tell that its passages
    # are in place, so none is taken before its read; the open that reads it stamps it (it
    # was a stat of each file and its open's status again: 10,000 stats for nothing).  Once
    # placed, its stamp tells: each file stamped, none read
    workspace = _coded(tmp_path, 4)
    stored = AnnotationColumns.of_store(workspace.store)
    assert stored is not None
    places = PlacementCache(None)
    stamped = count_calls(monkeypatch, records_in_place, "stamp_of")
    texts, known, rest = placed_texts(workspace, places, lambda: None, stored)
    assert stamped.calls == 0
    assert (len(texts), known) == (3, [])
    moved = workspace.key(workspace.corpus / "t02.txt")
    assert rest == [moved]
    files = dict(workspace.keyed_files())
    for key in texts:  # the stamp kept: the file's, as a stat of it says
        mark = places.mark(key)
        assert mark is not None
        assert mark[:4] == stamp_of(files[key].location)
    read = count_calls(monkeypatch, corpus, "_canonical_of")
    again, known, rest = placed_texts(workspace, places, lambda: None, stored)
    assert (again, sorted(known), rest, read.calls) == ({}, sorted(texts), [moved], 1)
    assert stamped.calls == 3  # (the moved one's passages never placed: read, as before)


@pytest.mark.parametrize("cache_lost", [True, False])
def test_a_text_read_in_pieces_is_known_by_its_bytes_once_touched(
    cache_lost: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A UTF-8 plain text over corpus.WHOLE_BYTES is read a piece at a time: its bytes were
    # never hashed, so once touched (a sync, a checkout: the same bytes) its whole text was
    # decoded and every passage looked at again, at every export after every touch, where a
    # smaller text is known in place by its bytes' hash.  Its pieces are hashed as they are
    # read: touched, it is known in place from its bytes, its text not read again
    corpus_folder = tmp_path / "corpus"
    corpus_folder.mkdir()
    made = Workspace(corpus_folder, tmp_path / "annotations.json")
    book = corpus_folder / "book.txt"
    line = "Die Straße zum Markt war am Tag geschlossen, sagte sie.\n"
    book.write_text("Book\n\n" + line * (corpus.WHOLE_BYTES // len(line.encode()) + 10))
    assert book.stat().st_size > corpus.WHOLE_BYTES
    key = made.key(book)
    document = made.document(key)
    made.store.add(make_annotation(key, document.text, 6, 30, document.sha256))
    made.store.close()
    workspace = Workspace(corpus_folder, made.db)
    stored = AnnotationColumns.of_store(workspace.store)
    assert stored is not None
    places = PlacementCache(None)
    if not cache_lost:  # placed, kept with no hash of its bytes (as by an older release),
        # then touched: the file stamped, its stamp not the one kept, so read again
        placed_texts(workspace, places, lambda: None, stored)
        mark = places.mark(key)
        assert mark is not None
        places.put_mark(key, mark[:4], document.sha256, mark[4], places.title(key))
        later = book.stat().st_mtime_ns + 5_000_000_000
        os.utime(book, ns=(later, later))
    texts, known, _ = placed_texts(workspace, places, lambda: None, stored)
    assert list(texts) == [key]
    assert places.bytes_digest(key) == hashlib.sha256(book.read_bytes()).hexdigest()
    latest = book.stat().st_mtime_ns + 10_000_000_000
    os.utime(book, ns=(latest, latest))
    read = count_calls(monkeypatch, corpus, "read_utf8_text")
    again, known, rest = placed_texts(workspace, places, lambda: None, stored)
    assert (again, known, rest, read.calls) == ({}, [key], [], 0)
