"""``tui-reader tags``: the codebook with counts; rename, merge, delete and describe tags.

Renaming or merging a parent (``policy``) carries its children (``policy/militarization``).
Every change updates all annotations in one durable step.  A code is named in any case, as
query, report and export take it (``security`` for ``Security``), unless two codes differ by
case alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui_reader.cli import common
from tui_reader.cli.common import add_document_arguments, close_store
from tui_reader.cli.progress import changing
from tui_reader.core.analysis.memos import MemoKind
from tui_reader.core.analysis.query import code_name
from tui_reader.core.annotations.model import Tag
from tui_reader.core.codebook.colours import parse_colour
from tui_reader.core.codebook.names import (
    check_tag_name,
    check_typed_tag_names,
    is_within,
    tag_order,
)
from tui_reader.core.codebook.tag_field import (
    normalise_tag,
    spelled_below,
    spelled_nearly,
    the_code_named,
)
from tui_reader.core.codebook.tree import codebook_tree
from tui_reader.core.display import said_word, shell_word, shown, shown_json
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.wording import counted
from tui_reader.locations import resolve_db

ACTIONS = {"list": 0, "rename": 2, "merge": 2, "delete": 1, "set": 1}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status (tags list): 2 when a record of the database could not be read "
        "(said on stderr; the rest counted) or on an error, else 0"
    )
    parser.usage = (  # one line for each way, as argparse's would be: within 80 columns
        "tui-reader tags [list] [--json] [--tree] [--db FILE]\n"
        "       tui-reader tags rename OLD NEW [--db FILE]\n"
        "       tui-reader tags merge SOURCE TARGET [--db FILE]\n"
        "       tui-reader tags delete TAG [--db FILE]   (with the codes below it)\n"
        "       tui-reader tags set TAG [--color C] [--description D] [--db FILE]"
    )
    parser.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=sorted(ACTIONS),
        help="list (the default), or rename, merge, delete or set, which change the codebook",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="TAG",
        help="with rename: OLD and NEW; with merge: SOURCE and TARGET; with delete and set: the "
        "tag (codes are named in any case; a parent carries its children)",
    )
    # (--corpus is taken, as by the other commands, though the codebook needs no corpus)
    add_document_arguments(parser, argparse.SUPPRESS)
    parser.add_argument(
        "--json",
        action="store_true",
        help=(
            "list as JSON: [{name, count, color, description}]; with --tree, [{name, under, "
            "own, color, description}] (under: its annotations and its children's)"
        ),
    )
    parser.add_argument(
        "--tree",
        action="store_true",
        help="list as a tree: annotations under each tag, its children included, then its own",
    )
    parser.add_argument(
        "--color",
        help="with set: the tag's colour: #rrggbb, rgb(r, g, b), hsl(h, s%%, l%%) or a name such"
        " as orange ('' for the automatic colour)",
    )
    parser.add_argument("--description", help="with set: what the code means")


def _deleted(store: AnnotationStore, name: str, codes: Sequence[str]) -> str:
    """Delete code ``name`` and, as the app's codebook deletes a code, every code below it
    (``émotion`` deleted alone left ``émotion/peur``, so ``émotion`` stayed in the codebook
    as its parent); what was deleted, said."""
    below = sorted({c for c in codes if c != name and is_within(c, name)}, key=tag_order)
    memos = [m for m in store.memos(MemoKind.CODE) if is_within(m.target, name)]  # they go too
    count = store.delete_tag(name, with_children=True)
    what = repr(name)
    if below:
        listed = ", ".join(map(repr, below[:3])) + (
            f" and {len(below) - 3} more" if len(below) > 3 else ""
        )
        what += f" and the {counted(len(below), 'code')} below it ({listed})"
    said = f"deleted {what} from the codebook and {counted(count, 'annotation')}"
    if memos:
        said += f", and {'its memo' if len(memos) == 1 else counted(len(memos), 'code memo')}"
    if below or memos:
        said += " (undo brings them back)"
    return said


def run(args: argparse.Namespace) -> int:
    wanted = ACTIONS[args.action]
    if len(args.names) != wanted:
        raise TuiReaderError(
            f"tags {args.action} takes {counted(wanted, 'tag name')}, got {len(args.names)}"
        )
    # Only set makes something new: the others find a code in a database that is there (a
    # rename in a --db misspelt made an empty database, and four files beside it, to say
    # "no tag named")
    store = AnnotationStore(
        resolve_db(args.db) if args.action == "set" else common.existing_db(args)
    )
    status = 0
    try:
        if args.action in ("rename", "merge", "delete", "set"):  # named in another case
            # a rename, merge or delete of a code of the codebook that every annotation's
            # codes are in: the same names, the annotations not read (read, 100,000 took 0.8 s)
            alone = (
                store.codes_named_with(args.names[0])
                if args.action in ("rename", "merge", "delete")
                else None
            )
            codes = (
                [*(t.name for t in store.tags()), *store.tag_counts()] if alone is None else alone
            )
            # fear/ is the code fear, as query, memo and report take it (a code may be named
            # militarization/*: only a trailing / is dropped), when it names a code there; a
            # new name is the name typed: 'a/' is refused as '/a' is (rename a a/ kept 'a')
            # spaces tidied as the app's fields tidy them (' spaced / out ' is spaced/out)
            there = set(codes)
            common.say_empty_levels(n for n in args.names if n not in there)
            typed = [n if n in there else normalise_tag(n) or n for n in args.names]
            args.names = list(typed)
            args.names = [_found_name(n, codes) for n in args.names]
            if args.action == "rename":
                args.names[1] = typed[1]
            args.names[0] = the_code_named(args.names[0], codes)
            if args.action in ("rename", "merge", "delete"):
                _no_pattern(args.action, args.names, codes)
            if args.action == "merge":
                args.names[1] = the_code_named(args.names[1], codes)
            # a new name below a code spelled otherwise (FEAR/y, Fear there) is below that
            # code, as annotate takes it, not under a second top-level FEAR beside Fear
            if args.action == "rename":
                args.names[1] = spelled_below(args.names[1], codes, moved=args.names[0])
            elif args.action == "set" and args.names[0] not in {*codes, *_parents(codes)}:
                args.names[0] = spelled_below(args.names[0], codes)

        def carrying() -> int:  # what a rename, merge or delete changes: the code and below
            return store.tag_user_count(args.names[0], children=True)

        if args.action == "list":
            listed = (
                _print_tree(store, args.json) if args.tree else _print_codebook(store, args.json)
            )
            # not counted, or a codebook record not listed: said, and exit 2
            unread = [*store.problems, *store.tag_problems()]
            if not listed and not args.json and not unread:  # a newcomer's first look
                print(f"tui-reader: {NO_CODES_YET}", file=sys.stderr)
            status = common.say_unread_records(unread)
        elif args.action == "rename":
            with changing("Renaming", carrying):
                count = store.rename_tag(*args.names)  # a code there, or it says there is none
            if args.names[0] == args.names[1]:
                print(
                    f"tui-reader: {said_word(args.names[0])} is named so already", file=sys.stderr
                )
                return 0
            on = counted(count, "annotation")
            print(f"renamed {said_word(args.names[0])} to {said_word(args.names[1])} on {on}")
        elif args.action == "merge":
            with changing("Merging", carrying):
                count = store.merge_tags(*args.names)
            on = counted(count, "annotation")
            print(f"merged {said_word(args.names[0])} into {said_word(args.names[1])} on {on}")
        elif args.action == "delete":
            with changing("Deleting", carrying):
                said = _deleted(store, args.names[0], codes)
            print(said)
        else:
            old = store.tag(args.names[0])
            new = old is None and args.names[0] not in codes
            if new:  # a new code, named here
                check_tag_name(typed[0])
            if old is None:
                check_typed_tag_names(args.names[:1], ())
                old = Tag(args.names[0])
            store.set_tag(
                Tag(
                    old.name,
                    old.color if args.color is None else parse_colour(args.color),
                    old.description if args.description is None else args.description,
                )
            )
            print(_set_said(old.name, args, codes if new else None))
    finally:
        close_store(store)
    return status


def _set_said(name: str, args: argparse.Namespace, others: Sequence[str] | None) -> str:
    """What ``tags set`` did: a code added (``others``: the codes there before it; one spelled
    nearly like it named: ``migración/viaje`` typed to colour ``migracion/viaje`` made a second
    code, and nothing said so), or what it set of one there."""
    given = (("colour", args.color), ("description", args.description))
    what = [w for w, value in given if value is not None]
    if others is not None:
        said = f"added {said_word(name)} to the codebook"
        said += f" with its {' and '.join(what)}" if what else ""
        near = spelled_nearly(name, others)
        if near is not None:
            said += f" (a new code beside {said_word(near)}: to change that one, name it as it is)"
        return said
    if what:
        return f"set the {' and '.join(what)} of {said_word(name)}"
    return f"{said_word(name)} is in the codebook already (--color or --description sets its own)"


def _found_name(name: str, codes: Sequence[str]) -> str:
    """The code ``name`` names with its trailing ``/`` dropped (``fear/`` for ``fear``) when
    a code there is named so, in any case; else ``name`` as typed."""
    if not name.endswith("/") or name in codes:
        return name
    below = code_name(name)
    return below if below and the_code_named(below, codes) in {*codes, *_parents(codes)} else name


def _no_pattern(action: str, names: Sequence[str], codes: Sequence[str]) -> None:
    """Refuse ``name`` written as a pattern of the codes below one (``theme2/*``) that is no
    code's name, saying what to type: ``tags delete theme2`` deletes theme2 with its children
    (and rename and merge carry them), where "no tag named 'theme2/*'" left it to guess."""
    name = names[0]
    if name in codes or not name.endswith("*"):
        return
    stem = the_code_named(name.rstrip("*").rstrip("/"), codes)
    if stem and stem in {*codes, *_parents(codes)}:
        typed = " ".join(shell_word(n) for n in [stem, *names[1:]])
        raise TuiReaderError(
            f"no tag named {said_word(name)} (a name is taken whole, never as a pattern): "
            f"tags {action} {typed} {_WITH_CHILDREN[action]}"
        )


_WITH_CHILDREN = {
    "delete": "deletes it with the codes below it",
    "rename": "renames it with the codes below it",
    "merge": "merges it with the codes below it",
}


def _parents(codes: Sequence[str]) -> set[str]:
    return {code.rsplit("/", depth)[0] for code in codes for depth in range(1, code.count("/") + 1)}


# What tags says of a codebook with no code, on stderr (its list on stdout stays empty)
NO_CODES_YET = (
    "no codes yet: tag a passage in the app (select it, then a), or with tui-reader annotate "
    "DOC --quote TEXT --tag CODE, or add a code with tui-reader tags set CODE"
)


def _print_codebook(store: AnnotationStore, as_json: bool) -> int:
    """Print the codebook, each code with its count; how many codes."""
    counts = store.tag_counts()
    tags = {tag.name: tag for tag in store.tags()}
    for name in counts:  # tags used by annotations but missing from the codebook
        tags.setdefault(name, Tag(name))
    rows = [
        {
            "name": t.name,
            "count": counts.get(t.name, 0),
            "color": t.color,
            "description": t.description,
        }
        for t in sorted(tags.values(), key=lambda t: tag_order(t.name))
    ]
    if as_json:
        print(shown_json(rows))
        return len(rows)
    for row in rows:
        line = f"{row['count']:>6}  {shown(row['name'])}"
        if row["description"]:
            line += f"  — {shown(row['description'])}"
        print(line)
    return len(rows)


def _print_tree(store: AnnotationStore, as_json: bool = False) -> int:
    """The codebook as a tree (the app's): parents that exist only through children are shown
    too; ``under`` counts each annotation once for a tag and its children.  As JSON: one
    object per code, ``{"name", "under", "own", "color", "description"}``, a parent before
    the codes below it.  How many codes (none: nothing printed, not even the heading)."""
    tree = codebook_tree(store.tags(), store.annotations())
    if not tree and not as_json:
        return 0
    if as_json:
        rows = [
            {
                "name": node.path,
                "under": node.total,
                "own": node.own,
                "color": node.tag.color if node.tag is not None else "",
                "description": node.tag.description if node.tag is not None else "",
            }
            for top in tree
            for node in top.walk()
        ]
        print(shown_json(rows))
        return len(rows)
    print(f"{'under':>6} {'own':>6}  tag")
    for top in tree:
        for node in top.walk():
            indent = "  " * node.path.count("/")
            line = f"{node.total:>6} {node.own:>6}  {indent}{shown(node.name)}"
            if node.tag is not None and node.tag.description:
                line += f"  — {shown(node.tag.description)}"
            print(line)
    return len(tree)
