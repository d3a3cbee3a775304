"""``tui-reader agreement CODER_A CODER_B``: how far two coders agree, per code and overall.

Percent agreement, Cohen's kappa and Krippendorff's alpha (nominal) over the units of the
documents either coder coded (see :mod:`tui_reader.core.analysis.agreement`).  ``--format
json`` prints one object per code and an overall one (``"tag": null``): ``{"tag", "units",
"agreement", "kappa", "alpha", "both", "only_a", "only_b", "neither", "undefined_because"}``,
``agreement`` a fraction, a statistic the data leave undefined ``null`` and
``undefined_because`` saying why (else ``null``).  ``--disagreements`` lists instead the
passages one coder coded and the other did not; the stretches of spaces alone it leaves out
(between two sentences one coded apart and the other as one passage), which the figures count
by character, are said on stderr, so that the list and the figures add up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui_reader.cli import common
from tui_reader.cli.code_depth import add_depth_argument, depth_line
from tui_reader.cli.common import add_document_arguments, close_store
from tui_reader.cli.progress import progress_bar
from tui_reader.core.analysis.agreement_units import UNITS
from tui_reader.core.analysis.coder_agreement import coding_read, compared_units, texts_of
from tui_reader.core.analysis.matching import no_code_lines, spelled_codes
from tui_reader.core.analysis.settled_coding import CodedPassage
from tui_reader.core.analysis.tables import TABLE_FORMATS, render_table, statistic
from tui_reader.core.analysis.tables import percent as shown_percent
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.display import (
    said_word,
    shell_word,
    shown,
    shown_json,
    shown_name,
    shown_pictured,
)
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.workspace_export import DocumentNames
from tui_reader.core.wording import capped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import coder_name, resolve_target

if TYPE_CHECKING:
    import numpy as np

    from tui_reader.core.analysis.agreement import AgreementRow, Disagreement

_QUOTE_WIDTH = 70


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 1 when no --tag named is a code; 2 when a record of the database "
        "or a document coded could not be read (said on stderr; the rest compared) or on an "
        "error. agreement: the share of units both coders coded or both left uncoded; "
        "kappa: Cohen's, chance from each coder's share of the units coded (QualCoder's "
        "coder comparison counts every text file of its project and takes its kappa over "
        "only the characters one coder or both coded: its figures differ)"
    )
    parser.add_argument("coder_a", metavar="CODER_A", help="a coder (as annotations name them)")
    parser.add_argument("coder_b", metavar="CODER_B", help="the other coder")
    add_document_arguments(parser)
    common.add_corpus_path_argument(parser)  # as report and query take it
    # as export and report take it: "--tag a,b" was sought as one code, "no code 'a,b'"
    common.add_tag_argument(parser, "only this code and those below it")
    parser.add_argument(
        "--doc",
        action="append",
        default=[],
        metavar="DOC",
        help="only this document (repeat for more; default: every document either coded)",
    )
    parser.add_argument(
        "--unit",
        choices=UNITS,
        default="character",
        help="what is compared: each character (as NVivo), or each word/sentence/paragraph "
        "a passage overlaps (default: character)",
    )
    add_depth_argument(
        parser,
        "compare the codes at their first N levels, each code below counted as the one "
        "it is under (--depth 1: security/border and security/army are security); default: "
        "every code apart",
    )
    parser.add_argument("--format", "-f", choices=TABLE_FORMATS, default="table")
    common.add_json_argument(parser)
    parser.add_argument(
        "--disagreements",
        action="store_true",
        help="list the passages one coder coded and the other did not, with both coders' codes",
    )


def run(args: argparse.Namespace) -> int:
    # the comparison loads numpy: when coders are compared, not for this command's help
    from tui_reader.core.analysis.agreement import Comparison

    # looked up as typed: a line feed was cleaned to a space ("no annotations by 'b c'")
    for given in (args.coder_a, args.coder_b):
        common.check_given_coder_name(given, "agreement")
    a_name, b_name = coder_name(args.coder_a), coder_name(args.coder_b)
    common.corpus_from_path(args)
    target = resolve_target(args.corpus)
    if not target.corpus.is_dir():
        raise common.not_a_corpus(target.corpus, or_file=False, typed=args.corpus)
    workspace = Workspace(target.corpus, common.existing_db(args))
    try:
        # known in place: read from the store's records (no index, no Annotation made)
        read = coding_read(workspace, progress_bar)
        annotations, counts, problems = read.passages, read.counts, read.problems
        unread = common.say_unread_records(problems)  # left out of the comparison: exit 2
        codebook = [t.name for t in workspace.store.tags()]
        args.tag = common.codes_typed(args, codebook)
        # a code no longer in the codebook: the history says what it became
        renames = workspace.store.renamed_tags() if spelled_codes(args.tag, codebook)[1] else {}
        # named as query and export name them: a path, a file name, a name without extension
        names = DocumentNames(workspace)
        chosen = [names.key(d) for d in args.doc]
    finally:
        close_store(workspace.store)
    common.say_moved(workspace)
    try:
        a_name, b_name = (common.named_coder(name, counts) for name in (a_name, b_name))
    except TuiReaderError as exc:
        if not str(exc).startswith("no annotations by "):
            raise  # Ben of ben and BEN: said, as typed
        # one coder's database, or a new one a colleague's was merged into: the step the
        # comparison wants is the merge of the other's coding (README: Working as a team)
        where = f" --db {shell_word(args.db)}" if args.db else ""
        raise TuiReaderError(
            f"{exc}; to compare with a coder whose coding is in another database, merge it "
            f"into this one first: tui-reader merge THEIR_DATABASE{where}"
        ) from exc
    if a_name == b_name:  # a slip for another coder: a perfect score that means nothing
        raise TuiReaderError(
            f"agreement compares two coders: {said_word(a_name)} is named twice "
            f"(coders here: {common.coders_here(counts)})"
        )
    coded_a = [a for a in annotations if a.coder == a_name]
    coded_b = [a for a in annotations if a.coder == b_name]
    keys = chosen or sorted({a.document for a in (*coded_a, *coded_b)})
    known = {t for a in (*coded_a, *coded_b) for t in a.tags}.union(codebook)
    tags, unknown = spelled_codes(args.tag, known)
    for line in capped(no_code_lines(unknown, known, lambda: renames), common.SAID_AT_MOST):
        print(f"tui-reader: {line}", file=sys.stderr)
    if unknown and set(tags) <= set(unknown):  # no code named is one: no agreement
        return 1
    tags = [t for t in tags if t not in unknown]  # said: no row of a code not in the codebook
    if args.depth is not None:
        line = _rolled_line(coded_a, coded_b, keys, tags, args.depth)
        print(f"tui-reader: {line}", file=sys.stderr)
    if args.disagreements:
        texts, said = texts_of(workspace, keys)
        for line in said:
            print(line, file=sys.stderr)
        if len(texts) < len(keys):  # a document left out (said): the rest compared, exit 2
            unread = common.UNREAD_RECORDS
        listed = Comparison(coded_a, coded_b, texts, args.unit, tags, args.depth).listed()
        spaces = listed.spaces_left_out
        print(_disagreements(listed.places, texts, a_name, b_name, args.format, spaces), end="")
        if spaces:  # what the figures count and the list does not, said: they add up
            by_code = capped([f"{tag}: {n:,}" for tag, n in listed.spaces.items()])
            print(
                f"tui-reader: {counted(spaces, args.unit)} one coder coded and the other did "
                "not are spaces alone (as between two sentences one coded apart and the other "
                "as one passage): the figures count them, the list leaves them out "
                f"({shown('; '.join(by_code))})",
                file=sys.stderr,
            )
        return unread
    # the units (by character, the stretches of characters that count: a transcript's
    # speaker labels left out; sentences and paragraphs, and those stretches, kept from the
    # last run for the texts unchanged since)
    units, said = compared_units(workspace, keys, args.unit, progress_bar)
    for line in said:
        print(line, file=sys.stderr)
    compared: dict[str, str | int | np.ndarray] = dict(units)
    if len(compared) < len(keys):
        # a document coded that could not be read (a file deleted since: said, "left out"):
        # compared without its passages, which exited 0 as if they had all been compared
        unread = common.UNREAD_RECORDS
    comparison = Comparison(coded_a, coded_b, compared, args.unit, tags, args.depth)
    rows = comparison.rows()
    print(_rows(rows, args.format), end="")
    which = shown_name(keys[0]) if len(keys) == 1 else counted(len(keys), "document")
    if not comparison.codes and compared:  # "no units" said of documents that have some
        print(
            f"tui-reader: neither {a_name} nor {b_name} coded {which} here: no code to "
            "compare (--tag CODE compares a code they did not use)",
            file=sys.stderr,
        )
    elif compared:  # one coder's work not there: a merge not made, a --doc of the other's
        for coder, other, coded in ((a_name, b_name, coded_a), (b_name, a_name, coded_b)):
            if not any(a.document in compared for a in coded):
                print(
                    f"tui-reader: {shown(coder)} coded nothing in {which}: every unit "
                    f"{shown(other)} coded counts as one {shown(coder)} left uncoded",
                    file=sys.stderr,
                )
    if not chosen and coded_a and coded_b:
        for line in _uncoded_lines(coded_a, coded_b, a_name, b_name):
            print(f"tui-reader: {line}", file=sys.stderr)
    left_out = comparison.orphans  # (counted as it read the passages)
    if left_out:
        print(
            f"tui-reader: {counted(left_out, 'orphaned passage')} left out (no place in the "
            "current text)",
            file=sys.stderr,
        )
    return unread


def _uncoded_lines(
    coded_a: Sequence[Annotation | CodedPassage],
    coded_b: Sequence[Annotation | CodedPassage],
    a_name: str,
    b_name: str,
) -> list[str]:
    """A line for each coder who coded nothing in documents the other coded, which the
    figures count as that coder's "not coded" throughout, and the ``--doc`` that compares
    the documents both coded."""
    from tui_reader.core.analysis.agreement import coded_by_one

    only_a, only_b = coded_by_one(coded_a, coded_b)
    both = sorted({a.document for a in coded_a} - set(only_a))
    lines = []
    for coder, other, alone in ((b_name, a_name, only_a), (a_name, b_name, only_b)):
        if alone:
            named = "; ".join(capped([shown_name(key) for key in alone], common.SAID_AT_MOST))
            lines.append(
                f"{coder} coded nothing in {counted(len(alone), 'document')} that {other} "
                f'coded, counted as {coder}\'s "not coded" throughout: {named}'
            )
    if lines and 0 < len(both) <= common.SAID_AT_MOST:
        docs = " ".join(f"--doc {shell_word(key)}" for key in both)
        lines.append(f"to compare the documents both coded alone: {docs}")
    return lines


def _rolled_line(
    coded_a: Sequence[Annotation | CodedPassage],
    coded_b: Sequence[Annotation | CodedPassage],
    keys: Sequence[str],
    tags: Sequence[str],
    depth: int,
) -> str:
    """What ``--depth`` made of the codes compared: which codes each row counts."""
    wanted = set(keys)
    used = (t for a in (*coded_a, *coded_b) if a.document in wanted for t in a.tags)
    return depth_line(used, tags, depth, "compared")


def _rows(rows: Sequence[AgreementRow], format_name: str) -> str:
    if format_name == "json":
        return shown_json([r.record() for r in rows]) + "\n"
    cells = []
    for row in rows:
        table = row.table
        reason = table.undefined_because
        cells.append(
            {
                "code": "(all codes)" if row.tag is None else row.tag,
                "units": table.units,
                "agreement": _number(table.agreement, percent=True, csv=format_name == "csv"),
                "kappa": _number(table.kappa, csv=format_name == "csv"),
                "alpha": _number(table.alpha, csv=format_name == "csv"),
                "both": table.both,
                "only A": table.only_a,
                "only B": table.only_b,
                "note": reason,
            }
        )
    return render_table([{k: _safe(v) for k, v in row.items()} for row in cells], format_name)


def _safe(value: object) -> object:
    """A cell as the terminal may show it (user text through the display gate)."""
    return shown_pictured(value) if isinstance(value, str) else value  # a tab as ␉, not a space


def _number(value: float | None, *, percent: bool = False, csv: bool = False) -> str | float:
    if value is None:
        return "" if csv else "n/a"
    if csv:  # the number itself: the CSV writes it as a number (six significant digits)
        return value
    # (an agreement of 99.97%, one unit apart in thousands: >99.9%, not a perfect 100.0%)
    return shown_percent(value) if percent else statistic(value)


def _disagreements(
    found: Sequence[Disagreement],
    texts: dict[str, str],
    a: str,
    b: str,
    format_name: str,
    spaces: int = 0,
) -> str:
    """The disagreements ``found`` as ``format_name`` writes them; ``spaces``: the units of
    runs of spaces alone left out of them, which the figures count."""
    as_json = format_name == "json"
    rows = []
    for d in found:
        quote = texts[d.document][d.start : d.end]
        codes = (list(d.codes_a), list(d.codes_b)) if as_json else (
            ", ".join(d.codes_a), ", ".join(d.codes_b))  # fmt: skip
        values = (d.document, d.start, d.end, d.tag, a if d.coded_by == "a" else b,
                  quote if as_json else _excerpt(quote), *codes)  # fmt: skip
        names = _JSON_FIELDS if as_json else (*_TABLE_FIELDS, f"{a}'s codes", f"{b}'s codes")
        rows.append(dict(zip(names, values, strict=True)))
    if as_json:
        return shown_json(rows) + "\n"
    if not rows and format_name == "csv":  # its header, as a report's CSV of no row: a
        # script read "(no disagreements)" as a row of one
        return render_table([], format_name, (*_TABLE_FIELDS, f"{a}'s codes", f"{b}'s codes"))
    if not rows and format_name == "table":  # no line, as a report's table of no row
        return ""  # (the spaces alone left out, if any, said on stderr)
    if not rows and spaces:
        return "(no disagreements to list: only spaces alone, which the figures count)\n"
    if not rows:
        return "(no disagreements)\n"
    return render_table([{k: _safe(v) for k, v in row.items()} for row in rows], format_name)


# The fields of a disagreement, as JSON names them and as a table heads them.
_JSON_FIELDS = ("document", "start", "end", "tag", "coded_by", "quote", "codes_a", "codes_b")
_TABLE_FIELDS = ("document", "start", "end", "code", "coded by", "passage")


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_WIDTH else flat[: _QUOTE_WIDTH - 1] + "…"
