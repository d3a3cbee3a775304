"""The real ``tui-reader`` in a real terminal (tmux): two coders code in their own databases,
one merges the other's, the agreement is printed, and the compare view (K) shows both coders'
codes side by side and walks to the disagreement (d)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_two_coders_merge_compare_and_walk_the_disagreements(
    corpus_copy: Path, tmp_path: Path
) -> None:
    run = [sys.executable, "-m", "tui_reader"]
    for who, quote, tag in [
        ("ana", "Pentagon plan", "policy"),
        ("ben", "Pentagon plan", "policy"),
        ("ben", "Doral, Florida", "military"),
    ]:
        where = ["--db", str(tmp_path / f"{who}.json"), "--corpus", str(corpus_copy)]
        subprocess.run(
            [*run, "annotate", DOC, *where, "--quote", quote, "--tag", tag, "--coder", who],
            check=True, cwd=tmp_path, capture_output=True,
        )  # fmt: skip
    ana = ["--db", str(tmp_path / "ana.json"), "--corpus", str(corpus_copy)]
    merged = subprocess.run(
        [*run, "merge", str(tmp_path / "ben.json"), *ana],
        check=True, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert "2 new" in merged.stderr
    agreement = subprocess.run(
        [*run, "agreement", "ana", "ben", *ana, "--format", "json"],
        check=True, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    rows = {row["tag"]: row for row in json.loads(agreement.stdout)}
    assert rows["policy"]["kappa"] == 1.0 and rows["military"]["kappa"] == 0.0
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", *run, str(corpus_copy / DOC.split("/")[1]),
         "--db", str(tmp_path / "ana.json"), "--coder", "ana"]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path)
    try:
        terminal.wait(lambda s: "3 annotations" in s, "the document")
        terminal.keys("K")
        screen = terminal.wait(lambda s: "Left: ana, right: ben" in s, "the compare view")
        assert "1 place where you disagree" in screen
        assert any(line.count("▍") >= 2 for line in screen.splitlines())  # two columns
        terminal.keys("d")
        terminal.wait(lambda s: "military" in s and "A: details" in s, "the disagreement")
        terminal.keys("C")
        terminal.wait(lambda s: "Showing only mine (ana)" in s, "only my coding")
        terminal.wait(lambda s: "1 annotation " in s or "1 annotation\n" in s, "my count")
        terminal.keys("q")
        terminal.wait(lambda s: "tui-reader" not in s, "the app to quit")
    finally:
        terminal.kill()
