"""Symptom 4 in a real terminal: keys sent one by one, 10 ms apart, to the library filter of
a corpus big enough that the list takes a while to rebuild on every keystroke."""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path

import pytest
from helpers.terminal import Terminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = Path(sys.executable).with_name("tui-reader")
WORDS = [
    "the",
    "of",
    "and",
    "military",
    "border",
    "plan",
    "security",
    "conference",
    "police",
    "report",
    "river",
]


def test_keys_typed_10_ms_apart_all_arrive_in_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(4)
    for n in range(400):
        title = " ".join(rng.choice(WORDS) for _ in range(6)).title()
        body = " ".join(rng.choice(WORDS) for _ in range(3000))
        (corpus / f"doc{n:03d}.txt").write_text(f"{title}\n\n{body}\n")
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color"}
    term = Terminal([str(COMMAND), str(corpus), "--db", str(tmp_path / "db.json")], tmp_path,
                    env=env)  # fmt: skip
    try:
        term.wait_for("doc000.txt")
        term.keys("/")
        term.wait_for("Filter documents")
        for key in [*"milit", *["BSpace"] * 5, *"interv"]:
            term.keys(key)  # one key per send, as a typist's terminal sends them
            time.sleep(0.01)
        screen = term.wait(lambda s: "interv" in s or "minter" in s, "the filter's text")
        assert "▊  interv " in screen.replace("▎", " ")
    finally:
        term.kill()
