"""``tui-reader export``: every annotation, re-anchored against the current documents.

Formats are registered in :data:`FORMATS` (name -> function of the workspace and its
re-anchored annotations); adding a format is adding one entry.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tui_reader.commands.common import add_location_arguments, resolve_locations
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.export.json import export_json
from tui_reader.core.model import Annotation
from tui_reader.core.workspace import Workspace

HELP = "export every annotation (re-anchored against the current documents)"

Exporter = Callable[[Workspace, list[Annotation]], str | bytes]

FORMATS: dict[str, Exporter] = {
    "json": lambda workspace, annotations: export_json(annotations),
}
DEFAULT_FORMAT = "json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument(
        "--format", "-f", choices=sorted(FORMATS), default=DEFAULT_FORMAT, help="output format"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )


def run(args: argparse.Namespace) -> int:
    target, db = resolve_locations(args)
    workspace = Workspace(target.corpus, db)
    try:
        if workspace.store.read_only:
            print(
                f"tui-reader: {db} is read-only; re-anchored positions are not saved",
                file=sys.stderr,
            )
        annotations = workspace.all_anchored()
        for problem in [*workspace.store.problems, *workspace.problems]:
            print(f"tui-reader: {problem}", file=sys.stderr)
        output = FORMATS[args.format](workspace, annotations)
    finally:
        workspace.store.close()
    data = output.encode("utf-8") if isinstance(output, str) else output
    if args.output:
        write_atomically(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file and a rename: never a half-written file."""
    path = path.expanduser().absolute()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise TuiReaderError(f"{path}: cannot write ({exc.strerror})") from exc
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise TuiReaderError(f"{path}: cannot write ({exc.strerror})") from exc
