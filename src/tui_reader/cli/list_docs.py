"""``tui-reader list``: the documents of a corpus, one per line (or JSON)."""

from __future__ import annotations

import argparse
import sys

from tui_reader.cli.common import (
    add_location_arguments,
    not_a_document,
    resolve_locations,
    say_problems,
)
from tui_reader.cli.progress import progress_bar
from tui_reader.core.display import shown, shown_json
from tui_reader.core.documents.catalog import scan_facts
from tui_reader.core.documents.corpus import keyed_files, list_corpus_files
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.facts import DocumentFacts
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.formats import FORMAT_LABELS
from tui_reader.locations import document_path, facts_cache_path, not_documents

HELP = (
    "list the documents of the corpus (path, title, words, format, pages); unreadable files, "
    "and what could not be read of a file read in part, on stderr (exit 2 when a document "
    "could not be read)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead")


def run(args: argparse.Namespace) -> int:
    target, db = resolve_locations(args)
    unreadable: list[str] = []
    files = list_corpus_files(target.corpus, exclude=not_documents(db), unreadable=unreadable)
    if target.open_file is not None:  # that document alone (its folder's were listed)
        files = [f for f in files if f.path == target.open_file and f.format]
        if not files:
            raise not_a_document(target.open_file)
        unreadable = []
    for problem in unreadable:
        print(f"tui-reader: {problem}", file=sys.stderr)
    keyed = keyed_files(files, db)
    rel = {key: file.rel for key, file in keyed}
    # The app's facts cache, shared: a second listing reads no document that did not change.
    cache = FactsCache(facts_cache_path(db))

    def load(key: str) -> Document:
        return load_document(document_path(key, db))

    found: dict[str, DocumentFacts | str] = {}
    with progress_bar("Reading documents", len(keyed)) as advance:
        for key, facts in scan_facts(keyed, cache, load, exact=True):
            found[key] = facts
            advance()
    cache.save()
    rows: list[dict[str, object]] = []
    failed = bool(unreadable)  # a folder not read
    for key, file in keyed:
        if key not in found:
            continue
        facts = found[key]
        if isinstance(facts, str):
            print(f"tui-reader: {shown(rel[key])}: {shown(facts)}", file=sys.stderr)
            failed = failed or bool(file.format)  # a document not read (not a notes.log)
            continue
        say_problems(rel[key], facts.problems)  # what of it was not read (the rest was)
        rows.append(
            {
                "path": rel[key],
                "title": facts.title,
                "words": facts.words,
                "sha256": facts.sha256,
                "encoding": facts.encoding,
                "format": facts.format,
                "pages": facts.pages or None,
                "metadata": dict(facts.metadata),
            }
        )
    if args.json:
        print(shown_json(rows))
    elif rows:  # one write: 10,000 rows through the output's gate one by one cost more
        print(
            "\n".join(f"{shown(r['path'])}\t{shown(r['title'])}\t{shown(_facts(r))}" for r in rows)
        )
    # As ls and grep: 2 when a document (or a folder) could not be read, the rest listed
    return 2 if failed else 0


def _facts(row: dict[str, object]) -> str:
    """``1173 words``, and for converted formats ``5230 words · PDF · 105 pages``."""
    facts = [f"{row['words']} words" if row["words"] != 1 else "1 word"]
    if row["format"] not in ("text", "markdown"):
        facts.append(FORMAT_LABELS.get(str(row["format"]), str(row["format"])))
    if row["pages"]:
        facts.append(f"{row['pages']} pages" if row["pages"] != 1 else "1 page")
    return " · ".join(facts)
