"""``tui-reader import``: bring annotations back from a W3C Web Annotation or JSON export.

Annotations merge by id: one already in the database is replaced by the imported version
(unless they are equal), a new one is added; importing the same file twice adds nothing.
Tags the codebook lacks join it.  Positions are re-anchored the next time the document is
opened or exported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_reader.cli.common import add_db_argument, add_format_argument
from tui_reader.core.errors import ImportFormatError, TuiReaderError
from tui_reader.core.interchange.import_schema import check_ids
from tui_reader.core.interchange.importing import FORMATS, read_annotations
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_path, resolve_db

HELP = "import annotations from a W3C Web Annotation or JSON export (merged by id)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    add_format_argument(parser, FORMATS, "the file's format (default: guessed from its content)")
    add_db_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )


def run(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise TuiReaderError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path}: not UTF-8 text") from exc
    annotations = read_annotations(text, path, args.format)
    db = resolve_db(args.db)
    if args.dry_run and not db.exists():
        changed, new = annotations, len(annotations)  # nothing to merge with; create nothing
    else:
        with AnnotationStore(db) as store:
            check_ids(annotations, store.get, str(path))
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
