"""What a subcommand prints where the locale's encoding is not UTF-8 (a Windows console's
output redirected to a file, PYTHONIOENCODING=ascii, a Latin-1 terminal): stdout is UTF-8, as
the exports' files are, and stderr says a character it cannot encode as ``\\u03a9``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers.hostile import run_cli_here


def run(tmp_path: Path, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``PYTHONIOENCODING=encoding tui-reader ARGS``, in this process: its standard streams
    made as Python makes them for that encoding."""
    db = str(tmp_path / "db.json")
    return run_cli_here(*args, "--db", db, cwd=tmp_path, text=False, encoding=encoding)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_a_locale_not_utf8_prints_every_character_and_no_traceback(
    tmp_path: Path, encoding: str
) -> None:
    # Before: "UnicodeEncodeError: 'ascii' codec can't encode character '\u2026'", a traceback
    # after the first hits, for every search that clipped a line.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "entrevista.txt").write_text(
        "Notas\n\nLa señora Peña habló " + "de la frontera " * 20 + "— Ωmega.\n", "utf-8"
    )
    (corpus / "Ωmega.pdf").write_bytes(b"not a pdf")
    found = run(tmp_path, encoding, "search", "Peña", str(corpus))
    # 2: the damaged PDF could not be searched (grep's status for an error, even with hits)
    assert found.returncode == 2 and b"Traceback" not in found.stderr, found.stderr
    assert "señora Peña habló" in found.stdout.decode("utf-8") and "…" in found.stdout.decode()
    listed = run(tmp_path, encoding, "list", str(corpus), "--json")
    assert listed.returncode == 2 and b"Traceback" not in listed.stderr, listed.stderr
    assert json.loads(listed.stdout.decode("utf-8"))[0]["title"] == "Notas"
    said = listed.stderr.decode(encoding)
    assert "mega.pdf: damaged or not a PDF" in said
    assert said.count("\n") == 1 and ("Ω" in said or "\\u03a9" in said)
