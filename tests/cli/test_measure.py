"""The reading measure reaches the app from ``--measure N`` and ``$TUI_READER_MEASURE``."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.app_start import app_starts

from tui_reader.cli import main as cli
from tui_reader.locations import DEFAULT_MEASURE, ENV_MEASURE


def test_the_measure_flag_reaches_the_app(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    starts = app_starts(monkeypatch)
    monkeypatch.setenv(ENV_MEASURE, "66")
    db = str(tmp_path / "a.json")
    assert cli.main([str(corpus_copy), "--db", db, "--measure", "100"]) == 0
    assert cli.main([str(corpus_copy), "--db", db]) == 0
    monkeypatch.delenv(ENV_MEASURE)
    assert cli.main([str(corpus_copy), "--db", db]) == 0
    assert [start.measure for start in starts] == [100, 66, DEFAULT_MEASURE]


def test_the_app_reads_the_environment_through_locations(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    from tui_reader.ui.app import ReaderApp

    monkeypatch.setenv(ENV_MEASURE, "50")
    assert ReaderApp(corpus_copy, tmp_path / "a.json").measure == 50
    assert ReaderApp(corpus_copy, tmp_path / "a.json", measure=70).measure == 70


@pytest.mark.parametrize(
    ("flag", "env", "said"),
    [
        (["--measure", "5"], None, "--measure 5 is below 20: the measure is 20 cells"),
        (["--measure", "9999"], "66", "--measure 9999 is above 400: the measure is 400 cells"),
        ([], "abc", "$TUI_READER_MEASURE='abc' is not a whole number of cells: the measure is 80"),
        ([], "0", "$TUI_READER_MEASURE='0' is below 20: the measure is 20 cells"),
        ([], "\x1b[2J", "$TUI_READER_MEASURE='\\x1b[2J' is not a whole number of cells"),
    ],
)
def test_a_measure_not_used_as_given_is_said_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
    corpus_copy: Path,
    tmp_path: Path,
    flag: list[str],
    env: str | None,
    said: str,
) -> None:
    """``TUI_READER_MEASURE=abc tui-reader`` read at 80 cells and ``--measure 5`` at 20 without
    a word: the app is given one line naming the setting, its value and the measure used, to
    show as it starts (a line on stderr is hidden by its full screen)."""
    starts = app_starts(monkeypatch)
    if env is None:
        monkeypatch.delenv(ENV_MEASURE, raising=False)
    else:
        monkeypatch.setenv(ENV_MEASURE, env)
    assert cli.main([str(corpus_copy), "--db", str(tmp_path / "a.json"), *flag]) == 0
    [lines] = [start.settings_said for start in starts]
    assert len(lines) == 1 and lines[0].startswith(said), lines


@pytest.mark.parametrize("env", ["", "66", " 100 "])
def test_a_measure_used_as_given_is_not_said(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path, env: str
) -> None:
    starts = app_starts(monkeypatch)
    monkeypatch.setenv(ENV_MEASURE, env)
    assert cli.main([str(corpus_copy), "--db", str(tmp_path / "a.json")]) == 0
    assert cli.main([str(corpus_copy), "--db", str(tmp_path / "a.json"), "--measure", "400"]) == 0
    assert [start.settings_said for start in starts] == [[], []]
