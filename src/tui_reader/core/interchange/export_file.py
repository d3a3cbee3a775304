"""An export written to a file (or a vault's folder), as ``tui-reader export -o`` and the
app's export dialog write it: the checks made before any work, what is said of the export
(a line each), and the line saying where it went.  The command prints these lines on stderr,
the app shows them; the words are one, here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.display import shown_name
from tui_reader.core.documents.corpus import written_by_us
from tui_reader.core.documents.safe_read import special_file_problem
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.interchange import ExportFormat, ExportOptions, get_format
from tui_reader.core.interchange.csv import CELL_LIMIT, over_cell_limit
from tui_reader.core.interchange.export_text import export_key
from tui_reader.core.interchange.refi import code_names
from tui_reader.core.interchange.stopping import Tell, stopped_by, told_to
from tui_reader.core.interchange.workspace_export import (
    ExportSet,
    collect,
    gone_files,
    joined_lines,
    orphan_lines,
    render_parts,
    undated_lines,
    with_every_document,
    write_atomically,
)
from tui_reader.core.wording import agreeing, clipped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import db_sidecars

VAULT = "obsidian"  # a folder of notes, not a file: see export_vault


class ExportCancelled(Exception):
    """The export was stopped before its file was written: nothing was written."""


class ExportStopped(ExportCancelled):
    """The export was stopped while its notes were written (a vault's): its one line says
    how many were, and that the others were left as they were."""


def refuse_what_cannot_be_written(output: Path, extension: str) -> None:
    """An output naming a folder, a link, a device or a file in a folder not there: said at
    once, before the work, and before "exists", which replacing it would not have helped."""
    if output.is_dir():
        raise TuiReaderError(
            f"{shown_name(clipped(str(output)))} is a folder; name a file in it: "
            f"-o {shown_name(clipped(str(output / ('annotations' + extension))))}"
        )
    problem = special_file_problem(output)
    if problem is not None:
        raise TuiReaderError(f"{shown_name(clipped(str(output)))}: {problem}; nothing was written")
    folder = output.absolute().parent
    if not folder.is_dir():
        raise TuiReaderError(
            f"{shown_name(clipped(str(folder)))}: no such folder; nothing was written"
        )
    # The file is written beside its name and renamed: the folder must take a new file.  It
    # was found only once the whole export was built (minutes on a big project).
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TuiReaderError(
            f"{shown_name(clipped(str(folder)))}: the folder cannot be written to "
            "(read-only or not yours); nothing was written"
        )


def refuse_the_database(output: Path, db: Path) -> None:
    """An output naming the database or a file the store keeps beside it: replaced, every
    memo, attribute, step of the history and colour went with it."""
    written = output.absolute().resolve()
    for kept in (db, *db_sidecars(db)):
        if written == kept.absolute().resolve():
            raise TuiReaderError(
                f"{output} is the annotation database{'' if kept == db else ' (a file beside it)'}"
                "; an export never replaces it: write it to another file"
            )


def refuse_an_annotated_document(output: Path, workspace: Workspace) -> None:
    """An output naming a document of the corpus that has annotations: replaced, its text
    was the export's, and its annotations were orphaned."""
    try:
        key = workspace.key(output)
    except (TuiReaderError, ValueError, OSError):
        return  # not a document of the corpus
    if workspace.store.has_annotations_on(key):
        raise TuiReaderError(
            f"{output} is a document of the corpus with annotations; an export never replaces "
            "it (they would lose their text): write it to another file"
        )


def refuse_what_is_no_vault(folder: Path) -> None:
    """A vault's folder that is a file, or whose parent is not there: said before the work."""
    if folder.exists() and not folder.is_dir():
        named = shown_name(clipped(str(folder)))
        raise TuiReaderError(f"{named} is not a folder; {VAULT} writes a folder of notes")
    if not folder.absolute().parent.is_dir():
        parent = shown_name(clipped(str(folder.absolute().parent)))
        raise TuiReaderError(f"{parent}: no such folder; nothing was written")


def describe_scope(tags: Sequence[str], documents: Sequence[str]) -> str:
    """The selection in words, for the export's header ("" when everything is exported),
    each document named as the export names it (:func:`export_key`: ``c/two␊lines.txt``,
    where the header's line gate wrote the line feed ``⏎``)."""
    parts = []
    if tags:
        parts.append("tags " + ", ".join(tags))
    if documents:
        parts.append("documents " + ", ".join(export_key(key) for key in documents))
    return "; ".join(parts)


def cells_too_long_line(export: ExportSet) -> str | None:
    """The line saying that a passage or note is longer than a spreadsheet cell holds:
    Excel cuts it there without a word (a chapter coded whole); None when none is."""
    if export.columns is not None:
        quotes, notes = export.columns.quote, export.columns.note
    else:
        quotes = [a.quote for a in export.annotations]
        notes = [a.note for a in export.annotations]
    over = over_cell_limit(quotes, notes)
    if not over:
        return None
    return (
        f"{counted(over, 'annotation')} {agreeing(over, 'has', 'have')} a "
        f"passage or note longer than a spreadsheet cell holds ({CELL_LIMIT:,} "
        "characters): Excel cuts it there; the file holds it whole (csv-raw, json or qdpx "
        "for a whole one in another program)"
    )


def said_lines(
    export: ExportSet,
    workspace: Workspace,
    format_name: str,
    *,
    files: bool = True,
    sections: Sequence[str] = (),
) -> list[str]:
    """What is said of an export once made, a line each, in order: its orphans by their
    cause (``files``: a file gone named in a line of its own, see :func:`orphan_lines`), the
    passages a project joins, cells too long for a spreadsheet, codes Taguette refuses (of
    those of ``sections`` and below, when named), the times that are no time."""
    lines = orphan_lines(export, workspace, left_out=format_name == "qdpx", files=files)
    lines += joined_lines(export, format_name)  # QualCoder's one coding a code
    if format_name == "csv":
        cells = cells_too_long_line(export)
        lines += [cells] if cells is not None else []
    if format_name == "codebook-csv":
        from tui_reader.core.interchange.codebook_csv import taguette_refuses

        used = export.columns.tags if export.columns is not None else export.annotations_tags
        lines += taguette_refuses(export.tags, used, sections)
    return lines + undated_lines(export, format_name)


def wrote_line(
    export: ExportSet,
    export_format: ExportFormat,
    options: ExportOptions,
    output: Path,
    workspace: Workspace | None = None,
) -> str:
    """``wrote 1,204 annotations to …``: what a file holds (a codebook its codes, a project
    the annotations it can place) and where it went; written into the corpus folder of
    ``workspace`` (given), whether it is read there as a document (:func:`in_the_corpus`)."""
    if export_format.tags_only:  # a codebook: its codes are what it holds
        used = export.columns.tags if export.columns is not None else export.annotations_tags
        wrote = counted(len(code_names(export.tags, used, options.sections)), "code")
    else:  # a project holds only the annotations it can place (orphans left out)
        held = export.count - (export.orphans if export_format.name == "qdpx" else 0)
        wrote = counted(held, "annotation")
    where = in_the_corpus(output, workspace, export_format.extension) if workspace else ""
    return f"wrote {wrote} to {shown_name(str(output))}{where}"


def in_a_vault(output: Path) -> Path | None:
    """The Obsidian vault a Markdown export written to ``output`` is read in (a folder above
    it holding ``.obsidian``), which no link of it should leave; None when it is in none."""
    from tui_reader.core.interchange.markdown import vault_root  # loaded for Markdown

    return vault_root(output.absolute().parent)


def in_the_corpus(output: Path, workspace: Workspace, extension: str) -> str:
    """What the line saying where an export went adds when it went into the corpus folder
    (``export -o notes.md`` run there): that it is no document there (the listing knows our
    exports by their first bytes and leaves them out of the library, searches and exports),
    or, under a name it is not known by (Markdown written as ``notes.txt``), that it is one,
    each of its quotes found twice by a search, and the name that keeps it out; "" for a
    file written outside the corpus folder."""
    try:
        key = workspace.key(output)
    except (TuiReaderError, ValueError, OSError):
        return ""
    if workspace.may_be_listed(key):
        better = shown_name(output.with_suffix(extension).name)
        return (
            " (in the corpus folder, where it is read as a document: a search finds its "
            f"quotes twice; name it {better}, or write it outside the corpus folder)"
        )
    where = os.path.realpath(output)
    corpus = os.path.join(os.path.realpath(workspace.corpus), "")
    if where.startswith(corpus) and written_by_us(where):
        return " (in the corpus folder, where it is not read as a document: tui-reader wrote it)"
    return ""


def vault_lines(
    export: ExportSet,
    workspace: Workspace,
    options: ExportOptions,
    folder: Path,
    check: Callable[[], None] = lambda: None,
    *,
    whole: bool = False,
    unread: bool = False,
    typed: str | None = None,
) -> list[str]:
    """Write ``export`` as an Obsidian vault into ``folder`` (see
    :mod:`~.vault_folder`); the lines said of it, the last saying what was written.
    ``check`` raises to stop it while its notes are made (none written then), or while
    they are written (:class:`ExportStopped`, those written so far kept).
    ``whole``: the export is of the whole project (a note of ours it no longer writes,
    unedited, is removed); ``unread``: it is not, as records of the database were not read.
    ``typed``: the folder as the user named it (``-o ../vault``), said so as every export
    says its file, not the absolute path it was written by."""
    from tui_reader.core.interchange.markdown import vault_root
    from tui_reader.core.interchange.vault_folder import (
        given_names,
        notes_not_ours,
        write_vault,
    )
    from tui_reader.core.interchange.vault_links import CANVAS
    from tui_reader.core.interchange.workspace_export import render_vault

    named = shown_name(clipped(typed if typed is not None else str(folder)))
    # the vault the notes are read in: one above the folder, or the folder opened alone
    options = replace(options, links_within=vault_root(folder) or folder.absolute())
    with stopped_by(check):
        vault = render_vault(export, options, notes_not_ours(folder), given_names(folder))
    check()
    lines = orphan_lines(export, workspace, left_out=False)

    def asked() -> bool:  # esc: the notes written so far kept, each whole
        try:
            check()
        except ExportCancelled:
            return True
        return False

    written = write_vault(folder, vault.notes, whole=whole, stop=asked)
    if written.stopped_at is not None:
        raise ExportStopped(
            f"export stopped: {written.stopped_at:,} of {len(vault.notes):,} notes written "
            f"into {named}, the others left as they were; export again to finish it"
        )
    lines += [
        f"{named}: a note '{shown_name(theirs)}' that is not ours is there; "
        f"ours is '{shown_name(ours)}'"
        for theirs, ours in vault.clashed
    ]
    lines += [f"{shown_name(str(path))}: not ours; left as it was" for path in written.refused]
    if written.not_rewritten:
        lines.append(
            f"left {counted(len(written.not_rewritten), 'note')} of ours edited since the "
            f"last export as they are, not rewritten: {_notes_named(written.not_rewritten, folder)}"
            "; to have them written again, take your words into notes of your own and "
            "delete them"
        )
    if written.renamed:
        pairs = [
            f"'{shown_name(b)}' as '{shown_name(a)}'" for b, a in sorted(written.renamed.items())
        ]
        more = len(pairs) - NOTES_NAMED
        why = agreeing(len(pairs), "its document's file was", "their documents' files were")
        lines.append(
            f"renamed {counted(len(pairs), 'note')} as {why}: "
            + ", ".join(pairs[:NOTES_NAMED])
            + (f" and {more:,} more" if more > 0 else "")
        )
    if written.relinked:
        canvases = sum(path.suffix.lower() == CANVAS for path in written.relinked)
        notes = len(written.relinked) - canvases
        where = " and ".join(
            counted(n, noun, nouns)
            for n, noun, nouns in ((notes, "note", None), (canvases, "canvas", "canvases"))
            if n
        )
        lines.append(
            f"changed the links to {agreeing(len(written.renamed), 'it', 'them')} in "
            f"{where}, as Obsidian does on a rename: "
            f"{_notes_named(written.relinked, vault_root(folder) or folder.absolute())}"
        )
    if written.removed:
        lines.append(
            f"removed {counted(len(written.removed), 'note')} of an earlier export "
            f"no longer written, unedited: {_notes_named(written.removed, folder)}"
        )
    if written.edited:
        lines.append(
            f"left {counted(len(written.edited), 'note')} of an earlier export no longer "
            f"written, edited since: {_notes_named(written.edited, folder)}; "
            "delete them yourself when done with them"
        )
    if written.stale:
        why = (
            "records of the database were not read"
            if unread
            else "no record of what was written in them: delete them yourself"
            if whole
            else "not in this export's selection"
        )
        lines.append(
            f"left {counted(len(written.stale), 'note')} of an earlier export "
            f"not written this time ({why}): {_notes_named(written.stale, folder)}"
        )
    unchanged = f", {written.unchanged:,} unchanged" if written.unchanged else ""
    lines.append(
        f"wrote {counted(written.written, 'note')}{unchanged} "
        f"({counted(export.count, 'annotation')}) to {named}"
    )
    return lines


NOTES_NAMED = 5  # notes a line names; the rest counted


def _notes_named(paths: Sequence[Path], folder: Path) -> str:
    """``'Documents/Interview 3.md', 'Codes/policy.md' and 4 more``: the first few
    :data:`NOTES_NAMED` of ``paths``, by their place in ``folder``."""
    names = [f"'{shown_name(p.relative_to(folder).as_posix())}'" for p in paths]
    more = len(names) - NOTES_NAMED
    return ", ".join(names[:NOTES_NAMED]) + (f" and {more:,} more" if more > 0 else "")


@dataclass
class Exported:
    """What :func:`export_to` wrote and has to say."""

    lines: list[str]  # said of it, the last saying where it went
    problems: list[str] = field(default_factory=list)  # records or files not read
    gone: list[str] = field(default_factory=list)  # each file gone, when not said in lines


@dataclass
class Stop:
    """Asked from another thread to stop an export (``esc``)."""

    event: threading.Event = field(default_factory=threading.Event)

    def check(self) -> None:
        if self.event.is_set():
            raise ExportCancelled("export cancelled; nothing was written")


def export_to(
    workspace: Workspace,
    format_name: str,
    output: Path,
    *,
    tags: Sequence[str] = (),
    documents: Sequence[str] = (),
    overwrite: bool = False,
    view: CoderView | None = None,
    advance: Callable[[], None] = lambda: None,
    stop: Stop | None = None,
    files: bool = True,
    writing: Callable[[], object] = lambda: None,
    told: Tell = lambda done, total, what: None,
    by: Literal["document", "tag"] = "document",
) -> Exported:
    """Export the annotations of ``workspace`` (of ``tags`` and ``documents``, the coding
    ``view`` shows) as ``format_name`` into ``output``, checked as the command checks it,
    Markdown grouped ``by`` document or tag; ``stop`` stops it before anything is written
    (:class:`ExportCancelled`), a vault between two notes (:class:`ExportStopped`);
    ``writing()`` is called once the annotations are read, as the file is made, and
    ``told(done, total, what)`` as the store's annotations are read (``what``:
    :data:`~tui_reader.core.interchange.stopping.READ`, first) and as a format that counts
    makes it (qdpx: its sources written, their passages and its files packed; the vault: its
    passages sorted into notes, its documents' notes made, its notes written)."""
    stop = stop or Stop()
    vault = format_name == VAULT
    if vault:
        refuse_what_is_no_vault(output)
        export_format = None
    else:
        export_format = get_format(format_name)
        refuse_what_cannot_be_written(output, export_format.extension)
        refuse_the_database(output, workspace.db)
        if output.exists():
            refuse_an_annotated_document(output, workspace)
            if not overwrite:
                raise TuiReaderError(f"{output} exists; not replaced")

    def advanced() -> None:
        stop.check()
        advance()

    whole = view is None or view.only is None  # a coder's alone: the annotations filtered
    columns = whole and (vault or bool(export_format and export_format.columns_target))
    # the records read: stopped between their steps too, and their reading counted
    with stopped_by(stop.check), told_to(told):
        export = collect(
            workspace,
            tags,
            documents,
            advanced,
            tags_only=bool(export_format and export_format.tags_only),
            columns=columns,
            places=vault or bool(export_format and export_format.places),
        )
    writing()
    if view is not None and view.only is not None and export.columns is None:
        export = replace(export, annotations=view.filter(export.annotations))
    if format_name == "qdpx" and not tags:  # a source for each document
        export = with_every_document(export, workspace, documents)
    stop.check()
    options = ExportOptions(
        output_folder=output.absolute() if vault else output.absolute().parent,
        project_name=workspace.corpus.name or "tui-reader annotations",
        scope=describe_scope(tags, documents),
        sections=tuple(tags),
        by=by,
    )
    if format_name == "markdown":  # read in the Obsidian vault it is written into, if any
        options = replace(options, links_within=in_a_vault(output))
    if vault:
        unread = bool(workspace.store.problems_met())  # a file not read: its passages orphans
        whole = not tags and not documents and (view is None or view.only is None)
        with told_to(told):  # its notes made, then written: counted
            said = vault_lines(
                export,
                workspace,
                options,
                output.absolute(),
                stop.check,
                whole=whole and not unread,
                unread=unread,
            )
        return Exported(said, export.problems)
    assert export_format is not None
    with stopped_by(stop.check), told_to(told):  # the format's text made: stopped as it is made too
        payload = render_parts(export, format_name, options)
    stop.check()

    def parts() -> Iterator[bytes]:  # stopped between parts: the temporary file removed
        for part in payload:
            stop.check()
            yield part

    lines = said_lines(export, workspace, format_name, files=files, sections=options.sections)
    write_atomically(output, parts(), overwrite=overwrite)
    wrote = wrote_line(export, export_format, options, output, workspace)
    gone = [] if files else gone_files(export, workspace)
    return Exported([*lines, wrote], export.problems, gone)
