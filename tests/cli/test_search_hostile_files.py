"""`tui-reader search` never blocks on a FIFO in the corpus: it is named and skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_search_skips_a_fifo_and_finds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello world. second sentence.\n", encoding="utf-8")
    os.mkfifo(corpus / "fifo.txt")
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "search", "hello", str(corpus)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "TUI_READER_DB": str(tmp_path / "db.json")},
    )
    assert result.stdout.startswith("a.txt:1: hello world")
    assert "fifo.txt" in result.stderr and "FIFO" in result.stderr
