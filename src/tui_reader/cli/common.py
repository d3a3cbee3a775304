"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tui_reader.core.display import shown_block
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
    print(f"tui-reader: {shown_block(message)}", file=sys.stderr)
    return status


class GatedStream:
    """A text stream whose every write passes the display gate (line breaks and tabs kept):
    the net under every message a subcommand prints to stderr, whatever it quotes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(shown_block(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def gated_stderr() -> Iterator[None]:
    """Route ``sys.stderr`` through :class:`GatedStream` while the block runs."""
    original = sys.stderr
    sys.stderr = GatedStream(original)
    try:
        yield
    finally:
        sys.stderr = original
