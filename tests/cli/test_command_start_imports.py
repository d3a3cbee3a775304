"""What a command loads before its work: the modules of what it does not do are left out
(each costs every run of the command, in a script's loop too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers.hostile import user_environment

from tui_reader.cli.main import SUBCOMMANDS


def modules_loaded(argv: list[str], modules: list[str], cwd: Path) -> list[str]:
    """Which of ``modules`` running ``tui-reader ARGV`` in a fresh interpreter loads."""
    code = (
        "import io, sys\n"
        "from contextlib import redirect_stdout\n"
        "from tui_reader.cli.start import main\n"
        f"sys.argv = ['tui-reader', *{argv!r}]\n"
        "with redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {modules!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=cwd, env=user_environment(),
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.startswith("[")][-1:]


def test_the_list_of_commands_in_help_imports_no_command(tmp_path: Path) -> None:
    """``tui-reader --help`` lists every command with its line of help, kept beside the
    command's name: it imported every command's module, and with them numpy, the converters,
    the exporters and the app's store (0.7 s of CPU where one command's help takes 0.15 s)."""
    heavy = [command.module for command in SUBCOMMANDS.values()]
    heavy += ["numpy", "tui_reader.ui", "tui_reader.core.documents.formats",
              "tui_reader.core.interchange", "tui_reader.core.store.annotation_store"]  # fmt: skip
    assert modules_loaded(["--help"], heavy, tmp_path) == ["[]"]


def test_commands_that_read_annotations_load_no_making_of_ids(
    db_copy: Path, tmp_path: Path
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
        assert modules_loaded(argv, ["uuid", "platform"], tmp_path) == ["[]"], argv


def test_the_help_of_agreement_loads_no_numpy(tmp_path: Path) -> None:
    """numpy is for comparing coders: ``agreement --help`` loaded it (0.37 s of CPU where
    another command's help takes 0.15 s) with the units the help offers as choices."""
    assert modules_loaded(["agreement", "--help"], ["numpy"], tmp_path) == ["[]"]


def test_the_formats_load_no_web_client(tmp_path: Path) -> None:
    """The W3C format reads a ``file:`` IRI with urllib.request, which loads http.client,
    email and ssl: import and merge loaded them with the formats, their help too (export,
    which loads the formats as well, is checked alike)."""
    for argv in (["export", "--help"], ["import", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["http.client", "urllib.request"], tmp_path) == ["[]"], argv


def test_reading_a_codebook_loads_no_terminal_colours(db_copy: Path, tmp_path: Path) -> None:
    """Rich's colours name a terminal's colours (bright_red, color(5)), which a codebook's
    colour seldom is: tags, and export's and merge's help, loaded them with the colours'
    module."""
    for argv in (["tags", "--db", str(db_copy)], ["export", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["rich.color"], tmp_path) == ["[]"], argv


def test_the_help_of_import_and_merge_loads_no_xml_parser(tmp_path: Path) -> None:
    """lxml reads an office document's or a REFI-QDA project's XML: import and merge loaded
    it with the module that opens such archives, their help too."""
    for argv in (["import", "--help"], ["merge", "--help"]):
        assert modules_loaded(argv, ["lxml.etree"], tmp_path) == ["[]"], argv


def test_a_search_of_texts_kept_loads_no_archives_or_openssl(db_copy: Path, tmp_path: Path) -> None:
    """Each argument argparse is given made a formatter that asked shutil for the terminal's
    width (shutil loads bz2 and lzma), and the name of the texts' cache was a SHA-1 from
    hashlib (which loads OpenSSL): 9 ms of CPU at every command's start, for a search whose
    texts are kept all of its work but a tenth."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("one line about mexico\n", encoding="utf-8")
    argv = ["search", "-l", "mexico", str(folder), "--db", str(db_copy)]
    modules_loaded(argv, [], tmp_path)  # its texts read and kept
    assert modules_loaded(argv, ["shutil", "_hashlib"], tmp_path) == ["[]"]
    assert modules_loaded(["search", "--help"], ["shutil", "_hashlib"], tmp_path) == ["[]"]
