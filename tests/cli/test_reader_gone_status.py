"""The reader of a command's output gone before the command is done (``| head -1``, ``| less``
quit early): the command ends quietly with the status a writer killed by SIGPIPE gives, 141,
as grep's, so a script under ``set -o pipefail`` tells a cut output from a whole one."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.annotations import empty_database
from helpers.hostile import user_environment

from tui_reader.cli.main import main


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = "".join(f"the army line {n}\n" for n in range(3000))
    for n in range(6):  # far more hits than a pipe holds
        (corpus / f"f{n}.txt").write_text(lines)
    return corpus


def test_a_search_whose_reader_has_gone_ends_as_grep_does(tmp_path: Path) -> None:
    """``search army | head -1``: it ended with 0, as if every hit had been read; grep's
    writer is killed by SIGPIPE (141 in the shell)."""
    _corpus(tmp_path)
    result = subprocess.run(
        ["bash", "-c",
         'set -o pipefail; "$0" -m tui_reader search army corpus --db db.json | head -1',
         sys.executable],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={**user_environment(), "TUI_READER_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert result.stdout == "corpus/f0.txt:1: the army line 0\n"
    assert result.stderr == ""  # no traceback, no "Broken pipe"
    assert result.returncode == 141


class _GoneBytes(io.RawIOBase):
    """A pipe whose reader has gone: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")


class _Gone(io.StringIO):
    """:class:`_GoneBytes` as text (an export writes its file's bytes to ``buffer``)."""

    buffer = _GoneBytes()

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize(
    "argv",
    [["list", "corpus"], ["export", "-f", "csv"], ["search", "-l", "army", "corpus"]],
)
def test_every_command_whose_reader_has_gone_says_so_by_its_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    _corpus(tmp_path)
    empty_database(tmp_path / "db.json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUI_READER_CACHE", str(tmp_path / "cache"))
    err = io.StringIO()
    monkeypatch.setattr("sys.stdout", _Gone())
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr("tui_reader.cli.main._drop_stdout", lambda: None)
    assert main([*argv, "--db", "db.json"]) == 141
    assert err.getvalue() == ""
