"""``tui-reader coders``: who coded in this database, and how much; name the default coder;
rename a coder.

Annotations recorded before each annotation named its coder belong to the database's default
coder (its settings); ``--default NAME`` says who that is.  ``coders rename OLD NEW`` gives
a coder another name (an account another tool named its user by, ``acct:ana@hypothes.is``,
kept from an import before it was read as ``ana``; a login name for the person's); a coder
named so already takes the annotations as hers.
"""

from __future__ import annotations

import argparse
import sys

from tui_reader.cli import common
from tui_reader.cli.common import add_db_argument
from tui_reader.cli.progress import changing
from tui_reader.core.display import shown, shown_json
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.wording import agreeing, counted
from tui_reader.locations import resolve_db


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 2 when a record of the database could not be read (said on "
        "stderr; the rest counted) or on an error, else 0"
    )
    parser.usage = (  # one line for each way, as argparse's would be: within 80 columns
        "tui-reader coders [list] [--json] [--default NAME] [--db FILE]\n"
        "       tui-reader coders rename OLD NEW [--db FILE]"
    )
    parser.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=("list", "rename"),
        help="list (the default), or rename OLD NEW: a coder named NEW already takes OLD's as hers",
    )
    parser.add_argument("names", nargs="*", metavar="CODER", help="with rename: OLD and NEW")
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON: [{coder, annotations}]")
    parser.add_argument(
        "--default",
        metavar="NAME",
        help="whose the annotations are that were recorded without a coder",
    )


def run(args: argparse.Namespace) -> int:
    if args.action == "rename":
        return _rename(args)
    if args.names:
        raise TuiReaderError(f"coders list takes no coder name, got {len(args.names)}")
    db = resolve_db(args.db) if args.default is not None else common.existing_db(args)
    with AnnotationStore(db) as store:
        if args.default is not None:
            store.set_default_coder(common.given_coder_name(args.default, "--default"))
        counts = store.coder_counts()
        default = store.default_coder
        uncoded = store.uncoded_count()
        status = common.say_unread_records(store)  # not counted: said, and exit 2
    if args.json:
        rows = [{"coder": name, "annotations": n} for name, n in counts.items()]
        print(shown_json(rows))
        return status
    width = max((len(str(n)) for n in counts.values()), default=1)
    for name, n in counts.items():  # "": recorded without a coder, and the database names none
        print(f"{n:>{width}}  {shown(name) if name else '(no coder named)'}")
    # Said when it tells something: annotations here name no coder, or --default was just
    # given; every annotation naming its coder, the note only misled (whose are they?).  On
    # stderr, as every command's notes: on stdout, after the table, it was a row more to a
    # script reading one coder a line (coders | while read n name).
    if default and (uncoded or args.default is not None):
        which = f"the {counted(uncoded, 'annotation')}" if uncoded else "annotations"
        verb = agreeing(uncoded, "is", "are") if uncoded else "are"
        print(
            f"tui-reader: {which} recorded without a coder {verb} {shown(default)}'s",
            file=sys.stderr,
        )
    return status


def _rename(args: argparse.Namespace) -> int:
    """``coders rename OLD NEW``: OLD as ``coder:OLD`` takes it (case and accents aside, the
    exact spelling first), NEW as ``--coder`` records it."""
    if len(args.names) != 2 or args.default is not None or args.json:
        raise TuiReaderError("coders rename takes two coder names, OLD NEW, and no option but --db")
    from tui_reader.core.analysis.matching import coder_named

    common.check_given_coder_name(args.names[0], "rename")
    with AnnotationStore(common.existing_db(args)) as store:
        counts = store.coder_counts()
        coders = list(counts)
        old = coder_named(args.names[0], coders)
        if old is None:
            there = ", ".join(shown(repr(c)) for c in coders) or "none"
            raise TuiReaderError(
                f"no coder named {shown(repr(args.names[0]))} in {store.path} (its coders: {there})"
            )
        new = common.given_coder_name(args.names[1], "rename")
        # another coder of that name in another case (Ana for ana) is that coder, as coder:
        # takes it: not a second coder whom a query could not tell from her
        new = coder_named(new, [c for c in coders if c != old]) or new
        if new == old:
            print(f"tui-reader: {shown(repr(old))} is named so already", file=sys.stderr)
            return 0
        joined = new in coders
        with changing("Renaming", lambda: counts[old]):
            annotations, memos = store.rename_coder(old, new)
    said = counted(annotations, "annotation") + (f" and {counted(memos, 'memo')}" if memos else "")
    print(
        f"renamed coder {shown(repr(old))} to {shown(repr(new))} on {said}"
        + (f" ({shown(repr(new))} had coded already: one coder now)" if joined else "")
    )
    return 0
