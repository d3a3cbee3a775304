"""The real ``tui-reader`` command in a real terminal (tmux): open, search, quit, reopen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from reader_ui_helpers import write_hostile_corpus

from tui_reader.core.documents.document import load_document
from tui_reader.core.search.hits import find_all
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = Path(sys.executable).with_name("tui-reader")


class Terminal:
    """One tmux session running one command, 120x40, on a tmux server of its own."""

    def __init__(self, name: str) -> None:
        self.name = name  # the tmux server's socket name
        self.session = ""
        self._started = 0

    def tmux(self, *args: str) -> str:
        argv = ["tmux", "-L", self.name, "-f", "/dev/null", *args]
        # COLUMNS/LINES (set by pytest's terminal handling) would override the pane's size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        # A hung tmux fails the test instead of hanging the run.
        return subprocess.run(
            argv, capture_output=True, text=True, check=False, env=env, timeout=20
        ).stdout

    def start(self, argv: list[str], home: Path) -> None:
        shell = "exec " + " ".join(f"'{a}'" for a in argv)
        # A new session each time; the old ones stay (a server with no session exits, and a
        # session started while it exits can be lost).
        self._started += 1
        self.session = f"run{self._started}"
        self.tmux("new-session", "-d", "-s", self.session, "-x", "120", "-y", "40",
             "-e", f"HOME={home}", "-e", "TERM=xterm-256color", shell)  # fmt: skip
        self.tmux("set-option", "-t", self.session, "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def text(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, *needles: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(n in screen for n in needles):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{needles} not on screen:\n{screen}")

    def wait_exit(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.option("#{pane_dead}") == "1":
                return
            time.sleep(0.05)
        raise AssertionError(f"the app did not quit:\n{self.screen()}")

    def option(self, fmt: str) -> str:
        return self.tmux("display", "-p", "-t", self.session, fmt).strip()


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"tui-reader-test-{uuid.uuid4().hex[:10]}")
    yield term
    socket = term.tmux("display-message", "-p", "#{socket_path}").strip()
    term.tmux("kill-server")
    if socket:
        Path(socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


def test_open_search_quit_and_reopen_in_a_real_terminal(
    terminal: Terminal, corpus_copy: Path, tmp_path: Path
) -> None:
    assert COMMAND.exists(), f"no console script at {COMMAND}"
    db = tmp_path / "annotations.json"
    terminal.start([str(COMMAND), str(corpus_copy), "--db", str(db)], tmp_path)
    terminal.wait_for("Mexico Hosts SouthCom", "1,173 words", "656 words")
    first = sorted(corpus_copy.iterdir())[0]
    text = load_document(first).text
    hits = find_all(text, "pentagon")
    terminal.keys("Enter")  # the library has the first document under its cursor
    terminal.wait_for("v Select")  # the reader has the focus
    terminal.keys("/")
    terminal.wait_for("a capital letter makes it exact")  # the search prompt is open
    terminal.text("pentagon")
    terminal.wait_for("pentagon")
    terminal.keys("Enter")
    screen = terminal.wait_for(f"“pentagon” 1/{len(hits)}")
    assert "In a move that reveals the utter subservience" in screen
    terminal.keys("n")
    terminal.wait_for(f"“pentagon” 2/{len(hits)}")
    terminal.keys("q")
    terminal.wait_exit()
    with AnnotationStore(db) as store:
        assert store.reading_position(document_key(first, db)) == hits[1][0]
    # Reopening shows the document at the saved place.
    terminal.start([str(COMMAND), str(first), "--db", str(db)], tmp_path)
    screen = terminal.wait_for("line ", "0 annotations")
    assert "line 1/" not in screen


def test_hostile_files_cannot_drive_the_terminal(terminal: Terminal, tmp_path: Path) -> None:
    corpus = write_hostile_corpus(tmp_path / "hostile")
    db = tmp_path / "annotations.json"
    terminal.start([str(COMMAND), str(corpus / "escapes.txt"), "--db", str(db)], tmp_path)
    terminal.tmux("set-option", "-s", "set-clipboard", "on")
    buffers_before = terminal.tmux("list-buffers")
    screen = terminal.wait_for("Start RED  clip link  dcs  title  end.")
    assert "\x1b" not in screen and "52;c" not in screen and "evil.example" not in screen
    assert terminal.option("#{pane_title}") != "PWNED"
    assert terminal.tmux("list-buffers") == buffers_before  # no OSC 52 clipboard write
    terminal.keys("G", "g", "j", "w")
    terminal.wait_for("Start RED", "binary.txt", "binary file")  # listed greyed, with the reason
    # Rich/Textual markup in a document shows literally and does nothing.
    terminal.wait_for("191,920 words", "240 words", "140 words")  # the library is read
    terminal.keys(">", ">", ">", ">")  # latin1, longline, markup.md, markup.txt
    terminal.wait_for("[bold]not bold[/] and [@click=app.quit]click[/]")
    terminal.keys("Enter", "j", "l")
    # The keys reached the app (the caret moved a line down) and it is still running.
    terminal.wait_for("line 2/")
    assert terminal.option("#{pane_dead}") == "0"
    terminal.keys("q")
    terminal.wait_exit()
