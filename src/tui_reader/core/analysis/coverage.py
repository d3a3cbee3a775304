"""The share of a text its coded passages cover: what the library's rows, the document's
details and the status line show, and what the reports' coverage columns count.  Apart from
:mod:`.reports` so that the library's counts load neither the reports nor the query language
they read passages with.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from tui_reader.core.analysis.coded import Placed
from tui_reader.core.annotations.model import AnchorStatus, Annotation


def merged_length(ranges: Iterable[tuple[int, int]]) -> int:
    """Code points covered by the union of half-open ``ranges``."""
    total = 0
    end = -1
    for start, stop in sorted(ranges):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def coverage_by_document(
    annotations: Iterable[Placed], lengths: Mapping[str, int]
) -> dict[str, float]:
    """Per document of ``lengths``: the share of its text inside any coded passage (0-1)."""
    ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a in annotations:
        if a.tags:
            ranges[a.document].append((a.start, a.end))
    return {
        key: (min(1.0, merged_length(ranges[key]) / length) if length else 0.0)
        for key, length in lengths.items()
    }


def coverage_of(annotations: Iterable[Annotation], key: str, length: int) -> float:
    """The share of the text of ``key`` (``length`` code points) its ``annotations`` cover,
    orphans (which have no place in the text) left out."""
    placed = [a for a in annotations if a.status != AnchorStatus.ORPHAN]
    return coverage_by_document(placed, {key: length})[key] if placed else 0.0
