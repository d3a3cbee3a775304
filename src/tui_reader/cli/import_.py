"""``tui-reader import``: bring annotations in from a W3C Web Annotation or JSON export, a
REFI-QDA project or codebook (QualCoder, ATLAS.ti, MAXQDA, NVivo) or Taguette's exports
(:mod:`tui_reader.core.interchange.foreign`); the format is guessed from the content.

Annotations merge by id, newer wins (:mod:`tui_reader.core.interchange.reconcile`): a new one
is added, one that is newer than ours replaces it, an older copy of ours is skipped, a copy of
one deleted here is skipped unless it changed since (the history says what was deleted), and when
both sides changed ours stays, theirs is reported and kept beside it as an annotation of its
own.  Importing the same file twice adds
nothing; an import is one step of the history (``tui-reader undo`` takes it back).  Tags the
codebook lacks join it.  Positions are re-anchored the next time the document is opened or
exported.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from tui_reader.cli import common
from tui_reader.cli.progress import SHOW_FROM_BYTES, file_size, stage_bar
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, utc_now
from tui_reader.core.display import shown, shown_name
from tui_reader.core.errors import ImportFormatError, TuiReaderError
from tui_reader.core.interchange import foreign, reconcile
from tui_reader.core.interchange.annotation_columns import stored_contents
from tui_reader.core.interchange.corpus_keys import a_file, in_the_corpus
from tui_reader.core.interchange.export_text import export_key, export_line
from tui_reader.core.interchange.import_schema import (
    check_ids,
    load_json,
    without_ids_elsewhere,
)
from tui_reader.core.interchange.importing import (
    FORMATS,
    ExportableCodes,
    StoredHere,
    exportable_codes,
    memos_on_our_codes,
    read_beside,
    readable_memo_times,
)
from tui_reader.core.interchange.merge import (
    OurCopies,
    codebook_additions,
    codebook_difference_lines,
    codebook_differences,
    deleted_here,
    memo_additions,
    of_the_same_text,
    on_our_ids,
    renamed_since,
    without_removed,
)
from tui_reader.core.interchange.project import ProjectExtras, is_project, project_extras
from tui_reader.core.interchange.reconcile import Verdict
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.wording import SAID_AT_MOST, capped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import (
    ENV_CORPUS,
    real_path,
    resolve_db,
    resolve_target,
    user_path,
)
from tui_reader.reading.highlights import excerpt


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0; 1 when part of the file was left out (a passage whose document is "
        "not here, an annotation that could not be read: said on stderr, the rest imported); "
        "2 when nothing was imported (a file import does not read, an empty one) or on an error"
    )
    parser.add_argument(
        "file", metavar="FILE", help="the file to import ('-': standard input, as piped in)"
    )
    common.add_format_argument(
        parser,
        (*FORMATS, "project", *foreign.FOREIGN),
        "the file's format (default: guessed from its content; project: what export "
        "--format project wrote, a JSON file)",
    )
    common.add_db_argument(parser)
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="qdpx/taguette: the folder of the documents (a project's sources with no "
        "document here are written into it; w3c: where a target placed by its position alone "
        "takes its quote from; default: $TUI_READER_CORPUS, else the database's folder)",
    )
    parser.add_argument(
        "--doc",
        metavar="DOC",
        help="w3c: the document every annotation of the file is about, whatever its targets "
        "name (Recogito's name its own copy of the text, or nothing), placed by their "
        "selectors",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )
    common.add_coder_argument(parser, "imported annotations that name none")


def _corpus(args: argparse.Namespace, db: Path) -> Path:
    """The corpus folder: ``--corpus``, else ``$TUI_READER_CORPUS`` (as every command reads
    it: a project's sources were written into the database's folder, their passages put on
    those copies, not on the corpus's documents), else the database's folder."""
    if args.corpus or os.environ.get(ENV_CORPUS):
        return resolve_target(args.corpus).corpus
    return db.parent


def run(args: argparse.Namespace) -> int:
    if args.format == "project":  # export's name for it; read as the JSON it is
        args.format = "json"
    if args.file != "-" and common.is_the_database(user_path(args.file), resolve_db(args.db)):
        # was "a tui-reader database, not an export; ... tui-reader merge FILE", which said
        # "that is this database"
        raise TuiReaderError(f"{args.file}: that is this database; nothing to import")
    with contextlib.ExitStack() as stack:
        # A REFI-QDA project is read from its file a member at a time, however big
        zipped = common.input_zip(args.file, stack) if args.format in (None, "qdpx") else None
        raw: bytes | BinaryIO
        if zipped is not None:
            path, raw, size = zipped
            fmt: str | None = "qdpx"
        else:
            path, raw = common.input_bytes(args.file, "import", bounded=True)
            size, fmt = len(raw), args.format or foreign.guess_foreign(raw)
        db = resolve_db(args.db)
        # a small file into a database of 100,000 annotations took 6 s, the terminal silent
        long = max(size, file_size(db)) >= SHOW_FROM_BYTES
        _CODES_SAID.clear()
        with stage_bar("Importing", STAGES, long=long) as reached:
            reached("reading")
            count, verdicts, written, unplaced = _read_and_reconcile(
                args, raw, path, fmt, db, reached
            )
    if count or verdicts or not _CODES_SAID:
        # a codebook's codes said, no line counting the annotations it cannot hold
        _report(args, path, db, count, verdicts, written)
    # as attr import: a passage of the file left out (a Taguette highlight whose document is
    # not here), or an attribute's value (a cell of our CSV export no date), fails the
    # command; every highlight left out was "imported 0", exit 0
    return 1 if unplaced else 0


STAGES = ("reading", "comparing", "saving")


def _onto(args: argparse.Namespace, fmt: str | None, corpus: Path, db: Path) -> Path | None:
    """The document ``--doc`` names, which a W3C file's annotations are all about."""
    if args.doc is None:
        return None
    if fmt not in (None, "w3c"):
        raise TuiReaderError(f"--doc is for a W3C file, not {fmt}")
    return common.find_document(args.doc, corpus, db)


def _read_and_reconcile(
    args: argparse.Namespace,
    raw: bytes | BinaryIO,
    path: Path,
    fmt: str | None,
    db: Path,
    reached: Callable[[str], None],
) -> tuple[int, list[reconcile.Reconciled], list[Path], int]:
    """How many annotations the file has, the verdict on each (saved unless ``--dry-run``),
    the source files a REFI-QDA project put into the corpus (or would put) and how many of
    its lines were said not placed; ``raw``: its bytes, or a REFI-QDA project's file, open."""
    if fmt in foreign.FOREIGN:
        _onto(args, fmt, _corpus(args, db), db)  # --doc refused
        annotations, verdicts, written, unplaced = _import_foreign(
            args, raw, path, fmt, db, reached
        )
        return len(annotations), verdicts, written, unplaced
    if not isinstance(raw, bytes):
        raw = raw.read()
    reads = (
        "W3C or tui-reader JSON (a json or project export), tui-reader's CSV export, "
        "a REFI-QDA project or codebook, Taguette's highlights CSV/HTML or codebook CSV"
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fmt is None:  # no format asked: none of those read it (a .qdpx that is no zip, a
            # .json.gz) was "not UTF-8 text", as if text were all import reads
            raise ImportFormatError(
                f"{path}: not a file import reads, neither a zip (a REFI-QDA project) nor "
                f"UTF-8 text (import reads {reads})"
            ) from exc
        raise ImportFormatError(f"{path}: not UTF-8 text") from exc
    if fmt is None and text.lstrip()[:1] not in ("[", "{"):
        from tui_reader.core.interchange.coded_work import our_markdown

        if our_markdown(raw):  # a colleague's Markdown export: nothing reads it back
            raise ImportFormatError(
                f"{path}: a Markdown export of tui-reader, which no command reads back; "
                f"import reads {reads}"
            )
        raise ImportFormatError(f"{path}: not a file import reads ({reads})")
    corpus = _corpus(args, db)
    skipped: list[str] = []
    with contextlib.ExitStack() as stack:
        # A JSON file's records that are ours exactly are found unchanged as they are (see
        # as_stored): the database is read first for them (a --dry-run lists every record
        # as read, in its order: not there).
        store = ours = None
        if fmt in (None, "json") and not args.dry_run and db.exists():
            store = _opened_store(args, db, stack)
            ours = _stored_here(store)
        onto = _onto(args, fmt, corpus, db)
        read = read_beside(text, path, fmt, db, corpus, skipped, ours, onto=onto)
        annotations = read.annotations
        common.say_problems(path.name, skipped)
        left: list[str] = []  # the project's codes, memos, attributes that cannot be read
        extras = _project_extras(text, path, fmt, left)
        common.say_problems(path.name, left)
        if extras is not None:  # a memo edited by hand to 'yesterday': undated, and said
            said: list[str] = []
            memos = readable_memo_times(extras.memos, said)
            extras = ProjectExtras(extras.tags, memos, extras.attributes)
            common.say_problems(path.name, said)
        nothing = not annotations and not read.as_stored
        if nothing and (extras is None or not (extras.tags or extras.memos or extras.attributes)):
            # nothing to import (an empty list, a page of no annotations): no database made
            # for it, no step in a database's history
            return 0, [], [], read.bad
        if extras is None:
            verdicts = _reconciled(
                args,
                annotations,
                path,
                db,
                [],
                store,
                reached=reached,
                as_stored=read.as_stored,
                left=left,
            )
            # an annotation of a W3C file that could not be read fails the command, as a
            # source of a project left out does (the others imported)
            # (one verdict for each annotation taken: those left out are not counted)
            return len(verdicts), verdicts, [], read.bad + len(left)
        verdicts = _project_reconciled(args, annotations, path, db, extras, reached, store, left)
        # a record or entry of the project that could not be read fails the command too
        return len(verdicts), verdicts, [], read.bad + len(left)


def _stored_here(store: AnnotationStore) -> StoredHere | None:
    """The database's records by id and its codes' names, as :func:`as_stored` weighs a file
    against them (the records as stored: the store's index is not built for them); None when
    the store changed while they were read.  An id two records share is none of them."""
    store.reload_if_changed()
    state = store.state()
    records, _coder, _problems = store.stored_records()
    by_id: dict[str, Any] = {}
    shared: set[str] = set()
    for record in records:
        given = record.get("id") if type(record) is dict else None
        if type(given) is str:
            if given in by_id:
                shared.add(given)
            by_id[given] = record
    for given in shared:
        del by_id[given]
    codes = frozenset(t.name for t in store.tags())
    return StoredHere(by_id, codes) if state is not None and store.state() == state else None


def _project_extras(
    text: str, path: Path, fmt: str | None, left_out: list[str]
) -> ProjectExtras | None:
    """The codebook, memos and attributes of a whole project (``export --format project``),
    an entry that cannot be read said in ``left_out`` and left out; None for a file of
    annotations alone (a JSON array is not parsed again)."""
    if fmt not in (None, "json") or text.lstrip()[:1] != "{":
        return None
    data = load_json(text, str(path))
    return project_extras(data, str(path), left_out=left_out) if is_project(data) else None


def _project_reconciled(
    args: argparse.Namespace,
    annotations: list[Annotation],
    path: Path,
    db: Path,
    extras: ProjectExtras,
    reached: Callable[[str], None],
    opened: AnnotationStore | None = None,
    left: list[str] | None = None,
) -> list[reconcile.Reconciled]:
    """A project's annotations reconciled, with its codebook (colours, descriptions, order),
    memos and documents' attributes, all of it one step of the history (into ``opened``,
    the database opened already, if it was); what was left out (a code too long) said in
    ``left``."""
    left = [] if left is None else left
    with contextlib.ExitStack() as stack:
        store = opened if opened is not None else _opened_store(args, db, stack)
        # their memos and attributes follow their passages onto our copy of their document
        placed = _on_copies_here(args, annotations, db, store)
        went = {a.document: p.document for a, p in zip(annotations, placed, strict=True)}
        extras = _on_documents_here(args, extras, annotations, db, store, went)
        annotations = placed
        # their memos and attributes too, of a document not here, kept in the corpus named
        keys = [*(a.document for a in annotations), *extras.attributes]
        keys += [m.target for m in extras.memos if m.kind is MemoKind.DOCUMENT]
        moved = _in_the_corpus_named(args, keys, db, store.documents())
        if moved:
            annotations = [
                a.evolve(document=moved.get(a.document, a.document)) for a in annotations
            ]
            attributes: dict[str, dict[str, Value]] = {}
            for key, values in extras.attributes.items():
                attributes.setdefault(moved.get(key, key), {}).update(values)
            memos = [
                m.evolve(target=moved[m.target])
                if m.kind is MemoKind.DOCUMENT and m.target in moved
                else m
                for m in extras.memos
            ]
            extras = ProjectExtras(extras.tags, memos, attributes)
        # the codes checked before the attributes and memos are written: a refusal saves none
        codes = _exportable(
            annotations, extras.tags, path, _codes_of(store), extras.memos, store.lookup()
        )
        annotations, tags = codes.annotations, codes.tags
        left.extend(codes.left_out)
        # one step of the history and one durable write: all saved, or none
        with _saved_as_one(store, f"import {path.name}"):
            _set_attributes(args, store, extras.attributes)
            _add_memos(args, store, codes.memos, path)
            verdicts = _reconciled(
                args,
                annotations,
                path,
                db,
                tags,
                store,
                reached=reached,
                named=True,
                on_copies=True,
                left=left,
            )
        _remember_texts(args, db, store, extras.attributes, extras.memos)
        return verdicts


def _on_documents_here(
    args: argparse.Namespace,
    extras: ProjectExtras,
    annotations: list[Annotation],
    db: Path,
    store: AnnotationStore,
    went: Mapping[str, str] | None = None,
) -> ProjectExtras:
    """``extras`` with the attributes and memos of a document that is not here under the
    project's key (a colleague's corpus in another folder) on the document here its passages
    went to (``went``: their document -> ours, as :func:`_on_copies_here` placed them), else
    on the document here of the text its passages were coded on (the corpus read only then),
    or, for one not coded yet, the one document here of its file name.  ``annotations``:
    theirs, on their documents."""
    folder = real_path(db).parent
    keys = {*extras.attributes, *(m.target for m in extras.memos if m.kind is MemoKind.DOCUMENT)}
    missing = {key for key in keys if not a_file(folder / key)}
    if not missing:
        return extras
    # where their passages went: their memo and attributes with them (they went to the one
    # document of another file name holding their text, the memo to a stranger of their
    # file name)
    placed = {key: ours for key, ours in (went or {}).items() if key in missing and ours != key}
    texts = {
        a.document: a.doc_sha256
        for a in annotations
        if a.document in missing and a.document not in placed
    }
    texts = {key: sha for key, sha in texts.items() if sha}
    corpus = _corpus(args, db)
    workspace = Workspace(corpus, db, store)
    of_text = _TextsHere(workspace)
    here = {key: found for key, sha in texts.items() if (found := of_text(sha, key)) is not None}
    here.update(placed)
    by_name: dict[str, list[str]] = {}
    listed = workspace.keys()  # the corpus's documents (a method, not a dict's)
    for key in listed:
        by_name.setdefault(PurePosixPath(key).name, []).append(key)
    for key in missing - texts.keys() - placed.keys():
        named = by_name.get(PurePosixPath(key).name, [])
        if len(named) == 1:
            here[key] = named[0]
    for key, renamed in _renamed_here(annotations, store, folder).items():
        if key in missing:
            here.setdefault(key, renamed)
    if not here:
        return extras
    attributes: dict[str, dict[str, Value]] = {}
    for key, values in extras.attributes.items():
        attributes.setdefault(here.get(key, key), {}).update(values)
    memos = [
        m.evolve(target=here[m.target]) if m.kind is MemoKind.DOCUMENT and m.target in here else m
        for m in extras.memos
    ]
    return ProjectExtras(extras.tags, memos, attributes)


def _on_copies_here(
    args: argparse.Namespace, annotations: list[Annotation], db: Path, store: AnnotationStore
) -> list[Annotation]:
    """``annotations`` of a document that is not here by its path on our one document of
    the text they were coded on, or, of none (their copy differs from ours: a typo fixed,
    another OCR), on our document of that file name when ours holds their passages: the
    rule of a merge (:class:`OurCopies`).  The corpus is read only when a document of
    theirs is not here; of two documents here of its text, the one of its file name takes
    them, else the first (:func:`of_the_same_text`)."""
    folder = real_path(db).parent
    missing = {d for d in {a.document for a in annotations} if not a_file(folder / d)}
    if not missing:
        return annotations
    corpus = _corpus(args, db)
    workspace = Workspace(corpus, db, store)
    of_text = _TextsHere(workspace)
    # one of the text it was coded on goes onto our document of that text now (of two of
    # it, the one named as theirs is): kept on their path, to be placed when read, it was an
    # orphan for good once a word of ours was fixed before anything had read it (no text of
    # its hash left, and our document annotated), or went to the other copy
    same = {
        d: found
        for d, sha in {(a.document, a.doc_sha256) for a in annotations if a.document in missing}
        if (found := of_text(sha, d)) is not None
    }
    theirs = [a for a in annotations if a.document in missing and a.document not in same]
    copies = OurCopies(of_text.keys, theirs, workspace.holds_passages)
    ours = {d: copies.holding(d, d) for d in {a.document for a in theirs}}
    placed = [
        a.evolve(document=copy)
        if a.document in missing
        and (copy := same.get(a.document) or ours.get(a.document)) is not None
        else a
        for a in annotations
    ]
    # found by its text under the name theirs has (their database kept beside their files,
    # ours elsewhere): nothing to say.  Said as a problem, "no file for 2 documents beside
    # db.json (a.vtt, b.csv)" read as if the files in the corpus named were not there
    renamed = dict.fromkeys(
        (old.document, new.document)
        for old, new in zip(annotations, placed, strict=True)
        if old.document in same
        and old.document != new.document
        and PurePosixPath(old.document.replace("\\", "/")).name != PurePosixPath(new.document).name
    )
    if renamed:
        where, names = _looked_in(args, db, folder, [new for _, new in renamed])
        firsts = list(renamed)[:3]
        pairs = [f"{shown_name(old)} is {new}" for (old, _), new in zip(firsts, names, strict=True)]
        more = f" and {len(renamed) - 3} more" if len(renamed) > 3 else ""
        print(
            f"tui-reader: {counted(len(renamed), 'document')} of theirs found by "
            f"{'its' if len(renamed) == 1 else 'their'} text under another name "
            f"({', '.join(pairs)}{more}) {where}",
            file=sys.stderr,
        )
    return placed


class _TextsHere:
    """The document here of the text a colleague's document was coded on (the sha256 of its
    text), as :func:`of_the_same_text` chooses it: the one document here of its file name
    when that one is of the text (that file read alone), else found among every document
    here, the corpus read only then.  Read whole at the first document of theirs not here,
    an import of a small W3C file waited on every document of the corpus (a CSV of 200,000
    rows and a subtitle file of 200,000 cues read, never coded)."""

    def __init__(self, workspace: Workspace) -> None:
        self._hashes = common.corpus_hashes(workspace)
        self.keys = [key for key, _file in workspace.keyed_files()]  # every document here
        self._by_name: dict[str, list[str]] | None = None
        self._by_text: dict[str, list[str]] | None = None

    def __call__(self, sha: str | None, theirs: str) -> str | None:
        if not sha:
            return None
        if self._by_name is None:
            self._by_name = {}
            for key in self.keys:
                self._by_name.setdefault(PurePosixPath(key).name, []).append(key)
        named = self._by_name.get(PurePosixPath(theirs).name, [])
        if len(named) == 1 and self._hashes.get(named[0]) == sha:
            return named[0]  # of_the_same_text's choice among every document of the text
        if self._by_text is None:
            self._by_text = {}
            for key, text in self._hashes.items():
                self._by_text.setdefault(text, []).append(key)
        found = self._by_text.get(sha)
        return of_the_same_text(found, theirs) if found else None


def _reconciled(
    args: argparse.Namespace,
    annotations: list[Annotation],
    path: Path,
    db: Path,
    tags: list[Tag],
    store: AnnotationStore | None = None,
    *,
    reached: Callable[[str], None] = lambda _stage: None,
    as_stored: Sequence[Mapping[str, Any]] = (),
    named: bool = False,
    on_copies: bool = False,
    left: list[str] | None = None,
) -> list[reconcile.Reconciled]:
    """The verdict on each annotation, and on each record of ``as_stored`` (the store's own
    exactly: unchanged, see :func:`as_stored`); unless ``--dry-run``, the codes and the
    annotations that win saved as one step of the history.  ``named``: the codes were named
    (and checked) by :func:`_exportable` already, before anything else was written.
    ``on_copies``: the annotations were put on our copies of their documents already (see
    :func:`_on_copies_here`).  ``left``: where an annotation left out for a code too long, or
    for an id that is a passage of ours on another document, is said (without it, either
    refuses the file)."""
    if store is None:
        if args.dry_run and not db.exists():  # nothing to merge with; create nothing
            annotations = _kept_in_the_corpus(args, annotations, db, ())
            codes = _exportable(annotations, tags, path, (), leave_out=left is not None)
            if left is not None:
                left.extend(codes.left_out)
            return reconcile.reconcile_all(codes.annotations, lambda _id: None)
        with AnnotationStore(db, coder=common.coder_of(args)) as opened:
            return _reconciled(
                args, annotations, path, db, tags, opened, reached=reached, left=left
            )
    if not named:
        codes = _exportable(
            annotations,
            tags,
            path,
            (t.name for t in store.tags()),
            ours_by_id=store.lookup(),
            leave_out=left is not None,
        )
        annotations, tags = codes.annotations, codes.tags
        if left is not None:
            left.extend(codes.left_out)
    reached("comparing")
    annotations = [store.stamped(a) for a in annotations]
    get = store.lookup()  # the files looked at once for every id, not at each
    verdicts: list[reconcile.Reconciled] = []
    moves: dict[str, str] = {}
    relinked: list[tuple[Annotation, Annotation]] = []
    if annotations or not as_stored:
        contents = stored_contents(store)  # (no annotation built for one found unchanged)
        annotations = _on_keys_here(annotations, store, contents)
        renamed = _renamed_here(annotations, store, real_path(db).parent, contents)
        annotations = [
            a.evolve(document=renamed[a.document]) if a.document in renamed else a
            for a in annotations
        ]
        if not on_copies:  # a project's were, before its memos were
            annotations = _on_copies_here(args, annotations, db, store)
            annotations = _kept_in_the_corpus(args, annotations, db, store.documents())
        is_here: Callable[[str], bool] = (
            contents.__contains__ if contents is not None else lambda i: get(i) is not None
        )
        annotations = on_our_ids(annotations, store, is_here)
        moves = _strays_placed(annotations, store, real_path(db).parent, contents)
        if moves:
            relinked = _relinked(args, store, moves, path)
            get = _with(get, relinked)
            if contents is not None:
                # the content a store holds: document, quote, tags, note
                moved = {a.id: (a.document, a.quote, a.tags, a.note) for _, a in relinked}
                contents = {**contents, **moved}
        if left is None:
            check_ids(annotations, get, str(path), contents)
        else:  # each such passage left out alone, said, the others imported
            said: list[str] = []
            annotations = without_ids_elsewhere(
                annotations, get, str(path), said, contents, others=bool(as_stored)
            )
            common.say_problems(path.name, said)
            left.extend(said)
        # one deleted here comes back only when theirs changed since: as a merge, the history
        # says what was deleted, and a copy of it exported before is not brought back
        verdicts = reconcile.reconcile_all(
            annotations, get, store.past_versions, store.deleted_here, contents
        )
    verdicts += [reconcile.AsStored(r, functools.partial(get, str(r["id"]))) for r in as_stored]
    chosen = [v.incoming for v in verdicts if v.writes]
    chosen += reconcile.kept_copies(verdicts, path.name, get)  # the losing side of each conflict
    tags = _not_deleted_here(args, tags, chosen, store)
    new_tags, filled = codebook_additions(store.tags(), tags)
    if (chosen or new_tags or filled or relinked) and not args.dry_run:
        reached("saving")
        with _saved_as_one(store, f"import {path.name}"):
            # ours placed where theirs are (a stray's relink), theirs and the new codes, in
            # one line: all saved, or none
            writes = {a.id for a in chosen}
            pairs = [(old, new) for old, new in relinked if new.id not in writes]
            store.save_batch(chosen, pairs, f"import {path.name}", tags=(*new_tags, *filled))
            if moves:
                store.follow_documents(moves)  # their memo and attributes go along
    differ = codebook_differences(store.tags(), tags)
    verb = "would add" if args.dry_run else "added"
    if not verdicts and tags:  # a codebook (the file's codes alone): said, in every case
        _CODES_SAID.append(path)
        if not (new_tags or filled or differ):
            are = "is" if len(tags) == 1 else "are"
            _say(f"tui-reader: {verb} no code: the file's {counted(len(tags), 'code')} {are} "
                 "here already")  # fmt: skip
    if new_tags or filled or differ:
        more = f", filled in the colour or description of {len(filled)}" if filled else ""
        if differ:
            kept = len({name for name, *_ in differ})
            more += f", kept our colour or description of {kept} where the file's differs"
        _say(f"tui-reader: {verb} {counted(len(new_tags), 'code')}{more}")
        _say(*common.problem_lines(path.name, codebook_difference_lines(differ, f"in {path.name}")))
    return verdicts


def _kept_in_the_corpus(
    args: argparse.Namespace, annotations: list[Annotation], db: Path, ours: Iterable[str]
) -> list[Annotation]:
    """``annotations`` with each document of :func:`_in_the_corpus_named` on its key there."""
    moved = _in_the_corpus_named(args, (a.document for a in annotations), db, ours)
    if not moved:
        return annotations
    return [a.evolve(document=moved.get(a.document, a.document)) for a in annotations]


def _strays_placed(
    annotations: Iterable[Annotation],
    store: AnnotationStore,
    folder: Path,
    contents: Mapping[str, tuple[object, ...]] | None = None,
) -> dict[str, str]:
    """The documents of ours that are no file here (a colleague's path, our annotations on it
    placed on our document of its text only when read, until an export saves that) whose
    annotations ``annotations`` (an import, placed on our documents) put on one file here:
    our key -> that file's.  Imported again after a word of a passage was fixed here, before
    any export, their export was refused whole, each passage "an annotation on" their path:
    the import's placing is the relink ours waited for."""
    get = store.lookup()
    homes: dict[str, set[str]] = {}
    is_here: dict[str, bool] = {}  # each document's file looked for once

    def here(document: str) -> bool:
        if document not in is_here:
            is_here[document] = a_file(folder / document)
        return is_here[document]

    for annotation in annotations:
        if contents is not None:
            known = contents.get(annotation.id)
            if known is None or known[0] == annotation.document:
                continue
            ours = str(known[0])
        else:
            stored = get(annotation.id)
            if stored is None or stored.document == annotation.document:
                continue
            ours = stored.document
        if not here(ours) and here(annotation.document):
            homes.setdefault(ours, set()).add(annotation.document)
    return {ours: next(iter(found)) for ours, found in homes.items() if len(found) == 1}


def _relinked(
    args: argparse.Namespace, store: AnnotationStore, moves: Mapping[str, str], path: Path
) -> list[tuple[Annotation, Annotation]]:
    """Our annotations of each document of ``moves`` (see :func:`_strays_placed`), each with
    its new document: ``(ours, moved)``; a line says so."""
    pairs = [
        (a, a.evolve(document=moves[old]))
        for old, found in store.annotations_of(moves).items()
        for a in found
    ]
    verb = "would place" if args.dry_run else "placed"
    lines = [
        f"{path.name}: {verb} our annotations of {shown(old)} (no file here) on {shown(new)}, "
        "where it places the same passages"
        for old, new in moves.items()
    ]
    _say(*(f"tui-reader: {line}" for line in capped(lines, SAID_AT_MOST)))
    return pairs


def _with(
    get: Callable[[str], Annotation | None], pairs: Iterable[tuple[Annotation, Annotation]]
) -> Callable[[str], Annotation | None]:
    """``get`` answering the moved annotation of ``pairs`` for its id."""
    moved = {new.id: new for _, new in pairs}

    def lookup(given: str) -> Annotation | None:
        found = moved.get(given)
        return found if found is not None else get(given)

    return lookup


def _not_deleted_here(
    args: argparse.Namespace, tags: list[Tag], chosen: list[Annotation], store: AnnotationStore
) -> list[Tag]:
    """The file's codes without those deleted here (or renamed or merged away) that no
    passage it brings carries: an older export does not bring them back, empty, as a merge
    does not; a line says how many."""
    ours = {t.name for t in store.tags()}
    carried = {t for a in chosen for t in a.tags}
    lacking = [t.name for t in tags if t.name not in ours and t.name not in carried]
    gone = store.deleted_tags() if lacking else frozenset()
    left = {name for name in lacking if name in gone}
    if not left:
        return tags
    _say_left_out(
        args,
        counted(len(left), "code"),
        "deleted, renamed or merged here since (not brought back)",
    )
    return [t for t in tags if t.name not in left]


def _on_keys_here(
    annotations: list[Annotation],
    store: AnnotationStore,
    contents: Mapping[str, tuple[object, ...]] | None = None,
) -> list[Annotation]:
    """``annotations`` with a document named as the exports write a key of ours (a tab in a
    file's name its picture, a control character its picture: :func:`export_key`) on that key:
    an export of this database comes back onto its own documents (it was refused whole, each
    of its passages "an annotation on another document").  ``contents``: the stored
    annotations' (:func:`stored_contents`), whose documents are ours (the store's index of
    100,000 annotations is not built for them)."""
    documents = (
        store.documents() if contents is None else sorted({str(c[0]) for c in contents.values()})
    )
    written: dict[str, str] = {}
    for key in documents:
        if export_key(key) != key:  # as exports write it, and as they wrote a tab before
            written.setdefault(export_key(key), key)
            written.setdefault(export_line(key), key)
    for key in set(written).intersection(documents):
        del written[key]  # a file of its own so named (caf%E9.txt beside a Latin-1 café.txt)
    if not written:
        return annotations
    return [
        a.evolve(document=written[a.document]) if a.document in written else a for a in annotations
    ]


def _renamed_here(
    annotations: Iterable[Annotation],
    store: AnnotationStore,
    folder: Path,
    contents: Mapping[str, tuple[object, ...]] | None = None,
) -> dict[str, str]:
    """The documents of ``annotations`` (an export) that are no file here and that our
    annotations under their ids left when their file was renamed (and edited) here: key ->
    our key now.  An export made before the rename came back refused whole, each of its
    passages "an annotation on" the renamed document (see :func:`renamed_since`).
    ``contents``: the stored annotations' (:func:`stored_contents`), when known."""
    get = store.lookup()
    renamed: dict[str, str] = {}
    is_here: dict[str, bool] = {}  # each document's file looked for once
    for annotation in annotations:
        document = annotation.document
        if document in renamed:
            continue
        if contents is not None:
            known = contents.get(annotation.id)
            if known is None or known[0] == document:
                continue
        ours = get(annotation.id)
        if ours is None or ours.document == document:
            continue
        if document not in is_here:
            is_here[document] = a_file(folder / document)
        if is_here[document]:
            continue  # a document here: another passage, refused by check_ids
        if renamed_since(store, ours, document):
            renamed[document] = ours.document
    return renamed


def _codes_of(store: AnnotationStore) -> list[str]:
    return [t.name for t in store.tags()]


def _exportable(
    annotations: list[Annotation],
    tags: list[Tag],
    path: Path,
    ours: Iterable[str],
    memos: Iterable[Memo] = (),
    ours_by_id: Callable[[str], Annotation | None] | None = None,
    *,
    leave_out: bool = True,
) -> ExportableCodes:
    """The file's codes named as the exports write them (:func:`exportable_codes`; the
    codes of its ``memos`` weighed too; a code that is several of ours in another case the
    one our passage of the same id, found by ``ours_by_id``, carries); a line on stderr for
    each it renamed, and for each annotation, code or memo it left out (``leave_out``: one
    carrying a code too long, else the file refused)."""
    codes = exportable_codes(
        annotations,
        tags,
        ours,
        str(path),
        memos=memos,
        ours_by_id=ours_by_id,
        leave_out=leave_out,
    )
    common.say_problems(path.name, codes.changed)
    common.say_problems(path.name, codes.left_out)
    return codes


def _written_at(path: Path) -> str:
    """When the file at ``path`` was written, as the annotations' times are written: its
    modification time; a file piped in (no file of its own: 'standard input' was looked up
    as a file of that name, and the import refused), the time it came."""
    if path is common.STDIN:
        return utc_now()
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except OSError:  # a shell's <(command), its pipe gone with it
        return utc_now()


def _import_foreign(
    args: argparse.Namespace,
    raw: bytes | BinaryIO,
    path: Path,
    fmt: str,
    db: Path,
    reached: Callable[[str], None],
) -> tuple[list[Annotation], list[reconcile.Reconciled], list[Path], int]:
    """A REFI-QDA or Taguette file: its sources placed in the corpus, its codings reconciled;
    and how many lines said what could not be placed."""
    corpus = _corpus(args, db)
    if not corpus.is_dir():
        raise common.not_a_corpus(corpus, or_file=False, typed=args.corpus)
    parsed = foreign.parse_foreign(raw, path, fmt)  # a file refused opens no database
    if foreign.holds_nothing(parsed) and not db.exists():  # nor does one of nothing
        return [], [], [], 0
    with contextlib.ExitStack() as stack:
        store = _opened_store(args, db, stack)
        workspace = Workspace(corpus, db, store)
        incoming = foreign.read_foreign(
            parsed, path, workspace, write=False, saved=_written_at(path)
        )
        annotations = foreign.adopt_ids(
            map(store.stamped, incoming.annotations), store.annotations()
        )
        annotations = foreign.dated_in_file(annotations, store.lookup(), incoming.saved)
        # Refused before anything is written: no source file, memo or attribute left behind
        codes = _exportable(
            annotations, incoming.tags, path, _codes_of(store), ours_by_id=store.lookup()
        )
        annotations, tags = codes.annotations, codes.tags
        elsewhere: list[str] = []  # an id ours on another document: left out, said
        annotations = without_ids_elsewhere(annotations, store.lookup(), str(path), elsewhere)
        common.say_problems(path.name, elsewhere)
        if not args.dry_run:
            foreign.write_sources(incoming)
        verb = "would write" if args.dry_run else "wrote"
        for written in incoming.written:
            print(
                f"tui-reader: {verb} {shown(str(written))} (a source of {path.name})",
                file=sys.stderr,
            )
        # each naming the file, the first twenty said and the rest counted, as its problems
        common.say_problems(path.name, [f"not placed: {line}" for line in incoming.unplaced])
        common.say_problems(path.name, incoming.problems)
        # one step with the annotations and codes, and one durable write: all saved, or none
        with _saved_as_one(store, f"import {path.name}"):
            _set_attributes(args, store, incoming.attributes)
            _add_memos(args, store, incoming.memos, path)
            verdicts = _reconciled(
                args, annotations, path, db, tags, store, reached=reached, named=True
            )
        _remember_texts(args, db, store, incoming.attributes, incoming.memos, workspace)
        # as attr import: a value of the file left unread fails the command, as a passage
        left = len(incoming.unplaced) + incoming.left_out + len(codes.left_out) + len(elsewhere)
        return annotations, verdicts, incoming.written, left


_HELD: list[list[str]] = []  # the lines of each block of _saved_as_one, innermost last
# The file of this import when its codes alone were said (a codebook): then no line counts
# the annotations it cannot hold
_CODES_SAID: list[Path] = []


@contextlib.contextmanager
def _saved_as_one(store: AnnotationStore, label: str) -> Iterator[None]:
    """One step of the history named ``label`` and one durable write (all of it saved, or
    none), the lines said in it (:func:`_say`) held until it is saved: "added 2 memos" said
    above the error that the import was not saved misled.  Nested, they go to the outer one."""
    held: list[str] = []
    _HELD.append(held)
    try:
        # (the file's records as it gives them, times too: a redo writes them so again)
        with store.step(label, as_given=True), store.at_once():
            yield
    finally:
        _HELD.pop()
    _say(*held)


def _say(*lines: str) -> None:
    """Each line on stderr, or held by the :func:`_saved_as_one` block it is said in."""
    if _HELD:
        _HELD[-1].extend(lines)
        return
    for line in lines:
        print(line, file=sys.stderr)


def _remember_texts(
    args: argparse.Namespace,
    db: Path,
    store: AnnotationStore,
    attributes: Mapping[str, object],
    memos: Iterable[Memo],
    workspace: Workspace | None = None,
) -> None:
    """The hash of the text of each document here the file gave attributes or a memo, kept
    (:meth:`Workspace.remember_texts`): its file moved is found by it, its memo and
    attributes following, as for those typed here (they stayed on the old name)."""
    keys = [*attributes, *(m.target for m in memos if m.kind is MemoKind.DOCUMENT)]
    if args.dry_run or not keys:
        return
    if workspace is None:
        corpus = _corpus(args, db)
        workspace = Workspace(corpus, db, store)
    workspace.remember_texts(keys)


def _add_memos(
    args: argparse.Namespace, store: AnnotationStore, memos: list[Memo], path: Path
) -> None:
    """The project's notes as memos, as a merge adds another coder's (none lost, none twice,
    none deleted here brought back)."""
    memos = memos_on_our_codes(memos, (t.name for t in store.tags()))
    ours = store.memos()
    gone = deleted_here(store, memos, ours)
    if gone:
        _say_left_out(args, counted(len(gone), "memo"), "deleted here since (not brought back)")
    new, joined = memo_additions(ours, [m for m in memos if m not in gone], path.name)
    if not args.dry_run:
        for memo in (*new, *joined):
            store.put_memo(memo)
    if new or joined:
        verb = "would add" if args.dry_run else "added"
        more = f", added their text to {counted(len(joined), 'memo')} of ours" if joined else ""
        _say(f"tui-reader: {verb} {counted(len(new), 'memo')}{more}")


def _say_left_out(args: argparse.Namespace, what: str, why: str) -> None:
    """The line saying ``what`` (counted) of the file was (or, in a dry run, would be) left
    out, and ``why``."""
    verb = "would leave" if args.dry_run else "left"
    _say(f"tui-reader: {verb} out {what} {why}")


def _set_attributes(
    args: argparse.Namespace, store: AnnotationStore, attributes: dict[str, dict[str, Value]]
) -> None:
    """The project's variables as the documents' attributes, where ours has none of that name
    (a value removed here is not set again)."""
    still = without_removed(store, attributes)
    removed = sum(len(v) for v in attributes.values()) - sum(len(v) for v in still.values())
    if removed:
        _say_left_out(
            args, counted(removed, "attribute value"), "removed here since (not set again)"
        )
    to_set, differ = foreign.new_attributes(still, store.attributes())
    if to_set and not args.dry_run:
        store.set_attributes(to_set)
    if to_set or differ:
        count = sum(len(values) for _, values in to_set)
        verb = "would set" if args.dry_run else "set"
        kept = f"; {len(differ)} differ from ours (ours kept)" if differ else ""
        _say(
            f"tui-reader: {verb} {counted(count, 'attribute value')} of "
            f"{counted(len(to_set), 'document')}{kept}"
        )
        name = Path(args.file).name
        _say(*common.problem_lines(name, foreign.differing_lines(differ, f"in {name}")))


def _report(
    args: argparse.Namespace,
    path: Path,
    db: Path,
    count: int,
    verdicts: list[reconcile.Reconciled],
    written: list[Path],
) -> None:
    if args.dry_run:
        for verdict in verdicts:
            print(_listing(verdict))
    for verdict in verdicts:
        if verdict.verdict is Verdict.CONFLICT:
            print(f"tui-reader: {_conflict(verdict, path.name)}", file=sys.stderr)
    sources = {p.resolve() for p in written}  # a --dry-run's sources are not written
    placed = [v.place() for v in verdicts]  # on the keys here (see _on_keys_here)
    documents = {key for key, _sha in placed}  # one look per document, not per annotation
    folder = real_path(db).parent  # once: resolved for each of 10,000 documents it took 0.6 s
    if sources:  # a project's texts written just now: known by their resolved paths
        places = {key: real_path(folder / key) for key in documents}
        missing = sorted(k for k, p in places.items() if p not in sources and not a_file(p))
    else:  # whether each file is there: resolving 10,000 paths first took 0.25 s
        missing = sorted(key for key in documents if not a_file(folder / key))
    if missing:
        looked_in, names = _looked_in(args, db, folder, missing)
        shown = ", ".join(names) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        hashed = {key for key, sha in placed if sha}
        # an annotation that knows its text's hash is found again on a document of that text
        # (a colleague's corpus in another folder), as the library and the exports find it
        where = (
            "are placed on the document here of the same text, else show as orphans until "
            "the files are there"
            if hashed.issuperset(missing)
            else "show as orphans until the files are there (those knowing their text's hash "
            "are placed on the document here of that text, if there is one)"
            if hashed.intersection(missing)
            else "show as orphans until the files are there"
        )
        print(
            f"tui-reader: no file for {counted(len(missing), 'document')} {looked_in} ({shown}); "
            f"their annotations {where}",
            file=sys.stderr,
        )
    outside = _outside_corpus(args, folder, documents.difference(missing))
    if outside:
        held = Counter(key for key, _sha in placed if key in outside)
        shown = ", ".join(shown_name(key) for key in outside[:3]) + (
            f" and {len(outside) - 3} more" if len(outside) > 3 else ""
        )
        print(
            f"tui-reader: {counted(len(outside), 'document')} the file names, with "
            f"{counted(sum(held.values()), 'annotation')}, "
            f"{'lies' if len(outside) == 1 else 'lie'} outside the corpus folder "
            f"{_corpus(args, db)} ({shown}): kept as orphans, their files never read; "
            "name their corpus folder to read them",
            file=sys.stderr,
        )
    if any(v.writes and v.incoming.status is AnchorStatus.ORPHAN for v in verdicts):
        from tui_reader.core.interchange.importing import texts_in

        text_of = texts_in(_corpus(args, db), db)
        common.say_passages_not_found(verdicts, text_of, set(missing), args.dry_run)
    counts = Counter(v.verdict for v in verdicts)
    verb = "would import" if args.dry_run else "imported"
    gone = counts[Verdict.DELETED]
    deleted = f", {gone:,} deleted here since (not brought back)" if gone else ""
    print(
        f"tui-reader: {verb} {counted(count, 'annotation')} from {path}: "
        f"{counts[Verdict.ADD]:,} new, {counts[Verdict.UPDATE]:,} updated, "
        f"{counts[Verdict.UNCHANGED]:,} unchanged, {counts[Verdict.OLDER]:,} older than ours "
        f"(skipped), {counts[Verdict.CONFLICT]:,} changed on both sides (ours kept, theirs "
        f"kept beside it){deleted}",
        file=sys.stderr,
    )


def _looked_in(
    args: argparse.Namespace, db: Path, folder: Path, keys: Sequence[str]
) -> tuple[str, list[str]]:
    """Where the files of ``keys`` (relative to the database's ``folder``) were looked for,
    as a line says it, and the first three named from there: in the corpus folder named
    (``--corpus``, ``$TUI_READER_CORPUS``) when they all lie in it, else beside the database
    (an import given ``--corpus`` said "beside" the database's folder of files looked for in
    the corpus, named as the database's keys, ``../corpus/a.txt``)."""
    if args.corpus or os.environ.get(ENV_CORPUS):
        corpus = resolve_target(args.corpus).corpus
        inside = os.path.join(corpus, "")
        paths = [os.path.normpath(folder / key) for key in keys[:3]]
        if all(os.path.normpath(folder / key).startswith(inside) for key in keys):
            names = [shown_name(Path(path).relative_to(corpus).as_posix()) for path in paths]
            return f"in the corpus folder {corpus}", names
    return f"beside {db}", [shown_name(key) for key in keys[:3]]


def _outside_corpus(args: argparse.Namespace, folder: Path, keys: Iterable[str]) -> list[str]:
    """The ``keys`` (relative to the database's ``folder``, resolved) whose files are there,
    outside the corpus folder named (``--corpus``, ``$TUI_READER_CORPUS``): their passages
    are orphans, never read, which every later command said and the import did not.  None
    when no corpus is named: the commands then read the folder of the database's documents.
    Told by the path as written, no link followed (a path resolved a document took 25 µs)."""
    if not (args.corpus or os.environ.get(ENV_CORPUS)):
        return []
    corpus = os.path.join(resolve_target(args.corpus).corpus, "")
    return sorted(
        key
        for key in keys
        if not os.path.normpath(folder / key).startswith(corpus) and a_file(folder / key)
    )


def _in_the_corpus_named(
    args: argparse.Namespace, documents: Iterable[str], db: Path, ours: Iterable[str]
) -> dict[str, str]:
    """The documents of a file (keys of the database that wrote it, ``missing.txt``) that are
    no file here and lie outside the corpus folder named (``--corpus``, ``$TUI_READER_CORPUS``),
    each with its key in that folder under the name the file gives it, its leading ``../``
    taken off (``../c/missing.txt``).  Kept beside the database, a colleague's passages of an
    interview not here yet stayed orphans once its file was put in the corpus and coded here
    (a CSV carries no hash of its text to find it by), and the line told the user to put it
    beside the database, where no command reads it.  None when no corpus is named (the
    database's folder is the corpus), for a document ``ours`` has passages on already, or
    when a file is at that name (another text, which the import did not take for theirs)."""
    if not (args.corpus or os.environ.get(ENV_CORPUS)):
        return {}
    return in_the_corpus(resolve_target(args.corpus).corpus, db, documents, ours)


_ACTIONS = {
    Verdict.ADD: "add",
    Verdict.UPDATE: "update",
    Verdict.UNCHANGED: "unchanged",
    Verdict.OLDER: "skip (older)",
    Verdict.CONFLICT: "conflict (ours kept, theirs kept beside it)",
    Verdict.DELETED: "skip (deleted here)",
}


def _listing(verdict: reconcile.Reconciled) -> str:
    """One line of ``--dry-run``: what would happen, the id, the document and the passage."""
    a = verdict.incoming
    # one line of four columns: a tab or a line break in an id or a file's name is shown
    action, quote = _ACTIONS[verdict.verdict], excerpt(a.quote, 60)
    return f"{action}\t{shown(a.id)}\t{shown(a.document)}\t{quote}"


def _conflict(verdict: reconcile.Reconciled, source: str) -> str:
    ours, theirs, copy = verdict.stored, verdict.incoming, reconcile.kept_copy(verdict, source)
    assert ours is not None and copy is not None
    differs = ours.note != theirs.note
    return (
        f"changed on both sides, ours kept: “{excerpt(ours.quote, 40)}” in {ours.document} "
        f"(ours {ours.updated}: {', '.join(ours.tags) or 'no tags'}; theirs {theirs.updated}: "
        f"{', '.join(theirs.tags) or 'no tags'}{'; its note differs' if differs else ''}); "
        f"theirs is kept beside it as annotation {copy.id}"
    )


def _opened_store(
    args: argparse.Namespace, db: Path, stack: contextlib.ExitStack[Any]
) -> AnnotationStore:
    """The database to import into, closed with ``stack``; for a dry run where there is none
    yet, a scratch one (the real one is not created)."""
    if args.dry_run and not db.exists():
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "dry-run.json"
        return stack.enter_context(AnnotationStore(scratch, coder=common.coder_of(args)))
    return stack.enter_context(AnnotationStore(db, coder=common.coder_of(args)))
