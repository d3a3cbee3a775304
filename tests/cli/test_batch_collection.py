"""A command runs with the garbage collector at a batch job's pace, and leaves it as it was
(unless the process ends with it)."""

from __future__ import annotations

import argparse
import contextvars
import gc
from pathlib import Path

import pytest
from helpers.texts import text_corpus

from tui_reader.cli import coders, export
from tui_reader.cli import main as cli_main
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


@pytest.mark.parametrize("form", ["markdown", "csv", "json"])
def test_an_export_runs_no_collector_pass_while_it_reads_and_writes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    form: str,
) -> None:
    # The columns, places and blocks an export makes hold no cycle: at 100,000 annotations
    # the batch pace's passes over them were 0.13-0.21 s of its 2-3 s.  A pace of a pass
    # every 50 containers starts them in an export of a few passages too.
    corpus, db = text_corpus(tmp_path, {"a.txt": "Hello world, a text about things.\n"})
    for quote in ("world", "things", "text"):
        where = ["--db", db, "--corpus", str(corpus)]
        assert main(["annotate", *where, "--quote", quote, "-t", "x", "a.txt"]) == 0
    capsys.readouterr()
    passes: list[int] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    inner = export.run

    def run(args: argparse.Namespace) -> int:
        gc.callbacks.append(counted)
        try:
            return inner(args)
        finally:
            gc.callbacks.remove(counted)

    monkeypatch.setattr(export, "run", run)
    monkeypatch.setattr(cli_main, "BATCH_GC_THRESHOLDS", (50, 10, 10))
    out = tmp_path / f"out.{form}"
    assert main(["export", str(corpus), "--db", db, "-f", form, "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    # (one pass at most as the pause ends, over what the export left: its work is done)
    assert len(passes) <= 1, passes
