"""Words typed on a terminal whose encoding is Latin-1 (or a locale Python cannot load): the
"é" of a code comes as a byte that is no UTF-8, which Python keeps as a lone surrogate.  A
code, a query, a pattern or an attribute typed so is read as the terminal wrote it; a file
name so typed still names its file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.app_start import app_starts

from tui_reader.cli.main import main

LATIN1_CAFE = "caf\udce9"  # b"caf\xe9" as sys.argv holds it


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The café opened at noon.\n", encoding="utf-8")
    db = tmp_path / "annotations.json"
    argv = ["annotate", str(corpus / "a.txt"), "--quote", "café", "--tag", "café"]
    assert main([*argv, "--db", str(db)]) == 0
    return corpus, db


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["query", LATIN1_CAFE, "--format", "json"], '"café"'),
        (["export", "--tag", LATIN1_CAFE, "--format", "json"], '"café"'),
        (["report", "frequencies", "--tag", LATIN1_CAFE, "--format", "json"], '"café"'),
        (["search", LATIN1_CAFE], "a.txt:1: The café opened at noon."),
    ],
)
def test_a_code_or_pattern_typed_in_latin1_matches(
    project: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    expected: str,
) -> None:
    corpus, db = project
    capsys.readouterr()
    assert main([*argv, "--corpus", str(corpus), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert expected in captured.out
    assert "\udce9" not in captured.err


def test_attributes_and_renames_typed_in_latin1_are_stored_as_typed(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, db = project
    where = ["--corpus", str(corpus), "--db", str(db)]
    assert main(["attr", "set", "a.txt", f"lieu={LATIN1_CAFE}", *where]) == 0
    assert main(["tags", "rename", LATIN1_CAFE, "th\udce9", *where]) == 0
    capsys.readouterr()
    assert main(["attr", "list", "--json", *where]) == 0
    assert list(json.loads(capsys.readouterr().out).values()) == [{"lieu": "café"}]
    assert main(["query", "thé AND lieu=café", "--format", "json", *where]) == 0
    assert [r["tags"] for r in json.loads(capsys.readouterr().out)] == [["thé"]]


def test_a_file_name_not_in_utf8_still_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "w", encoding="utf-8") as file:
        file.write("Noon.\n")
    db = str(tmp_path / "db.json")
    name = f"{LATIN1_CAFE}.txt"
    assert main(["annotate", str(corpus / name), "--quote", "Noon", "--tag", "t", "--db", db]) == 0
    assert main(["memo", "add", "--doc", str(corpus / name), "a memo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--doc", name, "--corpus", str(corpus), "--db", db, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["quote"] == "Noon"


@pytest.mark.parametrize(
    ("typed", "utf8_mode"),
    [
        (b"caf\xe9", "1"),  # a Latin-1 terminal
        (b"caf\xe9", "0"),
        (b"caf\xc3\xa9", "0"),  # a UTF-8 terminal, Python reading arguments as ASCII
    ],
)
def test_a_latin1_terminal_typing_a_code_finds_it(
    project: tuple[Path, Path], typed: bytes, utf8_mode: str
) -> None:
    corpus, db = project
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    env["LC_ALL"] = "C"  # no Latin-1 locale here: the bytes come as they are, undecoded
    env["PYTHONUTF8"] = utf8_mode
    env["PYTHONCOERCECLOCALE"] = "0"
    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", b"query", typed, b"--corpus", corpus, b"--db", db],
        capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"#caf\xc3\xa9" in done.stdout


def test_a_file_name_typed_in_latin1_names_its_file_stored_in_utf8(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotate café.txt`` typed on a Latin-1 terminal, of a file whose name is UTF-8 (as
    every file a UTF-8 system wrote): "café.txt: no such document"."""
    corpus, db = project
    (corpus / "café.txt").write_text("The café closed at noon.\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--db", str(db)]
    typed = f"{LATIN1_CAFE}.txt"
    assert main(["annotate", str(corpus / typed), "--quote", "closed", "-t", "t", *where]) == 0
    assert main(["annotate", typed, "--quote", "noon", "-t", "t", *where]) == 0
    assert main(["memo", "add", "--doc", typed, "a memo", *where]) == 0
    assert main(["attr", "set", typed, "place=Lima", *where]) == 0
    capsys.readouterr()
    assert main(["export", "--doc", typed, "-f", "json", *where]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [(a["document"], a["quote"]) for a in exported] == [
        ("corpus/café.txt", "closed"),
        ("corpus/café.txt", "noon"),
    ]
    assert main(["search", "noon", str(corpus / typed), "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith(f"{corpus}/café.txt:1:")  # a path, as grep's
    assert main(["attr", "list", "--json", *where]) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus/café.txt": {"place": "Lima"}}


def test_the_app_opens_a_file_named_as_typed_on_latin1_or_as_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``tui-reader café.txt`` typed on a Latin-1 terminal (a UTF-8 "café.txt" on disk), or
    ``tui-reader 'caf\\xe9.txt'`` as ``list`` shows a Latin-1 name: each subcommand took the
    name, but the app said "no such folder or file"."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "café.txt").write_text("The café opened at noon.\n", encoding="utf-8")
    latin1 = os.fsdecode(os.fsencode(corpus) + b"/caf\xe8.txt")
    Path(latin1).write_text("The border is long.\n", encoding="utf-8")
    starts = app_starts(monkeypatch)
    db = str(tmp_path / "db.json")
    assert main([f"{corpus}/{LATIN1_CAFE}.txt", "--db", db]) == 0
    assert main([f"{corpus}/caf\\xe8.txt", "--db", db]) == 0
    assert [start.target.open_file for start in starts] == [corpus / "café.txt", Path(latin1)]
