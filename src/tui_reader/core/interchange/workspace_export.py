"""Exports of a whole workspace, shared by ``tui-reader export`` and the app's export action:
pick the annotations (re-anchored), load their documents, render, write the file atomically.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from tui_reader.core.analysis.attributes import attribute_spellings
from tui_reader.core.analysis.memos import Memo, MemoKind
from tui_reader.core.analysis.values import Value
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, reading_order
from tui_reader.core.annotations.placement_cache import PlacementCache, Stamp
from tui_reader.core.codebook.names import is_within
from tui_reader.core.display import shown_name
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.formats import SAVED_PAGE_FORMATS, format_of
from tui_reader.core.documents.safe_read import file_kind, is_gone, special_file_problem
from tui_reader.core.errors import DocumentError, TuiReaderError
from tui_reader.core.interchange import (
    ExportFormat,
    ExportOptions,
    chosen_annotations,
    export_order,
    get_format,
    is_orphan,
    tags_found,
)
from tui_reader.core.interchange.annotation_columns import (
    AnnotationColumns,
    CheckedRecords,
    StoredColumns,
)
from tui_reader.core.interchange.documents_on_use import DocumentsOnUse, loaded_on_use
from tui_reader.core.interchange.export_text import export_line
from tui_reader.core.interchange.kept_blocks import KeptBlocks
from tui_reader.core.interchange.kept_contexts import KeptContexts
from tui_reader.core.interchange.packed_texts import PackedTexts
from tui_reader.core.interchange.places import is_time
from tui_reader.core.interchange.places_in_text import PlacesCache
from tui_reader.core.interchange.records_in_place import placed_texts, text_reader
from tui_reader.core.interchange.stopping import CHECKING, begun
from tui_reader.core.interchange.texts_read import TextsRead
from tui_reader.core.interchange.turnless import TurnlessTexts
from tui_reader.core.interchange.w3c_context import learn_contexts
from tui_reader.core.search.text_pack import TextPack
from tui_reader.core.wording import agreeing, capped, clipped, counted, quoted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import (
    blocks_cache_path,
    checked_records_path,
    contexts_cache_path,
    placement_cache_path,
    places_cache_path,
    terminal_text,
    texts_cache_path,
    texts_read_cache_path,
    turnless_cache_path,
    user_path,
)

if TYPE_CHECKING:
    from tui_reader.core.documents.corpus import CorpusFile
    from tui_reader.core.interchange.obsidian_vault import Vault


@dataclass
class ExportSet:
    """What an export is made of, and what the user should hear about it."""

    annotations: list[Annotation]
    documents: Mapping[str, Document]  # loaded when first used (see documents_on_use)
    tags: list[Tag]
    problems: list[str] = field(default_factory=list)  # one line each, for stderr or a toast
    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)  # of the documents
    memos: list[Memo] = field(default_factory=list)
    folder: Path | None = None  # what the document keys are relative to (the database's folder)
    places: PlacesCache | None = None  # places in documents known unchanged (csv, Markdown)
    texts: PackedTexts | None = None  # texts of documents known unchanged (qdpx)
    placed: bool = True  # False: the annotations as stored, for a format of tags alone
    # The annotations as columns instead (``annotations`` is then empty): all of the store's,
    # known in place (see collect's ``columns``)
    columns: AnnotationColumns | None = None
    # The web addresses of the saved pages annotated and when each copy was saved (see
    # ExportOptions.page_urls and page_saved), found when a format asks (from the facts kept
    # of unchanged files: no page loaded for them)
    page_urls: Callable[[], Mapping[str, tuple[str, str]]] = dict
    # The language each document annotated says it is in (ExportOptions.languages), found
    # when such a format asks, as page_urls are
    languages: Callable[[], Mapping[str, str]] = dict
    # The author each document annotated names (ExportOptions.authors), found when the vault
    # asks, as page_urls are
    authors: Callable[[], Mapping[str, str]] = dict
    # Keeps the facts of the documents the export read (Workspace.keep_facts), once written
    keep_facts: Callable[[], None] = lambda: None
    # Each attribute casefolded -> as the corpus spells it (ExportOptions.attribute_spellings)
    attribute_spellings: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many annotations the export holds."""
        return len(self.annotations) if self.columns is None else len(self.columns)

    @property
    def annotations_tags(self) -> list[tuple[str, ...]]:
        """The tags of each annotation (of ``annotations``)."""
        return [a.tags for a in self.annotations]

    @functools.cached_property  # asked more than once of 100,000 annotations
    def orphans(self) -> int:
        """How many annotations have no place in a current text (0 when not placed)."""
        if not self.placed:
            return 0
        if self.columns is not None:
            documents = self.documents
            statuses = self.columns.status
            if all(d in documents for d in set(self.columns.document)):
                return statuses.count(AnchorStatus.ORPHAN.value)  # counted in C
            pairs = zip(statuses, self.columns.document, strict=True)
            return sum(s == AnchorStatus.ORPHAN or d not in documents for s, d in pairs)
        return sum(is_orphan(a, self.documents) for a in self.annotations)

    @functools.cached_property
    def unread(self) -> dict[str, int]:
        """How many of :attr:`orphans` belong to each document not read (its file gone or
        unreadable, said among the problems): orphans for want of a text, not of a place."""
        if not self.placed:
            return {}
        documents = self.documents
        names = self.columns.document if self.columns is not None else None
        keys = names if names is not None else [a.document for a in self.annotations]
        return {key: n for key, n in Counter(keys).items() if key not in documents}


# How many of the annotations with a time that is no time a line names (then "and N more")
UNDATED_NAMED = 3


def undated_line(export: ExportSet, *, updated: bool = True) -> str | None:
    """One line naming the annotations of ``export`` whose stored time, made or changed, is
    no time ('yesterday', which an import before such words were refused kept as given),
    or None when there are none.  The W3C and REFI-QDA formats hold a time as an
    ``xsd:dateTime`` or not at all, CSV and Markdown show a time or nothing: such an
    annotation is exported without it, and said.  ``updated=False``: a format that shows
    only when a passage was made (Markdown)."""
    if export.columns is not None:
        columns = export.columns
        created, updated_times = columns.created, columns.updated
        if columns.all_utc_to_the_second("created") and (
            not updated or columns.all_utc_to_the_second("updated")
        ):  # (the times tui-reader wrote, told a column at a time; Markdown's made alone)
            return None
        documents, quotes = columns.document, columns.quote
    else:
        created = [a.created for a in export.annotations]
        updated_times = [a.updated for a in export.annotations]
        documents = [a.document for a in export.annotations]
        quotes = [a.quote for a in export.annotations]
    if not updated:
        updated_times = [""] * len(created)
    return _no_time_line(
        "annotation",
        zip(created, updated_times, strict=True),
        lambda row: f"{documents[row]}: {quoted(quotes[row], 40)}",
    )


def undated_memos_line(memos: Sequence[Memo], *, updated: bool = True) -> str | None:
    """One line naming the memos whose stored time is no time ('yesterday'), as
    :func:`undated_line` names annotations, or None when there are none: a format shows a
    time or none.  ``updated=False``: a format that shows only when a memo was written (the
    Markdown export's journal, each entry headed by it)."""
    return _no_time_line(
        "memo",
        ((m.created, m.updated) if updated else (m.created,) for m in memos),
        lambda row: f"{memos[row].label}: {quoted(' '.join(memos[row].text.split()), 40)}",
    )


def _no_time_line(
    noun: str, records: Iterable[Sequence[str]], name: Callable[[int], str]
) -> str | None:
    """The line of :func:`undated_line` over the times of ``records`` (``name``: how the
    record of each row is named), or None when none has a stored time that is no time."""
    named: list[str] = []
    words: dict[str, None] = {}  # each word once, in the order met
    count = 0
    for row, times in enumerate(records):
        unreadable = [t for t in times if t and not is_time(t)]
        if not unreadable:
            continue
        count += 1
        words.update(dict.fromkeys(unreadable))
        if len(named) < UNDATED_NAMED:
            named.append(name(row))
    if not count:
        return None
    more = f" and {count - len(named)} more" if count > len(named) else ""
    said = ", ".join(quoted(word, 40) for word in list(words)[:UNDATED_NAMED])
    said += ", …" if len(words) > UNDATED_NAMED else ""
    return clipped(
        f"{counted(count, noun)} {agreeing(count, 'has', 'have')} a stored time "
        f"that is no time ({said}): exported without it ({'; '.join(named)}{more})"
    )


def joined_lines(export: ExportSet, format_name: str) -> list[str]:
    """The line saying how many annotations a project (``qdpx``) joins into fewer
    selections, QualCoder keeping one coding of a code per passage and coder (see
    :func:`~.qdpx.selections_of_rows`); none for another format: the command and the app
    say it alike."""
    if format_name != "qdpx":
        return []
    from tui_reader.core.interchange.qdpx import joined_line

    columns = export.columns
    if columns is None:
        columns = AnnotationColumns.of_annotations(sorted(export.annotations, key=reading_order))
    line = joined_line(columns, export.documents)
    return [] if line is None else [line]


# The formats that hold a time as an xsd:dateTime or show a time or none (not JSON and the
# project, which keep the records as stored)
TIMED_FORMATS = frozenset({"w3c", "qdpx", "csv", "csv-raw", "markdown"})


def undated_lines(export: ExportSet, format_name: str) -> list[str]:
    """The lines naming the annotations and memos exported as ``format_name`` without their
    stored time, since it is no time (see :func:`undated_line`): what the command and the
    app say alike.  Markdown shows when a passage was made and when a journal entry was
    written (its heading); REFI-QDA each memo's times."""
    if format_name not in TIMED_FORMATS:
        return []
    markdown = format_name == "markdown"
    memos: Sequence[Memo] = ()
    if markdown:
        memos = [m for m in export.memos if m.kind == MemoKind.JOURNAL]
    elif format_name == "qdpx":
        memos = export.memos
    lines = [
        undated_line(export, updated=not markdown),
        undated_memos_line(memos, updated=not markdown),
    ]
    return [line for line in lines if line is not None]


def orphan_lines(
    export: ExportSet, workspace: Workspace, *, left_out: bool, files: bool = True
) -> list[str]:
    """The orphans of ``export`` by their cause, a line each: a file gone (``files``: a line
    for each, naming it, the first :data:`SAID_AT_MOST`, else one counting them all), a file
    that could not be read (each said among the problems), a passage the current text lost.
    A project (``left_out``) leaves them out; another format keeps them, marked.  The export
    command and the app's export say them so, in one wording."""
    from tui_reader.core.analysis.scope import missing_file

    unreadable = 0
    gone: list[tuple[str, int, str]] = []  # each file gone (never said among the problems)
    said_missing: Callable[[str], str] | None = None  # (asked of the store once, if ever)
    for key, count in export.unread.items():
        if not is_gone(workspace.path(key)):
            unreadable += count
        else:
            said_missing = said_missing or missing_file(workspace)
            gone.append((str(workspace.path(key)), count, said_missing(key)))
    lost = export.orphans - sum(count for _, count, _ in gone) - unreadable
    # (an orphan for want of its text is not marked so: the database is left as it was)
    fate = "left out of the project" if left_out else "exported as orphans"
    unchanged = "" if left_out else "; the database is unchanged"
    if files:  # a file gone in one line naming it, as query and report say it
        lines = capped(
            [
                f"{shown_name(path)}: {missing}: {counted(count, 'annotation')} {fate}{unchanged}"
                for path, count, missing in gone
            ]
        )
    else:
        count = sum(count for _, count, _ in gone)
        lines = [
            f"{counted(count, 'annotation')} {fate} (their file is not in the corpus{unchanged})"
        ] if gone else []  # fmt: skip
    if unreadable:
        lines.append(
            f"{counted(unreadable, 'annotation')} {fate} (their file was not read{unchanged})"
        )
    if lost and left_out:
        lines.append(
            f"{counted(lost, 'orphaned annotation')} left out of the project "
            "(their passage is not in the current text)"
        )
    elif lost:
        lines.append(f"{counted(lost, 'orphaned annotation')} (marked so)")
    if lines and left_out:
        lines[-1] += "; export markdown or json to keep them"
    return lines


def moved_away_line(gone: str, found: str, count: int) -> str:
    """What is said of a file that holds another text now whose ``count`` annotations went
    to ``found``, the file of the text they were made on."""
    from tui_reader.core.display import shown

    return (
        f"{shown(gone)} holds another text now: {counted(count, 'annotation')} of it moved "
        f"to {shown(found)}, the file of the text they were made on"
    )


def not_moved_away_line(gone: str, count: int, homes: Sequence[str]) -> str:
    """What is said of a file that holds another text now whose ``count`` annotations stayed
    orphans on it, since each of ``homes`` (two or more) holds the text they were made on."""
    from tui_reader.core.display import shown

    *first, last = map(shown, homes)
    return (
        f"{shown(gone)} holds another text now: {counted(count, 'annotation')} of it left "
        f"orphans there, since {', '.join(first)} and {last} each hold the text they were "
        "made on, and none is theirs more than another"
    )


def exchanged_line(names: Sequence[str]) -> str:
    """What is said of files that exchanged names (two, or round a ring) and whose records
    went each with its text."""
    from tui_reader.core.display import shown

    *first, last = map(shown, names)
    where = "the other's name" if len(names) == 2 else "its new name"
    return (
        f"{', '.join(first)} and {last} exchanged names: the annotations, memo and attributes "
        f"of each went with its text to {where}"
    )


def placing_lines(workspace: Workspace, key: str) -> list[str]:
    """What placing document ``key``'s annotations found, said as the commands say it (see
    ``say_moved``), for the app: its file holds another text now and its annotations went to
    the file of theirs, or stayed orphans since two or more files hold it; or it exchanged
    names with other files.  Empty when none of these happened to it."""
    lines = [
        moved_away_line(gone, found, workspace.moved[(gone, found)])
        for gone, found in sorted(workspace.moved_away)
        if gone == key
    ]
    if key in workspace.not_moved_away:
        count, homes = workspace.not_moved_away[key]
        lines.append(not_moved_away_line(key, count, homes))
    lines.extend(exchanged_line(names) for names in sorted(workspace.exchanged) if key in names)
    return lines


def gone_files(export: ExportSet, workspace: Workspace) -> list[str]:
    """A line for each file of ``export``'s annotations that is gone, naming it (the app
    says them as warnings, beside :func:`orphan_lines` without ``files``; what is said of
    each: :func:`~tui_reader.core.analysis.scope.missing_file`)."""
    from tui_reader.core.analysis.scope import missing_file

    gone = [key for key in export.unread if is_gone(workspace.path(key))]
    if not gone:
        return []
    said_missing = missing_file(workspace)
    return [f"{shown_name(str(workspace.path(key)))}: {said_missing(key)}" for key in gone]


def collect(
    workspace: Workspace,
    tags: Sequence[str] = (),
    documents: Sequence[str] = (),
    advance: Callable[[], None] = lambda: None,
    *,
    relist: bool = True,
    tags_only: bool = False,
    columns: bool = False,
    places: bool = True,
    titles: bool = True,
) -> ExportSet:
    """The workspace's annotations (re-anchored against the current texts) that carry any of
    ``tags`` and lie in any of ``documents`` (keys; see :func:`resolve_document`), with the
    documents they lie in and the codebook.  An unreadable document is reported in
    ``problems`` and its annotations export as orphans.  ``advance()`` is called after each
    annotated document (a progress bar); ``relist=False``: the corpus files as the workspace
    listed them last (see :meth:`Workspace.all_anchored`).  ``tags_only``: for a format
    that writes only the tags (see :attr:`ExportFormat.tags_only`), the annotations as stored,
    not placed and with no documents, unless ``documents`` is given (a moved file's
    annotations must then be re-linked to be found).  ``columns``: for a format that renders
    from columns (:attr:`ExportFormat.columns_target`), every annotation known in place as
    columns made from the store's records, when nothing is chosen and nothing moved (see
    :meth:`Workspace.settled_annotations`).  ``places``: for a format that prints where
    each passage lies (:attr:`ExportFormat.places`): the texts read to place annotations
    are kept for it (else dropped as they are read).  ``titles``: for a format that shows
    the documents' titles (:attr:`ExportFormat.titles`): those of the plain texts read are
    looked for (else left unknown to the placement cache, as they were)."""
    unplaced = _unplaced(workspace, tags, columns) if tags_only and not documents else None
    if unplaced is not None:
        return unplaced
    placements = PlacementCache(placement_cache_path(workspace.db))
    whole = columns and not (tags or documents)
    checked = CheckedRecords(checked_records_path(workspace.db))
    stored = AnnotationColumns.of_store(workspace.store, checked) if whole else None
    if stored is not None:
        stamps: dict[str, Stamp | None] = {}  # (each file's, taken once: see _settled)
        settled = _settled(workspace, placements, advance, stored, stamps) or _placed(
            workspace, placements, advance, stored, places, titles, stamps
        )
        if settled is not None:
            return settled
    placed_in: dict[str, Document | None] = {}  # None: in place, loaded when a format asks
    placed = workspace.all_anchored(placed_in, advance, relist=relist, places=placements)
    every = chosen_annotations(placed, (), documents)  # sorted by all_anchored
    annotations = chosen_annotations(every, tags, ())
    problems = [*workspace.store.problems, *workspace.problems, *_unused(every, tags)]
    keys = dict.fromkeys(a.document for a in annotations)
    documents_of = lambda: (a.document for a in annotations)  # noqa: E731 - said when needed
    loaded = _loaded(workspace, keys, placed_in, problems, documents_of)
    return _export_set(
        workspace,
        annotations,
        loaded,
        problems,
        placements,
        bool(documents),
        codes=tags,
        named=documents,
    )


def collected_for(
    workspace: Workspace,
    export_format: ExportFormat,
    tags: Sequence[str] = (),
    documents: Sequence[str] = (),
    advance: Callable[[], None] = lambda: None,
) -> ExportSet:
    """What ``tui-reader export`` collects for ``export_format`` (see :func:`collect`): the
    corpus files as last listed, the annotations as the format reads them (as stored for one
    writing only the tags, as columns for one rendering from them), placed with what it
    prints (its places and titles, or none)."""
    return collect(
        workspace,
        tags,
        documents,
        advance,
        relist=False,
        tags_only=export_format.tags_only,
        columns=bool(export_format.columns_target),
        places=export_format.places,
        titles=export_format.titles,
    )


def _loaded(
    workspace: Workspace,
    keys: Iterable[str],
    placed_in: dict[str, Document | None],
    problems: list[str],
    documents: Callable[[], Iterable[str]],
) -> dict[str, Document | None]:
    """The document of each of ``keys`` as the pass that placed it left it (``placed_in``:
    None for one in place), else loaded; one that cannot be read is left out and said in
    ``problems`` (those there outside the corpus folder in one line, their annotations
    counted in ``documents()``, the document of each)."""
    from tui_reader.core.analysis.scope import lies_outside, outside_line

    loaded: dict[str, Document | None] = {}
    outside: list[str] = []  # there, outside the corpus folder: one line for them all
    for key in keys:
        try:
            loaded[key] = placed_in[key] if key in placed_in else workspace.document(key)
        except DocumentError as exc:
            if lies_outside(workspace, key):
                outside.append(key)
            elif not is_gone(workspace.path(key)):
                problems.append(str(exc))
            # (a file gone: said with its annotations by orphan_lines, in one line)
    if outside:
        counts = Counter(documents())
        problems.append(outside_line(workspace, {key: counts[key] for key in outside}))
    return loaded


def _export_set(
    workspace: Workspace,
    annotations: list[Annotation],
    loaded: dict[str, Document | None],
    problems: list[str],
    placements: PlacementCache,
    chosen: bool,
    columns: AnnotationColumns | None = None,
    read: dict[str, str] | None = None,
    codes: Sequence[str] = (),
    named: Sequence[str] = (),
    hashes: dict[str, str] | None = None,
) -> ExportSet:
    """The export of ``annotations`` (or ``columns``) lying in ``loaded`` (None: in place,
    loaded when a format asks), with the store's attributes of those documents and of the
    documents ``named`` (``--doc``: one not coded yet too; all when no document was
    ``chosen``), their memos (all when nothing was chosen: a memo of a document not coded
    yet too), the memos of the ``codes`` chosen and the codes below them (all when none
    was) and the caches of their places and texts (``read``: canonical texts of documents
    without pages read just now, by key; ``hashes``: the hash of each, by key)."""
    store = workspace.store
    asked = set(named)
    every = store.attributes()
    attributes = {k: v for k, v in every.items() if k in loaded or k in asked or not chosen}
    memos = [
        m
        for m in store.memos()
        if (
            m.kind != MemoKind.DOCUMENT
            or m.target in loaded
            or m.target in asked
            or not (chosen or codes)
        )
        and (m.kind != MemoKind.CODE or _among(m.target, codes))
    ]
    # The places csv and Markdown print, kept for documents in place; not when a key is not
    # as an export writes it (two keys could then be written alike).
    clean = all(export_line(key) == key for key in loaded)
    turnless = TurnlessTexts(turnless_cache_path(workspace.db) if clean and read else None)
    places = PlacesCache(
        places_cache_path(workspace.db) if clean else None,
        placements,
        read,
        hashes,
        turnless,
        reader=text_reader(workspace),
        contexts=KeptContexts(contexts_cache_path(workspace.db) if clean else None, placements),
        blocks=KeptBlocks(blocks_cache_path(workspace.db) if clean else None, placements),
    )
    in_place = {key for key, document in loaded.items() if document is None}
    pack = TextPack(texts_cache_path(workspace.db))  # opened when a format asks (qdpx)
    texts = PackedTexts(pack, placements, _where(workspace), in_place, _reader(workspace, pack))
    return ExportSet(
        annotations,
        DocumentsOnUse(loaded, workspace.document),
        store.tags(),
        problems,
        attributes,
        memos,
        workspace.db.parent,
        places if clean else None,
        texts if clean else None,
        columns=columns,
        page_urls=functools.partial(saved_page_urls, workspace, loaded),
        languages=functools.partial(document_languages, workspace, loaded),
        authors=functools.partial(document_authors, workspace, loaded),
        keep_facts=workspace.keep_facts,
        attribute_spellings=attribute_spellings(every),
    )


def saved_page_urls(
    workspace: Workspace, documents: Mapping[str, Document | None]
) -> dict[str, tuple[str, str]]:
    """The web address each saved web page of ``documents`` (an .html or .mhtml file, or a
    PDF a browser printed it to; the document when loaded, else None) was saved from (its
    ``url``), and when it was saved (its file's modification time, an ``xsd:dateTime`` in
    UTC), by key: from the facts the library and ``list`` keep of unchanged files, a changed
    or new one read (and its facts kept).  A page that gives none, or none on the web, is
    left out."""
    from tui_reader.core.interchange.w3c import web_address

    found: dict[str, tuple[str, str]] = {}
    for key, metadata, file in _metadata_of(workspace, documents, SAVED_PAGE_FORMATS):
        url = metadata.get("url")
        if isinstance(url, str) and web_address(url):
            try:
                saved = os.stat(file.location).st_mtime
            except OSError:  # gone since it was read: named by its file
                continue
            when = datetime.fromtimestamp(int(saved), UTC)
            found[key] = (url, when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return found


def document_languages(
    workspace: Workspace, documents: Mapping[str, Document | None]
) -> dict[str, str]:
    """The language each document of ``documents`` that says one (a book's ``dc:language``)
    is in, as a BCP 47 tag (:func:`~.w3c.language_tag`; one that is none left out), by key:
    from the facts the library and ``list`` keep of unchanged files, as
    :func:`saved_page_urls` finds a page's address."""
    from tui_reader.core.interchange.w3c import language_tag

    found: dict[str, str] = {}
    for key, metadata, _ in _metadata_of(workspace, documents, _SAY_LANGUAGE):
        tag = language_tag(metadata.get("language"))
        if tag is not None:
            found[key] = tag
    return found


_SAY_LANGUAGE = frozenset({"epub"})  # the formats whose files say their language


def document_authors(
    workspace: Workspace, documents: Mapping[str, Document | None]
) -> dict[str, str]:
    """The author each document of ``documents`` whose file names one says (the details
    show it: a PDF's, a Word document's, an EPUB's, a web page's byline, a Markdown note's
    front matter), on one line through the export gate, by key: from the facts the library
    and ``list`` keep of unchanged files, as :func:`document_languages` finds a language."""
    found: dict[str, str] = {}
    for key, metadata, _ in _metadata_of(workspace, documents, _SAY_AUTHOR):
        author = metadata.get("author")
        shown = export_line(" ".join(author.split())) if isinstance(author, str) else ""
        if shown:
            found[key] = shown
    return found


# the formats whose files may name an author (a plain text's header too: "Author: ...")
_SAY_AUTHOR = frozenset(
    {"docx", "eml", "epub", "html", "markdown", "mhtml", "odt", "pdf", "rtf", "text"}
)


def _metadata_of(
    workspace: Workspace, documents: Mapping[str, Document | None], formats: frozenset[str]
) -> Iterator[tuple[str, Mapping[str, object], CorpusFile]]:
    """The key, metadata and file of each document of ``documents`` in one of ``formats``,
    from the facts the library and ``list`` keep of unchanged files (a changed or new one
    read, its facts kept; one that cannot be read left out)."""
    from tui_reader.core.documents.catalog import scan_facts
    from tui_reader.core.documents.facts import DocumentFacts
    from tui_reader.core.documents.facts_cache import FactsCache
    from tui_reader.locations import facts_cache_path

    files = [
        (key, file)
        for key, file in workspace.keyed_files()
        if key in documents and file.format in formats
    ]
    if not files:
        return
    cache = FactsCache(facts_cache_path(workspace.db))
    where = dict(files)
    for key, facts in scan_facts(
        files, cache, workspace.document, exact=True, loaded=documents.get
    ):
        if isinstance(facts, DocumentFacts):
            yield key, facts.metadata, where[key]
    cache.save()


def _among(code: str, chosen: Sequence[str]) -> bool:
    """Whether ``code`` is one of the ``chosen`` codes or below one (all, when none is): an
    export of some codes holds their memos, not those of the others."""
    return not chosen or any(is_within(code, c.strip("/")) for c in chosen)


def _where(workspace: Workspace) -> Callable[[str], Path | str]:
    """Where the file of a key is: as listed when the listing found it inside the corpus (no
    ``Path`` made: 10,000 of them), else its path."""

    def where(key: str) -> Path | str:
        return workspace.listed_location(key) or workspace.path(key)

    return where


def _reader(workspace: Workspace, pack: TextPack) -> Callable[[str], object]:
    """What reads a document's text into ``pack`` as the corpus search does (made when first
    used: a format that needs no text imports nothing of the search)."""
    made: list[Callable[[str], object]] = []

    def read(key: str) -> object:
        if not made:
            from tui_reader.core.search.corpus import CorpusTexts

            made.append(CorpusTexts(workspace, pack).get)
        return made[0](key)

    return read


def _settled(
    workspace: Workspace,
    placements: PlacementCache,
    advance: Callable[[], None],
    stored: StoredColumns,
    stamps: dict[str, Stamp | None] | None = None,
) -> ExportSet | None:
    """The export of every annotation as the ``stored`` columns, when all are known in
    place (no document loaded or placed, no Annotation made); None otherwise.  ``stamps``:
    given, the stamps of the annotated files taken to tell it are put in it (the look at
    the files in place takes them from it: a ``stat`` a file, not two, every file touched)."""
    begun(CHECKING)  # (the export dialog's line says it: its bar has no count meanwhile)
    if stamps is not None and placements.settled_at(stored.state):
        stamps.update(workspace.annotated_stamps(stored.keys))
    if workspace.nothing_moved(placements, stamps or None, keys=stored.keys) != stored.state:
        return None
    for _ in stored.keys:
        advance()
    problems = [*stored.problems, *workspace.problems]
    loaded: dict[str, Document | None] = dict.fromkeys(stored.keys)
    return _export_set(workspace, [], loaded, problems, placements, False, stored.columns)


def _placed(
    workspace: Workspace,
    placements: PlacementCache,
    advance: Callable[[], None],
    stored: StoredColumns,
    places: bool = True,
    titles: bool = True,
    stamps: dict[str, Stamp | None] | None = None,
) -> ExportSet | None:
    """The export of every annotation as columns, as :func:`placed_columns` places them;
    None when files moved.  ``places``: the texts read are kept for the places the format
    prints; ``titles``: their titles are looked for, the format showing them; ``stamps``:
    the annotated files' stamps taken just now (see :func:`_settled`)."""
    placed = placed_columns(
        workspace, placements, advance, stored, places, titles=titles, stamps=stamps or None
    )
    if placed is None:
        return None
    columns, texts, found, hashes = placed
    problems = [*stored.problems, *workspace.problems]
    # as after the full pass
    loaded = _loaded(workspace, stored.keys, found, problems, lambda: columns.document)
    read = texts if places else None
    return _export_set(
        workspace, [], loaded, problems, placements, False, columns, read, hashes=hashes
    )


class PlacedColumns(NamedTuple):
    """Every annotation placed, as columns, with the texts read (by key), the documents
    loaded to place them (None: found in place from its text) and the hash of each text
    read (by key)."""

    columns: AnnotationColumns
    texts: dict[str, str]
    found: dict[str, Document | None]
    hashes: dict[str, str]


def placed_columns(
    workspace: Workspace,
    placements: PlacementCache,
    advance: Callable[[], None],
    stored: StoredColumns,
    places: bool = True,
    *,
    titles: bool = True,
    stamps: dict[str, Stamp | None] | None = None,
) -> PlacedColumns | None:
    """Every annotation as columns: the ``stored`` rows of each document found in place
    from its text alone (see :mod:`.records_in_place`: no Document built, no Annotation
    made), and the others' annotations placed by the full pass's own steps
    (:meth:`Workspace.anchored_documents`), as the full pass would have placed them all;
    the placement cache learns them, settled when all were in place, and is saved.  None
    when files moved (their annotations re-linked: the full pass places them, once).
    ``places``: the texts read are kept (else dropped as they are read); ``titles``: with
    them, the plain texts' titles are looked for; ``stamps``: the annotated files' stamps
    taken just now, before any read (not taken again)."""
    hashes: dict[str, str] = {}
    # (the titles kept for a format that shows them: see texts_read)
    kept = TextsRead(texts_read_cache_path(workspace.db)) if places and titles else None
    texts, known, rest = placed_texts(
        workspace,
        placements,
        advance,
        stored,
        keep=places,
        titled=places and titles,
        hashes=hashes,
        kept=kept,
        stamps=stamps,
    )
    if kept is not None:
        kept.save({*workspace.keys(), *stored.keys})
    listed_now = not workspace.listing_changed()
    missing, strays = workspace.relink_moved(placements, listed_now=listed_now, keys=stored.keys)
    if workspace.store.state() != stored.state:
        placements.save()  # the entries found, for the full pass
        return None
    found: dict[str, Document | None] = dict.fromkeys([*texts, *known])
    columns, every = stored.columns, True
    if rest:
        away = len(workspace.moved_away)
        placed, every = workspace.anchored_documents(rest, placements, strays, found, advance, {})
        if len(workspace.moved_away) != away:
            # annotations went to a file annotated nowhere (its text's: see _moved_away),
            # no document of these columns: the full pass places them there
            placements.save()
            return None
        columns = columns.with_documents(placed)
    placements.keep_only({*workspace.keys(), *stored.keys})
    placements.settle(stored.state if every and not missing else None)
    placements.save()
    return PlacedColumns(columns, texts, found, hashes)


def _unused(annotations: Sequence[Annotation], tags: Sequence[str]) -> list[str]:
    """A line for each of ``tags`` no annotation has, the first twenty of them
    and then how many more (as report says the codes it does not know)."""
    if not tags:
        return []
    found = tags_found(annotations)
    return capped(
        [
            f"no annotation has the tag {quoted(tag)} (or a tag under it)"
            for tag in tags
            if tag.strip("/") not in found
        ]
    )


def _unplaced(workspace: Workspace, tags: Sequence[str], columns: bool) -> ExportSet | None:
    """The export of a format of tags alone: the stored annotations carrying any of ``tags``
    (their tags are the same wherever they are placed), no document loaded or placed.  None
    when an annotation has a tag the codebook lacks (a database from before used tags joined
    it): placing it would save it and so list the tag, as the placed export then shows.
    ``columns`` (and no tag chosen): as columns from the store's records when each is as an
    annotation keeps it (see :class:`AnnotationColumns`)."""
    store = workspace.store
    codebook = store.tags()
    listed = {tag.name for tag in codebook}
    # the codes' memos, which a codebook carries (QualCoder reads a code's memo from it)
    memos = [m for m in store.memos() if m.kind == MemoKind.CODE and _among(m.target, tags)]
    folder = workspace.db.parent
    checked = CheckedRecords(checked_records_path(workspace.db))
    made = AnnotationColumns.of_store(store, checked) if columns and not tags else None
    if made is not None:
        if not all(listed.issuperset(t) for t in set(made.columns.tags)):
            return None
        problems = [*made.problems, *workspace.problems]
        return ExportSet(
            [],
            {},
            codebook,
            problems,
            memos=memos,
            folder=folder,
            placed=False,
            columns=made.columns,
        )
    stored = store.annotations()
    if not all(listed.issuperset(a.tags) for a in stored):
        return None
    problems = [*store.problems, *workspace.problems, *_unused(stored, tags)]
    annotations = chosen_annotations(stored, tags, ())
    return ExportSet(annotations, {}, codebook, problems, memos=memos, folder=folder, placed=False)


EMPTY_NAME = (
    "the document's name is empty: name a document (a path, or its name in 'tui-reader list')"
)


def resolve_document(workspace: Workspace, name: str, *, any_file: bool = False) -> str:
    """The document key ``name`` means: a key, a path to a file, or a unique file name;
    ``any_file``: a path to a document outside the corpus too (see :class:`DocumentNames`).

    Raises :class:`TuiReaderError` when it names no document, or several."""
    return DocumentNames(workspace, any_file=any_file).key(name)


class DocumentNames:
    """:func:`resolve_document` for many names (an attribute table's 10,000 rows): the
    documents known and their file names gathered once, not at each name (each name looked
    for among every key: an hour at 10,000, quadratic)."""

    def __init__(self, workspace: Workspace, *, any_file: bool = False) -> None:
        """``any_file``: a path to a file of a format read here names that document even
        outside the corpus, as annotate takes it (memo add --doc notes.txt and attr set
        notes.txt, the file right there and the corpus the sample one, were "no such
        document" after annotate notes.txt had coded it)."""
        self.workspace = workspace
        self.any_file = any_file
        self._known: set[str] | None = None  # gathered at the first name (none: no look)
        self._by_file_name: dict[str, list[str]] | None = None
        self._by_stem_name: dict[str, list[str]] | None = None

    def key(self, name: str) -> str:
        """The document key ``name`` means (see :func:`resolve_document`).  A name typed on a
        terminal whose encoding is not UTF-8 (Latin-1's "café.txt", whose "é" came as a byte
        that is no UTF-8) that names nothing names the file its letters name; a name as
        ``list`` and the exports show it, a byte that is no UTF-8 as ``\\xe9``, names that
        file."""
        if not name:  # --doc "$DOC", DOC unset: it was the corpus folder, "not a document"
            raise TuiReaderError(EMPTY_NAME)
        try:
            key = self._key(name)
        except TuiReaderError:
            from tui_reader.core.display import stray_bytes_unescaped

            for other in dict.fromkeys((terminal_text(name), stray_bytes_unescaped(name))):
                if other == name:
                    continue
                try:
                    key = self._key(other)
                except TuiReaderError:
                    continue
                return self._a_document(name, key)
            raise
        return self._a_document(name, key)

    def _a_document(self, name: str, key: str) -> str:
        """``key``, when its file is a document or not there (a deleted file's annotations);
        a socket, a FIFO or a device the listing took for one by its name (``sock.txt``) is
        refused: an export or a query of it gave an empty result without a word; so is a
        name that cannot be looked up (a link round a loop: ``attr set`` and ``memo add``
        gave it attributes and a memo, where ``annotate`` refused it)."""
        try:
            mode = os.stat(self.workspace.path(key)).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return key
        except OSError as exc:
            from tui_reader.core.display import shown_name

            raise TuiReaderError(
                f"{shown_name(clipped(name))}: cannot be read ({exc.strerror})"
            ) from None
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            return key
        from tui_reader.core.display import shown_name

        raise TuiReaderError(f"{shown_name(clipped(name))}: is {file_kind(mode)}, not a document")

    def _key(self, name: str) -> str:
        workspace = self.workspace
        known = self._known
        if known is None:
            known = self._known = set(workspace.keys()) | set(workspace.store.documents())
        if name in known:
            return name
        path = user_path(name)
        if path.exists():
            key = workspace.key(path)
            if key in known:
                return key
            if self.any_file and format_of(path) is not None and path.is_file():
                return workspace.key(path.resolve())  # as annotate keys it: links resolved
        # a name written as a path, not the key's way: ./int-1.txt, interviews//int-1.txt,
        # or interviews\int-1.txt as a Windows spreadsheet writes it
        tidy = _tidy_name(name)
        if tidy in known:
            return tidy
        by_file_name = self._by_file_name
        if by_file_name is None:
            by_file_name = self._by_file_name = {}
            for k in known:
                by_file_name.setdefault(k.rsplit("/", 1)[-1], []).append(k)
        # A key ending in the name (a file name, or folders and a file name) ends in its
        # file name: only those are looked at
        alike = by_file_name.get(tidy.rsplit("/", 1)[-1], ())
        matches = sorted(k for k in alike if k == tidy or k.endswith("/" + tidy))
        if not matches and "/" not in tidy:
            matches = self._by_stem(tidy)
        if not matches:
            moved = self._moved_key(tidy)
            if moved is not None:
                return moved
        return _one_of(workspace, known, name, matches)

    def _moved_key(self, name: str) -> str | None:
        """The new key of the one file this command found moved that ``name`` (tidied)
        names as it was named before (``lit/a.md`` after a pass moved its memo and
        attributes to ``lit/b.md``, said in a line: it was "no such document" though the
        database had it a moment before), None when it names none or several."""
        moved = self.workspace.moved_to()
        if name in moved:
            return moved[name]
        olds = [old for old in moved if old.endswith("/" + name)]
        return moved[olds[0]] if len(olds) == 1 else None

    def _by_stem(self, name: str) -> list[str]:
        """The keys whose file name without its extension is ``name`` (``int-1`` of
        ``interviews/int-1.txt``): a case written so in a table of cases, as ``doc:int-1``
        names it in a query."""
        by_stem = self._by_stem_name
        if by_stem is None:
            by_stem = self._by_stem_name = {}
            for names in (self._by_file_name or {}).values():
                for key in names:
                    stem = PurePosixPath(key).stem
                    if stem != PurePosixPath(key).name:
                        by_stem.setdefault(stem, []).append(key)
        return sorted(by_stem.get(name, ()))


def _tidy_name(name: str) -> str:
    """``name`` (a document as a user or a CSV file writes it) with its folders written as
    a key writes them: no ``./``, no doubled ``/``, ``/`` for a Windows ``\\``; ``name`` itself
    when it leaves the folder (``..``) or is absolute, or tidies to nothing."""
    if "\\" in name and "/" not in name:
        name = name.replace("\\", "/")
    if name.startswith("/") or not name.strip():
        return name
    tidy = posixpath.normpath(name)
    if tidy in (".", "..") or tidy.startswith("../"):
        return name
    return tidy


def _one_of(workspace: Workspace, known: set[str], name: str, matches: list[str]) -> str:
    """The one of ``matches`` (keys ``name`` may mean), else the error saying why not."""
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise TuiReaderError(f"{name}: ambiguous, could be {', '.join(matches)}")
    from tui_reader.core.display import shown, shown_name

    folder = _folder_named(workspace, name)
    if folder is not None:  # it was "no such document", of a folder that is there
        inside = sorted(k for k in known if k.startswith(folder + "/") or folder == ".")
        some = ", ".join(shown(k) for k in inside[:3])
        more = f", and {len(inside) - 3:,} more" if len(inside) > 3 else ""
        held = f"name one of its documents ({some}{more})" if inside else "name a document"
        raise TuiReaderError(f"{shown_name(clipped(name))}: is a folder, not a document; {held}")
    path = user_path(name)
    if path.is_file():
        from tui_reader.core.documents.formats import format_of, unsupported_reason

        if format_of(path) is None:  # said as annotate says it of the same file
            raise DocumentError(clipped(name), unsupported_reason(path.suffix))
        # A file that is there, outside the corpus read (a command run in the documents'
        # folder, no corpus named): it was "no such document", of a file the user sees.
        try:
            workspace.check_inside(path)
        except DocumentError as exc:
            raise DocumentError(clipped(name), exc.reason) from None
    # A.TXT of a.txt: file names are told apart by case, so it is not taken, but named
    folded = _tidy_name(name).casefold()
    alike = sorted(
        k for k in known if k.casefold() == folded or k.casefold().endswith("/" + folded)
    )
    hint = f" (named so in another case: {', '.join(shown(k) for k in alike[:3])})" if alike else ""
    raise TuiReaderError(
        f"{shown_name(clipped(name))}: no such document in the corpus or the database{hint}"
    )


def _folder_named(workspace: Workspace, name: str) -> str | None:
    """The key of the folder ``name`` names (a path, else relative to the corpus, else to the
    database's folder, as a document is looked for), None when it names none."""
    for candidate in (user_path(name), workspace.corpus / name, workspace.db.parent / name):
        with contextlib.suppress(OSError, ValueError):
            if candidate.is_dir():
                return workspace.key(candidate.resolve())
    return None


def with_every_document(
    export: ExportSet, workspace: Workspace, keys: Sequence[str] = ()
) -> ExportSet:
    """``export`` with every document of the corpus (or of ``keys``), those without a passage
    too (a project, qdpx: QualCoder imports each source of a project, and its coders go on
    coding the documents not coded yet).  One that cannot be read is left out and said in
    ``problems``."""
    from tui_reader.core.analysis.scope import lies_outside

    extra: dict[str, Document | None] = {}
    problems = list(export.problems)
    listed = keys or workspace.keys()  # the corpus's documents (a method, not a dict's)
    for key in listed:
        if key in export.documents:
            continue
        try:
            extra[key] = workspace.document(key)
        except DocumentError as exc:
            if not lies_outside(workspace, key):
                problems.append(f"{exc}; not in the project")
    if not extra:
        return export
    given = export.documents
    known: dict[str, Document | None] = {**dict.fromkeys(given), **extra}
    return replace(export, documents=DocumentsOnUse(known, given.__getitem__), problems=problems)


def render(export: ExportSet, format_name: str, options: ExportOptions) -> bytes:
    """The export as the bytes of a file (text formats are UTF-8)."""
    return b"".join(render_parts(export, format_name, options))


def render_parts(export: ExportSet, format_name: str, options: ExportOptions) -> Iterable[bytes]:
    """:func:`render`'s bytes in parts, in order, to be written one after another (a W3C
    export of 100,000 annotations is 150 MB: copied into one, it took a tenth longer); a
    format may make its parts as they are taken (W3C's items: never all held at once)."""
    options = replace(_found_options(export, options), texts=export.texts)
    export_format = get_format(format_name)
    if export_format.web_addresses:
        pages = export.page_urls()
        options = replace(
            options,
            page_urls={key: url for key, (url, _) in pages.items()},
            page_saved={key: saved for key, (_, saved) in pages.items()},
            languages=export.languages(),
        )
    if export.columns is not None:
        data = export_format.render_columns(export.columns, export.documents, export.tags, options)
    else:
        data = export_format.render(export.annotations, export.documents, export.tags, options)
    _keep_what_was_read(export)
    if isinstance(data, str):
        return [data.encode("utf-8")]
    return [data] if isinstance(data, bytes) else data


def _found_options(export: ExportSet, options: ExportOptions) -> ExportOptions:
    """``options`` with what the export found: its attributes, memos, places and folder."""
    return replace(
        options,
        attributes=export.attributes,
        attribute_spellings=export.attribute_spellings,
        memos=export.memos,
        documents_folder=options.documents_folder or export.folder,
        places=export.places,
    )


def _keep_what_was_read(export: ExportSet) -> None:
    """The places, texts and facts an export found, kept for the next one."""
    if export.places is not None:
        export.places.learn_titles(loaded_on_use(export.documents))
        _learn_contexts(export, export.places.contexts)
        export.places.save()  # what the format placed, for the next export
    if export.texts is not None:
        export.texts.save()  # the texts read (qdpx), for the next export and search
    export.keep_facts()  # of the documents read: no second read for the next one


def _learn_contexts(export: ExportSet, kept: KeptContexts) -> None:
    """The W3C contexts of the passages in the documents ``export`` loaded (to place them,
    or for a format that prints their places), kept: a W3C export after it loads none."""
    documents = export.documents
    if isinstance(documents, DocumentsOnUse):
        loaded = {key: documents[key] for key in documents if documents.loaded(key)}
    else:
        loaded = dict(documents)
    if not loaded:
        return
    c = export.columns
    if c is not None:
        rows: Iterable[tuple[str, int, int, str, str, str]] = zip(
            c.document, c.start, c.end, c.prefix, c.suffix, c.status, strict=True
        )
    else:
        ordered = sorted(export.annotations, key=reading_order)
        rows = ((a.document, a.start, a.end, a.prefix, a.suffix, str(a.status)) for a in ordered)
    learn_contexts(rows, loaded, kept)


def render_vault(
    export: ExportSet,
    options: ExportOptions,
    taken: Iterable[str] = (),
    given: Mapping[str, str] | None = None,
) -> Vault:
    """The notes of ``export`` as an Obsidian vault (see :mod:`.obsidian_vault`), placed
    as the Markdown export places its passages; none named as one of ``taken``, each as
    ``given`` names it where it still can be."""
    from tui_reader.core.interchange.obsidian_vault import vault_of

    options = replace(_found_options(export, options), authors=export.authors())
    columns = export.columns
    if columns is None:
        ordered = sorted(export.annotations, key=export_order(options))
        columns = AnnotationColumns.of_annotations(ordered)
    notes = vault_of(columns, export.documents, export.tags, options, taken, given)
    _keep_what_was_read(export)
    return notes


def write_atomically(
    path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = True, synced: bool = True
) -> None:
    """Write ``data`` (bytes, or bytes in parts) to ``path`` through a temp file and a
    rename: never a half-written file.

    With ``overwrite=False`` an existing ``path`` is left alone and :class:`TuiReaderError`
    raised (checked at the last moment, by a hard link that fails if the name is taken).
    ``synced=False``: not flushed to the disk before the rename (the caller syncs many
    files at once: a vault's 10,000 notes took 15 s, one flush each)."""
    from tui_reader.core.display import shown_name

    path = user_path(path).absolute()
    named = shown_name(clipped(str(path)))  # as list shows a name: a line feed as ␊
    problem = special_file_problem(path)
    if problem is not None:
        raise TuiReaderError(f"{named}: {problem}; nothing was written")
    try:
        # The temporary name is the target's, cut so that it fits where the target does
        # (a file name holds 255 bytes; mkstemp adds 8 characters and the suffix).
        short = path.name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{short}.", suffix=".tmp")
    except OSError as exc:
        raise TuiReaderError(f"{named}: cannot write ({exc.strerror})") from exc
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.writelines([data] if isinstance(data, bytes) else data)
            handle.flush()
            if synced:
                os.fsync(handle.fileno())
        if overwrite or not _link_new(tmp, path):
            os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise TuiReaderError(f"{named}: cannot write ({exc.strerror})") from exc
    except BaseException:  # ctrl+c while a big file is written: no half file left hidden there
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _link_new(tmp: str, path: Path) -> bool:
    """Give ``tmp`` the name ``path`` only if that name is free; True when done (``tmp`` is
    then removed).  False when the file system has no hard links: the caller renames."""
    try:
        os.link(tmp, path)
    except FileExistsError as exc:
        os.unlink(tmp)
        raise TuiReaderError(f"{path} exists; not replaced") from exc
    except OSError:
        if path.exists():
            os.unlink(tmp)
            raise TuiReaderError(f"{path} exists; not replaced") from None
        return False
    os.unlink(tmp)
    return True
