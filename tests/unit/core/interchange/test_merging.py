"""The plan of a merge (as the command and the app's dialog make it) leaves off between its
steps once asked, and saves nothing either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.colleagues import OURS, their_copy

from tui_reader.core.interchange.coded_work import read_coded_work
from tui_reader.core.interchange.merging import plan_work
from tui_reader.core.interchange.reconcile import PlanStopped, Verdict
from tui_reader.core.workspace import Workspace


# asked before the codes are checked, before the plan, in its reading of their annotations,
# in its comparing them with ours
@pytest.mark.parametrize("asked_to_stop_at", [1, 2, 3, 4])
def test_a_plan_asked_to_stop_leaves_off_between_its_steps(
    tmp_path: Path, asked_to_stop_at: int
) -> None:
    corpus, theirs = their_copy(tmp_path, OURS, ours_coded=True)
    db = corpus.parent / "annotations.json"
    saved = db.read_bytes()
    workspace = Workspace(corpus, db)
    work = read_coded_work(theirs, None, db=db, corpus=corpus)
    asked = 0

    def stopped() -> bool:
        nonlocal asked
        asked += 1
        return asked >= asked_to_stop_at

    with pytest.raises(PlanStopped):
        plan_work(workspace, work, str(theirs), stopped=stopped)
    assert asked == asked_to_stop_at
    asked, asked_to_stop_at = 0, 5
    planned = plan_work(workspace, work, str(theirs), stopped=stopped)
    assert asked == 4  # each step asked once (one annotation of theirs): planned whole
    assert planned.plan.count(Verdict.ADD) == 1
    assert db.read_bytes() == saved


def _their_database(tmp_path: Path, passages: int) -> Path:
    """A colleague's database of ``passages`` passages (their own file, as merged)."""
    from tui_reader.core.annotations.model import make_annotation
    from tui_reader.core.store.annotation_store import AnnotationStore

    _corpus, theirs = their_copy(tmp_path, OURS)
    text = (tmp_path / "them" / "texts" / "a.txt").read_text(encoding="utf-8")
    with AnnotationStore(theirs) as store:
        for n in range(passages - 1):
            store.add(make_annotation("texts/a.txt", text, n, n + 3, "", ("policy",), ""))
    return theirs


# asked as the reading begins, once their database is opened, once its records are read,
# once its annotations are made, before their times are checked, before their places are
# checked and before their coders are named
@pytest.mark.parametrize("asked_to_stop_at", [1, 2, 3, 4, 5, 6, 7])
def test_a_reading_asked_to_stop_leaves_off_between_its_steps(
    tmp_path: Path, asked_to_stop_at: int
) -> None:
    theirs = _their_database(tmp_path, 3)
    saved = theirs.read_bytes()
    asked = 0

    def stopped() -> bool:
        nonlocal asked
        asked += 1
        return asked >= asked_to_stop_at

    with pytest.raises(PlanStopped):
        read_coded_work(theirs, None, stopped=stopped)
    # (the store's making, stopped, gives back nothing, and the reading asks again to say so)
    assert asked == asked_to_stop_at + (asked_to_stop_at == 3)
    asked, asked_to_stop_at = 0, 8
    assert len(read_coded_work(theirs, None, stopped=stopped).annotations) == 3
    assert asked == 7
    assert theirs.read_bytes() == saved


def test_a_big_database_is_asked_between_its_annotations_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked every MADE_AT_ONCE annotations as they are made from their records: stopped
    there, none more are made."""
    from tui_reader.core.annotations import model
    from tui_reader.core.store import annotation_store

    theirs = _their_database(tmp_path, 5)
    monkeypatch.setattr(annotation_store, "MADE_AT_ONCE", 2)
    made = 0
    real = model.Annotation.from_record

    def counted(*args: object, **kwargs: object) -> model.Annotation:
        nonlocal made
        made += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(model.Annotation, "from_record", staticmethod(counted))
    asked = 0

    def stopped() -> bool:
        nonlocal asked
        asked += 1
        return asked >= 4  # as the reading begins, opened, records read, 2 made

    with pytest.raises(PlanStopped):
        read_coded_work(theirs, None, stopped=stopped)
    assert made == 2
