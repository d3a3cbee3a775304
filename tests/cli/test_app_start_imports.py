"""Starting the app parses its options without importing any subcommand's module (some load
heavy libraries: numpy for agreement, converters for formats)."""

from __future__ import annotations

import subprocess
import sys


def test_parsing_the_app_options_imports_no_subcommand() -> None:
    code = (
        "import sys\n"
        "from tui_reader.cli.main import SUBCOMMANDS, _app_parser\n"
        "_app_parser().parse_args(['somewhere'])\n"
        "print(sorted(m for m in SUBCOMMANDS.values() if m in sys.modules))\n"
        "print('numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "False"]


def test_help_still_lists_every_subcommand() -> None:
    from tui_reader.cli.main import SUBCOMMANDS, _app_parser

    text = _app_parser().format_help()
    for name in SUBCOMMANDS:
        assert f"  {name} " in text


def test_the_app_starts_without_numpy() -> None:
    """numpy (agreement between coders) loads when coders are compared, not at start."""
    code = "import sys\nimport tui_reader.ui.app\nprint('numpy' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
