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
