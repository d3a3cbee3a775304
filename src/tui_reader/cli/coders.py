"""``tui-reader coders``: who coded in this database, and how much; name the default coder.

Annotations recorded before each annotation named its coder belong to the database's default
coder (its settings); ``--default NAME`` says who that is.
"""

from __future__ import annotations

import argparse

from tui_reader.cli import common
from tui_reader.cli.common import add_db_argument
from tui_reader.core.display import shown, shown_json
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.wording import agreeing, counted
from tui_reader.locations import resolve_db


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 2 when a record of the database could not be read (said on "
        "stderr; the rest counted) or on an error, else 0"
    )
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON: [{coder, annotations}]")
    parser.add_argument(
        "--default",
        metavar="NAME",
        help="whose the annotations are that were recorded without a coder",
    )


def run(args: argparse.Namespace) -> int:
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
    # given; every annotation naming its coder, the note only misled (whose are they?).
    if default and (uncoded or args.default is not None):
        which = f"the {counted(uncoded, 'annotation')}" if uncoded else "annotations"
        verb = agreeing(uncoded, "is", "are") if uncoded else "are"
        print(f"({which} recorded without a coder {verb} {shown(default)}'s)")
    return status
