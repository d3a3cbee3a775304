"""A stateful property test: random sequences of store operations, two handles on one file,
compactions and reopenings, checked against a plain in-memory model after every step."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.codebook.names import is_within, renamed
from tui_reader.core.errors import StoreError
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel, Mexico."
TAGS = ["a", "a/x", "a/y", "b", "c/d"]
tag_lists = st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple)


class StoreModel(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="tui-reader-store-model-"))
        self.path = self.folder / "annotations.json"
        self.stores = [AnnotationStore(self.path, compact_bytes=2000) for _ in range(2)]
        self.model: dict[str, Annotation] = {}
        self.codebook: list[str] = []

    def teardown(self) -> None:
        for store in self.stores:
            store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _learn_tags(self, tags: tuple[str, ...]) -> None:
        self.codebook.extend(t for t in tags if t not in self.codebook)

    @rule(target=ids, which=st.integers(0, 1), start=st.integers(0, 60), tags=tag_lists)
    def add(self, which: int, start: int, tags: tuple[str, ...]) -> str:
        annotation = make_annotation("d.txt", TEXT, start, start + 5, "", tags)
        self.stores[which].add(annotation)
        self.model[annotation.id] = annotation
        self._learn_tags(tags)
        return annotation.id

    @rule(which=st.integers(0, 1), ident=ids, note=st.text(max_size=10))
    def update(self, which: int, ident: str, note: str) -> None:
        if ident not in self.model:
            return
        saved = self.stores[which].update(self.model[ident].evolve(note=note))
        self.model[ident] = saved

    @rule(which=st.integers(0, 1), ident=ids)
    def delete(self, which: int, ident: str) -> None:
        if ident in self.model:
            assert self.stores[which].delete(ident).id == ident
            del self.model[ident]

    @rule(which=st.integers(0, 1), old=st.sampled_from(TAGS), new=st.sampled_from(["m", "a"]))
    def merge(self, which: int, old: str, new: str) -> None:
        known = any(renamed(t, old, new) for t in self.codebook) or any(
            renamed(t, old, new) for a in self.model.values() for t in a.tags
        )
        if not known or old == new or renamed(new, old, new) is not None:
            return
        there = any(is_within(t, new) for t in self.codebook) or any(
            is_within(t, new) for a in self.model.values() for t in a.tags
        )
        if not there:  # a slip for a new code: merging is into a code there
            with pytest.raises(StoreError, match="to merge"):
                self.stores[which].merge_tags(old, new)
            return
        self.stores[which].merge_tags(old, new)
        for ident, a in self.model.items():
            tags = tuple(dict.fromkeys(renamed(t, old, new) or t for t in a.tags))
            used = any(renamed(t, old, new) for t in a.tags)  # each save raises the revision
            self.model[ident] = a.evolve(tags=tags, revision=a.revision + used)
        mapped = [renamed(t, old, new) or t for t in self.codebook]
        self.codebook = list(dict.fromkeys(mapped))

    @rule(which=st.integers(0, 1), name=st.sampled_from(TAGS))
    def delete_tag(self, which: int, name: str) -> None:
        if name not in self.codebook:
            return
        self.stores[which].delete_tag(name)
        self.codebook.remove(name)
        for ident, a in self.model.items():
            tags = tuple(t for t in a.tags if t != name)
            self.model[ident] = a.evolve(tags=tags, revision=a.revision + (tags != a.tags))

    @rule(which=st.integers(0, 1))
    def compact(self, which: int) -> None:
        self.stores[which].compact()

    @rule(which=st.integers(0, 1))
    def reopen(self, which: int) -> None:
        self.stores[which].close()
        self.stores[which] = AnnotationStore(self.path, compact_bytes=2000)

    @invariant()
    def both_handles_agree_with_the_model(self) -> None:
        for store in self.stores:
            found = {a.id: (a.start, a.tags, a.note) for a in store.annotations()}
            assert found == {i: (a.start, a.tags, a.note) for i, a in self.model.items()}
            assert sorted(t.name for t in store.tags()) == sorted(self.codebook)


StoreModel.TestCase.settings = settings(
    max_examples=examples(25), stateful_step_count=25, deadline=None
)
TestStoreModel = StoreModel.TestCase
