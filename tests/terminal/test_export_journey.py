"""The real `tui-reader` in a real terminal (tmux), 50x15: `E` opens the export dialog, the
format chosen is QualCoder's project and then CSV, each written beside the database, and
each said in one line; then `q` quits."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers.terminal import TIMEOUT, Terminal, backgrounds

from tui_reader.cli.main import main
from tui_reader.ui.screens.export_dialog import CHOICES, LABELS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

DOC = "mexico-hosts-southcom-conference-to-launch-plan-pentagon.txt"


def said(screen: str, title: str) -> bool:
    """Whether the notice of an export as ``title`` is on ``screen``: its title's line ends
    there ("Exported as csv" is in "Exported as csv-raw" too)."""
    return re.search(rf"Exported as {re.escape(title)}\s*$", screen, re.MULTILINE) is not None


def highlighted(terminal: Terminal) -> str | None:
    """The format the dialog's list highlights: of the formats it shows, the one drawn on a
    background none of the others is; None when no one is (the dialog not drawn yet)."""
    text, drawn_on = backgrounds(terminal.styled())
    shown = {}
    for name in CHOICES:
        at = text.find(f"│ {LABELS.get(name, name)}  ")
        if at >= 0:
            shown[name] = drawn_on[at + 2]
    grounds = list(shown.values())
    alone = [name for name, ground in shown.items() if grounds.count(ground) == 1]
    return alone[0] if len(shown) > 2 and len(alone) == 1 else None


def chosen(terminal: Terminal, name: str) -> None:
    """Wait until the dialog highlights the format ``name``."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if highlighted(terminal) == name:
            return
        time.sleep(0.05)
    raise AssertionError(f"{name} not highlighted ({highlighted(terminal)}):\n{terminal.screen()}")


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
        terminal.keys(*["Down"] * 7)
        chosen(terminal, "qdpx")
        terminal.keys("Enter")
        terminal.wait(lambda s: said(s, "qdpx"), "the project written")
        terminal.keys("E")
        terminal.wait(lambda s: "Export annotations" in s, "the dialog again")
        chosen(terminal, "qdpx")  # the format exported last
        terminal.keys("Up", "Up", "Up")
        chosen(terminal, "csv")
        terminal.keys("Enter")
        terminal.wait(lambda s: said(s, "csv"), "the table written")
        terminal.keys("q")
        terminal.wait_exit()
    finally:
        terminal.kill()
    with zipfile.ZipFile(tmp_path / "annotations-export.qdpx") as project:
        assert "project.qde" in project.namelist()
    table = (tmp_path / "annotations-export.csv").read_text(encoding="utf-8-sig")
    assert "Doral, Florida" in table and "place" in table
