"""``tui-reader export ... 2> annotations.json``: the shell empties the database before the
command runs, and the command cannot give it back.  Each save keeps the state it replaced
beside it, so the refusal says how to restore it, and a later command does not write a new
database over it."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.cli.main import main
from tui_reader.core.store.annotation_store import AnnotationStore


def test_a_database_emptied_by_a_redirection_is_restored_as_the_refusal_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("war and peace\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["autocode", "war", "-t", "first", str(corpus), "--db", str(db)]) == 0
    assert main(["autocode", "peace", "-t", "second", str(corpus), "--db", str(db)]) == 0
    capsys.readouterr()
    command = [sys.executable, "-m", "tui_reader", "export", str(corpus), "--db", str(db)]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=db.open("w"), check=False)
    assert db.read_bytes() == b""
    status = main(["annotate", "--db", str(db), "--quote", "and", "-t", "x", str(corpus / "a.txt")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tui-reader: {db}: is empty (0 bytes)") and err.count("\n") == 1
    restore = err.rstrip("\n").split("restore it with ", 1)[1]
    for move in restore.split(" && "):
        subprocess.run(shlex.split(move), check=True)
    with AnnotationStore(db) as store:
        assert sorted(t for a in store.annotations() for t in a.tags) == ["first", "second"]
