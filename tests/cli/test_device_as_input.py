"""``tui-reader import /dev/zero < /dev/zero``: the device named was taken for standard input
(the same file) and 512 MB read before "larger than the 512 MB tui-reader reads"; without the
redirect it was refused at once as a device.  A device named by its own name is refused before
it is read, whatever standard input is; standard input that is itself a device (``- <
/dev/zero``, ``/dev/stdin < /dev/urandom``) is refused before it is read too.  ``-`` and
``/dev/stdin`` with a file or a pipe still read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.annotations import empty_database

COMMANDS = [["import"], ["merge"], ["attr", "import"]]


def _run(here: Path, argv: list[str], stdin: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUI_READER_")}
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *argv, "--db", "db.json"],
        cwd=here, stdin=stdin, capture_output=True, text=True, timeout=60,
        env={**env, "TUI_READER_CACHE": str(here / "cache")},
    )  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("/dev/zero", "/dev/zero: is a device, not a regular file; not read"),
        ("-", "standard input is a device (/dev/zero), not a file or a pipe; not read"),
        ("/dev/stdin", "standard input is a device (/dev/zero), not a file or a pipe; not read"),
    ],
)
def test_a_device_is_refused_before_it_is_read(
    tmp_path: Path, command: list[str], given: str, said: str
) -> None:
    empty_database(tmp_path / "db.json")
    with open("/dev/zero", "rb") as zero:
        done = _run(tmp_path, [*command, given, "--corpus", "."], zero.fileno())
    assert done.returncode == 2
    assert done.stderr == f"tui-reader: {said}\n"


@pytest.mark.parametrize("given", ["-", "/dev/stdin"])
def test_a_file_on_standard_input_is_still_read(tmp_path: Path, given: str) -> None:
    empty_database(tmp_path / "db.json")
    (tmp_path / "attrs.csv").write_text("document,year\na.txt,1999\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some words.\n", encoding="utf-8")
    with (tmp_path / "attrs.csv").open("rb") as csv:
        done = _run(tmp_path, ["attr", "import", given, "--corpus", "."], csv.fileno())
    assert done.returncode == 0, done.stderr
