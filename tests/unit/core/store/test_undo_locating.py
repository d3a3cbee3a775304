"""Undo and redo find each annotation of a step where the step left it, and look it up among
every annotation only when it is no longer there (moved to another doc id); a step keeps the
records it replaced and put, not copies of them.  Both against the old behaviour, over mixed
steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import ANNOTATIONS, StoreIndex

TEXT = "Officials from twelve countries attended the conference in Cozumel."
TAGS = ("a", "b", "c")


def _made(tags: tuple[str, ...]) -> Annotation:
    return make_annotation("doc.txt", TEXT, 0, 9, "", tags)


def _key_of(store: AnnotationStore, annotation_id: str) -> str:
    """The doc id the annotation's record is at, read from the table (no index built)."""
    records = store._tables.data.get(ANNOTATIONS, {})
    return next(k for k, r in records.items() if r.get("id") == annotation_id)


def _move(store: AnnotationStore, annotation_id: str, to: str) -> None:
    """The record put at doc id ``to`` as it is (a copy of another tool's writing it there)."""
    key = _key_of(store, annotation_id)
    record = store._tables.data[ANNOTATIONS][key]
    store._tables.commit([(ANNOTATIONS, key, None), (ANNOTATIONS, to, dict(record))])


def test_an_undo_builds_no_index_of_every_annotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look-up of every annotation by id (most of an undo's own time at 100,000) is not
    made when each record of the step is where the step left it."""
    db = tmp_path / "db.json"
    with AnnotationStore(db) as store:
        store.put_many([_made(("a",)) for _ in range(20)])
        assert store.rename_tag("a", "b") == 20
    rebuilds: list[object] = []
    real = StoreIndex._rebuild

    def counted(index: StoreIndex) -> None:
        rebuilds.append(index)
        real(index)

    monkeypatch.setattr(StoreIndex, "_rebuild", counted)
    with AnnotationStore(db) as store:
        step = store.undo()
        assert step.annotations == 20
        redone = store.redo()
        assert redone.annotations == 20
    assert rebuilds == []
    with AnnotationStore(db) as store:
        assert store.tag_counts()["b"] == 20


def test_an_undo_finds_an_annotation_moved_to_another_doc_id(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(_made(("a",)))
        store.update(made.evolve(tags=("b",)))
        _move(store, made.id, "900")
        store.undo()
        assert _key_of(store, made.id) == "900"
        assert store._tables.data[ANNOTATIONS]["900"]["tags"] == ["a"]
        store.redo()
        assert store._tables.data[ANNOTATIONS]["900"]["tags"] == ["b"]


def test_a_step_keeps_the_records_themselves_not_copies(tmp_path: Path) -> None:
    """A step of 20,000 renamed passages deep-copied 40,000 records (most of the rename's own
    time); a change replaces a record, never edits it, so the step holds the records."""
    with AnnotationStore(tmp_path / "db.json") as store:
        made = store.add(_made(("a",)))
        key = _key_of(store, made.id)
        was = store._tables.data[ANNOTATIONS][key]
        store.rename_tag("a", "b")
        now = store._tables.data[ANNOTATIONS][key]
        steps = store._tables.data[history.HISTORY]
        changes = steps[max(steps, key=int)]["changes"]
        entry = next(e for e in changes if e[0] == ANNOTATIONS)
        assert entry[2] is was and entry[3] is now
        store.undo()
        assert store._tables.data[ANNOTATIONS][key]["tags"] == ["a"]
        assert was["tags"] == ["a"] and now["tags"] == ["b"]  # neither edited in place


# -- against the old behaviour: every annotation looked up by id, whatever its doc id, and
# every record a step keeps a deep copy ---------------------------------------------------


def _copied(value: Any) -> Any:
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


def _entries_of_as_it_was(data: Any, changes: Any) -> list[Any]:
    found: dict[tuple[str, str], list[Any]] = {}
    for table, doc_id, doc in changes:
        if table not in history.RECORDED or doc_id is None:
            continue
        key = (table, doc_id)
        if key not in found:
            before = data.get(table, {}).get(doc_id)
            found[key] = [table, doc_id, _copied(before), None]
        found[key][3] = _copied(doc)
    return [e for e in found.values() if e[2] != e[3]]


VOLATILE = frozenset({"updated", "created", "when", "undone"})


def _plain(value: Any) -> Any:
    """``value`` without the fields the clock writes."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "delete", "rename", "delete tag", "move", "undo", "redo"]),
        st.integers(0, 30),
        st.sampled_from(TAGS),
        st.sampled_from(TAGS),
    ),
    min_size=3,
    max_size=25,
)


def _run(
    store: AnnotationStore, operations: list[tuple[str, int, str, str]], made: list[Annotation]
) -> list[str]:
    said: list[str] = []
    moves = 0
    for (kind, pick, tag, other), annotation in zip(operations, made, strict=True):
        live = sorted(r["id"] for r in store._tables.data.get(ANNOTATIONS, {}).values())
        chosen = live[pick % len(live)] if live else None
        try:
            if kind == "add":
                store.add(annotation)
            elif kind == "edit" and chosen is not None:
                current = store.get(chosen)
                assert current is not None
                store.update(current.evolve(tags=(tag, other)))
            elif kind == "delete" and chosen is not None:
                store.delete(chosen)
            elif kind == "rename" and tag != other:
                store.rename_tag(tag, other)
            elif kind == "delete tag":
                store.delete_tag(tag)
            elif kind == "move" and chosen is not None:
                moves += 1
                _move(store, chosen, str(5000 + moves))
            elif kind == "undo":
                said.append(history.describe_step(store.undo(), redo=False))
            elif kind == "redo":
                said.append(history.describe_step(store.redo(), redo=True))
        except Exception as refused:  # the same refusals, said the same way
            said.append(f"{type(refused).__name__}: {refused}")
    return said


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(OPERATIONS)
def test_undo_and_redo_over_mixed_steps_do_what_they_did(
    tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[str, int, str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("mixed")
    made = [_made((tag,)) for _, _, tag, _ in operations]
    with AnnotationStore(folder / "new.json") as store:
        said = _run(store, operations, made)
        tables = _plain({n: dict(t) for n, t in store._tables.data.items()})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "_carries_id", lambda record, annotation_id: False)
        patch.setattr(history, "entries_of", _entries_of_as_it_was)
        with AnnotationStore(folder / "old.json") as store:
            said_before = _run(store, operations, made)
            tables_before = _plain({n: dict(t) for n, t in store._tables.data.items()})
    assert said == said_before
    assert tables == tables_before
