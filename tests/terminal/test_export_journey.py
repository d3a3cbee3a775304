"""The real `tui-reader` in a real terminal (tmux), 50x15: `E` opens the export dialog, the
format chosen is QualCoder's project and then CSV, each written beside the database, and
each said in one line; then `q` quits."""

from __future__ import annotations

import shlex
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def test_export_a_project_then_a_table_from_a_small_terminal(
    corpus_copy: Path, tmp_path: Path
) -> None:
    db = tmp_path / "annotations.json"
    where = ["--db", str(db), "--corpus", str(corpus_copy)]
    assert (
        main(
            ["annotate", str(corpus_copy / DOC), "--quote", "Doral, Florida", "-t", "place", *where]
        )
        == 0
    )
    # COLUMNS/LINES (set under pytest) would override the terminal's real size.
    command = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "tui_reader",
         str(corpus_copy), "--db", str(db)]
    )  # fmt: skip
    terminal = Terminal(command, tmp_path, width=50, height=15)
    try:
        terminal.wait(lambda s: "1 ann" in s, "the library")
        terminal.keys("E")
        terminal.wait(lambda s: "Export annotations" in s and "markdown" in s, "the dialog")
        terminal.keys(*["Down"] * 7)  # qdpx
        terminal.wait(lambda s: "qdpx  REFI-QDA" in s, "the project in view")
        terminal.keys("Enter")
        terminal.wait(lambda s: "Exported as qdpx" in s, "the project written")
        terminal.keys("E")
        terminal.wait(lambda s: "qdpx  REFI-QDA" in s, "the dialog again, at qdpx")
        terminal.keys("Up", "Up", "Up", "Enter")  # csv
        terminal.wait(lambda s: "Exported as csv" in s, "the table written")
        terminal.keys("q")
        terminal.wait_exit()
    finally:
        terminal.kill()
    with zipfile.ZipFile(tmp_path / "annotations-export.qdpx") as project:
        assert "project.qde" in project.namelist()
    table = (tmp_path / "annotations-export.csv").read_text(encoding="utf-8-sig")
    assert "Doral, Florida" in table and "place" in table
