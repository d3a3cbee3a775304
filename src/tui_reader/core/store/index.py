"""Look-ups over the tables of ``annotations.json``, kept in step with every change.

Annotation objects are built when first asked for (building 100,000 of them would double the
time to open a database); the index itself only needs each record's id and document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from tui_reader.core.annotations.model import (
    RECORD_FIELDS,
    AnchorStatus,
    Annotation,
    are_code_paths,
    state_problem,
    tags_problem,
)
from tui_reader.core.codebook.names import stored_tag_name
from tui_reader.core.giving_way import give_way
from tui_reader.core.store.journal import Change, Record, Tables

ANNOTATIONS = "annotations"
TAGS = "tags"
POSITIONS = "positions"
META = "meta"
HISTORY = "history"  # the undoable steps (history.py)
SETTINGS = "2"  # doc id of the settings record in ``meta`` ("1" holds the schema version)
DEFAULT_CODER = "default_coder"  # setting: the coder of annotations that name none


def settings_of(data: Tables) -> Record:
    """The settings record of the tables (empty when there is none)."""
    record = data.get(META, {}).get(SETTINGS, {})
    return record if isinstance(record, dict) else {}


def default_coder_of(data: Tables) -> str:
    """The coder of annotations recorded before coders were (``""``: the database names none)."""
    value = settings_of(data).get(DEFAULT_CODER, "")
    return value if isinstance(value, str) else ""


def coder_of(record: Record, default: str) -> str:
    """The coder of an annotation record (``default`` when it names none)."""
    value = record.get("coder")
    return value if isinstance(value, str) and value else default


# More digits than any id the store hands out: a key of more, edited by hand, is no id
# (int() refuses one of over 4,300 digits, and every command stopped with a traceback).
ID_DIGITS = 100


def id_number(key: str) -> int | None:
    """The number the record key ``key`` is (``"12"``: 12); None for a key that is no id:
    not decimal, or of more than :data:`ID_DIGITS` digits."""
    return int(key) if key.isdecimal() and len(key) <= ID_DIGITS else None


def next_doc_id(table: dict[str, Record]) -> int:
    """The TinyDB document id after the largest one of ``table``: its decimal keys found and
    read in passes in C when none is too long to be an id (a call of :func:`id_number` per
    key took 0.16 s of each new annotation at 100,000), else each key looked at on its own."""
    decimal = list(filter(str.isdecimal, table))
    if not decimal:
        return 1
    if max(map(len, decimal)) <= ID_DIGITS:
        return max(map(int, decimal)) + 1
    numbers = [n for n in map(id_number, decimal) if n is not None]
    return max(numbers, default=0) + 1


def all_of(values: Iterable[Any], *kinds: type) -> bool:
    """Whether every value is exactly of one of ``kinds`` (a subclass, a bool for an int, is
    left to the check of each record): one pass in C."""
    return set(map(type, values)) <= set(kinds)


def plain_columns(values: Sequence[Any]) -> list[list[Any]] | None:
    """The ids, documents, starts and ends of annotation records (a column each) when every
    record is a dict whose id, document and quote are exactly strings and start and end ints,
    its status (if given) one of a known name and its revision a whole number >= 0, as the
    index takes them a field at a time; None otherwise (each is looked at on its own)."""
    if not all_of(values, dict):
        return None
    count = len(values)
    columns: list[list[Any]] = []
    for name, kind in (("id", str), ("document", str), ("start", int), ("end", int)):
        column: list[Any] = list(map(dict.get, values, repeat(name, count)))
        if not all_of(column, kind):
            return None
        columns.append(column)
    if not all_of(map(dict.get, values, repeat("quote", count)), str):
        return None
    tags: list[Any] = list(map(dict.get, values, repeat("tags", count)))
    if not all_of(tags, list) or not all_of(chain.from_iterable(tags), str):
        return None  # each record's tags looked at on its own (tags_problem)
    statuses = list(map(dict.get, values, repeat("status", count), repeat(_ABSENT, count)))
    if not all_of(statuses, str, object) or not set(statuses) <= _KNOWN_STATUSES:
        return None  # each record's status looked at on its own (state_problem)
    given = map(dict.get, values, repeat("revision", count), repeat(_ABSENT, count))
    revisions = [r for r in given if r is not _ABSENT]
    if not all_of(revisions, int) or (revisions and min(revisions) < 0):
        return None
    return columns


def as_written(values: Sequence[Any], *, plain: bool = False) -> bool:
    """Whether each of ``values`` is the record :meth:`Annotation.to_record` writes of the
    annotation read from it (as the store writes every record): its fields
    :data:`RECORD_FIELDS` in that order, each of the kind written (the coder named, the codes
    as :func:`code_names` reads them), checked a field at a time.  Such a record with some
    fields replaced is what the annotation with those fields changed writes: no Annotation
    is made to change it (a coder renamed on 20,000 records made 20,000 of them).
    ``plain``: ``values`` are records of a table :func:`plain_columns` passed (see
    :meth:`StoreIndex.records_plain`), which each of them passes too: not checked again."""
    if not values:
        return True
    return (plain or plain_columns(values) is not None) and written_fields(values)


def written_fields(values: Sequence[Any]) -> bool:
    """:func:`as_written` of ``values`` known to pass :func:`plain_columns`."""
    if set(map(tuple, values)) != {RECORD_FIELDS}:
        return False
    count = len(values)
    for name in ("prefix", "suffix", "doc_sha256", "note", "created", "updated", "coder"):
        if not all_of(map(dict.get, values, repeat(name, count)), str):
            return False
    if "" in map(dict.get, values, repeat("coder", count)):
        return False  # the default coder's: written with its name
    return are_code_paths(chain.from_iterable(record["tags"] for record in values))


_ABSENT = object()  # a field not given
_KNOWN_STATUSES = {status.value for status in AnchorStatus} | {_ABSENT}


def doc_id_order(item: tuple[str, Any]) -> tuple[int, str]:
    """Sort key of ``(doc_id, record)``: creation order."""
    key = item[0]
    number = id_number(key)
    return (number, key) if number is not None else (1 << 62, key)


def _grouped(keys: dict[str, tuple[str, str]]) -> dict[str, set[str]]:
    """The doc ids of ``keys`` (doc_id -> (id, document)) by document, in their order: a
    set per run of one document's records (they mostly sit together), not per record."""
    by_document: dict[str, set[str]] = {}
    pairs = zip(map(itemgetter(1), keys.values()), keys, strict=True)
    for document, run in groupby(pairs, itemgetter(0)):
        ids = by_document.get(document)
        if ids is None:
            by_document[document] = set(map(itemgetter(1), run))
        else:
            ids.update(map(itemgetter(1), run))
    return by_document


BUILT_AT_ONCE = 1000  # annotations built between two looks at the main thread (see all)


class StoreIndex:
    """Where each annotation, tag and reading position lives in the tables (doc ids)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: Tables = {}
        self._stale = False  # data was reloaded: rebuilt when first looked at
        # the codes' look-up, built on its own when first asked for: a new passage asks for
        # its codes, not for the index of every annotation (0.4 s at 100,000)
        self._tags_stale = False
        self._problems: list[str] = []  # unreadable records (kept in the file, untouched)
        self._by_id: dict[str, str] = {}  # annotation id -> doc_id
        self._keys: dict[str, tuple[str, str]] = {}  # doc_id -> (annotation id, document)
        self._cache: dict[str, Annotation] = {}  # doc_id -> Annotation, built when first asked
        self._by_document: dict[str, set[str]] | None = {}  # None: made when first asked
        self._tag_ids: dict[str, str] = {}  # tag name -> doc_id
        # document -> doc_id; None: made from the positions table alone when first asked for
        # (the reader asks at its first screen: not the whole index, which reads every
        # annotation, seconds at 100,000).
        self._position_ids: dict[str, str] | None = {}
        self.next_ids: dict[str, int] = {}  # table -> next free doc id, once asked for
        # while the look-ups are not built: whether every annotation record is one they read
        # (None: not looked at since the tables were read; see :meth:`readable_ids`)
        self._all_plain: bool | None = None
        # and whether every one is as the store writes it (:func:`as_written`), the same way

    # The look-ups, built when first asked for after a reload: a command that never asks
    # (``history``) never parses the tables they are made from (see :mod:`.snapshot`).

    @property
    def problems(self) -> list[str]:
        """The records the look-ups cannot read; none, without building the look-ups, while
        they are not built and every record is known to be one they read (:meth:`readable_ids`
        looked: ``tags`` and ``coders`` built them after counting, 0.4 s at 100,000, to
        find none)."""
        if self._stale and self._all_plain:
            return []
        return self._built()._problems

    @property
    def by_id(self) -> dict[str, str]:
        return self._built()._by_id

    @property
    def keys(self) -> dict[str, tuple[str, str]]:
        return self._built()._keys

    @property
    def cache(self) -> dict[str, Annotation]:
        return self._built()._cache

    @property
    def by_document(self) -> dict[str, set[str]]:
        by_document = self._built()._by_document
        if by_document is None:
            by_document = self._by_document = _grouped(self._keys)
        return by_document

    @property
    def tag_ids(self) -> dict[str, str]:
        if self._tags_stale:
            self._tags_stale = False
            self._rebuild_tags()
        return self._tag_ids

    @property
    def position_ids(self) -> dict[str, str]:
        position_ids = self._position_ids
        if position_ids is None:
            position_ids = self._position_ids = {
                str(d["document"]): i for i, d in self.data.get(POSITIONS, {}).items()
                if isinstance(d, dict) and "document" in d
            }  # fmt: skip
        return position_ids

    @property
    def stale(self) -> bool:
        """Whether the annotations' look-ups are to be built from the tables when next asked
        for (the codes' are built on their own: :attr:`tag_ids`)."""
        return self._stale

    def _built(self) -> StoreIndex:
        if self._stale:
            self._stale = False
            self._rebuild()
        return self

    def readable_ids(self) -> list[str]:
        """The doc ids of :attr:`keys`, in its order, without building the look-ups while
        they are not built and every annotation record is one they read (checked a field at
        a time once, and each record put since: 0.15 s at 100,000 where building them took
        0.3 s): then every record of the table, in its order, as the look-ups built from it
        would hold them.  (A reader that takes them so takes every record as stored, as
        :meth:`AnnotationStore.problems_met` counts on.)"""
        records = self._unindexed()
        return list(self.keys) if records is None else list(records)

    def documents(self) -> list[str]:
        """The documents of :attr:`keys`, sorted: while the look-ups are not built and every
        annotation record is one they read (see :meth:`readable_ids`), every record's, read
        from the records without building them (a memo listed or an attribute set on 100,000
        annotations built them, 0.45 s, to know which files to look for)."""
        records = self._unindexed()
        if records is None:
            return sorted(self.by_document)
        return sorted({record["document"] for record in records.values()})

    def records_by_document(self) -> dict[str, list[Record]]:
        """Every record of :attr:`keys` as stored, by document (in no order): while the
        look-ups are not built and every annotation record is one they read (see
        :meth:`readable_ids`), grouped from the records without building them (a query or a
        report on 100,000 annotations built them, checking every record a second time, 0.3 s,
        to group them)."""
        records = self._unindexed()
        if records is None:
            table = self.data.get(ANNOTATIONS, {})
            return {d: [table[i] for i in ids] for d, ids in self.by_document.items()}
        found: dict[str, list[Record]] = {}
        for record in records.values():
            held = found.get(record["document"])
            if held is None:
                found[record["document"]] = [record]
            else:
                held.append(record)
        return found

    def _unindexed(self) -> dict[str, Record] | None:
        """The annotation records while the look-ups are not built and every one is one
        they read (checked a field at a time once, and each record put since): what the
        look-ups built from them would hold, every record; None otherwise."""
        if not self._stale:
            return None
        records = self.data.get(ANNOTATIONS, {})
        if self._all_plain is None:
            self._all_plain = plain_columns(list(records.values())) is not None
        return records if self._all_plain else None

    def records_plain(self) -> bool:
        """Whether :meth:`readable_ids` gives every annotation record as stored, the table
        checked whole by :func:`plain_columns` (and each record put since): any of its
        records then passes it too (its checks are of each value, but for the least
        revision, which a part's is no less than)."""
        return self._stale and bool(self._all_plain)

    def annotations_read(self, doc_ids: Sequence[str]) -> list[tuple[str, Annotation]]:
        """:meth:`all` of ``doc_ids`` from :meth:`readable_ids`: while the look-ups are not
        built, each annotation made from its record, when each is made (else :meth:`all`,
        which says the records it could not read)."""
        if self._stale and self._all_plain:
            records = self.data.get(ANNOTATIONS, {})
            coder = default_coder_of(self.data)
            try:
                return [(i, Annotation.from_record(records[i], coder)) for i in doc_ids]
            except (KeyError, ValueError, TypeError):
                pass
        return self.all(doc_ids)

    def apply(self, data: Tables, changes: Sequence[Change] | None) -> None:
        """Follow ``changes`` already applied to ``data`` (None: ``data`` was reloaded)."""
        self.data = data
        if changes is None:
            self._stale = self._tags_stale = True
            self._all_plain = None
            self._position_ids = None
            self.next_ids = {}
            return
        if any(doc_id is None for _, doc_id, _ in changes):  # a table made or dropped
            self._stale = self._tags_stale = True
            self._all_plain = None
            self._position_ids = None
            self.next_ids = {}
            return
        if self._all_plain:  # each record put since it was checked, checked the same way
            put = [doc for table, _, doc in changes if table == ANNOTATIONS and doc is not None]
            if put and plain_columns(put) is None:
                self._all_plain = None
        position_ids = self._position_ids
        for table, doc_id, doc in changes:  # the positions follow, stale index or not
            if (
                table == POSITIONS
                and position_ids is not None
                and doc_id is not None
                and isinstance(doc, dict)
                and "document" in doc
            ):
                position_ids[str(doc["document"])] = doc_id
        for table, doc_id, doc in changes:  # ids handed out stay taken, stale or not
            number = None if doc is None or not doc_id else id_number(doc_id)
            if number is not None and table in self.next_ids:
                self.next_ids[table] = max(self.next_ids[table], number + 1)
        if self._stale and self._tags_stale:
            return  # the rebuilds will read them from data
        # the codes' names by record, made once for the step (made for each of its codes,
        # the index of every code: an import of 4,000 new codes took 9 s there)
        names_of: dict[str, list[str]] | None = None
        for table, doc_id, doc in changes:
            assert doc_id is not None
            if table == META:
                self._cache.clear()  # the default coder may have changed
            elif table == ANNOTATIONS:
                if self._stale:
                    continue  # the rebuild will read it from data
                self._unindex_annotation(doc_id)
                if doc is not None:
                    self._index_annotation(doc_id, doc)
            elif table == TAGS:
                if self._tags_stale:
                    continue
                if names_of is None:
                    names_of = {}
                    for known, i in self._tag_ids.items():
                        names_of.setdefault(i, []).append(known)
                for gone in names_of.pop(doc_id, ()):
                    del self._tag_ids[gone]
                name = stored_tag_name(doc["name"]) if doc is not None and "name" in doc else ""
                if name and name not in self._tag_ids:  # each code's first record
                    self._tag_ids[name] = doc_id
                    names_of.setdefault(doc_id, []).append(name)

    def _rebuild(self) -> None:
        data = self.data
        self._problems = []
        self._by_id, self._keys, self._cache, self._by_document = {}, {}, {}, {}
        records = data.get(ANNOTATIONS, {})
        if not self._index_plain(records):
            for doc_id, record in records.items():
                self._index_annotation(doc_id, record)

    def _rebuild_tags(self) -> None:
        tags = self.data.get(TAGS, {})
        self._tag_ids = {}
        for i, d in sorted(tags.items(), key=doc_id_order):
            # each code's first record, its name read as the codebook reads it ("x/" is x)
            if "name" in d and (name := stored_tag_name(d["name"])):
                self._tag_ids.setdefault(name, i)

    def _index_plain(self, records: dict[str, Record]) -> bool:
        """Index ``records`` a field at a time (100,000 of them: passes in C, not a call per
        record) when every one is a dict whose id, document and quote are strings and start
        and end ints, as :meth:`_index_annotation` would find them; False (nothing indexed)
        otherwise.  The records by document are grouped when first asked for (``tags`` and
        ``coders`` never ask)."""
        values = list(records.values())
        columns = plain_columns(values)
        if columns is None:
            return False
        ids, documents = columns[0], columns[1]
        doc_ids = list(records)
        self._by_id = dict(zip(ids, doc_ids, strict=True))
        self._keys = dict(zip(doc_ids, zip(ids, documents, strict=True), strict=True))
        self._by_document = None
        return True

    def _index_annotation(self, doc_id: str, record: Record) -> None:
        ident, document = record.get("id"), record.get("document")
        if not (
            isinstance(ident, str)
            and isinstance(document, str)
            and isinstance(record.get("start"), int)
            and isinstance(record.get("end"), int)
            and isinstance(record.get("quote"), str)
        ):
            self._problems.append(
                f"{self.path}: annotation record {doc_id} is unreadable (missing or bad id, "
                "document, start, end or quote)"
            )
            return
        problem = tags_problem(record.get("tags")) or state_problem(record)
        if problem is not None:
            self._problems.append(
                f"{self.path}: annotation record {doc_id} is unreadable ({problem})"
            )
            return
        self._by_id[ident] = doc_id
        self._keys[doc_id] = (ident, document)
        if self._by_document is not None:
            self._by_document.setdefault(document, set()).add(doc_id)

    def _unindex_annotation(self, doc_id: str) -> None:
        self._cache.pop(doc_id, None)
        old = self._keys.pop(doc_id, None)
        if old is None:
            return
        ident, document = old
        if self._by_id.get(ident) == doc_id:
            del self._by_id[ident]
        by_document = self._by_document  # None: not grouped yet, nothing to follow
        ids = None if by_document is None else by_document.get(document)
        if ids is not None and by_document is not None:
            ids.discard(doc_id)
            if not ids:
                del by_document[document]

    def annotation(self, doc_id: str, default_coder: str | None = None) -> Annotation | None:
        """The annotation stored under ``doc_id`` (built once, then cached); ``default_coder``:
        :func:`default_coder_of` the tables, when the caller has it (100,000 look-ups less)."""
        cache = self._built()._cache
        cached = cache.get(doc_id)
        if cached is not None:
            return cached
        record = self.data.get(ANNOTATIONS, {}).get(doc_id)
        if record is None:
            return None
        if default_coder is None:
            default_coder = default_coder_of(self.data)
        try:
            annotation = Annotation.from_record(record, default_coder)
        except (KeyError, ValueError, TypeError) as exc:
            self._problems.append(f"{self.path}: annotation record {doc_id} is unreadable ({exc})")
            self._unindex_annotation(doc_id)
            return None
        cache[doc_id] = annotation
        return annotation

    def all(self, doc_ids: Iterable[str]) -> list[tuple[str, Annotation]]:
        """``(doc_id, annotation)`` for ``doc_ids``, leaving out unreadable records.  Those
        not built yet are built a thousand at a time, giving way between (see
        :mod:`~tui_reader.core.giving_way`): after a code on 3,975 passages was renamed, the
        app's workers (the library's counts, the codebook's, a view's placing) built the
        100,000 again while the keys waited for them."""
        coder = default_coder_of(self.data)
        cached = self._built()._cache.get  # built once: most are (100,000 look-ups)
        annotation = self.annotation
        found = []
        built = 0
        for i in list(doc_ids):
            a = cached(i)
            if a is None:
                built += 1
                if built % BUILT_AT_ONCE == 0:
                    give_way()
                a = annotation(i, coder)
                if a is None:
                    continue
            found.append((i, a))
        return found

    def new_doc_id(self, table: str) -> str:
        """Reserve the next document id of ``table``."""
        number = self.next_ids.get(table)
        if number is None:
            number = next_doc_id(self.data.get(table, {}))
        self.next_ids[table] = number + 1
        return str(number)
