"""``tui-reader search PATTERN [PATH]``: every line holding a hit in every document, once, as
grep prints them: ``document:line: context`` (line = a plain text file's line as grep counts it, of
another format the source line of the canonical text); then the
hits in the memos, named as memos: ``memo of interview-3.txt:2: context``,
``memo of code security:1: …``, ``journal 2026-11-20 10:00 UTC:4: …``."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import functools
import io
import itertools
import json
import operator
import os
import re
import signal
import stat
import struct
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from json.encoder import encode_basestring_ascii
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

from tui_reader.cli.common import (
    add_location_arguments,
    add_more_files_argument,
    close_store,
    documents_named,
    files_named,
    files_not_there,
    follow_moved,
    json_name,
    past_the_gate,
    problem_lines,
    resolve_locations,
    say_sample_corpus,
)
from tui_reader.cli.progress import into_a_pipe, progress_bar
from tui_reader.core.cache_files import make_cache_folder, new_file
from tui_reader.core.display import shown, shown_as_they_are, shown_name
from tui_reader.core.documents.corpus import (
    OUTSIDE_CORPUS,
    CorpusFile,
    UncheckedTexts,
    keyed_files,
    list_corpus_files,
    own_markdown_file,
)
from tui_reader.core.documents.lines import file_line
from tui_reader.core.documents.sanitize import holds_control
from tui_reader.core.documents.stamps import Stamp, file_stamp, file_stamps, stamp_of_stat
from tui_reader.core.errors import BinaryFileError, DocumentError, TuiReaderError
from tui_reader.core.forked import core_free as _core_free
from tui_reader.core.search.any_literal import AnyLiteral
from tui_reader.core.search.composed import composed_form, uncomposed
from tui_reader.core.search.finder import Finder
from tui_reader.core.search.hits import (
    CONTEXT_WIDTH,
    CUT_REACH,
    ExactLiteral,
    FoldedLiteral,
    WholeWords,
    context_in_line,
    context_span,
    file_line_bounds,
    fold,
    line_bounds,
    literal_ends,
    literal_starts,
    loosely_typed,
    lowered_ends,
    lowered_starts,
    read_loosely,
    span_shown,
)
from tui_reader.core.search.text_pack import SpooledText, TextPack
from tui_reader.core.search.user_pattern import (
    TextPattern,
    UserPattern,
    empty_text_only,
    matches_empty_text,
)
from tui_reader.locations import (
    RealPaths,
    db_sidecars,
    document_key,
    not_document_folders,
    not_documents,
    real_path,
    texts_cache_path,
)

if TYPE_CHECKING:
    from tui_reader.core.analysis.memos import Memo
    from tui_reader.core.search.corpus import FreshText

# Loaded only when needed: a search whose texts are all packed reads no document and, with a
# database that has no memos, opens no store.


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from tui_reader.cli.grep_options import letters_refused

    parser.epilog = (
        "exit status (as grep's): 0 when something matched, 1 when nothing did, 2 when a "
        "document could not be searched (its hits, if any, are printed) or on an error; a "
        "text file that is no text (NUL bytes) is searched in its bytes, as grep searches one: "
        "'binary file matches' on stderr, its name with -l, its lines with -c, no error; what "
        "could not be read of a document searched in part (an EPUB's missing chapter) is said "
        "on stderr, as list says it. A plain text file's line is grep -n's (the line feeds "
        "before the hit, plus one: a form feed, a lone CR or a line separator starts none); "
        "another format's (PDF, Word, web page, Markdown...) is the line of its text as the "
        f"app shows it. grep's {letters_refused()} (their long names too, and --color, "
        "--include...) are not search's: each is refused, in a line saying so"
    )
    parser.add_argument(
        "pattern",
        metavar="PATTERN",
        help="the text to find; an accented letter matches however a file encodes it (é as "
        "one code point, or e and a combining accent, as PDFs and Macs write it); found in "
        "a line, as grep finds it, each line printed (the app's / and F find a phrase over "
        "a line's end too); a line break parts it into patterns, any of which a line may "
        'hold, as grep\'s (search "$(cat words)" docs)',
    )
    add_location_arguments(parser, "to search")
    add_more_files_argument(parser, "searched with the first")
    parser.add_argument(
        "--regex",
        "-E",  # grep's (search -E 'a|b' was "'-E' is no option: a value ... goes after '--'")
        action="store_true",
        help="PATTERN is a regular expression (Python's syntax; ^ and $ at every line; -E as "
        "grep's), "
        "matched against each text in its composed form (NFC), the pattern composed too: "
        "'.' matches é however it is encoded, and a hit that ends inside a letter and its "
        "accents takes them all; offsets and lines are the document's own; a match of "
        "no characters is no hit, where grep prints its line: x* finds the lines holding "
        "an x, and one matching nothing else (^$) finds nothing, and says so",
    )
    parser.add_argument(
        "-e",
        "--regexp",
        metavar="PATTERN",
        help="PATTERN given as an option, as grep's -e: for a pattern beginning with '-' "
        "(search -e -rn docs), or a script written for grep; every word then a PATH; "
        "repeated, a line holding any of them (search -e war -e peace docs), as grep finds "
        "them, the longest match at a place taken (-e war -e warning: warning)",
    )
    parser.add_argument(
        "-w",
        "--word-regexp",
        action="store_true",
        help="only hits that are whole words, as grep -w: no letter, digit or underscore "
        "just before or after a hit (war finds war and war-time, not warning; a --regex too)",
    )
    parser.add_argument(
        "-c",
        "--count",
        action="store_true",
        help="print only how many lines of each document hold a hit, path:count, as grep -c "
        "(0 too: a line for each document searched, each named as a hit line names it, "
        "as grep -cH; memos are not searched)",
    )
    parser.add_argument(
        "-i",
        "--ignore-case",
        action="store_true",
        help="ignore case, folded fully (Unicode's case folding): strasse finds Straße and "
        "STRASSE, file finds a typeset ﬁle (a --regex too)",
    )
    parser.add_argument(
        "-l",
        "--files-with-matches",
        action="store_true",
        help="print only the documents whose text matches, one per line, each a path as a "
        "hit line prints it, as grep -l prints them (memos are not searched)",
    )
    parser.add_argument(
        "-Z",
        "--null",
        action="store_true",
        help="with -l, each path ended by a NUL byte, not a line break, and written as the "
        "file system names it, no character pictured: for xargs -0, as grep -lZ",
    )
    # grep's flags for what search does anyway, taken so that a grep user's search -rn war
    # docs, or a script written for grep, runs (they were refused, the search not made)
    grep_s = "grep's, taken and changing nothing: search"
    parser.add_argument(
        "-r",
        "-R",
        "--recursive",
        action="store_true",
        help=f"{grep_s} reads the subfolders of each folder anyway; a link in "
        "the corpus (to a file or a folder) is not followed, -R or not (grep -r's way)",
    )
    parser.add_argument(
        "-n",
        "--line-number",
        action="store_true",
        help=f"{grep_s} prints each line's number anyway",
    )
    parser.add_argument(
        "-H",
        "--with-filename",
        action="store_true",
        help=f"{grep_s} names each document anyway",
    )
    parser.add_argument(
        "-F",
        "--fixed-strings",
        action="store_true",
        help=f"{grep_s} finds PATTERN as typed anyway; refused with -E, as grep refuses both",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per hit, a line each: {document, path, line, start, end, "
        "match, context} (path: as a hit line prints it); a memo's hit {memo {id, kind, "
        "target}, line, start, end, match, context} "
        "(a file name that is not UTF-8: its document with \\xNN (as the exports write it) "
        "for each byte that is no UTF-8, and document_bytes and path_bytes, their bytes in "
        "base64); "
        "with -l, {document, path}",
    )


def _more_patterns(args: argparse.Namespace) -> list[str]:
    """The patterns of the ``-e`` after the first, any of which a line may hold."""
    return list(getattr(args, "more_patterns", None) or [])


def _literal(args: argparse.Namespace) -> str | None:
    """The pattern when it is found as typed (no --regex, nor -w: a literal found as a part
    of a word is no whole word's hit, nor several -e), else None.  (-w's pattern finds the
    literal as a search without it does, :class:`~tui_reader.core.search.hits.WholeWords`.)"""
    return None if args.regex or args.word_regexp or _more_patterns(args) else args.pattern


def _pattern(args: argparse.Namespace) -> TextPattern:
    """A literal as ``re`` finds it; a regular expression (or a literal's whole words, or
    several patterns) under a time limit, its ``^`` and ``$`` at every line, as grep's
    (:mod:`~tui_reader.core.search.user_pattern`)."""
    more = _more_patterns(args)
    if args.word_regexp and not args.regex and not more:  # found as the literal is, whole
        literal = FoldedLiteral(args.pattern, texts_composed=True) if args.ignore_case else None
        return WholeWords(literal or ExactLiteral(args.pattern))
    if more and not args.regex:  # each found as one PATTERN is: any space, a ligature
        return AnyLiteral(
            [args.pattern, *more], ignore_case=args.ignore_case, whole_words=args.word_regexp
        )
    if args.regex or args.word_regexp or more:
        return UserPattern(
            args.pattern,
            ignore_case=args.ignore_case,
            literal=not args.regex,
            whole_words=args.word_regexp,
            more=more,
        )
    if args.ignore_case:  # full case folding: strasse finds Straße, file finds ﬁle
        return FoldedLiteral(args.pattern, texts_composed=True)  # (composed: see _spans)
    return ExactLiteral(args.pattern)  # (not compiled: a pasted page took a second)


def _patterns_by_line(args: argparse.Namespace) -> None:
    """PATTERN and each ``-e`` parted at their line breaks into patterns, any of which a line
    may hold, as grep reads them (``search "$(cat words)"``): a line is printed for a hit,
    and a pattern holding a line break found two lines as one, "began⏎warning", which grep
    prints as the two lines holding its parts; a part that is empty is refused, as an empty
    PATTERN is (grep's matches every line)."""
    given = [args.pattern, *_more_patterns(args)]
    patterns = [part for pattern in given for part in pattern.split("\n")]
    if not all(patterns):
        lines = len(patterns) > len(given)
        raise TuiReaderError(
            f"give a non-empty PATTERN{' (a line of it is empty)' if lines else ''}"
        )
    args.pattern, args.more_patterns = patterns[0], patterns[1:]


def run(args: argparse.Namespace) -> int:
    _patterns_by_line(args)
    if args.fixed_strings and args.regex:  # as grep: "conflicting matchers specified"
        raise TuiReaderError(
            "-F and -E do not go together: -F finds PATTERN as typed (as search does without "
            "-E), -E as a regular expression"
        )
    if args.null and (args.json or not args.files_with_matches):
        raise TuiReaderError("-Z goes with -l (without --json): search -lZ PATTERN | xargs -0 ...")
    if args.count and (args.json or args.files_with_matches):
        raise TuiReaderError("-c goes without -l and --json: search -c PATTERN prints path:count")
    if args.null:  # names written as their bytes are, a byte no UTF-8 as it is
        with contextlib.suppress(AttributeError, ValueError):  # (a stream replaced)
            sys.stdout.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
    # Searched composed (NFC) in texts composed: an accent matches however it is encoded.
    args.pattern = composed_form(args.pattern)
    args.more_patterns = [composed_form(more) for more in _more_patterns(args)]
    pattern = _pattern(args)
    finder = Finder(pattern, _literal(args))
    missing = files_not_there(args)  # said; the others searched, and 2 as grep
    target, db = resolve_locations(args, unwritten=True)
    say_sample_corpus(args, target.corpus, "search")
    target, named = files_named(args, target, "a search", "search PATTERN docs/*.txt")
    unreadable: list[str] = []
    typed: str | None = args.path or getattr(args, "corpus", None)
    # what each path printed begins with: a folder not read named as its hits are
    shown_from = _listed_folder(target.corpus, typed=typed)
    # The plain texts and Markdown files of folders not listed before (every one, at a first
    # search) are not read by the listing to tell our Markdown exports among them: the search
    # tells them by the bytes it reads (a first search of the bench's 10,000 files read each
    # one's head in the listing first, then the 2,000 Markdown files' still).  Files named
    # are told by the listing, as documents_named takes them.
    unchecked = None if named else UncheckedTexts()
    # The listing's stat of each text of a folder it knew (was one written over in place?):
    # the stamp the search takes of it next, not a second stat (10,000 files of the bench).
    stats: dict[str, os.stat_result] = {}
    listed = list_corpus_files(
        target.corpus,
        exclude=not_documents(db),
        unreadable=unreadable,
        exclude_folders=not_document_folders(),
        named_from=shown_from,
        unchecked=unchecked,
        stats=stats,
    )
    for problem in unreadable:
        print(f"tui-reader: {problem}", file=sys.stderr)
    files = [f for f in listed if f.format]
    refused = False  # a file named that is no document: said, the others searched, 2
    if named:  # named, but no document: not "nothing found" (exit 1)
        files, refused = documents_named(
            named, {os.path.normcase(f.location): f for f in files}, missing
        )
    keyed = keyed_files(files, db)
    # The texts of the last search, kept: unchanged files are not read, decoded or converted.
    pack = TextPack(texts_cache_path(db))
    out = _Output()
    search = _Search(args, pattern, finder, pack, out, _output_file())
    search.listed = shown_from
    search.stats = stats
    if unchecked:
        search.unchecked = unchecked.paths
    helper: _Helper | None = None
    try:
        # hits are written while the bar is drawn: none when they go into a pipe, whose
        # reader (less) may show them on the terminal the bar would be drawn over
        with progress_bar("Searching", 0 if into_a_pipe() else len(keyed)) as advance:
            helper = _Helper.start(keyed, search)
            begun, found = 0, 0  # the documents searched before a helper was started
            if helper is None and not args.files_with_matches and len(keyed) >= SHARE_FROM:
                # Its texts kept, a search printing a common word's lines works for seconds
                # on them alone: the first documents searched tell, and the rest is shared.
                begun = LOOKED_AT_ONCE
                found = search.files(keyed[:begun], advance)
                if found * (len(keyed) - begun) >= SHARE_HITS_FROM * begun:
                    helper = _Helper.start(keyed, search, printing_from=begun)
            mine = keyed[begun:] if helper is None else keyed[begun : helper.at]
            found += search.files(mine, advance)
            if helper is not None:
                found += helper.finish(keyed[helper.at :], advance)
            out.write()
        folder = document_key(target.corpus, db)  # the key of the folder searched
        # -l names the documents whose text holds it, as grep -l names files: no memo
        memos = [] if args.files_with_matches or args.count else _memos(db)
        if _of_a_file_gone(memos, db):  # it moved: its memo follows it first, as export's
            memos = _followed(target.corpus, db)
        keys = None
        if named and memos:  # the keys of the files named (looked for with memos alone)
            resolved, within = RealPaths(), real_path(db).parent
            keys = {resolved.key(path, within) for path in named}
            memos = _of_documents(memos, keys)
        for memo in memos:
            if keys is None and not _in_folder(memo, folder):
                continue  # the memo of a document of another folder than the one searched
            about: dict[str, object] = {  # a file name not UTF-8 as in every JSON output
                "memo": {"id": memo.id, "kind": str(memo.kind)} | json_name("target", memo.target)
            }
            hits = _print_hits(out, args, pattern, memo.text, memo.label, about)
            found += hits
            search.empty_only += not hits and pattern.search(memo.text) is not None
        out.write()
        sys.stdout.flush()  # every hit out before the pack is written
        if not named:
            pack.keep_only({key for key, _ in keyed})
        pack.save(closing=True)
        if unchecked:  # what it told of them, for the next listing
            unchecked.told(search.told, search.ours)
    except BaseException as exc:
        if isinstance(exc, BrokenPipeError) or not isinstance(exc, Exception):
            # The reader has gone (``search war | head -1``), ctrl+c, a TERM: the texts read
            # so far, by this process and by its helper, are kept all the same (they were
            # not: the next search read every file again), then the command ends as grep
            # does.  The documents not reached stay in the pack as they were; the pack is
            # written whole or not at all (:meth:`TextPack.save`).
            if helper is not None:
                helper.stop(keep=True)
            pack.save(closing=True)
        raise
    finally:
        if helper is not None:
            helper.stop()
        pack.close()
    # As grep: 2 when a document could not be searched (its text may hold the pattern: "none"
    # is not known, and a script taking 0 for "every file searched" used hits that were not
    # all), even with hits; else 0 when something matched, 1 when nothing did.
    unsearched = search.problems or missing or refused or (unreadable and target.open_file is None)
    if found:
        return 2 if unsearched else 0
    if args.regex and (search.empty_only or matches_empty_text(pattern)):
        # Matched where it finds empty text alone (a lookahead's place before an x): no hit.
        print(f"tui-reader: {empty_text_only(args.pattern)}", file=sys.stderr)
    return 2 if unsearched else 1


def _output_file() -> tuple[int, int] | None:
    """The device and inode of the regular file standard output is written to, if it is one
    (``search war >> docs/hits.txt``), the inode as a stamp has it; else ``None`` (a terminal,
    a pipe: no document)."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return (out.st_dev, stamp_of_stat(out)[3]) if stat.S_ISREG(out.st_mode) else None


class _TheOutput(Exception):
    """The document about to be searched is the file standard output is written to."""


class _Search:
    """The search of one run: its arguments, pattern and finder, the texts pack, the output."""

    def __init__(
        self,
        args: argparse.Namespace,
        pattern: TextPattern,
        finder: Finder,
        pack: TextPack,
        out: _Output,
        output: tuple[int, int] | None = None,
    ) -> None:
        self.args, self.pattern, self.finder, self.pack, self.out = args, pattern, finder, pack, out
        self.output = output  # the file the hits are written to (:func:`_output_file`)
        self.problems = 0  # documents that could not be searched
        self.empty_only = 0  # texts the pattern matched in empty text alone (no hit)
        self.listed = ""  # what is printed before a document's name (:func:`_listed_folder`)
        # the texts the listing did not tell from our Markdown exports, told as they
        # are read (:class:`~tui_reader.core.documents.corpus.UncheckedTexts`): those told
        # no export of ours, and those told ours (left out, as the listing leaves them)
        self.unchecked: Collection[str] = frozenset()
        self.told: list[str] = []
        self.ours: list[str] = []
        # the os.stat of files the listing took just before, by location: their stamps
        self.stats: dict[str, os.stat_result] = {}

    def listed_line(self, name: str, as_is: bool) -> str:
        """The line ``-l`` prints for the document ``name`` (``as_is``: its path is shown as
        it is, no character to picture)."""
        if self.args.json:
            return json.dumps(self.about(name)) + "\n"
        if self.args.null:
            return f"{self.listed}{name}\0"
        return f"{self.listed}{name}\n" if as_is else shown_name(self.listed + name) + "\n"

    def about(self, name: str) -> dict[str, object]:
        """The fields of the document ``name`` in JSON: its name, and its path as a hit line
        and ``-l`` print it."""
        return json_name("document", name) | json_name("path", self.listed + name)

    def check_not_output(self, location: str, stamp: Stamp) -> None:
        """Raise :class:`_TheOutput` when the file at ``location``, whose stamp is ``stamp``,
        is the one standard output is written to, as grep tells it (its own hits, written as
        it was read, were found in it and written again).  Told by the inode of the stamp the
        search takes anyway (a ``stat`` for a packed text, the open that reads the others), as
        grep tells it from the ``fstat`` of each file it opens: a ``stat`` of each document
        before the search (and a ``Path`` made for each) took as long as the search of 10,000
        packed texts whose hits went into a file.  A file of that inode is looked at again for
        its device."""
        if self.output is None or stamp[3] != self.output[1]:
            return
        try:
            st = os.stat(location)
        except OSError:
            return  # (said when it is read)
        if (st.st_dev, stamp_of_stat(st)[3]) == self.output:
            raise _TheOutput

    def problem(self, message: str) -> None:
        """Say that a document cannot be read (after the hits found before it)."""
        self.problems += 1
        self.out.write()  # in order with what went before
        print(message, file=sys.stderr)

    def note(self, message: str) -> None:
        """Say what could not be read of a document whose rest was searched (after the hits
        found before it), as ``list`` says it; the exit status is the search's."""
        self.out.write()
        print(message, file=sys.stderr)

    def files(self, keyed: list[tuple[str, CorpusFile]], advance: Callable[[], None]) -> int:
        """Print the hits in the documents ``keyed``, in order; how many were printed.  They
        are looked at :data:`LOOKED_AT_ONCE` at a time: the first hits are printed once the
        first documents are tested (the stamps of 10,000 files were taken and their texts
        tested, 0.1 to 0.3 s, before a search kept from the last printed its first line)."""
        return sum(
            self._batch(keyed[at : at + LOOKED_AT_ONCE], advance)
            for at in range(0, len(keyed), LOOKED_AT_ONCE)
        )

    def _batch(self, keyed: list[tuple[str, CorpusFile]], advance: Callable[[], None]) -> int:
        """:meth:`files` of a batch of documents."""
        args, finder, pack, out, unchecked = (
            self.args, self.finder, self.pack, self.out, self.unchecked
        )  # fmt: skip
        found = 0
        # Looked up at once, not a look (and a lock) a document: whether a text is kept, the
        # stamps of the files of those kept, the tests of their texts kept for those stamps,
        # and whether -l prints each name as it is (a name to show otherwise, JSON: each made)
        kept = pack.held(key for key, _ in keyed)
        stamps = file_stamps(
            (
                None if not in_pack or file.outside else file.location
                for (_, file), in_pack in zip(keyed, kept, strict=True)
            ),
            self.stats,
        )
        looks = pack.test_each(zip((key for key, _ in keyed), stamps, strict=True), finder.in_bytes)
        as_is = not args.json and shown_as_they_are(
            itertools.chain((self.listed,), (file.rel for _, file in keyed))
        )
        for (key, file), in_pack, stamp, look in zip(keyed, kept, stamps, looks, strict=True):
            advance()
            out.write_when_due()
            told = bool(unchecked) and file.location in unchecked  # (to tell, if ours)
            try:
                if file.outside:  # a link out of the corpus: never read, nor a packed copy
                    raise DocumentError(file.location, OUTSIDE_CORPUS)
                text = None
                file_lines = False  # whether its lines are its file's (else read to count)
                if in_pack and told:  # its first bytes read, as the listing reads them
                    if own_markdown_file(file.location):
                        self.ours.append(file.location)
                        continue
                    self.told.append(file.location)
                    told = False
                if in_pack:
                    if stamp is None:  # it could not be looked at: said why (or now it can)
                        stamp = file_stamp(file.location)
                    self.check_not_output(file.location, stamp)
                    # tested in its packed bytes; what could not be read of it, if anything
                    held, problems = (
                        look if look is not None else pack.test_said(key, stamp, finder.in_bytes)
                    )
                    if problems:  # a text read in part: searched in part
                        for line in problem_lines(self.listed + file.rel, problems):
                            self.note(line)
                    if held is False:
                        self.none_in(file.rel)
                        continue
                    if held and args.files_with_matches:  # nothing to decode
                        out.add(self.listed_line(file.rel, as_is))
                        found += 1
                        continue
                    packed = pack.get(key, stamp)
                    text = None if packed is None else packed[1]
                    if text is not None and not args.files_with_matches:  # lines printed
                        file_lines = pack.file_lines(key, stamp)
                if text is None:  # read now (and packed): tested in its bytes if they can tell
                    fresh = _read(self, key, file, exports=told)
                    if fresh.ours:  # no document: left out, as the listing leaves it
                        self.ours.append(file.location)
                        continue
                    if told:
                        self.told.append(file.location)
                    if fresh.problems:  # (most files: none, no lines made)
                        for line in problem_lines(self.listed + file.rel, fresh.problems):
                            self.note(line)
                    held = fresh.held
                    if held is False:
                        self.none_in(file.rel)
                        continue
                    if held and args.files_with_matches:  # (its name as a packed text's)
                        out.add(self.listed_line(file.rel, as_is))
                        found += 1
                        continue
                    text = fresh.decoded()
                    file_lines = fresh.file_lines
            except BinaryFileError as exc:  # no text: searched in its bytes, as grep does
                if told:  # none of our exports, as the listing takes a file it cannot read
                    self.told.append(file.location)
                # (its frames let go first: they hold the bytes read, a copy of the file)
                found += self.binary(file, exc.with_traceback(None), as_is)
                continue
            except DocumentError as exc:  # named by its path, as its hit lines are
                if told:  # none of our exports, as the listing takes a file it cannot read
                    self.told.append(file.location)
                path = shown_name(self.listed + file.rel)
                self.problem(f"tui-reader: {path}: {shown(exc.reason)}")
                continue
            except _TheOutput:  # (as grep says it)
                name = shown_name(self.listed + file.rel)
                self.problem(f"tui-reader: {name}: input file is also the output; not searched")
                continue
            if held or (held is None and finder.found_in(text)):
                # a plain text's lines as grep counts them: a form feed, a lone CR, ... are
                # newlines in its canonical text that are no line feed of the file (the file
                # read again to find them, unless its text was read clean: it has none)
                added = [] if args.files_with_matches or file_lines else _file_breaks(file)
                name = self.listed + file.rel  # a path, as grep's (:func:`_listed_folder`)
                # (its JSON fields and its name made safe, once a document each, only where
                # printed: a common word's 10,000 documents each made both, 36 ms)
                about = self.about(file.rel) if args.json else {}
                hits = _print_hits(
                    out, args, self.pattern, text, name, about, added, shown=name if as_is else None
                )
                found += hits
                self.empty_only += not hits  # matched, but only where a match is empty
            else:
                self.none_in(file.rel)
        return found

    def binary(self, file: CorpusFile, refused: BinaryFileError, as_is: bool) -> int:
        """Search ``file``, refused as no text (``refused``: NUL bytes, mostly control bytes),
        in its bytes as grep searches a binary file: its UTF-8 read as it is (a byte no UTF-8
        matches nothing), each NUL a line's end, as grep takes it.  A match is no error (grep
        exits 0): ``-l`` prints its name, ``-c`` its lines holding a hit, and the other
        outputs print no line of it but say on stderr, in its place, "binary file matches",
        as grep 3.5 and later say it.  No match: nothing said (``-c``: 0).  How many it
        printed (a match without lines: 1).  A file that cannot be read again is said as
        before, with the reason it was refused."""
        from tui_reader.core.documents.safe_read import read_document_bytes
        from tui_reader.core.search.corpus import binary_pieces

        name = self.listed + file.rel
        try:
            data = read_document_bytes(file.location)
        except DocumentError:
            self.problem(f"tui-reader: {shown_name(name)}: {shown(refused.reason)}")
            return 0
        # Searched a piece at a time (binary_pieces: cut at a line's end), as grep searches
        # its lines: a file of 64 MB made one text composed whole took 1.3 GB.
        args, pattern = self.args, self.pattern
        shown_as = name if as_is else None
        # Its bytes are compared as they are, as grep compares them: not composed (NFC), which
        # took nine tenths of searching random bytes, a run of accents every few characters.
        if args.count:
            count = sum(
                _lines_hit(_spans(args, pattern, text, compose=False), text, ())
                for text in binary_pieces(data)
            )
            self.out.add(f"{_shown(name, shown_as)}:{count}\n")
            return count
        for text in binary_pieces(data):
            if next(_spans(args, pattern, text, compose=False), None) is None:
                continue
            if args.files_with_matches:
                about = self.about(file.rel) if args.json else {}
                _print_name(self.out, args, name, about, shown_as)
                return 1
            self.note(f"tui-reader: {shown_name(name)}: binary file matches")
            return 1
        return 0

    def none_in(self, name: str) -> None:
        """The document ``name`` holds no hit: with ``-c``, its line saying 0, as grep -c
        says it of every file it searched."""
        if self.args.count:
            self.out.add(f"{shown_name(self.listed + name)}:0\n")


LOOKED_AT_ONCE = 500  # documents whose stamps are taken and texts tested in one look
SHARE_FROM = 1000  # documents to read from which a second process searches half of the work
# What reading a document costs, as many packed texts' searches (the packed text of any
# format: 1): a plain text about 3, a Markdown note, rendered, 3.3 times a plain text's
# reading (a first search of 8,000 plain texts and 2,000 notes of 10 KB each); a document
# converted (PDF, Word, a web page, an e-book...) in a process of its own, ten milliseconds
# and more where a plain text takes 30 us
UNREAD_COST = {"text": 3, "markdown": 10}
# Hits from which the documents left to search, their texts kept, are shared with a second
# process, as many expected for each as the first LOOKED_AT_ONCE had: a common word's lines,
# each made and printed at a few microseconds (706,751 lines of "the" in 10,000 texts: 3 s
# of one core); the second process's start, end and lines handed back cost a few hundredths
SHARE_HITS_FROM = 50_000
CONVERTED_COST = 1000


class _Helper:
    """A second process (forked) searching the documents from ``at`` on while this one
    searches those before: with a core free, a first search (every file read, tested and
    packed) takes about half the time.  It writes what it would print, in order, to a file of
    records, and its texts to a spool of its own; once this process has printed its own hits
    it prints those records and takes the texts into the pack.  If the helper fails, nothing
    of it is printed: this process searches its documents itself."""

    def __init__(self, pid: int, at: int, records: IO[bytes], search: _Search) -> None:
        self.pid: int | None = pid
        self.at = at
        self.records = records
        self.search = search
        self.spool: str | None = None  # its spool, until adopted
        self.status: int | None = None  # its exit status, once it has ended

    @classmethod
    def start(
        cls,
        keyed: list[tuple[str, CorpusFile]],
        search: _Search,
        *,
        printing_from: int | None = None,
    ) -> _Helper | None:
        """A helper for the second half of the work, when there are enough documents to read
        and a core free (``None`` otherwise); with ``printing_from``, for the second half of
        the documents, from that one on at the earliest, whose many lines are the work (their
        texts kept)."""
        if not hasattr(os, "fork") or search.pack.spooling or not _core_free():
            return None
        if printing_from is not None:  # half of all of them (this process searched the first)
            at = max(printing_from, len(keyed) // 2)
        else:
            # Only files to read make it worth a second process (packed texts alone, and
            # lines to print but few: measured no sooner, its start and end cost more than
            # it saves).
            if len(keyed) < SHARE_FROM:  # never enough to read
                return None
            held = search.pack.held(key for key, _ in keyed)
            if held.count(False) < SHARE_FROM:
                return None
            at = _half_of_the_work(keyed, held)
            _load_readers(keyed, held)
        import pickle  # noqa: F401 - (its records' end: loaded for a helper alone, before the fork)

        try:
            records = _records_file(search.pack)  # closed by stop()
        except OSError:
            return None
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            records.close()
            return None
        if pid == 0:  # the helper: never returns
            _help(keyed[at:], search, records, parent)
        return cls(pid, at, records, search)

    def finish(self, keyed: list[tuple[str, CorpusFile]], advance: Callable[[], None]) -> int:
        """Once it has ended, print what it found in the documents ``keyed`` (or search them
        here if it failed) and take its texts; how many hits were printed."""
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        self.status = os.waitstatus_to_exitcode(status)
        if self.status != 0 or not _complete(self.records):  # nothing of it printed yet
            return self.search.files(keyed, advance)
        for _ in keyed:
            advance()
        import pickle  # (loaded by start)

        found = 0
        for tag, payload in _records(self.records):  # one at a time: a common word's lines
            if tag == _LINES:
                self.search.out.add_utf8(payload)
            elif tag == _PROBLEM:
                self.search.problem(payload.decode("utf-8", "surrogatepass"))
            elif tag == _NOTE:
                self.search.note(payload.decode("utf-8", "surrogatepass"))
            else:
                # our own helper's records
                found, empty_only, spooled, told, ours = pickle.loads(payload)
                self.search.empty_only += empty_only
                self.search.told.extend(told)  # (the texts it told, for the next listing)
                self.search.ours.extend(ours)
                if spooled is not None:
                    self.spool = spooled[0]
                    with contextlib.suppress(OSError):
                        self.search.pack.adopt(*spooled)
        return found

    def stop(self, keep: bool = False) -> None:
        """End it if it still runs (this process is failing or stopped), and remove what it
        wrote and the pack did not take; with ``keep``, the texts it read are taken into the
        pack first (the search stopped by ctrl+c, or by its reader going: they were lost)."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)  # it stops after the document it reads
            self.status = _ended(self.pid, _STOP_WAIT)
            self.pid = None
        if self.records.closed:  # stopped already
            return
        if self.spool is None and self.status in (0, _STOPPED) and _complete(self.records):
            spooled = _report(self.records)[2]  # its texts, not taken yet
            if spooled is not None:
                self.spool = spooled[0]
                if keep:
                    with contextlib.suppress(OSError):
                        self.search.pack.adopt(*spooled)
        self.records.close()
        if self.spool is not None and not self.search.pack.adopted(self.spool):
            with contextlib.suppress(OSError):
                os.unlink(self.spool)


def _records_file(pack: TextPack) -> IO[bytes]:
    """A new file for a helper's records, in the folder of the texts ``pack`` (the cache
    folder), removed at once: it goes with its last descriptor, as ``tempfile``'s
    ``TemporaryFile`` goes, without loading that module (and random and shutil with it: 5 to
    8 ms of CPU a first search loaded for nothing else).  Raises OSError."""
    if pack.path is None:
        raise OSError(errno.ENOENT, "no folder for the texts")
    make_cache_folder(pack.path.parent)
    fd, name = new_file(pack.path.parent, ".search-records.")
    try:
        os.unlink(name)
        return os.fdopen(fd, "w+b")
    except BaseException:
        os.close(fd)
        raise


def _half_of_the_work(keyed: list[tuple[str, CorpusFile]], held: list[bool]) -> int:
    """Where half the work of searching ``keyed`` (a text of each ``held`` packed or not)
    ends: a document to read costs its format's :data:`UNREAD_COST`, a packed text 1.  Each
    file to read counted alike, a folder of Markdown notes listed after one of transcripts
    went to the second process whole: it searched for twice as long as this one."""
    costs = [
        1 if kept else UNREAD_COST.get(file.format or "", CONVERTED_COST)
        for (_, file), kept in zip(keyed, held, strict=True)
    ]
    half, done, at = sum(costs) / 2, 0, 0
    for cost in costs:  # up to the document nearest the half (a book of the whole work's
        if done + cost - half > half - done:  # half or more: the second process's alone)
            break
        done += cost
        at += 1
    return at


# A helper's records: lines, a problem, a note (a document read in part), its end.
_LINES, _PROBLEM, _NOTE, _REPORT = b"L", b"P", b"N", b"R"
_RECORD_HEAD = struct.Struct("<cQ")  # a record's tag and length
_STOPPED = 3  # a helper's exit status when it was stopped: its report names its texts alone
_STOP_WAIT = 2.0  # seconds a helper asked to stop is given to end the document it reads
# Whether this process is converting a document now (read by a helper's signal handler).
_converting = [False]


class _StopAsked(BaseException):
    """The helper was asked to stop (TERM, or ctrl+c's INT sent to both processes); no
    Exception, so that a converter's ``except Exception`` does not take it for a damaged
    file (and keep that of the file)."""


def _ended(pid: int, wait: float) -> int:
    """The exit status of the process ``pid``, once it has ended: killed if it has not
    within ``wait`` seconds (a huge document being converted)."""
    deadline = time.monotonic() + wait
    killed = False
    while True:
        try:
            # (the wait past the deadline only once it is killed: it waited, unkilled, until
            # the helper ended, and a search stopped by ctrl+c ran on for as long as a
            # conversion took)
            done, status = os.waitpid(pid, 0 if killed else os.WNOHANG)
        except ChildProcessError:
            return -1
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            killed = True
        else:
            time.sleep(0.005)


def _help(
    keyed: list[tuple[str, CorpusFile]], search: _Search, records: IO[bytes], parent: int
) -> NoReturn:
    """The helper's whole life: search ``keyed`` writing records, then exit (0: all of them
    written)."""
    import pickle  # (loaded by _Helper.start)

    status = 1
    asked: list[int] = []  # the signals that asked it to stop
    try:

        def stopped(number: int, _frame: object) -> None:
            # Not raised where it comes (in the middle of a text put into the pack): it
            # stops before the next document, and reports the texts it has read; but at
            # once while a document is converted (its converter's child is killed), which
            # can take longer than the search waits for it (then it was killed, and every
            # text it had read was lost)
            asked.append(number)
            if _converting[0]:
                _converting[0] = False
                raise _StopAsked

        for number in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)):
            if number is not None:
                signal.signal(number, stopped)

        def record(tag: bytes, payload: bytes) -> None:
            records.write(_RECORD_HEAD.pack(tag, len(payload)))
            records.write(payload)

        def lines(text: str) -> None:
            record(_LINES, text.encode("utf-8", "surrogatepass"))

        def problem(message: str) -> None:
            search.out.write()
            record(_PROBLEM, message.encode("utf-8", "surrogatepass"))

        def note(message: str) -> None:
            search.out.write()
            record(_NOTE, message.encode("utf-8", "surrogatepass"))

        def advance() -> None:
            if os.getppid() != parent:  # the search ended without it
                raise SystemExit(1)
            if asked:
                raise _StopAsked

        search.out = _Output(lines)
        search.problem = problem  # type: ignore[method-assign]
        search.note = note  # type: ignore[method-assign]
        found = search.files(keyed, advance)
        search.out.write()
        spooled = search.pack.spooled()
        report = (found, search.empty_only, spooled, search.told, search.ours)
        record(_REPORT, pickle.dumps(report))
        records.flush()
        status = 0
    except _StopAsked:  # its texts named, for the search to keep (its lines not printed)
        with contextlib.suppress(BaseException):
            record(_REPORT, pickle.dumps((0, 0, search.pack.spooled(), [], [])))
            records.flush()
            status = _STOPPED
    except BaseException:  # whatever it was: the search goes on without it
        status = 1
    finally:
        if status == 1:
            search.pack.close()  # its spool removed
        os._exit(status)


def _complete(records: IO[bytes]) -> bool:
    """Whether the records a helper wrote are whole and end with its report."""
    size = records.seek(0, os.SEEK_END)
    at, tag = 0, b""
    while at + _RECORD_HEAD.size <= size:
        records.seek(at)
        tag, length = _RECORD_HEAD.unpack(records.read(_RECORD_HEAD.size))
        at += _RECORD_HEAD.size + length
    return at == size and tag == _REPORT


def _report(records: IO[bytes]) -> tuple[int, int, tuple[str, list[SpooledText]] | None]:
    """The report that ends a helper's records (whole: :func:`_complete`): its hits, its
    texts matched in empty text alone, and its spool and the texts in it."""
    import pickle  # (loaded by _Helper.start)

    size = records.seek(0, os.SEEK_END)
    at, last = 0, (0, 0)
    while at < size:  # from head to head: a common word's lines are not read
        records.seek(at)
        _, length = _RECORD_HEAD.unpack(records.read(_RECORD_HEAD.size))
        last = (at + _RECORD_HEAD.size, length)
        at = last[0] + length
    records.seek(last[0])
    found, empty_only, spooled, _told, _ours = pickle.loads(records.read(last[1]))  # our own
    return found, empty_only, spooled


def _records(records: IO[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """The records a helper wrote (whole: :func:`_complete`), in order."""
    records.seek(0)
    while head := records.read(_RECORD_HEAD.size):
        tag, length = _RECORD_HEAD.unpack(head)
        yield tag, records.read(length)


@functools.cache
def _fresh_reader() -> Callable[..., FreshText]:
    """:func:`~tui_reader.core.search.corpus.read_fresh`, imported when a first file is read
    (a search whose texts are all packed never loads it), then at hand: imported in the
    function reading each file, it cost 3 us a file, 30 ms of a first search of 10,000."""
    from tui_reader.core.search.corpus import read_fresh

    return read_fresh


def _load_readers(keyed: list[tuple[str, CorpusFile]], held: list[bool]) -> None:
    """Import, before a helper is forked, what reads the plain texts and Markdown notes among
    ``keyed`` not ``held`` in the pack: imported after the fork, each of the two processes
    imported it (some 16 ms of CPU, paid twice).  Markdown that is more than plain still
    loads markdown-it when met (a corpus whose notes are plain never loads it)."""
    formats = {file.format for (_, file), kept in zip(keyed, held, strict=True) if not kept}
    if formats & {"text", "markdown"}:
        _fresh_reader()
    if "markdown" in formats:
        from tui_reader.core.documents.formats import markdown  # noqa: F401


def _read(search: _Search, key: str, file: CorpusFile, *, exports: bool = False) -> FreshText:
    """The canonical text of ``file`` read now and packed, tested with the search's finder
    (in its bytes when they can tell: ``held`` None when they cannot).  Raises
    :class:`_TheOutput` (nothing packed) when it is the file the hits are written to.
    ``exports``: a text that is a Markdown export of ours is told by the bytes read
    (``ours``: nothing else read, nothing packed)."""
    assert file.format is not None
    pack, finder = search.pack, search.finder
    if file.format in ("text", "markdown"):  # (read whole or not at all: no problems)
        fresh = _fresh_reader()(file.location, file.format, finder, exports=exports)
        if fresh.ours:
            return fresh
        search.check_not_output(file.location, fresh.stamp)
    else:  # converted: what could not be read of it said, as list says it
        from tui_reader.core.documents.document import load_document
        from tui_reader.core.search.corpus import FreshText

        stamp = file_stamp(file.location)
        search.check_not_output(file.location, stamp)
        _converting[0] = True  # a helper asked to stop gives up this document at once
        try:
            document = load_document(Path(file.location))
        finally:
            _converting[0] = False
        fresh = FreshText(stamp, document.title, document.text, None, problems=document.problems)
    kept = pack.put(
        key, fresh.stamp, fresh.title, fresh.text, fresh.data, fresh.problems,
        file_lines=fresh.file_lines, flags=fresh.flags,
    )  # fmt: skip
    if fresh.held is None and kept:
        fresh.held = pack.test(key, fresh.stamp, finder.in_bytes)
    return fresh


def _file_breaks(file: CorpusFile) -> list[int]:
    """:func:`~tui_reader.core.search.corpus.file_breaks` of ``file``, imported when a first
    document's lines are printed: ``-l`` with every text packed reads no document, and never
    loads the modules that read one (60 ms of its CPU, a tenth of it)."""
    from tui_reader.core.search.corpus import file_breaks

    return file_breaks(file.location, file.format or "")


def _listed_folder(corpus: Path, *, typed: str | None = None) -> str:
    """What a hit line and ``-l`` print before each document's name in ``corpus``, as grep
    prints a path: the corpus's path as ``typed`` (the PATH given: the corpus, or a file of
    it), as grep echoes it (``./docs/``, ``../x/docs/``, ``./`` for ``.``, a whole path
    whole, a link to the corpus as the link); with no PATH, or a file named from a folder in
    the corpus, the corpus's path from the current folder (``docs/``; nothing for the
    current folder), or its whole path when it is not in it.  The name alone (``a.txt`` of
    ``docs/a.txt``) was no path a program run here could open (``search -l war docs | xargs
    wc``); the path names the document for the other commands as well as its name does."""
    folder = os.path.abspath(corpus)
    if typed:
        given = typed if os.path.isdir(typed) else os.path.dirname(typed)
        # the folder itself, or a link to it (``linked``, printed as grep -r echoes it: the
        # corpus is the folder linked to, and its paths were printed from there)
        same = os.path.abspath(given) == folder or (
            os.path.realpath(given) == os.path.realpath(folder)
        )
        if os.path.isabs(given) and not same:  # (a file of a subfolder)
            return os.path.join(folder, "")
        if given not in ("", os.curdir) and same:
            return given.rstrip(os.sep) + os.sep if given.strip(os.sep) else given
    try:
        here = os.getcwd()
    except FileNotFoundError:  # the current folder deleted: the whole path
        return os.path.join(folder, "")
    within = os.path.relpath(folder, here)
    if within == os.curdir:
        return ""
    if within == os.pardir or within.startswith(os.pardir + os.sep):
        return os.path.join(folder, "")
    return os.path.join(within, "")


class _Output:
    """The lines of the hits, written to stdout (or ``write``) a batch at a time (each write
    passes the output gate: a write per line cost as much as the rest of a search for a
    common word), the first line at once and the rest at least every :data:`_WRITE_EVERY`
    seconds."""

    def __init__(self, write: Callable[[str], object] | None = None) -> None:
        self._write = write
        self._lines: list[str] = []
        self._written = 0.0  # when lines were last written (0: never)
        # A line added: the list's own append, no call of a method of ours between (a
        # common word's 706,750 lines each went through one)
        self.add: Callable[[str], None] = self._lines.append

    def add_utf8(self, lines: bytes) -> None:
        """Lines in UTF-8 (a helper's, as it made them): written as they are, after the lines
        before them, when standard output writes UTF-8 and they hold no surrogate (decoded
        and encoded again, the half of a common word's lines a helper made cost this process
        a tenth of a second after the helper had ended); else added as text."""
        stream = past_the_gate(sys.stdout) if self._write is None else None
        binary = _utf8_bytes(stream) if stream is not None else None
        if stream is None or binary is None or _SURROGATE_UTF8.search(lines) is not None:
            self.add(lines.decode("utf-8", "surrogatepass"))
            self.write_when_due()
            return
        self.write()
        stream.flush()  # (what the text layer holds first)
        binary.write(lines)
        if stream.line_buffering:  # a terminal: each line shown as it comes, as text is
            binary.flush()

    def write_when_due(self) -> None:
        if self._lines and (
            not self._written
            or len(self._lines) >= _WRITE_LINES
            or time.monotonic() - self._written >= _WRITE_EVERY
        ):
            self.write()

    def write(self) -> None:
        if self._lines:
            # (each line made safe as it was made: see _print_hits)
            (self._write or past_the_gate(sys.stdout).write)("".join(self._lines))
            self._lines.clear()
            self._written = time.monotonic()


_WRITE_EVERY = 0.05  # seconds
_WRITE_LINES = 1000
_SURROGATE_UTF8 = re.compile(rb"\xed[\xa0-\xbf]")  # a surrogate's UTF-8, as surrogatepass writes it


def _utf8_bytes(stream: IO[str]) -> IO[bytes] | None:
    """The bytes under the text stream ``stream`` when it writes UTF-8 (else ``None``: a
    test's capture, UTF-16, a closed standard output)."""
    if not isinstance(stream, io.TextIOWrapper):
        return None
    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
    except LookupError:
        return None
    return stream.buffer if utf8 else None


def _print_hits(
    out: _Output,
    args: argparse.Namespace,
    pattern: TextPattern,
    text: str,
    name: str,
    about: dict[str, object],
    added: Sequence[int] = (),
    *,
    shown: str | None = None,
) -> int:
    """Print the hits of ``pattern`` in ``text`` (of the document or memo ``name``, which
    ``about`` describes in JSON) as the arguments ask; returns how many were printed.  The
    lines are the text's, but for its ``added`` newlines, which are no line feed of its file
    (:func:`~tui_reader.core.search.corpus.file_breaks`): not counted.  ``shown``: ``name``
    as :func:`~tui_reader.core.display.shown_name` shows it, when the caller knows it."""
    spans = _spans(args, pattern, text)
    if args.files_with_matches:
        if next(spans, None) is None:
            return 0
        _print_name(out, args, name, about, shown)
        return 1
    if args.count:
        count = _lines_hit(spans, text, added)
        out.add(f"{_shown(name, shown)}:{count}\n")
        return count
    if args.json:
        return _json_hits(out, spans, text, about, added)
    return _hit_lines(out, spans, text, _shown(name, shown), added)


def _print_name(
    out: _Output, args: argparse.Namespace, name: str, about: dict[str, object], shown: str | None
) -> None:
    """The line of ``-l`` naming ``name`` (see :func:`_print_hits`)."""
    if args.null:
        out.add(f"{name}\0")
    else:
        out.add((json.dumps(about) if args.json else _shown(name, shown)) + "\n")


def _shown(name: str, shown: str | None) -> str:
    """``name`` as :func:`~tui_reader.core.display.shown_name` shows it: ``shown`` when known."""
    return shown_name(name) if shown is None else shown


def _lines_hit(spans: Iterator[tuple[int, int]], text: str, added: Sequence[int]) -> int:
    """How many lines of ``text`` a hit of ``spans`` begins on, as grep -c counts them: its
    file's lines, but for its ``added`` newlines (see :func:`_print_hits`)."""
    count, line, previous, last = 0, 1, 0, 0
    for start, _ in spans:
        line += text.count("\n", previous, start)
        previous = start
        said = file_line(line, added) if added else line
        if said != last:
            count, last = count + 1, said
    return count


def _json_hits(
    out: _Output,
    spans: Iterator[tuple[int, int]],
    text: str,
    about: dict[str, object],
    added: Sequence[int],
) -> int:
    """Each hit of ``spans`` in ``text`` as a JSON object, with its offsets (see
    :func:`_print_hits`): ``about``'s fields (none of them a hit's), then the hit's; how
    many.  Each line is what ``json.dumps`` writes of that object (ASCII: any file name
    survives), ``about`` written once: its fields open every line, and the hit's two strings
    are escaped by the encoder's own function (``json.dumps`` of each record, a dictionary
    made and walked for each of a common word's million hits, was two thirds of such a
    search)."""
    found = 0
    line, previous = 1, 0
    bounds = (0, -1)  # the line of the last hit (none yet)
    head = json.dumps(about)[:-1] + ", " if about else "{"
    string = encode_basestring_ascii
    for start, end in spans:
        found += 1
        line += text.count("\n", previous, start)
        previous = start
        if not bounds[0] <= start <= end <= bounds[1]:  # a hit on another line
            bounds = file_line_bounds(text, start, end, line, added)
        context = context_in_line(text, bounds, start, end)
        said = file_line(line, added) if added else line
        out.add(
            f'{head}"line": {said}, "start": {start}, "end": {end}, '
            f'"match": {string(text[start:end])}, "context": {string(context)}}}\n'
        )
    return found


def _hit_lines(
    out: _Output,
    spans: Iterator[tuple[int, int]],
    text: str,
    where: str,
    added: Sequence[int],
) -> int:
    """Each line of ``text`` holding a hit of ``spans`` printed once, as grep prints it,
    ``where:line: context``, however many hits are on it (see :func:`_print_hits`); how many
    hits.  The work is a printed line's, not a hit's: a hit within the part of its line
    printed for the hit before is only counted, and the line of a hit is counted (the
    newlines before it) only when it is printed."""
    # A context is a piece of one line of the text (and "…"): when the text is ASCII and
    # holds no control character but line breaks, shown() leaves it as it is (a common word's
    # million contexts were each scanned again).  Found in the text's bytes, 8 us for 10 KB
    # (the regex engine's scan of the whole text took 58 us: more than its hits saved).
    as_is = text.isascii() and not holds_control(text, _SHOWN_OTHERWISE, c1=False)
    if not added:
        return _plain_hit_lines(out, spans, text, where, as_is)
    return _lines_of_any_text(out, spans, text, where, added, as_is)


def _lines_of_any_text(
    out: _Output,
    spans: Iterator[tuple[int, int]],
    text: str,
    where: str,
    added: Sequence[int],
    as_is: bool,
) -> int:
    """:func:`_hit_lines` of any text: ``as_is``, whether it is ASCII holding no control
    character but line feeds."""
    found = 0
    line, counted = 1, 0  # the line at offset ``counted`` (the newlines before it counted)
    first, last = 0, -1  # the line of the last hit (none yet)
    left, right = 0, -1  # the part of it printed for the hits before on it (none yet)
    parts = 0  # the parts of that line printed
    spaces_only = False  # whether that line holds no white space but the space
    unshown = 0  # its hits beyond PARTS_PER_LINE parts, not printed (said after the line)
    at = 0  # where the last hit starts
    add = out.add
    for start, end in spans:
        found += 1
        if left <= start and end <= right:  # in the part printed (of its line) for one before
            at = start
            continue
        if not (first <= start and end <= last):  # a hit on another line
            if unshown:
                line += text.count("\n", counted, at)
                counted = at
                add(_unshown_line(where, file_line(line, added), unshown))
            parts, unshown = 0, 0
            if added:  # the lines a form feed or a lone CR ends are one of the file's
                line += text.count("\n", counted, start)
                counted = start
                first, last = file_line_bounds(text, start, end, line, added)
                spaces_only = as_is and text.find("\n", first, last) < 0
            else:
                first, last = line_bounds(text, start, end)
                # its only white space the space, but where a hit across a line feed made
                # it two
                spaces_only = as_is and text.find("\n", start, end) < 0
        at = start
        # a line once, as grep prints it, however many hits are on it: again only for a
        # hit beyond the part of a long line printed for the hit before, and for so many
        # parts at most (a 20 MB line of one paragraph was printed 150,000 times for a
        # common letter, in pieces: the rest of its hits counted in one line)
        if parts == PARTS_PER_LINE:
            unshown += 1
            continue
        parts += 1
        left, right = context_span((first, last), start, end, text=text, spaces_only=spaces_only)
        line += text.count("\n", counted, start)
        counted = start
        # the line said: the file's (most texts: their lines are their file's)
        said = file_line(line, added) if added else line
        context = span_shown(text, (first, last), (left, right))
        safe = as_is and "\n" not in context  # (a pattern may match a line break)
        add(f"{where}:{said}: {context if safe else shown(context)}\n")
    if unshown:
        line += text.count("\n", counted, at)
        add(_unshown_line(where, file_line(line, added), unshown))
    return found


PARTS_PER_LINE = 10  # parts of one long line printed, each for hits far from the part before


def _plain_hit_lines(
    out: _Output, spans: Iterator[tuple[int, int]], text: str, where: str, as_is: bool
) -> int:
    """:func:`_lines_of_any_text` of a text whose line breaks are each one of its file's
    (most texts): the same lines, with each line's bounds, and where a line is ASCII and
    holds no control character (the whole text, ``as_is``; else told of each line holding a
    hit: a Markdown note's bullets are no ASCII), its context's cut (:func:`~tui_reader.core.
    search.hits.context_span`, where a line's only white space is the space) and ellipses
    worked out here, none of it :func:`~tui_reader.core.display.shown` changes: not three
    calls and the tuples passed to them, nor a look for what to show otherwise (a common
    word's 706,750 lines in 10,000 texts, 2,000 of them Markdown: the search took 4.9 s of
    the processor, 4.3 s so).  A line's number and what opens each of its parts, ``where:line:
    ``, are worked out once a line, not once a part, unless a hit across a line feed made it
    two (a common word's lines are long paragraphs, each printed in two or three parts)."""
    found = 0
    line, counted = 1, 0  # the line at offset ``counted`` (the newlines before it counted)
    first, last = 0, -1  # the line of the last hit (none yet)
    left, right = 0, -1  # the part of it printed for the hits before on it (none yet)
    parts = 0  # the parts of that line printed
    plain = False  # whether that line is ASCII holding no control character
    one = True  # whether that line holds no line feed (no hit across one made it two)
    head = ""  # what opens each part of that line printed: where:line:
    unshown = 0  # its hits beyond PARTS_PER_LINE parts, not printed (said after the line)
    at = 0  # where the last hit starts
    add, find, rfind, count = out.add, text.find, text.rfind, text.count
    size, width, reach, most = len(text), CONTEXT_WIDTH, CUT_REACH, PARTS_PER_LINE
    for start, end in spans:
        found += 1
        if left <= start and end <= right:  # in the part printed (of its line) for one before
            at = start
            continue
        if not (first <= start and end <= last):  # a hit on another line
            if unshown:
                line += count("\n", counted, at)
                counted = at
                add(_unshown_line(where, line, unshown))
            parts, unshown = 0, 0
            first = rfind("\n", 0, start) + 1
            last = find("\n", end)
            if last < 0:
                last = size
            one = find("\n", start, end) < 0
            if as_is:  # (but where a hit across a line feed made it two)
                plain = one
            elif last - first > _LINE_LOOKED_AT:  # (not copied: cut as any text's)
                plain = False
            else:  # (a line break is no printable character)
                held = text[first:last]
                plain = held.isascii() and held.isprintable()
            line += count("\n", counted, start)
            counted = start
            head = f"{where}:{line}: "
        elif not one:  # (its parts after the line feed are on the next line)
            line += count("\n", counted, start)
            counted = start
            head = f"{where}:{line}: "
        at = start
        if parts == most:
            unshown += 1
            continue
        parts += 1
        if not plain:
            left, right = context_span((first, last), start, end, width, text)
            add(f"{head}{shown(span_shown(text, (first, last), (left, right)))}\n")
            continue
        # context_span's cut, written out
        room = width - (end - start)
        if room < 0:
            room = 0
        left = start - room // 3
        if left < first:
            left = first
        right = end + room - (start - left)
        if right > last:
            right = last
        if right - width < left:
            left = right - width if right - width > first else first
        if left > first and text[left - 1] != " ":
            limit = left + reach
            if limit > start:
                limit = start
            space = find(" ", left, limit)
            if space >= 0:
                left = space + 1
                while left < start and text[left] == " ":
                    left += 1
        if right < last and text[right] != " ":
            low = right - reach
            if low < end:
                low = end
            space = rfind(" ", low, right)
            if space >= 0:
                while space > low and text[space - 1] == " ":
                    space -= 1
                right = space
        if left > first:
            add(f"{head}…{text[left:right]}…\n" if right < last else f"{head}…{text[left:right]}\n")
        elif right < last:
            add(f"{head}{text[left:right]}…\n")
        else:
            add(f"{head}{text[left:right]}\n")
    if unshown:
        line += count("\n", counted, at)
        add(_unshown_line(where, line, unshown))
    return found


# The longest line of a text beyond ASCII looked at (a copy of it) to tell whether it is ASCII
# without a control character: a longer one, a 50 MB paragraph, is cut as any text's lines.
_LINE_LOOKED_AT = 1 << 16


def _unshown_line(where: str, line: int, unshown: int) -> str:
    """The line saying how many hits of the long line ``line`` were not printed."""
    hits = "hit" if unshown == 1 else "hits"
    return f"{where}:{line}: [{unshown:,} more {hits} on this line; --json gives each]\n"


# The ASCII characters shown() changes, but the line break (no context holds one unless its
# hit does: checked for each).
_SHOWN_OTHERWISE = bytes(range(0x0A)) + bytes(range(0x0B, 0x20)) + b"\x7f"


def _spans(
    args: argparse.Namespace, pattern: TextPattern, text: str, *, compose: bool = True
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each hit of ``pattern`` in ``text``, as ``pattern.finditer`` finds
    them (empty matches are no hits).  A literal is found with ``str.find``, ignoring case in
    the text lowercased where that finds every hit of its full case folding
    (:func:`~tui_reader.core.search.hits.lowered_starts`: an ASCII query, a text without ß,
    ﬁ or the like, accents and bullets or not), ten times faster than the regex engine's
    case-blind scan: a common word's million hits were a million matches of it; printed, its
    hits' ends are found at once, the text split at them (:func:`~tui_reader.core.search.
    hits.literal_ends`), and paired with their starts in C (each was a pair made and yielded
    through two generators, four and an object in a text beyond ASCII), while ``-l`` asks
    for the first alone.  A text that is not composed (NFC) is searched composed, and its
    hits given in its own offsets (:mod:`~tui_reader.core.search.composed`), unless not to
    ``compose`` (a binary file's bytes, compared as they are, as grep compares them)."""
    view = uncomposed(text) if compose else None
    if view is not None:
        return (view.span(start, end) for start, end in _spans(args, pattern, view.text))
    literal = _literal(args)
    # (a text whose other spaces or ligatures a literal taking case as typed must read
    # loosely: found by the literal's pattern, ExactLiteral)
    loose = (
        not args.ignore_case
        and literal is not None
        and (loosely_typed(literal) != literal or read_loosely(text, literal))
    )
    if literal is not None and not loose:
        folded = fold(literal) if args.ignore_case else literal
        size = len(folded)
        if args.files_with_matches:  # (the first alone is asked for)
            # (ignoring case: as FoldedLiteral finds it, where lowercasing finds it)
            starts = (
                lowered_starts(text, folded)
                if args.ignore_case
                else literal_starts(text, folded, fold=False)
            )
            if starts is not None:
                return ((start, start + size) for start in starts)
        else:
            ends = (
                lowered_ends(text, folded)
                if args.ignore_case
                else literal_ends(text, folded, fold=False)
            )
            if ends is not None:
                starts_of = map(operator.sub, ends, itertools.repeat(size))
                return zip(starts_of, ends, strict=True)
    return (match.span() for match in pattern.finditer(text) if match.start() != match.end())


def _memos(db: Path) -> list[Memo]:
    """The memos of the database (none when there is none yet: searching creates nothing)."""
    if not db.is_file():
        return []
    from tui_reader.core.store.document_records import MEMOS, memos_of
    from tui_reader.core.store.journal import read_tables

    tables = read_tables(db, [MEMOS])  # the memos alone: not 128 MB of annotations
    if tables is not None:
        memos = memos_of(tables.get(MEMOS, {}))
    elif not _may_hold_memos(db):
        return []
    else:  # the store reads it all, or says what is wrong
        from tui_reader.core.store.annotation_store import AnnotationStore

        store = AnnotationStore(db, read_only=True)
        try:
            memos = store.memos()
        finally:
            store.close()
    return memos


def _of_documents(memos: list[Memo], documents: set[str]) -> list[Memo]:
    """The memos of ``documents``."""
    from tui_reader.core.analysis.memos import MemoKind

    return [m for m in memos if m.kind is MemoKind.DOCUMENT and m.target in documents]


def _of_a_file_gone(memos: list[Memo], db: Path) -> bool:
    """Whether a document's memo among ``memos`` names a file that is not there (a ``stat``
    per document memo): moved, its memo is found under its new name once it followed it.
    No memo (``-l``, a database without any): the memos' module is not loaded."""
    if not memos:
        return False
    from tui_reader.core.analysis.memos import MemoKind

    folder = str(db.parent)
    return any(
        memo.kind is MemoKind.DOCUMENT
        and not os.path.isfile(os.path.normpath(os.path.join(folder, memo.target)))
        for memo in memos
    )


def _followed(corpus: Path, db: Path) -> list[Memo]:
    """The memos once those of files moved followed them (the pass an export makes first,
    said in the same lines); as they were when the database cannot be opened for it."""
    from tui_reader.core.errors import StoreError
    from tui_reader.core.workspace import Workspace

    try:
        workspace = Workspace(corpus, db)
    except StoreError as exc:
        print(f"tui-reader: {shown(str(exc))}", file=sys.stderr)
        return _memos(db)
    try:
        follow_moved(workspace)
        return workspace.store.memos()
    finally:
        close_store(workspace.store)


def _in_folder(memo: Memo, folder: str) -> bool:
    """Whether ``memo`` is not a document's, or is the memo of a document below the folder of
    key ``folder`` (its file there or not: a memo outlives a file moved away)."""
    from tui_reader.core.analysis.memos import MemoKind

    if memo.kind is not MemoKind.DOCUMENT:
        return True  # the journal and the codes' memos are the database's
    return folder == "." or memo.target.startswith(folder.rstrip("/") + "/")


def _may_hold_memos(db: Path) -> bool:
    """False when neither the database nor its journal names the memos' table: no memo was
    ever written, and the store (its modules, the whole database) need not be loaded."""
    from tui_reader.core.store.snapshot import may_name_table

    try:
        with open(db, "rb") as file:
            head = file.read(64).lstrip()
    except OSError:
        return True  # the store says what is wrong
    if not head.startswith(b"{"):
        # no database's JSON (text written over it by a '>', emptied): the store says what
        # it holds and how to restore it; the search said nothing and exited 0, its memos
        # not searched
        return True
    for path in (db, *db_sidecars(db)[:1]):
        try:
            if may_name_table(path, "memos"):
                return True
        except FileNotFoundError:
            continue
        except OSError:
            return True  # the store says what is wrong
    return False
