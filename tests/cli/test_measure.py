"""The reading measure reaches the app from ``--measure N`` and ``$TUI_READER_MEASURE``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli import main as cli
from tui_reader.locations import DEFAULT_MEASURE, ENV_MEASURE, Target


def test_the_measure_flag_reaches_the_app(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    seen: list[int] = []

    def fake_run_app(target: Target, db: Path, measure: int, coder: str | None = None) -> int:
        seen.append(measure)
        return 0

    import tui_reader.ui.app as ui_app

    monkeypatch.setattr(ui_app, "run_app", fake_run_app)
    monkeypatch.setenv(ENV_MEASURE, "66")
    db = str(tmp_path / "a.json")
    assert cli.main([str(corpus_copy), "--db", db, "--measure", "100"]) == 0
    assert cli.main([str(corpus_copy), "--db", db]) == 0
    monkeypatch.delenv(ENV_MEASURE)
    assert cli.main([str(corpus_copy), "--db", db]) == 0
    assert seen == [100, 66, DEFAULT_MEASURE]


def test_the_app_reads_the_environment_through_locations(
    monkeypatch: pytest.MonkeyPatch, corpus_copy: Path, tmp_path: Path
) -> None:
    from tui_reader.ui.app import ReaderApp

    monkeypatch.setenv(ENV_MEASURE, "50")
    assert ReaderApp(corpus_copy, tmp_path / "a.json").measure == 50
    assert ReaderApp(corpus_copy, tmp_path / "a.json", measure=70).measure == 70
