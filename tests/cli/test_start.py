"""The command's entry point loads the program's modules with the garbage collector paused,
then freezes what they made out of its later passes; the collector runs as before after."""

from __future__ import annotations

import gc
import subprocess
import sys
import tomllib
from pathlib import Path

from tui_reader.cli.start import loading_modules

ROOT = Path(__file__).resolve().parents[2]


def test_loading_modules_pauses_the_collector_then_freezes_what_was_made() -> None:
    frozen = gc.get_freeze_count()
    try:
        with loading_modules():
            assert not gc.isenabled()
            made = [[] for _ in range(100)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()  # the test process collects as usual again


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with loading_modules():
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_command_starts_there_and_runs_as_before(tmp_path: Path) -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts["tui-reader"] == "tui_reader.cli.start:main"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\n\nSome words.\n", "utf-8")
    code = (
        "import gc, sys\n"
        "from tui_reader.cli.start import main\n"
        "sys.argv = ['tui-reader', 'list', sys.argv[1], '--db', sys.argv[2]]\n"
        "status = main()\n"
        "left = len(gc.get_objects())  # what a last pass at exit would walk\n"
        "print(status, gc.isenabled(), gc.get_freeze_count() > 0, 'tui_reader.ui' in sys.modules,"
        " left < 100, left)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(tmp_path / "db.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    listing, figures = result.stdout.strip().rsplit("\n", 1)
    assert "a.txt" in listing
    assert figures.rsplit(" ", 1)[0] == "0 True True False True", figures


def test_what_a_command_reads_is_frozen_as_read_not_what_the_app_reads(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui_reader.cli.start import main\n"
        "from tui_reader.core.store.caller import READS_LIVE_TO_EXIT\n"
        "sys.argv = ['tui-reader', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(READS_LIVE_TO_EXIT.get())\n"
    )
    db = str(tmp_path / "db.json")
    for argv, expected in ((["coders", "--db", db], "True"),
                           (["--db", db, "coders"], "True"),  # its options before it
                           (["--version"], "False"), (["--db", db, "--version"], "False")):  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert result.stdout.strip().splitlines()[-1] == expected, result.stdout
