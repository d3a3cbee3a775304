"""The acts of annotating, each saved at once through the store: create, edit, tag, delete
(with undo), re-attach an orphan.  Offsets are code points into the canonical text, half-open.

Every method either returns what the store saved or raises :class:`StoreError`; nothing here
changes state the caller can see before the store has confirmed the write.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_reader.core.annotations import anchoring
from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.documents.document import Document
from tui_reader.core.store.annotation_store import AnnotationStore

UNDO_DEPTH = 50  # deletions remembered for `u`


class Annotator:
    """Annotates through one store and remembers what the session needs: the last tags
    applied (for "repeat") and the deletions that can be undone, newest last."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self.last_tags: tuple[str, ...] = ()
        self._deleted: list[Annotation] = []

    def create(
        self,
        key: str,
        document: Document,
        start: int,
        end: int,
        tags: Sequence[str] = (),
        note: str = "",
    ) -> Annotation:
        """Save a new annotation on ``document.text[start:end]`` (document ``key``)."""
        annotation = make_annotation(
            key, document.text, start, end, document.sha256, tuple(tags), note
        )
        saved = self.store.add(annotation)
        if saved.tags:
            self.last_tags = saved.tags
        return saved

    def edit(self, annotation: Annotation, tags: Sequence[str], note: str) -> Annotation:
        """Save ``annotation`` with new ``tags`` and ``note``."""
        saved = self.store.update(annotation.evolve(tags=tuple(tags), note=note))
        if saved.tags:
            self.last_tags = saved.tags
        return saved

    def add_tags(self, annotation: Annotation, tags: Sequence[str]) -> Annotation:
        """Save ``annotation`` with ``tags`` appended (those it already has are skipped)."""
        merged = annotation.tags + tuple(t for t in tags if t not in annotation.tags)
        saved = self.store.update(annotation.evolve(tags=merged))
        self.last_tags = tuple(tags)
        return saved

    def delete(self, annotation: Annotation) -> Annotation:
        """Delete ``annotation``; it can be brought back with :meth:`undo_delete`."""
        deleted = self.store.delete(annotation.id, revision=annotation.revision)
        self._deleted.append(deleted)
        del self._deleted[:-UNDO_DEPTH]
        return deleted

    @property
    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> Annotation | None:
        """Restore the most recent deletion (same id, tags, note and dates); None when there is
        nothing to undo.  On a failed write the deletion stays undoable."""
        if not self._deleted:
            return None
        annotation = self._deleted[-1]
        self.store.put(annotation)
        self._deleted.pop()
        return annotation

    def reattach(
        self, annotation: Annotation, document: Document, start: int, end: int
    ) -> Annotation:
        """Save ``annotation`` (typically an orphan) anchored on ``document.text[start:end]``,
        keeping its id, tags, note and creation date."""
        moved = anchoring.reattach(annotation, document.text, start, end, document.sha256)
        return self.store.update(moved)

    def confirm(self, annotation: Annotation) -> Annotation:
        """Save a fuzzy (approximately re-anchored) annotation as anchored where it is now."""
        return self.store.update(anchoring.confirm(annotation))
