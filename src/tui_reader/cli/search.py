"""``tui-reader search PATTERN [PATH]``: every hit in every document, one per line, as grep
prints them: ``document:line: context`` (line = source line of the canonical text); then the
hits in the memos, named as memos: ``memo of interview-3.txt:2: context``,
``memo of code security:1: …``, ``journal 2026-11-20 10:00 UTC:4: …``."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.cli.common import add_location_arguments, resolve_locations
from tui_reader.cli.progress import progress_bar
from tui_reader.core.display import shown
from tui_reader.core.documents.corpus import CorpusFile, keyed_files, list_corpus_files
from tui_reader.core.documents.stamps import file_stamp
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.search.finder import Finder
from tui_reader.core.search.hits import line_context, literal_starts
from tui_reader.core.search.text_pack import TextPack
from tui_reader.core.search.user_pattern import TextPattern, UserPattern
from tui_reader.locations import db_sidecars, document_key, texts_cache_path

if TYPE_CHECKING:
    from tui_reader.core.analysis.memos import Memo
    from tui_reader.core.search.corpus import FreshText

# Loaded only when needed: a search whose texts are all packed reads no document and, with a
# database that has no memos, opens no store.

HELP = "search every document: one hit per line, document:line: context (grep's habit)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pattern", metavar="PATTERN", help="the text to find")
    add_location_arguments(parser)
    parser.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    parser.add_argument("-i", "--ignore-case", action="store_true", help="ignore case")
    parser.add_argument(
        "-l", "--files-with-matches", action="store_true", help="print only the documents"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def _pattern(args: argparse.Namespace) -> TextPattern:
    """A literal as ``re`` finds it; a regular expression under a time limit, its ``^`` and
    ``$`` at every line, as grep's (:mod:`~tui_reader.core.search.user_pattern`)."""
    if args.regex:
        return UserPattern(args.pattern, ignore_case=args.ignore_case)
    return re.compile(re.escape(args.pattern), re.IGNORECASE if args.ignore_case else 0)


def run(args: argparse.Namespace) -> int:
    if not args.pattern:
        raise TuiReaderError("give a non-empty PATTERN")
    pattern = _pattern(args)
    finder = Finder(pattern, None if args.regex else args.pattern)
    target, db = resolve_locations(args)
    unreadable: list[str] = []
    listed = list_corpus_files(target.corpus, exclude=(db, *db_sidecars(db)), unreadable=unreadable)
    for problem in unreadable:
        print(f"tui-reader: {problem}", file=sys.stderr)
    files = [f for f in listed if f.format]
    if target.open_file is not None:
        files = [f for f in files if f.path == target.open_file]
    keyed = keyed_files(files, db)
    # The texts of the last search, kept: unchanged files are not read, decoded or converted.
    pack = TextPack(texts_cache_path(db))
    found = 0
    out = _Output()
    with progress_bar("Searching", len(keyed)) as advance:
        for key, file in keyed:
            advance()
            out.write_when_due()
            try:
                text = None
                if key in pack:
                    stamp = file_stamp(file.location)
                    held = pack.test(key, stamp, finder.in_bytes)  # in its packed bytes
                    if held is False:
                        continue
                    if held and args.files_with_matches:  # nothing to decode
                        out.add(_document_line(args, file.rel))
                        found += 1
                        continue
                    packed = pack.get(key, stamp)
                    text = None if packed is None else packed[1]
                if text is None:  # read now (and packed): tested in its bytes if they can tell
                    fresh = _read(pack, key, file, finder)
                    held = fresh.held
                    if held is False:
                        continue
                    if held and args.files_with_matches:
                        out.add(_document_line(args, file.rel))
                        found += 1
                        continue
                    text = fresh.decoded()
            except DocumentError as exc:
                out.write()  # in order with what went before
                print(f"tui-reader: {shown(file.rel)}: {shown(exc.reason)}", file=sys.stderr)
                continue
            if held or (held is None and finder.found_in(text)):
                found += _print_hits(out, args, pattern, text, file.rel, {"document": file.rel})
        out.write()
    keys = None if target.open_file is None else {document_key(target.open_file, db)}
    for memo in _memos(db, keys):
        about: dict[str, object] = {
            "memo": {"id": memo.id, "kind": str(memo.kind), "target": memo.target}
        }
        found += _print_hits(out, args, pattern, memo.text, memo.label, about)
    out.write()
    sys.stdout.flush()  # every hit out before the pack is written
    if target.open_file is None:
        pack.keep_only({key for key, _ in keyed})
    pack.save()
    return 0 if found else 1


def _read(pack: TextPack, key: str, file: CorpusFile, finder: Finder) -> FreshText:
    """The canonical text of ``file`` read now and packed, tested with ``finder`` (in its
    bytes when they can tell: ``held`` None when they cannot)."""
    from tui_reader.core.search.corpus import FreshText, read_canonical, read_fresh

    assert file.format is not None
    if file.format in ("text", "markdown"):
        fresh = read_fresh(file.location, file.format, finder)
    else:
        stamp = file_stamp(file.location)
        title, text, utf8 = read_canonical(file.location, file.format, stamp[1])
        fresh = FreshText(stamp, title, text, utf8)
    kept = pack.put(key, fresh.stamp, fresh.title, fresh.text, fresh.data)
    if fresh.held is None and kept:
        fresh.held = pack.test(key, fresh.stamp, finder.in_bytes)
    return fresh


def _document_line(args: argparse.Namespace, name: str) -> str:
    """The line ``-l`` prints for the document ``name``."""
    return (json.dumps({"document": name}) if args.json else shown(name)) + "\n"


class _Output:
    """The lines of the hits, written to stdout a batch at a time (each write passes the
    output gate: a write per line cost as much as the rest of a search for a common word),
    the first line at once and the rest at least every :data:`_WRITE_EVERY` seconds."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._written = 0.0  # when lines were last written (0: never)

    def add(self, line: str) -> None:
        self._lines.append(line)

    def write_when_due(self) -> None:
        if self._lines and (
            not self._written
            or len(self._lines) >= _WRITE_LINES
            or time.monotonic() - self._written >= _WRITE_EVERY
        ):
            self.write()

    def write(self) -> None:
        if self._lines:
            sys.stdout.write("".join(self._lines))
            self._lines.clear()
            self._written = time.monotonic()


_WRITE_EVERY = 0.05  # seconds
_WRITE_LINES = 1000


def _print_hits(
    out: _Output,
    args: argparse.Namespace,
    pattern: TextPattern,
    text: str,
    name: str,
    about: dict[str, object],
) -> int:
    """Print the hits of ``pattern`` in ``text`` (of the document or memo ``name``, which
    ``about`` describes in JSON) as the arguments ask; returns how many were printed."""
    found = 0
    line, previous = 1, 0
    where = shown(name)
    for start, end in _spans(args, pattern, text):
        found += 1
        if args.files_with_matches:
            out.add((json.dumps(about) if args.json else where) + "\n")
            break
        line += text.count("\n", previous, start)
        previous = start
        context = line_context(text, start, end)
        if args.json:
            record = about | {"line": line, "start": start, "end": end,
                              "match": text[start:end], "context": context}  # fmt: skip
            out.add(json.dumps(record) + "\n")  # ASCII: any file name survives
        else:
            out.add(f"{where}:{line}: {shown(context)}\n")
    return found


def _spans(args: argparse.Namespace, pattern: TextPattern, text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each hit of ``pattern`` in ``text``, as ``pattern.finditer`` finds
    them (empty matches are no hits).  A literal is found with ``str.find``, ignoring case in
    an ASCII text by lowercasing it (the same hits: in ASCII, ``re.IGNORECASE`` is
    lowercasing), ten times faster than the regex engine's case-blind scan: a common word's
    million hits were a million matches of it."""
    literal = None if args.regex else args.pattern
    if literal is not None and (not args.ignore_case or (literal.isascii() and text.isascii())):
        size = len(literal)
        for start in literal_starts(text, literal, fold=args.ignore_case):
            yield start, start + size
        return
    for match in pattern.finditer(text):
        start, end = match.span()
        if start != end:
            yield start, end


def _memos(db: Path, documents: set[str] | None) -> list[Memo]:
    """The memos of the database (none when there is none yet: searching creates nothing);
    with ``documents``, only those documents' memos."""
    if not db.is_file() or not _may_hold_memos(db):
        return []
    from tui_reader.core.analysis.memos import MemoKind
    from tui_reader.core.store.annotation_store import AnnotationStore

    store = AnnotationStore(db, read_only=True)
    try:
        memos = store.memos()
    finally:
        store.close()
    if documents is not None:
        memos = [m for m in memos if m.kind is MemoKind.DOCUMENT and m.target in documents]
    return memos


def _may_hold_memos(db: Path) -> bool:
    """False when neither the database nor its journal names the memos' table: no memo was
    ever written, and the store (its modules, the whole database) need not be loaded."""
    for path in (db, *db_sidecars(db)[:1]):
        try:
            if b'"memos"' in path.read_bytes():
                return True
        except FileNotFoundError:
            continue
        except OSError:
            return True  # the store says what is wrong
    return False
