"""The look at each annotated document's text when the placement cache cannot vouch for it
(:mod:`tui_reader.core.interchange.records_in_place`): what it reads of the columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.counting import count_calls

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.records_in_place import placed_texts
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
