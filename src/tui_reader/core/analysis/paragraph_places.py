"""The paragraphs a query's ``FOLLOWS/2``, ``PRECEDES/2`` and ``NEAR/2`` count: each
document's, cut as ``agreement --unit paragraph`` cuts them, and kept with them between runs
(:func:`~tui_reader.core.analysis.coder_agreement.compared_units`: a text whose units were
cut before is not read again)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui_reader.core.analysis.meeting import Paragraphs

if TYPE_CHECKING:
    from tui_reader.core.workspace import Workspace


def paragraphs_of(workspace: Workspace) -> Paragraphs:
    """The starts of the paragraphs of the documents asked for, in ``workspace`` (a document
    that cannot be read has none: no passage of it is that near another)."""

    def starts(keys: Iterable[str]) -> Mapping[str, Sequence[int]]:
        from tui_reader.core.analysis.coder_agreement import compared_units

        units, _ = compared_units(workspace, sorted(keys), "paragraph")
        return {key: spans[:, 0].tolist() for key, spans in units.items()}

    return starts
