"""The real `tui-reader` in terminals of other kinds: 24-bit colour said by TERM alone, an ASCII locale."""

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


def test_an_ascii_locale_keeps_the_screens_layout(corpus_copy: Path, tmp_path: Path) -> None:
    """Under a locale whose encoding is ASCII (LC_ALL=C where Python keeps it so), the
    title's dash, the status line's dots and the footer's signs were written as their
    escapes, ``\\u2014``, six cells each, and the screen was torn."""
    db = str(tmp_path / "annotations.json")
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", "LC_ALL=C", "LANG=C",
                          "PYTHONCOERCECLOCALE=0", "PYTHONUTF8=0", sys.executable, "-m",
                          "tui_reader", str(corpus_copy), "--db", db])  # fmt: skip
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path), "TERM": "xterm-256color"}
    terminal = Terminal(command, tmp_path, width=100, height=20, env=env)
    try:
        screen = terminal.wait_for("Mexico Hosts SouthCom", "0 annotations")
        assert "\\u" not in screen and "\\x" not in screen, screen
        assert "tui-reader ? docs_corpus" in screen and "Peña" not in screen
        terminal.keys("q")
        terminal.wait(lambda s: "Mexico Hosts SouthCom" not in s, "the app to quit")
    finally:
        terminal.kill()


def test_a_dumb_terminal_is_told_in_one_line(corpus_copy: Path, tmp_path: Path) -> None:
    """TERM=dumb (Emacs's M-x shell) moves no cursor: the app poured its screen into it as
    escapes.  It says so in one line, and nothing is opened or made."""
    db = tmp_path / "annotations.json"
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", "TERM=dumb", sys.executable,
                          "-m", "tui_reader", str(corpus_copy), "--db", str(db)])  # fmt: skip
    env = {"HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    terminal = Terminal(command + "; echo exit=$?; sleep 60", tmp_path, env=env)
    try:
        screen = terminal.wait_for("exit=")
        said, exited = screen.split("exit=")[0], screen.split("exit=")[1].split()[0]
        assert exited == "2", screen
        said = said.replace("\n", "")  # its one line, wrapped at the terminal's width
        assert said.startswith("tui-reader: the app draws a screen, and TERM=dumb says"), said
        assert "tui-reader --help)" in said and "\x1b" not in screen and "Mexico" not in screen
        assert not db.exists()
    finally:
        terminal.kill()
