"""Another coder's work, read for ``merge``: their database file, or an export of it (json, w3c,
qdpx).

What is read: their annotations (each with its coder) and their codebook (colours and
descriptions where the source has them); of a database, also its memos and documents'
attributes.  A TinyDB database (``annotations.json``, with its
journal if one is beside it) is read through the store, read-only; a JSON, W3C or REFI-QDA
export by its parser.  An annotation that names no coder is the source's default coder (a
database's settings) or ``other_coder``; when neither says, :class:`CodedWorkError` asks for it
rather than guessing whose work it is.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from tui_reader.core.analysis.memos import Memo
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import Annotation, Tag
from tui_reader.core.display import shown
from tui_reader.core.documents.safe_read import MAX_DOCUMENT_BYTES, opened_document
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.exact_json import TooManyDigits, json_loads
from tui_reader.core.interchange.long_strings import read_without_long_strings
from tui_reader.core.wording import agreeing, clipped, counted
from tui_reader.locations import CoderNameError, coder_name


class CodedWorkError(TuiReaderError):
    """Another coder's work cannot be read (or not without being told whose it is)."""


@dataclass(frozen=True)
class CodedWork:
    """Annotations and codes from elsewhere; ``folder``: what their document keys are relative
    to (a database's folder), None for an export (keys relative to an unknown folder)."""

    source: Path
    kind: str  # "database", "json", "project", "w3c" or "qdpx"
    annotations: tuple[Annotation, ...]
    tags: tuple[Tag, ...]
    folder: Path | None = None
    problems: tuple[str, ...] = ()  # what was left out or read in part, why (a qdpx's)
    memos: tuple[Memo, ...] = ()  # a database's memos (documents' keys as its own)
    attributes: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)  # key -> values
    # how many of ``problems`` are sources whose text could not be read (a qdpx's: a member
    # of its ``sources/`` the archive lacks, a linked file not beside it), or a W3C file's
    # annotations that could not be read: the merge fails
    left_out: int = 0
    # the annotations a database's history says were deleted there, each id with the
    # versions it had there (a merge deletes none here: it says which of them it keeps, and
    # which it kept changed since), read when first asked: :attr:`deleted`
    deleted_read: Callable[[], Mapping[str, Sequence[Annotation]]] | None = None
    # so too their memos deleted there, with the texts they had: :attr:`deleted_memos`
    deleted_memos_read: Callable[[], Mapping[str, Sequence[Memo]]] | None = None

    @property
    def deleted(self) -> Mapping[str, Sequence[Annotation]]:
        """What :attr:`deleted_read` reads (their history parsed then: a merge asks only
        when it holds passages of their coders that they no longer have)."""
        return {} if self.deleted_read is None else self.deleted_read()

    @property
    def deleted_memos(self) -> Mapping[str, Sequence[Memo]]:
        """What :attr:`deleted_memos_read` reads (asked, as :attr:`deleted`, only when we
        hold memos they no longer have)."""
        return {} if self.deleted_memos_read is None else self.deleted_memos_read()

    def coders_said(self) -> str:
        """How many annotations were read and whose, as merge's line says them: "4
        annotations by ben", "5 annotations: 4 by ben, 1 by cy" (it said "ben 4", read as a
        name), or "no annotations"."""
        coders = Counter(a.coder for a in self.annotations)
        if not coders:
            return "no annotations"
        total = counted(len(self.annotations), "annotation")
        if len(coders) == 1:
            return f"{total} by {shown(next(iter(coders)))}"
        by = ", ".join(f"{n:,} by {shown(coder)}" for coder, n in sorted(coders.items()))
        return f"{total}: {by}"


_ZIP_HEAD = b"PK\x03\x04"
# What merge reads, said where a file is none of it
MERGE_READS = "merge reads a tui-reader database or its json, project, w3c or qdpx export"
# Our exports merge does not read, by their first bytes: the CSV's header row (csv and
# csv-raw), the Markdown's line saying who wrote it (below its front matter: looked for in
# its head), as a colleague may send either
_OUR_CSV = re.compile(rb"(?:\xef\xbb\xbf)?id,document,tag,content,note,start,end,")
_OUR_MARKDOWN = re.compile(rb"^Exported by tui-reader \S+ on ", re.M)
_MARKDOWN_HEAD = 65_536  # bytes of a Markdown file looked through for that line


def our_markdown(raw: bytes) -> bool:
    """Whether ``raw`` is a Markdown export of ours (by document or by code), which no
    command reads back: by the line below its title saying who wrote it, or by the property
    its front matter begins with, however long the documents' attributes in it (past the
    head looked through, it was said to be no export of ours)."""
    from tui_reader.core.documents.corpus import own_markdown_head

    return own_markdown_head(raw) or _OUR_MARKDOWN.search(raw, 0, _MARKDOWN_HEAD) is not None


def _no_coded_work(path: Path, raw: bytes) -> str:
    """What to say of a file merge cannot read: what it is when it is an export of ours merge
    does not read (a Markdown export, a CSV one, which import takes back), and what merge
    does read, so that the step after it is known."""
    if _OUR_CSV.match(raw):
        from tui_reader.core.display import shell_word

        return (
            f"{path}: a CSV export of tui-reader; {MERGE_READS}, and "
            f"tui-reader import {shell_word(str(path))} takes this one"
        )
    if our_markdown(raw):
        return (
            f"{path}: a Markdown export of tui-reader, which no command reads back; "
            f"{MERGE_READS} (tui-reader export -f project -o FILE writes one)"
        )
    return f"{path}: not a tui-reader export; {MERGE_READS}"


def _project_work(data: bytes | BinaryIO, path: Path) -> CodedWork:
    """The work of the REFI-QDA project in ``data`` (its bytes, or its file open, however
    big its recordings make it: read a member at a time)."""
    from tui_reader.core.interchange.qdpx_read import read_refi_project

    project = read_refi_project(data, path, "merged")  # what merge does with what it reads
    return CodedWork(
        path,
        "qdpx",
        tuple(project.annotations),
        tuple(project.tags),
        problems=tuple(project.skipped),
        memos=tuple(project.memos),
        attributes=project.attributes,  # by source name, as its annotations' documents
        left_out=project.left_out,
    )


def read_coded_work(
    path: Path,
    other_coder: str | None = None,
    *,
    db: Path | None = None,
    corpus: Path | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> CodedWork:
    """The work in ``path`` (a tui-reader database, or a ``json``/``w3c`` export of one).

    ``other_coder``: whose the annotations are that name no coder (default: the database's
    default coder).  ``db`` and ``corpus``: the database merged into and its documents, where
    a W3C file's documents are found as an import finds them (a web page's address, as
    Hypothesis names it, on the page saved in the corpus from it).  ``stopped()`` is asked
    between the steps of the reading, and every thousand annotations or so of a database's
    made: true, :class:`~.reconcile.PlanStopped` is raised (the merge dialog closed)."""
    work = _read_work(path, db, corpus, stopped)
    _asked(stopped, path)
    work = _placeable(work)
    _asked(stopped, path)
    return _attributed(work, other_coder)


def _asked(stopped: Callable[[], bool], path: Path) -> None:
    """:class:`~.reconcile.PlanStopped` when ``stopped()``."""
    if stopped():
        from tui_reader.core.interchange.reconcile import PlanStopped

        raise PlanStopped(str(path))


def _read_work(
    path: Path, db: Path | None, corpus: Path | None, stopped: Callable[[], bool]
) -> CodedWork:
    """The work in ``path`` as it is read, no coder given to it (see :func:`read_coded_work`)."""
    _asked(stopped, path)
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a link loop: said as it is read
        raise CodedWorkError(f"{clipped(str(path))}: {os.strerror(errno.ENOENT)}")
    try:  # a regular file only: a FIFO or a device never blocks
        with opened_document(path) as (handle, size):
            if handle.read(4) == _ZIP_HEAD:  # a REFI-QDA project: read a part at a time
                handle.seek(0)
                return _project_work(handle, path)
            handle.seek(0)
            # a string longer than a record's text may be read as too long, never held (a
            # note of 100 MB took 650 MB to be refused): said with its record and field, as
            # import says it
            taken = size
            if size <= MAX_DOCUMENT_BYTES:
                raw, taken = read_without_long_strings(handle, MAX_DOCUMENT_BYTES)
            if taken > MAX_DOCUMENT_BYTES:  # (or it grew as it was read)
                raise DocumentError(path, _TOO_LARGE)
    except DocumentError as exc:
        raise CodedWorkError(str(exc)) from exc
    if _STORE_LAYOUT.match(raw):  # a database as our store writes it: read by the store alone
        del raw  # parsed once, not first to learn what it is (at 100,000 annotations: 1.1 s)
        return _read_database(path, stopped)
    if raw[:4] == _ZIP_HEAD:  # grown into one since it was looked at
        return _project_work(raw, path)
    _asked(stopped, path)
    try:
        text = raw.decode("utf-8-sig")
        data: Any = json_loads(text) if text.strip() else {}  # nested too deeply: refused
    except TooManyDigits:  # a number of thousands of digits
        from tui_reader.core.interchange.import_schema import load_json

        # read as import reads it, the number kept in its place: said with its record and
        # field ("record 1: start: an integer of 5001 digits is too large"), or as damaged
        # JSON by the store reading a database
        data = load_json(text, str(path))
    except json.JSONDecodeError as exc:
        if text.lstrip()[:1] in ("[", "{"):  # JSON with a fault (cut short): said as import does
            from tui_reader.core.interchange.import_schema import not_json

            raise CodedWorkError(not_json(str(path), exc)) from exc
        raise CodedWorkError(_no_coded_work(path, raw)) from exc
    except UnicodeDecodeError as exc:
        raise CodedWorkError(_no_coded_work(path, raw)) from exc
    _asked(stopped, path)
    if is_database(data):
        work = _read_database(path, stopped)
    elif _is_w3c(data):
        from tui_reader.core.interchange.importing import read_beside

        # checked as import checks them: an annotation that cannot be read is said and left
        # out, the others merged (the merge fails, as import does)
        skipped: list[str] = []
        read = read_beside(text, path, "w3c", db, corpus, skipped, verb="merged")
        found = read.annotations
        names = dict.fromkeys(t for a in found for t in a.tags)  # its codes: theirs to count
        work = CodedWork(
            path,
            "w3c",
            tuple(found),
            tuple(Tag(n) for n in names),
            problems=tuple(skipped),
            left_out=read.bad,
        )
    else:
        from tui_reader.core.interchange.importing import read_beside, readable_memo_times
        from tui_reader.core.interchange.project import is_project, project_extras

        # ids on several records, times that are no times, and records that cannot be read:
        # said and left out, the others merged (the merge fails, as import does)
        said: list[str] = []
        read = read_beside(text, path, "json", db, corpus, said, verb="merged")
        annotations = read.annotations
        # a whole project's codebook, memos, values (an entry that cannot be read left out)
        if '_bytes"' in text:  # a file name that is not UTF-8, its bytes beside it: the name
            from tui_reader.core.interchange.name_bytes import names_from_bytes

            data = names_from_bytes(data)  # (the attributes' keys: they were the escape)
        left: list[str] = []
        extras = project_extras(data, str(path), "merged", left_out=left)
        said.extend(left)
        memos = readable_memo_times(extras.memos, said, verb="merged")
        listed = {t.name for t in extras.tags}
        names = dict.fromkeys(t for a in annotations for t in a.tags if t not in listed)
        work = CodedWork(
            path,
            "project" if is_project(data) else "json",
            tuple(annotations),
            (*extras.tags, *(Tag(n) for n in names)),
            problems=tuple(said),
            memos=tuple(memos),
            attributes=extras.attributes,
            left_out=read.bad + len(left),
        )
    return work


def _placeable(work: CodedWork) -> CodedWork:
    """``work`` with each annotation whose range cannot be right (a damaged or hand-edited
    file: ``[50, 3)``, ``[5, 5)``) kept as import keeps one: an orphan placed again by its
    quote, said in ``problems``; one that names no document refuses the file, named."""
    from tui_reader.core.interchange.importing import normalize

    problems = list(work.problems)
    annotations = []
    for annotation in work.annotations:
        if not annotation.document:
            raise CodedWorkError(f"{work.source}: annotation {annotation.id!r} names no document")
        if not 0 <= annotation.start < annotation.end:
            problems.append(
                f"annotation {annotation.id!r}: range [{annotation.start}, {annotation.end}) "
                "cannot be right; kept, to be placed again by its quote"
            )
            annotation = normalize(annotation)
        annotations.append(annotation)
    if len(problems) == len(work.problems):
        return work
    return replace(work, annotations=tuple(annotations), problems=tuple(problems))


_OUR_TABLES = frozenset({"annotations", "tags", "memos", "attributes", "meta", "positions"})
# How the store begins a database it writes (a table per line): one of our tables first
_TOO_LARGE = f"is larger than the {MAX_DOCUMENT_BYTES // 2**20:,} MB tui-reader reads"
_STORE_LAYOUT = re.compile(
    rb'\{\n"(?:' + b"|".join(sorted(t.encode() for t in _OUR_TABLES)) + rb')": \{'
)


def is_database(data: Any) -> bool:
    """A TinyDB file of ours: tables, at least one of them one we write (another program's
    TinyDB file, ``{"_default": ...}``, is not another coder's work)."""
    return (
        isinstance(data, dict)
        and bool(_OUR_TABLES.intersection(data))
        and all(isinstance(t, dict) for t in data.values())
    )


def _is_w3c(data: Any) -> bool:
    from tui_reader.core.interchange.hypothesis import is_hypothesis
    from tui_reader.core.interchange.w3c_expanded import is_expanded

    if is_hypothesis(data):  # its own JSON, read as the W3C it also serves
        return True
    first = data[0] if isinstance(data, list) and data else data
    if isinstance(first, dict) and ("type" in first or "@context" in first):
        return True
    return is_expanded(data)


def _read_database(path: Path, stopped: Callable[[], bool] = lambda: False) -> CodedWork:
    from tui_reader.core.store.annotation_store import AnnotationStore

    with AnnotationStore(path, read_only=True, coder="") as store:
        _asked(stopped, path)
        # (no index of theirs built when it need not be)
        read = store.annotations_read_once(stopped)
        _asked(stopped, path)
        annotations, problems = read if read is not None else (store.annotations(), [])
        tags = store.tags()
        memos = store.memos()
        attributes = store.attributes()
        deleted = store.deleted_versions_reader()
        if read is None:
            problems = store.problems
    if problems and not annotations:  # none of its passages could be read: refused
        raise CodedWorkError(f"{problems[0]} (nothing of it merged)")
    # a record that cannot be read (a start that is no number, edited by hand) is said and
    # left out, the others merged, as an export's bad record is: it refused them all
    said = [f"{_without_path(problem, path)}; not merged" for problem in problems]
    # ids on several records (a file a script wrote, or edited by hand)
    if len({a.id for a in annotations}) != len(annotations):
        from tui_reader.core.interchange.importing import one_per_id

        annotations = list(one_per_id(annotations, said).values())
    # a time that is no time, kept by an import before such words were refused ('yesterday'):
    # merged undated, and said, as a file's is (their database is left as it is)
    from tui_reader.core.interchange.importing import readable_memo_times, readable_times

    _asked(stopped, path)
    annotations = readable_times(annotations, said, "merged")
    memos = readable_memo_times(memos, said, "merged")
    known = {t.name for t in tags}
    extra = dict.fromkeys(t for a in annotations for t in a.tags if t not in known)
    return CodedWork(
        path,
        "database",
        tuple(annotations),
        (*tags, *map(Tag, extra)),
        path.resolve().parent,
        memos=tuple(memos),
        attributes=attributes,
        problems=tuple(said),
        left_out=len(problems),
        deleted_read=lambda: _deleted_there(deleted("annotations"), annotations),
        deleted_memos_read=lambda: _memos_deleted_there(deleted("memos"), memos),
    )


def _without_path(problem: str, path: Path) -> str:
    """A problem the store said of the database at ``path`` without its path before it (the
    merge names the file before each line it says)."""
    for named in dict.fromkeys((str(path), str(path.resolve()))):
        if problem.startswith(f"{named}: "):
            return problem.removeprefix(f"{named}: ")
    return problem


def _deleted_there(
    versions: Mapping[str, Sequence[Mapping[str, Any]]], annotations: Sequence[Annotation]
) -> dict[str, list[Annotation]]:
    """The versions a database's history holds of each annotation deleted there, by id, as
    annotations (a version that cannot be read left out); one it has now (deleted, then
    undone by hand) is not deleted."""
    return _versions_read(versions, {a.id for a in annotations}, Annotation.from_record)


def _memos_deleted_there(
    versions: Mapping[str, Sequence[Mapping[str, Any]]], memos: Sequence[Memo]
) -> dict[str, list[Memo]]:
    """The versions a database's history holds of each memo deleted there, by id, as memos
    (a version that cannot be read left out); one it has now is not deleted."""
    return _versions_read(versions, {m.id for m in memos}, Memo.from_record)


_Read = TypeVar("_Read")


def _versions_read(
    versions: Mapping[str, Sequence[Mapping[str, Any]]],
    have: set[str],
    read: Callable[[dict[str, Any]], _Read],
) -> dict[str, list[_Read]]:
    """The versions of each record not in ``have``, read by ``read`` (one that cannot be read
    left out)."""
    found: dict[str, list[_Read]] = {}
    for record_id, records in versions.items():
        if record_id in have:
            continue
        had = found[record_id] = []
        for record in records:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                had.append(read(dict(record)))
    return found


def _cleaned(coder: str) -> str:
    """A coder's name cleaned as ``--coder`` names are (none if nothing of it is left)."""
    try:
        return coder_name(coder) if coder else ""
    except CoderNameError:
        return ""


# how a file whose passages name no coder is asked for a name (the merge dialog asks its own way)
NAME_THE_CODER = "name the coder with --other-coder NAME"


def _attributed(work: CodedWork, other_coder: str | None) -> CodedWork:
    """``work`` with every annotation naming its coder (``other_coder`` for those without),
    each coder's name cleaned once (not once for each of 100,000 annotations)."""
    names = {coder: _cleaned(coder) for coder in {a.coder for a in work.annotations}}
    work = replace(
        work,
        annotations=tuple(
            a if names[a.coder] == a.coder else a.evolve(coder=names[a.coder])
            for a in work.annotations
        ),
    )
    nameless = [a for a in work.annotations if not a.coder]
    if not nameless:
        return work
    if not other_coder:
        raise CodedWorkError(
            f"{work.source}: {counted(len(nameless), 'annotation')} "
            f"{agreeing(len(nameless), 'names', 'name')} no coder and the file does not "
            f"say whose they are; {NAME_THE_CODER}"
        )
    annotations = tuple(a if a.coder else a.evolve(coder=other_coder) for a in work.annotations)
    return replace(work, annotations=annotations)
