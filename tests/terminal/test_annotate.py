"""The real `tui-reader` in a real terminal (tmux): search, select the sentence, tag it, quit;
then `tui-reader export --format json` holds exactly that sentence with that tag (the export
run in this process: ``main``, as ``tui-reader`` runs it, not a Python started for it)."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main
from tui_reader.ui.screens.main import SEARCH_PROMPT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"
SENTENCE = (
    "In a move that reveals the utter subservience of the Peña Nieto government, Mexico agreed "
    "to host a U.S. security meeting that will take place inside the U.S. Southern Command in "
    "Doral, Florida."
)


def test_search_select_tag_quit_export(
    corpus_copy: Path,
    db_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # COLUMNS/LINES (set under pytest) would override the terminal's real size.
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "tui_reader",
         str(corpus_copy / DOC), "--db", str(db_copy)]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path, width=160)  # the status line must fit
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
        terminal.wait_exit()
    finally:
        terminal.kill()

    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "--format", "json", "--db", str(db_copy), str(corpus_copy)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["quote"], r["tags"], r["document"]) for r in records] == [
        (SENTENCE, ["militarization"], f"docs_corpus/{DOC}")
    ]
