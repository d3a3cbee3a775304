"""The real `tui-reader` in a real terminal (tmux): search, select the sentence, tag it, quit;
then `tui-reader export --format json` holds exactly that sentence with that tag."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tui_reader.ui.screens.main import SEARCH_PROMPT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SENTENCE = (
    "In a move that reveals the utter subservience of the Peña Nieto government, Mexico agreed "
    "to host a U.S. security meeting that will take place inside the U.S. Southern Command in "
    "Doral, Florida."
)
TIMEOUT = 30.0  # seconds for any one step on a loaded 2-core machine


class Terminal:
    """A tmux session running one command, 160 x 40 (the status line must fit), on a tmux
    server of its own: the default server is shared with whoever else uses tmux on the
    machine, whose options (remain-on-exit, window sizes) and kill-server would reach us."""

    def __init__(self, command: str, cwd: Path) -> None:
        self.socket = f"tui-reader-annotate-{uuid.uuid4().hex[:8]}"
        self.name = "annotate"
        self._run("new-session", "-d", "-s", self.name, "-x", "160", "-y", "40", "-c", str(cwd),
                  command, check=True)  # fmt: skip
        # Asked now: once the app quits, the server exits and leaves its socket file behind.
        self.socket_path = self._run("display-message", "-p", "#{socket_path}").stdout.strip()

    def _run(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        # -f /dev/null: no user configuration; a hung tmux fails the test instead of hanging it.
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=check, timeout=20,
        )  # fmt: skip

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.name).stdout

    def alive(self) -> bool:
        return self._run("has-session", "-t", self.name).returncode == 0

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        self._run("send-keys", "-t", self.name, *flags, *keys, check=True)

    def wait(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def kill(self) -> None:
        self._run("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)


def test_search_select_tag_quit_export(corpus_copy: Path, db_copy: Path, tmp_path: Path) -> None:
    # COLUMNS/LINES (set under pytest) would override the terminal's real size.
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "tui_reader",
         str(corpus_copy / DOC), "--db", str(db_copy)]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path)
    try:
        terminal.wait(lambda s: "0 annotations" in s, "the document to open")
        terminal.keys("/")
        terminal.wait(lambda s: SEARCH_PROMPT[:20] in s, "the search prompt")
        terminal.keys("utter subservience", literal=True)
        terminal.keys("Enter")
        terminal.wait(lambda s: "“utter subservience” 1/1" in s, "the search hit")
        terminal.keys("s")
        terminal.wait(lambda s: f"selected {len(SENTENCE)} chars" in s, "the sentence selection")
        terminal.keys("a")
        terminal.wait(lambda s: "Annotate" in s and "Tags (comma-separated" in s, "the dialog")
        terminal.keys("militarization", literal=True)
        terminal.keys("Enter")
        terminal.wait(lambda s: "1 annotation " in s or "1 annotation\n" in s, "the saved tag")
        terminal.keys("q")
        deadline = time.monotonic() + TIMEOUT
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not terminal.alive(), "tui-reader did not quit"
    finally:
        terminal.kill()

    exported = subprocess.run(
        [sys.executable, "-m", "tui_reader", "export", "--format", "json", "--db", str(db_copy),
         str(corpus_copy)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    records = json.loads(exported.stdout)
    assert [(r["quote"], r["tags"], r["document"]) for r in records] == [
        (SENTENCE, ["militarization"], f"docs_corpus/{DOC}")
    ]
