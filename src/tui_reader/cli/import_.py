"""``tui-reader import``: bring annotations back from a W3C Web Annotation or JSON export.

Annotations merge by id, newer wins (:mod:`tui_reader.core.interchange.reconcile`): a new one
is added, one that is newer than ours replaces it, an older copy of ours is skipped, and when
both sides changed ours stays and theirs is reported.  Importing the same file twice adds
nothing; an import is one step of the history (``tui-reader undo`` takes it back).  Tags the
codebook lacks join it.  Positions are re-anchored the next time the document is opened or
exported.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tui_reader.cli.common import (
    add_coder_argument,
    add_db_argument,
    add_format_argument,
    coder_of,
)
from tui_reader.core.errors import ImportFormatError, TuiReaderError
from tui_reader.core.interchange.import_schema import check_ids
from tui_reader.core.interchange.importing import FORMATS, read_annotations
from tui_reader.core.interchange.reconcile import Reconciled, Verdict, reconcile_all
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_path, resolve_db
from tui_reader.reading.highlights import excerpt

HELP = "import annotations from a W3C Web Annotation or JSON export (merged by id)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    add_format_argument(parser, FORMATS, "the file's format (default: guessed from its content)")
    add_db_argument(parser)
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
    annotations = read_annotations(text, path, args.format)
    db = resolve_db(args.db)
    if args.dry_run and not db.exists():  # nothing to merge with; create nothing
        verdicts = reconcile_all(annotations, lambda _id: None)
    else:
        with AnnotationStore(db, coder=coder_of(args)) as store:
            annotations = [store.stamped(a) for a in annotations]
            check_ids(annotations, store.get, str(path))
            verdicts = reconcile_all(annotations, store.get, store.past_versions)
            chosen = [v.incoming for v in verdicts if v.writes]
            if chosen and not args.dry_run:
                store.put_many(chosen, label=f"import {path.name}")
    if args.dry_run:
        for verdict in verdicts:
            print(_listing(verdict))
    for verdict in verdicts:
        if verdict.verdict is Verdict.CONFLICT:
            print(f"tui-reader: {_conflict(verdict)}", file=sys.stderr)
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
    counts = Counter(v.verdict for v in verdicts)
    verb = "would import" if args.dry_run else "imported"
    print(
        f"tui-reader: {verb} {len(annotations)} annotations from {path}: "
        f"{counts[Verdict.ADD]} new, {counts[Verdict.UPDATE]} updated, "
        f"{counts[Verdict.UNCHANGED]} unchanged, {counts[Verdict.OLDER]} older than ours "
        f"(skipped), {counts[Verdict.CONFLICT]} changed on both sides (ours kept)",
        file=sys.stderr,
    )
    return 0


_ACTIONS = {
    Verdict.ADD: "add",
    Verdict.UPDATE: "update",
    Verdict.UNCHANGED: "unchanged",
    Verdict.OLDER: "skip (older)",
    Verdict.CONFLICT: "conflict (ours kept)",
}


def _listing(verdict: Reconciled) -> str:
    """One line of ``--dry-run``: what would happen, the id, the document and the passage."""
    a = verdict.incoming
    return f"{_ACTIONS[verdict.verdict]}\t{a.id}\t{a.document}\t{excerpt(a.quote, 60)}"


def _conflict(verdict: Reconciled) -> str:
    ours, theirs = verdict.stored, verdict.incoming
    assert ours is not None
    differs = ours.note != theirs.note
    return (
        f"changed on both sides, ours kept: “{excerpt(ours.quote, 40)}” in {ours.document} "
        f"(ours {ours.updated}: {', '.join(ours.tags) or 'no tags'}; theirs {theirs.updated}: "
        f"{', '.join(theirs.tags) or 'no tags'}{'; its note differs' if differs else ''})"
    )
