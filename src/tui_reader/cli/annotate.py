"""``tui-reader annotate DOC``: add one annotation from the command line and print its id."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tui_reader.cli.common import add_tag_argument
from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.workspace import Workspace
from tui_reader.locations import resolve_db, resolve_target

HELP = "add an annotation to a document (by quote or by offsets) and print its id"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc", metavar="DOC", help="the document (path, or relative to the corpus)")
    add_document_arguments(parser)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the exact passage to annotate")
    where.add_argument("--start", type=int, metavar="S", help="first code point of the passage")
    parser.add_argument("--end", type=int, metavar="E", help="code point after the passage")
    parser.add_argument(
        "--occurrence", type=int, metavar="N", help="which occurrence of --quote (1 = first)"
    )
    add_tag_argument(parser, "tag to apply (new ones join the codebook)")
    parser.add_argument(
        "--note", default="", metavar="TEXT", help="a note (Markdown); '-' reads it from stdin"
    )


def add_document_arguments(parser: argparse.ArgumentParser) -> None:
    """``--db FILE`` and ``--corpus PATH`` (the corpus, as the app's PATH)."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $TUI_READER_DB, else ./annotations.json)",
    )
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        help="corpus folder DOC is relative to (default: "
        "$TUI_READER_CORPUS, ./docs_corpus, else the sample corpus)",
    )


def open_workspace(args: argparse.Namespace, doc: str | None = None) -> tuple[Workspace, Path]:
    """The workspace the arguments name and, when ``doc`` is given, the document's path.

    ``doc`` is tried as a path (relative to the working folder), then relative to the
    corpus, then as a document key (relative to the database's folder)."""
    target = resolve_target(args.corpus)
    db = resolve_db(args.db)
    path = None if doc is None else find_document(doc, target.corpus, db)
    corpus = target.corpus
    if path is not None and not path.is_relative_to(corpus):
        corpus = path.parent
    if not corpus.is_dir():
        raise TuiReaderError(f"{corpus}: no such folder")
    return Workspace(corpus, db), path if path is not None else corpus


def find_document(doc: str, corpus: Path, db: Path) -> Path:
    """The file ``doc`` names: a path (relative to the working folder), else relative to the
    corpus, else a document key (relative to the database's folder)."""
    candidates = [Path(doc).expanduser(), corpus / doc, db.parent / doc]
    path = next((c.resolve() for c in candidates if c.is_file()), None)
    if path is None:
        raise TuiReaderError(f"{doc}: no such document (looked in . and {corpus})")
    return path


def find_quote(document: Document, quote: str, occurrence: int | None) -> tuple[int, int]:
    """``[start, end)`` of ``quote`` in the document (exact, else with any run of whitespace
    matching any other); ambiguity without ``occurrence`` is an error."""
    if not quote.strip():
        raise TuiReaderError("the quote is empty")
    hits = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), document.text)]
    if not hits:
        words = [re.escape(w) for w in quote.split()]
        flexible = re.compile(r"\s+".join(words))
        hits = [(m.start(), m.end()) for m in flexible.finditer(document.text)]
    name = document.path.name
    if not hits:
        raise TuiReaderError(f"{name}: quote not found: {quote!r}")
    if occurrence is None:
        if len(hits) > 1:
            raise TuiReaderError(
                f"{name}: the quote occurs {len(hits)} times; "
                f"choose one with --occurrence 1..{len(hits)}"
            )
        return hits[0]
    if not 1 <= occurrence <= len(hits):
        raise TuiReaderError(
            f"{name}: --occurrence {occurrence} out of range (the quote occurs {len(hits)} times)"
        )
    return hits[occurrence - 1]


def read_note(note: str) -> str:
    """The note text: as given, or standard input for ``-`` (trailing newlines dropped)."""
    return sys.stdin.read().rstrip("\n") if note == "-" else note


def run(args: argparse.Namespace) -> int:
    workspace, path = open_workspace(args, args.doc)
    try:
        key = workspace.key(path)
        document = workspace.document(key)
        if args.quote is not None:
            start, end = find_quote(document, args.quote, args.occurrence)
        else:
            if args.end is None:
                raise TuiReaderError("--start needs --end")
            if args.occurrence is not None:
                raise TuiReaderError("--occurrence goes with --quote")
            start, end = args.start, args.end
            if not 0 <= start < end <= len(document.text):
                raise TuiReaderError(
                    f"{path.name}: bad range [{start}, {end}): the text has "
                    f"{len(document.text)} code points"
                )
        annotation = make_annotation(
            key, document.text, start, end, document.sha256, tuple(args.tag), read_note(args.note)
        )
        workspace.store.add(annotation)
    finally:
        workspace.store.close()
    print(annotation.id)
    return 0
