"""``tui-reader autocode PATTERN --tag T``: tag every hit of a text or regex across the corpus.

Like QualCoder's auto-coding: each hit (or the sentence / paragraph around it) becomes an
annotation with the tag; a passage annotated already gets the tag added instead of a duplicate.
Prints how many passages were coded.  Everything is saved in one durable step.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tui_reader.commands.annotate import add_document_arguments, find_document
from tui_reader.core.document import Document
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.formats.plain import paragraph_ranges
from tui_reader.core.model import Annotation, make_annotation, utc_now
from tui_reader.core.workspace import Workspace
from tui_reader.locations import resolve_db, resolve_target

HELP = "tag every hit of a text or regex pattern (or its sentence/paragraph); prints the count"
UNITS = ("match", "sentence", "paragraph")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pattern", metavar="PATTERN", help="text to find (or a regex with --regex)")
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
        help="code the match itself, or its whole sentence or paragraph",
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
    document: Document, hits: list[tuple[int, int]], unit: str
) -> list[tuple[int, int]]:
    """The passages to code for ``hits``: the hits, or the sentences/paragraphs that hold them
    (one passage per unit, in order)."""
    if unit == "match":
        return sorted(set(hits))
    units = (
        paragraph_ranges(document.text) if unit == "paragraph" else sentence_ranges(document.text)
    )
    chosen: dict[tuple[int, int], None] = {}
    for start, end in hits:
        covering = [(s, e) for s, e in units if s < end and start < e]
        if covering:
            chosen[(covering[0][0], covering[-1][1])] = None
        else:
            chosen[(start, end)] = None
    return sorted(chosen)


# Sentences end at . ! ? … (with closing quotes/brackets) followed by whitespace, or at a blank
# line.  A private splitter until core/textnav.py (reader branch) lands; see the report.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n[ \t]*\n""")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "no",
    "gen",
    "col",
    "lt",
    "sgt",
    "gov",
    "sen",
    "rep",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
}


def sentence_ranges(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text`` (outer whitespace trimmed)."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith("."):
            word = re.search(r"(\S+)$", text[pos : match.start()])
            token = word.group(1).lower().lstrip("(\"'“‘") if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue  # "Dr. Smith", "J. Doe"
        end = match.end() if not match.group().startswith("\n") else match.start()
        _add_trimmed(text, pos, end, ranges)
        pos = match.end()
    _add_trimmed(text, pos, len(text), ranges)
    return ranges


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))


def run(args: argparse.Namespace) -> int:
    pattern = compile_pattern(args.pattern, args.regex, args.ignore_case)
    target = resolve_target(args.path or args.corpus)
    if not target.corpus.is_dir():
        raise TuiReaderError(f"{target.corpus}: no such folder or file")
    workspace = Workspace(target.corpus, resolve_db(args.db))
    try:
        keys = _chosen_keys(workspace, args.doc, target.open_file)
        tags = tuple(dict.fromkeys(args.tag))
        changes: list[Annotation] = []
        for key in keys:
            try:
                document = workspace.document(key)
            except DocumentError as exc:
                print(f"tui-reader: {exc}", file=sys.stderr)
                continue
            hits = [
                (m.start(), m.end()) for m in pattern.finditer(document.text) if m.end() > m.start()
            ]
            existing = {(a.start, a.end): a for a in workspace.anchored(key)}
            for start, end in unit_ranges(document, hits, args.unit):
                old = existing.get((start, end))
                if old is None:
                    changes.append(
                        make_annotation(
                            key, document.text, start, end, document.sha256, tags, args.note
                        )
                    )
                elif not set(tags) <= set(old.tags):
                    merged = tuple(dict.fromkeys((*old.tags, *tags)))
                    changes.append(old.evolve(tags=merged, updated=utc_now()))
        workspace.store.put_many(changes)
    finally:
        workspace.store.close()
    print(len(changes))
    return 0


def _chosen_keys(workspace: Workspace, docs: list[str], open_file: Path | None) -> list[str]:
    if docs:
        paths = [find_document(doc, workspace.corpus, workspace.db) for doc in docs]
        return list(dict.fromkeys(workspace.key(path) for path in paths))
    if open_file is not None:
        return [workspace.key(open_file)]
    return workspace.keys()
