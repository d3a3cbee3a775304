"""Newer wins: how an annotation from elsewhere (an import, a colleague's database) is reconciled
with the one of the same id here.  The one place that decides it, for ``import`` and ``merge``.

- not here: **add** it;
- the same tags, note, quote and document: **unchanged** (where it sits is re-anchoring's job);
- theirs is a version we had before (the store's history holds it), or older (``updated``)
  with no history of ours to tell: **older**, skipped: a newer edit here is never rolled
  back by an old export;
- theirs is newer: **update** (the version it replaces stays in the history, undoable);
- ours was edited here and theirs is none of our versions, and not newer: both sides changed:
  **conflict**; ours, the newer, stays and theirs is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from tui_reader.core.annotations.model import Annotation


class Verdict(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    OLDER = "older"  # theirs is older than ours: skipped
    CONFLICT = "conflict"  # both changed; the newer won, the other is reported


@dataclass(frozen=True)
class Reconciled:
    """What to do with ``incoming``: the store saves it when :attr:`writes`."""

    verdict: Verdict
    incoming: Annotation
    stored: Annotation | None

    @property
    def writes(self) -> bool:
        return self.verdict in (Verdict.ADD, Verdict.UPDATE)


def content(annotation: Annotation) -> tuple[object, ...]:
    """What a person changes: document, passage text, tags, note (not where it sits now)."""
    return (annotation.document, annotation.quote, annotation.tags, annotation.note)


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
) -> Reconciled:
    """The verdict on ``incoming`` against ``stored`` (same id; None: not here); ``past``: the
    earlier versions of it the store's history holds."""
    if stored is None:
        return Reconciled(Verdict.ADD, incoming, None)
    if content(incoming) == content(stored):
        return Reconciled(Verdict.UNCHANGED, incoming, stored)
    if any(content(incoming) == content(p) for p in past):
        return Reconciled(Verdict.OLDER, incoming, stored)  # a version we had and moved on from
    theirs, ours = moment(incoming), moment(stored)
    if theirs > ours:
        return Reconciled(Verdict.UPDATE, incoming, stored)  # what it replaces stays undoable
    if theirs < ours and not past:
        return Reconciled(Verdict.OLDER, incoming, stored)
    # Edited here since (the history has our versions) and theirs is none of them, or both
    # at the same moment: both sides changed.  Ours is the newer (or as new): it stays.
    return Reconciled(Verdict.CONFLICT, incoming, stored)


def reconcile_all(
    incoming: Iterable[Annotation],
    stored: Callable[[str], Annotation | None],
    past: Callable[[str], Sequence[Annotation]] = lambda _id: (),
) -> list[Reconciled]:
    """:func:`reconcile` for each of ``incoming`` (the last of several with one id wins)."""
    latest = {a.id: a for a in incoming}
    return [reconcile(a, stored(a.id), past(a.id)) for a in latest.values()]
