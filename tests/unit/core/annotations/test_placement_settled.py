"""Nothing moved": once a pass found every document's annotations in place, the next pass
takes them as stored without a fingerprint or a load, while the database is in the state it
was then and every annotated file has its stamp; any change (a text edited, touched, moved or
deleted, a record changed by another process, an unreadable record) falls back to placing, and
both give the same annotations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import examples
from helpers.counting import count_calls
from helpers.placed_texts import annotated_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core import workspace as workspace_module
from tui_reader.core.annotations import placement_cache
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path


def _fresh(workspace: Workspace, store: AnnotationStore | None = None) -> Workspace:
    """The same corpus and database in a new workspace (a new command), the store reread."""
    workspace.store.close()
    return Workspace(workspace.corpus, workspace.db, store)


def _slow(workspace: Workspace) -> tuple[list[Annotation], list[str]]:
    """Every annotation placed with no cache (each document loaded), and the problems."""
    placement_cache_path(workspace.db).unlink(missing_ok=True)
    fresh = _fresh(workspace)
    placed = fresh.all_anchored()
    return placed, [*fresh.store.problems, *fresh.problems]


def _settled(folder: Path) -> Workspace:
    """A workspace whose placement cache holds the settled state: a first pass placed every
    document, a second found them all in place."""
    workspace = annotated_texts(folder)
    workspace.all_anchored()
    workspace = _fresh(workspace)
    workspace.all_anchored()
    return _fresh(workspace)


def _settled_mark(workspace: Workspace) -> object:
    data = json.loads(placement_cache_path(workspace.db).read_text(encoding="ascii"))
    return data.get("settled")


def test_a_pass_that_placed_does_not_settle_and_the_next_one_does(tmp_path: Path) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()
    assert _settled_mark(workspace) is None  # placed just now: not checked against the store
    workspace = _fresh(workspace)
    workspace.all_anchored()
    assert _settled_mark(workspace) == list(workspace.store.state() or ())


def test_nothing_moved_costs_no_fingerprint_and_no_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _settled(tmp_path)
    fingerprints = count_calls(monkeypatch, placement_cache, "fingerprint")
    loads = count_calls(monkeypatch, workspace_module, "load_document")
    found: dict[str, object] = {}
    placed = workspace.all_anchored(found)  # type: ignore[arg-type]
    assert (fingerprints.calls, loads.calls) == (0, 0)
    assert found == dict.fromkeys(workspace.store.documents())
    assert len(placed) == 9
    monkeypatch.undo()
    assert placed == _slow(workspace)[0]


@pytest.mark.parametrize("lost", ["cache", "state"])
def test_no_file_is_stamped_when_no_pass_settled_in_this_state(
    lost: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache lost (a fresh cache folder) or the database changed since the pass that
    # settled: no stamp of a file can tell that nothing moved, so none is taken (an export
    # of 10,000 documents placed again took 10,000 stats for nothing); settled, one each
    workspace = _settled(tmp_path)
    if lost == "cache":
        placement_cache_path(workspace.db).unlink()
    else:
        first = workspace.store.annotations()[0]
        workspace.store.update(first.evolve(note="changed since"))
        workspace = _fresh(workspace)
    places = PlacementCache(placement_cache_path(workspace.db))
    stamped = count_calls(monkeypatch, workspace_module, "stamp_of")
    assert workspace.nothing_moved(places) is None
    assert stamped.calls == 0
    (tmp_path / "again").mkdir()
    settled = _settled(tmp_path / "again")
    places = PlacementCache(placement_cache_path(settled.db))
    before = stamped.calls
    assert settled.nothing_moved(places) == settled.store.state()
    assert stamped.calls - before == len(settled.store.documents())


def test_a_record_changed_by_another_process_is_placed_again(tmp_path: Path) -> None:
    workspace = _settled(tmp_path)
    other = AnnotationStore(workspace.db)  # another command, with its own copy of the tables
    moved = other.annotations()[0]
    other.update(moved.evolve(start=moved.start + 1, end=moved.end + 1))
    placed = workspace.all_anchored()  # the workspace had read the database before
    other.close()
    back = next(a for a in placed if a.id == moved.id)
    assert (back.start, back.end) == (moved.start, moved.end)  # placed again by its quote
    assert placed == _slow(workspace)[0]


def test_a_text_edited_with_its_times_kept_is_placed_again(tmp_path: Path) -> None:
    workspace = _settled(tmp_path)
    path = workspace.corpus / "doc0.txt"
    st_before = path.stat()
    path.write_text("NEW " + path.read_text(encoding="utf-8")[4:], encoding="utf-8")
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))  # only ctime tells
    workspace = _fresh(workspace)
    assert workspace.settled_annotations(PlacementCache(placement_cache_path(workspace.db))) is None
    assert workspace.all_anchored() == _slow(workspace)[0]


def test_a_read_only_database_whose_new_places_are_not_saved_never_settles(
    tmp_path: Path,
) -> None:
    workspace = annotated_texts(tmp_path)
    workspace.all_anchored()
    workspace = _fresh(workspace)
    workspace.all_anchored()  # settled
    other = AnnotationStore(workspace.db)
    moved = other.annotations()[0]
    other.update(moved.evolve(start=moved.start + 2, end=moved.end + 2))
    other.close()
    for _ in range(2):  # placed each time (nothing saved), never taken as settled
        workspace = _fresh(workspace, AnnotationStore(workspace.db, read_only=True))
        placed = workspace.all_anchored()
        back = next(a for a in placed if a.id == moved.id)
        assert (back.start, back.end) == (moved.start, moved.end)
        assert _settled_mark(workspace) is None


def test_an_unreadable_record_is_left_out_as_without_the_cache(tmp_path: Path) -> None:
    workspace = _settled(tmp_path)
    workspace.store.close()
    data = json.loads(workspace.db.read_text(encoding="utf-8"))
    data["annotations"]["999"] = {"id": "x", "document": "doc0.txt", "start": "zero"}
    first = next(iter(data["annotations"]))
    data["annotations"][first]["revision"] = -1  # read by the index, refused when built
    workspace.db.write_text(json.dumps(data), encoding="utf-8")
    workspace = Workspace(workspace.corpus, workspace.db)
    workspace.all_anchored()  # the database changed: placed, then settled next time
    workspace = _fresh(workspace)
    workspace.all_anchored()
    workspace = _fresh(workspace)
    cache = PlacementCache(placement_cache_path(workspace.db))
    assert workspace.settled_annotations(cache) is not None
    placed = workspace.all_anchored()
    problems = [*workspace.store.problems, *workspace.problems]
    assert len(placed) == 8 and len(problems) == 2
    assert (placed, problems) == _slow(workspace)


CHANGES = st.sampled_from(["none", "edit", "touch", "delete", "move", "record", "note", "add"])


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(CHANGES, st.integers(0, 8)), max_size=3))
def test_settled_and_placed_agree_whatever_changed(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, int]]
) -> None:
    """After any of these changes since the pass that settled, the next pass gives what a
    pass with no cache gives; with none, it is the settled path (no fingerprint)."""
    workspace = _settled(tmp_path_factory.mktemp("case"))
    other = AnnotationStore(workspace.db)
    for change, n in changes:
        paths = sorted(p for p in workspace.corpus.rglob("*") if p.is_file())
        path = paths[n % len(paths)]
        stored = other.annotations()
        if change == "edit":
            path.write_text(path.read_text(encoding="utf-8").replace("e", "E", 1))
        elif change == "touch":
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1000))
        elif change == "delete":
            path.unlink()
        elif change == "move":
            (workspace.corpus / "sub").mkdir(exist_ok=True)
            path.rename(workspace.corpus / "sub" / f"moved{n}{path.suffix}")
        elif change == "record" and stored:
            a = stored[n % len(stored)]
            other.update(a.evolve(start=a.start + 1, end=a.end + 1))
        elif change == "note" and stored:  # not a place: no placing would change it
            a = stored[n % len(stored)]
            other.update(a.evolve(note=f"note {n}"))
        elif change == "add" and stored:
            a = stored[n % len(stored)]
            other.add(make_annotation(a.document, a.quote + a.suffix, 0, 3, "", ("u",)))
    other.close()
    workspace = _fresh(workspace)
    cache = PlacementCache(placement_cache_path(workspace.db))
    settled = workspace.settled_annotations(cache)
    if all(change == "none" for change, _ in changes):
        assert settled is not None
    else:
        assert settled is None
    placed = workspace.all_anchored()
    assert (placed, [*workspace.store.problems, *workspace.problems]) == _slow(workspace)
