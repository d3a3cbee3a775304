"""Quitting saves the database once the terminal is the shell's again: the fold of the
journal into the database file (seconds at 100,000 annotations) is said, when it takes more
than a moment, instead of leaving a blank terminal that looks hung."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

NAME = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_the_save_after_quitting_is_said_and_done(corpus_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    app = [sys.executable, "-m", "tui_reader", str(corpus_copy / NAME), "--db", str(db)]
    # The shell stays (a pane whose process ended may lose its last lines).
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *app]) + "; echo ENDED; sleep 60"
    # Every save takes "more than a moment" here (0 s), so the line shows however fast.
    env = {"TUI_READER_PROGRESS_AFTER": "0"}
    terminal = Terminal(command, tmp_path, env=env)
    try:
        terminal.wait(lambda s: "Mexico Hosts SouthCom" in s, "the document")
        terminal.keys("i")
        terminal.wait(lambda s: "Details: " in s, "the details")
        terminal.keys("wave=2", literal=True)
        terminal.keys("Enter")
        terminal.wait(lambda s: "Set wave=2." in s, "the attribute set")
        terminal.keys("Escape")
        terminal.wait(lambda s: "Details:" not in s, "the reader again")
        terminal.keys("q")
        screen = terminal.wait(lambda s: "ENDED" in s, "the app to end")
        assert "tui-reader: saving annotations.json…\nENDED" in screen, screen
    finally:
        terminal.kill()
    journal = db.with_name(db.name + ".journal")
    assert journal.stat().st_size == 0  # folded: plain TinyDB reads it all
    meta = json.loads(db.read_text(encoding="utf-8"))
    assert "wave" in json.dumps(meta)
