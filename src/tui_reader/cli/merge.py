"""``tui-reader merge OTHER``: bring another coder's database (or its json/w3c export) in.

Every annotation and code of both is kept (see :mod:`tui_reader.core.interchange.merge`).  Each
annotation changed on both sides is listed on stdout: the version kept and the one that was
not, with its tags and note, so nothing is lost silently; ``--dry-run`` lists every annotation
that would be added or changed and saves nothing.  A summary goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from tui_reader.cli.common import (
    STDIN,
    add_coder_argument,
    add_document_arguments,
    close_store,
    coder_of,
    corpus_hashes,
    given_coder_name,
    input_bytes,
    is_substituted_pipe,
    is_the_database,
    names_standard_stream,
    not_a_corpus,
    say_passages_not_found,
    say_problems,
)
from tui_reader.cli.progress import SHOW_FROM_BYTES, file_size, stage_bar
from tui_reader.core.analysis.memos import Memo
from tui_reader.core.annotations.model import Annotation
from tui_reader.core.display import shown
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange.coded_work import CodedWork, read_coded_work
from tui_reader.core.interchange.foreign import differing_lines
from tui_reader.core.interchange.importing import texts_in
from tui_reader.core.interchange.merge import (
    MergePlan,
    codebook_difference_lines,
    deleted_there_kept,
    memos_deleted_there_kept,
)
from tui_reader.core.interchange.merging import apply_planned, plan_work
from tui_reader.core.interchange.reconcile import Reconciled, Verdict
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.wording import agreeing, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import ENV_CORPUS, resolve_db, resolve_target, sample_corpus, user_path

_ACTIONS = {
    Verdict.ADD: "add",
    Verdict.UPDATE: "theirs newer, replaces ours",
    Verdict.OLDER: "ours newer, theirs not taken",
    Verdict.CONFLICT: "changed on both sides, ours kept, theirs kept beside it",
    Verdict.UNCHANGED: "unchanged",
    Verdict.DELETED: "deleted here, theirs not taken",
}
_QUOTE_WIDTH = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 1 when part of the file was left out (a record or annotation that "
        "could not be read, a passage with a code too long, a source of a project whose text "
        "is not in the file: said on stderr, the rest merged); 2 when nothing was merged "
        "(a file merge does not read, none of its records read) or on an error"
    )
    parser.add_argument(
        "other",
        metavar="OTHER",
        help=(
            "the other coder's database file, or a json/project/w3c/qdpx export ('-': "
            "standard input)"
        ),
    )
    add_document_arguments(
        parser,
        "the corpus folder whose documents the other's passages are placed on (default: "
        "$TUI_READER_CORPUS, ./docs_corpus, else the database's folder)",
    )
    add_coder_argument(parser, "this database's annotations that name none")
    parser.add_argument(
        "--other-coder",
        metavar="NAME",
        help="whose OTHER's annotations are when they name no coder (default: what OTHER says)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would change, change nothing"
    )


def run(args: argparse.Namespace) -> int:
    piped = args.other == "-" or names_standard_stream(args.other, 0)  # /dev/stdin too
    other = STDIN if piped else user_path(args.other)
    db = resolve_db(args.db)
    if other is not STDIN and is_the_database(other, db):  # a hard link too
        raise TuiReaderError(f"{other}: that is this database; name the other coder's file")
    other_coder = None
    if args.other_coder is not None:
        other_coder = given_coder_name(args.other_coder, "--other-coder")
    corpus = resolve_target(args.corpus).corpus
    if corpus == sample_corpus():
        # Nothing named a corpus: the documents are those of the database's folder (as for a
        # project imported), never the sample corpus's copies of the sample articles, which
        # took the passages of a study in another folder as moved there (new annotations).
        corpus = db.parent
    if not corpus.is_dir():
        raise not_a_corpus(
            corpus, or_file=False, typed=args.corpus if corpus != db.parent else None
        )
    # a merge into (or of) 100,000 annotations took 20 s with nothing on the terminal
    with contextlib.ExitStack() as scratch:
        reached = scratch.enter_context(
            stage_bar(
                "Merging",
                STAGES,
                long=max(0 if other is STDIN else file_size(other), file_size(db))
                >= SHOW_FROM_BYTES,
            )
        )
        reached("reading")
        if other is STDIN or is_substituted_pipe(args.other):
            work = _piped_work(args.other if other is not STDIN else "-", other_coder, db, corpus)
        else:
            with contextlib.suppress(OSError):
                # it was "not JSON (Expecting value at line 1, column 1)"
                if (
                    other.is_file()
                    and other.stat().st_size < 4096
                    and not other.read_bytes().strip()
                ):
                    raise TuiReaderError(f"{other}: is empty; nothing to merge")
            # the corpus known first: a W3C file's web pages are its saved copies (as import
            # reads them; it was "is not a path relative to the database")
            work = read_coded_work(other, other_coder, db=db, corpus=corpus)
        store = None
        nothing = not (work.annotations or work.tags or work.memos or work.attributes)
        if (args.dry_run or nothing) and not db.exists():  # merged into nothing: a scratch
            # store, so that the dry run (or a merge of nothing: an empty list) makes no
            # database (and four files beside it) where none was
            folder = Path(scratch.enter_context(tempfile.TemporaryDirectory()))
            store = AnnotationStore(folder / "dry-run.json", coder=coder_of(args))
        workspace = Workspace(corpus, db, store, coder=coder_of(args))
        ours = [tag.name for tag in workspace.store.tags()]  # the codebook before the merge
        reached("comparing")
        plan, work = _merged(args, workspace, work, other, reached)
        deleted_there, changed_here = deleted_there_kept(workspace.store, work)
        memos_there, memos_changed = memos_deleted_there_kept(workspace.store, work)
    for verdict in plan.verdicts if args.dry_run else plan.reported:
        if verdict.verdict is not Verdict.UNCHANGED:
            print(_listing(verdict))
    _summary(plan, other, args.dry_run, ours)
    _say_deleted_there(deleted_there, other, args.dry_run)
    _say_deleted_there(changed_here, other, args.dry_run, changed=True)
    _say_memos_deleted_there(memos_there, other, args.dry_run)
    _say_memos_deleted_there(memos_changed, other, args.dry_run, changed=True)
    missing = set(plan.missing_documents)
    say_passages_not_found(plan.verdicts, texts_in(corpus, db), missing, args.dry_run)
    # as import: a source of the project whose text is not in it was left out with its
    # codings (said among its problems), so the file was not wholly merged
    return 1 if work.left_out else 0


def _say_deleted_there(
    kept: Sequence[Annotation], other: Path, dry_run: bool, *, changed: bool = False
) -> None:
    """One line naming the annotations of ours whose copy the other database deleted: a merge
    deletes nothing here, so the user decides whether they go here too.  ``changed``: ours
    is none of the versions they had (changed here since their copy), which their deletion
    did not see: said as such."""
    named = [f"{a.document}: '{_excerpt(a.quote)}'" for a in kept[:3]]
    _say_kept_here("annotation", len(kept), named, other, dry_run, changed)


def _say_memos_deleted_there(
    kept: Sequence[Memo], other: Path, dry_run: bool, *, changed: bool = False
) -> None:
    """One line naming the memos of ours the other database deleted, as
    :func:`_say_deleted_there` names passages."""
    named = [f"{m.label}: '{_excerpt(m.title)}'" for m in kept[:3]]
    _say_kept_here("memo", len(kept), named, other, dry_run, changed)


def _say_kept_here(
    noun: str, count: int, named: Sequence[str], other: Path, dry_run: bool, changed: bool
) -> None:
    """The line of :func:`_say_deleted_there`: ``count`` records (``named``: the first three)
    deleted in ``other`` and kept here."""
    if not count:
        return
    more = f" and {count - 3} more" if count > 3 else ""
    verb = "would be kept" if dry_run else agreeing(count, "is kept", "are kept")
    why = "changed here since the copy they deleted" if changed else "a merge deletes nothing here"
    print(
        f"tui-reader: {counted(count, noun)} deleted in {shown(str(other))} "
        f"{verb} here ({why}): {shown('; '.join(named))}{more}",
        file=sys.stderr,
    )


def _piped_work(file: str, other_coder: str | None, db: Path, corpus: Path) -> CodedWork:
    """The work piped in (``merge -``, as ``import -``: it was "-: no such file"; or
    ``merge <(ssh ...)``, refused as a FIFO), read from a file of its bytes as a file named is
    read (a database is read by the store), called as the pipe is in what is said."""
    source, raw = input_bytes(file, "merge")
    with tempfile.TemporaryDirectory(prefix="tui-reader-merge-") as folder:
        copy = Path(folder) / "piped.json"
        copy.write_bytes(raw)
        del raw
        try:
            work = read_coded_work(copy, other_coder, db=db, corpus=corpus)
        except TuiReaderError as exc:
            raise TuiReaderError(str(exc).replace(str(copy), str(source))) from exc
    # its keys as ours (a database's are relative to its folder, which a pipe does not tell)
    return replace(work, source=source, folder=None)


STAGES = ("reading", "comparing", "saving")


def _merged(
    args: argparse.Namespace,
    workspace: Workspace,
    work: CodedWork,
    other: Path,
    reached: Callable[[str], None] = lambda _stage: None,
) -> tuple[MergePlan, CodedWork]:
    """The plan of the merge of ``work`` into the workspace's store, applied unless
    ``--dry-run``, and ``work`` as merged (without what was left out); the store closed
    after."""
    try:
        # a document of theirs in no folder here kept in the corpus named, as import keeps it
        named = workspace.corpus if args.corpus or os.environ.get(ENV_CORPUS) else None
        planned = plan_work(workspace, work, str(other), _hashes(workspace), corpus=named)
        say_problems(other.name, planned.changed)
        # each passage, code or memo of a code too long left out alone: the merge fails
        say_problems(other.name, planned.left_out)
        plan, work = planned.plan, planned.work
        if not args.dry_run:
            reached("saving")
            apply_planned(workspace, planned, other.name)
    finally:
        close_store(workspace.store)
    return plan, work


def _hashes(workspace: Workspace) -> Mapping[str, str]:
    """Every readable document of the corpus: key -> sha256 of its text (see
    :func:`common.corpus_hashes`)."""
    return corpus_hashes(workspace)


def _listing(verdict: Reconciled) -> str:
    """One line: what happens, the id, the document, the passage, and each side's version."""
    theirs, ours = verdict.incoming, verdict.stored
    fields = [_ACTIONS[verdict.verdict], theirs.id, theirs.document, _excerpt(theirs.quote)]
    if ours is not None:
        fields.append("ours " + _version(ours))
    fields.append("theirs " + _version(theirs))
    return "\t".join(shown(f) for f in fields)


def _version(annotation: Annotation) -> str:
    tags = ", ".join(annotation.tags) or "no codes"
    note = f"; note: {_excerpt(annotation.note)}" if annotation.note else ""
    return f"({annotation.coder}, {annotation.updated}): {tags}{note}"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _QUOTE_WIDTH else flat[: _QUOTE_WIDTH - 1] + "…"


def _returned_codes(plan: MergePlan) -> str:
    """What the summary says of their new codes that are ones renamed, merged or deleted
    here, brought back by their passages (nothing when there are none)."""
    back = len(plan.returned_tags)
    if not back:
        return ""
    said = [f"{name}, now {now} here" if now else name for name, now in plan.returned_tags[:3]]
    named = shown("; ".join(said)) + (f"; and {back - 3} more" if back > 3 else "")
    of = "" if back == len(plan.new_tags) else f"{back} of them "
    return f" ({of}renamed, merged or deleted here, brought back by their passages: {named})"


def _deleted_codes(plan: MergePlan) -> str:
    """What the summary says of their codes deleted here (nothing when there are none)."""
    gone = len(plan.deleted_tags)
    if not gone:
        return ""
    named = shown(", ".join(plan.deleted_tags[:3])) + (f" and {gone - 3} more" if gone > 3 else "")
    return f" ({counted(gone, 'code')} deleted here not brought back: {named})"


def _filled_codes(plan: MergePlan) -> str:
    """What the merge adds to codes of ours (a colour or description ours lacks), said as
    import says it: the codebook changes though no code is new."""
    filled = len(plan.filled_tags)
    said = f", filled in the colour or description of {filled}" if filled else ""
    differ = len({name for name, *_ in plan.differing_tags})
    if differ:
        said += f", kept our colour or description of {differ} where theirs differs"
    return said


def _near_codes(plan: MergePlan, ours: Sequence[str]) -> str:
    """What the summary says of their new codes spelled as codes of ours but for case and
    accents, or nearly (a colleague's migración/viaje beside our migracion/viaje: the one
    code split in two, unsaid), nothing when there are none."""
    from tui_reader.core.codebook.tag_field import spelled_nearly

    back = {name for name, _now in plan.returned_tags}
    pairs = [
        (tag.name, near)
        for tag in plan.new_tags
        if tag.name not in back and (near := spelled_nearly(tag.name, ours)) is not None
    ]
    if not pairs:
        return ""
    said = "; ".join(f"{name} beside our {near}" for name, near in pairs[:3])
    more = f"; and {len(pairs) - 3} more" if len(pairs) > 3 else ""
    named = f"{shown(said)}{more}"
    return f" ({len(pairs)} spelled nearly like a code here: {named}; tags merge makes two one)"


def _summary(plan: MergePlan, other: Path, dry_run: bool, ours: Sequence[str] = ()) -> None:
    say_problems(other.name, plan.work.problems)
    say_problems(
        other.name,
        (
            f"annotation {given!r} is ours on {ours}, theirs on {theirs.document}: another "
            f"passage, kept as annotation {theirs.id}"
            for given, ours, theirs in plan.apart
        ),
    )
    named = plan.work.coders_said()
    verb = "would merge" if dry_run else "merged"
    print(
        f"tui-reader: {verb} {other} ({plan.work.kind}; {named}): "
        f"{plan.count(Verdict.ADD)} new, {plan.count(Verdict.UPDATE)} newer than ours "
        f"(taken), {plan.count(Verdict.OLDER)} older than ours (ours kept), "
        f"{plan.count(Verdict.CONFLICT)} changed on both sides (ours kept, theirs kept beside "
        f"it: {len(plan.kept)} new), "
        f"{plan.count(Verdict.UNCHANGED)} unchanged, {plan.count(Verdict.DELETED)} deleted "
        f"here (not brought back); {counted(len(plan.new_tags), 'new code')}"
        f"{_near_codes(plan, ours)}{_returned_codes(plan)}{_deleted_codes(plan)}"
        f"{_filled_codes(plan)}{plan.memos_and_attributes_said()}",
        file=sys.stderr,
    )
    say_problems(other.name, codebook_difference_lines(plan.differing_tags, "in theirs"))
    say_problems(other.name, differing_lines(plan.differing_attributes, "in theirs"))
    if plan.missing_documents:
        listed = shown(", ".join(plan.missing_documents[:3]))
        more = len(plan.missing_documents) - 3
        print(
            f"tui-reader: no document here with the text of {len(plan.missing_documents)} of "
            f"theirs ({listed}{f' and {more} more' if more > 0 else ''}); their annotations "
            "show as orphans until the files are in the corpus",
            file=sys.stderr,
        )
