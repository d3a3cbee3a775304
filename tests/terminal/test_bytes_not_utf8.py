"""Bytes a terminal sends that are not UTF-8 (a paste from a Latin-1 terminal, a lone 0x9b,
a multi-byte character cut short) reach the app as a replacement character: they stopped
it, a traceback in place of the screen, a note being written lost."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal

from tui_reader.cli.main import main

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COMMAND = Path(sys.executable).with_name("tui-reader")


def test_a_paste_holding_bytes_not_utf8_is_written_and_the_app_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "interview.txt").write_text("Interview\n\nThe border changed after the plan.\n")
    db = tmp_path / "db.json"
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    term = Terminal([str(COMMAND), str(corpus / "interview.txt"), "--db", str(db)], tmp_path, 100, 30, env=env,
                    keep_dead_pane=True)  # fmt: skip
    try:
        term.wait_for("interview.txt", "0 annotations")
        term.keys("j", "j", "s", "a")
        term.wait_for("Annotate")
        term.keys("border", literal=True)
        term.keys("Tab")
        # "caf", a Latin-1 é, a lone 0x9b, a space, a euro sign cut short, "ok"
        term.keys("-H", "63", "61", "66", "e9", "9b", "20", "e2", "82", "6f", "6b")
        term.wait_for("caf", "ok")
        assert term.alive(), term.screen()
        term.keys("C-s")
        term.wait_for("1 annotation")
        term.keys("q")
        term.wait_exit()
    finally:
        term.kill()
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["export", "--format", "json", "--db", str(db), str(corpus)]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["tags"] == ["border"]
    assert record["note"].startswith("caf") and record["note"].endswith("ok"), record
    assert "\ufffd" in record["note"], record
