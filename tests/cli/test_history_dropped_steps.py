"""``tui-reader history`` once steps left the history (past its bounds): what a dropped step
deleted is kept under ``forgotten-N``, no step, never to be listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store import history
from tui_reader.core.store.annotation_store import AnnotationStore

TEXT = "Officials from twelve countries attended the conference in Cozumel."


def _passage(i: int):  # type: ignore[no-untyped-def]
    return make_annotation("a.txt", TEXT, i, i + 9, "", ("t",))


def test_what_a_dropped_step_deleted_is_no_unreadable_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once a deletion left the history, every listing said "history record forgotten-2 is
    unreadable (its id is no number)" and exited 2, the database as this version wrote it."""
    monkeypatch.setattr(history, "MAX_STEPS", 3)
    db = tmp_path / "annotations.json"
    with AnnotationStore(db) as store:
        store.delete(store.add(_passage(0)).id)
        for i in range(1, 4):
            store.add(_passage(i))
    assert "forgotten-2" in db.read_text(encoding="utf-8")
    assert main(["history", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) == 3
