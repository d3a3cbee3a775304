"""``tui-reader autocode PATTERN --tag T``: tag every hit of a text or regex across the corpus.

Like QualCoder's auto-coding: each hit (or the sentence / paragraph / speaker turn around it)
becomes an annotation with the tag; a passage annotated already gets the tag added instead of a
duplicate.  ``--speaker P03`` keeps to that speaker's turns in transcripts (without a PATTERN:
codes every turn of the speaker).  Sentence, paragraph and turn units leave a turn's speaker
label and timestamp out.  Prints how many passages were coded.  Everything is saved in one
durable step.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from tui_reader.cli.annotate import add_document_arguments, find_document
from tui_reader.core.annotations.model import AnchorStatus, Annotation, make_annotation, utc_now
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.turns import Turn, body_range, turn_at
from tui_reader.core.documents.units import paragraph_range, sentence_range
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.workspace import Workspace
from tui_reader.locations import resolve_db, resolve_target

HELP = (
    "tag every hit of a text or regex pattern (or its sentence/paragraph/turn), or every turn "
    "of a --speaker; prints the count"
)
UNITS = ("match", "sentence", "paragraph", "turn")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pattern",
        nargs="?",
        metavar="PATTERN",
        help="text to find (or a regex with --regex); optional with --speaker",
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="corpus folder or one file")
    add_document_arguments(parser)
    parser.add_argument(
        "--tag",
        "-t",
        action="extend",
        nargs="+",
        required=True,
        metavar="T",
        help="tag(s) to apply",
    )
    parser.add_argument("--regex", "-r", action="store_true", help="PATTERN is a Python regex")
    parser.add_argument("--ignore-case", "-i", action="store_true", help="match case-insensitively")
    parser.add_argument(
        "--doc",
        action="extend",
        nargs="+",
        default=[],
        metavar="DOC",
        help="only these documents (paths, or relative to the corpus)",
    )
    parser.add_argument(
        "--unit",
        choices=UNITS,
        default="match",
        help="code the match itself, or its whole sentence, paragraph or speaker turn",
    )
    parser.add_argument(
        "--speaker",
        metavar="NAME",
        help="only turns of this speaker in transcripts (e.g. P03); alone: every such turn",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="note for new annotations")


def compile_pattern(pattern: str, regex: bool, ignore_case: bool) -> re.Pattern[str]:
    if not pattern:
        raise TuiReaderError("the pattern is empty")
    flags = re.IGNORECASE if ignore_case else 0
    try:
        return re.compile(pattern if regex else re.escape(pattern), flags)
    except re.error as exc:
        raise TuiReaderError(f"bad regex {pattern!r}: {exc}") from exc


def unit_ranges(
    text: str, hits: list[tuple[int, int]], unit: str, turns: Sequence[Turn] = ()
) -> list[tuple[int, int]]:
    """The passages to code for ``hits`` (code points, half-open): the hits themselves, or the
    sentences / paragraphs / speaker turns that hold them (one passage per unit, sorted).  A
    unit never includes a turn's speaker label or timestamp."""
    if unit == "match":
        return sorted(set(hits))
    chosen: set[tuple[int, int]] = set()
    for start, end in hits:
        if unit == "turn":
            turn = turn_at(turns, start)
            if turn is not None and turn.body < turn.end:
                chosen.add((turn.body, turn.end))
            continue
        boundary = paragraph_range if unit == "paragraph" else sentence_range
        first, last = boundary(text, start), boundary(text, max(start, end - 1))
        lo, hi = min(first[0], start), max(last[1], end)
        lo, hi = body_range(turns, lo, hi)
        hi = lo + len(text[lo:hi].rstrip())  # the space after a sentence is not coded
        chosen.add((lo, hi))
    return sorted(chosen)


def run(args: argparse.Namespace) -> int:
    if args.pattern is None and not args.speaker:
        raise TuiReaderError("give a PATTERN to find, or --speaker NAME to code every turn")
    pattern = (
        compile_pattern(args.pattern, args.regex, args.ignore_case)
        if args.pattern is not None
        else None
    )
    unit = "turn" if pattern is None else args.unit
    target = resolve_target(args.path or args.corpus)
    if not target.corpus.is_dir():
        raise TuiReaderError(f"{target.corpus}: no such folder or file")
    workspace = Workspace(target.corpus, resolve_db(args.db))
    try:
        keys = _chosen_keys(workspace, args.doc, target.open_file)
        tags = tuple(dict.fromkeys(args.tag))
        created: list[Annotation] = []
        retagged: list[tuple[Annotation, Annotation]] = []
        for key in keys:
            try:
                document = workspace.document(key)
            except DocumentError as exc:
                print(f"tui-reader: {exc}", file=sys.stderr)
                continue
            hits = _hits(document, pattern, args.speaker)
            existing = {
                (a.start, a.end): a
                for a in workspace.anchored(key)
                if a.status is not AnchorStatus.ORPHAN
            }
            for start, end in unit_ranges(document.text, hits, unit, document.turns):
                old = existing.get((start, end))
                if old is None:
                    created.append(
                        make_annotation(
                            key, document.text, start, end, document.sha256, tags, args.note
                        )
                    )
                elif not set(tags) <= set(old.tags):
                    merged = tuple(dict.fromkeys((*old.tags, *tags)))
                    retagged.append((old, old.evolve(tags=merged, updated=utc_now())))
        workspace.store.put_many(created)
        coded = len(created) + len(workspace.store.replace_if_unchanged(retagged))
    finally:
        workspace.store.close()
    print(coded)
    return 0


def _hits(
    document: Document, pattern: re.Pattern[str] | None, speaker: str | None
) -> list[tuple[int, int]]:
    """Where ``pattern`` matches (within ``speaker``'s turns when given); without a pattern,
    the body of each of ``speaker``'s turns."""
    turns = [t for t in document.turns if speaker is None or t.speaker == speaker]
    if pattern is None:
        return [(t.body, t.end) for t in turns if t.end > t.body]
    found = [(m.start(), m.end()) for m in pattern.finditer(document.text) if m.end() > m.start()]
    if speaker is None:
        return found
    kept = []
    for start, end in found:
        turn = turn_at(document.turns, start)
        if turn is not None and turn.speaker == speaker and turn.body <= start and end <= turn.end:
            kept.append((start, end))
    return kept


def _chosen_keys(workspace: Workspace, docs: list[str], open_file: Path | None) -> list[str]:
    if docs:
        paths = [find_document(doc, workspace.corpus, workspace.db) for doc in docs]
        return list(dict.fromkeys(workspace.key(path) for path in paths))
    if open_file is not None:
        return [workspace.key(open_file)]
    return workspace.keys()
