"""``ctrl+z`` stops the app as it stops ``less``: the shell's prompt and its "Stopped", then
``fg`` brings the app's screen back, drawn whole and taking keys.  With no shell to bring it
back, the app says so and goes on."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal, job_shell

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or shutil.which("bash") is None, reason="needs tmux and bash"
)

NAME = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
TITLE = "Mexico Hosts SouthCom"


def _app(corpus: Path, db: Path) -> list[str]:
    return ["env", "-u", "COLUMNS", "-u", "LINES",
            sys.executable, "-m", "tui_reader", str(corpus / NAME), "--db", str(db)]  # fmt: skip


def test_ctrl_z_stops_the_app_and_fg_brings_it_back_drawn(
    corpus_copy: Path, db_copy: Path, tmp_path: Path
) -> None:
    before = db_copy.read_bytes()
    shell = job_shell(tmp_path)
    terminal = Terminal(shell, tmp_path, width=100, height=30)
    try:
        terminal.wait_for("READY$")
        terminal.keys(shlex.join(_app(corpus_copy, db_copy)), literal=True)
        terminal.keys("Enter")
        terminal.wait_for(TITLE, "? Help")
        terminal.keys("C-z")
        screen = terminal.wait(lambda s: "Stopped" in s, "the shell's job stopped")
        assert TITLE not in screen and screen.rstrip().endswith("READY$"), screen
        terminal.keys("fg", "Enter")
        # Drawn whole before any key: the footer, the title, the library.
        terminal.wait_for(TITLE, "? Help", "words")
        terminal.keys("?")
        terminal.wait_for("tui-reader — keys", "Suspend to the shell")
        terminal.keys("Escape")
        terminal.wait(lambda s: "tui-reader — keys" not in s, "the help closed")
        terminal.keys("q")
        terminal.wait(lambda s: s.rstrip().endswith("READY$") and TITLE not in s, "the app quit")
    finally:
        terminal.kill()
    assert db_copy.read_bytes() == before  # nothing was changed, nothing lost


def test_ctrl_z_without_job_control_says_so_and_goes_on(
    corpus_copy: Path, db_copy: Path, tmp_path: Path
) -> None:
    # Run by tmux itself: nothing could continue a stopped app.
    terminal = Terminal(_app(corpus_copy, db_copy), tmp_path, width=100, height=30)
    try:
        terminal.wait_for(TITLE, "? Help")
        terminal.keys("C-z")
        terminal.wait_for("Not suspended", "no shell with job control")
        terminal.keys("?")
        terminal.wait_for("tui-reader — keys")
        terminal.keys("Escape", "q")
        terminal.wait_exit()
    finally:
        terminal.kill()


def test_the_shell_a_job_is_stopped_in_keeps_no_history_of_the_test(tmp_path: Path) -> None:
    """The suite's shells write nothing in the home folder of whoever runs it: each run had
    added the app's command lines and ``fg`` to their ``~/.bash_history``."""
    home = tmp_path / "home"
    home.mkdir()
    terminal = Terminal(job_shell(tmp_path), tmp_path, env={"HOME": str(home)})
    try:
        terminal.wait_for("READY$")
        terminal.keys("echo TYPED $((6 * 7))", "Enter")
        terminal.wait_for("TYPED 42")
        terminal.keys("exit", "Enter")  # bash writes its history as it exits
        terminal.wait_exit()
    finally:
        terminal.kill()
    assert list(home.iterdir()) == []
