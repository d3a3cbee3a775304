"""The real `tui-reader` in a real terminal (tmux): passages tagged with the CLI are found with
``T`` and opened; ``F`` finds a word in every document and opens a hit.  The command tagging
them runs in this process (``main``, as ``tui-reader`` runs it), not a Python started each
time."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main
from tui_reader.core.documents.document import load_document

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_codebook_and_corpus_search_in_a_terminal(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = [sys.executable, "-m", "tui_reader"]
    db = str(tmp_path / "annotations.json")
    monkeypatch.chdir(tmp_path)
    for quote, tags in [
        ("remilitarize the region", ["militarization"]),
        ("aerial, ground and reconnaissance patrols", ["militarization/patrols"]),
    ]:
        where = ["--db", db, "--corpus", str(corpus_copy)]
        assert main(["annotate", DOC, *where, "--quote", quote, "--tag", ",".join(tags)]) == 0
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", *run, str(corpus_copy), "--db", db]
    )
    terminal = Terminal(command, tmp_path)
    try:
        terminal.wait(lambda s: "2 annotations" in s, "the first document")
        terminal.keys("T")
        terminal.wait(lambda s: "militarization  2 (1 own)" in s, "the codebook")
        terminal.wait(lambda s: "2 passages in 1 document" in s, "the passages")
        # Typed at once, as a user does: into the passages, the second one, open it.  Both
        # passages fit on the reader's screen whichever opens: the status line's place and the
        # card's code tell the second (line 7) from the first (line 3).
        terminal.keys("Enter", "j", "Enter")
        screen = terminal.wait(
            lambda s: "A Annotations" in s and " line 7/" in s, "the second passage opened"
        )
        assert "militarization/patrols   · A: details" in screen
        assert "reconnaissance patrols" in screen
        terminal.keys("F")
        terminal.wait(lambda s: "Search every document" in s, "the corpus search")
        terminal.keys("Mexico", literal=True)
        count = sum(load_document(f).text.count("Mexico") for f in corpus_copy.glob("*.txt"))
        terminal.wait(lambda s: f"{count} hits in 2 documents" in s, "the hits")
        terminal.keys("Escape")
        terminal.wait(lambda s: "A Annotations" in s, "the reader again")
        terminal.keys("q")
        terminal.wait(lambda s: "tui-reader" not in s, "the app to quit")
    finally:
        terminal.kill()
