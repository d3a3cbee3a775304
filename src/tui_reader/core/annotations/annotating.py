"""The acts of annotating, each saved at once through the store: create, edit, tag, delete,
re-attach an orphan, confirm a place; each is one undoable step of the store's history, named
for the notification.  Offsets are code points into the canonical text, half-open.

Every method either returns what the store saved or raises :class:`StoreError`; nothing here
changes state the caller can see before the store has confirmed the write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import Annotation, make_annotation
from tui_reader.core.codebook.names import (
    TAG_LEVEL_LENGTH,
    check_typed_tag_names,
    holds_invisible,
)
from tui_reader.core.display import is_safe
from tui_reader.core.documents.document import Document
from tui_reader.core.store.annotation_store import AnnotationStore

if TYPE_CHECKING:
    from tui_reader.core.store.history import Step


class Annotator:
    """Annotates through one store and remembers the last tags applied (for "repeat")."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store
        self.last_tags: tuple[str, ...] = ()

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
        self._check(tags)
        annotation = make_annotation(
            key, document.text, start, end, document.sha256, tuple(tags), note
        )
        with self.store.step(_named("create annotation", annotation.tags)):
            saved = self.store.add(annotation)
        if saved.tags:
            self.last_tags = saved.tags
        return saved

    def edit(self, annotation: Annotation, tags: Sequence[str], note: str) -> Annotation:
        """Save ``annotation`` with new ``tags`` and ``note``; unchanged (the dialog saved
        as it was opened), nothing is saved: no step for undo to take back with no change,
        and a colleague's annotation is not made newer by a look at it."""
        self._check(tags, annotation.tags)
        annotation = self._placed_since(annotation)
        if (tuple(tags), note) == (annotation.tags, annotation.note) and self._stored(annotation):
            if annotation.tags:
                self.last_tags = annotation.tags
            return annotation
        label = edit_label(annotation, tuple(tags), note)
        saved = self.store.update(annotation.evolve(tags=tuple(tags), note=note), label)
        if saved.tags:
            self.last_tags = saved.tags
        return saved

    def add_tags(self, annotation: Annotation, tags: Sequence[str]) -> Annotation:
        """Save ``annotation`` with ``tags`` appended (those it already has are skipped);
        with none to add, nothing is saved (no step for undo to take back with no change)."""
        self._check(tags, annotation.tags)
        annotation = self._placed_since(annotation)
        merged = annotation.tags + tuple(t for t in tags if t not in annotation.tags)
        added = [t for t in tags if t not in annotation.tags]
        if not added and self._stored(annotation):
            self.last_tags = tuple(tags)
            return annotation
        saved = self.store.update(annotation.evolve(tags=merged), _named("tags added", added))
        self.last_tags = tuple(tags)
        return saved

    def _placed_since(self, seen: Annotation) -> Annotation:
        """The stored version of ``seen`` when only its place changed since it was seen: its
        file changed and it was placed again (a new revision), its tags, note and coder as
        seen, and no step of the history saved it since (a command, ``query``, ``report``,
        ``export``, or the app saves such places with none; a person's re-attaching or
        accepting of its place, in another tui-reader, is a step: an edit of the copy seen
        is refused for it, the newer version shown).
        An edit of what the user saw is not refused for that: it was, as if another
        tui-reader had changed the annotation.  Else ``seen`` (the store refuses it when it is
        stale: someone changed its coding meanwhile).  The one rule of every edit here."""
        stored = self.store.get(seen.id)
        if stored is None or stored.revision == seen.revision:
            return seen
        if (stored.tags, stored.note, stored.coder) != (seen.tags, seen.note, seen.coder):
            return seen
        if any(v.revision > seen.revision for v in self.store.past_versions(seen.id)):
            return seen  # a person's step moved it since (re-attached, its place accepted)
        return stored

    def _stored(self, seen: Annotation) -> bool:
        """Whether ``seen`` is the version stored (else a save of it is refused as stale, the
        newer version said, rather than nothing done)."""
        stored = self.store.get(seen.id)
        return stored is not None and stored.revision == seen.revision

    def _check(self, tags: Sequence[str], had: Sequence[str] = ()) -> None:
        """Refuse a code typed with a control character or an invisible one, or too long
        (see :func:`check_typed_tag_names`); a name of a level's length at most is neither
        long."""
        if (
            not all(map(is_safe, tags))
            or any(len(t) > TAG_LEVEL_LENGTH for t in tags)
            or any(map(holds_invisible, tags))
        ):
            check_typed_tag_names(tags, {*had, *(t.name for t in self.store.tags())})

    def delete(self, annotation: Annotation) -> Annotation:
        """Delete ``annotation`` (undoable like every step); refused when it is stale (its
        coding changed since: placed again alone, it is deleted)."""
        annotation = self._placed_since(annotation)
        return self.store.delete(annotation.id, revision=annotation.revision)

    def undo(self, step_id: int | None = None) -> Step:
        """Undo the newest step (or ``step_id``); :class:`UndoRefused` says why not."""
        return self.store.undo(step_id)

    def redo(self) -> Step:
        """Redo the step undone last; :class:`UndoRefused` says why not."""
        return self.store.redo()

    def reattach(
        self,
        annotation: Annotation,
        document: Document,
        start: int,
        end: int,
        key: str | None = None,
    ) -> Annotation:
        """Save ``annotation`` (typically an orphan) anchored on ``document.text[start:end]``,
        keeping its id, tags, note, coder and creation date; ``key``: the document's key when
        it is another than the annotation's (the annotation moves to it, an undoable step)."""
        from tui_reader.core.annotations import anchoring

        annotation = self._placed_since(annotation)  # its place is set here, by hand
        moving = key is not None and key != annotation.document
        moved = anchoring.reattach(
            annotation, document.text, start, end, document.sha256, key if moving else None
        )
        label = f"re-attach annotation to {key}" if moving else "re-attach annotation"
        return self.store.update(moved, label)

    def confirm(self, annotation: Annotation) -> Annotation:
        """Save a fuzzy (approximately re-anchored) annotation as anchored where it is now.
        Its place saved again meanwhile (a command placed it in its file, a revision more)
        is accepted when it is the place seen; a place moved since is refused as stale (the
        place accepted would not be the one seen), as is a change of its coding."""
        from tui_reader.core.annotations import anchoring

        stored = self._placed_since(annotation)
        if _place(stored) != _place(annotation):
            stored = annotation
        return self.store.update(anchoring.confirm(stored), "confirm the place")


def _place(annotation: Annotation) -> tuple[object, ...]:
    """Where ``annotation`` is, as shown: its document, span, passage and status."""
    a = annotation
    return (a.document, a.start, a.end, a.quote, a.status)


def _named(action: str, tags: Sequence[str]) -> str:
    return f"{action}: {', '.join(tags)}" if tags else action


def edit_label(old: Annotation, tags: tuple[str, ...], note: str) -> str:
    """What an edit does, for the history: ``tags added: a; tags removed: b; note``."""
    added = [t for t in tags if t not in old.tags]
    removed = [t for t in old.tags if t not in tags]
    parts = []
    if added:
        parts.append(_named("tags added", added))
    if removed:
        parts.append(_named("tags removed", removed))
    if note != old.note:
        parts.append("note edited")
    return "; ".join(parts) if parts else "edit annotation"
