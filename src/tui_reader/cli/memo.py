"""``tui-reader memo``: memos in Markdown on a document, on a code, and the project journal's
dated entries: add, list, show, delete."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui_reader.cli.common import (
    add_document_arguments,
    close_store,
    follow_moved,
    open_workspace,
    say_empty_levels,
    say_unread_records,
    typed_text,
)
from tui_reader.core.analysis.matching import no_code_lines
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.codebook.names import check_tag_name, check_typed_tag_names, is_within
from tui_reader.core.codebook.tag_field import as_in_codebook, normalise_tag
from tui_reader.core.display import said_word, shown_json, shown_name
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.workspace_export import resolve_document
from tui_reader.core.wording import clipped, quoted
from tui_reader.core.workspace import Workspace


def _add_target(parser: argparse.ArgumentParser, required: bool) -> None:
    target = parser.add_mutually_exclusive_group(required=required)
    target.add_argument("--doc", metavar="DOC", help="the memo of a document")
    target.add_argument("--code", metavar="CODE", help="the memo of a code")
    target.add_argument("--journal", action="store_true", help="the project journal")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="write to a memo: a document's or a code's grows, the journal gets an entry"
    )
    _add_target(add, required=True)
    add.add_argument("text", metavar="TEXT", help="Markdown; '-' reads it from stdin")
    list_ = actions.add_parser("list", help="every memo, one line each")
    list_.add_argument("--json", action="store_true", help="as JSON records")
    show = actions.add_parser("show", help="print a memo (or the whole journal)")
    show.add_argument("id", nargs="?", metavar="ID")
    _add_target(show, required=False)
    delete = actions.add_parser("delete", help="delete a memo")
    delete.add_argument("id", metavar="ID")
    for sub in (add, list_, show, delete):
        add_document_arguments(sub)
    unread = "2 when a record of the memos could not be read (said on stderr; the rest listed)"
    parser.epilog = f"exit status: 0; memo list: {unread}; 2 on an error (no such memo)"
    list_.epilog = f"exit status: 0; {unread} or on an error"
    add.epilog = show.epilog = delete.epilog = (
        "exit status: 0; 2 on an error (no such memo or document, an empty memo)"
    )


def run(args: argparse.Namespace) -> int:
    text = ""
    if args.action == "add":  # an empty memo is refused before a database is made for it
        text = typed_text(args.text, "the memo")
        if not text.strip():
            raise TuiReaderError("the memo is empty")
    # add makes a memo: delete, list and show find them in a database that is there
    workspace, _ = open_workspace(args, reading=args.action != "add")
    store = workspace.store
    try:
        if args.action == "add":
            kind, target = _target(workspace, args)
            old = None if kind is MemoKind.JOURNAL else store.memo(kind, target)
            if old is None:
                saved = store.put_memo(Memo(kind, target, text.strip() + "\n"))
            else:
                saved = store.put_memo(
                    old.evolve(text=old.text.rstrip() + "\n\n" + text.strip() + "\n")
                )
            if kind is MemoKind.DOCUMENT:  # moved with no annotation, found by its text
                workspace.remember_texts([target])
            print(saved.id)
        elif args.action == "list":
            follow_moved(workspace)  # a file moved: its memo listed on its new name
            memos = store.memos()
            if args.json:
                print(shown_json([m.to_record() for m in memos]))
            for memo in [] if args.json else memos:
                target = memo.target
                if memo.kind is MemoKind.DOCUMENT:  # a tab in its name as list shows it
                    target = shown_name(target)
                about = f"{memo.kind}:{target}" if target else str(memo.kind)
                print(f"{memo.id}  {memo.updated}  {about}  {memo.title}")
            return say_unread_records(store.memo_problems())  # what the list lacks
        elif args.action == "show":
            if args.doc is not None:  # a file moved: its memo found on its new name
                follow_moved(workspace)
            for memo in _chosen(workspace, args):
                print(
                    f"<!-- {memo.kind} {memo.target} {memo.created} {memo.id} -->".replace(
                        "  ", " "
                    )
                )
                print(memo.text.rstrip() + "\n")
        else:
            memos = store.memos()
            ident = _memo_id(memos, args.id)
            if not any(m.id == ident for m in memos):
                raise TuiReaderError(_no_memo_with(args.id))
            store.delete_memo(ident)
    finally:
        close_store(store)
    return 0


def _target(workspace: Workspace, args: argparse.Namespace) -> tuple[MemoKind, str]:
    # --code "$CODE" with CODE unset wrote to the journal: an empty name is refused
    for option, given in (("--doc", args.doc), ("--code", args.code)):
        if given is not None and not given.strip(" /"):
            raise TuiReaderError(f"{option} names nothing (it was empty): name the "
                                 f"{'document' if option == '--doc' else 'code'}")  # fmt: skip
    if args.doc is not None:
        return MemoKind.DOCUMENT, resolve_document(workspace, args.doc, any_file=True)
    if args.code is not None:
        # Militarization where the codebook has militarization: that code's memo
        codebook = [t.name for t in workspace.store.tags()]
        if args.code not in codebook:  # spaces tidied as the app's fields tidy them
            say_empty_levels([args.code])  # 'a//b' is a/b: said, as --tag says it
            args.code = normalise_tag(args.code) or args.code
        (code,) = as_in_codebook([args.code.strip("/") or args.code], codebook)
        if args.action == "add" and not any(is_within(name, code) for name in codebook):
            # a name no code can have (one holding an escape or a line break): the
            # memo was kept for it, "the memo is kept for it", under a code never to be made
            held = {m.target for m in workspace.store.memos(MemoKind.CODE)}
            if code not in held:  # the name as read ('q/' and '/q' are q)
                check_tag_name(args.code)
                check_typed_tag_names([code], codebook)
            # militarisation for militarization, a code renamed since: the code meant is named
            (line,) = no_code_lines([code], codebook, workspace.store.renamed_tags)
            print(
                f"tui-reader: {clipped(line)}; the memo is kept for {said_word(code)}"
                if line.endswith(")")
                else f"tui-reader: {clipped(line)}; the memo is kept for it",
                file=sys.stderr,
            )
        return MemoKind.CODE, code
    return MemoKind.JOURNAL, ""


def _memo_id(memos: Sequence[Memo], given: str) -> str:
    """The id of the memo ``given`` names: its id, or the start of the one id that starts
    so (the first 8 characters, as a short id is shown); a start several share is refused."""
    if any(m.id == given for m in memos) or len(given.strip()) < 4:
        return given
    folded = given.strip().casefold()
    found = sorted({m.id for m in memos if m.id.casefold().startswith(folded)})
    if len(found) > 1:
        raise TuiReaderError(
            f"{given!r} starts the ids of {len(found)} memos; give more of it (memo list)"
        )
    return found[0] if found else given


def _chosen(workspace: Workspace, args: argparse.Namespace) -> list[Memo]:
    store = workspace.store
    if args.id:
        memos = store.memos()
        ident = _memo_id(memos, args.id)
        found = [m for m in memos if m.id == ident]
        if not found:  # it was "no such memo", of any id typed
            raise TuiReaderError(_no_memo_with(args.id))
    elif args.doc is not None or args.code is not None or args.journal:
        kind, target = _target(workspace, args)
        found = store.memos(kind, target)
        if not found:
            said = f"no memo of the {kind.value} {quoted(target)}" if target else "no journal memo"
            raise TuiReaderError(said)
    else:
        raise TuiReaderError("memo show takes an ID, --doc DOC, --code CODE or --journal")
    return found


def _no_memo_with(given: str) -> str:
    """The error for a memo id ``given`` that names none (its two ends when it is long)."""
    return f"no memo with the id {quoted(given)} (memo list)"
