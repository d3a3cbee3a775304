"""The real ``tui-reader`` in a real terminal (tmux): the library shows how much of a document
is coded; ``i`` shows the open document's details, where an attribute is set; the library's
filter then finds the document by that attribute beside a word of its title.  The command
coding it first runs in this process (``main``, as ``tui-reader`` runs it), not a Python started
for it."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "docs_corpus/mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_details_set_an_attribute_and_filter_the_library_by_it(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = [sys.executable, "-m", "tui_reader"]
    db = str(tmp_path / "annotations.json")
    monkeypatch.chdir(tmp_path)
    assert main(["annotate", DOC, "--db", db, "--corpus", str(corpus_copy),
                 "--quote", "remilitarize the region", "--tag", "militarization"]) == 0  # fmt: skip
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", *run, str(corpus_copy / Path(DOC).name),
         "--db", db]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path)
    try:
        terminal.wait(lambda s: "<1% coded" in s, "the share coded in the library")
        terminal.keys("i")
        terminal.wait(lambda s: "Details: mexico-hosts" in s, "the details")
        terminal.keys("country=Mexico wave=2", literal=True)
        terminal.keys("Enter")
        screen = terminal.wait(lambda s: "Set country=Mexico, wave=2." in s, "the attributes set")
        assert "Plain text, shown as it is." in screen
        terminal.keys("Escape")
        terminal.wait(lambda s: "Details:" not in s, "the reader again")
        # typed at once: the library hidden, shown (and focused), its filter opened, the
        # filter typed; none of it waits for the one before
        terminal.keys("L", "L", "/")
        terminal.keys("wave>1 southcom", literal=True)
        screen = terminal.wait(  # (the first L alone hides it too: not that)
            lambda s: "wave>1 southcom" in s and "US Wants Mexico" not in s, "the filtered library"
        )
        assert "Mexico Hosts SouthCom" in screen
        terminal.keys("Escape")
        terminal.wait(
            lambda s: "US Wants Mexico" in s and "wave>1" not in s, "the whole library again"
        )
        terminal.keys("q")
        terminal.wait(lambda s: "tui-reader" not in s, "the app to quit")
    finally:
        terminal.kill()
