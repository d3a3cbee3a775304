"""Where an exported annotation lies in its document, as the csv and Markdown exports print it
(line, percentage, page, speaker turn), and a cache of it between exports.

A place depends on the document's canonical text and the annotation's ``[start, end)`` alone.
While the placement cache (:mod:`~tui_reader.core.annotations.placement_cache`) knows a
document's annotations to be in place (its file's stamp and the places' fingerprint are the
same), the places they had last time are still theirs: this cache keeps them, stamped with
that stamp and fingerprint, so an export of 100,000 annotations need not load 10,000
unchanged documents to print "line 12 · 40%" (their titles: the placement cache's).  Places
found in a text read (a plain text's or Markdown's: see :class:`PlacesCache`) are a matter of
that text alone: they keep its hash too, and stay theirs when the file was touched (a sync, a
checkout, a copy back) and its passages were placed again on the same text (its bytes the
same: the facts cache's rule; no text read for them), or it reads as the same text again.
Anything else (another stamp or fingerprint and another text, an annotation not in the
entry) is computed from the document, loaded then.  Never the truth: a cache file that
cannot be read, or is from another version, is ignored; one that cannot be written is left
unsaved.  Where it lives: :func:`tui_reader.locations.places_cache_path`.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.annotations.placement_cache import PlacementCache, release
from tui_reader.core.cache_files import read_cache_more, write_cache_documents
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.documents.turns import Turn, find_turns, passage_citation
from tui_reader.core.interchange.documents_on_use import DocumentsOnUse
from tui_reader.core.interchange.export_text import export_line
from tui_reader.core.interchange.kept_blocks import KeptBlocks
from tui_reader.core.interchange.kept_contexts import KeptContexts
from tui_reader.core.interchange.turnless import TurnlessTexts


class Place(NamedTuple):
    """Where ``[start, end)`` lies in a document, as its methods tell it."""

    line: int  # 1-based (LineIndex.line of start)
    percent: int  # of the text before start (LineIndex.percent)
    page: str  # Document.page_label: "p. 12", "pp. 12–13", "" without pages
    speaker: str  # whose words it holds: "P03", "INTERVIEWER, P03" ("" when none)
    time: str  # of that turn's words at start ("" when none or untimed)
    citation: str  # Document.citation: page and turn, as a reader cites them


def place_in(document: Document, lines: LineIndex, start: int, end: int) -> Place:
    """The place of ``[start, end)`` in ``document`` (``lines``: its line index)."""
    speaker, time, _ = passage_citation(document.turns, start, end)
    # A turn's speaker and time are words of the text, which keeps its direction controls
    # (a right-to-left text's own): through the export gate, as the quotes are (a speaker
    # "Ana<U+202E>LOPEZ" went raw into Markdown's places and CSV's speaker column).
    return Place(
        lines.line(start),
        lines.percent(start),
        document.page_label(start, end),
        export_line(speaker),
        export_line(time),
        export_line(document.citation(start, end)),
    )


def place_in_text(turns: Sequence[Turn], lines: LineIndex, start: int, end: int) -> Place:
    """:func:`place_in` in a document without pages whose speaker turns are ``turns``
    (a plain text's or Markdown's: :func:`find_turns` of its text), no Document needed."""
    return _place_on_line(turns, lines.line(start), lines.percent(start), start, end)


def _place_on_line(turns: Sequence[Turn], line: int, percent: int, start: int, end: int) -> Place:
    """:func:`place_in_text` of the passage ``[start, end)``, starting on ``line``,
    ``percent`` into the text."""
    speaker, time, citation = passage_citation(turns, start, end)
    if not citation:
        return Place(line, percent, "", "", "", "")
    return Place(line, percent, "", export_line(speaker), export_line(time), export_line(citation))


# A document's places as columns, in the order kept: the starts, the ends, then a column for
# each field of Place (line, percent, page, speaker, time, citation)
Table = tuple[
    list[int], list[int], list[int], list[int], list[str], list[str], list[str], list[str]
]
# The columns of Place's fields for spans given in order (see Places.in_order)
Fields = tuple[list[int], list[int], list[str], list[str], list[str], list[str]]

# What an entry's ``sha`` begins with when its places were found in a document loaded whole:
# the hash of the file's bytes it was made from follows (see _Entry)
BYTES = "bytes:"


class TextAgain(NamedTuple):
    """A document's file read as a text: its stamp (taken by the read's own open), its
    canonical text, the text's hash and its title (None: not looked for)."""

    stamp: tuple[int, int, int, int]
    text: str
    sha: str
    title: str | None = None


class TextReader(Protocol):
    """What reads a document's file as a text (None when it cannot be read so), its title
    looked for when ``titled``."""

    def __call__(self, key: str, titled: bool = False) -> TextAgain | None: ...


class _Entry:
    """A document's places: as read from the cache file, columns (:data:`Table`), a run of
    rows of the file's columns taken when first asked for, made a dict by span only when a
    place is looked up by its span or a place is put in (an export of documents unchanged
    takes the columns: no Place made)."""

    __slots__ = ("_places", "_rows", "_table", "mark", "paged", "sha")

    def __init__(
        self,
        mark: tuple[Any, ...],  # the placement cache's stamp and fingerprint of the document
        paged: bool,  # the document has pages
        places: dict[tuple[int, int], Place] | None = None,
        table: Table | None = None,
        sha: str | None = None,
        rows: tuple[Table, int, int] | None = None,
    ) -> None:
        self.mark = mark
        self.paged = paged
        # The hash of the text read the places were found in, which they depend on alone
        # (None: found in a document loaded, whose lines may be its file's: see text_read);
        # or, found in a document loaded whole, BYTES and the hash of the file's bytes it
        # was made from (a function of them: its pages, lines and turns too)
        self.sha = sha
        held = places is not None or table is not None or rows is not None
        self._places = places if held else {}
        self._table = table if places is None else None
        # The file's columns and this document's rows in them, until taken (see _kept)
        self._rows = rows if places is None and table is None else None

    def _kept(self) -> Table | None:
        """The columns as read, this document's rows taken out of the file's the first
        time; a run that holds a span twice (not as :meth:`PlacesCache.save` writes one)
        is taken for no place known."""
        if self._rows is not None:
            columns, lo, hi = self._rows
            self._rows = None
            table: Table = tuple(column[lo:hi] for column in columns)  # type: ignore[assignment]
            if len(set(zip(table[0], table[1], strict=True))) == hi - lo:
                self._table = table
            else:
                self._places = {}
        return self._table

    @property
    def places(self) -> dict[tuple[int, int], Place]:
        """The places by span (``(start, end)``); the columns read are dropped then, since
        a place put in changes the dict."""
        if self._places is None:
            table = self._kept()
            if table is None:  # (a run not as saved: none known)
                return self._places  # type: ignore[return-value]
            starts, ends, *fields = table
            spans = zip(starts, ends, strict=True)
            self._places = dict(zip(spans, map(_place, zip(*fields, strict=True)), strict=True))
            self._table = None
        return self._places

    def in_order(self, starts: Sequence[int], ends: Sequence[int]) -> Fields | None:
        """The columns of the places of the spans ``zip(starts, ends)`` when they are the
        spans kept, in the order kept (as an export asks for an unchanged document's: all of
        them, in reading order); None otherwise."""
        table = self._kept()
        if table is None or table[0] != starts or table[1] != ends:
            return None
        return table[2:]

    def table(self) -> Table:
        """The places as columns, as the cache file keeps them."""
        if self._kept() is not None:
            return self._table  # type: ignore[return-value]
        rows = [(*span, *place) for span, place in self.places.items()]
        if not rows:
            return ([], [], [], [], [], [], [], [])
        return tuple(map(list, zip(*rows, strict=True)))  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Entry):
            return NotImplemented
        mine, theirs = (self.mark, self.paged, self.sha), (other.mark, other.paged, other.sha)
        return mine == theirs and self.places == other.places

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"_Entry({self.mark!r}, {self.paged!r}, {self.places!r}, sha={self.sha!r})"


class PlacesCache:
    """Places in the documents whose annotations are in place, by key."""

    def __init__(
        self,
        path: Path | None,
        placements: PlacementCache,
        texts: Mapping[str, str] | None = None,
        hashes: Mapping[str, str] | None = None,
        turnless: TurnlessTexts | None = None,
        reader: TextReader | None = None,
        contexts: KeptContexts | None = None,
        blocks: KeptBlocks | None = None,
    ) -> None:
        """``texts``: the canonical texts of documents without pages (plain text, Markdown)
        read just now, by key: a place not known is found in them, no document loaded;
        ``hashes``: the hash of each of those texts, by key, and ``turnless`` the texts
        known to hold no speaker's turn (not looked at again for one).  ``reader``: reads a
        document's file as a text (None when it cannot be read so), for an entry whose
        file was touched since and placed again without its text read (see :meth:`known`).
        ``contexts``: the W3C export's contexts lengthened, kept for the same documents;
        ``blocks``: the Markdown export's blocks of their passages (None: none kept)."""
        self.path = path
        self._placements = placements
        self.texts: dict[str, str] = dict(texts) if texts is not None else {}
        self.hashes: dict[str, str] = dict(hashes) if hashes is not None else {}
        self._reader = reader
        self.turnless = turnless if turnless is not None else TurnlessTexts(None)
        self.contexts = contexts if contexts is not None else KeptContexts(None, placements)
        self.blocks = blocks
        self._unread: set[str] = set()  # files the reader could not read as their texts placed
        self._loaded: dict[str, _Entry] | None = None  # read when first asked (csv, Markdown)
        self._whole: _Whole | None = None  # the file's rows as read, until a place is put in
        self._dirty = False

    @property
    def _entries(self) -> dict[str, _Entry]:
        if self._loaded is None:
            self._loaded, self._whole = _read(self.path) if self.path is not None else ({}, None)
        return self._loaded

    def every_in_order(
        self, keys: Sequence[str], counts: Sequence[int], starts: Sequence[int], ends: Sequence[int]
    ) -> Fields | None:
        """The columns of the places of the spans ``zip(starts, ends)``, the first
        ``counts[0]`` of them in document ``keys[0]``, the next ``counts[1]`` in ``keys[1]``
        and so on, when they are every document's spans as the file keeps them, in its order,
        and each document's are known (:meth:`known`): an export of documents unchanged
        asks for them so, and takes the file's columns whole (no run of rows taken out of
        them for each document); None otherwise."""
        whole = self._whole if self._entries else None  # (the file read when first asked)
        if whole is None or whole.keys != keys or whole.counts != counts:
            return None
        if whole.columns[0] != starts or whole.columns[1] != ends:
            return None
        if any(self.known(key) is None for key in keys):
            return None
        return whole.columns[2:]

    def known(self, key: str) -> _Entry | None:
        """``key``'s entry while the placement cache says its annotations are in place as
        they were when it was made; or when its places were found in a text of the hash of
        the text its annotations were placed on since (its file touched, its bytes the same:
        the facts cache's rule), or of the text read just now: then it takes the placement
        cache's new mark, and is saved so.  A file is read as a text only when the entry
        cannot be taken so (its places found in it, no document loaded)."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        mark = self._placements.mark(key)
        if entry.mark == mark:
            return entry
        if mark is None:
            return None
        digest = self._placements.bytes_digest(key)
        if digest and entry.sha == BYTES + digest:
            # (found in the document made from the bytes its file holds as the placement
            # cache's mark says: a PDF, a Word file touched, the same Document, the same
            # places, pages and turns as they are)
            entry.mark = mark
            self._dirty = True
            return entry
        if entry.paged:
            return None
        if (
            key not in self.hashes
            and entry.sha is not None
            and entry.sha == self._placements.placed_sha256(key)
        ):
            # (placed again on the text these places were found in: no text read for them;
            # a place depends on the text alone, and the placement cache's mark is the
            # file's as it is now)
            entry.mark = mark
            self._dirty = True
            return entry
        # (its text's hash known: read by the export, or its file found holding the bytes
        # of the text its annotations were placed on, its text not read)
        if key not in self.hashes and not self._read_again(key, mark):
            return None
        if entry.sha is None or self.hashes.get(key) != entry.sha:
            return None  # (found in its text read, now: see Places.run_columns)
        entry.mark = mark
        self._dirty = True
        return entry

    def _read_again(self, key: str, mark: tuple[Any, ...]) -> bool:
        """Whether ``key``'s file, read now as a text (by ``reader``), is the file of the
        placement cache's ``mark`` and holds the text its annotations were placed on: then
        that text is kept with its hash, as one read by the export.  A file touched, then
        placed again by a command that read no text of it (a JSON export, a report), has
        the placement cache's new stamp and the places' old one: read so, its places are
        told by its text's hash, as those of a file touched and read by the export, and
        those kept of another text or of a document loaded are found in the text read (no
        document loaded: 10,000 of them took 10 s)."""
        if self._reader is None or key in self._unread:
            return False
        read = self._reader(key)
        if (
            read is None
            or (*read.stamp, mark[-1]) != mark  # not a text read so, or changed since placed
            or read.sha != self._placements.placed_sha256(key)
        ):
            self._unread.add(key)  # (not read again for another of its places)
            return False
        self.texts[key] = read.text
        self.hashes[key] = read.sha
        return True

    def text_in_place(self, key: str) -> str | None:
        """``key``'s text read just now; else, when the placement cache knows its
        annotations in place, its file read now as a text (by ``reader``, as
        :meth:`_read_again` reads one: the file of the placement cache's mark, holding the
        text they were placed on), kept with its hash as a text the export read, so that
        the places it keeps none of are found in it, no document loaded (a csv or Markdown
        export after exports that keep no places, JSON or W3C, loaded every document: at
        10,000 documents, 13 s more); None when it cannot be read so."""
        text = self.texts.get(key)
        if text is not None:
            return text
        mark = self._placements.mark(key)
        return self.texts[key] if mark is not None and self._read_again(key, mark) else None

    def _read_sha(self, key: str) -> str | None:
        """The hash of ``key``'s text read just now (None: not read, its places found in the
        document loaded)."""
        return self.hashes.get(key) if key in self.texts else None

    def title(self, key: str) -> str | None:
        """The title of ``key``'s document as it was placed (None when not known)."""
        return self._placements.title(key)

    def title_read(self, key: str) -> str | None:
        """The title of ``key``'s document found in its file read now as a text, its title
        looked for (as :meth:`text_in_place` reads one: the file of the placement cache's
        mark, holding the text its annotations were placed on), and kept by the placement
        cache for the next export; None when it cannot be read so.  A Markdown export after
        exports that show no title, every document placed by them, loaded each document
        for its title (10,000 of them: about 10 s more)."""
        mark = self._placements.mark(key)
        if self._reader is None or key in self._unread or mark is None:
            return None
        read = self._reader(key, titled=True)
        if (
            read is None
            or read.title is None
            or (*read.stamp, mark[-1]) != mark
            or read.sha != self._placements.placed_sha256(key)
        ):
            self._unread.add(key)
            return None
        self.texts.setdefault(key, read.text)
        self.hashes.setdefault(key, read.sha)
        self._placements.learn_title(key, read.sha, read.title)
        return read.title

    def put(
        self, key: str, paged: bool, span: tuple[int, int], place: Place, source: str = ""
    ) -> None:
        """Remember the place of ``span`` in ``key`` for the next export (``source``: found
        in its Document loaded whole, the hash of the bytes it was made from, if known)."""
        self.put_all(key, paged, {span: place}, source)

    def put_columns(
        self, key: str, starts: Sequence[int], ends: Sequence[int], fields: Fields
    ) -> None:
        """Remember the places ``fields`` (the columns of :class:`Place`'s fields) of the
        spans ``zip(starts, ends)``, each one span once, in a document without pages ``key``
        not known before (every document placed again): kept as the columns they are, and
        written so, no Place made."""
        mark = self._placements.mark(key)
        if mark is None:
            return
        entry = self._entries.get(key)
        self._whole = None
        if entry is not None and entry.mark == mark and not entry.paged:  # some known: added
            spans = zip(starts, ends, strict=True)
            made = map(_place, zip(*fields, strict=True))
            self.put_all(key, False, dict(zip(spans, made, strict=True)))
            return
        table = (list(starts), list(ends), *fields)
        self._entries[key] = _Entry(mark, False, table=table, sha=self._read_sha(key))
        self._dirty = self._dirty or bool(starts)

    def put_all(
        self,
        key: str,
        paged: bool,
        places: Mapping[tuple[int, int], Place],
        source: str = "",
    ) -> None:
        """Remember ``places`` (by span) in ``key`` for the next export (``source``: see
        :meth:`put`)."""
        mark = self._placements.mark(key)
        if mark is None:
            return
        entry = self._entries.get(key)
        self._whole = None
        sha = BYTES + source if source else None if paged else self._read_sha(key)
        if entry is None or entry.mark != mark or entry.paged != paged:
            entry = self._entries[key] = _Entry(mark, paged, {}, sha=sha)
        elif entry.sha != sha:  # places found both ways: none kept across a touch
            entry.sha = None
            self._dirty = True
        kept = entry.places
        if not kept:  # a new entry (every document placed again): taken whole
            kept.update(places)
            self._dirty = self._dirty or bool(places)
            return
        for span, place in places.items():
            if kept.get(span) != place:
                kept[span] = place
                self._dirty = True

    def learn_titles(self, documents: Mapping[str, Document]) -> None:
        """The titles of ``documents`` (loaded by the export, each as read) kept by the
        placement cache where it knew none (:meth:`PlacementCache.learn_title`), and saved:
        a Markdown export after a W3C one loaded every plain text for its title, and so did
        each after it."""
        for key, document in documents.items():
            self._placements.learn_title(key, document.sha256, document.title)
        self._placements.save()

    def turns(self, key: str, text: str) -> tuple[Turn, ...]:
        """The speakers' turns of ``key``'s ``text`` (read just now): none when its hash is
        one of a text known to hold none, else found (and a text found to hold none kept)."""
        sha = self.hashes.get(key)
        if sha is not None and self.turnless.holds_none(sha):
            return ()
        turns = find_turns(text)
        if sha is not None and not turns:
            self.turnless.found_none(sha)
        return turns

    def save(self) -> None:
        """Write the cache if anything changed (atomically; errors are ignored); documents
        the placement cache no longer knows are left out.  The texts found to hold no turn
        too, those of the documents as last placed, the W3C export's contexts and the
        Markdown export's blocks."""
        self.turnless.save(self._placements.placed_hashes())
        self.contexts.save()
        if self.blocks is not None:
            self.blocks.save()
        if self.path is None or not self._dirty:
            return
        records: dict[str, list[Any]] = {}
        columns: list[list[Any]] = [[] for _ in range(len(_KINDS))]
        for key, entry in self._entries.items():
            if self._placements.mark(key) is None:
                continue
            table = entry.table()
            records[key] = [*entry.mark, entry.sha, entry.paged, len(table[0])]
            for column, part in zip(columns, table, strict=True):
                column.extend(part)  # type: ignore[arg-type]
        self._dirty = False
        write_cache_documents(self.path, places_release(), records, plain=True, columns=columns)


class Places:
    """The places of an export's annotations: from ``cache`` for documents known to be
    unchanged (none loaded), else from ``documents`` (each loaded on first use)."""

    def __init__(self, documents: Mapping[str, Document], cache: PlacesCache | None) -> None:
        self.documents = documents
        self.cache = cache
        self._lines: dict[str, LineIndex] = {}
        self._turns: dict[str, tuple[Turn, ...]] = {}  # of the texts read (see PlacesCache)
        self._known: dict[str, _Entry | None] = {}  # each document's entry, looked up once

    def _entry(self, key: str) -> _Entry | None:
        if key not in self._known:
            self._known[key] = self.cache.known(key) if self.cache is not None else None
        return self._known[key]

    def title(self, key: str) -> str:
        """The title of document ``key`` (which ``documents`` holds), as the export gate
        writes it."""
        cache = self.cache
        title = cache.title(key) if cache is not None else None
        if title is None and cache is not None and not _loaded(self.documents, key):
            title = cache.title_read(key)  # (placed by an export showing none: its text read)
        return export_line(title) if title is not None else self.documents[key].title

    def known(self, key: str) -> Mapping[tuple[int, int], Place] | None:
        """The places in document ``key`` known from the cache, by ``(start, end)`` (None:
        none known; any other place is found by :meth:`at`)."""
        entry = self._entry(key)
        return entry.places if entry is not None else None

    def in_order(self, key: str, starts: Sequence[int], ends: Sequence[int]) -> Fields | None:
        """The columns of the places of the spans ``zip(starts, ends)`` in document ``key``
        when the cache kept those spans in that order (:meth:`_Entry.in_order`: an unchanged
        document's, as an export asks for them), else None (found by :meth:`run`)."""
        entry = self._entry(key)
        return entry.in_order(starts, ends) if entry is not None else None

    def every_in_order(
        self, keys: Sequence[str], counts: Sequence[int], starts: Sequence[int], ends: Sequence[int]
    ) -> Fields | None:
        """The columns of the places of the spans ``zip(starts, ends)``, a run of
        ``counts[n]`` of them in document ``keys[n]``, when the cache kept every document's
        so, in that order (:meth:`PlacesCache.every_in_order`: an export of documents
        unchanged); else None (each document's found by :meth:`in_order` or :meth:`run`)."""
        if self.cache is None:
            return None
        return self.cache.every_in_order(keys, counts, starts, ends)

    def paged(self, key: str) -> bool:
        """Whether document ``key`` has pages."""
        entry = self._entry(key)
        if entry is not None:
            return entry.paged
        if self._text(key) is not None:
            return False
        return bool(self.documents[key].pages)

    def _text(self, key: str) -> str | None:
        """The text of ``key`` read by the export, or read now when its document is not
        loaded and the placement cache knows its annotations in place in that text
        (:meth:`PlacesCache.text_in_place`); None: its places are found in its document."""
        cache = self.cache
        if cache is None:
            return None
        text = cache.texts.get(key)
        if text is None and not _loaded(self.documents, key):
            text = cache.text_in_place(key)
        return text

    def of(self, annotation: Annotation) -> Place:
        """Where ``annotation`` lies in its document (which ``documents`` holds)."""
        return self.at(annotation.document, annotation.start, annotation.end)

    def run(self, key: str, starts: Sequence[int], ends: Sequence[int]) -> list[Place]:
        """The place of each of the spans ``zip(starts, ends)`` in document ``key`` (which
        ``documents`` holds), in order, as :meth:`at` finds each (see :meth:`run_columns`)."""
        return list(map(_place, zip(*self.run_columns(key, starts, ends), strict=True)))

    def run_columns(self, key: str, starts: Sequence[int], ends: Sequence[int]) -> Fields:
        """The columns of the places (:data:`Fields`) of the spans ``zip(starts, ends)`` in
        document ``key`` (which ``documents`` holds), in order, as :meth:`at` finds each: in
        a text read (see :class:`PlacesCache`), those the cache does not know are found
        together, the text's lines counted once from start to end, and put in the cache at
        once; a text none of whose places is known (every document placed again), its
        spans in reading order, has them found as columns and kept so (no Place made)."""
        entry = self._entry(key)
        text = self.cache.texts.get(key) if self.cache is not None else None
        if entry is None and text is None:  # no place known: its text read, if it can be
            text = self._text(key)
        if entry is None and text is not None and _distinct_in_order(starts, ends):
            return self._columns_in_text(key, text, starts, ends)
        spans = list(zip(starts, ends, strict=True))
        known = entry.places if entry is not None else {}
        if text is None:
            return _fields([known.get(span) or self.at(key, *span) for span in spans])
        missing = sorted({span for span in spans if span not in known})
        if not missing:
            return _fields([known[span] for span in spans])
        lines, turns = self._lines_and_turns(key, text)
        starts_missing = [span[0] for span in missing]  # ascending, as lines() reads them
        told = zip(lines.lines(starts_missing), lines.percents(starts_missing), strict=True)
        if turns:
            made = [
                _place_on_line(turns, line, percent, *span)
                for (line, percent), span in zip(told, missing, strict=True)
            ]
        else:  # no speaker's turn (most texts): the line and percentage alone, made in C
            made = list(map(_place, map(operator.add, told, repeat(_NO_TURN))))
        found = dict(zip(missing, made, strict=True))
        if self.cache is not None:
            self.cache.put_all(key, False, found)
        return _fields([known.get(span) or found[span] for span in spans])

    def _columns_in_text(
        self, key: str, text: str, starts: Sequence[int], ends: Sequence[int]
    ) -> Fields:
        """:meth:`run_columns` of spans each given once, in reading order, in ``key``'s
        ``text`` read just now, none of whose places the cache knows."""
        lines, turns = self._lines_and_turns(key, text)
        numbers, percents = lines.lines(starts), lines.percents(starts)
        if turns:
            made = [
                _place_on_line(turns, line, percent, start, end)
                for line, percent, start, end in zip(numbers, percents, starts, ends, strict=True)
            ]
            fields = _fields(made)
        else:  # no speaker's turn (most texts): the line and percentage alone
            count = len(starts)
            fields = (numbers, percents, [""] * count, [""] * count, [""] * count, [""] * count)
        if self.cache is not None:
            self.cache.put_columns(key, starts, ends, fields)
        return fields

    def _lines_and_turns(self, key: str, text: str) -> tuple[LineIndex, Sequence[Turn]]:
        """The line index and the speakers' turns of document ``key``'s ``text``, each found
        once a document."""
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = LineIndex(text)
        turns = self._turns.get(key)
        if turns is None:
            found = self.cache.turns(key, text) if self.cache is not None else find_turns(text)
            turns = self._turns[key] = found
        return lines, turns

    def at(self, key: str, start: int, end: int) -> Place:
        """Where ``[start, end)`` lies in document ``key`` (which ``documents`` holds)."""
        span = (start, end)
        entry = self._entry(key)
        if entry is not None and span in entry.places:
            return entry.places[span]
        text = self._text(key)
        source = ""  # (found in a text read)
        if text is not None:  # no pages: found in the text read
            lines, turns = self._lines_and_turns(key, text)
            place = place_in_text(turns, lines, *span)
            paged = False
        else:
            document = self.documents[key]
            known_lines = self._lines.get(key)
            if known_lines is None:
                known_lines = self._lines[key] = LineIndex(document.text, document.added_breaks)
            place = place_in(document, known_lines, *span)
            paged = bool(document.pages)
            source = document.source_sha256
        if self.cache is not None:
            self.cache.put(key, paged, span, place, source)
        return place


# 2: a plain text's line is its file's, as grep counts it (a form feed, a lone CR no break)
# 3: a document's places kept as columns (see _Entry), read without making a Place each
# 4: a turn's speaker, time and citation through the export gate
# 5: the hash of the text read the places were found in (kept when a file is touched)
# 6: a passage across two speakers' turns names both
# 7: a passage begun between two turns takes the next one's time
# 8: every document's places in one set of columns, each document a count of their rows
VERSION = 8


def places_release() -> str:
    """What a cache file was written for: the placement cache's release and this version."""
    return f"{release()}/{VERSION}"


_place = functools.partial(tuple.__new__, Place)  # a Place of a row's fields, made in C


def _fields(places: Sequence[Place]) -> Fields:
    """The columns of ``places``' fields."""
    if not places:
        return ([], [], [], [], [], [])
    return tuple(map(list, zip(*places, strict=True)))  # type: ignore[return-value]


def _loaded(documents: Mapping[str, Document], key: str) -> bool:
    """Whether ``key``'s document is loaded (any of a mapping but :class:`DocumentsOnUse`,
    which loads one when first asked for)."""
    return not isinstance(documents, DocumentsOnUse) or documents.loaded(key)


def _distinct_in_order(starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether the spans ``zip(starts, ends)`` are in reading order (by start, then end),
    none given twice: as an export asks for a document's, each passage once."""
    spans = list(zip(starts, ends, strict=True))
    return all(map(operator.lt, spans, spans[1:]))


_NO_TURN = ("", "", "", "")  # the page, speaker, time and citation of a place in no turn
# The type of each column of a Table (a bool is no int here, as json writes none for one)
_KINDS = (int, int, int, int, str, str, str, str)


class _Whole(NamedTuple):
    """The cache file's rows as read: its documents in order, the rows of each, and the
    columns of every row (:data:`Table`), each document's a run in that order."""

    keys: list[str]
    counts: list[int]
    columns: Table


def _read(path: Path) -> tuple[dict[str, _Entry], _Whole | None]:
    """The entries of the cache file, and its rows as read; none when the file is not as
    :meth:`PlacesCache.save` writes it.  The columns are checked a few passes in C (100,000
    places), not a document's at a time; a document's rows are taken out of them when first
    asked for (see :meth:`_Entry._kept`), and not at all when the export takes them whole
    (:meth:`PlacesCache.every_in_order`)."""
    records, more = read_cache_more(path, places_release())
    columns: Any = more.get("columns")
    if not _shaped(columns) or not _typed(columns):
        return {}, None
    table: Table = tuple(columns)
    heads: list[tuple[str, tuple[Any, ...], str | None, bool, int]] = []
    for key, record in records.items():
        try:
            *mark, sha, paged, count = record
        except (TypeError, ValueError):
            return {}, None
        if not (sha is None or type(sha) is str) or type(paged) is not bool:
            return {}, None
        if type(count) is not int or count < 0:
            return {}, None
        heads.append((key, tuple(mark), sha, paged, count))
    counts = [head[-1] for head in heads]
    if sum(counts) != len(table[0]):
        return {}, None
    entries: dict[str, _Entry] = {}
    at = 0
    for key, mark, sha, paged, count in heads:
        entries[key] = _Entry(mark, paged, sha=sha, rows=(table, at, at + count))
        at += count
    return entries, _Whole(list(records), counts, table)


def _shaped(table: Any) -> bool:
    """Whether ``table`` is eight lists of one length."""
    return (
        type(table) is list
        and len(table) == len(_KINDS)
        and all(type(column) is list for column in table)
        and len(set(map(len, table))) == 1
    )


def _typed(columns: Sequence[list[Any]]) -> bool:
    """Whether every one of ``columns`` holds only values of its kind."""
    for column, kind in zip(columns, _KINDS, strict=True):
        if kind is str:  # (a str column joined in C: refused when a value is not one)
            try:
                "".join(column)
            except TypeError:
                return False
        elif not set(map(type, column)) <= {kind}:
            return False
    return True
