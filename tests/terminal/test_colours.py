"""The real `tui-reader` in a terminal of 24-bit colour that says so by its TERM alone."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def test_a_direct_colour_terminal_is_drawn_in_24_bit_colour(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """TERM=xterm-direct without COLORTERM (ssh passes TERM alone) was drawn in the 16 basic
    colours: every grey of the theme and every code's colour one of 16."""
    db = str(tmp_path / "annotations.json")
    # TERM set by the command: tmux gives a pane its own over one given to the session.
    command = shlex.join(["env", "-u", "COLORTERM", "-u", "COLUMNS", "-u", "LINES",
                          "TERM=xterm-direct", sys.executable, "-m", "tui_reader",
                          str(corpus_copy), "--db", db])  # fmt: skip
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    terminal = Terminal(command, tmp_path, env=env)
    try:
        terminal.wait_for("Mexico Hosts SouthCom", "0 annotations")
        drawn = terminal.tmux("capture-pane", "-p", "-e", "-t", terminal.name)
        assert re.search(r"\x1b\[[0-9;]*[34]8;2;", drawn), drawn[:400]
        terminal.keys("q")
        terminal.wait(lambda s: "Mexico Hosts SouthCom" not in s, "the app to quit")
    finally:
        terminal.kill()
