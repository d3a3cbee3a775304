"""Newer wins: how an annotation from elsewhere (an import, a colleague's database) is reconciled
with the one of the same id here.  The one place that decides it, for ``import`` and ``merge``.

- not here: **add** it, unless it was deleted here (a merge asks) and theirs is a version we
  had: **deleted**, skipped, so a colleague's unchanged copy does not bring it back (theirs
  changed since is their work: it is added);
- the same tags, note, quote and document: **unchanged** (where it sits is re-anchoring's job);
  so too only the words of the passage apart at the same ``updated`` time on both sides: ours
  placed again on our copy edited since, which changes no time;
- theirs is a version we had before (the store's history holds its content, as new as theirs
  or newer, or ours is newer), or older (``updated``) with no history of ours to tell:
  **older**, skipped: a newer edit here is never rolled back by an old export;
- theirs is newer: **update** (the version it replaces stays in the history, undoable);
- ours was edited here and theirs is none of our versions, and not newer: both sides changed:
  **conflict**; ours, the newer, stays and theirs is reported, and kept beside it as an
  annotation of its own on the same passage (:func:`kept_copy`), so neither side's work is
  lost: the user compares the two and deletes the one not wanted.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from tui_reader.core.annotations.model import Annotation


class Verdict(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    OLDER = "older"  # theirs is older than ours: skipped
    CONFLICT = "conflict"  # both changed; the newer won, the other is reported
    DELETED = "deleted"  # deleted here, theirs a version we had: stays deleted


@dataclass(frozen=True)
class Reconciled:
    """What to do with ``incoming``: the store saves it when :attr:`writes`."""

    verdict: Verdict
    incoming: Annotation
    stored: Annotation | None

    @property
    def writes(self) -> bool:
        return self.verdict in (Verdict.ADD, Verdict.UPDATE)

    def place(self) -> tuple[str, str]:
        """Theirs' document and the hash of the text it was coded on ("" if not known)."""
        return self.incoming.document, self.incoming.doc_sha256


class _Unchanged(Reconciled):
    """An :data:`Verdict.UNCHANGED` verdict found from the stored annotation's content alone
    (:func:`reconcile_all` given ``contents``): the annotation itself is built when asked for
    (a merge's ``--dry-run`` lists it), not for each of 100,000 found unchanged."""

    _stored: Callable[[], Annotation | None]

    def __init__(self, incoming: Annotation, stored: Callable[[], Annotation | None]) -> None:
        object.__setattr__(self, "verdict", Verdict.UNCHANGED)
        object.__setattr__(self, "incoming", incoming)
        object.__setattr__(self, "_stored", stored)

    @property
    def stored(self) -> Annotation | None:
        found = self.__dict__.get("_built", _NOT_BUILT)
        if found is _NOT_BUILT:
            found = self._stored()
            object.__setattr__(self, "_built", found)
        return cast(Annotation | None, found)

    def __eq__(self, other: object) -> bool:  # as the verdict it stands for
        if not isinstance(other, Reconciled):
            return NotImplemented
        return (self.verdict, self.incoming, self.stored) == (
            other.verdict,
            other.incoming,
            other.stored,
        )

    def __hash__(self) -> int:
        return hash((self.verdict, self.incoming, self.stored))


_NOT_BUILT = object()


class AsStored(_Unchanged):
    """An :data:`Verdict.UNCHANGED` verdict on a record of a file that is the stored record
    of its id exactly (:func:`~tui_reader.core.interchange.importing.as_stored`): theirs is
    built when asked for too (a ``--dry-run`` lists it), not for each of 100,000."""

    _record: Mapping[str, Any]

    def __init__(self, record: Mapping[str, Any], stored: Callable[[], Annotation | None]) -> None:
        object.__setattr__(self, "verdict", Verdict.UNCHANGED)
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_stored", stored)

    @property
    def incoming(self) -> Annotation:
        found = self.__dict__.get("_incoming")
        if found is None:
            found = Annotation.from_record(dict(self._record))
            object.__setattr__(self, "_incoming", found)
        return cast(Annotation, found)

    def place(self) -> tuple[str, str]:
        record = self._record
        return str(record["document"]), str(record.get("doc_sha256", ""))


def content(annotation: Annotation) -> tuple[object, ...]:
    """What a person changes: document, passage text, tags, note (not where it sits now)."""
    return (annotation.document, annotation.quote, annotation.tags, annotation.note)


def same_content(incoming: Annotation, ours: Annotation) -> bool:
    """Whether ``incoming`` says what ``ours`` says: the same :func:`content`, or ours as the
    exports write it (an escape or a tab in a note becomes its picture, a space: see
    :mod:`~tui_reader.core.interchange.export_text`), so that this database's own export,
    imported again, is ours unchanged, never a second copy of a passage "changed on both
    sides"."""
    if content(incoming) == content(ours):
        return True
    from tui_reader.core.interchange.export_text import clean_annotation

    return content(incoming) == content(clean_annotation(ours))


def _placed_apart(incoming: Annotation, ours: Annotation) -> bool:
    """Whether ``incoming`` and ``ours`` differ only in the words of the passage: the same
    document, tags and note."""
    return (incoming.document, incoming.tags, incoming.note) == (
        ours.document,
        ours.tags,
        ours.note,
    )


def moment(annotation: Annotation) -> datetime:
    """``updated`` as a moment; unreadable or missing counts as the oldest."""
    try:
        when = datetime.fromisoformat(annotation.updated.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def reconcile(
    incoming: Annotation,
    stored: Annotation | None,
    past: Sequence[Annotation] = (),
    *,
    deleted: bool = False,
) -> Reconciled:
    """The verdict on ``incoming`` against ``stored`` (same id; None: not here); ``past``: the
    earlier versions of it the store's history holds; ``deleted``: it was deleted here."""
    if stored is None:
        if deleted and any(same_content(incoming, p) for p in past):
            return Reconciled(Verdict.DELETED, incoming, None)
        return Reconciled(Verdict.ADD, incoming, None)
    if same_content(incoming, stored):
        return Reconciled(Verdict.UNCHANGED, incoming, stored)
    theirs, ours = moment(incoming), moment(stored)
    if theirs == ours and _placed_apart(incoming, stored):
        # Changed by nobody since (the same moment on both sides): only where it lies, ours
        # placed again on our copy edited here (a word fixed inside it), which keeps its time.
        # It was "changed on both sides", theirs kept beside ours: the one passage twice; or,
        # the history holding theirs, "ours newer" beside the same time on both sides.
        return Reconciled(Verdict.UNCHANGED, incoming, stored)
    had = [moment(p) for p in past if same_content(incoming, p)]
    if had and (theirs <= ours or theirs <= max(had)):
        # A version we had and moved on from.  Theirs newer than ours and than every time we
        # had it is not that version: the same change made again later, and newer wins.
        return Reconciled(Verdict.OLDER, incoming, stored)
    if theirs > ours:
        return Reconciled(Verdict.UPDATE, incoming, stored)  # what it replaces stays undoable
    if theirs < ours and not past:
        return Reconciled(Verdict.OLDER, incoming, stored)
    # Edited here since (the history has our versions) and theirs is none of them, or both
    # at the same moment: both sides changed.  Ours is the newer (or as new): it stays.
    return Reconciled(Verdict.CONFLICT, incoming, stored)


class PlanStopped(Exception):
    """A plan (of a merge) left off between its annotations, as asked (its dialog closed)."""


ASKED_EVERY = 1024  # annotations planned between two questions whether to stop


def reconcile_all(
    incoming: Iterable[Annotation],
    stored: Callable[[str], Annotation | None],
    past: Callable[[str], Sequence[Annotation]] = lambda _id: (),
    deleted: Callable[[str], bool] = lambda _id: False,
    contents: Mapping[str, tuple[object, ...]] | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> list[Reconciled]:
    """:func:`reconcile` for each of ``incoming`` (the last of several with one id wins);
    ``deleted``: whether an annotation not here was deleted here (a merge's question);
    ``contents``: the :func:`content` of every stored annotation by id, when the caller has
    them (:func:`~tui_reader.core.interchange.annotation_columns.stored_contents`): one
    found the same is unchanged without its stored annotation built.  ``stopped()`` is
    asked every :data:`ASKED_EVERY` annotations: true, :class:`PlanStopped` is raised."""
    latest = {a.id: a for a in incoming}
    found: list[Reconciled] = []
    same = contents.get if contents is not None else None
    for done, annotation in enumerate(latest.values()):
        if done % ASKED_EVERY == 0 and stopped():
            raise PlanStopped
        if same is not None and same(annotation.id) == content(annotation):
            found.append(_Unchanged(annotation, functools.partial(stored, annotation.id)))
            continue
        ours = stored(annotation.id)
        gone = ours is None and deleted(annotation.id)
        differs = gone or (ours is not None and not same_content(annotation, ours))
        history = past(annotation.id) if differs else ()
        found.append(reconcile(annotation, ours, history, deleted=gone))
    return found


_KEPT = uuid.UUID("0b6f4c1e-9a57-4c55-b2f0-5d8e3a1c7e42")  # namespace of kept copies' ids


def kept_copy(reconciled: Reconciled, source: str) -> Annotation | None:
    """For a conflict, theirs as an annotation of its own (from ``source``, a file name) on
    the same passage, its note saying what it is; None for any other verdict.  Its id is
    derived from theirs and its time, so importing the same file again keeps one copy."""
    if reconciled.verdict is not Verdict.CONFLICT or reconciled.stored is None:
        return None
    theirs, ours = reconciled.incoming, reconciled.stored
    why = (
        f"Kept from a conflict: their version (from {source}, changed {theirs.updated}) of "
        f"annotation {ours.id}, which was changed here too and kept as ours."
    )
    return theirs.evolve(
        id=str(uuid.uuid5(_KEPT, f"{theirs.id}\n{theirs.updated}\n{content(theirs)!r}")),
        note=f"{why}\n\n{theirs.note}" if theirs.note else why,
        revision=0,
    )


def kept_copies(
    verdicts: Iterable[Reconciled], source: str, stored: Callable[[str], Annotation | None]
) -> list[Annotation]:
    """The :func:`kept_copy` of each conflict that is not here yet."""
    copies = (kept_copy(v, source) for v in verdicts)
    return [c for c in copies if c is not None and stored(c.id) is None]
