"""``tui-reader autocode PATTERN --tag T``: tag every hit of a text or regex across the corpus,
or every turn of a ``--speaker`` (core/annotations/autocode.py does the work); prints how many
passages were coded."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui_reader.cli import common
from tui_reader.cli.progress import advancing, progress_bar
from tui_reader.core.annotations.autocode import UNITS, autocode, compile_pattern
from tui_reader.core.codebook.names import check_typed_tag_names
from tui_reader.core.codebook.tag_field import as_in_codebook
from tui_reader.core.display import shown
from tui_reader.core.documents.turns import speaker_key
from tui_reader.core.search.user_pattern import empty_text_only, matches_empty_text
from tui_reader.core.wording import counted, quoted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import resolve_db, resolve_target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status (as grep's): 0 when something matched (the count printed: the passages "
        "coded, 0 when all were already), 1 when nothing did, 2 when a document could not be "
        "read, or a file named is not there or no document (said; what matched elsewhere is "
        "coded all the same), or on an error"
    )
    parser.add_argument(
        "pattern",
        nargs="?",
        metavar="PATTERN",
        help="text to find (or a regex with --regex); optional with --speaker",
    )
    common.add_path_argument(parser, "corpus folder or one file")
    common.add_more_files_argument(parser, "coded with the first")
    common.add_document_arguments(parser)
    common.add_coder_argument(parser)
    common.add_tag_argument(parser, "tag to apply", required=True)
    parser.add_argument(
        "--regex",
        "-r",
        "-E",  # as search -E, grep's
        action="store_true",
        help="PATTERN is a Python regex (^ and $ match at line starts and ends, as grep)",
    )
    parser.add_argument("--ignore-case", "-i", action="store_true", help="match case-insensitively")
    common.add_doc_argument(parser, "only this document (a path, or relative to the corpus)")
    parser.add_argument(
        "--unit",
        choices=UNITS,
        default="match",
        help="code the match itself, or its whole sentence, paragraph or speaker turn",
    )
    parser.add_argument(
        "--speaker",
        metavar="NAME",
        help="only turns of this speaker in transcripts (e.g. P03; case and accents aside);"
        " alone: every such turn",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="note for new annotations")


def run(args: argparse.Namespace) -> int:
    if args.speaker and args.path is None and args.pattern and os.path.lexists(args.pattern):
        # "autocode --speaker P03 -t t corpus": the one word is the corpus, not a pattern
        # sought in the sample corpus's documents (the only corpus left to read)
        args.path, args.pattern = args.pattern, None
    pattern = (
        compile_pattern(args.pattern, args.regex, args.ignore_case)
        if args.pattern is not None
        else None
    )
    # said (the first twenty, then how many more); the others coded, and 2 as grep
    missing = common.files_not_there(args, common.SAID_AT_MOST)
    target = resolve_target(args.path or args.corpus)
    if not target.corpus.is_dir():
        raise common.not_a_corpus(target.corpus, typed=args.path or args.corpus)
    target, named = common.files_named(args, target, "autocode", "autocode PATTERN docs/*.txt")
    db = resolve_db(args.db)
    common.refuse_new_database_beside_corpus(args, target.corpus, db)
    workspace = Workspace(target.corpus, db, coder=common.coder_of(args))
    common.say_sample_corpus(args, workspace.corpus, "autocode")
    try:
        codebook = [t.name for t in workspace.store.tags()]
        tags = as_in_codebook(common.codes_typed(args, codebook), codebook)
        check_typed_tag_names(tags, codebook)
        keys, refused = _chosen_keys(workspace, args.doc, named, missing)
        with progress_bar("Coding", len(keys)) as advance:
            result = autocode(
                workspace,
                advancing(keys, advance),
                pattern,
                tags,  # Protest where the codebook has protest: that code, not a second one
                args.unit,
                args.note,
                speaker=args.speaker,
                typed=args.pattern,
                texts=workspace.corpus_texts,  # the search's: a text with no hit is not parsed
            )
        workspace.corpus_texts.pack.save(closing=True)  # the texts read, for the next search
    finally:
        workspace.corpus_texts.pack.close()
        common.close_store(workspace.store)
    if result.coded:  # said of a code made: no match made none, and a merge of it failed
        common.say_codes_spelled_nearly(tags, codebook)
    for error in result.unreadable:
        print(f"tui-reader: {error}", file=sys.stderr)
    only_empty = pattern is not None and (result.empty_only or matches_empty_text(pattern))
    if not result.hits and args.regex and only_empty:
        # '(?=e)' or '^' matched, where it finds empty text alone: "no match" misled
        print(f"tui-reader: {empty_text_only(args.pattern)}", file=sys.stderr)
    elif not result.hits:
        kind = "regex" if args.regex else "text"
        what = f"the {kind} {quoted(args.pattern)}" if pattern is not None else "a turn"
        speaker = f" of speaker {args.speaker}" if args.speaker else ""
        where = f"{counted(len(keys), 'document')} of {target.corpus}"
        print(f"tui-reader: no match for {what}{speaker} in {where}", file=sys.stderr)
        if args.speaker and speaker_key(args.speaker) not in map(speaker_key, result.speakers):
            print(f"tui-reader: {_speakers_there(list(result.speakers))}", file=sys.stderr)
    if result.already:  # "0" alone, run again, read as "no match"
        print(
            f"tui-reader: {counted(result.already, 'passage')} found coded already with "
            f"{', '.join(shown(t) for t in tags)}: left as they were",
            file=sys.stderr,
        )
    print(result.coded)
    if result.unreadable or missing or refused:
        return 2  # as grep and search: a document may hold the pattern, uncoded
    return 0 if result.hits else 1


def _chosen_keys(
    workspace: Workspace, docs: list[str], named: list[Path], missing: common.LeftOut
) -> tuple[list[str], bool]:
    """The keys of the documents to code, and whether a file named is no document."""
    if docs:
        paths = [common.document_path(workspace, doc) for doc in docs]
        return list(dict.fromkeys(workspace.key(path) for path in paths)), False
    if named:  # PATH, or docs/*.txt: a file the listing leaves out (a hidden one, a photo):
        # said, the others coded, and 2 (it refused them all)
        paths, refused = common.named_documents(named, workspace.named_documents(), missing)
        return list(dict.fromkeys(workspace.key(path) for path in paths)), refused
    return workspace.keys(), False


_SPEAKERS_SAID = 12  # speakers named when none is the one asked for, at most


def _speakers_there(speakers: list[str]) -> str:
    """The line saying which speakers the documents searched name (none of them the one
    asked for: a misspelled name, a label the transcripts write otherwise)."""
    if not speakers:
        return "no document there names a speaker (none reads as a transcript)"
    named = ", ".join(shown(name) for name in speakers[:_SPEAKERS_SAID])
    more = len(speakers) - _SPEAKERS_SAID
    return f"the speakers there: {named}" + (f" and {more} more" if more > 0 else "")
