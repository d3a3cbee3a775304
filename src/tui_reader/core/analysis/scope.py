"""What an analysis looks at, taken from a workspace: the documents in scope (by name and by
attribute filters), their lengths and attributes, and their coded passages placed in the
current texts.  Shared by ``tui-reader query``, ``tui-reader report`` and the app's views."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, compress, groupby
from operator import itemgetter
from typing import Any, cast

from tui_reader.core.analysis.attributes import DocumentAttributes
from tui_reader.core.analysis.matching import document_test
from tui_reader.core.analysis.scope_first import PlaceFirst, Wanted, placing_order
from tui_reader.core.analysis.scope_records import (
    CodeFilter,
    Passage,
    Record,
    annotations_of,
    are_plain,
    in_reading_order,
    orphaned,
    passages_of,
    placed_only,
)
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.annotations.placement_cache import (
    PlacementCache,
    held_in_place,
    record_fingerprint,
    stamp_of_stat,
)
from tui_reader.core.annotations.placement_cache import Stamp as PlacedStamp
from tui_reader.core.display import shown_name
from tui_reader.core.documents.corpus import CorpusFile
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.facts import (
    QUICK_FORMATS,
    DocumentFacts,
    facts_of,
    quick_facts_text_and_raw,
)
from tui_reader.core.documents.facts_cache import FactsCache
from tui_reader.core.documents.formats import format_of_name
from tui_reader.core.documents.safe_read import FILE_GONE, is_gone, listed_no_link
from tui_reader.core.documents.stamps import Stamp
from tui_reader.core.documents.stamps import stamp_of_stat as stamps_of_stat
from tui_reader.core.errors import DocumentError
from tui_reader.core.interchange import is_orphan
from tui_reader.core.interchange.records_in_place import text_read
from tui_reader.core.wording import SAID_AT_MOST, agreeing, clipped, counted
from tui_reader.core.workspace import Workspace
from tui_reader.locations import facts_cache_path, placement_cache_path, sample_corpus


@dataclass
class Scope:
    """Documents in scope (key -> text length) and their placed annotations (orphans, which
    have no place in a current text, are counted in ``orphans`` and left out).

    The annotations of a document known in place are kept as the store's records
    (:mod:`~tui_reader.core.analysis.scope_records`) until asked for: :attr:`annotations`
    builds them all, :meth:`passages` what reports read, :meth:`carrying` only those with
    some codes."""

    lengths: dict[str, int]
    attributes: DocumentAttributes
    orphans: int = 0  # placed nowhere in their document's current text (the text changed)
    orphan_coders: Counter[str] = field(default_factory=Counter)  # those orphans' coders
    problems: list[str] = field(default_factory=list)
    unread: int = 0  # annotated documents that could not be read (their passages left out)
    unread_records: int = 0  # records of the database that could not be read (among problems)
    # The annotations of those documents, left out for want of a text, not counted in
    # ``orphans``: those whose file is gone, and those whose file is there but unreadable.
    gone: int = 0
    unreadable: int = 0
    # The line among the problems that says the annotated documents of the database lying
    # outside the corpus read, not in scope ("": none).
    outside: str = ""
    # The files gone (as shown), each with its annotations left out: said once each, by
    # :func:`left_out_lines`, not also as a problem reading them.
    gone_files: dict[str, int] = field(default_factory=dict)
    # The codes of each of those annotations, by file (as shown): a query no code of theirs
    # could match does not count them among those left out.
    gone_tags: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # What is said of each of those files (as shown): :func:`missing_file`'s words.
    gone_words: dict[str, str] = field(default_factory=dict)
    # Where the annotations were placed, by document, as the scope found them (current for
    # every document in it): places cached for them can be trusted (see places_in_text).
    placements: PlacementCache | None = None
    # Each document's placed annotations in scope order: built, or records (plain, in place).
    parts: list[list[Annotation] | list[Record]] = field(default_factory=list)
    default_coder: str = ""  # the coder of records that name none
    # Every document of the corpus and the database, in scope or not: what doc:NAME can name.
    known: list[str] = field(default_factory=list)
    # How many documents the names asked for (all when none) and the filters let in (read or
    # not): none is no result of the coding, but filters that leave nothing to look at.
    selected: int = 0
    _built: list[Annotation] | None = field(default=None, repr=False, compare=False)

    def orphans_of(self, coders: Collection[str] | None) -> int:
        """How many orphans ``coders`` made (all of them: None), as the coding on show is
        told: only mine, or ``--coder ben``, has no other coder's orphans."""
        if coders is None:
            return self.orphans
        return sum(self.orphan_coders[coder] for coder in set(coders))

    @property
    def count(self) -> int:
        """How many placed annotations are in scope (none built to count them)."""
        return sum(map(len, self.parts))

    def count_by(self, coder: str) -> int:
        """How many placed annotations in scope ``coder`` made (none built to count them)."""
        count = 0
        for built, run in self._runs():
            if built:
                count += sum(a.coder == coder for a in cast(list[Annotation], run))
            else:
                records = cast(list[Record], run)
                count += sum(str(r.get("coder") or self.default_coder) == coder for r in records)
        return count

    def coded_documents(self, coder: str | None = None) -> int:
        """How many documents in scope hold a placed annotation (of ``coder`` when given);
        none built to count them."""
        if coder is None:
            return sum(1 for part in self.parts if part)
        count = 0
        for part in self.parts:
            if _is_built(part):
                count += any(a.coder == coder for a in cast(list[Annotation], part))
            else:
                records = cast(list[Record], part)
                count += any(str(r.get("coder") or self.default_coder) == coder for r in records)
        return count

    @property
    def annotations(self) -> list[Annotation]:
        """Every placed annotation in scope, in order: by document, then reading order."""
        if self._built is None:
            self._built = self.carrying(None)
        return self._built

    def carrying(self, codes: frozenset[str] | None) -> list[Annotation]:
        """:attr:`annotations` that carry one of ``codes`` or a code below one (all when
        None), in order; records are built only when they do."""
        found: list[Annotation] = []
        wanted = None if codes is None else CodeFilter(codes)
        for built, run in self._runs():
            if built:
                objects = cast(list[Annotation], run)
                found.extend(objects if wanted is None else wanted.annotations(objects))
            else:
                records = cast(list[Record], run)
                if wanted is not None:
                    records = wanted.records(records)
                found.extend(annotations_of(records, self.default_coder))
        return found

    def annotations_from(self, stored: Callable[[], Mapping[str, Annotation]]) -> list[Annotation]:
        """:attr:`annotations`, those kept as records taken from ``stored()`` (the store's own
        annotations, by id: a record kept is one in place, as the store holds it) instead of
        built again, which took 100,000 of them seconds; a record not there is built.
        ``stored`` is called once, when a record is met (none: no look-up made)."""
        found: list[Annotation] = []
        by_id: Mapping[str, Annotation] | None = None
        for built, run in self._runs():
            if built:
                found.extend(cast(list[Annotation], run))
                continue
            by_id = stored() if by_id is None else by_id
            for record in cast(list[Record], run):
                annotation = by_id.get(record.get("id"))  # type: ignore[arg-type]
                if annotation is None:
                    annotation = Annotation.from_record(record, self.default_coder)
                found.append(annotation)
        return found

    def uncoded(self, names: Sequence[str]) -> list[str]:
        """Those of ``names`` (codes) that no passage in scope carries, nor a code below
        them; in one pass over the passages, however many names."""
        if not names:
            return []
        carried = {t for a in self.carrying(frozenset(names)) for t in a.tags}
        return [n for n in names if not any(t == n or t.startswith(n + "/") for t in carried)]

    def passages(self) -> list[Passage | Annotation]:
        """What reports read of each placed annotation in scope (document, place, codes), in
        the order of :attr:`annotations`, without building those kept as records."""
        found: list[Passage | Annotation] = []
        for built, run in self._runs():
            found.extend(
                cast(list[Annotation], run)
                if built
                else passages_of(cast(list[Record], run), self.default_coder)
            )
        return found

    def so_far(self) -> Scope:
        """A copy of this scope as it is while its passages are placed (the placing goes on
        with the original): what it holds so far, its places not known current for all."""
        return replace(
            self,
            lengths=dict(self.lengths),
            problems=list(self.problems),
            gone_files=dict(self.gone_files),
            gone_tags=dict(self.gone_tags),
            gone_words=dict(self.gone_words),
            placements=None,
            parts=list(self.parts),
            _built=None,
        )

    def _runs(self) -> Iterator[tuple[bool, list[Any]]]:
        """The parts' annotations in order, in runs of built ones and of records (one pass
        in C over each run, not one per document)."""
        for built, parts in groupby(self.parts, key=_is_built):
            yield built, list(chain.from_iterable(parts))


def _is_built(part: list[Annotation] | list[Record]) -> bool:
    return bool(part) and isinstance(part[0], Annotation)


def attribute_lookup(workspace: Workspace, cache: FactsCache | None = None) -> DocumentAttributes:
    """The attributes of the workspace's documents: the user's, then the format's (from the
    facts kept of a document when they are exact, as the library's filter takes them, else
    from those of a plain text or Markdown file read, else from the document loaded).
    ``cache``: the facts cache to take them from and keep them in (its caller saves it)."""
    return DocumentAttributes(workspace.store.attributes(), _FormatFacts(workspace, cache))


class _FormatFacts:
    """A document's exact facts, for what its format tells of it (title, words, ...),
    without loading it where the facts cache or one read of its file gives them: a
    ``--where words>1500`` over 10,000 documents no cache knew loaded each one."""

    def __init__(self, workspace: Workspace, cache: FactsCache | None = None) -> None:
        self.workspace = workspace
        self._cache = cache

    def __call__(self, key: str) -> Document | DocumentFacts:
        location = self.workspace.listed_location(key)
        fmt = format_of_name(location) if location is not None else None
        if location is not None and fmt is not None:
            if self._cache is None:
                self._cache = FactsCache(facts_cache_path(self.workspace.db))
            with listed_no_link():  # made a link since: loaded (below), looked at
                kept = self._cache.current(key, location)  # (touched: its bytes hashed)
            if kept is not None and kept.exact:
                return kept
            facts = None
            if fmt in QUICK_FORMATS:
                try:
                    with listed_no_link():
                        facts, _text, stamp, raw = quick_facts_text_and_raw(location, fmt)
                except (ValueError, DocumentError):
                    facts = None
                if facts is not None and facts.exact:
                    self._cache.put(key, stamp, facts, raw)
                    return facts
        return self.workspace.document(key)  # (says why it cannot be read)


# The two counts of placing the passages, each named as a progress line shows it, with what
# it counts: on a corpus whose files moved, the files read for their text to find the moved
# ones first, then the documents placed (one label for both ran a count to its end and
# began it again from 0)
READING_MOVED = "Reading the files to find the moved ones"
PLACING = "Placing the coded passages"
COUNTED = {READING_MOVED: "files", PLACING: "documents"}

StepProgress = Callable[[int, str], Callable[[], None]]
"""``progress(total, step)``: a count of ``total`` begins (``step``: :data:`READING_MOVED` or
:data:`PLACING`); returns what to call as each is done."""


class ScopeCancelled(Exception):
    """The placing stopped as asked (the view that wanted it closed); what the caches
    learnt of the documents placed so far is kept."""


def load_scope(
    workspace: Workspace,
    documents: Sequence[str] = (),
    where: Sequence[str] = (),
    progress: StepProgress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    first: PlaceFirst | None = None,
    placed_first: Callable[[Scope, Wanted | None], None] = lambda _scope, _codes: None,
) -> Scope:
    """The corpus documents named in ``documents`` (keys; all when empty) that pass every
    filter of ``where`` (attribute filters: ``country=Mexico``, ``age>30``, ``doc:NAME``).

    A document whose file is unchanged since its length was last read (the facts cache) and
    whose annotations are known to be in place in it (the placement cache) is not loaded:
    10,000 documents need not be read for their lengths, nor their annotations built.  Any
    other is loaded and placed, and both caches learn it for next time.  ``progress``,
    given how many documents are in scope and :data:`PLACING` (or the files read to find
    moved ones and :data:`READING_MOVED`, first), returns what to call as each is done (a
    bar: 10,000 documents not known yet take seconds).  ``cancelled()`` is asked before each
    document is placed: once true, :class:`ScopeCancelled` is raised.  Codes asked of
    ``first`` meanwhile (a query typed while the passages are placed) have the documents
    whose records carry them placed first, then ``placed_first`` given the scope so far
    (:meth:`Scope.so_far`) and those codes, while the rest are placed; a look asked of
    ``first`` gives ``placed_first`` the scope so far and None, once a document is placed."""
    moves = _moves(workspace)
    scope = _load_scope(workspace, documents, where, progress, cancelled, first, placed_first)
    if _moves(workspace) != moves:
        # Placing a document sent annotations to another one (its old text moved to
        # archive/a.txt, two files that exchanged names, a file gone found again): the
        # records read at the start, or a document placed before, miss them.  Read again
        # (nothing moves a second time).
        scope = _load_scope(workspace, documents, where, None, cancelled)
    return scope


def _step(progress: StepProgress, step: str, total: int) -> Callable[[], None]:
    return progress(total, step)


def _moves(workspace: Workspace) -> tuple[int, int, int]:
    """How many annotations the workspace sent to another document so far, in what ways."""
    return sum(workspace.moved.values()), len(workspace.exchanged), len(workspace.moved_away)


def _load_scope(
    workspace: Workspace,
    documents: Sequence[str],
    where: Sequence[str],
    progress: StepProgress | None,
    cancelled: Callable[[], bool],
    first: PlaceFirst | None = None,
    placed_first: Callable[[Scope, Wanted | None], None] = lambda _scope, _codes: None,
) -> Scope:
    """:func:`load_scope`, once."""
    workspace.refresh_files()
    reading = None if progress is None else partial(_step, progress, READING_MOVED)
    missing = _relinked(workspace, reading)  # first: filters see the attributes moved
    facts = FactsCache(facts_cache_path(workspace.db))
    attributes = attribute_lookup(workspace, facts)
    known_keys = list(dict.fromkeys([*workspace.keys(), *workspace.store.documents()]))
    tests = [document_test(w, attributes, known_keys) for w in where]
    keys = known_keys
    if documents:
        keys = [k for k in keys if k in set(documents)]
    keys = [k for k in keys if all(test(k) for test in tests)]
    unread_records = list(workspace.store.problems)
    scope = Scope(
        {},
        attributes,
        problems=unread_records,
        unread_records=len(unread_records),
        known=known_keys,
        selected=len(keys),
    )
    known = _KnownPlaces(workspace, missing, facts)
    scope.default_coder = known.default_coder
    advance = progress(len(keys), PLACING) if progress is not None else _nothing
    outside: dict[str, int] = {}  # documents of the database outside the corpus: annotations
    said_missing: Callable[[str], str] | None = None  # (asked of the store once, if ever)
    for key in placing_order(
        keys,
        first,
        known.stored,
        lambda codes: placed_first(scope.so_far(), codes),
        lambda: placed_first(scope.so_far(), None),
    ):
        if cancelled():
            known.save()
            raise ScopeCancelled
        advance()
        stamps = known.stamps(key)  # before any load
        cached = known.placed(key, stamps)
        if cached is None:
            cached = known.read(key, stamps)
        if cached is not None:
            scope.lengths[key], placed = cached
            if placed and isinstance(placed[0], Annotation):
                built = placed
                lost = [a.coder for a in built if a.status == AnchorStatus.ORPHAN]
                scope.orphans += len(lost)
                scope.orphan_coders.update(lost)
                scope.parts.append([a for a in built if a.status != AnchorStatus.ORPHAN])
            else:
                records = cast(list[Record], placed)
                orphans = orphaned(records)
                scope.orphans += sum(orphans)
                if any(orphans):
                    scope.orphan_coders.update(
                        str(r.get("coder") or scope.default_coder)
                        for r in compress(records, orphans)
                    )
                scope.parts.append(placed_only(records, orphans))
            continue
        try:
            document = workspace.document(key)
            anchored = workspace.anchored(key, missing)
        except DocumentError as exc:
            found = workspace.store.annotations(key)
            annotated = len(found)
            if annotated and lies_outside(workspace, key):  # said once for them all
                outside[key] = annotated
            elif annotated:
                scope.unread += 1
                if not is_gone(workspace.path(key)):
                    scope.problems.append(str(exc))
                    scope.unreadable += annotated
                else:
                    said_missing = said_missing or missing_file(workspace)
                    path = str(workspace.path(key))
                    scope.gone += annotated
                    scope.gone_files[path] = annotated
                    scope.gone_tags[path] = [a.tags for a in found]
                    scope.gone_words[path] = said_missing(key)
            continue
        known.learn(key, stamps, document, anchored)
        scope.lengths[key] = len(document.text)
        documents_map = {key: document}
        kept = [a for a in anchored if not is_orphan(a, documents_map)]
        scope.orphans += len(anchored) - len(kept)
        if len(kept) < len(anchored):
            held = {id(a) for a in kept}
            scope.orphan_coders.update(a.coder for a in anchored if id(a) not in held)
        scope.parts.append(kept)
    known.save()
    if outside:
        scope.outside = outside_line(workspace, outside)
        scope.problems.append(scope.outside)
    scope.problems.extend(workspace.problems)
    scope.placements = known.placements
    return scope


def _relinked(
    workspace: Workspace, progress: Callable[[int], Callable[[], None]] | None = None
) -> list[str]:
    """The annotated documents whose file is gone (found once, not once per document),
    once the annotations, memo and attributes of each file moved have followed it, as an
    export moves them first (:meth:`Workspace.relink_moved`): to a file of the same text,
    or, moved and edited at once (a corpus taken to another folder, a file corrected
    there), to the one new file holding its passages, which placing document by document
    never looks for (``progress``: the files read for their text, when any is gone)."""
    return workspace.follow_moved(progress)  # the corpus listed just before


def left_out_lines(
    scope: Scope, gone: Collection[str] | None = None, coders: Collection[str] | None = None
) -> list[str]:
    """What was left out of ``scope`` and why, a line per cause: annotations whose file is
    gone (a line per file, naming it; ``gone``: those of the files a query could have
    matched, when not all), whose file could not be read (each file said among the
    problems), and orphans of a text that changed (``coders``' alone, when given)."""
    orphans = scope.orphans_of(coders)
    lines = gone_lines(scope, gone)
    if scope.unreadable:
        lines.append(
            f"{counted(scope.unreadable, 'annotation')} left out (their file could not be read)"
        )
    if orphans:
        lines.append(
            f"{counted(orphans, 'orphaned annotation')} left out "
            "(their passage is not in the current text)"
        )
    return lines


NO_FILE = "no such file (moved, deleted or never here?)"


def missing_file(workspace: Workspace) -> Callable[[str], str]:
    """What is said of a document whose file is not there, by its key: :data:`FILE_GONE` of
    one the store knows was read here (its reading position, or its text's hash kept: see
    :mod:`~tui_reader.core.store.position_records`), else :data:`NO_FILE`, true of a file
    never here too: the records imported for a document the user never had said its file
    was gone."""
    store = workspace.store
    here = {*store.reading_positions(), *store.texts_remembered()}
    return lambda key: FILE_GONE if key in here else NO_FILE


def gone_lines(scope: Scope, files: Collection[str] | None = None) -> list[str]:
    """A line for each file of ``scope`` that is gone (of ``files``, when given), naming it
    and what it left out (past :data:`~tui_reader.core.wording.SAID_AT_MOST` files, one more
    line for the rest)."""
    gone = [(p, n) for p, n in scope.gone_files.items() if files is None or p in files]
    lines = [
        f"{clipped(shown_name(path))}: {scope.gone_words.get(path, FILE_GONE)}: "
        f"{counted(count, 'annotation')} left out"
        for path, count in gone[:SAID_AT_MOST]
    ]
    if rest := gone[SAID_AT_MOST:]:
        left = sum(count for _, count in rest)
        lines.append(
            f"{counted(len(rest), 'more file')} gone: {counted(left, 'annotation')} left out"
        )
    return lines


def left_out_note(
    scope: Scope, gone: Collection[str] | None = None, coders: Collection[str] | None = None
) -> str:
    """:func:`left_out_lines` said briefly, for a heading: ' · 2 left out (file gone)'
    (``gone``: of the files a query could have matched, when not all; ``coders``: the
    orphans of those alone, when given)."""
    orphans = scope.orphans_of(coders)
    files = scope.gone if gone is None else sum(scope.gone_files.get(p, 0) for p in gone)
    parts = [
        f"{files} left out (file gone)" if files else "",
        f"{scope.unreadable} left out (unreadable)" if scope.unreadable else "",
        f"{orphans} orphaned left out" if orphans else "",
    ]
    return "".join(f" · {p}" for p in parts if p)


def _nothing() -> None:
    pass


def lies_outside(workspace: Workspace, key: str) -> bool:
    """Whether the file of ``key`` is there, outside the corpus folder (not read: one line
    says so for them all); a file gone is said as the document's own problem, and so is a
    file of the corpus folder that is a link to one outside it (``a.txt`` replaced by a link
    to ``/etc/passwd``), named as list and search name it: it was said to lie outside the
    corpus folder "(they are in" the corpus folder itself "): name their corpus folder"."""
    path = workspace.path(key)
    try:
        workspace.check_inside(path)
    except DocumentError:
        if is_gone(path):
            return False
        # its folder resolved, not the link itself (the listing follows no folder's link)
        named = os.path.join(os.path.realpath(path.parent), path.name)
        return not named.startswith(os.path.join(workspace.corpus.resolve(), ""))
    return False


def outside_line(workspace: Workspace, outside: dict[str, int]) -> str:
    """One line for the documents of the database that lie outside the corpus folder (a
    command run without naming the corpus, the database's documents in another folder): a
    line each was thousands of lines, and their annotations were counted as orphans."""
    paths = [str(workspace.path(key)) for key in outside]
    try:
        folder = os.path.commonpath([os.path.dirname(p) for p in paths])
    except ValueError:  # on different drives
        folder = ""
    where = f" (they are in {folder})" if folder else ""
    lie = agreeing(len(outside), "lies", "lie")
    if workspace.corpus == sample_corpus().resolve():  # nothing named a corpus
        lie = f"{lie} outside the sample corpus, read as no corpus was named{where}: not read"
        how = "name the corpus: PATH or --corpus DIR"
    else:
        lie = f"{lie} outside the corpus folder {workspace.corpus}{where}: not read"
        how = "name their corpus folder to read them"
    return (
        f"{counted(len(outside), 'document')} of the database, with "
        f"{counted(sum(outside.values()), 'annotation')}, {lie}; {how}"
    )


# What re-anchoring reads of a record to leave it where it is (see held_in_place).
_PLACE_FIELDS = ("start", "end", "status", "doc_sha256", "quote")


class _KnownPlaces:
    """Lengths of unchanged files (the facts cache) and annotations known in place in them
    (the placement cache), for documents not to load."""

    def __init__(self, workspace: Workspace, missing: list[str], facts: FactsCache) -> None:
        self.workspace = workspace
        self.facts = facts
        self.placements = PlacementCache(placement_cache_path(workspace.db))
        self.stored: dict[str, list[Record]] | None = None
        self.default_coder = ""
        # Whether the database is as it was when a pass found every annotated document in
        # place, and their files as they were then (no fingerprint needed: see settle()).
        self.settled = False
        self.state: tuple[int, ...] | None = None
        self.in_place = 0  # annotated documents found in place without a load
        self._stamps: dict[str, tuple[Stamp, PlacedStamp | None] | None] = {}
        self._listed: dict[str, CorpusFile] | None = None
        # Whether every stored record is plain (are_plain), asked once after the first
        # document is placed (the query screen shows it before any pass over every record).
        self._all_plain: bool | None = None
        self._asked_plain = False
        # Each document's annotations as the store holds them built, when nothing moved since
        # a pass found them all in place: taken as they are, no record looked at, as an
        # export takes them (Workspace.settled_annotations).  Checking 100,000 records to
        # keep them unbuilt cost the app, which holds them built, 0.3 s to 0.5 s of CPU.
        self.built: dict[str, list[Annotation]] | None = None
        if not missing:  # else annotations may move to other documents (re-linked): load
            built = workspace.store.built_by_document()
            self.state = workspace.store.state()
            if built is not None and self._settled_on(built):
                self.settled, self.built = True, built
                return
            self.stored, self.default_coder = workspace.store.records_by_document()
            self.state = workspace.store.state()
            self.settled = self._settled_on(self.stored)

    def _settled_on(self, stored: Mapping[str, object]) -> bool:
        """Whether the database is in a state a pass found every annotated document
        (``stored``'s keys) in place in, their files as they were then."""
        if self.state is None or not self.placements.settled_at(self.state):
            return False
        stamps = {key: self.stamps(key) for key in stored}
        placed = {key: None if s is None else s[1] for key, s in stamps.items()}
        return self.placements.settled(self.state, placed)

    def stamps(self, key: str) -> tuple[Stamp, PlacedStamp | None] | None:
        """The stamps of ``key``'s file (the facts cache's, the placement cache's) when the
        listing found it inside the corpus; None else (it is loaded, and checked then).
        Looked at once."""
        if key in self._stamps:
            return self._stamps[key]
        found = None
        location = self.workspace.listed_location(key)
        if location is not None and os.access(location, os.R_OK):  # else loaded: it says why
            try:
                st = os.stat(location)  # once for both stamps
                found = stamps_of_stat(st), stamp_of_stat(st)
            except (OSError, ValueError):
                pass
        self._stamps[key] = found
        return found

    def placed(
        self, key: str, stamps: tuple[Stamp, PlacedStamp | None] | None
    ) -> tuple[int, list[Annotation] | list[Record]] | None:
        """The length of ``key``'s text and its annotations as placing them gives them
        (their records when plain, else built), when both are known for the file of
        ``stamps`` without loading it; None otherwise."""
        if (self.stored is None and self.built is None) or stamps is None:
            return None
        facts = self.facts.get(key, stamps[0])
        if facts is None or not facts.exact:
            return None
        if self.built is not None:  # settled: each as the store holds it
            annotations = self.built.get(key)
            return self._found(facts.length, annotations) if annotations else (facts.length, [])
        assert self.stored is not None
        records = self.stored.get(key)
        if not records:
            return facts.length, []
        if self._plain(records):
            plain = in_reading_order(records)
            if self.settled:  # nothing moved since a pass found them all in place
                return self._found(facts.length, plain)
            mark = record_fingerprint(plain)
            if mark is not None:
                in_place = self.placements.fingerprint_in_place(key, stamps[1], mark)
                return self._found(facts.length, plain if in_place else None)
        current = self.workspace.store.annotations(key)  # records that read otherwise: built
        in_place = not current or self.settled
        in_place = in_place or self.placements.in_place(key, stamps[1], current)
        return self._found(facts.length, current if in_place else None)

    def _plain(self, records: Sequence[Record]) -> bool:
        """:func:`are_plain` of one document's stored records: after the first document asked,
        the whole table asked once (in C: 0.1 s at 100,000 where a call per document cost 0.2 s),
        any part of plain records being plain; each document on its own when they are not all."""
        if self._all_plain is None and self._asked_plain and self.stored is not None:
            self._all_plain = are_plain(list(chain.from_iterable(self.stored.values())))
        self._asked_plain = True
        return bool(self._all_plain) or are_plain(records)

    def read(
        self, key: str, stamps: tuple[Stamp, PlacedStamp | None] | None
    ) -> tuple[int, list[Record]] | None:
        """The length of ``key``'s text and its records (in reading order), read from its
        file as the library reads a plain text or Markdown file (its facts exact; when the
        facts cache has them, its text alone, as an export reads it) when re-anchoring would
        leave every record where it is (:func:`held_in_place`): no Document built, no
        Annotation made, as an export places them (both caches learn it).  None when it is
        to be loaded (another format, records that do not read plainly or not in place, a
        file that cannot be read so: its load says why)."""
        if self.stored is None or stamps is None or stamps[1] is None:
            return None
        location = self.workspace.listed_location(key)
        file = self._files().get(key)
        if location is None or file is None or file.format is None:
            return None
        records = self.stored.get(key, [])
        plain: list[Record] = []
        mark = None
        if records:
            if not self._plain(records):
                return None
            plain = in_reading_order(records)
            mark = record_fingerprint(plain)
            if mark is None:
                return None
        if file.format not in QUICK_FORMATS:  # converted: its facts kept when touched alone
            with listed_no_link():
                kept = self.facts.current(key, location)
            if kept is None or not kept.exact:
                return None
            return self._kept_in_place(key, stamps, kept, mark, plain)
        known = self.facts.get(key, stamps[0])
        text: str | None
        raw = ""
        if known is not None and known.exact and known.sha256 and mark is not None:
            read = text_read(file, stamps[1], titled=False)  # its title is the facts'
            if read is None or read.sha != known.sha256:
                return None
            facts, text = known, read.text
        else:
            try:
                with listed_no_link():  # made a link since: loaded, where it leads looked at
                    found = quick_facts_text_and_raw(location, file.format, self.facts, key)
            except DocumentError:
                return None
            facts, text, _, raw = found
            if text is None and facts.exact:
                # Its file touched since its facts were kept, its bytes those they were found
                # in (kept under its stamp now): its text is the one of their hash, not read
                # again; its records in place when they were last placed, as they are, on
                # that text.
                return self._kept_in_place(key, stamps, facts, mark, plain)
        if text is None:
            return None
        if mark is not None:
            columns = (list(map(itemgetter(name), plain)) for name in _PLACE_FIELDS)
            if not held_in_place(text, facts.sha256, *columns):
                return None
            self.placements.put_mark(key, stamps[1], facts.sha256, mark, facts.title)
            self.in_place += 1
        if facts is not known:
            self.facts.put(key, stamps[0], facts, raw)
        return facts.length, plain

    def _kept_in_place(
        self,
        key: str,
        stamps: tuple[Stamp, PlacedStamp | None],
        facts: DocumentFacts,
        mark: str | None,
        plain: list[Record],
    ) -> tuple[int, list[Record]] | None:
        """What :meth:`read` gives of a file whose bytes are those ``facts`` were found in
        (kept under its stamp now: :meth:`FactsCache.touched`): its length and its records
        ``plain``, whose places (``mark``) are kept under its new stamp when they were last
        placed as they are on the text of those facts; None when they were not (loaded)."""
        if mark is not None:
            if not (
                self.placements.placed_with(key, mark)
                and self.placements.placed_sha256(key) == facts.sha256
            ):
                return None
            self.placements.put_mark(key, stamps[1], facts.sha256, mark, None)
            self.in_place += 1
        return facts.length, plain

    def _files(self) -> dict[str, CorpusFile]:
        """Each listed file, by key (found once; no symbolic link)."""
        if self._listed is None:
            self._listed = {k: f for k, f in self.workspace.keyed_files() if not f.link}
        return self._listed

    def _found(
        self, length: int, placed: list[Annotation] | list[Record] | None
    ) -> tuple[int, list[Annotation] | list[Record]] | None:
        if placed is None:
            return None
        self.in_place += 1
        return length, placed

    def learn(
        self,
        key: str,
        stamps: tuple[Stamp, PlacedStamp | None] | None,
        document: Document,
        placed: list[Annotation],
    ) -> None:
        """What loading ``key`` (``document``, from the file of ``stamps``) and placing its
        annotations found (a file changed meanwhile has another stamp next time: a miss)."""
        if stamps is None:
            self.placements.put(key, None, document.sha256, placed)  # not known in place
            return
        self.facts.put(key, stamps[0], facts_of(document), document.source_sha256)
        if placed:
            title, source = document.title, document.source_sha256
            self.placements.put(key, stamps[1], document.sha256, placed, title, source)

    def save(self) -> None:
        """Save both caches; when every annotated document was found in place and the
        database did not change meanwhile, mark it settled: the next scope needs no
        fingerprint (as an export's pass marks it: PlacementCache.settle)."""
        annotated = self.stored if self.built is None else self.built
        if (
            annotated is not None
            and self.in_place == len(annotated)
            and self.state is not None
            and self.workspace.store.state() == self.state
        ):
            self.placements.settle(self.state)
        self.facts.save()
        self.placements.save()
