"""The history read for ``tui-reader history`` without opening the store: the journal read a
few MB at a time, the changes of no step built, and the listing the store's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import examples, store_steps
from helpers.store_steps import apply
from hypothesis import given, settings

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import journal, step_heads
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import ORIGIN
from tui_reader.core.store.history_records import read_history

_passage = store_steps.passage


def _as_the_store_lists(path: Path) -> tuple[list[object], list[str]]:
    with AnnotationStore(path, read_only=True) as store:
        steps = store.history()
        return list(steps), store.history_problems([step.id for step in steps])


def _history_not_replayed(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """The lines ``tui-reader history`` prints for the database at ``path``, a replay of its
    whole journal failing the test."""

    def replayed(_: bytes) -> object:
        raise AssertionError("the journal was replayed whole")

    monkeypatch.setattr(journal, "valid_prefix", replayed)
    assert main(["history", "--db", str(path)]) == 0
    return capsys.readouterr().out.splitlines()


OPERATIONS = store_steps.operations(12)


@settings(max_examples=examples(30), deadline=None)
@given(operations=OPERATIONS)
def test_the_history_read_alone_is_the_stores(
    tmp_path_factory: pytest.TempPathFactory, operations: list[str]
) -> None:
    path = tmp_path_factory.mktemp("db") / "annotations.json"
    store = AnnotationStore(path, compact_bytes=1 << 40)  # every change left in the journal
    origin = ORIGIN.set("key a")  # each step's head short (HEAD_MOST below)
    apply(store, operations)
    ORIGIN.reset(origin)
    store._tables.close(compact=False)  # the journal left as the app leaves it, open
    expected = _as_the_store_lists(path)
    listed = read_history(path, None)
    assert listed is not None
    assert (list(listed[0]), listed[1]) == expected
    with pytest.MonkeyPatch.context() as patch:
        # every step read as a big one (its head alone), the file's tables line by line
        patch.setattr(step_heads, "HEAD_MOST", 200)
        patch.setattr(step_heads, "WHOLE_UNDER", 0)
        listed = read_history(path, None)
    assert listed is not None
    assert (list(listed[0]), listed[1]) == expected


def test_history_lists_a_big_step_in_the_journal_without_replaying_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import of many annotations not folded yet: listing it replayed the whole journal,
    every record of the step built (100,000 annotations: 1.4 GB, 24 s). The journal is read a
    piece at a time, only the steps' heads parsed."""
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path, compact_bytes=1 << 40)
    store.add(_passage(0))
    store.put_many([_passage(k) for k in range(1, 3000)], "import")
    store._tables.close(compact=False)
    monkeypatch.setattr(step_heads, "READ_AT_ONCE", 1 << 16)  # the line read in pieces
    out = _history_not_replayed(path, monkeypatch, capsys)
    assert len(out) == 2 and "2,999 annotations  import" in out[0], out


def test_a_fold_between_the_steps_read_and_their_changes_checked_damages_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The steps were read, then their changes checked in the journal at the places read: a
    fold (the app's, once changes settle) landing in between emptied the journal, and a save
    after it wrote other bytes there, so a sound step was said to be damaged."""
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path, compact_bytes=1 << 40)
    store.add(_passage(0))
    store.put_many([_passage(k) for k in range(1, 40)], "import")
    monkeypatch.setattr(step_heads, "HEAD_MOST", 200)  # every step read as a big one
    read = step_heads.read_step_heads
    folds = []

    def read_then_fold(at: Path) -> step_heads.StepHeads | None:
        found = read(at)
        if not folds:  # once: the fold lands right after the first reading
            folds.append(store.compact())
            store.add(_passage(50))
        return found

    monkeypatch.setattr(step_heads, "read_step_heads", read_then_fold)
    listed = read_history(path, None)
    store._tables.close(compact=False)
    assert folds
    assert listed is not None
    steps, problems, _ = listed
    assert problems == []
    assert [step.id for step in steps] == [3, 2, 1]
    assert (list(steps), problems) == _as_the_store_lists(path)


def test_history_lists_a_step_with_accents_in_the_journal_without_replaying_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A journal line is written in UTF-8 (orjson): a step holding accents, its changes
    read whole as a small step's are, was read as ASCII and refused, and the journal
    replayed to list it."""
    path = tmp_path / "annotations.json"
    store = AnnotationStore(path, compact_bytes=1 << 40)
    origin = ORIGIN.set("k")  # the step's head short
    store.add(make_annotation("a.txt", "Él habló.", 0, 2, "", ("é",)))
    ORIGIN.reset(origin)
    store._tables.close(compact=False)
    assert "Él".encode() in path.with_name("annotations.json.journal").read_bytes()
    out = _history_not_replayed(path, monkeypatch, capsys)
    assert len(out) == 1 and "1 annotation" in out[0], out


def test_history_of_a_large_file_of_nul_bytes_after_a_json_start_is_read_unread(
    tmp_path: Path,
) -> None:
    # A database that starts as JSON and goes on in NUL bytes: the history's own reading took
    # the history's line whole (the file, but for its start) and parsed it before the store
    # refused it, as the store read the file whole.
    import tracemalloc

    path = tmp_path / "annotations.json"
    size = 64 * 1024 * 1024
    with open(path, "wb") as handle:
        handle.write(b'{\n"history": {"1": {"label": "a')
        handle.truncate(size)  # sparse: NUL bytes after the start
    tracemalloc.start()
    try:
        assert step_heads.read_step_heads(path) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size // 4
    assert path.stat().st_size == size
