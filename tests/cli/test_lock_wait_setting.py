"""``$TUI_READER_LOCK_WAIT`` set to what is no number of seconds (``abc``), below 0 or beyond a
week was used otherwise without a word: ``abc`` waited the default 30 s, ``-5`` not at all.  One
line on stderr names the variable, its value and the wait used instead; the command goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("abc", "$TUI_READER_LOCK_WAIT='abc' is not a number of seconds: 30 s is used instead"),
        ("nan", "$TUI_READER_LOCK_WAIT='nan' is not a number of seconds: 30 s is used instead"),
        ("-5", "$TUI_READER_LOCK_WAIT='-5' is below 0: 0 s (no waiting) is used instead"),
        ("1e400", "$TUI_READER_LOCK_WAIT='1e400' is more than a week: a week is used instead"),
        ("\x1b[2J", r"$TUI_READER_LOCK_WAIT='\x1b[2J' is not a number of seconds: 30 s is used"),
    ],
)
def test_a_bad_lock_wait_is_said_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
    said: str,
) -> None:
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    monkeypatch.setenv("TUI_READER_LOCK_WAIT", value)
    assert main(["history", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"tui-reader: {said}") and err.count("\n") == 1, err
    assert "\x1b" not in err


@pytest.mark.parametrize("value", ["", "0", "2.5", " 10 ", "604800"])
def test_a_good_or_empty_lock_wait_is_not_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    monkeypatch.setenv("TUI_READER_LOCK_WAIT", value)
    assert main(["history", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        (
            "TUI_READER_CONVERT_SECONDS",
            "abc",
            "is not a number of seconds: 30 s is used instead; 0 means no limit",
        ),
        (
            "TUI_READER_CONVERT_SECONDS",
            "inf",
            "is more than a week: a week is used instead; 0 means no limit",
        ),
        (
            "TUI_READER_CONVERT_SECONDS",
            "none",
            "is not a number of seconds: 30 s is used instead; 0 means no limit",
        ),
        ("TUI_READER_CONVERT_SECONDS", "-1", "is below 0: 0 (no limit) is used instead"),
        ("TUI_READER_PROGRESS_AFTER", "soon", "is not a number of seconds: 0.5 s is used instead"),
        ("TUI_READER_PROGRESS_AFTER", "-2", "is below 0: 0 s is used instead"),
    ],
)
def test_the_other_bad_seconds_are_said_as_well(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
    said: str,
) -> None:
    """``$TUI_READER_CONVERT_SECONDS=-1`` converted with no limit at all, without a word: a
    hostile file then held the command for ever where the user meant to bound it.  ``inf`` or
    ``none``, meant as no limit, was told the week or the 30 s used and not that 0 is no
    limit."""
    db = tmp_path / "db.json"
    AnnotationStore(db).close()
    monkeypatch.setenv(name, value)
    assert main(["history", "--db", str(db)]) == 0
    assert capsys.readouterr().err == f"tui-reader: ${name}={value!r} {said}\n"
