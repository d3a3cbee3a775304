"""The placement cache: an export skips loading a document only when placing its annotations
again would change nothing; otherwise it places them as before (the slow path), and both paths
give the same annotations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.placed_texts import annotated_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations.model import (
    AnchorStatus,
    Annotation,
    make_annotation,
    reading_order,
)
from tui_reader.core.annotations.placement_cache import PlacementCache, fingerprint, stamp_of
from tui_reader.core.documents.document import Document
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path


def _fresh(workspace: Workspace) -> Workspace:
    """The same corpus and database in a new workspace (a new command), the store reread."""
    workspace.store.close()
    return Workspace(workspace.corpus, workspace.db)


def _slow(workspace: Workspace) -> list[Annotation]:
    """Every annotation placed with no cache: each document loaded."""
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    return _fresh(workspace).all_anchored()


def _edit(path: Path, text: str) -> None:
    """Rewrite ``path`` keeping its size and modification time: only the change time
    tells (a tool that restores times must not fool the cache)."""
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_unchanged_documents_are_not_loaded_and_come_out_as_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = annotated_texts(tmp_path)
    first = workspace.all_anchored()
    again = _fresh(workspace)
    loads = count_calls(monkeypatch, Workspace, "document")
    found: dict[str, Document | None] = {}
    second = again.all_anchored(found)
    assert loads.calls == 0
    assert second == first and len(second) == 9
    assert found == dict.fromkeys(again.store.documents())  # known in place, not loaded


def test_an_edited_document_is_placed_again(tmp_path: Path) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()  # fills the cache
    path = workspace.corpus / "doc0.txt"
    _edit(path, "NEW " + path.read_text(encoding="utf-8")[4:])  # same size, same mtime
    workspace = _fresh(workspace)
    placed = workspace.all_anchored()
    assert placed == _slow(workspace)
    in_doc0 = [a for a in placed if a.document.endswith("doc0.txt")]
    assert [a.start for a in in_doc0 if a.status is AnchorStatus.ANCHORED] == [4, 20]
    assert any(a.status is not AnchorStatus.ANCHORED for a in in_doc0)  # its quote changed


def test_an_annotation_moved_in_the_database_is_placed_again(tmp_path: Path) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()
    workspace = _fresh(workspace)
    moved = workspace.store.annotations()[0]
    workspace.store.update(moved.evolve(start=moved.start + 1, end=moved.end + 1))
    placed = workspace.all_anchored()
    back = next(a for a in placed if a.id == moved.id)
    assert (back.start, back.end) == (moved.start, moved.end)  # the quote says where it is
    assert placed == _slow(workspace)


def test_a_document_gone_is_orphaned_with_or_without_the_cache(tmp_path: Path) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()
    (workspace.corpus / "doc1.txt").unlink()
    workspace = _fresh(workspace)
    placed = workspace.all_anchored()
    assert sum(a.status is AnchorStatus.ORPHAN for a in placed) == 3
    assert placed == _slow(workspace)
    assert placed == sorted(placed, key=reading_order)


def test_a_file_moved_is_relinked_from_the_cached_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()
    (workspace.corpus / "sub").mkdir()
    (workspace.corpus / "doc1.txt").rename(workspace.corpus / "sub" / "doc1.txt")
    workspace = _fresh(workspace)
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    placed = workspace.all_anchored()
    assert loads.calls == 1  # the moved file alone (a new key): the others by their stamps
    assert sum(a.document.endswith("sub/doc1.txt") for a in placed) == 3
    assert not any(a.status is AnchorStatus.ORPHAN for a in placed)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 60), st.text("ab \n", max_size=6)),
        max_size=4,
    ),
    st.dictionaries(st.integers(0, 8), st.integers(-3, 3), max_size=3),
)
def test_cached_and_uncached_placing_agree(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[int, int, str]],
    moves: dict[int, int],
) -> None:
    """Whatever changed between two exports (texts edited, annotations moved in the
    database), placing with the cache gives what placing without it gives."""
    workspace = annotated_texts(tmp_path_factory.mktemp("case"))
    workspace.all_anchored()
    paths = sorted(workspace.corpus.iterdir())
    for which, at, inserted in edits:
        path = paths[which]
        text = path.read_text(encoding="utf-8")
        _edit(path, text[:at] + inserted + text[at:])
    workspace = _fresh(workspace)
    every = workspace.store.annotations()
    for which, shift in moves.items():
        a = every[which]
        if a.start + shift >= 0:
            workspace.store.update(a.evolve(start=a.start + shift, end=a.end + shift))
    workspace = _fresh(workspace)
    placed = workspace.all_anchored()
    assert placed == _slow(workspace)
    assert placed == sorted(placed, key=reading_order)  # in reading order, as it is stored


def test_the_cache_file_round_trips_and_a_bad_one_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("some text here\n")
    stamp = stamp_of(tmp_path / "doc.txt")
    assert stamp is not None and stamp_of(tmp_path) is None  # a folder has no stamp
    placed = [make_annotation("doc.txt", "some text here\n", 0, 4, "abc")]
    cache = PlacementCache(tmp_path / "cache" / "placed.json")
    cache.put("doc.txt", stamp, "abc", placed)
    cache.save()
    again = PlacementCache(tmp_path / "cache" / "placed.json")
    assert again.sha256("doc.txt", stamp) == "abc"
    assert again.in_place("doc.txt", stamp, placed)
    assert not again.in_place("doc.txt", stamp, [placed[0].evolve(quote="sane")])
    other = (stamp[0], stamp[1] + 1, stamp[2], stamp[3])
    assert again.sha256("doc.txt", other) is None and not again.in_place("doc.txt", other, placed)
    (tmp_path / "cache" / "placed.json").write_text("{not json")
    assert PlacementCache(tmp_path / "cache" / "placed.json").sha256("doc.txt", stamp) is None


def test_the_fingerprint_reads_every_field_placing_reads() -> None:
    a = make_annotation("d", "one two three four", 4, 7, "sha", ("t",), "note")
    base = fingerprint([a])
    for change in (
        {"start": 5},
        {"end": 8},
        {"quote": "twx"},
        {"prefix": "x"},
        {"suffix": "y"},
        {"doc_sha256": "other"},
        {"status": AnchorStatus.FUZZY},
    ):
        assert fingerprint([a.evolve(**change)]) != base, change
    assert fingerprint([a.evolve(tags=("u",), note="")]) == base  # not read by placing
