"""The annotation store: annotations, the tag codebook and reading positions in one TinyDB file.

Tables of ``annotations.json`` (a plain TinyDB file, see :mod:`tui_reader.core.store.journal`
for how it is written crash-safely and shared between processes):

- ``annotations``: one document per annotation (:meth:`Annotation.to_record`);
- ``tags``: the codebook, ``name``, ``color``, ``description``, in creation order;
- ``positions``: ``document``, ``offset`` (code point), ``updated``: where reading stopped;
- ``meta``: record 1 ``schema_version``; record 2 the settings: ``default_coder``, the coder of
  annotations recorded before each annotation named its coder (set to the coder then working
  by the first change, or by the opening for writing of a database holding annotations);
- ``history``: the undoable steps (:mod:`tui_reader.core.store.history`).

Each annotation names its ``coder``; a record without one belongs to the default coder.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import eq
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tui_reader.core.annotations.model import Annotation, Tag, reading_order, utc_now
from tui_reader.core.errors import LockBusy, StaleAnnotationError, StoreError
from tui_reader.core.store.caller import ORIGIN, LockWait
from tui_reader.core.store.document_records import DocumentRecords
from tui_reader.core.store.history_records import HistoryRecords
from tui_reader.core.store.index import (
    ANNOTATIONS,
    DEFAULT_CODER,
    META,
    POSITIONS,
    SETTINGS,
    TAGS,
    StoreIndex,
    all_of,
    as_written,
    coder_of,
    default_coder_of,
    plain_columns,
    settings_of,
)
from tui_reader.core.store.journal import (
    DEFAULT_COMPACT_BYTES,
    Change,
    JournaledTables,
    Record,
    Tables,
)
from tui_reader.core.store.position_records import PositionRecords
from tui_reader.core.store.schema import SCHEMA_VERSION, migration_changes, schema_of
from tui_reader.core.store.tag_records import TagRecords
from tui_reader.locations import resolve_coder

if TYPE_CHECKING:
    from tui_reader.core.store.history import PendingStep, Step, UndoRefused

__all__ = [
    "SCHEMA_VERSION",
    "AnnotationStore",
    "StaleAnnotationError",
    "Step",
    "StoreError",
    "UndoRefused",
]


def __getattr__(name: str) -> Any:
    """``Step`` and ``UndoRefused`` of :mod:`~tui_reader.core.store.history`, which loads when
    first asked for (opening and reading a database do not need it)."""
    if name in ("Step", "UndoRefused"):
        from tui_reader.core.store import history

        return getattr(history, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_UNKNOWN: Any = object()  # an id not looked up yet (see AnnotationStore.lookup)

# annotations made from their records between two questions whether to stop
# (:meth:`AnnotationStore.annotations_read_once`)
MADE_AT_ONCE = 1024


class AnnotationStore(TagRecords, HistoryRecords, PositionRecords, DocumentRecords):
    """Annotations, plus the codebook
    (:mod:`~tui_reader.core.store.tag_records`), the undo history
    (:mod:`~tui_reader.core.store.history_records`), reading positions
    (:mod:`~tui_reader.core.store.position_records`), document attributes and memos
    (:mod:`~tui_reader.core.store.document_records`), saved durably on every change.

    Every write is durable when the method returns (an fsynced journal line, under a file lock
    shared with other processes) and raises :class:`StoreError` when it could not be saved.
    Every read first checks, cheaply, whether another process changed the database.
    """

    def __init__(
        self,
        path: Path,
        *,
        compact_bytes: int = DEFAULT_COMPACT_BYTES,
        read_only: bool | None = None,
        coder: str | None = None,
    ) -> None:
        """Open (or create) the database at ``path``; ``read_only`` forces or forbids read-only
        mode (default: read-only when the file or its folder is not writable).  ``coder`` (default:
        as :func:`~tui_reader.locations.resolve_coder` decides) becomes the database's default
        coder when it has none yet."""
        self.path = Path(path).absolute()
        self.coder = resolve_coder() if coder is None else coder
        # Grows with every change seen, ours or another process's: a UI polls
        # reload_if_changed() and redraws when this moved.
        self.revision = 0
        # Grows with the same changes but a reading position's alone (saved 1.5 s after the
        # caret stops): what the passages were placed from, for the views that place them.
        self.coding_revision = 0
        self._mutex = threading.RLock()
        # every annotation as :meth:`annotations` last gave them, and the count of index
        # changes they were made at (see there); dropped at each change
        self._index_changes = 0
        self._every: tuple[int, list[Annotation]] | None = None
        self._pending = threading.local()  # the step being gathered by this thread, if any
        self._index = StoreIndex(self.path)
        self._tables = JournaledTables(
            self.path, listener=self._on_change, compact_bytes=compact_bytes, read_only=read_only
        )
        self._migrate()
        self._tables.lay_out_by_line()  # a database an earlier version wrote, once
        self._tables.remove_killed_saves()

    @property
    def read_only(self) -> bool:
        """Whether changes are refused: as asked, or for the file's or its folder's
        permissions until they are given back (looked at again when a change comes).  False
        while the file is being opened (the listener runs during the opening)."""
        tables: JournaledTables | None = self.__dict__.get("_tables")
        return tables is not None and tables.read_only

    def writing(self) -> bool:
        """Whether a save or a fold of this store is under way (its lock held), from any
        thread, without waiting for the store."""
        tables: JournaledTables | None = self.__dict__.get("_tables")
        return tables is not None and tables.writing()

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version of the database (0: written before versions existed); a
        :class:`StoreError` naming the file when it says one that is not a whole number."""
        try:
            return schema_of(self._tables.data)
        except StoreError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer tui-reader (schema {version}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade tui-reader"
            )
        if version == SCHEMA_VERSION:
            self._name_default_coder()
            return
        if self.read_only:
            self._tables.apply_in_memory(migration_changes(self._tables.data))
            self._rebuild()
            return
        with self._tables.transaction():
            if self.schema_version() < SCHEMA_VERSION:
                self._tables.commit(migration_changes(self._tables.data))
        self._name_default_coder()
        self._tables.compact()

    def _name_default_coder(self) -> None:
        """Annotations that name no coder are the work of whoever first opens the database
        for writing after coders came in: record that once, in the settings.  A database
        with no annotation yet (the seed, a new one) is not written for it: opening changes
        nothing; the first change names the coder (:meth:`_writing`)."""
        if self.read_only or not self.coder or default_coder_of(self._tables.data):
            return
        if not self._tables.data.get(ANNOTATIONS):
            return
        with contextlib.suppress(LockBusy), self._tables.transaction():  # busy: next time
            if not default_coder_of(self._tables.data):
                self._set_setting(DEFAULT_CODER, self.coder)

    # -- settings ----------------------------------------------------------------------------

    def settings(self) -> dict[str, object]:
        """The database's settings (``default_coder``, ...)."""
        self._tables.refresh()
        return dict(settings_of(self._tables.data))

    @property
    def default_coder(self) -> str:
        """The coder of annotations that name none (``""``: the database names no one)."""
        self._tables.refresh()
        return default_coder_of(self._tables.data)

    def set_default_coder(self, name: str) -> None:
        """Say whose the annotations that name no coder are."""
        with self._writing():
            self._set_setting(DEFAULT_CODER, name)

    def _set_setting(self, key: str, value: object) -> None:
        record = dict(settings_of(self._tables.data)) | {key: value}
        self._tables.commit([(META, None, {}), (META, SETTINGS, record)])

    # -- indexes (rebuilt on reload, updated per change) -----------------------------------------

    def _on_change(self, data: Tables, changes: Sequence[Change] | None) -> None:
        with self._mutex:
            self.revision += 1
            if changes is None or any(table != POSITIONS for table, _, _ in changes):
                self.coding_revision += 1
            if changes is None and self.read_only and schema_of(data) < SCHEMA_VERSION:
                self._tables.apply_in_memory(migration_changes(data))  # a view only
            self._index.apply(data, changes)
            self._index_changes += 1
            self._every = None

    def _rebuild(self) -> None:
        with self._mutex:
            self._index.apply(self._tables.data, None)
            self._index_changes += 1
            self._every = None

    @property
    def problems(self) -> list[str]:
        """Records that could not be read (they stay in the file, untouched)."""
        return [*self._tables.problems, *self._index.problems]

    def problems_met(self) -> list[str]:
        """:attr:`problems` without building the index for them (0.4 s at 100,000): while it
        is not built, every reader took the records as stored, which each does only when
        every record is one the index reads (else it asks the index, which is then built and
        says the records it could not read), so the file's own problems are all there are."""
        with self._mutex:
            if self._index.stale:
                return list(self._tables.problems)
        return self.problems

    # -- reading -----------------------------------------------------------------------------

    def state(self) -> tuple[int, ...] | None:
        """A token for the database's content as read last (equal tokens, equal content; see
        :meth:`JournaledTables.state`): a cache of facts about every record checks it instead
        of the records.  None when the content is not exactly the files' (damaged)."""
        return self._tables.state()

    def reload_if_changed(self) -> bool:
        """Re-read what another process wrote since we last looked; True when anything changed."""
        return self._tables.refresh()

    def annotations(self, document: str | None = None) -> list[Annotation]:
        """Every annotation (or one document's), sorted by (document, start, end)."""
        self._tables.refresh()
        if document is None:
            return list(self._every_annotation())
        with self._mutex:
            of_document = self._annotations_unindexed(document)
            if of_document is None:
                of_document = self._index.all(self._index.by_document.get(document, ()))
            found = [a for _, a in of_document]
        found.sort(key=reading_order)
        return found

    def _every_annotation(self) -> list[Annotation]:
        """Every annotation, sorted: made once for the database as it is, under the store's
        lock, and shared (each caller gets its own list of them).  After a code on 3,975
        passages was renamed at 100,000 annotations, the app's workers that follow the change
        (the library's counts, the codebook's counts and passages, a view's placing) each
        asked at once and each went over the 100,000 and sorted them, 0.25 s apiece: now the
        first makes them while the others wait for the lock, and they take what it made."""
        with self._mutex:
            every = self._every
            if every is not None and every[0] == self._index_changes:
                return every[1]
            found = [a for _, a in self._index.all(self._index.keys)]
            found.sort(key=reading_order)
            # (building may drop an unreadable record from the index: not a change of it)
            self._every = (self._index_changes, found)
            return found

    def _annotations_unindexed(self, document: str) -> list[tuple[str, Annotation]] | None:
        """``(doc_id, annotation)`` for the records of ``document``, while the index is not
        built yet (a new passage asked for its document's, and the index of 100,000 took 0.4 s
        to build): found a field at a time, when every record is a dict and each of
        ``document``'s is one the index reads and an annotation is made of; None otherwise
        (ask the index, which says the records it could not read)."""
        if not self._index.stale:
            return None
        table = self._tables.data.get(ANNOTATIONS, {})
        values = list(table.values())
        if not all_of(values, dict):
            return None
        named = map(dict.get, values, repeat("document", len(values)))
        doc_ids = list(compress(table, map(eq, named, repeat(document, len(values)))))
        records = [table[i] for i in doc_ids]
        if plain_columns(records) is None:
            return None
        coder = default_coder_of(self._tables.data)
        try:
            return [(i, Annotation.from_record(table[i], coder)) for i in doc_ids]
        except (KeyError, ValueError, TypeError):  # one the index reports: ask it
            return None

    def _has_annotation_id(self, ident: str) -> bool:
        """Whether an annotation the index reads has the id ``ident``: while the index is not
        built yet, a look at the records' ids first (a new id is none of them), the index
        built only when one of them is ``ident``."""
        if self._index.stale:
            values = list(self._tables.data.get(ANNOTATIONS, {}).values())
            if all_of(values, dict) and ident not in map(
                dict.get, values, repeat("id", len(values))
            ):
                return False
        return ident in self._index.by_id

    def annotations_read_once(
        self, stopped: Callable[[], bool] = lambda: False
    ) -> tuple[list[Annotation], list[str]] | None:
        """Every annotation, sorted as :meth:`annotations` sorts them, and the problems met
        reading the file, for a reader that asks nothing more of the store (another coder's
        database, merged): made from the records as they are, the index not built (0.3-0.6 s
        at 100,000), when the index is not built yet and every record is one it reads and an
        annotation is made of (as :meth:`annotations` would give them all); None otherwise
        (ask :meth:`annotations` and :attr:`problems`).  ``stopped()`` is asked once the
        records are read and every :data:`MADE_AT_ONCE` annotations made: true, None is
        given back at once (whoever asked no longer wants them)."""
        self._tables.refresh()
        with self._mutex:
            if not self._index.stale:
                return None
            records = list(self._tables.data.get(ANNOTATIONS, {}).values())
            if stopped() or plain_columns(records) is None:
                return None
            coder = default_coder_of(self._tables.data)
            found: list[Annotation] = []
            try:
                for at in range(0, len(records), MADE_AT_ONCE):
                    if at and stopped():
                        return None
                    part = records[at : at + MADE_AT_ONCE]
                    found += [Annotation.from_record(record, coder) for record in part]
            except (KeyError, ValueError, TypeError):  # one the index reports: ask it
                return None
            problems = list(self._tables.problems)
        found.sort(key=reading_order)
        return found, problems

    def records(self) -> tuple[list[Record], str]:
        """The stored record of every annotation the index could read (index order; to read,
        never to change) and the database's default coder: what an export of every
        annotation writes from without making Annotation objects (see
        :class:`~tui_reader.core.interchange.annotation_columns.AnnotationColumns`)."""
        self._tables.refresh()
        with self._mutex:
            records = self._tables.data.get(ANNOTATIONS, {})
            return list(map(records.__getitem__, self._index.keys)), default_coder_of(
                self._tables.data
            )

    def stored_records(self) -> tuple[list[Record], str, list[str]]:
        """:meth:`records` and the problems met reading the file, for a caller that checks
        every record itself: while the index is not built yet (a command that has read
        nothing else), every record of the table as stored, in its order, unchecked, and not
        the index's problems (not built: 0.4 s at 100,000).  Those are the records and the
        problems :meth:`records` and :attr:`problems` give when each record is one the index
        reads (a dict whose ``id``, ``document`` and ``quote`` are strings and ``start`` and
        ``end`` ints: see :meth:`AnnotationColumns.of_records`)."""
        self._tables.refresh()
        with self._mutex:
            if not self._index.stale:
                records, coder = self.records()
                return records, coder, self.problems
            table = self._tables.data.get(ANNOTATIONS, {})
            coder = default_coder_of(self._tables.data)
            return list(table.values()), coder, list(self._tables.problems)

    def annotations_of(self, documents: Iterable[str]) -> dict[str, list[Annotation]]:
        """The annotations of each of ``documents`` that has any, each list sorted as
        :meth:`annotations` sorts: one look at the file for them all (a library applying
        thousands of documents' facts at once asks for them together)."""
        self._tables.refresh()
        found: dict[str, list[Annotation]] = {}
        with self._mutex:
            by_document = self._index.by_document
            for document in documents:
                ids = by_document.get(document)
                if ids:
                    found[document] = sorted(
                        (a for _, a in self._index.all(ids)), key=reading_order
                    )
        return found

    def records_by_document(self) -> tuple[dict[str, list[Record]], str]:
        """Every readable annotation record as stored, by document (in no order), and the
        coder of those naming none: ``Annotation.from_record(record, coder)`` is the
        annotation (for a reader of 100,000 that needs few as objects).  The records are the
        store's own: read them, never change them."""
        self._tables.refresh()
        with self._mutex:
            return self._index.records_by_document(), default_coder_of(self._tables.data)

    def has_annotations_on(self, document: str) -> bool:
        """Whether a record of an annotation names ``document``: while the index is not
        built yet, a look at the stored records (the index of 100,000 takes 0.4 s to build),
        a record the index would not read counting too."""
        self._tables.refresh()
        with self._mutex:
            if not self._index.stale:
                return document in self._index.by_document
            table = self._tables.data.get(ANNOTATIONS, {})
            return any(
                isinstance(record, dict) and record.get("document") == document
                for record in table.values()
            )

    def named_documents(self) -> set[str]:
        """The documents the annotation records name, for the folder they are in (the corpus
        when none was named: :func:`~tui_reader.locations.project_folder`): the index's when
        it is built, else a look at the stored records, as :meth:`has_annotations_on` takes,
        a record the index would not read counting too.  A memo added to a database of
        100,000 annotations built their index (0.2 s past their reading) for this alone."""
        self._tables.refresh()
        with self._mutex:
            if not self._index.stale:
                return set(self._index.by_document)
            values = self._tables.data.get(ANNOTATIONS, {}).values()
            named = map(dict.get, values, repeat("document", len(values)))
            return {document for document in named if type(document) is str}

    def documents(self) -> list[str]:
        """The document keys that have annotations."""
        self._tables.refresh()
        with self._mutex:
            return self._index.documents()

    def get(self, annotation_id: str) -> Annotation | None:
        self._tables.refresh()
        with self._mutex:
            doc_id = self._index.by_id.get(annotation_id)
            return None if doc_id is None else self._index.annotation(doc_id)

    def lookup(self) -> Callable[[str], Annotation | None]:
        """:meth:`get` for many ids in a row (a merge, an import): the database's files are
        looked at once, now, not at each id (100,000 looks took 1.5 s of a merge), and each
        annotation is built once however often it is asked for."""
        self._tables.refresh()
        built: dict[str, Annotation | None] = {}
        known = built.get
        with self._mutex:
            coder = default_coder_of(self._index.data)  # once, not at each of 100,000 ids

        def get(annotation_id: str) -> Annotation | None:
            found = known(annotation_id, _UNKNOWN)
            if found is _UNKNOWN:
                with self._mutex:
                    index = self._index
                    doc_id = index.by_id.get(annotation_id)
                    found = None if doc_id is None else index.annotation(doc_id, coder)
                built[annotation_id] = found
            return cast(Annotation | None, found)

        return get

    def __len__(self) -> int:
        self._tables.refresh()
        return len(self._index.keys)

    def annotation_ids(self) -> frozenset[str]:
        """The id of every annotation held (from the index: no annotation built)."""
        self._tables.refresh()
        with self._mutex:
            return frozenset(self._index.by_id)

    def coder_counts(self) -> dict[str, int]:
        """Number of annotations per coder, in order of name."""
        self._tables.refresh()
        counts: dict[str, int] = {}
        with self._mutex:
            records = self._tables.data.get(ANNOTATIONS, {})
            default = default_coder_of(self._tables.data)
            rows = list(map(records.__getitem__, self._index.readable_ids()))
            named = list(map(dict.get, rows, repeat("coder", len(rows))))
            if all_of(named, str, type(None)):  # counted in C; "" and None: the default coder
                for coder, count in Counter(named).items():
                    name = coder or default
                    counts[name] = counts.get(name, 0) + count
            else:
                for record in rows:
                    coder = coder_of(record, default)
                    counts[coder] = counts.get(coder, 0) + 1
        return dict(sorted(counts.items()))

    def rename_coder(self, old: str, new: str) -> tuple[int, int]:
        """Give coder ``old``'s annotations and memos the name ``new`` (a coder's account
        name another tool gave, ``acct:ana@hypothes.is``; a login name for a person's), a
        coder of that name already there taking them as hers; one undoable step.  Returns
        how many annotations and memos changed.  An annotation recorded without a coder,
        ``old``'s as the default coder, is given ``new`` by name.  Each changed record is
        updated now, so a merge or a newer-wins import takes the name from here."""
        from tui_reader.core.store.document_records import MEMOS

        with self._writing():
            default = default_coder_of(self._tables.data)
            records = self._tables.data.get(ANNOTATIONS, {})
            now = utc_now()
            # the records the index reads (every record, found without building it, 0.3 s at
            # 100,000, when each is one it takes: checked once, as counting the coders did);
            # those renamed, each as the store writes it, changed as they are, no annotation
            # made of one, the others' fields not looked at again (20,004 of 100,000: 0.2 s)
            ids = self._index.readable_ids()
            users = [i for i in ids if coder_of(records[i], default) == old]
            changes: list[Change]
            plain: list[Record] = []  # records of plain types, each field checked (as_written)
            # (the records' columns, checked whole when readable_ids was made, not again:
            # 20,004 of the bench's 100,000, 0.1 s)
            renamed = [records[i] for i in users]
            if as_written(renamed, plain=self._index.records_plain()):
                changes = [(ANNOTATIONS, i, _recoded(records[i], new, now)) for i in users]
                if type(new) is str and type(now) is str:  # so are the records renamed
                    plain = [*renamed, *(record for _, _, record in changes if record)]
            else:
                changes = [
                    (
                        ANNOTATIONS,
                        doc_id,
                        annotation.evolve(
                            coder=new, updated=now, revision=annotation.revision + 1
                        ).to_record(),
                    )
                    for doc_id, annotation in self._index.all(users)
                ]
            memos: list[Change] = [
                (MEMOS, doc_id, record | {"coder": new, "updated": now})
                for doc_id, record in self._records(MEMOS)
                if record.get("coder") == old
            ]
            if changes or memos:
                self._commit(changes + memos, f"rename coder {old} → {new}", plain=plain)
            return len(changes), len(memos)

    def uncoded_count(self) -> int:
        """Number of annotations whose record names no coder (the default coder's)."""
        self._tables.refresh()
        with self._mutex:
            records = self._tables.data.get(ANNOTATIONS, {})
            rows = list(map(records.__getitem__, self._index.readable_ids()))
        return sum(1 for record in rows if not coder_of(record, ""))

    def annotation_counts(self) -> dict[str, int]:
        """Number of annotations per document key (documents with any), from the index."""
        self._tables.refresh()
        with self._mutex:
            return {key: len(ids) for key, ids in self._index.by_document.items()}

    def annotation_counts_of(self, documents: Iterable[str]) -> dict[str, int]:
        """:meth:`annotation_counts` of ``documents`` alone (those with any): the library's
        scan asks it of each batch of facts (of every document, it grew with the store)."""
        self._tables.refresh()
        with self._mutex:
            by_document = self._index.by_document
            return {key: len(ids) for key in documents if (ids := by_document.get(key))}

    # -- writing -----------------------------------------------------------------------------

    def stamped(self, annotation: Annotation) -> Annotation:
        """``annotation`` as it is saved: one that names no coder is the working coder's."""
        return annotation if annotation.coder else annotation.evolve(coder=self.coder)

    def _put_changes(self, annotation: Annotation) -> tuple[list[Change], bool]:
        _check_annotation(annotation)
        doc_id = self._index.by_id.get(annotation.id)
        is_new = doc_id is None
        if doc_id is None:
            doc_id = self._index.new_doc_id(ANNOTATIONS)
        changes = self._tag_changes(annotation.tags)
        changes.append((ANNOTATIONS, doc_id, annotation.to_record()))
        return changes, is_new

    def add(self, annotation: Annotation) -> Annotation:
        """Save a new annotation (durable on return); unknown tags join the codebook.  Returns
        the saved one (with its coder: the working coder when it named none)."""
        annotation = self.stamped(annotation)
        with self._writing():
            if self._has_annotation_id(annotation.id):
                raise StoreError(f"{self.path}: an annotation with id {annotation.id} exists")
            _check_annotation(annotation)  # as _put_changes does, its id known to be new
            doc_id = self._index.new_doc_id(ANNOTATIONS)
            changes = self._tag_changes(annotation.tags)
            changes.append((ANNOTATIONS, doc_id, annotation.to_record()))
            self._commit(changes, "create annotation")
        return annotation

    def update(self, annotation: Annotation, label: str = "edit annotation") -> Annotation:
        """Replace an existing annotation (same id) made from its stored revision; bumps
        ``updated`` and ``revision``.  Returns the saved one.  :class:`StaleAnnotationError`
        (holding the stored version) when the store has a different revision.  ``label``
        names the step in the history."""
        with self._writing():
            self._check_revision(annotation.id, annotation.revision)
            saved = self.stamped(annotation).evolve(
                updated=utc_now(), revision=annotation.revision + 1
            )
            changes, _ = self._put_changes(saved)
            self._commit(changes, label)
        return saved

    def _check_revision(self, annotation_id: str, revision: int) -> None:
        doc_id = self._index.by_id.get(annotation_id)
        if doc_id is None:
            raise StoreError(f"{self.path}: no annotation with id {annotation_id}")
        stored = self._index.annotation(doc_id)
        if stored is not None and stored.revision != revision:
            raise StaleAnnotationError(stored)

    def put(self, annotation: Annotation) -> bool:
        """Insert or replace by id, as given (import; one naming no coder is the working
        coder's); True when it was new.  A replaced record's revision moves on from the stored
        one (stale copies elsewhere are refused)."""
        return self.put_many([annotation]) == 1

    def put_many(self, annotations: Iterable[Annotation], label: str = "import") -> int:
        """Insert or replace several annotations in one durable step; returns how many were new."""
        return self.save_batch(annotations, (), label)[0]

    def replace_if_unchanged(
        self, pairs: Iterable[tuple[Annotation, Annotation]], label: str | None = None
    ) -> list[Annotation]:
        """For each ``(seen, new)``: save ``new`` (at the next revision) only if the stored
        annotation is still exactly ``seen`` (so a re-anchoring never overwrites another
        process's newer edit).  One durable step, in the history when ``label`` names it
        (re-anchoring is not a user's step); returns the saved annotations."""
        return self.save_batch((), pairs, label)[1]

    def save_batch(
        self,
        annotations: Iterable[Annotation],
        pairs: Iterable[tuple[Annotation, Annotation]],
        label: str | None,
        tags: Iterable[Tag] = (),
    ) -> tuple[int, list[Annotation]]:
        """:meth:`put_many` of ``annotations`` and :meth:`replace_if_unchanged` of ``pairs``
        in ONE journal line (with its history step when ``label`` names one), and
        :meth:`set_tag` of each of ``tags`` in it too (an import's new codes: a kill between
        two writes left them in the codebook with none of their passages): all of it is
        saved or none is, so what a caller reports is exactly what was saved.  Returns how
        many annotations were new and the replaced ones saved."""
        new = 0
        with self._writing():
            changes: list[Change] = self._set_tag_changes(tags)
            for annotation in map(self.stamped, annotations):
                doc_id = self._index.by_id.get(annotation.id)
                stored = None if doc_id is None else self._index.annotation(doc_id)
                if stored is not None:
                    annotation = annotation.evolve(revision=stored.revision + 1)
                more, is_new = self._put_changes(annotation)
                if is_new:  # reserve its doc_id so a second put of the same id replaces it
                    self._index.by_id[annotation.id] = str(more[-1][1])
                new += is_new
                changes.extend(more)
            saved: list[Annotation] = []
            for seen, changed in pairs:
                doc_id = self._index.by_id.get(seen.id)
                stored = None if doc_id is None else self._index.annotation(doc_id)
                if stored is None or stored != seen or changed.id != seen.id:
                    continue
                saved.append(changed.evolve(revision=seen.revision + 1))
                more, _ = self._put_changes(saved[-1])
                changes.extend(more)
            self._commit(changes, label)
        return new, saved

    def delete(self, annotation_id: str, revision: int | None = None) -> Annotation:
        """Delete an annotation; returns it (for undo).  StoreError when there is none;
        :class:`StaleAnnotationError` when ``revision`` is given and is not the stored one."""
        with self._writing():
            if revision is not None:
                self._check_revision(annotation_id, revision)
            doc_id = self._index.by_id.get(annotation_id)
            if doc_id is None:
                raise StoreError(f"{self.path}: no annotation with id {annotation_id}")
            annotation = self._index.annotation(doc_id)
            if annotation is None:
                raise StoreError(f"{self.path}: annotation {annotation_id} is unreadable")
            self._commit([(ANNOTATIONS, doc_id, None)], "delete annotation")
        return annotation

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Lock, catch up with other processes, and undo index reservations on failure."""
        with self._mutex, self._tables.transaction():
            if self.coder and not default_coder_of(self._tables.data):
                self._set_setting(DEFAULT_CODER, self.coder)  # the first change names it
            try:
                yield
            except BaseException:
                self._rebuild()
                raise

    @contextlib.contextmanager
    def at_once(self) -> Iterator[None]:
        """Every write in the block saved in ONE journal line as the block ends (see
        :meth:`JournaledTables.one_line`): a merge's or a project import's memos, attributes,
        codes and passages, all saved or none (a kill between two writes left a memo on a
        code the codebook did not have yet, or half a merge).  Another process waits for the
        block to end.  An error in it saves nothing."""
        with self._mutex, self._tables.one_line():
            try:
                yield
            except BaseException:
                self._rebuild()
                raise

    def _commit(
        self,
        changes: list[Change],
        label: str | None = None,
        joined: Mapping[str, str] | None = None,
        before: Mapping[str, Record] | None = None,
        plain: Collection[Record] = (),
    ) -> None:
        """Save ``changes`` durably; with a ``label`` they are an undoable step (or part of the
        step this thread is gathering), saved in the same journal line (``joined``: the
        moves of a join of moved documents' memos and attributes, ``history.JOINED``;
        ``before``: every annotation record the changes replace, read alone, the table not
        parsed for them; ``plain``: records the changes and the step hold, known to be of
        plain types, see :func:`~.journal_lines.changes_json`)."""
        changes = _keeping_unknown_fields(self._tables.data, changes, before)
        pending: PendingStep | None = getattr(self._pending, "step", None)
        if label is None and pending is None:
            self._tables.commit(changes, plain)
            return
        from tui_reader.core.store import history

        entries = (
            history.entries_of(self._tables.data, changes)
            if before is None
            else history.entries_of(self._tables.data, changes, before)
        )
        if label is None:
            # Within a step, a memo or attributes (which have no step of their own) are part
            # of it: a merge's or an import's go with its undo.  Not a re-anchoring: that is
            # no user's change, and undone it would put a passage back at its old place.
            entries = [e for e in entries if e[0] in _JOINING_STEPS]
        if pending is None and entries:
            assert label is not None  # (an unlabelled change outside a step returned above)
            origin = ORIGIN.get()
            changes = changes + history.step_changes(
                self._tables.data, entries, label, origin, utc_now(), joined=joined
            )
        step: list[Change] = []
        if pending is not None:  # the step as it stands goes with them, in the same line
            step = pending.saving(self._tables.data, entries, pending.origin or ORIGIN.get())
        self._tables.commit(changes + step, plain)
        if pending is not None:
            pending.saved(entries, step)  # only what was saved

    def wait_until_free(self, wait: LockWait) -> None:
        """Wait, holding nothing, until no other process holds the database's lock (see
        :meth:`JournaledTables.wait_until_free`)."""
        self._tables.wait_until_free(wait)

    def compact(self) -> None:
        """Fold the journal into ``annotations.json`` now (also done on close)."""
        self._tables.compact()

    def settled(self) -> bool:
        """Whether the changes in the journal have settled and are due to be folded into the
        file itself (:meth:`JournaledTables.settled`): cheap, for the app's poll."""
        return self._tables.settled()

    def fold_in_background(self) -> None:
        """Leave the fold a save would make, as the journal grows past its size, to
        :meth:`fold_settled` (which the caller runs in a worker when :meth:`settled` says):
        a save on the UI thread then never writes the whole file (seconds at 100,000
        annotations).  See :data:`~.journal.BACKGROUND_BOUND`."""
        self._tables.folds_in_background = True

    def fold_settled(self) -> bool:
        """Fold the journal into ``annotations.json`` without holding the database while
        the file is written (:meth:`JournaledTables.fold_settled`; a worker's call, it takes
        seconds at 100,000 annotations): the file alone, copied, holds every change."""
        return self._tables.fold_settled()

    def write_back(self) -> bool:
        """Write the database file again from what this store holds, when it was deleted or
        moved away while open (see :meth:`JournaledTables.write_back`); False when it is
        there again.  :class:`StoreError` when it could not be written."""
        return self._tables.write_back()

    @contextlib.contextmanager
    def unless_held(self) -> Iterator[bool]:
        """The store held for a look that must not wait (the app's poll, on the thread that
        answers the keys), True, when no other thread holds it; else nothing held, False: a
        worker saves or reads (a relink saving 100,000 passages held it 13 s, and the poll,
        waiting, the screen with it)."""
        if not self._mutex.acquire(blocking=False):
            yield False
            return
        try:
            with self._tables.unless_held() as free:
                yield free
        finally:
            self._mutex.release()

    def take_fold_warning(self) -> str | None:
        """A warning of a fold made while saving, each once (see
        :meth:`JournaledTables.take_warning`): for the app to show as it runs."""
        return self._tables.take_warning()

    def close(self) -> str | None:
        """Fold the journal and release the files; the warning when the fold failed (every
        change is saved all the same: see :meth:`JournaledTables.try_compact`)."""
        return self._tables.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_JOINING_STEPS = ("memos", "attributes")  # what a change saved without a label adds to a step
# The fields of an annotation record this version writes (Annotation.to_record's keys).
RECORD_FIELDS = frozenset(
    {"id", "document", "start", "end", "quote", "prefix", "suffix", "doc_sha256", "tags"}
    | {"note", "created", "updated", "status", "coder", "revision"}
)
# The fields this version writes of each table whose records it saves from an object.
KNOWN_FIELDS = {
    ANNOTATIONS: RECORD_FIELDS,
    TAGS: frozenset({"name", "color", "description"}),  # codebook.names.tag_record
    "memos": frozenset({"id", "kind", "target", "text", "created", "updated"}),  # Memo.to_record
    "attributes": frozenset({"document", "values"}),
}


def _keeping_unknown_fields(
    data: Tables, changes: list[Change], before: Mapping[str, Record] | None = None
) -> list[Change]:
    """``changes`` with each record saved over a stored one keeping the stored fields this
    version does not know (written by a newer version, or by a script): saved from an
    :class:`Annotation` (a tag, a memo), which holds none of them, a record lost them at its
    first edit, re-anchoring or renamed code."""
    kept = changes
    for n, (table, doc_id, doc) in enumerate(changes):
        known = KNOWN_FIELDS.get(table)
        if known is None or doc is None or doc_id is None:
            continue
        current: Record | None
        if before is not None and table == ANNOTATIONS:
            current = before[doc_id]  # (every one it replaces: a KeyError, never a guess)
        else:
            current = data.get(table, {}).get(doc_id)
        if current is None or current.keys() <= known:
            continue
        if kept is changes:
            kept = list(changes)
        extra = {k: v for k, v in current.items() if k not in known and k not in doc}
        kept[n] = (table, doc_id, doc | extra)
    return kept


def _recoded(record: Record, coder: str, now: str) -> Record:
    """The record :func:`~tui_reader.core.store.index.as_written` of an annotation given to
    ``coder`` at ``now``, at its next revision."""
    return record | {"updated": now, "coder": coder, "revision": record["revision"] + 1}


def _check_annotation(annotation: Annotation) -> None:
    if not annotation.document:
        raise StoreError("an annotation needs a document")
    if not 0 <= annotation.start < annotation.end:
        raise StoreError(f"bad range [{annotation.start}, {annotation.end}) for an annotation")
