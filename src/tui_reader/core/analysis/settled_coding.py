"""Every coded passage of a store read straight from its records, when all are known in place.

A comparison of two coders (:mod:`tui_reader.core.analysis.agreement`) reads of each passage
only its document, place, codes, status and coder.  When the database is as it was when a
pass last found every annotation in place and no annotated file changed since (see
:meth:`Workspace.nothing_moved`), those fields are the store's records as they are: the
columns an export takes (:class:`~tui_reader.core.interchange.annotation_columns.
AnnotationColumns`) give them without the store's index or 100,000 Annotation objects (a
third of a comparison's time on a team's database).  Otherwise the caller places them
(:meth:`Workspace.all_anchored`).

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from tui_reader.core.annotations.placement_cache import PlacementCache
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
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
    c = stored.columns
    fields = zip(c.document, c.start, c.end, c.tags, c.status, c.coder, strict=True)
    passages = list(map(CodedPassage._make, fields))
    return SettledCoding(passages, dict(sorted(Counter(c.coder).items())), list(stored.problems))
