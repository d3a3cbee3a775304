"""``tui-reader list``: the documents of a corpus, one per line (or JSON)."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections import Counter
from collections.abc import Callable

from tui_reader.cli.common import (
    add_location_arguments,
    add_more_files_argument,
    documents_named,
    files_named,
    files_not_there,
    json_name,
    resolve_locations,
    say_problems,
    say_sample_corpus,
    written_by_us_reason,
)
from tui_reader.cli.progress import progress_bar
from tui_reader.core.display import shown, shown_as_they_are, shown_json, shown_name
from tui_reader.core.documents.catalog import scan_facts
from tui_reader.core.documents.corpus import (
    OUTSIDE_CORPUS,
    CorpusFile,
    keyed_files,
    list_corpus_files,
)
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.facts import (
    QUICK_FORMATS,
    DocumentFacts,
    FactFields,
    quick_facts_text_and_raw,
)
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.formats import (
    FORMAT_LABELS,
    SAID_SUFFIXES,
    UNSUPPORTED,
    unsupported_reason,
)
from tui_reader.core.documents.stamps import Stamp
from tui_reader.core.errors import DocumentError
from tui_reader.core.forked import ForkedHalf, core_free
from tui_reader.core.natural_order import natural_string
from tui_reader.locations import (
    document_path,
    facts_cache_path,
    not_document_folders,
    not_documents,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 2 when a document could not be read, or a file named is not there "
        "(said on stderr; the others listed), or on an error"
    )
    add_location_arguments(parser, "to list")
    add_more_files_argument(parser, "listed with the first")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON array instead, the name in its field path (a file name that is not "
        "UTF-8: its name with \\xNN (as the exports write it) for each byte that is no "
        "UTF-8, and path_bytes, the name's bytes in base64)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"name each file that is no document tui-reader reads (past {NAMED_AT_MOST} "
        "of them they are counted by extension, one line each), and each it wrote there and "
        "leaves out (an export, a database, a vault's note)",
    )


def run(args: argparse.Namespace) -> int:
    missing = files_not_there(args)  # said; the others listed, and 2 as ls
    target, db = resolve_locations(args, unwritten=True)
    say_sample_corpus(args, target.corpus, "list")
    target, chosen = files_named(args, target, "a listing", "list docs/*.txt")
    unreadable: list[str] = []
    ours: list[str] | None = [] if args.all else None  # named by --all, as ls -a names
    files = list_corpus_files(
        target.corpus,
        exclude=not_documents(db),
        unreadable=unreadable,
        exclude_folders=not_document_folders(),
        ours=ours,
    )
    refused = False  # a file named that is no document: said, the others listed, 2
    if chosen:  # those documents alone (their folder's were listed)
        files, refused = documents_named(
            chosen, {os.path.normcase(f.location): f for f in files if f.format}, missing
        )
        unreadable = []
    for problem in unreadable:
        print(f"tui-reader: {problem}", file=sys.stderr)
    for path in sorted(ours or (), key=natural_string) if not chosen else ():
        reason = written_by_us_reason(str(target.corpus / path))
        print(f"tui-reader: {shown_name(path)}: {reason}", file=sys.stderr)
    keyed = keyed_files(files, db)
    rel = {key: file.rel for key, file in keyed}
    # The app's facts cache, shared: a second listing reads no document that did not change.
    cache = FactsCache(facts_cache_path(db))

    def load(key: str) -> Document:
        return load_document(document_path(key, db))

    found: dict[str, DocumentFacts | str] = {}
    theirs = _second_half(keyed, cache)
    helper = ForkedHalf.start(theirs, _quick) if theirs else None
    if helper is not None:
        given = {key for key, _ in theirs}
        mine = [item for item in keyed if item[0] not in given]
    else:
        mine = keyed
    try:
        with progress_bar("Reading documents", len(keyed)) as advance:
            for key, facts in scan_facts(mine, cache, load, exact=True):
                found[key] = facts
                advance()
            if helper is not None:
                left = _take(helper.results(), theirs, cache, found, advance)
                for key, facts in scan_facts(left, cache, load, exact=True):
                    found[key] = facts
                    advance()
    finally:
        if helper is not None:
            helper.stop()
    cache.save()
    listed: list[tuple[str, DocumentFacts]] = []  # (its path in the corpus, its facts)
    failed = bool(unreadable or missing or refused)  # a folder not read, a file named not there
    # Files of no format read (a program's .so, a photo's .png): named each while they are
    # few, counted by extension past that (see _say_others)
    others: list[str] = [] if args.all else _others(keyed)
    for key, file in keyed:
        if key not in found:
            continue
        facts = found[key]
        if isinstance(facts, str):
            if others and file.format is None and facts.startswith(UNSUPPORTED):
                continue  # counted below
            print(f"tui-reader: {shown_name(rel[key])}: {shown(facts)}", file=sys.stderr)
            failed = failed or bool(file.format)  # a document not read (not a notes.log)
            continue
        if facts.problems:  # what of it was not read (the rest was)
            say_problems(rel[key], facts.problems)
        listed.append((rel[key], facts))
    _say_others(others)
    if not keyed and not chosen and not failed and not args.json:  # a newcomer's first look
        print(
            f"tui-reader: no documents in {shown_name(str(target.corpus))}: save "
            f"or copy documents into it ({SAID_SUFFIXES})",
            file=sys.stderr,
        )
    if args.json:  # a name that is not UTF-8 given exactly, as path_bytes (see json_name)
        print(shown_json([json_name("path", path) | _row(facts) for path, facts in listed]))
    elif listed:  # one write: 10,000 rows through the output's gate one by one cost more
        # (each row's cells made from its facts: a dictionary of its fields made first for
        # each of 10,000 rows, as the JSON needs, was most of the time the listing took
        # after the files were read, while one process runs alone)
        cells = [(path, facts.title, _facts(facts)) for path, facts in listed]
        if shown_as_they_are(itertools.chain.from_iterable(cells)):  # (most listings)
            print("\n".join(map("\t".join, cells)))
        else:
            print("\n".join(f"{shown_name(p)}\t{shown(t)}\t{shown(f)}" for p, t, f in cells))
    # As ls and grep: 2 when a document (or a folder) could not be read, the rest listed
    return 2 if failed else 0


NAMED_AT_MOST = 20  # files of no format read named each; past it, counted by extension


def _others(keyed: list[tuple[str, CorpusFile]]) -> list[str]:
    """The extension of each file of ``keyed`` that is of no format tui-reader reads (not
    one it has advice for, a .doc: always named), when they are more than
    :data:`NAMED_AT_MOST` (none otherwise: they are named each)."""
    others = [
        file.path.suffix
        for _, file in keyed
        if file.format is None and unsupported_reason(file.path.suffix).startswith(UNSUPPORTED)
    ]
    return others if len(others) > NAMED_AT_MOST else []


def _say_others(others: list[str]) -> None:
    """Say the files of no format read (``others``, their extensions) in one line for each
    extension, the most first, saying how many.  Started in a home folder, ``list`` wrote
    32,000 lines of them, one a file, among which the few that mattered (a document it could
    not read) were lost; ``list --all`` names each, as ls says a name."""
    if not others:
        return
    counted = Counter(suffix.lower() for suffix in others)
    for suffix, count in sorted(counted.items(), key=lambda item: (-item[1], item[0])):
        files = "file" if count == 1 else "files"
        print(f"tui-reader: {count} {shown(repr(suffix))} {files}: {UNSUPPORTED}", file=sys.stderr)
    print(
        f"tui-reader: {len(others)} files in all that are no documents tui-reader reads, "
        "not listed (list --all names each)",
        file=sys.stderr,
    )


SHARE_FROM = 1000  # files never read from which a second process reads half of them


def _second_half(
    keyed: list[tuple[str, CorpusFile]], cache: FactsCache
) -> list[tuple[str, CorpusFile]]:
    """The files a second process reads for a first listing: half of those whose quick facts
    were never kept, when they are many and a core is free (none otherwise)."""
    known = cache.kept()  # (looked up without the cache's lock: once, not once a file)
    never = [(k, f) for k, f in keyed if f.format in QUICK_FORMATS and k not in known]
    if len(never) < SHARE_FROM or not core_free():
        return []
    return never[len(never) // 2 :]


# (key, facts' fields or why not, stamp, the hash of the bytes they were found in)
Quick = tuple[str, FactFields | str, Stamp | None, str]


def _quick(item: tuple[str, CorpusFile]) -> Quick:
    """What the second process finds of one file: its quick facts (their fields: see
    DocumentFacts.fields), stamp and bytes' hash, or why not."""
    key, file = item
    assert file.format is not None
    if file.outside:
        return key, OUTSIDE_CORPUS, None, ""
    try:
        facts, _text, stamp, raw = quick_facts_text_and_raw(file.location, file.format)
    except DocumentError as exc:
        return key, exc.reason, None, ""
    return key, facts.fields(), stamp, raw


def _take(
    results: list[Quick] | None,
    theirs: list[tuple[str, CorpusFile]],
    cache: FactsCache,
    found: dict[str, DocumentFacts | str],
    advance: Callable[[], None],
) -> list[tuple[str, CorpusFile]]:
    """What the second process found, kept; the files left to read here (all of its files
    if it failed, those whose facts it could only estimate otherwise)."""
    if results is None or len(results) != len(theirs):
        return theirs
    left: list[tuple[str, CorpusFile]] = []
    for (key, fields, stamp, raw), item in zip(results, theirs, strict=True):
        if isinstance(fields, str) or stamp is None:
            found[key] = str(fields)
            advance()
            continue
        facts = DocumentFacts(*fields)
        cache.put(key, stamp, facts, raw)
        if facts.exact:
            found[key] = facts
            advance()
        else:  # a Markdown file whose exact facts need it loaded: done here
            left.append(item)
    return left


def _row(facts: DocumentFacts) -> dict[str, object]:
    """A document's fields in ``list --json`` (after its path)."""
    return {
        "title": facts.title,
        "words": facts.words,
        "sha256": facts.sha256,
        "encoding": facts.encoding,
        "format": facts.format,
        "pages": facts.pages or None,
        "metadata": dict(facts.metadata),
    }


def _facts(facts: DocumentFacts) -> str:
    """``1173 words``, and for converted formats ``5230 words · PDF · 105 pages``."""
    words = f"{facts.words} words" if facts.words != 1 else "1 word"
    if facts.format in QUICK_FORMATS and not facts.pages:  # (most documents)
        return words
    told = [words]
    if facts.format not in QUICK_FORMATS:
        told.append(FORMAT_LABELS.get(facts.format, facts.format))
    if facts.pages:
        told.append(f"{facts.pages} pages" if facts.pages != 1 else "1 page")
    return " · ".join(told)
