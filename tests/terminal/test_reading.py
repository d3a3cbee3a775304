"""The real ``tui-reader`` command in a real terminal (tmux): open, search, quit, reopen."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.hostile import write_hostile_corpus
from helpers.terminal import Terminal

from tui_reader.core.documents.document import load_document
from tui_reader.core.search.hits import find_hits
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_key

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = Path(sys.executable).with_name("tui-reader")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    """``terminal(argv)`` -> the app in a terminal of its own (HOME in tmp_path, 256 colours,
    the pane kept when the app quits so its last screen can be read)."""
    started: list[Terminal] = []

    def start(argv: list[str]) -> Terminal:
        env = {"HOME": str(tmp_path), "TERM": "xterm-256color"}
        started.append(Terminal(argv, tmp_path, env=env, keep_dead_pane=True))
        return started[-1]

    yield start
    for term in started:
        term.kill()


def test_open_search_quit_and_reopen_in_a_real_terminal(
    terminal: Callable[[list[str]], Terminal], corpus_copy: Path, tmp_path: Path
) -> None:
    assert COMMAND.exists(), f"no console script at {COMMAND}"
    db = tmp_path / "annotations.json"
    term = terminal([str(COMMAND), str(corpus_copy), "--db", str(db)])
    term.wait_for("Mexico Hosts SouthCom", "1,173 words", "656 words")
    first = sorted(corpus_copy.iterdir())[0]
    text = load_document(first).text
    hits = list(find_hits(text, "pentagon"))
    term.keys("Enter")  # the library has the first document under its cursor
    term.wait_for("v Select")  # the reader has the focus
    term.keys("/")
    term.wait_for("a capital letter makes it exact")  # the search prompt is open
    term.keys("pentagon", literal=True)
    term.wait_for("▊  pentagon")  # in the prompt (the file's name on the status line says it)
    term.keys("Enter")
    screen = term.wait_for(f"“pentagon” 1/{len(hits)}")
    assert "In a move that reveals the utter subservience" in screen
    term.keys("n")
    term.wait_for(f"“pentagon” 2/{len(hits)}")
    term.keys("q")
    term.wait_exit()
    with AnnotationStore(db) as store:
        assert store.reading_position(document_key(first, db)) == hits[1][0]
    # Reopening shows the document at the saved place.
    term.restart([str(COMMAND), str(first), "--db", str(db)])
    screen = term.wait_for("line ", "0 annotations")
    assert "line 1/" not in screen


def test_hostile_files_cannot_drive_the_terminal(
    terminal: Callable[[list[str]], Terminal], tmp_path: Path
) -> None:
    corpus = write_hostile_corpus(tmp_path / "hostile")
    db = tmp_path / "annotations.json"
    term = terminal([str(COMMAND), str(corpus / "escapes.txt"), "--db", str(db)])
    term.tmux("set-option", "-s", "set-clipboard", "on")
    buffers_before = term.tmux("list-buffers")
    screen = term.wait_for("Start RED  clip link  dcs  title  end.")
    assert "\x1b" not in screen and "52;c" not in screen and "evil.example" not in screen
    assert term.option("#{pane_title}") != "PWNED"
    assert term.tmux("list-buffers") == buffers_before  # no OSC 52 clipboard write
    term.keys("G", "g", "j", "w")
    term.wait_for("Start RED", "binary.txt", "binary file")  # listed greyed, with the reason
    # Rich/Textual markup in a document shows literally and does nothing.
    term.wait_for("191,920 words", "240 words", "140 words")  # the library is read
    term.keys(">", ">", ">", ">")  # latin1, longline, markup.md, markup.txt
    term.wait_for("[bold]not bold[/] and [@click=app.quit]click[/]")
    term.keys("Enter", "j", "j", "l")
    # The keys reached the app (the caret moved down to the second line: each line of the file
    # wraps in two on screen, and "line" counts the file's lines) and it is still running.
    term.wait_for("line 2/")
    assert term.option("#{pane_dead}") == "0"
    term.keys("q")
    term.wait_exit()
