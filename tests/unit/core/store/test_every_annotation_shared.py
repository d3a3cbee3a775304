"""Every annotation of the store (``annotations()``) is made once for the database as it is
and shared: several threads asking at once after a change (the app's workers that follow a
rename) each went over every annotation and sorted them again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.helpers.annotations import annotation
from tests.helpers.threads import joined
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.store import annotation_store
from tui_reader.core.store.annotation_store import AnnotationStore

COUNT = 60
ASKING = 4


def _store(db: Path) -> AnnotationStore:
    store = AnnotationStore(db, coder="ann")
    with store.at_once():
        for n in range(COUNT):
            store.add(annotation(f"a{n}", n * 10, "quote", "peace", document=f"d{n % 7}.txt"))
    return store


def test_threads_asking_at_once_after_a_change_share_one_making(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "annotations.json")
    store.annotations()
    store.rename_tag("peace", "calm")  # every annotation changed
    sorted_ = []
    plain_order = annotation_store.reading_order

    def counted_order(a: Annotation) -> tuple[str, int, int]:
        sorted_.append(a.id)
        return plain_order(a)

    monkeypatch.setattr(annotation_store, "reading_order", counted_order)
    ready = threading.Barrier(ASKING)
    got: list[list[Annotation]] = []

    def ask() -> None:
        ready.wait()
        got.append(store.annotations())

    threads = [threading.Thread(target=ask) for _ in range(ASKING)]
    for thread in threads:
        thread.start()
    for thread in threads:
        joined(thread, "a thread asking for every annotation")
    assert len(sorted_) == COUNT  # sorted once, not once for each thread
    assert len(got) == ASKING
    assert all(found == got[0] for found in got)
    assert [a.tags for a in got[0]] == [("calm",)] * COUNT
    assert len({id(found) for found in got}) == ASKING  # each its own list


def test_every_annotation_follows_each_change_and_a_list_given_is_the_callers(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "annotations.json")
    first = store.annotations()
    first.clear()  # the caller's own list: the store's are untouched
    assert len(store.annotations()) == COUNT
    store.delete(store.annotations()[0].id)
    assert len(store.annotations()) == COUNT - 1
    store.rename_tag("peace", "calm")
    assert {a.tags for a in store.annotations()} == {("calm",)}
    store.undo()
    assert {a.tags for a in store.annotations()} == {("peace",)}
    with AnnotationStore(store.path) as other:  # another process's change, read again
        other.rename_tag("peace", "quiet")
    store.reload_if_changed()
    assert {a.tags for a in store.annotations()} == {("quiet",)}
    assert store.annotations() == sorted(store.annotations(), key=annotation_store.reading_order)
