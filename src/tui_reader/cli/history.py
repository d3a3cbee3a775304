"""``tui-reader history``: the recent undoable steps, newest first (``tui-reader undo ID``)."""

from __future__ import annotations

import argparse
import sys

from tui_reader.cli.common import existing_db, say_unread_records
from tui_reader.core.display import shown_json, shown_pictured
from tui_reader.core.store import history as recorded
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.history_records import read_history
from tui_reader.core.wording import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 2 when a record of the history could not be read (said on stderr; "
        "the rest listed) or on an error"
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="annotation database (default: $TUI_READER_DB, else ./annotations.json)",
    )
    parser.add_argument(
        "-n", type=_count, default=20, metavar="N", help="how many (default 20; 0: all)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per step")
    pruning = parser.add_argument_group("pruning the history (the annotations are kept)")
    pruning.add_argument(
        "--prune",
        action="store_true",
        help="remove the steps but the --keep newest from the history: undo stops there",
    )
    pruning.add_argument(
        "--keep", type=_count, default=0, metavar="N", help="steps kept by --prune (default 0)"
    )
    pruning.add_argument(
        "--forget-deleted",
        action="store_true",
        help=(
            "with --prune: keep nothing of what the steps removed deleted (annotations, "
            "memos, codes, attribute values; a merge may then bring back a colleague's copy)"
        ),
    )
    pruning.add_argument(
        "--dry-run", action="store_true", help="with --prune: say what it would remove"
    )


def _count(text: str) -> int:
    """``-n``'s value: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of steps (0 or more)")
    return value


ORIGIN_KEPT = 250  # characters kept of each end of a long command line in the table


def _shortened(origin: str) -> str:
    """``origin``, a step's command line, as the table shows it: a long one (an autocode over
    a shell's docs/*.txt of 2,000 files: 40,000 characters, on one line every time the history
    was listed) its start and end, what is left out counted (``--json`` gives it whole)."""
    left_out = len(origin) - 2 * ORIGIN_KEPT
    if left_out <= 40:  # shorter than the note saying what was left out would be
        return origin
    return (
        f"{origin[:ORIGIN_KEPT]} … ({left_out:,} more characters: history --json) … "
        f"{origin[-ORIGIN_KEPT:]}"
    )


def run(args: argparse.Namespace) -> int:
    if args.prune:
        return _prune(args)
    given = _prune_only(args)
    if given:
        print(f"tui-reader: history: {given[0]} goes with --prune", file=sys.stderr)
        return 2
    # as every command that reads: a database of no bytes, or none here, said so (history
    # listed nothing and exited 0 for an emptied one)
    db = existing_db(args)
    # the history read alone, the journal a few MB at a time: an import of 100,000
    # annotations not folded yet was built whole (1.4 GB) to list its one line
    listing = read_history(db, args.n or None)
    if listing is None:
        with AnnotationStore(db, read_only=True) as store:
            steps = store.history(args.n or None)  # 0: every step
            # (the changes of the steps listed checked: undo refuses a step whose are damaged;
            # a damaged journal line, whose step is not listed, said too)
            problems = [*store.problems_met(), *store.history_problems([s.id for s in steps])]
            pruned = store.pruned_at()
    else:
        steps, problems, pruned = listing
    # where undo stops, at the listing's end (a listing cut short by -n ends before it)
    pruned_end = pruned if pruned is not None and (not args.n or len(steps) < args.n) else None
    if args.json:  # each step, the dropped ones too
        for step in steps:
            fields = {
                k: v for k, v in step.__dict__.items() if k not in ("annotation_ids", "recoded")
            }
            if not step.dropped:
                del fields["dropped"], fields["records"]
            print(shown_json(fields, indent=None))
        if pruned_end is not None:  # a step's fields, so that a reader of steps reads it too
            upto, when = pruned_end
            fields = {"id": upto, "label": _pruned_label(upto), "origin": "history --prune"}
            fields |= {"when": when, "annotations": 0, "undone": False, "pruned": True}
            print(shown_json(fields, indent=None))
        return say_unread_records(problems)
    dropped = f"past the history's {recorded.MAX_RECORDS:,} records; cannot be undone"
    # the small steps a big one pushed out (up to 199), one line: undo names each
    lines = recorded.grouped(steps)
    width = max([5, *(len(_ids(line)) for line in lines)])  # a range of ids wider: every line
    for line in lines:
        if isinstance(line, recorded.DroppedRun):
            newest, oldest = line.steps[0], line.steps[-1]
            count = counted(line.annotations, "annotation")
            print(
                f"{_ids(line):>{width}}  {newest.when}  {count:>16}  "
                f"{len(line.steps)} earlier steps dropped (steps {oldest.id} to {newest.id}, "
                f"the first at {oldest.when}: {dropped}; history --json lists each)"
            )
            continue
        step = line
        state = "  (undone)" if step.undone else ""
        if step.dropped:
            state = f"  (dropped: {dropped})"
        count = counted(step.annotations, "annotation")
        # one line a step: a line break in an argument (a name, a note) as its picture, ␊
        label, origin = shown_pictured(step.label), shown_pictured(_shortened(step.origin))
        print(f"{_ids(step):>{width}}  {step.when}  {count:>16}  {label}  [{origin}]{state}")
    if pruned_end is not None:
        upto, when = pruned_end
        print(f"{'…':>{width}}  {when}  {'':>16}  {_pruned_label(upto)}")
    return say_unread_records(problems)  # what the list lacks


def _pruned_label(upto: int) -> str:
    """What the listing's last line says where the history was pruned (the table's and the
    JSON's)."""
    return f"the history was pruned of the steps up to {upto} (history --prune): undo stops here"


def _ids(line: recorded.Step | recorded.DroppedRun) -> str:
    """The id column of a line of the table: a step's id, a run of dropped steps' range."""
    if isinstance(line, recorded.DroppedRun):
        return f"{line.steps[-1].id}–{line.steps[0].id}"
    return str(line.id)


def _prune_only(args: argparse.Namespace) -> list[str]:
    """The options given that only go with ``--prune``."""
    given = {"--keep": args.keep != 0, "--forget-deleted": args.forget_deleted}
    return [flag for flag, on in {**given, "--dry-run": args.dry_run}.items() if on]


def _prune(args: argparse.Namespace) -> int:
    """``history --prune``: what it removed said on stderr, one line."""
    db = existing_db(args)
    with AnnotationStore(db) as store:
        found = store.prune(args.keep, forget_deleted=args.forget_deleted, dry_run=args.dry_run)
    if not found.steps:
        steps = counted(args.keep, "step")
        print(
            f"tui-reader: {db}: the history holds {steps} or fewer: nothing pruned", file=sys.stderr
        )
        return 0
    oldest, newest = found.steps[-1], found.steps[0]
    span = (
        f"step {newest.id}, {counted(found.records, 'changed record')}, at {newest.when}"
        if len(found.steps) == 1
        else f"steps {oldest.id} to {newest.id}, {counted(found.records, 'changed record')}, "
        f"{oldest.when} to {newest.when}"
    )
    if args.forget_deleted:
        deleted = counted(found.deleted, "annotation or memo", "annotations and memos")
        kept = f"nothing kept of what was deleted ({deleted})"
    else:
        kept = "what they deleted is kept, so a merge does not bring it back"
    left = (
        f"undo takes back the {counted(args.keep, 'step')} left"
        if args.keep
        else "nothing left to undo"
    )
    print(
        f"tui-reader: {db}: {'would remove' if args.dry_run else 'removed'} "
        f"{counted(len(found.steps), 'step')} from the history ({span}); "
        f"{kept}; {left}; the annotations are as they were",
        file=sys.stderr,
    )
    aside = recorded.left_aside(found)
    if aside is not None:
        print(f"tui-reader: {aside}", file=sys.stderr)
    return 0
