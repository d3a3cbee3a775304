"""A prune of the history by hand (``tui-reader history --prune``): the records kept as they
were, the newest steps listed as before, what was deleted kept or forgotten as asked, and undo
stopping at the pruned point or before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import examples, store_steps
from helpers.store_steps import apply
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import ANNOTATIONS

OPERATIONS = store_steps.operations(14)


def _passage(i: int) -> Annotation:
    return store_steps.passage(i, noted=True)


def _state(store: AnnotationStore) -> tuple[object, ...]:
    return (
        sorted((a.id, a.quote, a.tags, a.note) for a in store.annotations()),
        sorted(t.name for t in store.tags()),
    )


@settings(max_examples=examples(40), deadline=None)
@given(operations=OPERATIONS, keep=st.integers(0, 6), forget=st.booleans())
def test_a_prune_keeps_the_records_and_the_newest_steps(
    tmp_path_factory: pytest.TempPathFactory, operations: list[str], keep: int, forget: bool
) -> None:
    path = tmp_path_factory.mktemp("db") / "annotations.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "MAX_RECORDS", 12)  # imports pushing steps out: dropped ones
        with AnnotationStore(path) as store:
            apply(store, operations, noted=True)
            before, listed = _state(store), store.history()
            deleted = store.deleted_ids(ANNOTATIONS)
            dry = store.prune(keep, forget_deleted=forget, dry_run=True)
            assert store.history() == listed  # a dry run changes nothing
            found = store.prune(keep, forget_deleted=forget)
            assert found.steps == dry.steps == tuple(listed[keep:])
            assert _state(store) == before
            assert store.history() == listed[:keep]
            if forget:
                assert store.deleted_ids(ANNOTATIONS) <= deleted
            else:
                assert store.deleted_ids(ANNOTATIONS) == deleted
            for _ in range(len(listed) + 1):  # undo goes back to the pruned point at most
                try:
                    store.undo()
                except history.UndoRefused as refused:
                    said = str(refused)
                    break
            else:
                raise AssertionError("undo never stopped")
            pruned = found.steps and not any(
                not (s.undone or s.dropped) and s.id > found.steps[0].id for s in store.history()
            )
            if pruned:
                assert "pruned" in said or "dropped" in said or "changed since" in said


def test_a_step_dropped_for_its_size_and_kept_stays_listed_when_forgetting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the property above: --forget-deleted removed the note of a step dropped for
    its size that was among the steps kept, so it went from the listing."""
    monkeypatch.setattr(history, "MAX_RECORDS", 12)
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.add(_passage(0))
        store.add(_passage(1))
        store.put_many([_passage(20 + k) for k in range(5)])
        store.put_many([_passage(30 + k) for k in range(5)])
        listed = store.history()
        assert [(s.id, s.dropped) for s in listed] == [(4, False), (3, False), (2, True), (1, True)]
        found = store.prune(3, forget_deleted=True)
        assert [s.id for s in found.steps] == [1]
        assert store.history() == listed[:3]
