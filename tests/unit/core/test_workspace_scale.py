"""Workspace work grows with the annotations, not with their square (export, relink, keys)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.core.annotations.model import AnchorStatus, make_annotation
from tui_reader.core.documents.document import Document
from tui_reader.core.workspace import Workspace


def _corpus(tmp_path: Path, count: int) -> Workspace:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(count):
        (corpus / f"doc{n:03d}.txt").write_text(f"Document number {n} of the set\n\nbody {n}\n")
    workspace = Workspace(corpus, tmp_path / "annotations.json")
    for key in workspace.keys():  # noqa: SIM118 - a method, not a dict
        document = workspace.document(key)
        workspace.store.add(make_annotation(key, document.text, 0, 8, document.sha256, ("t",)))
    return workspace


def test_export_looks_up_each_document_path_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 40
    workspace = _corpus(tmp_path, count)
    calls = 0
    real_path = Workspace.path

    def counting_path(self: Workspace, key: str) -> Path:
        nonlocal calls
        calls += 1
        return real_path(self, key)

    monkeypatch.setattr(Workspace, "path", counting_path)
    documents: dict[str, Document] = {}
    placed = workspace.all_anchored(documents)
    assert len(placed) == count and all(a.status is AnchorStatus.ANCHORED for a in placed)
    assert set(documents) == {a.document for a in placed}
    assert calls <= 4 * count  # not count * count: the missing files are found once


def test_relink_of_a_moved_file_still_works_with_many_documents(tmp_path: Path) -> None:
    workspace = _corpus(tmp_path, 12)
    (workspace.corpus / "sub").mkdir()
    (workspace.corpus / "doc003.txt").rename(workspace.corpus / "sub" / "doc003.txt")
    placed = workspace.all_anchored()
    moved = [a for a in placed if a.document.endswith("sub/doc003.txt")]
    assert len(moved) == 1 and moved[0].status is AnchorStatus.ANCHORED
    assert not any(a.status is AnchorStatus.ORPHAN for a in placed)


def test_key_and_path_are_inverse(tmp_path: Path) -> None:
    workspace = _corpus(tmp_path, 3)
    for file in workspace.files:
        key = workspace.key(file.path)
        assert workspace.key(file.path) == key  # remembered
        assert workspace.path(key) == file.path.resolve()
