"""An output the system takes only in part (a disk filling under ``> file``, the reader of a
pipe going), standard output unbuffered (``PYTHONUNBUFFERED=1``, as many containers and CI
runners set it): Python's text layer, writing straight to the file, dropped the rest of a big
output without a word, and ``export -f json > out.json`` on a disk filling ended 0 with a file
cut at 64 KB, ``query`` too.  Every write of a command's output is whole or fails, and the
command says so, buffered or not."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.hostile import user_environment
from helpers.processes import Lines, ended, stopped_after

LIMIT = 64 * 1024  # bytes a file may grow to here: a disk full past them


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a corpus of 3,000 lines each coded, whose exports are far over LIMIT."""
    here = tmp_path_factory.mktemp("coded")
    (here / "corpus").mkdir()
    lines = "".join(f"the army line {n}\n" for n in range(3000))
    (here / "corpus" / "a.txt").write_text(lines, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "tui_reader", "autocode", "army", "-t", "army", "corpus",
         "--db", "db.json"],
        cwd=here, capture_output=True, check=True, timeout=120,
        env={**user_environment(), "TUI_READER_CACHE": str(here / "cache")},
    )  # fmt: skip
    return here


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _environment(here: Path, unbuffered: bool) -> dict[str, str]:
    env = {**user_environment(), "TUI_READER_CACHE": str(here / "cache")}
    env.pop("PYTHONUNBUFFERED", None)
    return env | ({"PYTHONUNBUFFERED": "1"} if unbuffered else {})


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="a file size limit")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    "argv",
    [["export", "-f", "json"], ["export", "-f", "csv"], ["export"], ["query", "army"]],
)
def test_an_output_file_that_cannot_grow_is_said_not_cut_short(
    coded: Path, tmp_path: Path, argv: list[str], unbuffered: bool
) -> None:
    out = tmp_path / "out"
    with open(out, "wb") as file:
        result = subprocess.run(
            [sys.executable, "-m", "tui_reader", *argv, "--db", str(coded / "db.json")],
            cwd=coded, stdout=file, stderr=subprocess.PIPE, text=True, timeout=120,
            env=_environment(coded, unbuffered), preexec_fn=_limited,
        )  # fmt: skip
    assert result.returncode == 2, (argv, result.stderr)
    assert "tui-reader: the output: could not write (File too large)" in result.stderr


@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
def test_a_big_output_whose_reader_has_gone_ends_as_grep_does(
    coded: Path, unbuffered: bool
) -> None:
    """``query army | head -1``: the rest of the passages, written at once, went nowhere and
    the query ended 0, as if they had been read."""
    query = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "query", "army", "--db", str(coded / "db.json")],
        cwd=coded, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=_environment(coded, unbuffered),
    )  # fmt: skip
    assert query.stdout is not None and query.stderr is not None
    with stopped_after(query):
        assert Lines(query.stdout, name="the query").next("its first passage")
        query.stdout.close()
        assert ended(query, 120) == 128 + signal.SIGPIPE
        assert b"Traceback" not in query.stderr.read()
