"""Hostile file names, tags and notes in a real terminal (issue 15, items 1, 2): the library,
the status line, the annotations panel, the codebook and the command palette show them, and
neither the terminal title nor the clipboard (OSC 52, tmux ``set-clipboard on``) changes."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = Path(sys.executable).with_name("tui-reader")
TITLE = "x\x1b]0;PWNED\x07"
CLIP = "\x1b]52;c;cm0gLXJmIH4=\x07"


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / f"{TITLE}.txt").write_text("Hostile\n\nThe Pentagon plan is here.\n")
    (corpus / f"clip{CLIP}.txt").write_text("Clip\n\nMore text.\n")
    (corpus / "rtl\u202eevil.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    (corpus / f"bin{TITLE}.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    db = tmp_path / "db.json"
    source = tmp_path / "in.json"
    record = {
        "id": "a1",
        "document": f"c/{TITLE}.txt",
        "start": 13,
        "end": 21,
        "quote": "Pentagon",
        "tags": [f"tag{TITLE}", f"clip{CLIP}"],
        "note": f"note{CLIP}{TITLE}",
    }
    source.write_text(json.dumps([record]))
    from tui_reader.cli.main import main

    assert main(["import", str(source), "--db", str(db)]) == 0
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color"}
    hostile = corpus / f"{TITLE}.txt"
    terminal = Terminal([str(COMMAND), str(hostile), "--db", str(db)], tmp_path, env=env)
    terminal.tmux("set-option", "-s", "set-clipboard", "on")
    yield terminal
    terminal.kill()


def assert_untouched(term: Terminal, buffers: str) -> None:
    screen = term.screen()
    assert "\x1b" not in screen and "PWNED\x07" not in screen
    assert term.option("#{pane_title}") != "PWNED"
    assert term.tmux("list-buffers") == buffers  # no OSC 52 clipboard write


def test_hostile_names_show_harmlessly_everywhere(term: Terminal) -> None:
    buffers = term.tmux("list-buffers")
    term.wait_for("binx␛]0;PWNED␇.txt", "rtl\ufffdevil.txt", "The Pentagon plan")
    assert_untouched(term, buffers)
    term.keys("A")  # the annotations panel lists the imported annotation's tags
    term.wait_for("tagx␛]0;PWNED␇")
    assert_untouched(term, buffers)
    term.keys("T")  # the codebook
    term.wait_for("clip␛]52;c;cm0gLXJmIH4=␇")
    assert_untouched(term, buffers)
    term.keys("Escape", "C-p")
    term.keys("PWNED", literal=True)
    # (PWNED alone was on screen before: the note in the panel, the names in the library)
    term.wait_for("Tag with: tagx␛]0;PWNED␇")  # the palette's command naming the tag
    assert_untouched(term, buffers)
    assert term.alive()
