"""``tui-reader list``: the documents of a corpus, one per line (or JSON)."""

from __future__ import annotations

import argparse
import json
import sys

from tui_reader.cli.common import add_location_arguments, resolve_locations
from tui_reader.core.display import shown
from tui_reader.core.documents.corpus import list_corpus_files
from tui_reader.core.documents.document import load_document
from tui_reader.core.documents.formats import FORMAT_LABELS
from tui_reader.core.errors import DocumentError
from tui_reader.locations import db_sidecars

HELP = (
    "list the documents of the corpus (path, title, words, format, pages); unreadable files "
    "on stderr"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead")


def run(args: argparse.Namespace) -> int:
    target, db = resolve_locations(args)
    files = list_corpus_files(target.corpus, exclude=(db, *db_sidecars(db)))
    rows: list[dict[str, object]] = []
    for file in files:
        try:
            doc = load_document(file.path)
        except DocumentError as exc:
            print(f"tui-reader: {shown(file.rel)}: {shown(exc.reason)}", file=sys.stderr)
            continue
        rows.append(
            {
                "path": file.rel,
                "title": doc.title,
                "words": doc.words,
                "sha256": doc.sha256,
                "encoding": doc.encoding,
                "format": doc.format,
                "pages": len(doc.pages) or None,
                "metadata": dict(doc.metadata),
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{shown(row['path'])}\t{shown(row['title'])}\t{shown(_facts(row))}")
    return 0


def _facts(row: dict[str, object]) -> str:
    """``1173 words``, and for converted formats ``5230 words · PDF · 105 pages``."""
    facts = [f"{row['words']} words"]
    if row["format"] not in ("text", "markdown"):
        facts.append(FORMAT_LABELS.get(str(row["format"]), str(row["format"])))
    if row["pages"]:
        facts.append(f"{row['pages']} pages" if row["pages"] != 1 else "1 page")
    return " · ".join(facts)
