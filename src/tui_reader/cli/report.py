"""``tui-reader report frequencies|matrix|cooccurrence``: tables of the coding, as an aligned
table (the default), CSV, Markdown or JSON (one object per row; shapes in
:mod:`tui_reader.core.analysis.reports`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui_reader.cli.code_depth import add_depth_argument, depth_line
from tui_reader.cli.common import (
    SAID_AT_MOST,
    UNREAD_RECORDS,
    add_format_argument,
    add_json_argument,
    add_tag_argument,
    check_given_coder_names,
    close_store,
    codes_typed,
    named_coders,
)
from tui_reader.cli.query import add_of_coders_argument, add_scope_arguments, scope_of
from tui_reader.core.analysis.known_turns import turns_known
from tui_reader.core.analysis.matching import ALWAYS_GIVEN, no_code_lines, spelled_codes
from tui_reader.core.analysis.reports import (
    MEETING_PLACE,
    NO_VALUE,
    Row,
    at_depth,
    attribute_columns,
    coder_matrix,
    column_key,
    column_order,
    cooccurrence_rows,
    frequencies,
    matrix,
)
from tui_reader.core.analysis.scope_records import Passage
from tui_reader.core.analysis.speaker_columns import NO_SPEAKER, SpeakerColumns, speaker_matrix
from tui_reader.core.analysis.tables import TABLE_FORMATS, table_pieces
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.display import said_word
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import capped

REPORTS = ("frequencies", "matrix", "cooccurrence")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 1 when no --tag named is a code; 2 when a record of the database "
        "or an annotated document could not be read (said on stderr; the rest is counted) "
        "or on an error"
    )
    parser.add_argument(
        "report",
        choices=REPORTS,
        help="frequencies: each code's passages, documents, characters (overlaps once) and "
        "coverage (a fraction of every character of the text in scope, a transcript's "
        "speaker labels and timestamps included, as NVivo counts a source's coverage; "
        "agreement by character counts a transcript's words alone, its labels left out); "
        "matrix: its passages per document or "
        "value; cooccurrence: in how many places each two codes meet, a place being "
        f"{MEETING_PLACE} "
        "(passages of two coders never meet, nor two passages of one document that do not "
        "overlap); a code is never paired with itself (the table's '-', the CSV's empty "
        "cell, a key JSON leaves out of the code's row)",
    )
    parser.add_argument(
        "--by",
        default=None,
        metavar="document|ATTRIBUTE",
        help="matrix: a column per document (default) or per value of an attribute",
    )
    parser.add_argument(
        "--by-speaker",
        action="store_true",
        help="matrix: a column per speaker of the transcripts, a passage counted for each "
        "speaker whose words it holds (a question and its answer: both), one in no turn "
        f"under {NO_SPEAKER!r}; not an attribute named speaker, which --by speaker takes",
    )
    parser.add_argument(
        "--by-coder",
        action="store_true",
        help="matrix: a column per coder, each coder's passages of each code (--coder "
        "names the coders to show); not an attribute named coder, which --by coder takes",
    )
    add_tag_argument(parser, "only this code (and the codes below it)")
    add_depth_argument(
        parser,
        "count the codes at their first N levels, each code below counted as the one it is "
        "under, a passage once however many of them it carries (--depth 1: "
        "militarization/bases and militarization/training are militarization, a row of "
        "its own); default: every code apart",
    )
    add_of_coders_argument(parser, "every coder's, so a passage two coders coded counts twice")
    add_format_argument(parser, TABLE_FORMATS, "the table's (default: table)", default="table")
    add_json_argument(parser)
    add_scope_arguments(parser)


def run(args: argparse.Namespace) -> int:
    chosen = {"--by": args.by is not None, "--by-speaker": args.by_speaker}
    chosen["--by-coder"] = args.by_coder
    columns_by = [option for option, on in chosen.items() if on]
    if len(columns_by) > 1:
        raise TuiReaderError(f"{' and '.join(columns_by)}: give one of them")
    for option in ("--by-speaker", "--by-coder"):
        if option in columns_by and args.report != "matrix":
            raise TuiReaderError(f"{option} goes with the matrix report")
    if args.by is None or args.by.strip().casefold() == "document":
        args.by = "document"  # DOCUMENT, as an attribute's name is any case
    if args.by != "document" and args.report != "matrix":
        raise TuiReaderError("--by goes with the matrix report")
    check_given_coder_names(args.of_coders, "--coder")
    workspace, scope = scope_of(args)
    try:
        codebook = [t.name for t in workspace.store.tags()] if args.tag else []
        args.tag = codes_typed(args, codebook)
        # a code no longer in the codebook: the history says what it became
        renames = workspace.store.renamed_tags() if spelled_codes(args.tag, codebook)[1] else {}
        counts = workspace.store.coder_counts() if args.of_coders else {}
        # Ben takes ben's and BEN's passages, as coder:Ben does
        coders = (
            {c for name in args.of_coders for c in named_coders(name, counts)}
            if args.of_coders
            else None
        )
        # the attributes the user gave any document (a --by naming none of them is a typo)
        given = (
            {n.casefold(): n for values in workspace.store.attributes().values() for n in values}
            if args.by != "document"
            else {}
        )
    finally:
        close_store(workspace.store)
    passages: Sequence[Passage | Annotation]
    if coders is None:
        passages = scope.passages()  # no Annotation built: a report reads places and codes
    else:
        passages = [a for a in scope.annotations if a.coder in coders]
    tags: list[str] = []
    unknown: list[str] = []
    if args.tag:
        used = {t for p in passages for t in p.tags}
        tags, unknown = spelled_codes(
            (t.strip("/") for t in args.tag if t.strip("/")), [*codebook, *used]
        )
        lines = no_code_lines(unknown, [*codebook, *used], lambda: renames)
        for line in capped(lines, SAID_AT_MOST):
            print(f"tui-reader: {line}", file=sys.stderr)
    if args.depth is not None:
        used = {t for p in passages for t in p.tags}
        print(f"tui-reader: {depth_line(used, tags, args.depth, 'counted')}", file=sys.stderr)
        passages = at_depth(passages, args.depth, tags)
    header = ["tag"]  # the columns of a table without a row (a CSV's header)
    shown_table = True
    if args.report == "frequencies":
        rows: Sequence[Row] = frequencies(passages, scope.lengths, tags)
        header = ["tag", "passages", "documents", "characters", "coverage"]
    elif args.report == "cooccurrence":
        rows = cooccurrence_rows(passages, tags)  # each row made as it is written
        if len(rows) == 1:  # a table of one row and no column would look like a result
            only = str(rows[0]["tag"])
            more = "name another with --tag" if args.tag else "no other code is used here"
            print(
                f"tui-reader: co-occurrence needs two codes or more, and this report has one, "
                f"{only!r} ({more})",
                file=sys.stderr,
            )
            # its one cell, the code's name, said just now: no table to read (a csv or a
            # json keeps its one row, for a script reading it)
            shown_table = args.format not in ("table", "markdown")
    elif args.by_coder:
        rows = coder_matrix(passages, tags)
        header = list(rows[0]) if rows else ["tag"]
    elif args.by_speaker:
        speakers = SpeakerColumns(turns_known(workspace))  # no speaker's: not loaded
        rows = speaker_matrix(passages, speakers, tags)
        named = sorted(speakers.names().values(), key=column_order)
        header = list(rows[0]) if rows else ["tag", *map(column_key, named)]
        if passages and not speakers.names():
            print(
                "tui-reader: no document in this report reads as a transcript: "
                f"every passage is under {NO_SPEAKER!r}",
                file=sys.stderr,
            )
    elif args.by == "document":
        columns = sorted(scope.lengths, key=column_order)
        rows = matrix(passages, columns, tags=tags)
        header = ["tag", *dict.fromkeys(map(column_key, columns))]
    else:
        name = args.by.casefold()
        columns, value_of = attribute_columns(
            scope.lengths, lambda key: scope.attributes(key, name)
        )
        if scope.lengths and columns == [NO_VALUE]:
            held = (
                name in given
                or name in ALWAYS_GIVEN
                # a file's own (a web page's author) held by one --where or --doc left out
                or any(scope.attributes(key, name) is not None for key in scope.known)
            )
            if not held:  # a matrix of one column "(none)" would look like a result
                raise TuiReaderError(_no_attribute(args.by, given))
            print(
                f"tui-reader: no document in this report has the attribute {said_word(args.by)}",
                file=sys.stderr,
            )
        rows = matrix(passages, columns, value_of, tags)
        none = column_key(NO_VALUE)
        if len(columns) > 1 and not any(row.get(none) for row in rows):
            # the documents without the attribute hold no passage: a column of zeros, which
            # the app's matrix leaves out (a value's column of zeros stays: every value is
            # given, as a document's is)
            columns = [column for column in columns if column_key(column) != none]
            rows = [{k: v for k, v in row.items() if k != none} for row in rows]
        header = ["tag", *dict.fromkeys(map(column_key, columns))]
    if not rows and args.format == "table":
        # no line, as coders, memo list and attr list print none when there is none (what
        # left it empty, a code or a --where, is said above): "(no coded passages)" on
        # stdout was read by a script as a row
        shown_table = False
    if shown_table:
        across = args.report == "cooccurrence"  # a column for each code, even one
        # written as it is made: a co-occurrence of 2,000 codes is 140 MB of text
        for piece in table_pieces(rows, args.format, header, code_by_code=across):
            sys.stdout.write(piece)
    if scope.unread_records or scope.unread:
        # a record of the database not read, or an annotated file gone or unreadable: its
        # passages are not counted, and a count short was given as the whole with exit 0
        # (search, autocode and agreement exit 2 then, as grep)
        return UNREAD_RECORDS
    # no code named is one: its empty table (its columns, for a script) is no result
    return 1 if unknown and set(tags) <= set(unknown) else 0


def _no_attribute(by: str, given: dict[str, str]) -> str:
    """The error of ``--by`` naming an attribute no document has, with those there are."""
    names = sorted({*given.values(), *ALWAYS_GIVEN}, key=str.casefold)
    speaker = " (a column per speaker of the transcripts: --by-speaker)"
    coder = " (a column per coder: --by-coder)"
    asked = by.strip().casefold()
    return (
        f"--by {by}: no document here has the attribute {said_word(by)} "
        f"(attributes here: {', '.join(names)})"
        + (speaker if asked in ("speaker", "speakers") else "")
        + (coder if asked in ("coder", "coders", "user", "users") else "")
    )
