"""The store's index built a field at a time (every record plain) is the index built a record
at a time, whatever the records hold (odd ones are indexed one by one, as before)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.index import ANNOTATIONS, StoreIndex

# Each field's plain values, and the odd ones a record now and then has instead.
PLAIN = {
    "id": st.sampled_from(["a", "b", "c"]),
    "document": st.sampled_from(["x.txt", "y/z.md"]),
    "start": st.integers(0, 3),
    "end": st.integers(0, 3),
    "quote": st.sampled_from(["q", ""]),
    "status": st.sampled_from(["anchored", "orphan"]),
    "revision": st.integers(0, 2),
}
ODD = {"id": st.just(1), "document": st.none(), "start": st.just(True), "end": st.just("4"),
       "quote": st.just(2), "status": st.sampled_from(["bogus", None, ["x"]]),
       "revision": st.sampled_from([-1, None, True, "2"])}  # fmt: skip
FIELD = {name: plain | ODD[name] for name, plain in PLAIN.items()}


@st.composite
def record(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, values in FIELD.items():
        if draw(st.integers(0, 9)):  # mostly present
            # (the plain values drawn from a strategy of their own: filtering the field's
            # values made each example take a tenth of a second)
            found[name] = draw(values if draw(st.integers(0, 4)) == 0 else PLAIN[name])
    return found


def _one_at_a_time(records: dict[str, dict[str, Any]]) -> StoreIndex:
    index = StoreIndex(Path("db.json"))
    index.data = {ANNOTATIONS: records}
    for doc_id, r in records.items():
        index._index_annotation(doc_id, r)
    return index


@settings(max_examples=examples(300))
@given(
    st.dictionaries(st.sampled_from([str(n) for n in range(1, 9)] + ["z"]), record(), max_size=8)
)
def test_the_index_by_field_is_the_index_by_record(records: dict[str, dict[str, Any]]) -> None:
    index = StoreIndex(Path("db.json"))
    index.apply({ANNOTATIONS: records}, None)
    expected = _one_at_a_time(records)
    assert index.by_id == expected.by_id
    assert list(index.keys.items()) == list(expected.keys.items())
    assert list(index.by_document.items()) == list(expected.by_document.items())
    assert index.problems == expected.problems


# Whole records, a field now and then odd (a status or revision from_record refuses, a start
# given as text, a missing quote), as a hand-edited or another program's file has them.
WHOLE = {
    "tags": st.lists(st.sampled_from(["a", "b"]), max_size=2) | st.just("a"),
    "status": st.sampled_from(["anchored", "fuzzy", "orphan"]) | st.just("lost"),
    "revision": st.integers(0, 3) | st.just(-1),
    "coder": st.sampled_from(["", "ana"]),
    "updated": st.just("2026-11-01T10:00:00Z"),
}


@st.composite
def whole_record(draw: st.DrawFn) -> dict[str, Any]:
    found = draw(record())
    for name, values in WHOLE.items():
        if draw(st.integers(0, 3)):
            found[name] = draw(values)
    return found


def over_databases(test: Callable[..., None]) -> Callable[..., None]:
    """``test`` run over databases of up to six records of every shape, given as ``records``."""
    given_records = given(
        st.dictionaries(
            st.sampled_from([str(n) for n in range(1, 9)]), whole_record(), min_size=1, max_size=6
        )
    )
    return settings(
        max_examples=examples(60),
        deadline=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )(given_records(test))


@over_databases
def test_annotations_read_once_are_those_the_index_gives(
    records: dict[str, dict[str, Any]],
) -> None:
    """Read without the index (another coder's database merged), the annotations and the
    problems are those the index gives, or none are given and the caller asks the index."""
    import json
    import tempfile

    from tui_reader.core.store.annotation_store import AnnotationStore

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        path.write_text(json.dumps({ANNOTATIONS: records}), encoding="utf-8")
        with AnnotationStore(path, read_only=True, coder="") as store:
            read = store.annotations_read_once()
            assert store._index.stale  # not built for it
        with AnnotationStore(path, read_only=True, coder="") as store:
            expected = (store.annotations(), store.problems)
        assert read is None or read == expected


def test_a_database_of_plain_records_is_read_once_without_its_index(tmp_path: Path) -> None:
    from tui_reader.core.annotations.model import Annotation
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(tmp_path / "db.json", coder="ana") as store:
        for n in range(3):
            store.add(Annotation("a.txt", 9 - n, 12 - n, "abc", tags=("x",), id=f"id{n}"))
    with AnnotationStore(tmp_path / "db.json", read_only=True, coder="") as store:
        read = store.annotations_read_once()
        assert store._index.stale
    with AnnotationStore(tmp_path / "db.json", read_only=True, coder="") as store:
        assert read == (store.annotations(), [])


def test_a_step_of_thousands_of_codes_is_indexed_in_work_linear_in_their_count() -> None:
    # Each code of a step was indexed by making the index of every code again: an import
    # bringing 4,000 new codes took 9 s of CPU there, 20,000 minutes.
    from helpers.counting import lines_run

    from tui_reader.core.store.index import TAGS

    index = StoreIndex(Path("db.json"))
    data: dict[str, dict[str, dict[str, Any]]] = {TAGS: {"1": {"name": "old"}}}
    index.apply(data, None)
    assert index.tag_ids == {"old": "1"}  # built
    changes = []
    for n in range(2, 3_002):
        data[TAGS][str(n)] = {"name": f"c{n}"}
        changes.append((TAGS, str(n), data[TAGS][str(n)]))
    changes.append((TAGS, "2", {"name": "renamed"}))  # one changed again in the same step
    changes.append((TAGS, "1", None))  # one removed
    _, ran = lines_run(lambda: index.apply(data, changes), at_most=200_000)
    expected = {f"c{n}": str(n) for n in range(3, 3_002)} | {"renamed": "2"}
    assert index.tag_ids == expected, ran


# A new passage, and the passages of its document, without the index of every annotation:
# the same answers as the index gives, and the index left unbuilt (0.4 s at 100,000).
@over_databases
def test_a_documents_passages_read_before_the_index_are_those_it_gives(
    records: dict[str, dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        path.write_text(json.dumps({ANNOTATIONS: records}), encoding="utf-8")
        for document in ("x.txt", "y/z.md", "none.txt"):
            with AnnotationStore(path, read_only=True, coder="") as store:
                read = store.annotations(document)
            with AnnotationStore(path, read_only=True, coder="") as store:
                store.documents()  # the index built first
                assert read == store.annotations(document)


def _counted_rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    rebuild = StoreIndex._rebuild

    def counted(self: StoreIndex) -> None:
        calls.append(1)
        rebuild(self)

    monkeypatch.setattr(StoreIndex, "_rebuild", counted)
    return calls


def _database(path: Path) -> None:
    with AnnotationStore(path, coder="ana") as store:
        for n in range(3):
            store.add(Annotation("a.txt", n, n + 3, "abc", tags=("x",), id=f"id{n}"))
        store.add(Annotation("b.txt", 0, 3, "abc", id="other"))


def test_a_new_passage_on_a_document_builds_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    _database(path)
    rebuilds = _counted_rebuilds(monkeypatch)
    with AnnotationStore(path, coder="ana") as store:
        assert [a.id for a in store.annotations("a.txt")] == ["id0", "id1", "id2"]
        store.add(Annotation("a.txt", 5, 8, "def", tags=("x", "new"), id="id3"))
        assert rebuilds == []
    with AnnotationStore(path, coder="ana") as store:
        assert [a.id for a in store.annotations("a.txt")] == ["id0", "id1", "id2", "id3"]
        assert [t.name for t in store.tags()] == ["x", "new"]
        assert store.problems == []


def test_a_new_passage_with_an_id_taken_is_refused_before_the_index_is_built(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    _database(path)
    with AnnotationStore(path, coder="ana") as store, pytest.raises(StoreError, match="id1 exists"):
        store.add(Annotation("b.txt", 0, 3, "abc", id="id1"))
    with AnnotationStore(path, coder="ana") as store:
        assert len(store.annotations()) == 4
