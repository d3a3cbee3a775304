"""What a command says was saved is what was saved (issue 15, items 12 and 13): a write that
fails part-way through a batch, or a fold of the journal that fails on close, never leaves saved
annotations behind a "not saved", and a retried ``annotate`` makes no second copy."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.annotations import empty_database

from tui_reader.cli.main import main
from tui_reader.core.store import durable_files, journal
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = "".join(f"Line {n} says yes. Another sentence.\n\n" for n in range(200))
    (folder / "many.txt").write_text(lines, encoding="utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _failing_on_call(number: int, code: int) -> Callable[[int], None]:
    """An fsync that fails (``code``) on its ``number``-th call, as a disk does part-way."""
    calls = [0]
    real = os.fsync

    def sync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == number:
            raise OSError(code, os.strerror(code))
        real(fd)

    return sync


def _saved(db: Path) -> int:
    with AnnotationStore(db, read_only=True) as store:
        return len(store.annotations())


@pytest.mark.parametrize("failing", [1, 2, 3, 4, 5])
def test_autocode_reports_exactly_what_it_saved_when_a_write_fails(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], failing: int,
) -> None:  # fmt: skip
    db = tmp_path / "db.json"
    empty_database(db)  # the database exists before the failing run
    sync = _failing_on_call(failing, errno.EIO)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(durable_files, "datasync", sync)
        patch.setattr(journal.os, "fsync", sync)
        status, out, err = _run(capsys, "autocode", "yes", "--unit", "sentence", "-t", "t",
                                corpus, "--db", db)  # fmt: skip
    saved = _saved(db)
    if status == 0:
        assert int(out) == saved == 200, err
    else:
        assert saved == 0, err  # "not saved" must be true
        assert "not saved" in err


def test_a_fold_that_fails_on_close_still_prints_the_id_and_a_retry_adds_no_copy(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    command = ("annotate", corpus / "many.txt", "--db", db, "--quote", "Line 7 says yes", "-t", "t")
    empty_database(db)  # the database exists before the failing run
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal.os, "fsync", _failing_on_call(1, errno.ENOSPC))  # the fold's
        status, out, err = _run(capsys, *command)
    assert status == 0, err
    assert "No space left on device" in err and "saved all the same" in err
    first = out.strip()
    with AnnotationStore(db, read_only=True) as store:
        assert [a.id for a in store.annotations()] == [first]
    status, out, err = _run(capsys, *command)  # the user tries again anyway
    assert status == 0 and out.strip() == first, err
    assert "exists already" in err
    assert _saved(db) == 1
