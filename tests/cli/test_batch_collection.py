"""A command runs with the garbage collector at a batch job's pace, and leaves it as it was
(unless the process ends with it)."""

from __future__ import annotations

import argparse
import contextvars
import gc
from pathlib import Path

import pytest

from tui_reader.cli import coders
from tui_reader.cli.main import main
from tui_reader.core.store.caller import READS_LIVE_TO_EXIT
from tui_reader.locations import BATCH_GC_THRESHOLDS


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


def test_a_command_the_process_ends_with_keeps_the_batch_pace_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coders, "run", lambda args: 0)
    before = gc.get_threshold()

    def command() -> int:
        READS_LIVE_TO_EXIT.set(True)  # as the console script sets it for a command
        return main(["coders", "--db", str(tmp_path / "annotations.json")])

    try:
        assert contextvars.copy_context().run(command) == 0
        # set back, the pace would start a pass over all the command made, just before exit
        assert gc.get_threshold() == BATCH_GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)
