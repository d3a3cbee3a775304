"""``tui-reader import``: bring annotations back from a W3C Web Annotation or JSON export.

Annotations merge by id: one already in the database is replaced by the imported version
(unless they are equal), a new one is added; importing the same file twice adds nothing.
Tags the codebook lacks join it.  Positions are re-anchored the next time the document is
opened or exported.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui_reader.cli.common import add_coder_argument, coder_of
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.json import parse as parse_json
from tui_reader.core.interchange.w3c import parse as parse_w3c
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_path, resolve_db

HELP = "import annotations from a W3C Web Annotation or JSON export (merged by id)"
FORMATS = ("w3c", "json")


class ImportFormatError(TuiReaderError):
    """A file to import is not in the format it should be."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="the file's format (default: guessed from its content)",
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $TUI_READER_DB, else ./annotations.json)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    add_coder_argument(parser, "imported annotations that name none")


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise TuiReaderError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path}: not UTF-8 text") from exc
    fmt = args.format or guess_format(text, path)
    annotations = parse_w3c(text, str(path)) if fmt == "w3c" else parse_json(text, str(path))
    # The last of several records with one id wins, as a later edit would.
    annotations = list({a.id: normalize(a) for a in annotations}.values())
    db = resolve_db(args.db)
    if args.dry_run and not db.exists():
        changed, new = annotations, len(annotations)  # nothing to merge with; create nothing
    else:
        with AnnotationStore(db, coder=coder_of(args)) as store:
            annotations = [store.stamped(a) for a in annotations]
            changed = [a for a in annotations if store.get(a.id) != a]
            new = sum(store.get(a.id) is None for a in changed)
            if changed and not args.dry_run:
                store.put_many(changed)
    missing = sorted(
        {a.document for a in annotations if not document_path(a.document, db).is_file()}
    )
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        print(
            f"tui-reader: no file for {len(missing)} document(s) beside {db} ({shown}); "
            "their annotations show as orphans until the files are there",
            file=sys.stderr,
        )
    verb = "would import" if args.dry_run else "imported"
    unchanged = len(annotations) - len(changed)
    print(
        f"tui-reader: {verb} {len(annotations)} annotations from {path}: {new} new, "
        f"{len(changed) - new} updated, {unchanged} unchanged",
        file=sys.stderr,
    )
    return 0


def guess_format(text: str, path: Path) -> str:
    """``w3c`` for JSON-LD annotations, ``json`` for an array of tui-reader records."""
    if path.suffix.lower() == ".jsonld":
        return "w3c"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, dict) and ("type" in first or "@context" in first):
        return "w3c"
    return "json"


def normalize(annotation: Annotation) -> Annotation:
    """Tag names as the store takes them (no empty parts, no spaces around parts); a range
    that cannot be right is left for re-anchoring by its quote."""
    tags = []
    for tag in annotation.tags:
        name = "/".join(part.strip() for part in tag.split("/") if part.strip())
        if name and name not in tags:
            tags.append(name)
    changes: dict[str, Any] = {"tags": tuple(tags)}
    if not 0 <= annotation.start < annotation.end:
        changes.update(start=0, end=max(1, len(annotation.quote)), status=AnchorStatus.ORPHAN)
    return annotation.evolve(**changes)
