"""A workspace ties a corpus folder to its annotation store: documents, keys, re-anchoring.

Document keys are paths relative to the database file's folder (see
:func:`tui_reader.locations.document_key`); offsets are code points, half-open.
"""

from __future__ import annotations

import collections
import contextlib
import datetime
import errno
import functools
import itertools
import operator
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.core import digests
from tui_reader.core.annotations.coder_view import CoderView
from tui_reader.core.annotations.model import AnchorStatus, Annotation, reading_order
from tui_reader.core.annotations.placement_cache import PlacementCache, stamp_of, stamp_of_stat
from tui_reader.core.annotations.placement_cache import Stamp as PlacementStamp
from tui_reader.core.documents.document import Document, load_document
from tui_reader.core.documents.formats import format_of_name, format_of_text
from tui_reader.core.documents.safe_read import not_there
from tui_reader.core.documents.stamps import Stamp, file_stamp
from tui_reader.core.errors import DocumentError, LockBusy, StoreError
from tui_reader.core.store.annotation_store import AnnotationStore
from tui_reader.core.store.lock_wait import holder_text
from tui_reader.core.wording import counted
from tui_reader.locations import (
    RealPaths,
    document_key,
    facts_cache_path,
    key_of_resolved,
    listing_cache_path,
    not_document_folders,
    not_documents,
    placement_cache_path,
    project_folder,
    real_path,
    sample_corpus,
    text_hashes_path,
)

if TYPE_CHECKING:
    from tui_reader.core.documents.corpus import CorpusFile
    from tui_reader.core.documents.facts import DocumentFacts
    from tui_reader.core.documents.text_hashes import TextHashes
    from tui_reader.core.search.corpus import CorpusTexts

DOCUMENT_CACHE_SIZE = 8  # loaded documents kept (a 50 MB text is worth keeping, not hoarding)
DOCUMENT_CACHE_CHARS = 64_000_000  # and at most this much text in all (code points)
# A moved and edited file is found by its passages' quotes when they hold this many
# characters at least (a few short words, "Pentagon", are in any file)
QUOTES_TO_TELL = 24
QUOTES_LOOKED_FOR = 9  # of a gone file's passages, the longest quotes looked for in a new file
# A file written this long before a passage was made may still be the one it was made on
# (a file system's times are coarse; another machine's clock a little off)
_CLOCKS_APART_NS = 2_000_000_000


def _newest_moment_ns(annotations: list[Annotation]) -> int:
    """When the newest of ``annotations`` was made (or last changed), in nanoseconds since
    the epoch, less :data:`_CLOCKS_APART_NS`; 0 when no time of theirs can be read."""
    newest = 0
    for annotation in annotations:
        for moment in (annotation.created, annotation.updated):
            try:
                when = datetime.datetime.fromisoformat(moment)
            except (TypeError, ValueError):
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=datetime.UTC)
            newest = max(newest, int(when.timestamp() * 1_000_000_000))
    return max(0, newest - _CLOCKS_APART_NS)


def _holds(text: str, passages: list[Annotation], at_least: int = QUOTES_TO_TELL) -> bool:
    """Whether ``text`` holds more than half of ``passages`` (one of each quote, the longest
    first), ``at_least`` characters of them (looked for until the half can no longer be
    reached): a quote word for word, or edited (a typo fixed in it) found as re-anchoring
    finds it in an edited text (:func:`_found_edited`)."""
    held, missed = 0, 0
    for passage in passages:
        quote = passage.quote
        if quote in text or _held_composed(quote, text) or _found_edited(passage, text):
            held += len(quote)
        else:
            missed += 1
            if 2 * missed >= len(passages):
                return False
    return held >= at_least


def _held_composed(quote: str, text: str) -> bool:
    """Whether ``text`` holds ``quote`` when both are read composed (NFC): its accents
    written otherwise (é as one code point, or e and U+0301 as a Mac or a PDF writes it), a
    copy of the same text (a colleague's file, this one saved on a Mac) that held nothing."""
    from tui_reader.core.search.composed import composed_form, is_composed

    composed = _composed(text)  # the text itself when composed already (checked once)
    if composed is text and is_composed(quote):
        return False
    return composed_form(quote) in composed


@functools.lru_cache(maxsize=2)  # a file's passages looked for one after another: once
def _composed(text: str) -> str:
    from tui_reader.core.search.composed import composed_form

    return composed_form(text)


_EDGE = 16  # code points of a passage's edges, or of its surroundings', one of which an
# edited copy of it must still hold word for word before it is looked for approximately


def _found_edited(passage: Annotation, text: str) -> bool:
    """Whether ``text`` holds ``passage`` edited: found approximately, in its own
    surroundings, as re-anchoring finds a passage of an edited text (never a look-alike
    elsewhere: :func:`~tui_reader.core.annotations.anchoring.locate`).  Looked for only when
    an edge of the quote or of its surroundings is in ``text`` word for word (a file with
    none of it is no edited copy, and costs no approximate search)."""
    quote = passage.quote
    if len(quote) < _EDGE:
        return False  # (approximate matching leaves short quotes alone)
    edges = (quote[:_EDGE], quote[-_EDGE:], passage.prefix[-_EDGE:], passage.suffix[:_EDGE])
    if not any(len(edge) == _EDGE and edge in text for edge in edges):
        return False
    from tui_reader.core.annotations.anchoring import locate

    place = locate(passage, text)
    return place is not None and place.status is AnchorStatus.FUZZY


def _longest_quotes(annotations: Iterable[Annotation]) -> list[Annotation]:
    """One passage of each quote of ``annotations``, the :data:`QUOTES_LOOKED_FOR` longest
    quotes, longest first: what tells a file holding them."""
    by_quote: dict[str, Annotation] = {}
    for annotation in annotations:
        if annotation.quote:
            by_quote.setdefault(annotation.quote, annotation)
    longest = sorted(by_quote, key=len, reverse=True)[:QUOTES_LOOKED_FOR]
    return [by_quote[quote] for quote in longest]


SAMPLES_KEPT = 8  # pieces of a text kept to find its file edited (see text_samples)
SAMPLE_LENGTH = 40


def text_samples(text: str) -> list[str]:
    """:data:`SAMPLES_KEPT` pieces of ``text``, :data:`SAMPLE_LENGTH` characters each, spread
    evenly over it (those of blank space left out): a file moved and edited at once keeps
    most of them word for word, where its hash changed; [] for a text too short to tell."""
    if len(text.strip()) < SAMPLES_KEPT * SAMPLE_LENGTH // 2:
        return []
    step = max((len(text) - SAMPLE_LENGTH) // (SAMPLES_KEPT - 1), 1)
    pieces = (text[at : at + SAMPLE_LENGTH] for at in range(0, len(text), step))
    return list(dict.fromkeys(p for p in pieces if len(p.strip()) >= SAMPLE_LENGTH // 2))[
        :SAMPLES_KEPT
    ]


def _holds_samples(text: str, samples: list[str]) -> bool:
    """Whether ``text`` holds more than half of ``samples`` word for word."""
    return bool(samples) and 2 * sum(piece in text for piece in samples) > len(samples)


def _by_document(annotations: list[Annotation]) -> dict[str, list[Annotation]]:
    """Annotations sorted by reading order, by document."""
    return {
        key: list(group)
        for key, group in itertools.groupby(annotations, key=operator.attrgetter("document"))
    }


# The most files one exchange of names goes round (a.txt -> b.txt -> ... -> a.txt): each a
# document read to know its text
_MOST_EXCHANGED = 50


def _name(key: str) -> str:
    """A document key's file name (keys are written with ``/``)."""
    return key.rpartition("/")[2]


def stands_for(key: str, gone: list[str], names: frozenset[str]) -> str | None:
    """Of the files ``gone`` (in order), each gone and made on the text ``key``'s file
    holds, the one that file stands for: the one of its name (a corpus taken to another
    folder: lit/a.pdf is papers/a.pdf, though papers/b.pdf holds the same text), else the
    first whose name no listed file bears (``names``: a file renamed); None when each is
    named as another listed file, which stands for it."""
    name = _name(key)
    for old in gone:
        if _name(old) == name:
            return old
    for old in gone:
        if _name(old) not in names:
            return old
    return None


@contextlib.contextmanager
def _released(lock: threading.Lock) -> Iterator[None]:
    """``lock``, taken already, released as the context ends."""
    try:
        yield
    finally:
        lock.release()


class Workspace:
    """The corpus at ``corpus`` and the annotation store at ``db``."""

    def __init__(
        self,
        corpus: Path,
        db: Path,
        store: AnnotationStore | None = None,
        *,
        coder: str | None = None,
    ) -> None:
        """``coder``: who works in it (default: as locations.py decides); the store records
        them on what they annotate."""
        self.corpus = Path(corpus).resolve()
        self.db = real_path(db)  # a link loop left as it is, for the store to say
        self.store = store if store is not None else AnnotationStore(self.db, coder=coder)
        if self.corpus == sample_corpus().resolve():  # no corpus named: the project's own
            found = project_folder(self.store.named_documents(), self.db.parent)
            self.corpus = self.corpus if found is None else found
        self.coder_view = CoderView()  # whose annotations the app shows (all, mine, one coder)
        self.problems: list[str] = []  # e.g. re-anchored positions that could not be saved
        # Annotations placed anew (re-anchored, re-linked) that a read-only database did not
        # keep: how many (a command says so only when there are some)
        self.unsaved_read_only = 0
        # Annotations of files no longer there moved to a file of the same text, by (the key
        # they had, the key they have now): how many (a command says so when it ends)
        self.moved: dict[tuple[str, str], int] = {}
        # Of those moves, the ones to a file found by the passages' quotes (edited as it moved)
        self.moved_edited: set[tuple[str, str]] = set()
        # Of those, the ones from a name of the same file through a symbolic link (the corpus
        # moved to another disk, a link left in its place) to the name the listing gives it
        self.moved_aliased: set[tuple[str, str]] = set()
        # Files that exchanged names (a.txt <-> b.txt, or round a ring: a.txt -> b.txt ->
        # c.txt -> a.txt), each group once, its keys in order: their annotations, memos and
        # attributes went each to the key its text has now (a command says so)
        self.exchanged: set[tuple[str, ...]] = set()
        # Of :attr:`moved`, those from a file that holds another text now (see _moved_away)
        self.moved_away: set[tuple[str, str]] = set()
        # A file that holds another text now whose annotations stayed where they were, since
        # more than one new file holds the text they were made on: its key -> (how many
        # annotations, those files) (a command says so: nothing moved, no orphan unsaid)
        self.not_moved_away: dict[str, tuple[int, tuple[str, ...]]] = {}
        # gone files with no annotation whose memo and attributes went to the one file
        # holding most of their text's pieces (edited as they moved): old key -> new key
        self.followed_edited: dict[str, str] = {}
        # gone files with no annotation whose memo and attributes went to a file of the same
        # text: old key -> new key (a command says so, as it says annotations that moved)
        self.followed: dict[str, str] = {}
        self._coded: tuple[tuple[int, ...], dict[str, set[str]]] | None = None  # _coded_on's
        self._documents: OrderedDict[str, tuple[Stamp, Document]] = OrderedDict()
        # The facts of each document read since they were last kept (keep_facts): they come
        # with the reading, and spare the next command that needs them (a W3C export's saved
        # pages' addresses, list) a second conversion.
        self._read_facts: dict[str, tuple[Stamp, DocumentFacts]] = {}
        # The facts of every document read, kept (not only until keep_facts): the library's
        # scan, which works from the facts cache as it was when it started, takes them from
        # here (:meth:`facts_read`), not from a second read of each file (the query view read
        # 10,000 documents while the scan stepped aside: on its return it read them again)
        self._facts_read: dict[str, tuple[Stamp, DocumentFacts]] = {}
        self._lock = threading.RLock()
        self._load_locks: dict[str, threading.Lock] = {}
        self._keys: dict[str, str] = {}  # resolving a path costs system calls: once per path
        self._paths: dict[str, Path] = {}  # and making a Path costs: once per key
        self._files: list[tuple[str, CorpusFile]] | None = None  # listed when first asked for
        self._readable: list[str] = []  # keys of the listed files of a supported format, in order
        self._inside: dict[str, str] = {}  # key -> location of a listed file that is no link
        self._links: dict[str, str] = {}  # key -> location of a listed symbolic link to it
        self._unreadable: list[str] = []
        self._listing = threading.Lock()  # one listing at a time; a reader waits for it
        # While the first listing reads the first bytes of plain texts for our exports: the
        # keys it found before, the locations of those inside, and the texts not read yet
        # (see keys_to_search); set once they are known, or the listing has ended.
        self._early: tuple[list[str], dict[str, str], set[str]] | None = None
        self._early_known = threading.Event()
        # The listing an earlier run kept, its folders' times as then (see keys_to_search):
        # looked for once (False: not yet); the one written or found in the cache file last.
        self._foretold: tuple[list[str], dict[str, str]] | bool | None = False
        self._kept_as: tuple[list[str], dict[str, int]] | None = None
        self._listed: set[str] = set()  # listed files that are no symbolic link: inside
        self._folders: dict[str, int] = {}  # each folder listed -> its mtime_ns then
        self._generation = 0  # how many listings were made (each one's number)
        # The os.stat of files the last listing took, by location, and that listing's number
        # (see take_listing_stats).
        self._stats: tuple[int, dict[str, os.stat_result]] = (0, {})
        # The files gone and their annotations, for placing one document after another (the
        # reading view): kept while the store, the listing and its folders stay as they were.
        self._strays: tuple[tuple[object, ...], _Strays] | None = None
        # The names of the files listed but those gone (_names), for the listing and the
        # files gone they were found for.
        self._kept_names: (
            tuple[list[tuple[str, CorpusFile]], tuple[str, ...], frozenset[str]] | None
        ) = None
        self._corpus_texts: CorpusTexts | None = None  # made when first asked for
        self._hashes: TextHashes | None = None  # the texts' hashes by file, when first asked

    @property
    def corpus_texts(self) -> CorpusTexts:
        """The documents' texts the corpus search keeps between searches (each read once, and
        again when its file changes), made when first asked for.  The workspace's own, let go
        with it: kept in a table of the search screen keyed by the workspace, they held it, and
        so every workspace of a process, its store, its facts and its texts' map of the pack,
        one more for each app run in it."""
        texts = self._corpus_texts
        if texts is None:
            from tui_reader.core.search.corpus import CorpusTexts

            with self._lock:
                texts = self._corpus_texts
                if texts is None:
                    texts = self._corpus_texts = CorpusTexts(self)
        return texts

    @property
    def files(self) -> list[CorpusFile]:
        """The corpus files, as listed last (listed when first asked for)."""
        return [f for _, f in self.keyed_files()]

    @property
    def unreadable_folders(self) -> list[str]:
        """A message for each folder that could not be read at the last listing."""
        self._listed_once()
        return self._unreadable

    def keyed_files(self) -> list[tuple[str, CorpusFile]]:
        """``(document key, file)`` of every file (of any format) as listed last, in corpus
        order (listed when first asked for: making a workspace lists nothing, so the app can
        list in a worker)."""
        return list(self._listed_once())

    def _listed_once(self) -> list[tuple[str, CorpusFile]]:
        """The last listing, made now if there is none yet (not copied: the corpus search
        asks for each of 10,000 documents' places, and a copy of 10,000 costs 20 µs)."""
        files = self._files
        if files is None:
            with self._listing:
                files = self._files
                if files is None:
                    files = self._list()
        return files

    def refresh_files(self) -> list[CorpusFile]:
        """Re-list the corpus folder (files added, moved or deleted)."""
        with self._listing:
            return [f for _, f in self._list()]

    @property
    def listing_generation(self) -> int:
        """The number of the last listing (0: none yet): another part of the app that listed
        again (the corpus search does) shows in it."""
        return self._generation

    def listing_changed(self) -> bool:
        """Whether a file was added, removed or renamed in the corpus since the last listing
        (a folder's modification time changed, or a folder went), or a folder that could not
        be read can be now (the corpus folder back, a drive mounted again): one ``stat`` per
        folder listed.  False before the first listing."""
        from tui_reader.core.documents.corpus import NOT_LISTED, folder_listable

        for folder, mtime in list(self._folders.items()):
            if mtime == NOT_LISTED:
                if folder_listable(folder):
                    return True
                continue
            try:
                if os.stat(folder).st_mtime_ns != mtime:
                    return True
            except OSError:
                return True
        return False

    def _list(self) -> list[tuple[str, CorpusFile]]:
        # (the corpus module loads with the first listing: a first screen does not wait for it)
        from tui_reader.core.documents.corpus import (
            UncheckedTexts,
            keyed_files,
            list_corpus_files,
        )

        unreadable: list[str] = []
        folders: dict[str, int] = {}
        stats: dict[str, os.stat_result] = {}
        # a first listing: its plain texts' first bytes read once the search can begin
        unchecked = UncheckedTexts() if self._files is None else None
        try:
            files = list_corpus_files(
                self.corpus,
                exclude=not_documents(self.db),
                exclude_folders=not_document_folders(),
                unreadable=unreadable,
                folders=folders,
                unchecked=unchecked,
                stats=stats,
            )
            keyed = keyed_files(files, self.db)  # no Path made: a listing of 10,000 makes none
            readable = [key for key, f in keyed if f.format is not None]
            inside = {key: f.location for key, f in keyed if not f.link}
            if unchecked:
                self._early = (readable, inside, unchecked.paths)
                self._early_known.set()
                exports = unchecked.read()
                if exports:
                    files = [f for f in files if f.location not in exports]
                    keyed = [(key, f) for key, f in keyed if f.location not in exports]
                    readable = [key for key, f in keyed if f.format is not None]
                    inside = {key: f.location for key, f in keyed if not f.link}
        finally:
            self._early = None
            self._early_known.set()  # (a reader waiting for the first keys: they are known)
        links = {key: f.location for key, f in keyed if f.link}
        with self._lock:
            self._keys.update((f.location, key) for key, f in keyed)
            self._listed = {f.location for f in files if not f.link}
            self._readable, self._inside, self._links = readable, inside, links
        self._unreadable = unreadable  # a folder that cannot be read, named
        self._folders = folders
        self._generation += 1
        self._stats = (self._generation, stats)
        self._files = keyed
        return keyed

    def listed_folders(self) -> dict[str, int]:
        """Each folder the last listing read, with its modification time (ns) then
        (:data:`~tui_reader.core.documents.corpus.NOT_LISTED`: it could not be read)."""
        return dict(self._folders)

    def take_listing_stats(self, generation: int) -> dict[str, os.stat_result]:
        """The ``os.stat`` of files the listing numbered ``generation`` took as it listed
        them, by location (those it looked at: see
        :func:`~tui_reader.core.documents.corpus.list_corpus_files`), when it is the last
        listing, else none; given once (then let go)."""
        made, stats = self._stats
        if made != generation or not stats:
            return {}
        self._stats = (made, {})
        return stats

    def key(self, path: Path) -> str:
        """The document key of the file at ``path``."""
        where = str(path)  # a Path's text is normalized (and kept by it): a listed location
        key = self._keys.get(where)
        if key is None:
            key = self._keys[where] = document_key(Path(path), self.db)
        return key

    def path(self, key: str) -> Path:
        """The file a document key names.

        Keys are made from resolved paths (see :meth:`key`) and the database path is resolved,
        so joining them and folding ``..`` away names the same file without a system call."""
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = Path(os.path.normpath(os.path.join(self.db.parent, key)))
        return path

    def _location(self, key: str) -> Path | str:
        """:meth:`path` of ``key``, as text when no Path was made for it (making one for
        each of 10,000 files named took 0.3 s of a memo listed)."""
        return self._paths.get(key) or os.path.normpath(os.path.join(self.db.parent, key))

    def may_be_listed(self, key: str) -> bool:
        """Whether the listing would show the file of ``key`` as a document to open, asked of
        the file alone (no listing): a file of a supported format below the corpus folder, in
        no hidden folder, not the database or one of its files, nor an export of ours or a
        note of a vault of ours (:func:`~tui_reader.core.documents.corpus.written_by_us`)."""
        from tui_reader.core.documents.corpus import vault_notes_folder

        excluded = frozenset(map(str, not_documents(self.db)))
        return self._may_be_listed(key, excluded, os.path.realpath, vault_notes_folder)

    def named_documents(self) -> Callable[[Path], bool]:
        """A test of the files a command line names (a shell's ``docs/*.txt``): whether each
        is a document the listing would show (:meth:`may_be_listed` of its :meth:`key`), for
        many files at once: each folder resolved once, the database's own files made once,
        for the test's life (one command's reading of the names it was given).  20,000 files
        named resolved every folder above each three times and made the database's files
        again for each: three quarters of an export of one passage."""
        from tui_reader.core.documents.corpus import exports_known, vault_notes_folder

        resolve = RealPaths()
        within = real_path(self.db).parent
        excluded = frozenset(map(str, not_documents(self.db)))
        notes_here = functools.cache(vault_notes_folder)  # a look per folder, not per file
        exports = exports_known(os.path.realpath(self.corpus))  # the listing's, kept

        def is_document(path: Path) -> bool:
            where = str(path)
            key = self._keys.get(where)
            if key is None:  # as key() makes it (RealPaths.key: document_key's)
                key = self._keys[where] = resolve.key(path, within)
            return self._may_be_listed(key, excluded, resolve.folder, notes_here, exports)

        return is_document

    def _may_be_listed(
        self,
        key: str,
        excluded: frozenset[str],
        resolved: Callable[[str], str],
        notes_here: Callable[[str], bool],
        exports: Callable[[str], tuple[set[str], int] | None] | None = None,
    ) -> bool:
        """:meth:`may_be_listed` of ``key``, ``excluded`` the paths of the database's files,
        ``resolved`` what resolves a folder (``os.path.realpath``), ``notes_here`` whether
        a folder may hold a note of a vault of ours and ``exports`` the plain texts of ours
        a folder is known to hold (:func:`~tui_reader.core.documents.corpus.exports_known`).
        The file's path is :meth:`path`'s as text (no Path made for each of 20,000 files
        named)."""
        from tui_reader.core.documents.corpus import system_litter, written_by_us

        where, corpus = str(self._location(key)), str(self.corpus)
        if where.startswith(corpus) and where[len(corpus) : len(corpus) + 1] == os.sep:
            rel = where[len(corpus) + 1 :]  # (both absolute and normal: relpath's answer)
        else:
            rel = os.path.relpath(where, corpus)
        parts = rel.split(os.sep)
        if rel.startswith("..") or any(p.startswith(".") or p == "__pycache__" for p in parts):
            return False
        if parts[-1].startswith("~$") or system_litter(parts[-1]):  # see list_corpus_files
            return False
        if format_of_name(parts[-1]) is None or where in excluded:
            return False
        folder = os.path.dirname(where)
        if not os.path.isfile(where) or resolved(folder) != folder:
            return False
        return not written_by_us(where, notes_here, exports)

    def keys(self) -> list[str]:
        """Keys of the corpus files tui-reader can read (supported formats), in corpus order."""
        self._listed_once()
        return list(self._readable)  # found once per listing (10,000 paths: 0.2 s)

    def keys_to_search(self) -> tuple[list[str], set[str], bool]:
        """:meth:`keys`, for a search that reads each file's bytes, the locations of the
        plain texts among them it is to tell our Markdown exports from by their first bytes
        itself (:func:`~tui_reader.core.documents.corpus.own_markdown_head`): none once the
        corpus was listed, and whether the keys are the listing an earlier run kept.  While
        the first listing reads those bytes (every plain text's, at a first start: 8,000 of
        the benchmark's 10,000 files), the keys it found before: the corpus search asked at
        start waited for that reading, though it reads them all.  Before the first listing
        has found its names, the listing kept by :meth:`keep_listing` when its folders' times
        are as they were (:mod:`~tui_reader.core.documents.kept_listing`): the search asked at
        start with the texts kept waited for the listing (0.3 s of 10,000 files), which most
        often lists them again in the same order; its caller compares them with
        :meth:`keys` once the search has ended."""
        if self._files is None and self._early is None:
            foretold = self._kept_listing()
            if foretold is not None and self._files is None:
                return list(foretold[0]), set(), True
        if self._files is None and self._listing.locked():
            self._early_known.wait()  # the first listing's names, or its end
        early = self._early
        if self._files is None and early is not None:
            return list(early[0]), early[2], False
        return self.keys(), set(), False

    def _kept_listing(self) -> tuple[list[str], dict[str, str]] | None:
        """The listing an earlier run kept, when its folders' times are as they were then,
        looked for once (see :meth:`keys_to_search`)."""
        foretold = self._foretold
        if foretold is False:
            from tui_reader.core.documents.kept_listing import kept_listing

            found = kept_listing(listing_cache_path(self.db), str(self.corpus))
            if found is not None:
                self._kept_as = (found[0], {})  # (its folders as they are: not written again)
            foretold = self._foretold = found
        assert foretold is not True
        return foretold

    def keep_listing(self) -> None:
        """Keep the last listing for the next run's first search (see
        :meth:`keys_to_search`) when it is not the one kept already; quiet (a cache)."""
        if self._files is None:
            return
        with self._lock:
            keys, inside, folders = list(self._readable), dict(self._inside), dict(self._folders)
        kept = self._kept_as
        if kept is not None and kept[0] == keys and (not kept[1] or kept[1] == folders):
            return
        from tui_reader.core.documents.kept_listing import keep_listing

        path = listing_cache_path(self.db)
        if keep_listing(path, str(self.corpus), keys, inside, folders):
            self._kept_as = (keys, folders)

    def listed_location(self, key: str) -> str | None:
        """Where the file of document ``key`` lies, as listed, when the last listing found it
        below the corpus folder and no symbolic link (inside: no check needed); else ``None``.
        (While the first listing reads its plain texts' first bytes, as it had found it.)"""
        early = self._early
        if self._files is None and early is not None:
            return early[1].get(key)
        foretold = self._foretold
        if self._files is None and isinstance(foretold, tuple):  # the listing kept, as then
            return foretold[1].get(key)
        self._listed_once()
        return self._inside.get(key)

    def document(self, key: str) -> Document:
        """The document ``key`` names, loaded once and re-loaded when its file changes.

        Raises :class:`DocumentError` naming the file and the problem; a key that leads
        outside the corpus (``../.ssh/id_rsa``, ``/etc/passwd``, a link out) is never read."""
        path = self.path(key)
        self._check_key_inside(key, path)
        try:
            return self._loaded_document(key, path)
        except DocumentError as exc:
            link = self._links.get(key)
            if link is None:
                raise
            # said of the link the listing found it by, as list and search say it: autocode
            # named where a link that leads nowhere leads ("c/x: No such file or directory")
            reason = exc.reason
            if not os.path.exists(link):
                reason = not_there(link, FileNotFoundError(errno.ENOENT, "not there"))
            raise DocumentError(link, reason) from exc

    def _loaded_document(self, key: str, path: Path) -> Document:
        """:meth:`document` of ``key``, whose file is ``path``, inside the corpus."""
        with self._lock:
            key_lock = self._load_locks.setdefault(key, threading.Lock())
        # One load per key at a time: two threads asking for a 50 MB document at once (the
        # library scan and the reader, say) must share one copy of its text, not make two.
        with key_lock:
            stamp = file_stamp(path)
            with self._lock:
                cached = self._documents.get(key)
                if cached is not None and cached[0] == stamp:
                    self._documents.move_to_end(key)
                    return cached[1]
                self._documents.pop(key, None)  # never hold a stale copy beside the new one
            # read: inside the corpus now (a file made a link out since the listing, which
            # the check of document() took as it was then)
            self._check_key_inside(key, path, trust_listing=False)
            document = load_document(path)
            from tui_reader.core.documents.facts import facts_of

            with self._lock:
                self._documents[key] = (stamp, document)
                read = self._read_facts[key] = (stamp, facts_of(document))
                self._facts_read[key] = read
                self._documents.move_to_end(key)
                self._evict()
            return document

    def keep_facts(self) -> None:
        """Put the facts of the documents read since last asked into the facts cache the
        library, ``list`` and the exports read (quiet: a cache only saves time)."""
        with self._lock:
            read, self._read_facts = self._read_facts, {}
        if not read:
            return
        from tui_reader.core.documents.facts_cache import FactsCache

        cache = FactsCache(facts_cache_path(self.db))
        hashes = self._text_hashes()
        for key, (stamp, facts) in read.items():
            cache.put(key, stamp, facts)
            hashes.put(str(self.path(key)), stamp, facts.sha256, facts.title)
        cache.save()
        hashes.save()

    def _text_hashes(self) -> TextHashes:
        """The hashes of the texts by file, shared by every database (see
        :mod:`~tui_reader.core.documents.text_hashes`), made when first asked for."""
        hashes = self._hashes
        if hashes is None:
            from tui_reader.core.documents.text_hashes import TextHashes

            with self._lock:
                hashes = self._hashes
                if hashes is None:
                    hashes = self._hashes = TextHashes(text_hashes_path())
        return hashes

    def facts_read(self, key: str) -> tuple[Stamp, DocumentFacts] | None:
        """The facts of document ``key`` as its file was when this workspace last read it,
        with that file's stamp (the caller compares it with the file's now); ``None`` when it
        read none."""
        with self._lock:
            return self._facts_read.get(key)

    def loading(self, key: str) -> bool:
        """Whether a thread is loading document ``key`` now (another asking for it waits for
        that load and shares its copy)."""
        with self._lock:
            key_lock = self._load_locks.get(key)
        return key_lock is not None and key_lock.locked()

    def claim(self, key: str) -> contextlib.AbstractContextManager[None] | None:
        """The lock of ``key``'s loads, taken, released as the context returned ends (read
        the file within it: a load of the document meanwhile waits, not reading the file
        beside it), or None when a thread is loading it now."""
        with self._lock:
            key_lock = self._load_locks.setdefault(key, threading.Lock())
        return _released(key_lock) if key_lock.acquire(blocking=False) else None

    def loaded(self, key: str) -> Document | None:
        """The document ``key`` names if it is loaded and its file unchanged, else None (no
        file is read: the library takes an open document's facts from it, not from a second
        read of a 50 MB file beside the first).  A document not loaded costs no look at its
        file: the library's first scan asks of each of 10,000 files before reading it."""
        with self._lock:
            cached = self._documents.get(key)
        if cached is None:
            return None
        try:
            stamp = file_stamp(self.path(key))
        except DocumentError:
            return None
        return cached[1] if cached[0] == stamp else None

    def stamp_of_loaded(self, key: str, document: Document) -> Stamp | None:
        """The stamp ``key``'s file had when ``document`` was read from it (its file now
        when the cache let it go), or None when the file cannot be read: what tells the
        reading view its text went stale."""
        with self._lock:
            cached = self._documents.get(key)
        if cached is not None and cached[1] is document:
            return cached[0]
        try:
            return file_stamp(self.path(key))
        except DocumentError:
            return None

    def check_inside(self, path: Path, *, trust_listing: bool = True) -> None:
        """Raise :class:`DocumentError` unless ``path`` lies inside the corpus folder
        (``trust_listing``: a file the last listing found there, no link, is taken as there
        still, without a look: see :meth:`check_key_inside`)."""
        if trust_listing and str(path) in self._listed:  # below the corpus folder, no link
            return
        try:
            inside = path.resolve().is_relative_to(self.corpus.resolve())
        except (OSError, RuntimeError):  # a symlink loop
            inside = False
        if not inside:  # a link to itself (a loop) lies nowhere: said as the listing says it
            try:
                os.stat(path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    raise DocumentError(path, os.strerror(errno.ELOOP)) from exc
        if not inside and not os.path.lexists(path):  # gone: it was said to lie outside
            raise DocumentError(path, os.strerror(errno.ENOENT))  # as a file gone inside is
        if not inside:
            from tui_reader.core.documents.corpus import OUTSIDE_CORPUS, not_a_file
        if not inside and (unread := not_a_file(path)) is not None:
            # a link to /dev/zero or a FIFO: said to be what it is, as list and search say it
            # (moved into the corpus, it would be no more read)
            raise DocumentError(path, unread)
        if not inside and self.corpus == sample_corpus().resolve():
            # nothing named a corpus: a project's documents were "outside the corpus", with
            # no word of which corpus was read, nor how to name the right one
            raise DocumentError(
                path,
                "is outside the sample corpus, read as no corpus was named; not read "
                "(name the corpus: PATH or --corpus DIR)",
            )
        if not inside:
            raise DocumentError(path, OUTSIDE_CORPUS)

    def check_key_inside(self, key: str) -> None:
        """Raise :class:`DocumentError` unless the file of ``key`` lies inside the corpus
        folder now, resolved, whatever the last listing found: as it is read.  A document
        made a link to a file outside (``a.txt`` to ``/etc/passwd``), or whose folder was made
        one, since the listing, was read through it, and the app reopening it on show showed
        the file outside."""
        self._check_key_inside(key, self.path(key), trust_listing=False)

    def _check_key_inside(self, key: str, path: Path, *, trust_listing: bool = True) -> None:
        """:meth:`check_inside` of the file of ``key`` (at ``path``), said of the link the
        listing found it by, when it was found by one: autocode named the file a link in the
        corpus leads to (``/home/ana/elsewhere/notes.txt``, ``/dev/zero``), where list and
        search name the link (``notes.txt``), the name the user sees in the corpus."""
        try:
            self.check_inside(path, trust_listing=trust_listing)
        except DocumentError as exc:
            link = self._links.get(key)
            if link is None:
                raise
            raise DocumentError(link, exc.reason) from exc

    def _evict(self) -> None:
        """Keep at most DOCUMENT_CACHE_SIZE documents and DOCUMENT_CACHE_CHARS code points of
        text (the newest document always stays), so scanning a corpus of big files does not
        hoard them all."""
        total = sum(len(doc.text) for _, doc in self._documents.values())
        while len(self._documents) > 1 and (
            len(self._documents) > DOCUMENT_CACHE_SIZE or total > DOCUMENT_CACHE_CHARS
        ):
            _, (_, oldest) = self._documents.popitem(last=False)
            total -= len(oldest.text)

    def anchored(self, key: str, missing: list[str] | None = None) -> list[Annotation]:
        """The annotations of document ``key`` placed in its current text (sorted by start).

        Positions that moved are saved; annotations of a file that disappeared and whose text
        is this document's are re-linked to it (``missing``: :meth:`missing_keys`, when the
        caller found them once for many documents).  Raises :class:`DocumentError` when the
        document cannot be read."""
        return self.anchored_in(self.document(key), key, missing)

    def anchored_in(
        self, document: Document, key: str, missing: list[str] | None = None
    ) -> list[Annotation]:
        """:meth:`anchored` in ``document``, a text of ``key`` already loaded (the one the
        reading view shows)."""
        if missing is not None:
            strays = _Strays(self.store, missing, self._names(missing))
            return self._anchored(document, key, strays)
        strays = self._kept_strays()
        placed = self._anchored(document, key, strays)
        with self._lock:  # what this placing saved is already in the strays it took from
            if self._strays is not None and self._strays[1] is strays:
                self._strays = (self._strays_stamp(), strays)
        return placed

    def _strays_stamp(self) -> tuple[object, ...]:
        return (self.store.state(), self._generation)

    def _kept_strays(self) -> _Strays:
        """The strays of the files gone, found once for document after document: again only
        when the store changed, the corpus was listed again or a listed folder changed (a
        file gone is then seen at once).  Before any listing, or with a damaged store, they
        are found each time (every annotated file looked at: 10,000 files, ~45 ms)."""
        stamp = self._strays_stamp()
        with self._lock:
            kept = self._strays
        listed = self._files is not None and not self.listing_changed()
        if (
            kept is not None
            and not kept[1].spoiled
            and kept[0] == stamp
            and stamp[0] is not None
            and listed
        ):
            return kept[1]
        # A file the listing found is there while no listed folder changed (a file deleted
        # changes its folder): only the others are looked at.
        missing = self.missing_keys(listed_now=listed)
        unannotated = self.gone_unannotated(listed_now=listed) if missing else {}
        gone = [*missing, *itertools.chain.from_iterable(unannotated.values())]
        # The names are read only to take a missing file's strays: none missing, none made
        # (10,000 listed files: about 6 ms at the first document's placing).
        names = self._names(gone) if missing else frozenset()
        strays = _Strays(self.store, missing, names, unannotated)
        with self._lock:
            self._strays = (stamp, strays) if self._files is not None else None
        return strays

    def _anchored(
        self,
        document: Document,
        key: str,
        strays: _Strays,
        current: list[Annotation] | None = None,
    ) -> list[Annotation]:
        """``key``'s annotations placed in ``document``; ``current``: the store's annotations
        of ``key`` when the caller has them (read again if any moved into it)."""
        # Loaded with the first placing (after a first screen, which places nothing itself).
        from tui_reader.core.annotations.anchoring import reanchor

        if self._relink(document.sha256, key, strays) or current is None:
            current = self.store.annotations(key)
        placed = [reanchor(a, document.text, document.sha256) for a in current]
        if (
            placed
            and all(p.status is AnchorStatus.ORPHAN for p in placed)
            and (
                self._exchange(key, document.sha256, current)
                or self._moved_away(key, document.sha256, current)
            )
        ):
            current = self.store.annotations(key)
            placed = [reanchor(a, document.text, document.sha256) for a in current]
        saved = {
            a.id: a
            for a in self._save([(a, p) for p, a in zip(placed, current, strict=True) if p != a])
        }
        placed = [saved.get(p.id, p) for p in placed]
        placed.sort(key=reading_order)
        return placed

    def _may_exchange(self, key: str, sha256: str, ours: Sequence[Annotation]) -> bool:
        """Whether ``key``'s annotations ``ours``, known placed in its text (of hash
        ``sha256``), are orphans every one, made on another text, and another document's
        annotations were made on this one: its file and others may have exchanged names since
        (see :meth:`_exchange`).  Kept so, the exchange was never looked for again (its
        orphans in place): an exchange refused while another process saved, or orphans
        placed before rings of names were looked for."""
        if not ours or any(a.status is not AnchorStatus.ORPHAN for a in ours):
            return False
        made_on = {a.doc_sha256 for a in ours} - {""}
        if not made_on or sha256 in made_on or self.store.read_only:
            return False
        return bool(self._coded_on().get(sha256, set()) - {key})

    def _coded_on(self) -> dict[str, set[str]]:
        """Each text's hash -> the documents whose annotations were made on it, read from the
        store's records once for each state of the store."""
        state = self.store.state()
        with self._lock:
            kept = self._coded
        if kept is not None and state is not None and kept[0] == state:
            return kept[1]
        records, _coder = self.store.records()
        made_by: dict[str, set[str]] = {}
        for record in records:
            made = record.get("doc_sha256")
            if isinstance(made, str) and made:
                made_by.setdefault(made, set()).add(str(record.get("document")))
        if state is not None and self.store.state() == state:
            with self._lock:
                self._coded = (state, made_by)
        return made_by

    def _exchange(self, key: str, sha256: str, ours: list[Annotation]) -> bool:
        """When ``key``'s file and other annotated files exchanged names (``a.txt`` <->
        ``b.txt``, or round a ring, ``a.txt`` -> ``b.txt`` -> ``c.txt`` -> ``a.txt``), each
        one's annotations, memo and attributes go to the key its text has now, and True.
        None of the files is missing, so nothing else looks for them: every passage of each
        was an orphan though each text is in the corpus.  Asked when none of ``ours``
        (``key``'s annotations) is in its text now (of hash ``sha256``): that text is the
        one the annotations of exactly one other document were made on, whose file holds a
        text the annotations of exactly one more were made on, and so on until a file holds
        the text ``ours`` were made on; none of these documents' annotations made on the
        text its file holds now."""
        made_on = {a.doc_sha256 for a in ours} - {""}
        if not made_on or sha256 in made_on or self.store.read_only:
            return False
        made_by = self._coded_on()  # a text's hash -> the documents coded on it
        self.keys()  # (listed now if it was not: the app places the file it opens first)
        # ring[n + 1]'s annotations go to ring[n], whose file holds their text now; key's to
        # the last, whose file holds the text they were made on
        ring, found, text = [key], {key: ours}, sha256
        while len(ring) <= _MOST_EXCHANGED:
            theirs = made_by.get(text, set()) - {ring[-1]}
            if len(theirs) != 1:
                return False
            (other,) = theirs
            if other in found or other not in self._inside:
                return False  # (a file gone: relinking's)
            try:
                text_there = self.document(other).sha256
            except DocumentError:
                return False
            others = self.store.annotations(other)
            if any(a.doc_sha256 == text_there for a in others):
                return False
            ring.append(other)
            found[other] = others
            if text_there in made_on:
                break
            text = text_there
        else:
            return False
        moves = {ring[n + 1]: ring[n] for n in range(len(ring) - 1)} | {key: ring[-1]}
        pairs = [(a, a.evolve(document=moves[k])) for k in ring for a in found[k]]
        if len(self._save(pairs)) < len(pairs):
            return False  # another process changed them meanwhile: looked at again next time
        self._follow(moves)  # their memos and attributes go with them
        self.exchanged.add(tuple(sorted(ring)))
        return True

    def _moved_away(self, key: str, sha256: str, ours: list[Annotation]) -> bool:
        """When ``key``'s file holds another text now (of hash ``sha256``, none of ``ours``
        in it) and the text ``ours`` were made on is in one file annotated nowhere, put in
        the corpus since they were made (the old version moved to ``archive/a.txt``, a new
        ``a.txt`` written in its place), ``ours`` go to that file with the memo and
        attributes, as those of a file gone go to the file of their text, and True.  The
        file of the old name is there, so nothing else looked for its text: every passage
        was an orphan on the new one.  When two or more such files hold that text (a copy
        and the archived original) none is theirs more than another: ``ours`` stay, and
        :attr:`not_moved_away` says so."""
        made_on = {a.doc_sha256 for a in ours} - {""}
        if not made_on or sha256 in made_on or self.store.read_only:
            return False
        # (the corpus listed now if it was not: the app places the file it opens with before
        # the listing, which is its first look at a.txt)
        self.keys()
        since = _newest_moment_ns(ours)  # a file moved since has changed since (its ctime)
        annotated = set(self.store.documents())
        inside = self._inside
        homes: list[str] = []
        for other in self.keys():
            if other == key or other in annotated:
                continue
            stamp = self._listed_stamp(other, inside)
            if stamp is None or max(stamp[0], stamp[1]) < since:
                continue
            try:
                if self.document(other).sha256 in made_on:
                    homes.append(other)
            except DocumentError:
                continue
        if len(homes) > 1:  # a copy and the archived original: which is theirs is not known
            self.not_moved_away[key] = (len(ours), tuple(sorted(homes)))
        if len(homes) != 1:
            return False
        pairs = [(a, a.evolve(document=homes[0])) for a in ours]
        saved = self._save(pairs)
        self._moved(pairs, saved)  # counted, the memo and attributes following
        if saved:
            self.moved_away.add((key, homes[0]))
        return bool(saved)

    def all_anchored(
        self,
        documents: dict[str, Document | None] | None = None,
        advance: Callable[[], None] = lambda: None,
        *,
        relist: bool = True,
        places: PlacementCache | None = None,
        failed: dict[str, str] | None = None,
    ) -> list[Annotation]:
        """Every annotation of the store, re-anchored (for export), sorted by (document, start).

        Annotations whose document is gone or unreadable are orphans.  ``documents``, when
        given, receives each document that annotations lie in (no second load for export),
        or None for one not loaded because its annotations are known to be in place (see
        :mod:`~tui_reader.core.annotations.placement_cache`; load it when needed);
        ``advance()`` is called after each of them (a progress bar).  Linear in annotations:
        the missing files are found once, not once per document.  ``relist=False``: the
        files as listed last (a command that made the workspace a moment ago).  ``places``:
        the placement cache to use (and keep up to date), when the caller wants it after.
        ``failed``, when given, receives why each document that could not be read was not."""
        if relist:
            self.refresh_files()
        else:
            self.keyed_files()  # listed once (the stamps of listed files are trusted below)
        if places is None:
            places = PlacementCache(placement_cache_path(self.db))
        settled = self.settled_annotations(places)
        listed_now = relist or not self.listing_changed()
        if settled is not None and self.gone_unannotated(listed_now=listed_now):
            self.relink_moved(places, listed_now=listed_now)  # a memo's file moved: it follows
        if settled is not None:  # nothing moved: no document looked at
            if documents is not None:
                documents.update(dict.fromkeys(self.store.documents()))
            for _ in self.store.documents():
                advance()
            return settled
        # Files the listing found need no second look while no folder changed since it
        missing, strays = self.relink_moved(places, listed_now=listed_now)
        result: list[Annotation] = []
        # Every document's annotations at once (one look at the database, not 10,000); with
        # files to re-link, annotations move between documents: each is asked for in turn.
        state, stored = None, None
        if not missing:
            self.store.reload_if_changed()
            state = self.store.state()
            stored = _by_document(self.store.annotations())
            if self.store.state() != state:  # another thread caught up meanwhile
                state = None
        in_place = 0
        swaps, away = len(self.exchanged), len(self.moved_away)
        keys = self.store.documents()
        for key in keys:
            if len(self.exchanged) != swaps and stored is not None:
                stored = None  # two files exchanged names: their annotations read again
            current = stored.get(key, []) if stored is not None else None
            placed, found = self._placed(key, places, strays, current, documents, failed)
            result.extend(placed)
            in_place += found
            advance()
        if len(self.moved_away) != away:
            # a file of an old name holding another text now: its annotations went to the
            # file of their text, annotated nowhere before, placed here after the others
            stored = None
            homes = {home for _, home in self.moved_away}.difference(keys)
            for key in sorted(homes):
                result.extend(self._placed(key, places, strays, None, documents, failed)[0])
            result.sort(key=reading_order)
        # Sorted already: documents in order, each one's annotations in reading order.
        places.keep_only({*self.keys(), *self.store.documents()})
        every = stored is not None and in_place == len(stored) == len(self.store.documents())
        places.settle(state if every else None)  # every document found in place, none placed
        places.save()
        self.keep_facts()
        return result

    def anchored_documents(
        self,
        keys: list[str],
        places: PlacementCache,
        strays: _Strays,
        documents: dict[str, Document | None],
        advance: Callable[[], None],
        failed: dict[str, str],
    ) -> tuple[dict[str, list[Annotation]], bool]:
        """The annotations of each of ``keys`` placed as :meth:`all_anchored` places them
        (``strays``: what :meth:`relink_moved` left, the files listed already, ``places``
        kept up to date but not saved), and whether each document was found in place (none
        placed anew); ``documents``, ``advance`` and ``failed`` as there.  For an export
        that placed every other document itself (see
        :mod:`~tui_reader.core.interchange.records_in_place`)."""
        stored = None if strays.keys else self.store.annotations_of(keys)
        found: dict[str, list[Annotation]] = {}
        every = True
        swaps = len(self.exchanged)
        for key in keys:
            if len(self.exchanged) != swaps and stored is not None:
                stored = None  # two files exchanged names: their annotations read again
            current = stored.get(key, []) if stored is not None else None
            found[key], in_place = self._placed(key, places, strays, current, documents, failed)
            every = every and in_place
            advance()
        return found, every

    def relink_moved(
        self,
        places: PlacementCache,
        *,
        listed_now: bool,
        keys: list[str] | None = None,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int], Callable[[], None]] | None = None,
    ) -> tuple[list[str], _Strays]:
        """Annotations of files that no longer exist move to a listed file with the text
        they were made on (saved together); the keys whose files are still missing after,
        and their annotations (``listed_now`` and ``keys``: see :meth:`missing_keys`;
        ``cancelled``: stop looking, the moves found so far saved; ``progress``, given how
        many files may be read for their text when any is gone, returns what to call as
        each is looked at: a folder of 10,000 files moved takes seconds)."""
        self.relink_aliases(keys)
        missing = self.missing_keys(listed_now=listed_now, keys=keys)
        unannotated = self.gone_unannotated(listed_now=listed_now)
        names = self._names([*missing, *itertools.chain.from_iterable(unannotated.values())])
        strays = _Strays(self.store, missing, names, unannotated)
        if strays or unannotated:  # moved files re-link by content hash, saved together
            moves: list[tuple[Annotation, Annotation]] = []
            read: list[str] = []  # files new or changed since a pass last read them
            follow: dict[str, str] = {}  # files with no annotation: their memo and attributes
            first: dict[str, str] = {}  # each text's first file: the gone files no other took
            listed = self.keys()
            advance = progress(len(listed)) if progress is not None else None
            for key in listed:
                if not (strays or unannotated) or (cancelled is not None and cancelled()):
                    break  # every stray found a home
                if advance is not None:
                    advance()
                if key in strays.keys:
                    continue
                try:
                    sha = self._text_sha256(key, places, read)
                except DocumentError:
                    continue
                first.setdefault(sha, key)
                taken = strays.take(sha, key)
                moves.extend((a, a.evolve(document=key)) for a in taken)
                gone_here = unannotated.get(sha, [])
                old = None if taken else stands_for(key, [*strays.gone(sha), *gone_here], names)
                if old in gone_here:
                    gone_here.remove(old)
                    follow.setdefault(old, key)
                    if not gone_here:
                        del unannotated[sha]
            checked = False
            if strays and read and (cancelled is None or not cancelled()):
                homes = {new.document for _, new in moves}  # a file of the same text's
                fresh = [key for key in read if key not in homes]
                moves.extend(self._found_by_quotes(strays, fresh, cancelled))
                checked = cancelled is None or not cancelled()
            if strays and read and not checked:
                # stopped before their quotes were looked for: the files read stay new to
                # the next pass, which looks (kept as read, none would be looked at again)
                places.forget(read)
            for sha, key in first.items():  # more gone files of a text than files of it now
                moves.extend((a, a.evolve(document=key)) for a in strays.take(sha))
                for old in unannotated.get(sha, []):
                    follow.setdefault(old, key)
            edited: dict[str, str] = {}
            if read and (cancelled is None or not cancelled()):
                edited = self._found_by_samples(unannotated, follow, read)
            self._moved(moves, self._save(moves))
            if self._follow({**follow, **edited}):  # said only when they moved
                self.followed.update(follow)
                self.followed_edited.update(edited)
            missing = self.missing_keys(listed_now=listed_now)
            strays = _Strays(self.store, missing, names, unannotated)
        return missing, strays

    def follow_moved(
        self, progress: Callable[[int], Callable[[], None]] | None = None
    ) -> list[str]:
        """The annotated documents whose file is gone, once the annotations, memo and
        attributes of each file moved have followed it (:meth:`relink_moved`), as an export
        or a query moves them first: to a file of the same text, or, moved and edited at
        once, to the one new file holding its passages or its text.  The corpus as listed
        last (listed now if never); when no file is gone, nothing more than a look at the
        store and a ``stat`` of each file not listed is done (``progress``: as
        :meth:`relink_moved` takes it)."""
        self.keyed_files()  # listed once
        missing = self.missing_keys(listed_now=True)
        if not missing and not self.gone_unannotated(listed_now=True):
            return missing
        places = PlacementCache(placement_cache_path(self.db))
        missing, _strays = self.relink_moved(places, listed_now=True, progress=progress)
        places.save()
        self._text_hashes().save()
        return missing

    def _names(self, gone: list[str]) -> frozenset[str]:
        """The file names of the files listed last but those ``gone`` since, none before a
        first listing (a first screen lists nothing).  Kept for the listing and the files
        gone it was found for: a report or a query placing 10,000 documents not placed
        before asks it for each with the same ones (made each time, 100 million names)."""
        files = self._files
        if files is None:
            return frozenset()
        asked = tuple(gone)
        kept = self._kept_names
        if kept is not None and kept[0] is files and kept[1] == asked:
            return kept[2]
        left = set(gone)
        names = frozenset(_name(key) for key, _ in files if key not in left)
        self._kept_names = (files, asked, names)
        return names

    def _found_by_quotes(
        self, strays: _Strays, read: list[str], cancelled: Callable[[], bool] | None
    ) -> list[tuple[Annotation, Annotation]]:
        """The strays no text of theirs took, moved to the one new file holding their
        passages' quotes: a file moved and edited at once (renamed and corrected in an
        editor, a newer version saved under a new name) left every passage an orphan, found
        by identical text alone.  The files looked at are those of ``read`` (new or changed
        since a pass last read them: a file truly gone costs no second read of the corpus
        at every pass; none that took a gone file's passages by its text) annotated nowhere
        and written since the passages were made.  A file
        "holds" a gone file's passages when more than half of their longest quotes (at most
        :data:`QUOTES_LOOKED_FOR`) are in its text, :data:`QUOTES_TO_TELL` characters of them
        at least (a few short words are in any file; in a file of the gone file's name, any
        length); a gone file two new files hold (unless one of them has its name), or a
        new file two gone files' passages point to, stays as it is.  Re-anchoring then places
        each passage in the edited text."""
        left = strays.left_by_document()
        annotated = set(self.store.documents())
        candidates = [k for k in read if k not in annotated]
        if not left or not candidates:
            return []
        made = {old: _newest_moment_ns(found) for old, found in left.items()}
        quotes = {old: _longest_quotes(found) for old, found in left.items()}
        holders: dict[str, list[str]] = {old: [] for old in left}
        inside = self._inside
        for key in candidates:
            if cancelled is not None and cancelled():
                return []
            stamp = self._listed_stamp(key, inside)
            # written or put here since: its change time, which no copy keeps (a `cp -p` or
            # an archive unpacked keeps the time the text was last written, maybe before)
            arrived = max(stamp[0], stamp[1]) if stamp is not None else -1
            looking = [o for o in left if quotes[o] and arrived >= made[o]]
            if not looking:
                continue
            try:
                text = self.document(key).text
            except DocumentError:
                continue
            for old in looking:
                # a file of the gone file's name needs no length of quotes to tell it: a
                # few short words coded ("Mexico") in a note edited as its folder moved
                of_its_name = _name(key) == _name(old)
                if _holds(text, quotes[old], 1 if of_its_name else QUOTES_TO_TELL):
                    holders[old].append(key)
        homes: dict[str, str] = {}
        for old, found in holders.items():
            named = [key for key in found if _name(key) == _name(old)]
            if len(found) == 1 or len(named) == 1:
                homes[old] = found[0] if len(found) == 1 else named[0]
        taken = collections.Counter(homes.values())
        moves: list[tuple[Annotation, Annotation]] = []
        for old, key in homes.items():
            if taken[key] == 1:
                moves.extend((a, a.evolve(document=key)) for a in strays.take_document(old))
                self.moved_edited.add((old, key))
        return moves

    def _found_by_samples(
        self, unannotated: dict[str, list[str]], follow: dict[str, str], read: list[str]
    ) -> dict[str, str]:
        """The gone files with no annotation that no file of their text took, each to the
        one file of ``read`` (new or changed since a pass last read them) holding most of the
        pieces of its text kept (:func:`text_samples`): a note with attributes or a memo,
        renamed and corrected as its folder moved, kept them on its old name.  A file no
        memo, attribute or annotation is on is looked at; a gone file two files hold, or a
        file two gone files point to, stays as it is."""
        left = [old for olds in unannotated.values() for old in olds if old not in follow]
        samples = self.store.text_samples()
        left = [old for old in left if samples.get(old)]
        if not left:
            return {}
        taken = {*follow.values(), *self.store.documents(), *self.store.documents_described()}
        holders: dict[str, list[str]] = {old: [] for old in left}
        for key in read:
            if key in taken:
                continue
            try:
                text = self.document(key).text
            except DocumentError:
                continue
            for old in left:
                if _holds_samples(text, samples[old]):
                    holders[old].append(key)
        homes = {old: found[0] for old, found in holders.items() if len(found) == 1}
        pointed = collections.Counter(homes.values())
        return {old: key for old, key in homes.items() if pointed[key] == 1}

    def holds_passages(self, key: str, annotations: Iterable[Annotation]) -> bool:
        """Whether document ``key``'s text holds the passages of ``annotations`` (made on
        another text), as a new file holds a gone file's (see :meth:`_found_by_quotes`:
        more than half of their longest quotes, :data:`QUOTES_TO_TELL` characters of them at
        least); False when it cannot be read."""
        quotes = _longest_quotes(annotations)
        if not quotes:
            return False
        try:
            text = self.document(key).text
        except DocumentError:
            return False
        return _holds(text, quotes)

    def gone_unannotated(self, *, listed_now: bool = False) -> dict[str, list[str]]:
        """The documents with no annotation whose file is gone and whose text's hash the
        store kept (a memo, attributes or a reading position of theirs), by that hash."""
        remembered = self.store.texts_remembered()
        if not remembered:
            return {}
        annotated = set(self.store.documents())
        listed = self._inside if listed_now else {}
        gone: dict[str, list[str]] = {}
        for key, sha in remembered.items():
            if key not in annotated and key not in listed and not os.path.isfile(self.path(key)):
                gone.setdefault(sha, []).append(key)
        return gone

    def remember_texts(
        self,
        keys: Iterable[str],
        cancelled: Callable[[], bool] | None = None,
        *,
        with_samples: bool = True,
    ) -> None:
        """Keep in the store the hash of each of ``keys``' texts (a document given a memo or
        attributes): moved with no annotation, its file is found by it (a file that cannot be
        read, or a store that cannot take them now, is left: its next one).  A document with
        annotations is not read for it: they find its file, and its memo follows them.
        ``with_samples``: a few short pieces of each text are kept too (see
        :func:`text_samples`), which find its file moved and edited at once (a note renamed
        and corrected as its folder moved): each text is loaded for them.
        ``cancelled``: stop reading files, the hashes found so far kept."""
        places = PlacementCache(placement_cache_path(self.db))
        found: dict[str, str] = {}
        samples: dict[str, list[str]] = {}
        coded = self.store.has_annotations_on
        for key in dict.fromkeys(k for k in keys if not coded(k)):
            if cancelled is not None and cancelled():
                break
            try:
                plain = self._plain_text(key)
                if plain is not None:  # its text is its bytes: not loaded
                    found[key] = digests.sha256(plain).hexdigest()
                    if with_samples:
                        samples[key] = text_samples(plain.decode())
                elif with_samples:  # loaded once, for both
                    document = self.document(key)
                    found[key], samples[key] = document.sha256, text_samples(document.text)
                else:
                    found[key] = self._text_sha256(key, places, [])
            except DocumentError:
                continue
        places.save()
        if found and not self.store.read_only:
            with contextlib.suppress(StoreError):  # LockBusy among them
                self.store.remember_texts(found, samples)

    def remember_read(self, texts: dict[str, str]) -> None:
        """Keep the hash of each text coded here (``texts``: by key; the documents annotate
        and autocode read and coded), as the app keeps the reading position of a document it
        opens: a file of theirs gone is said gone, not perhaps never here, as the passages
        imported for a document never read here are (:func:`.analysis.scope.missing_file`).
        Nothing is read; a store that cannot take them now is left (its next command's)."""
        if texts and not self.store.read_only:
            with contextlib.suppress(StoreError):  # LockBusy among them
                self.store.remember_texts(texts)

    def remember_described(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Keep the hash of the text of each listed document that has a memo or attributes
        and no hash kept (see :meth:`remember_texts`): those a project import or a merge
        brought, and those of a database older than the hashes, were found by nothing when
        their file moved, until saved again.  A document with no hash kept is read once."""
        if self.store.read_only:
            return
        kept = self.store.texts_remembered()
        inside = self._inside
        described = self.store.documents_described()
        lacking = sorted(key for key in described if key not in kept and key in inside)
        if lacking:
            self.remember_texts(lacking, cancelled, with_samples=False)

    def _follow(self, moves: dict[str, str]) -> bool:
        """The memo, attributes and reading position of each file of ``moves`` (gone, with
        no annotation) go to the file of its text (old key -> new key); whether any moved."""
        if not moves or self.store.read_only:
            return False
        try:
            return self.store.follow_documents(moves) > 0
        except LockBusy as busy:
            self.problems.append(
                f"{holder_text(busy.holder)} is changing the database: the memo and "
                "attributes of a moved file stay on its old name for now"
            )
        except StoreError as exc:
            self.problems.append(str(exc))
        return False

    def moved_to(self) -> dict[str, str]:
        """Each document whose file this workspace found gone and whose annotations, memo
        or attributes it moved to another file (of the same text, or the one holding its
        passages or its text): old key -> new key.  A file that holds another text now, or
        that exchanged names, is not among them: its name names that file still."""
        moves = {old: new for (old, new) in self.moved if (old, new) not in self.moved_away}
        moves.update(self.followed)
        moves.update(self.followed_edited)
        return moves

    def relink_listed(self, cancelled: Callable[[], bool]) -> int:
        """After a listing (the library's scan): annotations of files that are not there
        move to a listed file with the text they were made on, as a query or an export
        moves them first; how many moved.  A database brought from another folder (a
        colleague's copy) names files that are not beside it: its counts show without
        opening each document.  The texts' hashes are remembered in the placement cache,
        so that a file truly gone costs its look once.  A listed document's memo and
        attributes are made to follow its file too (:meth:`remember_described`)."""
        self.remember_described(cancelled)
        aliased = self.relink_aliases()
        missing = self.missing_keys(listed_now=True)
        if not missing:
            if self.gone_unannotated(listed_now=True):  # a memo's file moved: it follows
                places = PlacementCache(placement_cache_path(self.db))
                self.relink_moved(places, listed_now=True, cancelled=cancelled)
                places.save()
            return aliased
        before = sum(map(len, self.store.annotations_of(missing).values()))
        places = PlacementCache(placement_cache_path(self.db))
        still, _ = self.relink_moved(places, listed_now=True, cancelled=cancelled)
        places.save()
        return aliased + before - sum(map(len, self.store.annotations_of(still).values()))

    def _placed(
        self,
        key: str,
        places: PlacementCache,
        strays: _Strays,
        current: list[Annotation] | None,
        documents: dict[str, Document | None] | None,
        failed: dict[str, str] | None,
    ) -> tuple[list[Annotation], bool]:
        """``key``'s annotations placed (see :meth:`all_anchored`; ``current``: the store's
        annotations of it when the caller has them), and whether they were known in place."""
        stamp = self._listed_stamp(key, self._inside)  # before any load
        known_sha = places.sha256(key, stamp)
        if known_sha is not None:
            if self._relink(known_sha, key, strays):
                current = None
            if current is None:
                current = self.store.annotations(key)
            if places.in_place(key, stamp, current) and not self._may_exchange(
                key, known_sha, current
            ):
                if documents is not None:
                    documents[key] = None
                return current, True
        try:
            document = self.document(key)
            if documents is not None:
                documents[key] = document
            placed = self._anchored(document, key, strays, current)
            source = document.source_sha256  # (its bytes': "" when read in pieces)
            places.put(key, stamp, document.sha256, placed, document.title, source)
            return placed, False
        except DocumentError as exc:
            if failed is not None:
                failed[key] = str(exc)
            orphans = [
                a if a.status is AnchorStatus.ORPHAN else a.evolve(status=AnchorStatus.ORPHAN)
                for a in self.store.annotations(key)
            ]
            return orphans, False

    def settled_annotations(self, places: PlacementCache) -> list[Annotation] | None:
        """Every annotation of the store, sorted by (document, start), when all are known in
        place without placing or even looking at them (see :meth:`PlacementCache.settled`):
        the database is as it was when a pass last found them all in place, and every
        annotated file is listed in the corpus with the stamp it had then.  None otherwise
        (place them: :meth:`all_anchored`).  Costs a ``stat`` per annotated file."""
        state = self.nothing_moved(places)
        if state is None:
            return None
        annotations = self.store.annotations()
        return annotations if self.store.state() == state else None

    def nothing_moved(
        self,
        places: PlacementCache,
        stamps: dict[str, PlacementStamp | None] | None = None,
        keys: list[str] | None = None,
    ) -> tuple[int, ...] | None:
        """The store's state (:meth:`AnnotationStore.state`) when every annotation is known in
        place in it (see :meth:`settled_annotations`), else None.  A caller that reads the
        store after checks that its state is still this one.  ``stamps``: the
        :meth:`annotated_stamps` the caller took (and keeps) just now, not taken again;
        ``keys``: the annotated documents, as the caller read them in the store's state."""
        self.keyed_files()  # listed once (the stamps of listed files only are trusted)
        self.store.reload_if_changed()
        state = self.store.state()
        if not places.settled_at(state):
            return None  # never all found in place in this state: no file's stamp tells it
        stamps = self.annotated_stamps(keys) if stamps is None else stamps
        return state if places.settled(state, stamps) else None

    def annotated_stamps(self, keys: list[str] | None = None) -> dict[str, PlacementStamp | None]:
        """The stamp of each annotated document's file as listed last (None: not listed),
        by key: a ``stat`` each, no ``Path`` made.  ``keys``: the annotated documents, when
        the caller has them (:meth:`AnnotationStore.documents`).  A listing made by this
        call looked at each file just now: its ``os.stat`` is taken again by none (an
        export's first look, 10,000 files: each was looked at twice)."""
        before = self._generation
        self.keyed_files()  # listed once
        inside = self._inside  # key -> where the listing found its file (no Path made)
        made, stats = self._stats
        taken = stats if made != before else {}  # (an older listing's are no stamp of now)
        stamps: dict[str, PlacementStamp | None] = {}
        for key in self.store.documents() if keys is None else keys:
            location = inside.get(key)
            if location is None:
                stamps[key] = None
                continue
            st = taken.get(location)
            stamps[key] = stamp_of_stat(st) if st is not None else stamp_of(location)
        return stamps

    def _listed_stamp(self, key: str, inside: dict[str, str]) -> PlacementStamp | None:
        """The stamp of ``key``'s file when the listing found it (``inside``: where it found
        those inside the corpus), else None (the stamps of listed files only are trusted)."""
        location = inside.get(key)
        if location is not None:
            return stamp_of(location)
        path = self.path(key)
        return stamp_of(path) if str(path) in self._listed else None

    def _plain_text(self, key: str) -> bytes | None:
        """``key``'s canonical text's UTF-8 when it is a plain text file not loaded here whose
        bytes are clean UTF-8 (as ``list`` reads it: they are its text's UTF-8), not made a
        Document (an ``attr import`` of uncoded files loaded each for its hash); else None."""
        from tui_reader.core.documents.facts import clean_utf8
        from tui_reader.core.documents.safe_read import read_document_bytes

        path = self.path(key)
        if format_of_name(path.name) != "text" or key in self._documents:
            return None
        self._check_key_inside(key, path)
        data = read_document_bytes(path)
        if format_of_text(data) != "text":
            return None  # subtitles saved as text: their text is converted
        return data if clean_utf8(data) is not None else None

    def _text_sha256(self, key: str, places: PlacementCache, read: list[str]) -> str:
        """The hash of ``key``'s canonical text: from the placement cache while its file is
        unchanged, else from the hashes kept by file for every database (a copy of the
        database in another folder names its files by other keys), else loaded; remembered
        in both, its key added to ``read`` (new to this database's passes)."""
        from tui_reader.core.documents.text_hashes import stamp_of_placed

        stamp = self._listed_stamp(key, self._inside)
        sha = places.sha256(key, stamp)
        if sha is None:
            hashes = self._text_hashes()
            where = str(self.path(key))
            known = hashes.text(where, None if stamp is None else stamp_of_placed(stamp))
            if known is not None:
                sha, title = known
                places.put(key, stamp, sha, [], title)  # as loading the file would
            else:
                document = self.document(key)
                sha = document.sha256
                places.put(key, stamp, sha, [], document.title)
                if stamp is not None:
                    hashes.put(where, stamp_of_placed(stamp), sha, document.title)
            read.append(key)
        return sha

    def missing_keys(self, *, listed_now: bool = False, keys: list[str] | None = None) -> list[str]:
        """Keys with annotations whose file no longer exists (``listed_now``: the caller
        listed the corpus just before, so a file the listing found inside it is not looked
        at again: 10,000 system calls less; ``keys``: the annotated documents, when the
        caller has them)."""
        listed = self._inside if listed_now else {}
        return [
            k
            for k in (self.store.documents() if keys is None else keys)
            if k not in listed and not os.path.isfile(self._location(k))
        ]

    def aliased_keys(self, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Keys with annotations (``keys``: the annotated documents, when the caller has
        them) that name a listed file by another path, through a symbolic link on the way
        (the corpus folder moved to another disk, a link left in its place): each such key
        -> the key the listing gives that file.  Only keys the listing did not find are
        looked at (none, as a rule: no system call), and of those only the files there."""
        self._listed_once()
        inside = self._inside
        found: dict[str, str] = {}
        for key in self.store.documents() if keys is None else keys:
            if key in inside:
                continue
            path = str(self.path(key))
            if not os.path.isfile(path):  # gone (a tenth of realpath's cost for 10,000)
                continue
            try:
                real = os.path.realpath(path)
            except (OSError, RuntimeError):  # a link loop on the way
                continue
            if real != path:
                listed = key_of_resolved(Path(real), self.db.parent)
                if listed != key and listed in inside:
                    found[key] = listed
        return found

    def relink_aliases(self, keys: Iterable[str] | None = None) -> int:
        """The annotations of each :meth:`aliased_keys` key move to the key the listing gives
        its file (saved together; the memo and attributes follow, see :meth:`_moved`): the
        library shows them with that document, and a pass finds them in place; how many
        moved.  So do the memo, attributes and reading position of such a key with no
        annotation (one whose text's hash the store keeps, as for a file gone)."""
        aliases = self.aliased_keys(keys)
        remembered = [k for k in self.store.texts_remembered() if k not in aliases]
        self._follow(self.aliased_keys(remembered) if remembered else {})
        if not aliases:
            return 0
        pairs = [
            (a, a.evolve(document=aliases[key]))
            for key, found in self.store.annotations_of(list(aliases)).items()
            for a in found
        ]
        saved = self._save(pairs)
        self._moved(pairs, saved)
        self.moved_aliased.update(aliases.items())
        return len(saved)

    def _relink(self, sha256: str, key: str, strays: _Strays) -> bool:
        """Annotations of files that no longer exist (``strays``), made on exactly the text
        of hash ``sha256`` (document ``key``'s), move here; True when any did."""
        if key in strays.keys:
            return False  # a file that is gone takes nothing
        found = strays.take(sha256, key)
        if not found:
            return False
        pairs = [(a, a.evolve(document=key)) for a in found]
        saved = self._save(pairs)
        self._moved(pairs, saved)
        if len(saved) < len(found):
            strays.spoiled = True  # not all moved: found again next time, not kept
        return bool(saved)

    def _moved(self, pairs: list[tuple[Annotation, Annotation]], saved: list[Annotation]) -> None:
        """Count in :attr:`moved` the annotations of ``pairs`` (old, new) that were ``saved``
        on another document; the memo and attributes of the document they left follow them."""
        now = {a.id: a.document for a in saved}
        follow: dict[str, str] = {}
        for old, _new in pairs:
            key = now.get(old.id)
            if key is not None and key != old.document:
                self.moved[(old.document, key)] = self.moved.get((old.document, key), 0) + 1
                follow.setdefault(old.document, key)
        self._follow(follow)  # the document's memo and attributes go where its annotations went

    def _save(self, pairs: list[tuple[Annotation, Annotation]]) -> list[Annotation]:
        """Save re-anchored (or re-linked) annotations unless another process changed them
        meanwhile (they are re-anchored again next time); returns those saved."""
        if not pairs:
            return []
        if self.store.read_only:
            self.unsaved_read_only += len(pairs)
            return []
        try:
            return self.store.replace_if_unchanged(pairs)
        except LockBusy as busy:  # the app's workers never wait long: saved next time
            self.problems.append(
                f"{holder_text(busy.holder)} is changing the database: the annotations' new "
                f"places ({counted(len(pairs), 'annotation')}) are saved next time"
            )
            return []
        except StoreError as exc:
            self.problems.append(str(exc))
            return []


class _Strays:
    """The annotations of files that no longer exist (``missing`` keys), by the hash of the
    text they were made on: read once for a pass over the corpus, each taken by the first
    document found with that text (10,000 moved files are 10,000 look-ups, not 10,000 reads
    of every missing file's annotations for each document)."""

    def __init__(
        self,
        store: AnnotationStore,
        missing: list[str],
        names: frozenset[str] = frozenset(),
        unannotated: dict[str, list[str]] | None = None,
    ) -> None:
        """``names``: the file names of the listed files; ``unannotated``: the gone files
        with no annotation, by the hash of their text (see :func:`stands_for`: a file of
        their name and text stands for them, and takes no other's annotations)."""
        self.keys = frozenset(missing)
        self.names = names
        self.unannotated = unannotated if unannotated is not None else {}
        self.spoiled = False  # some taken were not moved (store read-only, busy, changed)
        self._by_sha: dict[str, list[Annotation]] = {}
        if missing:
            for annotations in store.annotations_of(missing).values():
                for annotation in annotations:
                    self._by_sha.setdefault(annotation.doc_sha256, []).append(annotation)

    def __bool__(self) -> bool:
        return bool(self._by_sha)

    def take(self, sha256: str, key: str | None = None) -> list[Annotation]:
        """The strays made on the text of hash ``sha256``, taken (in the store's order): all
        of them, or those of the one gone file that ``key``'s file stands for (several gone
        files of one text are as many files, each found again by its name)."""
        group = self._by_sha.get(sha256)
        if not group:
            return []
        if key is None:
            return self._by_sha.pop(sha256)
        gone = [*dict.fromkeys(a.document for a in group), *self.unannotated.get(sha256, [])]
        old = stands_for(key, gone, self.names)
        if old is None or old in self.unannotated.get(sha256, []):
            return []
        kept = [a for a in group if a.document != old]
        if kept:
            self._by_sha[sha256] = kept
        else:
            del self._by_sha[sha256]
        return [a for a in group if a.document == old]

    def gone(self, sha256: str) -> list[str]:
        """The gone files whose strays made on the text of hash ``sha256`` are not taken."""
        return list(dict.fromkeys(a.document for a in self._by_sha.get(sha256, [])))

    def left_by_document(self) -> dict[str, list[Annotation]]:
        """The strays not taken yet, by the key of the file they were on."""
        found: dict[str, list[Annotation]] = {}
        for group in self._by_sha.values():
            for annotation in group:
                found.setdefault(annotation.document, []).append(annotation)
        return found

    def take_document(self, key: str) -> list[Annotation]:
        """The strays of the gone file ``key`` not taken yet, taken."""
        taken: list[Annotation] = []
        for sha, group in list(self._by_sha.items()):
            kept = [a for a in group if a.document != key]
            taken.extend(a for a in group if a.document == key)
            if kept:
                self._by_sha[sha] = kept
            else:
                del self._by_sha[sha]
        return taken
