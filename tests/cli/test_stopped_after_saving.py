"""A command stopped by ctrl+c (or TERM, HUP) once its change is saved says so: its exit
status, 130, is the one a command stopped before it saved anything gives."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.cli import main as cli_main
from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.journal import JournaledTables

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def _annotate(corpus: Path, db: Path) -> list[str]:
    return ["annotate", str(corpus / DOC), "--quote", "Pentagon plan", "-t", "x", "--db", str(db)]


def _stopping(raised: Callable[[], BaseException]) -> Callable[..., object]:
    """JournaledTables.close as it is, then a signal's exception: the command stopped as it ends,
    its change saved."""
    close = JournaledTables.close

    def closing_then_stopped(self: JournaledTables, *args: object, **kwargs: object) -> object:
        close(self, *args, **kwargs)  # type: ignore[arg-type]
        raise raised()

    return closing_then_stopped


@pytest.mark.parametrize(
    ("raised", "status"),
    [
        (KeyboardInterrupt, 130),
        (lambda: cli_main.Stopped(signal.SIGTERM), 128 + signal.SIGTERM),
    ],
    ids=["ctrl+c", "TERM"],
)
def test_a_command_stopped_after_its_change_was_saved_says_it_was_saved(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raised: Callable[[], BaseException],
    status: int,
) -> None:
    """``tags rename`` of thousands of passages stopped by ctrl+c after its change was in the
    journal, as it was folded in, printed nothing and exited 130: a script (or a user) took
    the rename for not done, and ran it again, or another command after it, on a database
    that had it."""
    db = tmp_path / "db.json"
    assert main(_annotate(corpus_copy, db)) == 0
    capsys.readouterr()
    monkeypatch.setattr(JournaledTables, "close", _stopping(raised))
    assert main(["tags", "rename", "x", "y", "--db", str(db)]) == status
    assert capsys.readouterr().err == "tui-reader: stopped after its change was saved\n"
    monkeypatch.undo()
    with AnnotationStore(db, read_only=True) as store:
        assert [tuple(a.tags) for a in store.annotations()] == [("y",)]


def test_a_command_stopped_before_it_saved_anything_says_nothing(
    corpus_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "db.json"
    assert main(_annotate(corpus_copy, db)) == 0
    capsys.readouterr()

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(JournaledTables, "commit", stopped)
    assert main(["tags", "rename", "x", "y", "--db", str(db)]) == 130
    assert capsys.readouterr().err == ""
    monkeypatch.undo()
    with AnnotationStore(db, read_only=True) as store:
        assert [tuple(a.tags) for a in store.annotations()] == [("x",)]
