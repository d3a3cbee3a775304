"""A command runs with the garbage collector at a batch job's pace, and leaves it as it was."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

import pytest

from tui_reader.cli import coders
from tui_reader.cli.main import BATCH_GC_THRESHOLDS, main


def test_a_command_runs_at_batch_pace_and_restores_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, ...]] = []

    def run(args: argparse.Namespace) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(coders, "run", run)
    before = gc.get_threshold()
    assert main(["coders", "--db", str(tmp_path / "annotations.json")]) == 0
    assert seen == [BATCH_GC_THRESHOLDS]
    assert gc.get_threshold() == before
