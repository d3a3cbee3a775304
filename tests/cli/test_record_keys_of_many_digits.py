"""A database edited by hand so that a record sits under a key of thousands of digits (more
than Python turns into a number): every command reads the rest, none stops with a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main

HUGE = "9" * 5000  # int() refuses more than 4,300 digits


@pytest.fixture(params=["annotations", "tags", "history", "forgotten"])
def database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> Path:
    """A corpus of one text, one annotation, and a copy of a record of one table (or a
    dropped step's note) under a key of :data:`HUGE`."""
    (tmp_path / "a.txt").write_text("The army moved. It left.\n", "utf-8")
    db = tmp_path / "annotations.json"
    argv = ["annotate", "a.txt", "--corpus", str(tmp_path), "--db", str(db), "--quote", "army"]
    assert main([*argv, "--tag", "war"]) == 0
    data = json.loads(db.read_text("utf-8"))
    if request.param == "forgotten":
        data["history"][f"forgotten-{HUGE}"] = {"dropped": {"label": "import"}}
    else:
        table = data[request.param]
        table[HUGE] = dict(next(iter(table.values())), id="copy")
    db.write_text(json.dumps(data), "utf-8")
    capsys.readouterr()
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["annotate", "a.txt", "--quote", "left", "--tag", "war"],
        ["tags"],
        ["history"],
        ["undo"],
        ["export", "-f", "csv"],
        ["list"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_key_of_thousands_of_digits_stops_no_command(
    database: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    argv = [*command, "--db", str(database)]
    if command[0] in ("annotate", "export", "list"):
        argv += ["--corpus", str(database.parent)]
    assert main(argv) in (0, 2)  # 2: the record said unreadable, the rest done
    assert "Traceback" not in capsys.readouterr().err
