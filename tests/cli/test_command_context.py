"""What a command sets for the code it runs (who makes the changes, how long to wait for the
database's lock) holds while it runs only: ``main()`` run several times in one process (the
app started after a command, one test after another) kept the first command's line as the
origin of every later step."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.caller import LOCK_WAIT, ORIGIN, LockWait


def test_a_command_leaves_no_origin_or_lock_wait_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "annotations.json"
    with AnnotationStore(db):
        pass
    assert main(["tags", "--db", str(db)]) == 0  # a command, its own origin while it ran
    capsys.readouterr()
    assert ORIGIN.get() == "app"
    assert LOCK_WAIT.get() == LockWait()
    with AnnotationStore(db) as store:  # a step made afterwards, in the same process
        store.add(make_annotation("a.txt", "alpha beta", 0, 5, "", ("t",)))
        [step] = store.history()
    assert step.origin == "app"


def test_a_command_that_fails_leaves_none_behind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):  # a usage error, as argparse says it
        main(["history", "-n", "many"])
    capsys.readouterr()
    assert ORIGIN.get() == "app"
