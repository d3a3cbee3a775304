"""The annotation store: annotations, the tag codebook and reading positions in one TinyDB file.

Tables of ``annotations.json`` (a plain TinyDB file, see :mod:`tui_reader.core.store.journal`
for how it is written crash-safely and shared between processes):

- ``annotations``: one document per annotation (:meth:`Annotation.to_record`);
- ``tags``: the codebook, ``name``, ``color``, ``description``, in creation order;
- ``positions``: ``document``, ``offset`` (code point), ``updated``: where reading stopped;
- ``meta``: ``schema_version``.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tui_reader.core.annotations.model import Annotation, Tag, reading_order, utc_now
from tui_reader.core.codebook.names import (
    check_tag_name,
    is_within,
    renamed,
    tag_from_record,
    tag_record,
)
from tui_reader.core.errors import StaleAnnotationError, StoreError
from tui_reader.core.store.document_records import DocumentRecords
from tui_reader.core.store.index import (
    ANNOTATIONS,
    POSITIONS,
    TAGS,
    StoreIndex,
    doc_id_order,
)
from tui_reader.core.store.journal import (
    DEFAULT_COMPACT_BYTES,
    Change,
    JournaledTables,
    Tables,
)
from tui_reader.core.store.schema import SCHEMA_VERSION, migration_changes, schema_of
from tui_reader.core.store.tag_edits import (
    delete_tag_changes,
    retag_changes,
    tag_users,
)

__all__ = ["SCHEMA_VERSION", "AnnotationStore", "StaleAnnotationError", "StoreError"]


class AnnotationStore(DocumentRecords):
    """Annotations, tags, reading positions, document attributes and memos (see
    :mod:`tui_reader.core.store.document_records`), saved durably on every change.

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
    ) -> None:
        """Open (or create) the database at ``path``; ``read_only`` forces or forbids read-only
        mode (default: read-only when the file or its folder is not writable)."""
        self.path = Path(path).absolute()
        # Grows with every change seen, ours or another process's: a UI polls
        # reload_if_changed() and redraws when this moved.
        self.revision = 0
        self.read_only = False  # until the file is open (the listener runs during the opening)
        self._mutex = threading.RLock()
        self._index = StoreIndex(self.path)
        self._tables = JournaledTables(
            self.path, listener=self._on_change, compact_bytes=compact_bytes, read_only=read_only
        )
        self.read_only = self._tables.read_only
        self._migrate()

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema version of the database (0: written before versions existed)."""
        return schema_of(self._tables.data)

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer tui-reader (schema {version}, this one reads "
                f"up to {SCHEMA_VERSION}); upgrade tui-reader"
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            self._tables.apply_in_memory(migration_changes(self._tables.data))
            self._rebuild()
            return
        with self._tables.transaction():
            if self.schema_version() < SCHEMA_VERSION:
                self._tables.commit(migration_changes(self._tables.data))
        self._tables.compact()

    # -- indexes (rebuilt on reload, updated per change) -----------------------------------------

    def _on_change(self, data: Tables, changes: Sequence[Change] | None) -> None:
        with self._mutex:
            self.revision += 1
            if changes is None and self.read_only and schema_of(data) < SCHEMA_VERSION:
                self._tables.apply_in_memory(migration_changes(data))  # a view only
            self._index.apply(data, changes)

    def _rebuild(self) -> None:
        self._index.apply(self._tables.data, None)

    @property
    def problems(self) -> list[str]:
        """Records that could not be read (they stay in the file, untouched)."""
        return [*self._tables.problems, *self._index.problems]

    # -- reading -----------------------------------------------------------------------------

    def reload_if_changed(self) -> bool:
        """Re-read what another process wrote since we last looked; True when anything changed."""
        return self._tables.refresh()

    def annotations(self, document: str | None = None) -> list[Annotation]:
        """Every annotation (or one document's), sorted by (document, start, end)."""
        self._tables.refresh()
        with self._mutex:
            if document is None:
                found = [a for _, a in self._index.all(self._index.keys)]
            else:
                found = [a for _, a in self._index.all(self._index.by_document.get(document, ()))]
        found.sort(key=reading_order)
        return found

    def documents(self) -> list[str]:
        """The document keys that have annotations."""
        self._tables.refresh()
        with self._mutex:
            return sorted(self._index.by_document)

    def get(self, annotation_id: str) -> Annotation | None:
        self._tables.refresh()
        with self._mutex:
            doc_id = self._index.by_id.get(annotation_id)
            return None if doc_id is None else self._index.annotation(doc_id)

    def __len__(self) -> int:
        self._tables.refresh()
        return len(self._index.keys)

    def tags(self) -> list[Tag]:
        """The codebook in creation order."""
        self._tables.refresh()
        table = self._tables.data.get(TAGS, {})
        return [
            tag_from_record(d) for _, d in sorted(table.items(), key=doc_id_order) if "name" in d
        ]

    def tag(self, name: str) -> Tag | None:
        self._tables.refresh()
        doc_id = self._index.tag_ids.get(name)
        return None if doc_id is None else tag_from_record(self._tables.data[TAGS][doc_id])

    def tag_counts(self) -> dict[str, int]:
        """Number of annotations per tag, for every tag of the codebook (0 when unused)."""
        self._tables.refresh()
        counts = {tag.name: 0 for tag in self.tags()}
        with self._mutex:
            records = self._tables.data.get(ANNOTATIONS, {})
            for doc_id in self._index.keys:  # straight from the records: no Annotation objects
                for name in dict.fromkeys(records[doc_id].get("tags") or ()):
                    counts[str(name)] = counts.get(str(name), 0) + 1
        return counts

    def annotation_counts(self) -> dict[str, int]:
        """Number of annotations per document key (documents with any), from the index."""
        self._tables.refresh()
        with self._mutex:
            return {key: len(ids) for key, ids in self._index.by_document.items()}

    def reading_positions(self) -> dict[str, int]:
        """Every saved reading position, by document key (one read, not one per document)."""
        self._tables.refresh()
        with self._mutex:
            table = self._tables.data.get(POSITIONS, {})
            found = {key: table.get(doc_id, {}).get("offset") for key, doc_id in
                     self._index.position_ids.items()}  # fmt: skip
        return {key: offset for key, offset in found.items() if isinstance(offset, int)}

    def reading_position(self, document: str) -> int | None:
        """The saved reading position of ``document`` (code point), if any."""
        self._tables.refresh()
        doc_id = self._index.position_ids.get(document)
        if doc_id is None:
            return None
        offset = self._tables.data.get(POSITIONS, {}).get(doc_id, {}).get("offset")
        return offset if isinstance(offset, int) else None

    # -- writing -----------------------------------------------------------------------------

    def _tag_changes(self, names: Iterable[str]) -> list[Change]:
        changes: list[Change] = []
        for name in dict.fromkeys(names):
            if name not in self._index.tag_ids:
                check_tag_name(name)
                doc_id = self._index.new_doc_id(TAGS)
                self._index.tag_ids[name] = doc_id  # the listener re-confirms it on commit
                changes.append((TAGS, doc_id, tag_record(Tag(name))))
        return changes

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
        """Save a new annotation (durable on return); unknown tags join the codebook."""
        with self._writing():
            if annotation.id in self._index.by_id:
                raise StoreError(f"{self.path}: an annotation with id {annotation.id} exists")
            changes, _ = self._put_changes(annotation)
            self._commit(changes)
        return annotation

    def update(self, annotation: Annotation) -> Annotation:
        """Replace an existing annotation (same id) made from its stored revision; bumps
        ``updated`` and ``revision``.  Returns the saved one.  :class:`StaleAnnotationError`
        (holding the stored version) when the store has a different revision."""
        with self._writing():
            self._check_revision(annotation.id, annotation.revision)
            saved = annotation.evolve(updated=utc_now(), revision=annotation.revision + 1)
            changes, _ = self._put_changes(saved)
            self._commit(changes)
        return saved

    def _check_revision(self, annotation_id: str, revision: int) -> None:
        doc_id = self._index.by_id.get(annotation_id)
        if doc_id is None:
            raise StoreError(f"{self.path}: no annotation with id {annotation_id}")
        stored = self._index.annotation(doc_id)
        if stored is not None and stored.revision != revision:
            raise StaleAnnotationError(stored)

    def put(self, annotation: Annotation) -> bool:
        """Insert or replace by id, as given (import); True when it was new.  A replaced
        record's revision moves on from the stored one (stale copies elsewhere are refused)."""
        return self.put_many([annotation]) == 1

    def put_many(self, annotations: Iterable[Annotation]) -> int:
        """Insert or replace several annotations in one durable step; returns how many were new."""
        new = 0
        with self._writing():
            changes: list[Change] = []
            for annotation in annotations:
                doc_id = self._index.by_id.get(annotation.id)
                stored = None if doc_id is None else self._index.annotation(doc_id)
                if stored is not None:
                    annotation = annotation.evolve(revision=stored.revision + 1)
                more, is_new = self._put_changes(annotation)
                if is_new:  # reserve its doc_id so a second put of the same id replaces it
                    self._index.by_id[annotation.id] = str(more[-1][1])
                new += is_new
                changes.extend(more)
            self._commit(changes)
        return new

    def replace_if_unchanged(
        self, pairs: Iterable[tuple[Annotation, Annotation]]
    ) -> list[Annotation]:
        """For each ``(seen, new)``: save ``new`` (at the next revision) only if the stored
        annotation is still exactly ``seen`` (so a re-anchoring never overwrites another
        process's newer edit).  One durable step; returns the saved annotations."""
        with self._writing():
            changes: list[Change] = []
            saved: list[Annotation] = []
            for seen, new in pairs:
                doc_id = self._index.by_id.get(seen.id)
                if doc_id is None or self._index.annotation(doc_id) != seen or new.id != seen.id:
                    continue
                saved.append(new.evolve(revision=seen.revision + 1))
                more, _ = self._put_changes(saved[-1])
                changes.extend(more)
            self._commit(changes)
            return saved

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
            self._commit([(ANNOTATIONS, doc_id, None)])
        return annotation

    def set_tag(self, tag: Tag) -> None:
        """Add a tag or replace its colour and description."""
        check_tag_name(tag.name)
        with self._writing():
            doc_id = self._index.tag_ids.get(tag.name) or self._index.new_doc_id(TAGS)
            self._commit([(TAGS, doc_id, tag_record(tag))])

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag (and its children ``old/...``) everywhere; returns annotations changed."""
        return self._retag(old, new, merging=False)

    def merge_tags(self, source: str, target: str) -> int:
        """Fold tag ``source`` (and its children) into ``target``; returns annotations changed."""
        return self._retag(source, target, merging=True)

    def delete_tag(self, name: str, *, with_children: bool = False) -> int:
        """Remove a tag (``with_children``: and every ``name/...``) from the codebook and from
        every annotation (which stay), in one commit; returns how many annotations lost it."""
        with self._writing():
            if not self._tag_known(name):
                raise StoreError(f"no tag named {name!r}")

            changes, count = delete_tag_changes(self._index, name, with_children)
            self._commit(changes)
            return count

    def _tag_known(self, name: str) -> bool:
        """In the codebook, a parent of a tag in it, or used by an annotation."""
        return (
            name in self._index.tag_ids
            or any(is_within(n, name) for n in self._index.tag_ids)
            or bool(self._tag_users(name, children=True))
        )

    def _tag_users(self, name: str, children: bool = False) -> list[tuple[str, Annotation]]:
        return tag_users(self._index, name, children)

    def _retag(self, old: str, new: str, *, merging: bool) -> int:
        """Map tag ``old`` (and ``old/...``) to ``new`` in the codebook and every annotation;
        renaming refuses a name taken already (merging is for that)."""
        check_tag_name(new)
        with self._writing():
            if not self._tag_known(old):
                raise StoreError(f"no tag named {old!r}")
            if old == new:
                return 0
            clash = [n for n in self._index.tag_ids if renamed(n, old, new) in self._index.tag_ids]
            if clash and not merging:
                target = renamed(clash[0], old, new)
                raise StoreError(f"tag {target!r} exists already; merge {old!r} into it instead")
            changes, count, new_names = retag_changes(self._index, old, new)
            changes.extend(self._tag_changes(new_names))
            changes.extend(self._memo_retag_changes(old, new))
            self._commit(changes)
            return count

    def set_reading_position(self, document: str, offset: int) -> None:
        """Remember where reading stopped in ``document`` (code point)."""
        with self._writing():
            doc_id = self._index.position_ids.get(document) or self._index.new_doc_id(POSITIONS)
            record = {"document": document, "offset": int(offset), "updated": utc_now()}
            self._commit([(POSITIONS, doc_id, record)])

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Lock, catch up with other processes, and undo index reservations on failure."""
        with self._mutex, self._tables.transaction():
            try:
                yield
            except BaseException:
                self._rebuild()
                raise

    def _commit(self, changes: list[Change]) -> None:
        self._tables.commit(changes)

    def compact(self) -> None:
        """Fold the journal into ``annotations.json`` now (also done on close)."""
        self._tables.compact()

    def close(self) -> None:
        self._tables.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_annotation(annotation: Annotation) -> None:
    if not annotation.document:
        raise StoreError("an annotation needs a document")
    if not 0 <= annotation.start < annotation.end:
        raise StoreError(f"bad range [{annotation.start}, {annotation.end}) for an annotation")
