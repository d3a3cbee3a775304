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
    with db.open("w") as emptied:  # the shell's 2> annotations.json
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=emptied, check=False, timeout=120)
    assert db.read_bytes() == b""
    status = main(["annotate", "--db", str(db), "--quote", "and", "-t", "x", str(corpus / "a.txt")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tui-reader: {db}: is empty (0 bytes)") and err.count("\n") == 1
    restore = err.rstrip("\n").split("restore it with ", 1)[1]
    for move in restore.split(" && "):
        subprocess.run(shlex.split(move), check=True, timeout=120)
    with AnnotationStore(db) as store:
        assert sorted(t for a in store.annotations() for t in a.tags) == ["first", "second"]


def test_a_database_written_over_with_text_says_what_it_holds_and_how_to_restore_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``some_command > annotations.json``: the database then held the command's output, and
    every command said 'damaged JSON (Expecting value at line 1, column 1); the file was left
    as it is', as though the database had been broken, and not that the state of the last
    save was kept beside it (said only of a database emptied to 0 bytes).  It is said to be
    text, no database, with how to restore it; a document given as --db is said to be text,
    with nothing to restore."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("war and peace\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    assert main(["autocode", "war", "-t", "first", str(corpus), "--db", str(db)]) == 0
    assert main(["autocode", "peace", "-t", "second", str(corpus), "--db", str(db)]) == 0
    capsys.readouterr()
    db.write_text("a.txt\twar and peace\t3 words\n", encoding="utf-8")
    assert main(["tags", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"tui-reader: {db}: not a tui-reader database: it holds text, no JSON (it begins "
        "'a.txt\\twar and peace\\t3 wo'); the file was left as it is; its state at the last save "
        "is kept: restore it with "
    )
    assert err.count("\n") == 1
    for move in err.rstrip("\n").split("restore it with ", 1)[1].split(" && "):
        subprocess.run(shlex.split(move), check=True, timeout=120)
    with AnnotationStore(db) as store:
        assert sorted(t for a in store.annotations() for t in a.tags) == ["first", "second"]
    assert main(["tags", "--db", str(corpus / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"tui-reader: {corpus / 'a.txt'}: not a tui-reader database: it holds text, no JSON "
        "(it begins 'war and peace\\n'); the file was left as it is\n"
    )
