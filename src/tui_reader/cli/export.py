"""``tui-reader export``: the annotations, re-anchored against the current documents, as
Markdown (the default), JSON, CSV, W3C Web Annotation or REFI-QDA.

Formats are registered in :data:`tui_reader.core.interchange.FORMATS`; the work is done by
:mod:`tui_reader.core.interchange.workspace_export`.  Output goes to stdout, or to a file written
atomically, never replacing an existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui_reader.cli import common
from tui_reader.cli.progress import SHOW_FROM_EXPORTED, into_a_pipe, progress_bar, stage_bar
from tui_reader.core.analysis.matching import spelled_codes
from tui_reader.core.collector import collector_paused
from tui_reader.core.display import shown_name
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import FORMATS, ExportOptions, get_format
from tui_reader.core.interchange.export_file import (
    VAULT,
    describe_scope,
    in_a_vault,
    refuse_an_annotated_document,
    refuse_the_database,
    refuse_what_cannot_be_written,
    refuse_what_is_no_vault,
    said_lines,
    vault_lines,
    wrote_line,
)
from tui_reader.core.interchange.workspace_export import (
    DocumentNames,
    ExportSet,
    collect,
    collected_for,
    render_parts,
    with_every_document,
    write_atomically,
)
from tui_reader.core.wording import clipped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import user_path, working_folder

DEFAULT_FORMAT = "markdown"


# The formats that hold a time as a time or not at all: a stored word taken for one is left
# out, and said (JSON and the project keep each record as stored, for import to read back)
def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0 (an export of nothing too); 1 when no --tag named is a code (the "
        "export of nothing written); 2 when a record of the database could not be read "
        "(said on stderr; the rest is written), when a file named is not there or no "
        "document (said; the others are exported) or on an error"
    )
    common.add_location_arguments(parser, "whose annotations to export")
    common.add_more_files_argument(parser, "exported with the first")
    common.add_format_argument(
        parser,
        [*FORMATS, VAULT],
        "output format (default: the one -o FILE's extension names, .md .json .csv .jsonld "
        ".qdpx .qdc, else markdown): "
        + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
        + f"; {VAULT}: an Obsidian vault, the folder -o FOLDER, made when missing: a note "
        "per document (its attributes as properties, its passages with block ids), per code "
        "(description, memo, its passages embedded) and per journal entry, and an index; "
        "exported again, it rewrites its own notes (their property tui-reader), but one "
        "edited since, removes those of a document or code gone, unedited, and never "
        "touches another file",
    )
    parser.add_argument(
        "--by",
        choices=("document", "tag"),
        help="Markdown: a section per document (default) or per tag (another format has no "
        "such sections: said, and left aside)",
    )
    common.add_tag_argument(
        parser, "only annotations with tag T (or a tag under it: 'policy' takes 'policy/border')"
    )
    common.add_doc_argument(
        parser, "only annotations of document DOC (a path, or the name shown by 'tui-reader list')"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=_output_name,
        help="write to FILE (atomically) instead of stdout ('-': stdout, as without -o; "
        "/dev/null: made and thrown away; a shell's >(command): piped into it)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE when it exists already")


def _say_by_left_aside(by: str | None, format_name: str) -> None:
    """``--by`` given to a format it does not shape (only Markdown has a section per
    document or per tag): said, as it was left aside without a word."""
    if by is None or format_name == "markdown":
        return
    has = (
        "a note per document and one per code whatever --by says"
        if format_name == VAULT
        else "no sections by document or tag"
    )
    print(
        f"tui-reader: --by {by} shapes the Markdown export; {format_name} has {has}: left aside",
        file=sys.stderr,
    )


def _output_name(text: str) -> str:
    """``-o``'s value: a file name, ``-`` for stdout.  An empty one (``-o "$OUT"``, OUT
    unset) wrote the export to stdout, exit 0, where a script meant a file."""
    if not text:
        raise argparse.ArgumentTypeError("names no file (it was empty); '-' is standard output")
    return text


def run(args: argparse.Namespace) -> int:
    """The export, the cyclic garbage collector paused while it runs (as the app's export
    dialog pauses it): the columns, places and blocks of 100,000 annotations are hundreds of
    thousands of containers that hold no cycle, and at the batch pace each 50,000 of them
    started a pass over the young ones (50 passes, 0.13-0.21 s of an export's 2-3 s CPU).
    Reference counting frees what it drops; the collector runs again after it."""
    with collector_paused():
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    if args.format == VAULT:
        _say_by_left_aside(args.by, VAULT)
        return export_vault(args)
    # "-" is stdout, as for most tools: never a file named "-" in the current folder
    output = user_path(args.output) if args.output not in (None, "-") else None
    # -o /dev/stderr: written there, as -o /dev/stdout is to stdout (it was refused as "a
    # symbolic link", where /dev/stdout was taken)
    to_stderr = output is not None and common.names_standard_stream(args.output, 2)
    if output is not None and (to_stderr or common.names_standard_stream(args.output, 1)):
        output = None  # -o /dev/stdout: stdout, as -o - (it was "a symbolic link")
    stream = sys.stderr if to_stderr else sys.stdout
    discarded = output is not None and _is_the_null_device(output)
    # -o >(gzip > out.csv.gz): a pipe the shell gives as a file (/dev/fd/63), written as it
    # is made; it was refused as "a symbolic link; give the real file's path"
    piped = output is not None and common.is_substituted_pipe(str(args.output))
    export_format = get_format(args.format or format_named_by(output))
    if args.format and output is not None:
        _say_other_format_named(output, export_format.name)
    _say_by_left_aside(args.by, export_format.name)
    if discarded:  # -o /dev/null: made and thrown away, as curl -o /dev/null (a test, a timing)
        output = None
    if output is not None and args.output.endswith(("/", os.sep)) and not output.is_dir():
        # -o out/: a folder meant (a slash ends it), which is not there: a file "out" was made
        bare = args.output.rstrip("/" + os.sep)
        raise TuiReaderError(
            f"{args.output}: names a folder (it ends in '/') that is not there; nothing was "
            f"written: name the file (-o {bare}{export_format.extension}, or "
            f"-o {args.output}annotations{export_format.extension} once the folder is made)"
        )
    if output is not None and not piped:
        refuse_what_cannot_be_written(output, export_format.extension)
    if output is not None and not piped and output.exists() and not args.force:
        raise TuiReaderError(f"{output} exists; add --force to replace it")
    if output is None and not discarded and export_format.binary and stream.isatty():
        raise TuiReaderError(
            f"{export_format.name} is a binary file; write it with -o FILE{export_format.extension}"
        )
    # said (the first twenty, then how many more); the others exported, and 2 as grep
    missing = common.files_not_there(args, common.SAID_AT_MOST)
    target, db = common.resolve_locations(args, reading=True)
    target, chosen = common.files_named(args, target, "an export", "export docs/*.txt")
    if output is not None and not piped:
        refuse_the_database(output, db)
    workspace = Workspace(target.corpus, db)
    try:
        if output is not None and not piped and output.exists():
            refuse_an_annotated_document(output, workspace)
        doc_keys, refused, tags, unknown = _documents_and_codes(args, workspace, chosen, missing)
        # Counted only for a bar: the store's index is not built otherwise (see collect)
        documents = workspace.store.documents
        with progress_bar("Exporting", lambda: len(documents())) as advance:
            export = collected_for(workspace, export_format, tags, doc_keys, advance)
            if export_format.name == "qdpx" and not tags:  # a source for each document
                export = with_every_document(export, workspace, doc_keys)
        # a record of the database that could not be read is not in the export: said, and
        # the export of the rest written, but a backup script must tell it from a whole one
        unread = bool(workspace.store.problems_met())
    finally:
        common.close_store(workspace.store)
    _say_what_was_read(export, workspace, db)
    options = ExportOptions(
        output_folder=output.absolute().parent if output is not None else working_folder(),
        by=args.by or "document",
        project_name=target.corpus.name or "tui-reader annotations",
        scope=describe_scope(tags, doc_keys),
        sections=tuple(tags),
        # Markdown written into an Obsidian vault: no relative link out of it
        links_within=(
            in_a_vault(output)
            if output is not None and export_format.name == "markdown" and not piped
            else None
        ),
    )
    # the annotations read, a big export is still to be made and written: said on a
    # terminal while it goes to a file (not while its text goes to that terminal too, nor
    # to a pipe, whose reader may show it there: the bar, drawn and erased over less's first
    # screen, garbled its first line, and stayed above what head printed)
    long = export.count >= SHOW_FROM_EXPORTED and (
        output is not None or (_into_a_file() and not to_stderr)
    )
    with stage_bar("Exporting", ("writing",), long=long) as reached:
        reached(f"writing {counted(export.count, 'annotation')}")
        payload = render_parts(export, export_format.name, options)
        for line in said_lines(export, workspace, export_format.name, sections=options.sections):
            print(f"tui-reader: {line}", file=sys.stderr)
        if output is not None:
            if piped:
                with open(output, "wb") as pipe:
                    pipe.writelines(payload)
            else:
                write_atomically(output, payload, overwrite=args.force)
        elif discarded:
            with open(os.devnull, "wb") as null:
                null.writelines(payload)
        else:
            stream.flush()  # the lines said before it first
            stream.buffer.writelines(payload)
            stream.buffer.flush()
    if output is not None:
        line = wrote_line(export, export_format, options, output, None if piped else workspace)
        print(f"tui-reader: {line}", file=sys.stderr)
    return _status(export, unread, bool(missing or refused), tags, unknown)


def export_vault(args: argparse.Namespace) -> int:
    """``export -f obsidian -o FOLDER``: the annotations as an Obsidian vault's notes (see
    :mod:`tui_reader.core.interchange.vault_folder`)."""
    if args.output in (None, "-"):
        raise TuiReaderError(
            f"{VAULT} writes a folder of notes, not one file: name it with -o FOLDER"
        )
    folder = user_path(args.output)
    refuse_what_is_no_vault(folder)
    missing = common.files_not_there(args, common.SAID_AT_MOST)
    target, db = common.resolve_locations(args, reading=True)
    target, chosen = common.files_named(args, target, "an export", "export docs/*.txt")
    workspace = Workspace(target.corpus, db)
    try:
        doc_keys, refused, tags, unknown = _documents_and_codes(args, workspace, chosen, missing)
        documents = workspace.store.documents
        with progress_bar("Exporting", lambda: len(documents())) as advance:
            export = collect(
                workspace, tags, doc_keys, advance, relist=False, columns=True, places=True
            )
        unread = bool(workspace.store.problems_met())
    finally:
        common.close_store(workspace.store)
    _say_what_was_read(export, workspace, db)
    options = ExportOptions(
        output_folder=folder.absolute(),
        project_name=target.corpus.name or "tui-reader annotations",
        scope=describe_scope(tags, doc_keys),
        sections=tuple(tags),
    )
    # a record not read leaves its document's passages out: no note of it is taken for gone
    # (a file not read keeps its passages, as orphans)
    whole = not tags and not doc_keys and not unread
    for line in vault_lines(
        export, workspace, options, folder.absolute(), whole=whole, unread=unread, typed=str(folder)
    ):
        print(f"tui-reader: {line}", file=sys.stderr)
    return _status(export, unread, bool(missing or refused), tags, unknown)


def _say_what_was_read(export: ExportSet, workspace: Workspace, db: Path) -> None:
    """Say on stderr what reading the export's annotations met: documents not read, files
    moved, and new places a read-only database keeps unsaved."""
    for problem in export.problems:
        print(f"tui-reader: {problem}", file=sys.stderr)
    common.say_moved(workspace)
    if workspace.unsaved_read_only:  # said only when something moved: it was said every time
        print(
            f"tui-reader: {db} is read-only; the new places of "
            f"{counted(workspace.unsaved_read_only, 'annotation')} (re-anchored) are not saved",
            file=sys.stderr,
        )


def _status(
    export: ExportSet, unread: bool, left_out: bool, tags: list[str], unknown: list[str]
) -> int:
    """The exit status of an export: records not read; a file named not exported (as grep's
    2); no code named is one (a typo in a Makefile: its empty export is no result, as a
    report's is; an annotation of a code the codebook lacks, from an old database, is one)."""
    if unread:
        return common.UNREAD_RECORDS
    if left_out:
        return 2
    return 1 if unknown and set(tags) <= set(unknown) and not export.count else 0


def _documents_and_codes(
    args: argparse.Namespace,
    workspace: Workspace,
    chosen: list[Path],
    missing: common.LeftOut | None = None,
) -> tuple[list[str], bool, list[str], list[str]]:
    """The keys of the documents an export is of (``--doc`` and the files ``chosen``), whether
    a file named is no document, the codes ``--tag`` named as the codebook spells them, and
    those it lacks.  ``missing``: the names not there, said among the files refused."""
    names = DocumentNames(workspace)
    doc_keys = [names.key(name) for name in args.doc]
    # export FILE (or docs/*.txt): those documents' annotations
    # a file that is none (a photo, a hidden file: a shell's docs/*) said, the rest
    # exported, and 2 (it refused them all)
    paths, refused = common.named_documents(chosen, workspace.named_documents(), missing)
    named = [workspace.key(path) for path in paths]
    doc_keys = list(dict.fromkeys([*named, *doc_keys]))
    # a code in another case (Policy) takes the codebook's spelling, as query's does
    codebook = [t.name for t in workspace.store.tags()] if args.tag else []
    typed = common.codes_typed(args, codebook)
    tags, unknown = spelled_codes((t.strip("/") or t for t in typed), codebook)
    return doc_keys, refused, tags, unknown


def _into_a_file() -> bool:
    """Whether standard output goes into a file (``> out.json``, ``> /dev/null``), not to a
    terminal nor into a pipe or a socket, whose reader may show it."""
    try:
        if sys.stdout.isatty():
            return False
    except (AttributeError, ValueError):  # closed, or no stdout at all
        return False
    return not into_a_pipe()


def _is_the_null_device(output: Path) -> bool:
    """Whether ``output`` is the null device (``-o /dev/null``): it was refused as "a device,
    not a regular file", where every other tool writes into it."""
    try:
        return os.path.samefile(output, os.devnull)
    except (OSError, ValueError):
        return False


def _say_other_format_named(output: Path, chosen: str) -> None:
    """One line on stderr when ``-f`` asked for a format and ``-o``'s extension names others
    (``-o x.json -f csv``: CSV was written in a .json file without a word); what -f asked
    is written all the same."""
    suffix = output.suffix.lower()
    named = [f.name for f in FORMATS.values() if f.extension == suffix]
    if suffix == ".markdown":
        named = ["markdown"]
    if named and chosen not in named:
        print(
            f"tui-reader: {shown_name(clipped(str(output)))}: its extension ({suffix}) names "
            f"{' or '.join(named)}, -f asked for {chosen}: written as {chosen}",
            file=sys.stderr,
        )


def format_named_by(output: Path | None) -> str:
    """The format the extension of ``output`` names (``-o project.qdpx``: qdpx, which was
    written as Markdown, a file QualCoder could not open), else the default."""
    suffix = output.suffix.lower() if output is not None else ""
    if suffix == ".markdown":
        return "markdown"
    return next((f.name for f in FORMATS.values() if f.extension == suffix), DEFAULT_FORMAT)
