"""A moved document's memo and attributes joined to those its new key had: the join is a step
of the history, and every step made before it is undone and redone through it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore

OLD, NEW = "corpus/a.txt", "../corpus/a.txt"


def _state(store: AnnotationStore) -> tuple[list[tuple[str, str]], dict[str, object]]:
    memos = [(m.target, m.text) for m in store.memos(MemoKind.DOCUMENT)]
    return sorted(memos), dict(store.attributes())


def test_a_join_is_a_step_and_a_move_alone_is_none(tmp_path: Path) -> None:
    with AnnotationStore(tmp_path / "annotations.json") as store:
        store.put_memo(Memo(MemoKind.DOCUMENT, "b.txt", "Alone."))
        store.follow_documents({"b.txt": "../b.txt"})
        assert [s.label for s in store.history()] == ["write memo of b.txt"]
        store.put_memo(Memo(MemoKind.DOCUMENT, OLD, "First reading."))
        store.put_memo(Memo(MemoKind.DOCUMENT, NEW, "Own."))
        store.follow_documents({OLD: NEW})
        join = store.history()[0]
        assert (
            join.label
            == "join the moved file a.txt's memo and attributes to those of its new place"
        )
        with pytest.raises(history.UndoRefused, match="followed files that moved"):
            store.undo(join.id)
        assert store.undo().label == "write memo of a.txt"  # Own. taken back, not the join
        assert _state(store)[0] == [("../b.txt", "Alone."), (NEW, "First reading.")]


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["memo", "attribute"]),
        st.sampled_from([OLD, NEW]),
        st.sampled_from(["age", "country", "wave"]),
        st.integers(0, 3),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=examples(60), deadline=None)
@given(steps=STEPS)
def test_every_step_before_a_join_is_undone_and_redone_through_it(
    steps: list[tuple[str, str, str, int]],
) -> None:
    """Memos written and edited and attributes set on a document's old key and on its new
    one, then the old followed to the new: undo takes every step back, nothing left, and
    redo brings every one back, a join made again, as it was."""
    with (
        tempfile.TemporaryDirectory() as folder,
        AnnotationStore(Path(folder) / "annotations.json") as store,
    ):
        for kind, key, name, value in steps:
            if kind == "attribute":
                store.set_attributes([(key, {name: value})])
            else:
                memo = store.memo(MemoKind.DOCUMENT, key)
                text = f"{name} {value}"
                store.put_memo(
                    Memo(MemoKind.DOCUMENT, key, text) if memo is None else memo.evolve(text=text)
                )
        done = len(store.history())
        store.follow_documents({OLD: NEW})
        joined = _state(store)
        was_joined = len(store.history()) > done
        assert all(target == NEW for target, _ in joined[0])
        for _ in range(done):
            store.undo()
        assert _state(store) == ([], {})
        with pytest.raises(history.UndoRefused, match="nothing to undo"):
            store.undo()
        for _ in range(done):
            store.redo()
        if was_joined:  # joined again by the redo itself
            assert _state(store) == joined
        store.follow_documents({OLD: NEW})  # (a move alone, redone, waits for the next pass)
        assert _state(store) == joined
