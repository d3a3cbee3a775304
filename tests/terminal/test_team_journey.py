"""The real ``tui-reader`` in a real terminal (tmux): two coders code in their own databases,
one merges the other's, the agreement is printed, and the compare view (K) shows both coders'
codes side by side and walks to the disagreement (d).  The commands before the app run in this
process (``main``, as ``tui-reader`` runs it), not a Python started for each."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_two_coders_merge_compare_and_walk_the_disagreements(
    corpus_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = [sys.executable, "-m", "tui_reader"]
    monkeypatch.chdir(tmp_path)
    for who, quote, tag in [
        ("ana", "Pentagon plan", "policy"),
        ("ben", "Pentagon plan", "policy"),
        ("ben", "Doral, Florida", "military"),
    ]:
        where = ["--db", str(tmp_path / f"{who}.json"), "--corpus", str(corpus_copy)]
        assert main(["annotate", DOC, *where, "--quote", quote, "--tag", tag, "--coder", who]) == 0
    ana = ["--db", str(tmp_path / "ana.json"), "--corpus", str(corpus_copy)]
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "ben.json"), *ana]) == 0
    assert "2 new" in capsys.readouterr().err
    assert main(["agreement", "ana", "ben", *ana, "--format", "json"]) == 0
    rows = {row["tag"]: row for row in json.loads(capsys.readouterr().out)}
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
        terminal.wait(  # the caret's annotation is Ben's military one (each was on screen)
            lambda s: any("military" in line and "A: details" in line for line in s.splitlines()),
            "the disagreement",
        )
        terminal.keys("C")
        terminal.wait(lambda s: "Showing only mine (ana)" in s, "only my coding")
        terminal.wait(lambda s: "1 annotation " in s or "1 annotation\n" in s, "my count")
        terminal.keys("q")
        terminal.wait(lambda s: "tui-reader" not in s, "the app to quit")
    finally:
        terminal.kill()
