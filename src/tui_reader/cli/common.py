"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_reader.core.errors import TuiReaderError
from tui_reader.locations import Target, resolve_coder, resolve_db, resolve_target


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


def add_coder_argument(parser: argparse.ArgumentParser, what: str = "new annotations") -> None:
    """``--coder NAME``: who is coding."""
    parser.add_argument(
        "--coder",
        metavar="NAME",
        help=f"the coder of {what} (default: $TUI_READER_CODER, else your login name)",
    )


def coder_of(args: argparse.Namespace) -> str:
    """The coder the arguments name (``--coder``, else ``$TUI_READER_CODER``, else the login)."""
    return resolve_coder(getattr(args, "coder", None))


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
