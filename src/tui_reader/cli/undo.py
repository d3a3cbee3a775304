"""``tui-reader undo [ID]``: undo the last change, or step ID of ``tui-reader history``.

Refused, with the reason and nothing changed, when what the step changed was changed since.
"""

from __future__ import annotations

import argparse
import functools
import sys

from tui_reader.cli import common
from tui_reader.cli.common import add_db_argument
from tui_reader.cli.progress import changing
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.history import UndoRefused, describe_step


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0 when a step was undone (or redone); 2 when none was: nothing to undo "
        "or redo, no such step, or the step refused (what it changed was changed since: "
        "said on stderr)"
    )
    parser.add_argument("id", nargs="?", type=int, metavar="ID", help="the step to undo")
    parser.add_argument("--redo", action="store_true", help="redo the step undone last instead")
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.redo and args.id is not None:
        print("tui-reader: --redo takes no ID (it redoes the step undone last)", file=sys.stderr)
        return 2
    with AnnotationStore(common.existing_db(args)) as store:
        due = functools.partial(store.passages_due, redo=args.redo, step_id=args.id)
        try:
            with changing("Redoing" if args.redo else "Undoing", due):
                step = store.redo() if args.redo else store.undo(args.id)
        except UndoRefused as refused:
            if refused.before is None:
                raise
            # stopped at a step dropped from the history: the one before it is undone by its id
            raise UndoRefused(
                f"{refused}; `tui-reader undo {refused.before}` takes back the step before it"
            ) from None
    print(f"tui-reader: {describe_step(step, redo=args.redo)}", file=sys.stderr)
    return 0
