"""The real ``tui-reader`` in a real terminal (tmux): passages coded with the CLI, a query run
in the query view (Q), a hit opened in the reading view; the reports view (R) opened and
closed.  The commands coding them run in this process (``main``, as ``tui-reader`` runs it), not
a Python started for each."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
OTHER = "docs_corpus/us-wants-mexico-to-ramp-up-security-targeting-central-american-migrants.txt"


def test_run_a_query_and_open_a_hit(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = [sys.executable, "-m", "tui_reader"]
    db = str(tmp_path / "annotations.json")
    monkeypatch.chdir(tmp_path)
    where = ["--db", db, "--corpus", str(corpus_copy)]
    for doc, quote, tags in [
        (DOC, "remilitarize the region", ["militarization", "actors/us"]),
        (OTHER, "bolster militarism in the region", ["militarization"]),
    ]:
        assert main(["annotate", doc, *where, "--quote", quote, "--tag", ",".join(tags)]) == 0
    assert main(["attr", "set", OTHER, "country=USA", *where]) == 0
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", *run, str(corpus_copy), "--db", db]
    )
    terminal = Terminal(command, tmp_path)
    try:
        terminal.wait(lambda s: "1 annotation" in s, "the first document")
        terminal.keys("Q")
        terminal.wait(lambda s: "2 coded passages in 2 of 2 documents" in s, "the query view")
        terminal.keys("militarization AND NOT actors/us AND country=USA", literal=True)
        terminal.keys("Enter")
        terminal.wait(  # the count, then the passage listed (a frame later on a busy machine)
            lambda s: "1 passage in 1 document matches" in s and "bolster militarism" in s,
            "the match",
        )
        terminal.keys("Enter")
        screen = terminal.wait(lambda s: "A Annotations" in s, "the reader again")
        assert "US Wants Mexico" in screen and "bolster militarism" in screen
        terminal.keys("R")
        screen = terminal.wait(lambda s: "Passages per code" in s, "the reports view")
        assert "militarization" in screen and "Coverage per document" in screen
        terminal.keys("Escape")
        terminal.wait(lambda s: "A Annotations" in s, "the reader again")
        terminal.keys("q")
        terminal.wait(lambda s: "tui-reader" not in s, "the app to quit")
    finally:
        terminal.kill()
