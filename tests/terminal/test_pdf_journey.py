"""The real `tui-reader` in tmux on a PDF: jump to page 2, annotate a sentence the PDF breaks
over two lines, quit; the Markdown export cites the page (the export run in this process:
``main``, as ``tui-reader`` runs it, not a Python started for it)."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from helpers.format_fixtures import make_paged_report
from helpers.terminal import Terminal

from tui_reader.cli.main import main
from tui_reader.ui.screens.main import SEARCH_PROMPT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def test_open_pdf_jump_to_page_annotate_export_cites_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf, sentence = make_paged_report(corpus / "report.pdf")
    db = tmp_path / "annotations.json"
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "tui_reader",
         str(pdf), "--db", str(db)]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path, width=140)
    try:
        terminal.wait_for("report.pdf", "p. 1/2")
        terminal.keys("P")
        terminal.wait_for("Go to page", "Page (1–2, now 1)")
        terminal.keys("2", "Enter")
        terminal.wait_for("p. 2/2")
        terminal.keys("/")
        terminal.wait(lambda s: SEARCH_PROMPT[:20] in s, "the search prompt")
        terminal.keys("convoy waited", literal=True)
        terminal.keys("Enter")
        terminal.wait(lambda s: "“convoy waited” 1/1" in s, "the search hit")
        terminal.keys("s")
        terminal.wait_for(f"selected {len(sentence)} chars")
        terminal.keys("a")
        terminal.wait_for("Tags (comma-separated")
        terminal.keys("waiting", literal=True)
        terminal.keys("Enter")
        terminal.wait(lambda s: "1 annotation " in s or "1 annotation\n" in s, "the saved tag")
        terminal.keys("q")
        terminal.wait_exit()
    finally:
        terminal.kill()
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "--db", str(db), str(corpus)]) == 0
    markdown = capsys.readouterr().out
    assert f"> {sentence}" in markdown
    assert "- Location: p. 2 · " in markdown
    assert "#waiting" in markdown
