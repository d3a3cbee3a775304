"""Importing another tool's work: REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``) as
QualCoder, ATLAS.ti, MAXQDA and NVivo write them, and Taguette's exports.

- A project's text sources are matched to the documents here by their text (sha256; among
  files of one text, the one the source names); a
  source with no document here is written into the corpus folder as a ``.txt`` file named
  after it (without folders), never over a different file: ``name (2).txt`` then.
- An annotation that is not here by id but sits where one of ours does (same document,
  start, end and coder; else the same quote of that document and coder) is that one
  (:func:`adopt_ids`): QualCoder gives its selections new GUIDs on every export, so a project
  that went there and back still updates ours; one that is several of ours joined, as a
  project export joins them for QualCoder, is them again (:func:`unjoined`).  A source of a
  text no document here has, named after the one document here that holds most of it, is
  that document edited here since.
- Notes become memos (:class:`~tui_reader.core.interchange.qdpx_read.RefiProject`), added as
  a merge adds another coder's (:func:`~tui_reader.core.interchange.merge.memo_additions`).
- Variables become the documents' attributes (:func:`new_attributes`: only those a document
  lacks; a value of ours is never replaced).
- Taguette's highlights are placed by their text (:mod:`tui_reader.core.interchange.taguette`).

The annotations then go through the one newer-wins path
(:mod:`tui_reader.core.interchange.reconcile`).  Offsets are code points into the canonical
text, half-open ``[start, end)``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from tui_reader.core.analysis.attributes import attribute_types, read_attribute_csv, year_columns
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value, show_value
from tui_reader.core.annotations.model import Annotation, Tag, reading_order
from tui_reader.core.display import BIDI_CONTROLS, DIRECTION_MARKS, said_name, stray_bytes_read
from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import text_sha256
from tui_reader.core.errors import AttributeValueError, DocumentError, ImportFormatError
from tui_reader.core.interchange.importing import readable_memo_times, readable_times
from tui_reader.core.interchange.qdpx_read import RefiProject, read_codebook, read_refi_project
from tui_reader.core.interchange.reconcile import moment, same_content
from tui_reader.core.interchange.refi import as_described_here
from tui_reader.core.interchange.taguette import (
    TaguetteExport,
    Target,
    looks_like_taguette,
    match_document,
    place_highlights,
    read_taguette,
)
from tui_reader.core.interchange.workspace_export import write_atomically
from tui_reader.core.workspace import Workspace
from tui_reader.locations import document_key

FOREIGN = ("qdpx", "qdc", "taguette")
# What a file's format is told from: Taguette's header (with Excel's "sep=" line before it)
# and the start of its HTML lie well within it
_GUESSED_FROM_BYTES = 1024 * 1024
_NAME_BYTES = 255  # the longest file name most file systems take, in bytes
# What a file name written for a source leaves out: controls, the direction overrides and marks
# that would show it reversed in a file manager, and what the system writing it refuses (here a
# '/'; on Windows also \ : * ? " < > |): a source named 'Interview "Anna"' keeps its quotes.
_REFUSED = '\\\\:*?"<>|' if os.name == "nt" else ""
_NOT_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f/{_REFUSED}{BIDI_CONTROLS}{DIRECTION_MARKS}]")


@dataclass(frozen=True)
class Incoming:
    """What a foreign file brings: annotations (keys of documents here), codes, and what
    could not be placed; ``written``: the source files put into the corpus (or that would be)."""

    annotations: list[Annotation]
    tags: list[Tag]
    unplaced: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)  # document key -> values
    problems: list[str] = field(default_factory=list)  # what was left out or read in part, why
    memos: list[Memo] = field(default_factory=list)  # a project's notes (keys of documents here)
    texts: dict[Path, str] = field(default_factory=dict)  # each of ``written``'s text
    saved: str = ""  # a spreadsheet's: when the file was written (see :func:`dated_in_file`)
    # how many of ``problems`` left a value of the file unread (an attribute's cell or column
    # of our CSV export): the import fails then, as ``attr import`` does
    left_out: int = 0


def write_sources(incoming: Incoming) -> None:
    """Write the source files :func:`read_foreign` found no document here for (once the
    import is known to go ahead: a refused one leaves no file behind)."""
    for path in incoming.written:
        if not path.exists():
            write_atomically(path, incoming.texts[path].encode("utf-8"), overwrite=False)


def guess_foreign(raw: bytes) -> str | None:
    """``qdpx`` for a zip, ``qdc`` for a REFI-QDA codebook, ``taguette`` for Taguette's CSV or
    HTML; None for anything else (JSON is ours)."""
    if raw[:4] == b"PK\x03\x04":
        return "qdpx"
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark (cells parted by tabs)
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    head = raw[:4096].decode(encoding, "replace")
    if "urn:QDA-XML:codebook" in head:
        return "qdc"
    # Its first MB, not the whole file: a file of one long line (a 400 MB file of NULs, of
    # base64) was decoded whole and its line read as a CSV header, 4.5 GB and 32 s before
    # "not a file import reads"
    start = raw[:_GUESSED_FROM_BYTES].decode(encoding, "replace")
    if head.lstrip()[:1] not in ("{", "[") and looks_like_taguette(start):
        return "taguette"
    return None


# A foreign file read: a codebook's codes (and what was said of them), a project, or
# Taguette's highlights or codebook.
ForeignFile = Incoming | RefiProject | TaguetteExport


def parse_foreign(raw: bytes | BinaryIO, path: Path, fmt: str) -> ForeignFile:
    """The work in ``raw`` (``fmt``: one of :data:`FOREIGN`; a REFI-QDA project may be given
    as its file, open, read a member at a time), read before anything is opened or
    written: a file refused here leaves the database and the corpus as they were."""
    if fmt == "qdpx":
        return read_refi_project(raw, path)
    if not isinstance(raw, bytes):
        raw = raw.read()
    if fmt == "qdc":
        said: list[str] = []
        memos: list[Memo] = []
        lost: list[str] = []  # its sets of codes
        tags = read_codebook(raw, path, said, memos, lost)
        return Incoming([], tags, problems=said, memos=memos, left_out=len(lost))
    try:  # as a text document: a CSV a spreadsheet saved again is in its code page
        text, _ = decode_bytes(raw, path)
    except DocumentError as exc:
        raise ImportFormatError(str(exc)) from exc
    return read_taguette(text, str(path))


def holds_nothing(parsed: ForeignFile) -> bool:
    """Whether the file :func:`parse_foreign` read holds nothing to import and nothing to
    say of it (a Taguette CSV of its header alone, a project of no sources, a codebook of no
    codes)."""
    if isinstance(parsed, Incoming):
        held: list[Any] = [parsed.annotations, parsed.tags, parsed.memos, parsed.attributes]
        said = parsed.problems
    elif isinstance(parsed, RefiProject):
        held = [parsed.annotations, parsed.tags, parsed.sources, parsed.attributes, parsed.memos]
        said = parsed.skipped
    else:
        held = [parsed.highlights, parsed.tags, parsed.attributes.strip()]
        said = [*parsed.problems, *parsed.attribute_problems]
    return not any(held) and not said


def read_foreign(
    parsed: ForeignFile, path: Path, workspace: Workspace, *, write: bool, saved: str
) -> Incoming:
    """The work :func:`parse_foreign` read from ``path``, placed in ``workspace``; source
    files are written only when ``write``.  ``saved``: when the file was written (ISO 8601
    UTC), the time of a spreadsheet's rows that carry none, or were changed since the
    export that dated them (:func:`dated_in_file`)."""
    store = workspace.store
    if isinstance(parsed, Incoming):  # a codebook: its codes alone
        tags, memos = as_described_here(parsed.tags, parsed.memos, store.tags(), store.memos())
        return replace(parsed, tags=tags, memos=memos)
    targets = document_targets(workspace, path)
    if isinstance(parsed, RefiProject):
        # its sources are found here by their texts' hashes: every document read
        targets = [target for target in targets if target.readable]
        project = parsed
        texts: dict[Path, str] = {}
        keys, written = place_sources(project.sources, workspace, targets, write=write, texts=texts)
        if not write:
            keys, written = _earlier_texts(project, keys, written, workspace, targets)
            texts = {p: t for p, t in texts.items() if p in written}
        annotations = [a.evolve(document=keys[a.document]) for a in project.annotations]
        # a creationDateTime of 'yesterday' (a tool's, a hand's) was stored as the time,
        # which our W3C and REFI-QDA exports then left out: undated here, and said
        skipped = list(project.skipped)
        annotations = readable_times(annotations, skipped)
        attributes = {keys[n]: v for n, v in project.attributes.items() if v}
        memos = [
            m.evolve(target=keys.get(m.target, m.target)) if m.kind is MemoKind.DOCUMENT else m
            for m in project.memos
        ]
        memos = readable_memo_times(memos, skipped)
        tags, memos = as_described_here(project.tags, memos, store.tags(), store.memos())
        return Incoming(
            annotations,
            tags,
            [],
            written,
            attributes,
            skipped,
            memos,
            texts,
            left_out=project.left_out,
        )
    export = parsed
    annotations, unplaced = place_highlights(export.highlights, targets, saved)
    unread = list(export.attribute_problems)
    coded = {highlight.document for highlight in export.highlights}
    attributes = _exported_attributes(export.attributes, targets, workspace, unread, coded)
    return Incoming(
        annotations,
        export.tags,
        unplaced,
        [],
        attributes,
        problems=[*export.problems, *unread],
        saved=saved,
        # a row left out (a note too long) fails the import, as a JSON record left out does
        left_out=len(unread) + export.rows_left_out,
    )


def _exported_attributes(
    table: str,
    targets: Sequence[Target],
    workspace: Workspace,
    problems: list[str],
    coded: Iterable[str] = (),
) -> dict[str, dict[str, Value]]:
    """The attributes our CSV export wrote (``table``: see :class:`TaguetteExport`), typed as
    ``attr import`` types a CSV's (the type the database gives the attribute, else the one
    most of its cells have), by the key of the document here each names; what cannot be
    read said in ``problems``.  A document not here is said with its highlights, one of
    none (``coded``: the documents of the highlights) here."""
    if not table:
        return {}
    ours = workspace.store.attributes()
    try:
        read = read_attribute_csv(
            table, attribute_types(ours), "the attribute columns", year_columns(ours)
        )
    except AttributeValueError as exc:
        problems.append(f"{exc}; no attribute read")
        return {}
    problems.extend(f"attributes: {problem}" for problem in read.problems)
    found: dict[str, dict[str, Value]] = {}
    said = set(coded)
    for name, values in read.rows:
        target = match_document(name, targets) if values else None
        if target is not None:
            found.setdefault(target.key, {}).update(values)
        elif values and name not in said:
            said.add(name)
            problems.append(
                f"the attributes of {said_name(name)} left out: no document of that name here"
            )
    return found


def dated_in_file(
    incoming: Iterable[Annotation], stored: Callable[[str], Annotation | None], saved: str
) -> list[Annotation]:
    """``incoming`` (a spreadsheet's rows, each dated as our CSV export dated its passage)
    with each that is ours as we dated it yet reads otherwise dated ``saved``, when the file
    was written: the row was changed in the spreadsheet after the export, and that change
    is newer than ours (a note corrected in Excel replaces ours, not a conflict kept beside
    it).  A row as exported keeps its passage's own time (a round trip changes no date)."""
    dated = []
    for annotation in incoming:
        if saved and annotation.updated != saved:
            ours = stored(annotation.id)
            if (
                ours is not None
                and moment(ours) == moment(annotation)  # (ours kept with an offset)
                and not same_content(annotation, ours)
            ):
                annotation = annotation.evolve(updated=saved)
        dated.append(annotation)
    return dated


def _earlier_texts(
    project: RefiProject,
    keys: dict[str, str],
    written: list[Path],
    workspace: Workspace,
    targets: Sequence[Target] = (),
) -> tuple[dict[str, str], list[Path]]:
    """``keys`` and ``written`` with each source no document here has the text of, whose
    passages are all ours on one document here of its file name (our project back after that
    document was edited), taken for that document: its passages go onto it, placed again by
    their quotes, and no file is written for it.  So is a source whose passages are not ours
    by id (QualCoder gives every selection a new GUID) when the one document here of its file
    name holds most of its text (an earlier version of it: see :func:`_earlier_version`)."""
    if not written:
        return keys, written
    quotes: dict[str, list[str]] = {}  # each source's passages
    for annotation in project.annotations:
        quotes.setdefault(annotation.document, []).append(annotation.quote)
    keys, written = _by_name_and_text(keys, written, workspace, targets, project.sources, quotes)
    if not written:
        return keys, written
    get = workspace.store.lookup()
    by_key = {document_key(path, workspace.db): path for path in written}
    documents: dict[str, set[str]] = {}  # a source's key -> the documents its ids are ours on
    ids: dict[str, list[str]] = {}  # a source's key -> its passages' ids
    for annotation in project.annotations:
        key = keys[annotation.document]
        if key in by_key:
            ours = get(annotation.id)
            documents.setdefault(key, set()).add(ours.document if ours is not None else "")
            ids.setdefault(key, []).append(annotation.id)
    remapped = dict(keys)
    for name, key in keys.items():
        found = documents.get(key, set())
        if len(found) != 1 or "" in found:
            continue
        [document] = found
        if _named(name, [document]) is not None or _named_before(
            name, ids.get(key, []), workspace
        ):  # the source named after that document, or after its file before a rename here
            remapped[name] = document
            written = [path for path in written if path != by_key[key]]
    return remapped, written


def _named_before(name: str, ids: Sequence[str], workspace: Workspace) -> bool:
    """Whether the source ``name`` names a document one of our annotations of ``ids`` was on
    before (the history says so): our project back after that document's file was renamed,
    and edited, here."""
    return any(
        _named(name, [past.document]) is not None
        for annotation_id in ids
        for past in workspace.store.past_versions(annotation_id)
    )


def _by_name_and_text(
    keys: dict[str, str],
    written: list[Path],
    workspace: Workspace,
    targets: Sequence[Target],
    sources: Mapping[str, str],
    quotes: Mapping[str, Sequence[str]],
) -> tuple[dict[str, str], list[Path]]:
    """``keys`` and ``written`` with each source to be written taken for the one document of
    ``targets`` its name names, when that document's text is a later version of the
    source's and holds most of the passages coded on it (``quotes``: each source's; one
    edited here since is placed again by its quote, or is an orphan)."""
    from tui_reader.core.search.composed import composed_form

    by_key = {document_key(path, workspace.db): path for path in written}
    texts = {target.key: target.text for target in targets}
    remapped = dict(keys)
    for name, key in keys.items():
        if key not in by_key:
            continue
        document = _named(name, [k for k in texts if k not in by_key])
        if document is None:
            continue
        # each read composed (NFC): the same letters, its accents written otherwise here (é
        # one code point there, e and U+0301 here, as a Mac or a PDF writes them)
        here = composed_form(texts[document])
        if not _earlier_version(composed_form(sources[name]), here):
            continue
        flat = " ".join(here.split())
        coded = [composed_form(quote) for quote in quotes.get(name, ())]
        if 2 * sum(" ".join(quote.split()) in flat for quote in coded) < len(coded):
            continue  # most passages of theirs not in ours: another text of that name
        remapped[name] = document
        written = [path for path in written if path != by_key[key]]
    return remapped, written


_MOST = 0.6  # of a source's paragraphs in a document: it is an earlier version of it


def _earlier_version(source: str, text: str) -> bool:
    """Whether ``text`` is ``source`` edited: most of its paragraphs (of a text of one or two,
    its sentences) are there as they were; of a text of one or two sentences, most of its
    words, in order."""
    for split in (str.splitlines, _sentences):
        parts = [part.strip() for part in split(source) if part.strip()]
        if len(parts) >= 3:
            here = {part.strip() for part in split(text)}
            return sum(part in here for part in parts) >= _MOST * len(parts)
    import difflib

    words, others = source.split(), text.split()
    if not words or len(others) > 4 * len(words) + 100 or len(words) > 2_000:
        return False  # (words compared in order take the square of their count)
    matcher = difflib.SequenceMatcher(None, words, others, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) >= _MOST * len(words)


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)


def document_targets(workspace: Workspace, imported: Path | None = None) -> list[Target]:
    """Every readable document of the corpus: key, title, text and its sha256; but the file
    ``imported``, when it lies in the corpus folder (a CSV is a transcript's format too).
    Read as a document, a CSV of 100 MB imported from the corpus folder was converted
    whole, though no passage may lie on the file that brings them, and the import ran out of
    memory handing it to its converter."""
    keys = workspace.keys()  # documents of the corpus (a method, not a dict's)
    itself = os.path.realpath(imported) if imported is not None else None

    def reader(key: str) -> Callable[[], tuple[str, str, str]]:
        def read() -> tuple[str, str, str]:
            document = workspace.document(key)
            return document.title, document.text, document.sha256

        return read

    # each read when a highlight names it (see Target): not every document, as before
    return [
        Target(key, read=reader(key))
        for key in keys
        if itself is None or str(workspace.path(key)) != itself
    ]


def place_sources(
    sources: Mapping[str, str],
    workspace: Workspace,
    targets: Sequence[Target],
    *,
    write: bool,
    texts: dict[Path, str] | None = None,
) -> tuple[dict[str, str], list[Path]]:
    """Each source's document key here (source name -> key), and the files written (or to
    write: ``texts`` gets each one's text) for the sources no document here has the text
    of."""
    by_sha: dict[str, str] = {}
    alike: dict[str, list[str]] = {}  # documents of one text (a file copied): by file name
    for target in targets:
        by_sha.setdefault(target.sha256, target.key)
        alike.setdefault(target.sha256, []).append(target.key)
    keys: dict[str, str] = {}
    written: list[Path] = []
    for name, text in sources.items():
        sha = text_sha256(text)
        key = by_sha.get(sha)
        if key is not None and len(alike[sha]) > 1:
            key = _named(name, alike[sha]) or key
        if key is None:
            path = free_path(workspace.corpus, name, text, taken=written)
            if not path.exists():
                written.append(path)
                if texts is not None:
                    texts[path] = text
                if write:
                    write_atomically(path, text.encode("utf-8"), overwrite=False)
            key = by_sha[text_sha256(text)] = document_key(path, workspace.db)
        keys[name] = key
    return keys, written


def _named(name: str, keys: Sequence[str]) -> str | None:
    """The one of ``keys`` (documents of the same text) whose file the source ``name`` names
    (its file name, or without its extension), None when none does."""
    base = _file_name(name)
    for key in keys:
        path = PurePosixPath(key)
        if base in (path.name, path.stem):
            return key
    return None


def _file_name(name: str) -> str:
    """The file name a source's ``name`` gives: its last part, a ``\\`` parting folders as a
    ``/`` does (a Windows path), but for one before a byte that is no UTF-8 written ``\\xNN``,
    as every export of ours writes it (a Latin-1 ``caf\\xe9.txt``): that byte, the file's
    name read back exactly (where a file name holds such bytes: not on Windows)."""
    read = stray_bytes_read(name) if os.name != "nt" else name
    if read != name:  # bytes that are UTF-8 (a hand's \xc3\xa9): the character, as listed
        read = os.fsdecode(os.fsencode(read))
    return PurePosixPath(read.replace("\\", "/")).name


def free_path(folder: Path, name: str, text: str, taken: Iterable[Path] = ()) -> Path:
    """Where a source called ``name`` goes in ``folder``: its file name (no folders, ``.txt``
    added), or ``name (2).txt`` ... when a different file (or another source) has that name."""
    # no folders; never a hidden file (a leading dot), nor a trailing dot or space (Windows
    # takes them off, and they cannot be seen): a leading space is the source's own
    base = _NOT_IN_NAME.sub("", _file_name(name)).rstrip(". ")
    base = base.lstrip(".")
    base = base or "source"
    txt = base.casefold().endswith(".txt")
    stem, suffix = (base[: -len(".txt")], base[-len(".txt") :]) if txt else (base, ".txt")
    # A file name holds 255 bytes: a longer name (a document's whole title) is cut at a
    # character, leaving room for " (99999).txt" (a byte that is no UTF-8 kept, as one byte)
    sizes = accumulate(len(c.encode("utf-8", "surrogateescape")) for c in stem)
    cut = stem[: sum(1 for size in sizes if size <= _NAME_BYTES - 16)]
    if cut != stem:
        stem = cut.rstrip(". ") or "source"
    taken = set(taken)
    candidate, number = folder / f"{stem}{suffix}", 1
    while candidate in taken or (candidate.exists() and not _holds(candidate, text)):
        number += 1
        candidate = folder / f"{stem} ({number}).txt"
    return candidate


def _holds(path: Path, text: str) -> bool:
    try:
        return path.is_file() and path.read_text(encoding="utf-8-sig") == text
    except (OSError, UnicodeDecodeError):
        return False


def adopt_ids(incoming: Iterable[Annotation], stored: Iterable[Annotation]) -> list[Annotation]:
    """``incoming`` with the id of ours at the same place (document, start, end, coder) for each
    whose own id is not here: of several of ours there (two codes put on one passage apart),
    the one of the same tags first, else one no other took; each of ours is taken once (two
    of theirs given one id, one was lost, or changed the tags of the other)."""
    ours = list(stored)
    ids = {a.id for a in ours}
    adopted = unjoined(list(incoming), ours, ids)
    taken = {a.id for a in adopted if a.id in ids}  # theirs that are ours by their own id
    # By place, then by quote: a project back from QualCoder after the document was edited
    # here has its places in the text as it was, ours in the text as it is
    for where in (_place, _quoted):
        at: dict[tuple[str, str | int, str | int, str], list[Annotation]] = {}
        for annotation in ours:
            at.setdefault(where(annotation), []).append(annotation)
        for same_tags in (True, False):  # those of the same tags first: each takes its own
            for index, annotation in enumerate(adopted):
                if annotation.id in ids or where(annotation) not in at:
                    continue
                for candidate in at[where(annotation)]:
                    if candidate.id not in taken and (
                        not same_tags or candidate.tags == annotation.tags
                    ):
                        taken.add(candidate.id)
                        adopted[index] = annotation.evolve(id=candidate.id)
                        break
    return adopted


def unjoined(
    incoming: list[Annotation], ours: Sequence[Annotation], ids: Collection[str]
) -> list[Annotation]:
    """``incoming`` with each that is several of ours joined as a project export joins them
    (:func:`~.qdpx.selections_of_rows`: of one place and coder, sharing a code; back in our
    project under the first one's GUID, or from QualCoder under a new one) given back as
    those of ours: the same codes, perhaps more (given to the first), and their notes joined
    as the export joins them.  Else the project imported back made the first carry the
    codes and notes of all, the others kept beside it."""
    at: dict[tuple[str, int, int, str], list[Annotation]] = {}
    for annotation in ours:
        at.setdefault(_place(annotation), []).append(annotation)
    if all(len(found) == 1 for found in at.values()):
        return incoming
    given: list[Annotation] = []
    taken: set[str] = set()
    for annotation in incoming:
        found = at.get(_place(annotation), [])
        joined = _joined_ours(annotation, found, ids) if len(found) > 1 else None
        if joined is None or joined[0].id in taken:
            given.append(annotation)
            continue
        taken.add(joined[0].id)
        first, *rest = joined
        extra = tuple(t for t in annotation.tags if t not in {t for a in joined for t in a.tags})
        if extra:  # codes given the passage since (in QualCoder): the first's
            first = first.evolve(tags=first.tags + extra, updated=annotation.updated)
        given.extend([first, *rest])
    return given


def _joined_ours(
    annotation: Annotation, ours: list[Annotation], ids: Collection[str]
) -> list[Annotation] | None:
    """Those of ``ours`` (at one place and coder) that ``annotation`` joins, the first
    first, or None when it is no selection joining them: a selection of our project (its
    first one's GUID, or a new one), or all of ours there back from QualCoder, which writes
    a selection per code and whose import here joins every selection of a place and coder
    (their codes, and the notes of each selection in any order)."""
    from tui_reader.core.interchange.annotation_columns import AnnotationColumns
    from tui_reader.core.interchange.qdpx import joined_note, selections_of_rows

    ordered = sorted(ours, key=reading_order)
    columns = AnnotationColumns.of_annotations(ordered)
    rows_of = selections_of_rows(columns, range(len(ordered)))
    selections = [[ordered[row] for row in rows] for rows in rows_of]
    given = set(annotation.tags)
    for joined in selections:
        if len(joined) < 2 or (annotation.id in ids and annotation.id != joined[0].id):
            continue
        codes = {t for a in joined for t in a.tags}
        if codes <= given and annotation.note == joined_note(a.note for a in joined):
            return joined
    if len(selections) < 2 or annotation.id in ids:
        return None
    notes = dict.fromkeys(joined_note(a.note for a in joined) for joined in selections)
    if {t for a in ordered for t in a.tags} <= given and sorted(
        annotation.note.split("\n\n")
    ) == sorted(joined_note(notes).split("\n\n")):
        return [a for joined in selections for a in joined]
    return None


def _place(annotation: Annotation) -> tuple[str, int, int, str]:
    return (annotation.document, annotation.start, annotation.end, annotation.coder)


def _quoted(annotation: Annotation) -> tuple[str, str, str, str]:
    return (annotation.document, "quote", annotation.quote, annotation.coder)


def new_attributes(
    incoming: Mapping[str, Mapping[str, Value]], ours: Mapping[str, Mapping[str, Value]]
) -> tuple[list[tuple[str, dict[str, Value]]], list[tuple[str, str, Value, Value]]]:
    """The attributes to set (those a document lacks), and each of theirs that differs from
    a value of ours (ours kept): (document, attribute, ours, theirs).  A name spelled in
    another case is the attribute of ours (``Country`` is our ``country``, as a query and
    the store take it): setting it replaced our value."""
    to_set = []
    differ: list[tuple[str, str, Value, Value]] = []
    for key, values in incoming.items():
        have = ours.get(key, {})
        spelled = {name.casefold(): name for name in have}
        held = {
            name: have[name if name in have else spelled[name.casefold()]]
            for name in values
            if name in have or name.casefold() in spelled
        }
        new = {name: value for name, value in values.items() if name not in held}
        differ.extend(
            (key, name, held[name], value)
            for name, value in values.items()
            if name in held and held[name] != value
        )
        if new:
            to_set.append((key, new))
    return to_set, differ


def differing_lines(differ: Sequence[tuple[str, str, Value, Value]], theirs: str) -> list[str]:
    """A line for each value of ``theirs`` (a colleague's, a file's) that differs from ours
    (see :func:`new_attributes`): which document, which attribute, what each says."""
    return [
        f"{key}: {name} is {show_value(value)} {theirs}, {show_value(own)} here (ours kept)"
        for key, name, own, value in differ
    ]
