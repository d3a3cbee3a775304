"""Every coded passage of a store read straight from its records, when all are known in place.

A comparison of two coders (:mod:`tui_reader.core.analysis.agreement`) reads of each passage
only its document, place, codes, status and coder.  When the database is as it was when a
pass last found every annotation in place and no annotated file changed since (see
:meth:`Workspace.nothing_moved`), those fields are the store's records as they are: the
columns an export takes (:class:`~tui_reader.core.interchange.annotation_columns.
AnnotationColumns`) give them without the store's index or 100,000 Annotation objects (a
third of a comparison's time on a team's database).  Otherwise they are placed as an export
places them (:func:`placed_coding`: each document whose records are in place in its text
kept as its records, the others placed alone), and when files moved the caller places them
all (:meth:`Workspace.all_anchored`).

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.workspace_export import placed_columns
from tui_reader.core.workspace import Workspace
from tui_reader.locations import placement_cache_path


class CodedPassage(NamedTuple):
    """What a comparison reads of an annotation (as :class:`Annotation` names each field)."""

    document: str
    start: int
    end: int
    tags: tuple[str, ...]
    status: str
    coder: str


class SettledCoding(NamedTuple):
    """Every annotation of a store in reading order, and how many each coder made."""

    passages: list[CodedPassage]
    coder_counts: dict[str, int]  # as AnnotationStore.coder_counts gives them
    problems: list[str]  # records that could not be read (left out), as the store says them


def settled_coding(workspace: Workspace) -> SettledCoding | None:
    """Every annotation of ``workspace``'s store, as :meth:`Workspace.all_anchored` would
    return them, when all are known in place without placing them; None otherwise (or
    when a record is not exactly as an annotation keeps it: the store's index reads it)."""
    stored = AnnotationColumns.of_store(workspace.store)
    if stored is None:
        return None
    placements = PlacementCache(placement_cache_path(workspace.db))
    if workspace.nothing_moved(placements, keys=stored.keys) != stored.state:
        return None
    return _coding(stored.columns, stored.problems)


def placed_coding(
    workspace: Workspace, advance: Callable[[], None] = lambda: None
) -> SettledCoding | None:
    """Every annotation of ``workspace``'s store as :meth:`Workspace.all_anchored` would
    return them, placed as an export places them (:func:`placed_columns`: no document loaded
    whose records are in place in its text, the placement cache learning them for the next
    run); ``advance()`` after each annotated document.  None when a record is not exactly as
    an annotation keeps it, or files moved: the caller places them all."""
    stored = AnnotationColumns.of_store(workspace.store)
    if stored is None:
        return None
    placements = PlacementCache(placement_cache_path(workspace.db))
    placed = placed_columns(workspace, placements, advance, stored, places=False)
    return None if placed is None else _coding(placed.columns, stored.problems)


def _coding(c: AnnotationColumns, problems: Sequence[str]) -> SettledCoding:
    fields = zip(c.document, c.start, c.end, c.tags, c.status, c.coder, strict=True)
    passages = list(map(CodedPassage._make, fields))
    return SettledCoding(passages, dict(sorted(Counter(c.coder).items())), list(problems))
