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


class _TagsAction(argparse.Action):
    """``--tag T``: one value each time (so a PATH after it is never taken for a tag), given
    again or comma-separated for several."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        found = list(getattr(namespace, self.dest, None) or [])
        found.extend(part.strip() for part in str(values).split(",") if part.strip())
        setattr(namespace, self.dest, found)


def add_tag_argument(parser: argparse.ArgumentParser, help: str, required: bool = False) -> None:
    """``--tag T`` / ``-t T`` as every subcommand takes it: repeat it or separate tags by commas
    (``-t a -t b`` or ``-t a,b``)."""
    parser.add_argument(
        "--tag",
        "-t",
        action=_TagsAction,
        default=[],
        required=required,
        metavar="T",
        help=f"{help}; repeat it or separate by commas for several",
    )


def add_doc_argument(parser: argparse.ArgumentParser, help: str) -> None:
    """``--doc DOC``, one document each time (repeat it for several)."""
    parser.add_argument(
        "--doc", action="append", default=[], metavar="DOC", help=f"{help}; repeat for several"
    )


def fail(message: str, status: int = 2) -> int:
    """Print ``tui-reader: message`` to stderr and return ``status``."""
    print(f"tui-reader: {message}", file=sys.stderr)
    return status
