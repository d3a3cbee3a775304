"""`tui-reader search` never blocks on a FIFO in the corpus: it is named and skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.hostile import run_cli_here


def test_search_skips_a_fifo_and_finds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("hello world. second sentence.\n", encoding="utf-8")
    os.mkfifo(corpus / "fifo.txt")
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "search", "hello", "corpus"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "TUI_READER_DB": str(tmp_path / "db.json")},
    )
    assert result.stdout.startswith("corpus/a.txt:1: hello world")
    assert "fifo.txt" in result.stderr and "FIFO" in result.stderr


def _search(tmp_path: Path, *argv: str) -> bytes:
    """What ``tui-reader search ARGV`` writes to its standard output (a pipe), as bytes: run
    in this process, as nothing of a process is at stake here."""
    db = str(tmp_path / "db.json")
    result = run_cli_here("search", *argv, cwd=tmp_path, text=False, env={"TUI_READER_DB": db})
    assert result.returncode == 0, result.stderr
    return bytes(result.stdout)


def test_hits_in_hostile_names_and_texts_reach_the_terminal_safe_and_json_exact(
    tmp_path: Path,
) -> None:
    import json

    from tui_reader.core.display import shown_block

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = ["esc\x1b]0;PWNED\x07.txt", "del\x7f.txt", "plain.txt", "tab\tname.txt"]
    texts = [
        "the title\n\nthe \x1b[31mred\x1b[0m text and the \x9b2J clear\n",
        "Caf\u00e9 the \u202eevil\u202c the end\ttabbed\n",
        "the plain line\n" * 3,
        "a line with the word\n",
    ]
    for name, text in zip(names, texts, strict=True):
        (corpus / name).write_bytes(text.encode("utf-8"))
    for argv in (["-i", "the"], ["-il", "the"], ["--regex", "t.e"]):
        out = _search(tmp_path, *argv, str(corpus)).decode("utf-8")
        assert out.count("\n") >= len(names)
        assert shown_block(out) == out  # nothing the gate would change: written past it
        assert "PWNED" in out and "\x1b" not in out and "\x7f" not in out
    for argv in (["-i", "the", "--json"], ["-il", "the", "--json"]):
        raw = _search(tmp_path, *argv, str(corpus))
        assert raw.isascii() and b"\x7f" not in raw and b"\x1b" not in raw
        found = {json.loads(line)["document"] for line in raw.decode().splitlines()}
        assert found == set(names)  # each name exactly, DEL and escape included
