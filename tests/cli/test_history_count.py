"""``tui-reader history -n N``: a negative N printed nothing and exited 0 (as if there were no
history); it is refused.  ``-n 0`` lists every step (there was no way to see them all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.cli.main import main


def test_history_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one two three four\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(tmp_path / "db.json")]
    for word in ("one", "two", "three"):
        assert main(["annotate", "a.txt", "--quote", word, "--tag", word, *where]) == 0
    capsys.readouterr()
    db = where[2:]
    assert main(["history", "-n", "2", *db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["history", "-n", "0", *db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    for bad in ("-1", "x"):
        with pytest.raises(SystemExit) as exit_:
            main(["history", "-n", bad, *db])
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        lines = err.splitlines()  # the usage (on more than one line in 80 columns), the error
        assert lines[0].startswith("usage:") and "not a number of steps" in lines[-1]
        assert sum("error" in line for line in lines) == 1
