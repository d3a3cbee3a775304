"""``tui-reader history`` printed a step's whole command line: an autocode over a shell's
docs/*.txt of 2,000 files was one line of some 40,000 characters, every time the history
was listed.  A long command is shortened in the table, its start and end kept and what was
left out counted; ``--json`` gives it whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_a_step_of_a_long_command_line_is_one_short_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = []
    for i in range(300):
        files.append(str(corpus / f"document-number-{i:04}.txt"))
        Path(files[-1]).write_text("alpha beta\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "db.json")]
    assert main(["autocode", "alpha", *files, "--tag", "a", *db]) == 0
    capsys.readouterr()
    assert main(["history", *db]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert len(line) < 700, len(line)
    assert "tui-reader autocode alpha" in line and line.endswith("--tag a --db " + db[1] + "]")
    assert "more characters" in line
    # a command of a few long paths and a note is whole, as it was
    argv = ["annotate", files[0], "--quote", "beta", "-t", "b", "--note", "x" * 150, *db]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["history", "-n", "1", *db]) == 0
    assert "x" * 150 + " " + " ".join(db) + "]" in capsys.readouterr().out
    assert main(["history", "--json", "-n", "0", *db]) == 0
    step = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert all(file in step["origin"] for file in files)
