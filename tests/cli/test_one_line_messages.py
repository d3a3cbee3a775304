"""Every command's messages on stderr are one line each, whatever the names they quote hold:
a document, folder, database or output named with a line feed, a carriage return, a tab, an
escape or a bidi override is said as list shows such a name (``␊``, ``␍``, ``␉``, ``␛``, ``�``),
never with the character itself: a line feed split a message in two, the second line no
message to a script reading stderr line by line, and an escape or an override reached the
terminal raw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.annotations import empty_database
from helpers.hostile import run_cli_here

# Every control but the line feed ending a line, and the bidi overrides and isolates.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "a\nb\rc\td\x1b[31me\u202ef"


def _commands(tmp: Path) -> list[list[str]]:
    corpus, db = tmp / "c", tmp / "db.json"
    name = tmp / HOSTILE
    bad_db = tmp / f"{HOSTILE}.json"
    return [
        ["list", str(name), "--db", str(db)],
        ["search", "Hello", str(name), "--db", str(db)],
        ["history", "--prune", "--keep", "1", "--db", str(tmp / f"{HOSTILE}.new.json")],
        ["annotate", str(corpus / HOSTILE), "--quote", "Hello", "--tag", "t", "--db", str(db)],
        ["autocode", "Hello", str(name), "--tag", "t", "--db", str(db)],
        ["tags", "--db", str(bad_db)],
        ["export", str(corpus), "--db", str(db), "-o", str(name / "out.md")],
        ["export", str(corpus), "--db", str(db), "-f", "json", "-o", str(tmp / "made")],
        ["import", str(name), "--db", str(db)],
        ["import", str(bad_db), "--db", str(db)],
        ["merge", str(name), "--db", str(db)],
        ["coders", "--db", str(bad_db)],
        ["agreement", "a", "b", str(corpus), "--db", str(bad_db)],
        ["history", "--db", str(bad_db)],
        ["history", "--prune", "--keep", "1", "--db", str(bad_db)],
        ["undo", "--db", str(bad_db)],
        ["attr", "import", str(name), "--db", str(db)],
        ["attr", "import", str(tmp / f"{HOSTILE}.csv"), "--db", str(db)],
        ["attr", "set", str(corpus / HOSTILE), "k=v", "--db", str(db)],
        ["memo", "add", "--doc", str(corpus / HOSTILE), "note", "--db", str(db)],
        ["memo", "list", "--db", str(bad_db)],
        ["query", "t", str(corpus), "--db", str(bad_db)],
        ["report", "frequencies", str(corpus), "--db", str(bad_db)],
        ["query", "t", str(corpus), "--db", str(db), "--doc", HOSTILE],
        ["search", "Hello", str(corpus), "--db", str(db), HOSTILE],
        ["list", str(corpus), "--db", str(db), "--nonsense", HOSTILE],
        ["tui-reader-app", str(name), "--db", str(db)],
    ]


def _setting(tmp: Path) -> None:
    corpus = tmp / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    (tmp / f"{HOSTILE}.json").write_text("{not json", encoding="utf-8")
    (tmp / f"{HOSTILE}.csv").write_bytes("document,k\nc/a.txt,caf\xe9\n".encode("latin-1"))
    (tmp / "made").mkdir()
    empty_database(tmp / f"{HOSTILE}.new.json")


@pytest.mark.parametrize("at", range(len(_commands(Path("t")))))
def test_a_hostile_name_in_any_message_is_said_on_its_one_line(tmp_path: Path, at: int) -> None:
    """Each subcommand's errors and notices (a file, folder or database not there or
    damaged, an output refused, an attribute file not in UTF-8, a history with nothing to
    prune, an argument not taken) name the file on their one line."""
    _setting(tmp_path)
    command = _commands(tmp_path)[at]
    if command[0] == "tui-reader-app":
        command = command[1:]
    result = run_cli_here(*command, cwd=tmp_path)
    assert result.stderr, (command, result.stdout)
    raw = RAW.search(result.stderr)
    assert raw is None, (command, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith(("tui-reader", "usage:", " ")), (command, result.stderr)
