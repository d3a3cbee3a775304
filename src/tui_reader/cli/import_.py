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
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.reconcile import Reconciled, Verdict, reconcile_all
from tui_reader.core.interchange.w3c import parse as parse_w3c
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import document_path, resolve_db
from tui_reader.reading.highlights import excerpt

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
    if args.dry_run and not db.exists():  # nothing to merge with; create nothing
        verdicts = reconcile_all(annotations, lambda _id: None)
    else:
        with AnnotationStore(db) as store:
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


def parse_json(text: str, source: str) -> list[Annotation]:
    """The annotations of a ``tui-reader export --format json`` text (an array of records)."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        data = data["annotations"]
    if not isinstance(data, list):
        raise ImportFormatError(f"{source}: expected a JSON array of annotations")
    found = []
    for n, record in enumerate(data, 1):
        if not isinstance(record, dict):
            raise ImportFormatError(f"{source}: annotation {n} is not a JSON object")
        try:
            found.append(Annotation.from_record(record))
        except KeyError as exc:
            raise ImportFormatError(f"{source}: annotation {n} has no {exc.args[0]!r}") from exc
        except (TypeError, ValueError) as exc:
            raise ImportFormatError(f"{source}: annotation {n}: {exc}") from exc
    return found


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
