"""Which documents' annotations are known to sit in place, between runs: an export of 100,000
annotations need not load 10,000 unchanged documents to re-anchor them.

Re-anchoring (:func:`~tui_reader.core.annotations.anchoring.reanchor`) reads only a document's
text and hash and an annotation's place (``start``, ``end``, ``quote``, ``prefix``, ``suffix``,
``doc_sha256``, ``status``), and what it returns it returns again when asked once more.  So
after a document's annotations were placed, this cache keeps, by document key: the stamp of
the file they were placed in (modification and change times, size, inode), the text's hash,
and a fingerprint of those places.  While the file's stamp and the places' fingerprint are
the same, placing them again would return them unchanged: the caller skips the load.  A
changed file, a new or moved annotation, or another version of tui-reader (whose conversion
may give another canonical text) misses, and the document is loaded and placed as before.

It also keeps, once a pass found every annotated document's annotations in place, the
database's state then (:meth:`AnnotationStore.state`): while the database is in that state
and each annotated file has the stamp kept for it, every document is known in place without
a fingerprint of its annotations (:meth:`PlacementCache.settled`).  Any change of a document's
entry forgets that state.

Never the truth, like the facts cache: a cache file that cannot be read is ignored, one that
cannot be written is left unsaved.  Where it lives:
:func:`tui_reader.locations.placement_cache_path`.
"""

from __future__ import annotations

import json
import operator
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui_reader import __version__
from tui_reader.core import digests
from tui_reader.core.annotations.model import AnchorStatus, Annotation
from tui_reader.core.cache_files import read_cache_more, write_cache_documents
from tui_reader.core.documents.formats import texts_version

# 4: orphans made on another text never kept in place; 5: a fuzzy passage ends where its
# context begins again (words added at its end were cut); 6: the hash of the file's bytes
# the text was read from, when it was read whole (see PlacementCache.bytes_digest)
VERSION = 6
Stamp = tuple[int, int, int, int]  # (mtime_ns, ctime_ns, size, inode)


def release() -> str:
    """What the cached places depend on besides the file: the code that converts it."""
    return f"{VERSION}/{__version__}/{texts_version()}"


def stamp_of(path: Path | str) -> Stamp | None:
    """The stamp of the regular file at ``path`` (None when it is not one or cannot be read).

    The change time moves on a write, a rename over it and a change of permissions."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return stamp_of_stat(st)


def stamp_of_stat(st: os.stat_result) -> Stamp | None:
    """:func:`stamp_of` a file whose ``os.stat`` is ``st``."""
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


# What re-anchoring reads of an annotation (the status, a StrEnum, is written as its value).
_PLACE = operator.attrgetter("start", "end", "status", "doc_sha256", "quote", "prefix", "suffix")


def fingerprint(annotations: Sequence[Annotation]) -> str:
    """A digest of what re-anchoring reads of ``annotations`` (in the order given)."""
    return places_mark(list(map(_PLACE, annotations)))


def _may_go(placed: Sequence[Annotation], sha256: str) -> bool:
    """Whether ``placed`` are orphans every one, none made on the text of hash ``sha256``:
    placed again, they may go to another file holding the text they were made on."""
    return bool(placed) and all(
        a.status is AnchorStatus.ORPHAN and a.doc_sha256 not in ("", sha256) for a in placed
    )


def places_mark(places: Sequence[Sequence[object]]) -> str:
    """:func:`fingerprint` of annotations given as what re-anchoring reads of each: its
    ``start``, ``end``, ``status`` (or its value), ``doc_sha256``, ``quote``, ``prefix`` and
    ``suffix``, in that order."""
    return digests.blake2b(_places_bytes(places), digest_size=16).hexdigest()


def _places_bytes(places: Sequence[Sequence[object]]) -> bytes:
    """``places`` as JSON, orjson's (a quarter of json.dumps's time: 10,000 documents'
    marks took 0.26 s) or, for what it refuses (a lone surrogate from an odd import, an int
    beyond 64 bits), json.dumps's in ASCII escapes.  The two never write the same bytes for
    different values: both are JSON, read back as what was written."""
    import orjson  # loaded when a first mark is made (not before a first screen)

    try:
        return orjson.dumps(places)
    except orjson.JSONEncodeError:
        return json.dumps(places).encode("ascii")


_ORPHAN = AnchorStatus.ORPHAN.value


def held_in_place(
    text: str,
    sha256: str,
    starts: Sequence[int],
    ends: Sequence[int],
    statuses: Sequence[str],
    shas: Sequence[str],
    quotes: Sequence[str],
) -> bool:
    """Whether placing annotations in ``text`` (of hash ``sha256``) would leave every one as
    it is (:func:`~tui_reader.core.annotations.anchoring.reanchor` returns it unchanged),
    the annotations given as columns of what it reads (each one's start, end, status's
    value, doc_sha256 and quote): none an orphan, each with a quote, made on this text and
    finding its quote there at its offsets.  Each a pass in C over the columns."""
    return (
        _ORPHAN not in statuses
        and all(quotes)
        and shas.count(sha256) == len(shas)
        and all(map(operator.eq, map(text.__getitem__, map(slice, starts, ends)), quotes))
    )


# The same fields of a stored record (``Annotation.to_record``): a record reads as the
# annotation it stores exactly when their fingerprints are equal.
_RECORD_PLACE = operator.itemgetter(
    "start", "end", "status", "doc_sha256", "quote", "prefix", "suffix"
)


def record_fingerprint(records: Sequence[dict[str, object]]) -> str | None:
    """:func:`fingerprint` of the annotations ``records`` store, read from the records (no
    Annotation built); None when one lacks a field (build them).  Equal to the annotations'
    only when every field is what ``Annotation.from_record`` makes of it: a JSON value
    prints as itself, ``1`` and ``true`` and ``"1"`` differently."""
    try:
        places = list(map(_RECORD_PLACE, records))
    except KeyError:
        return None
    return places_mark(places)


class PlacementCache:
    """By document key: the file's stamp, its text's hash, the fingerprint of places in it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, _Entry] = {}
        self._settled: list[int] | None = None  # the database's state when all was in place
        self._dirty = False
        if path is not None:
            self._entries, self._settled = _read(path)

    def sha256(self, key: str, stamp: Stamp | None) -> str | None:
        """The hash of ``key``'s canonical text when it was read from a file of ``stamp``."""
        entry = self._entries.get(key)
        return entry[1] if entry is not None and stamp is not None and entry[0] == stamp else None

    def in_place(self, key: str, stamp: Stamp | None, annotations: Sequence[Annotation]) -> bool:
        """True when ``annotations`` (sorted by reading order) were placed in the text of the
        file of ``stamp`` and came out as they are: placing them again changes nothing."""
        entry = self._entries.get(key)
        return (
            entry is not None
            and stamp is not None
            and entry[0] == stamp
            and entry[2] == fingerprint(annotations)
        )

    def fingerprint_in_place(self, key: str, stamp: Stamp | None, mark: str | None) -> bool:
        """:meth:`in_place` for annotations whose :func:`fingerprint` is ``mark``."""
        entry = self._entries.get(key)
        return (
            entry is not None
            and stamp is not None
            and mark is not None
            and entry[0] == stamp
            and entry[2] == mark
        )

    def placed_with(self, key: str, mark: str) -> bool:
        """Whether ``key``'s annotations were last placed as those whose :func:`fingerprint`
        is ``mark`` (whether they still are, its file's stamp tells:
        :meth:`fingerprint_in_place`); when not, no stamp of its file can tell it."""
        entry = self._entries.get(key)
        return entry is not None and entry[2] == mark

    def settled(self, state: tuple[int, ...] | None, stamps: dict[str, Stamp | None]) -> bool:
        """True when every annotation of the database is known in place without looking at
        them: the database is in ``state`` (:meth:`AnnotationStore.state`), in which a pass
        found each annotated document's annotations in place (see :meth:`settle`), and
        ``stamps`` (each annotated document's key -> its file's stamp now) are the stamps kept
        for them.  The caller gives the stamp of a file only when it was listed in the corpus."""
        if not self.settled_at(state):
            return False
        entries = self._entries
        for key, stamp in stamps.items():
            entry = entries.get(key)
            if entry is None or stamp is None or entry[0] != stamp:
                return False
        return True

    def settled_at(self, state: tuple[int, ...] | None) -> bool:
        """Whether a pass found every annotation of the database in place with the database
        in ``state`` (see :meth:`settle`): what :meth:`settled` asks before the stamps of
        the files, which cannot tell it otherwise (the cache lost, or the database changed
        since)."""
        return state is not None and self._settled is not None and list(state) == self._settled

    def settle(self, state: tuple[int, ...] | None) -> None:
        """Every annotated document's annotations, as the database holds them in ``state``,
        were just found in place (:meth:`in_place` true for each, nothing placed anew)."""
        mark = None if state is None else list(state)
        if mark != self._settled:
            self._settled = mark
            self._dirty = True

    def placed_sha256(self, key: str) -> str | None:
        """The hash of the text ``key``'s annotations were last placed on (see :meth:`mark`)."""
        entry = self._entries.get(key)
        return None if entry is None else entry[1]

    def placed_hashes(self) -> set[str]:
        """The hashes of the texts the documents' annotations were last placed on."""
        return {entry[1] for entry in self._entries.values()}

    def placed_mark(self, key: str) -> str | None:
        """The fingerprint of ``key``'s annotations as last placed (see :meth:`placed_with`);
        None when not known."""
        entry = self._entries.get(key)
        return None if entry is None else entry[2]

    def bytes_digest(self, key: str) -> str:
        """The SHA-256 of the bytes of ``key``'s file whose text its annotations were last
        placed on, when that text was read from those bytes alone (a plain text or
        Markdown file read whole, a UTF-8 plain text read a piece at a time, its pieces
        hashed as read: see :mod:`~tui_reader.core.interchange.records_in_place`; a
        document loaded whole, its ``source_sha256``: a PDF, a Word file, a web page);
        "" when not known.  A file touched since, holding those bytes, holds that text."""
        entry = self._entries.get(key)
        return "" if entry is None else entry[4]

    def title(self, key: str) -> str | None:
        """The title of ``key``'s document as last placed (see :meth:`mark`); None when not
        known (placed by an export that shows no title: its reader loads the document)."""
        entry = self._entries.get(key)
        return None if entry is None else entry[3]

    def mark(self, key: str) -> tuple[int, int, int, int, str] | None:
        """The stamp of ``key``'s file and the fingerprint of its places, as last placed (what
        caches of facts about those places are valid for); None when not known."""
        entry = self._entries.get(key)
        return None if entry is None else (*entry[0], entry[2])

    def put(
        self,
        key: str,
        stamp: Stamp | None,
        sha256: str,
        placed: Sequence[Annotation],
        title: str | None = "",
        digest: str = "",
    ) -> None:
        """``placed`` (sorted by reading order) are the annotations of ``key`` as placing them
        in the text of the file of ``stamp`` (hash ``sha256``, document title ``title``) left
        them.  Annotations that are orphans every one, made on another text, are never
        known in place (their mark is none): the file of their text may come into the corpus,
        or one of two copies of it go, at any time, and they are looked for again each pass
        (else the first pass that left them orphans kept them so for good).  ``digest``: the
        hash of the file's bytes the text was made from (a Document's ``source_sha256``),
        "" if not known (see :meth:`bytes_digest`)."""
        mark = fingerprint(placed) if stamp is not None and not _may_go(placed, sha256) else ""
        self.put_mark(key, stamp, sha256, mark, title, digest)

    def put_mark(
        self,
        key: str,
        stamp: Stamp | None,
        sha256: str,
        mark: str,
        title: str | None,
        digest: str = "",
    ) -> None:
        """:meth:`put` of annotations whose :func:`fingerprint` is ``mark`` (``title`` None:
        not looked for; the one known of the same text is kept); ``digest``: the hash of the
        file's bytes the text was read from alone (see :meth:`bytes_digest`), "" if none."""
        if stamp is None:
            if self._entries.pop(key, None) is not None:
                self._settled = None
                self._dirty = True
            return
        known = self._entries.get(key)
        if title is None and known is not None and known[1] == sha256:
            title = known[3]  # a file touched, its text the same: its title too
        entry = (stamp, sha256, mark, title, digest)
        if self._entries.get(key) != entry:
            self._entries[key] = entry
            self._settled = None
            self._dirty = True

    def learn_title(self, key: str, sha256: str, title: str) -> None:
        """``title`` is that of ``key``'s document read from the text of hash ``sha256``: kept
        when its entry, of that text, says its title is not known (placed by an export that
        shows none), so the next export showing titles loads no document for it.  Where the
        annotations are, and what was settled, is unchanged."""
        entry = self._entries.get(key)
        if entry is not None and entry[3] is None and entry[1] == sha256 and title:
            self._entries[key] = (*entry[:3], title, entry[4])
            self._dirty = True

    def forget(self, keys: Iterable[str]) -> None:
        """Forget what was kept of ``keys``: each is read again when next asked for."""
        for key in keys:
            self.put_mark(key, None, "", "", "")

    def keep_only(self, keys: set[str]) -> None:
        """Forget documents that no longer have annotations."""
        for key in [k for k in self._entries if k not in keys]:
            del self._entries[key]
            self._settled = None
            self._dirty = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically; errors are ignored)."""
        if self.path is None or not self._dirty:
            return
        records = {key: [*stamp, *facts] for key, (stamp, *facts) in self._entries.items()}
        self._dirty = False
        write_cache_documents(self.path, release(), records, plain=True, settled=self._settled)


# An entry: the file's stamp, the text's hash, the places' fingerprint, the title (None: not
# looked for) and the hash of the file's bytes the text was read from ("": not known)
_Entry = tuple[Stamp, str, str, str | None, str]


def _read(path: Path) -> tuple[dict[str, _Entry], list[int] | None]:
    records, more = read_cache_more(path, release())
    settled = more.get("settled")
    if not (isinstance(settled, list) and all(type(n) is int for n in settled)):
        settled = None
    entries: dict[str, _Entry] = {}
    for key, record in records.items():
        if (
            isinstance(record, list)
            and len(record) == 8
            and all(type(n) is int for n in record[:4])
            and all(isinstance(t, str) for t in record[4:6])
            and (record[6] is None or isinstance(record[6], str))  # None: title not known
            and isinstance(record[7], str)
        ):
            mtime, ctime, size, inode, sha, mark, title, digest = record
            entries[key] = ((mtime, ctime, size, inode), sha, mark, title, digest)
        else:
            settled = None  # an entry left out: what was settled with it is not known
    return entries, settled
