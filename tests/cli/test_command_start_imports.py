"""What a command loads before its work: the modules of what it does not do are left out
(each costs every run of the command, in a script's loop too)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.forking import fresh_starts
from helpers.hostile import user_environment

from tui_reader.cli.main import SUBCOMMANDS
from tui_reader.locations import texts_cache_path

# What a command loads, run in a child forked from a process that stands where a new one
# running it would (``fresh_starts``): the last of its fields are the modules asked about.
_COMMAND = """
            sys.argv = ["tui-reader", *fields[:-1]]
            with redirect_stdout(io.StringIO()):
                try:
                    main()
                except SystemExit:
                    pass
            result = sorted(m for m in fields[-1].split() if m in sys.modules)
"""
_SETUP = "import io\nfrom contextlib import redirect_stdout\nfrom tui_reader.cli.start import main"
ModulesLoaded = Callable[[list[str], list[str]], list[str]]


@pytest.fixture
def modules_loaded(tmp_path: Path) -> Iterator[ModulesLoaded]:
    """``modules_loaded(argv, modules)``: which of ``modules`` running ``tui-reader ARGV`` in
    a fresh interpreter (in ``tmp_path``, as the user's environment) loads."""
    with fresh_starts(_SETUP, _COMMAND, cwd=tmp_path, env=user_environment()) as run:
        yield lambda argv, modules: [run([*argv, " ".join(modules)])]


def test_the_list_of_commands_in_help_imports_no_command(modules_loaded: ModulesLoaded) -> None:
    """``tui-reader --help`` lists every command with its line of help, kept beside the
    command's name: it imported every command's module, and with them numpy, the converters,
    the exporters and the app's store (0.7 s of CPU where one command's help takes 0.15 s)."""
    heavy = [command.module for command in SUBCOMMANDS.values()]
    heavy += ["numpy", "tui_reader.ui", "tui_reader.core.documents.formats",
              "tui_reader.core.interchange", "tui_reader.core.store.annotation_store"]  # fmt: skip
    assert modules_loaded(["--help"], heavy) == ["[]"]


def test_commands_that_read_annotations_load_no_making_of_ids(
    db_copy: Path, tmp_path: Path, modules_loaded: ModulesLoaded
) -> None:
    """uuid (and platform, which it loads to read the system's name) is for new annotations:
    tags, list, search, coders, history and query loaded it with the annotations' model."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("one line about mexico\n", encoding="utf-8")
    db = str(db_copy)
    for argv in (
        ["tags", "--db", db],
        ["list", str(folder), "--db", db],
        ["search", "-l", "mexico", str(folder), "--db", db],
        ["coders", "--db", db],
        ["history", "--db", db],
        ["query", "actors", "--db", db],
    ):
        assert modules_loaded(argv, ["uuid", "platform"]) == ["[]"], argv


def test_the_help_of_agreement_loads_no_numpy(modules_loaded: ModulesLoaded) -> None:
    """numpy is for comparing coders: ``agreement --help`` loaded it (0.37 s of CPU where
    another command's help takes 0.15 s) with the units the help offers as choices."""
    assert modules_loaded(["agreement", "--help"], ["numpy"]) == ["[]"]


def test_the_formats_load_no_web_client(modules_loaded: ModulesLoaded) -> None:
    """The W3C format reads a ``file:`` IRI with urllib.request, which loads http.client,
    email and ssl: import and merge loaded them with the formats, their help too (export,
    which loads the formats as well, is checked alike)."""
    for argv in (["export", "--help"], ["import", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["http.client", "urllib.request"]) == ["[]"], argv


def test_reading_a_codebook_loads_no_terminal_colours(
    db_copy: Path, modules_loaded: ModulesLoaded
) -> None:
    """Rich's colours name a terminal's colours (bright_red, color(5)), which a codebook's
    colour seldom is: tags, and export's and merge's help, loaded them with the colours'
    module."""
    for argv in (["tags", "--db", str(db_copy)], ["export", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["rich.color"]) == ["[]"], argv


def test_the_help_of_import_and_merge_loads_no_xml_parser(modules_loaded: ModulesLoaded) -> None:
    """lxml reads an office document's or a REFI-QDA project's XML: import and merge loaded
    it with the module that opens such archives, their help too."""
    for argv in (["import", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["lxml.etree"]) == ["[]"], argv


def test_a_search_of_texts_kept_loads_no_archives_or_openssl(
    db_copy: Path, tmp_path: Path, modules_loaded: ModulesLoaded
) -> None:
    """Each argument argparse is given made a formatter that asked shutil for the terminal's
    width (shutil loads bz2 and lzma), and the name of the texts' cache was a SHA-1 from
    hashlib (which loads OpenSSL): 9 ms of CPU at every command's start, for a search whose
    texts are kept all of its work but a tenth."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("one line about mexico\n", encoding="utf-8")
    argv = ["search", "-l", "mexico", str(folder), "--db", str(db_copy)]
    modules_loaded(argv, [])  # its texts read and kept
    assert modules_loaded(argv, ["shutil", "_hashlib"]) == ["[]"]
    assert modules_loaded(["search", "--help"], ["shutil", "_hashlib"]) == ["[]"]


def test_a_first_search_loads_no_temporary_files_module(
    db_copy: Path, tmp_path: Path, modules_loaded: ModulesLoaded
) -> None:
    """A first search (no cache folder yet) wrote the cache folder's tag through tempfile,
    which loads random and shutil (with bz2 and lzma): 5 to 8 ms of CPU of a search that
    reads every file, where a new file of the cache's own is made without them."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("one line about mexico\n", encoding="utf-8")
    (folder / "b.md").write_text("# Notes\n\nMexico again.\n", encoding="utf-8")
    argv = ["search", "-il", "mexico", str(folder), "--db", str(db_copy)]
    modules = ["tempfile", "random", "shutil", "bz2", "lzma"]
    assert modules_loaded(argv, modules) == ["[]"]  # its texts read and kept
    assert texts_cache_path(db_copy, user_environment()).exists()
    assert modules_loaded(argv, modules) == ["[]"]  # read from them


# The app on a small text in a process of its own, Textual's test driver for a terminal: the
# modules asked about that it had loaded once the text was on its first screen.
_FIRST_SCREEN = """
import asyncio, sys
from pathlib import Path
from tui_reader.ui import kept_styles
from tui_reader.ui.app import ReaderApp
from tui_reader.ui.screens.main import MainScreen

async def main(folder: Path) -> None:
    app = ReaderApp(folder, folder / "annotations.json", folder / "a.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1200):
            screen = app.screen
            if isinstance(screen, MainScreen) and screen.reader.document is not None:
                break
            await pilot.pause(0.05)
        print(sorted(m for m in sys.argv[2:] if m in sys.modules))
    kept_styles.keep()  # as the command does: the next start reads them

asyncio.run(main(Path(sys.argv[1])))
"""


def test_the_first_screen_of_a_small_text_loads_no_openssl(tmp_path: Path) -> None:
    """hashlib loads OpenSSL's library for any digest (2.5 ms of CPU and 3.7 MB resident),
    and the first screen hashed a few kilobytes with it: the text, and the stylesheet's rules
    kept by the start before (the second start here reads them)."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("A title\n\nOne line about mexico.\n" * 40, encoding="utf-8")
    for _start in range(2):
        argv = [sys.executable, "-c", _FIRST_SCREEN, str(folder), "hashlib", "_hashlib"]
        done = subprocess.run(
            argv, capture_output=True, text=True, env=user_environment(), timeout=120, check=False
        )
        assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr
