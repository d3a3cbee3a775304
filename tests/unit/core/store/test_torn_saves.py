"""A save cut at any byte (a crash mid-write): the history read alone is the store's, says no
problem, and undo either takes back the last step whole or refuses with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import history, step_heads
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import ORIGIN
from tui_reader.core.store.history import UndoRefused
from tui_reader.core.store.history_records import read_history

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def _passage(i: int):  # type: ignore[no-untyped-def]
    return make_annotation("a.txt", TEXT, i % 30, i % 30 + 9, "", (f"code-{i % 3}",))


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    path = tmp_path_factory.mktemp("saved") / "annotations.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "MAX_RECORDS", 12)
        store = AnnotationStore(path, compact_bytes=1 << 40)
        origin = ORIGIN.set("key a")
        made = [store.add(_passage(0)).id, store.add(_passage(1)).id]
        store.put_many([_passage(k) for k in range(2, 16)], "import")  # pushes them out
        store.delete(made[0])
        store.undo()
        store.add(_passage(20))
        ORIGIN.reset(origin)
        store._tables.close(compact=False)
    journal = path.with_name(path.name + ".journal")
    return path, journal.read_bytes()


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_save_cut_anywhere(
    saved: tuple[Path, bytes], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    source, journal = saved
    cut = data.draw(st.integers(0, len(journal)))
    path = tmp_path_factory.mktemp("cut") / "annotations.json"
    shutil.copy(source, path)
    path.with_name(path.name + ".journal").write_bytes(journal[:cut])
    for head_most in (step_heads.HEAD_MOST, 200):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(step_heads, "HEAD_MOST", head_most)
            listed = read_history(path, None)
        with AnnotationStore(path, read_only=True) as store:
            steps = store.history()
            problems = [*store.problems_met(), *store.history_problems([s.id for s in steps])]
        assert problems == []
        if listed is not None:
            assert (list(listed[0]), listed[1]) == (steps, problems)
    with AnnotationStore(path) as store:
        before = len(store.annotations())
        try:
            step = store.undo()
        except UndoRefused:
            assert len(store.annotations()) == before
        else:
            assert step.annotations >= 1


def _crashed_copy(path: Path, into: Path) -> Path:
    """The database's files as a crash (kill -9, a power cut) would leave them now."""
    into.mkdir()
    for own in path.parent.glob(path.name + "*"):
        shutil.copy(own, into / own.name)
    return into / path.name


def test_a_crash_between_the_saves_of_one_step_leaves_it_undoable(tmp_path: Path) -> None:
    """An import saves its codes, memos and attributes, then its passages, and its undo step
    last, as a line of its own: a crash before that line left what was saved without a
    step, so history did not list the import and undo took back the step before it."""
    path = tmp_path / "db" / "annotations.json"
    path.parent.mkdir()
    store = AnnotationStore(path, compact_bytes=1 << 40)
    store.add(_passage(0))
    with store.step("import project.qdpx"):
        store.put_many([_passage(k) for k in range(1, 4)])
        store.put_many([_passage(k) for k in range(4, 9)])
        crashed = _crashed_copy(path, tmp_path / "crashed")
    store.close()
    with AnnotationStore(crashed) as reopened:
        assert len(reopened.annotations()) == 9
        newest = reopened.history()[0]
        assert (newest.label, newest.annotations) == ("import project.qdpx", 8)
        assert reopened.undo().label == "import project.qdpx"
        assert len(reopened.annotations()) == 1
    listed = read_history(crashed, None)
    assert listed is not None and listed[0][0].label == "import project.qdpx"
