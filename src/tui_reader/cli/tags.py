"""``tui-reader tags``: the codebook with counts; rename, merge, delete and describe tags.

Renaming or merging a parent (``policy``) carries its children (``policy/militarization``).
Every change updates all annotations in one durable step.
"""

from __future__ import annotations

import argparse
import json

from tui_reader.cli.annotate import add_document_arguments
from tui_reader.core.annotations.model import Tag
from tui_reader.core.display import shown
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.locations import resolve_db

HELP = "list the codebook with counts; tags rename OLD NEW | merge A B | delete T | set T"
ACTIONS = {"list": 0, "rename": 2, "merge": 2, "delete": 1, "set": 1}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = (
        "tui-reader tags [list] [--json] | rename OLD NEW | merge SOURCE TARGET | delete TAG |"
        " set TAG [--color C] [--description D]   [--db FILE]"
    )
    parser.add_argument("action", nargs="?", default="list", choices=sorted(ACTIONS))
    parser.add_argument("names", nargs="*", metavar="TAG")
    add_document_arguments(parser)
    parser.add_argument("--json", action="store_true", help="list as JSON")
    parser.add_argument(
        "--tree",
        action="store_true",
        help="list as a tree: annotations under each tag, its children included, then its own",
    )
    parser.add_argument(
        "--color", help="with set: the tag's colour (a Rich colour name or #rrggbb)"
    )
    parser.add_argument("--description", help="with set: what the code means")


def run(args: argparse.Namespace) -> int:
    wanted = ACTIONS[args.action]
    if len(args.names) != wanted:
        raise TuiReaderError(
            f"tags {args.action} takes {wanted} tag name{'s' if wanted != 1 else ''}, "
            f"got {len(args.names)}"
        )
    store = AnnotationStore(resolve_db(args.db))
    try:
        if args.action == "list":
            if args.tree:
                _print_tree(store)
            else:
                _print_codebook(store, args.json)
        elif args.action == "rename":
            count = store.rename_tag(*args.names)
            print(f"renamed {args.names[0]!r} to {args.names[1]!r} on {count} annotations")
        elif args.action == "merge":
            count = store.merge_tags(*args.names)
            print(f"merged {args.names[0]!r} into {args.names[1]!r} on {count} annotations")
        elif args.action == "delete":
            count = store.delete_tag(args.names[0])
            print(f"deleted {args.names[0]!r} from the codebook and {count} annotations")
        else:
            old = store.tag(args.names[0]) or Tag(args.names[0])
            store.set_tag(
                Tag(
                    old.name,
                    old.color if args.color is None else args.color,
                    old.description if args.description is None else args.description,
                )
            )
    finally:
        store.close()
    return 0


def _print_codebook(store: AnnotationStore, as_json: bool) -> None:
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
        for t in sorted(tags.values(), key=lambda t: t.parts)
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        line = f"{row['count']:>6}  {shown(row['name'])}"
        if row["description"]:
            line += f"  — {shown(row['description'])}"
        print(line)


def _print_tree(store: AnnotationStore) -> None:
    """The codebook as a tree; parents that exist only through children are shown too."""
    own = store.tag_counts()
    under: dict[str, int] = {}
    for annotation in store.annotations():
        ancestors = {
            "/".join(t.split("/")[:n])
            for t in annotation.tags
            for n in range(1, len(t.split("/")) + 1)
        }
        for name in ancestors:
            under[name] = under.get(name, 0) + 1
    names = set(own) | {"/".join(n.split("/")[:k]) for n in own for k in range(1, n.count("/") + 1)}
    descriptions = {tag.name: tag.description for tag in store.tags()}
    print(f"{'under':>6} {'own':>6}  tag")
    for name in sorted(names, key=lambda n: n.split("/")):
        depth = name.count("/")
        leaf = shown(name.split("/")[-1])
        line = f"{under.get(name, 0):>6} {own.get(name, 0):>6}  {'  ' * depth}{leaf}"
        if descriptions.get(name):
            line += f"  — {shown(descriptions[name])}"
        print(line)
