"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_reader.core.errors import TuiReaderError
from tui_reader.locations import Target, resolve_db, resolve_target


def add_location_arguments(parser: argparse.ArgumentParser) -> None:
    """``[PATH]`` (corpus folder or one file) and ``--db FILE``, as the app takes them."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="corpus folder, or one file to open (default: $TUI_READER_CORPUS, ./docs_corpus, "
        "else the sample corpus)",
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $TUI_READER_DB, else ./annotations.json)",
    )


def resolve_locations(args: argparse.Namespace) -> tuple[Target, Path]:
    """The corpus target and database path the arguments name; checks the corpus exists."""
    target = resolve_target(args.path)
    if not target.corpus.is_dir():
        raise TuiReaderError(f"{target.corpus}: no such folder or file")
    return target, resolve_db(args.db)


def fail(message: str, status: int = 2) -> int:
    """Print ``tui-reader: message`` to stderr and return ``status``."""
    print(f"tui-reader: {message}", file=sys.stderr)
    return status
