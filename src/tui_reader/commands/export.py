"""``tui-reader export``: the annotations, re-anchored against the current documents, as
Markdown (the default), JSON, CSV, W3C Web Annotation or REFI-QDA.

Formats are registered in :data:`tui_reader.core.export.FORMATS`; this module selects the
annotations, loads their documents, renders and writes (stdout, or a file written atomically,
never replacing an existing file without ``--force``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tui_reader.commands.common import add_location_arguments, resolve_locations
from tui_reader.core.document import Document
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.export import (
    FORMATS,
    ExportOptions,
    get_format,
    is_orphan,
    select_annotations,
)
from tui_reader.core.model import Annotation
from tui_reader.core.workspace import Workspace

HELP = "export annotations as Markdown (default), json, csv, w3c, qdpx or qdc"
DEFAULT_FORMAT = "markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument(
        "--format",
        "-f",
        choices=list(FORMATS),
        default=DEFAULT_FORMAT,
        help="output format (default: markdown): "
        + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
    )
    parser.add_argument(
        "--by",
        choices=("document", "tag"),
        default="document",
        help="Markdown: a section per document (default) or per tag",
    )
    parser.add_argument(
        "--tag",
        action="extend",
        nargs="+",
        default=[],
        metavar="T",
        help="only annotations with tag T (or a tag under it: 'policy' takes 'policy/border')",
    )
    parser.add_argument(
        "--doc",
        action="extend",
        nargs="+",
        default=[],
        metavar="DOC",
        help="only annotations of document DOC (a path, or the name shown by 'tui-reader list')",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE when it exists already")


def run(args: argparse.Namespace) -> int:
    export_format = get_format(args.format)
    output = Path(args.output).expanduser() if args.output else None
    if output is not None and output.exists() and not args.force:
        raise TuiReaderError(f"{output} exists; add --force to replace it")
    if output is None and export_format.binary and sys.stdout.isatty():
        raise TuiReaderError(
            f"{export_format.name} is a binary file; write it with -o FILE{export_format.extension}"
        )
    target, db = resolve_locations(args)
    workspace = Workspace(target.corpus, db)
    try:
        if workspace.store.read_only:
            print(
                f"tui-reader: {db} is read-only; re-anchored positions are not saved",
                file=sys.stderr,
            )
        doc_keys = [resolve_document(workspace, name) for name in args.doc]
        annotations = select_annotations(workspace.all_anchored(), args.tag, doc_keys)
        for problem in [*workspace.store.problems, *workspace.problems]:
            print(f"tui-reader: {problem}", file=sys.stderr)
        documents = load_documents(workspace, annotations)
        tags = workspace.store.tags()
    finally:
        workspace.store.close()
    options = ExportOptions(
        by=args.by,
        project_name=target.corpus.name or "tui-reader annotations",
        scope=describe_scope(args.tag, doc_keys),
    )
    data = export_format.render(annotations, documents, tags, options)
    report_left_out(export_format.name, annotations, documents)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is not None:
        write_atomically(output, payload)
        print(f"tui-reader: wrote {len(annotations)} annotations to {output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    return 0


def resolve_document(workspace: Workspace, name: str) -> str:
    """The document key ``name`` means: a key, a path to a file, or a unique file name."""
    known = set(workspace.keys()) | set(workspace.store.documents())
    if name in known:
        return name
    path = Path(name).expanduser()
    if path.exists():
        key = workspace.key(path)
        if key in known:
            return key
    matches = sorted(k for k in known if k.rsplit("/", 1)[-1] == name or k.endswith("/" + name))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise TuiReaderError(f"--doc {name}: ambiguous, could be {', '.join(matches)}")
    raise TuiReaderError(f"--doc {name}: no such document in the corpus or the database")


def load_documents(workspace: Workspace, annotations: Sequence[Annotation]) -> dict[str, Document]:
    """The documents the annotations lie in; one that cannot be read is left out (its
    annotations export as orphans)."""
    documents: dict[str, Document] = {}
    for key in dict.fromkeys(a.document for a in annotations):
        try:
            documents[key] = workspace.document(key)
        except DocumentError as exc:
            print(f"tui-reader: {exc}", file=sys.stderr)
    return documents


def describe_scope(tags: Sequence[str], documents: Sequence[str]) -> str:
    parts = []
    if tags:
        parts.append("tags " + ", ".join(tags))
    if documents:
        parts.append("documents " + ", ".join(documents))
    return "; ".join(parts)


def report_left_out(
    name: str, annotations: Sequence[Annotation], documents: dict[str, Document]
) -> None:
    orphans = [a for a in annotations if is_orphan(a, documents)]
    if not orphans:
        return
    if name == "qdpx":
        print(
            f"tui-reader: {len(orphans)} orphaned annotations left out of the project "
            "(their passage is not in the current text); export markdown or json to keep them",
            file=sys.stderr,
        )
    else:
        print(f"tui-reader: {len(orphans)} annotations are orphaned (marked so)", file=sys.stderr)


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
