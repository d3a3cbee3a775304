"""The paragraphs a query's ``FOLLOWS/2``, ``PRECEDES/2`` and ``NEAR/2`` count, and the
sentences and words ``NEAR/2s`` and ``FOLLOWS/10w`` count: each document's, cut as
``agreement --unit paragraph`` (``sentence``, ``word``) cuts them, and kept with them between
runs (:func:`~tui_reader.core.analysis.coder_agreement.compared_units`: a text whose
paragraphs or sentences were cut before is not read again; its words are cut each time, as
the agreement cuts them). The sentences are those autocode codes by sentence
(:mod:`~tui_reader.core.documents.units`), the words those ``list`` counts
(:mod:`~tui_reader.core.documents.words`), a transcript's speaker labels no part of either."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from tui_reader.core.analysis.meeting import Places

if TYPE_CHECKING:  # (the agreement's modules are loaded once a distance is asked for)
    import numpy as np

    from tui_reader.core.analysis.coder_agreement import Progress
    from tui_reader.core.workspace import Workspace


def paragraphs_of(
    workspace: Workspace,
    progress: Progress | None = None,
    unread: Callable[[str], None] = lambda _line: None,
) -> Places:
    """The starts of the paragraphs (or sentences, or words) of the documents asked for, in
    ``workspace``: their texts read and cut under ``progress`` (a first run over thousands
    of documents takes seconds). A document that cannot be read has none (no passage of it
    is that near another), and is named to ``unread``, one line each, without the command's
    name. A document's words are kept as an array of machine integers, 4 bytes a word, not
    a list of Python ones (ten times as much: the bench's 19 million words)."""

    def starts(keys: Iterable[str], unit: str = "paragraph") -> Mapping[str, Sequence[int]]:
        from tui_reader.core.analysis.agreement_units import Unit
        from tui_reader.core.analysis.coder_agreement import compared_units, no_progress

        cut = progress or no_progress
        words = unit == "word"  # their starts alone, kept so
        units, lines = compared_units(workspace, sorted(keys), cast(Unit, unit), cut, words)
        for line in lines:
            unread(not_counted(line, unit))
        if unit == "word":
            return {key: _compact(starts) for key, starts in units.items()}
        return {key: spans[:, 0].tolist() for key, spans in units.items()}

    return starts


def _compact(starts: np.ndarray) -> Sequence[int]:
    """``starts``, 4-byte integers, as an array of them, read as Python's integers."""
    kept = array("i")
    kept.frombytes(starts.astype("int32", copy=False).tobytes())
    return kept


def not_counted(line: str, unit: str = "paragraph") -> str:
    """``line``, of a document that could not be read, as a query with a distance says it:
    its file and its problem, and what that does to the query."""
    line = line.removeprefix("tui-reader: ")
    for end in (" (left out)", ": left out"):
        line = line.removesuffix(end)
    return f"{line} (its {unit}s not counted: none of its passages is near another)"


class KeptParagraphs:
    """The paragraphs' starts of the documents asked for, in ``workspace``, kept for the
    next query that asks for them: the query view's, run again and again on the passages
    placed so far, then on the whole project, asked each time for those it had (warm, the
    8,885 documents of the bench's code read the facts and the units kept again: 0.4 to
    0.7 s of CPU each run, beside the screen). One is kept as long as the passages it
    counts for are: placed again, they are counted again. A document that could not be read
    is named again to each query that asks for it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._starts: dict[str, dict[str, Sequence[int]]] = {}  # by unit, by document
        self._unread: dict[str, dict[str, str]] = {}  # by unit, the line said of a document

    def paragraphs(
        self, progress: Progress | None = None, unread: Callable[[str], None] = lambda _: None
    ) -> Places:
        """:func:`paragraphs_of`, of the documents not asked for before only (for that
        unit)."""

        def starts(keys: Iterable[str], unit: str = "paragraph") -> Mapping[str, Sequence[int]]:
            asked = set(keys)
            kept = self._starts.setdefault(unit, {})
            said = self._unread.setdefault(unit, {})
            wanted = sorted(k for k in asked if k not in kept and k not in said)
            if wanted:
                lines: list[str] = []
                found = paragraphs_of(self.workspace, progress, lines.append)(wanted, unit)
                kept.update(found)
                missing = [key for key in wanted if key not in found]
                if len(missing) == len(lines):  # a line each, in the documents' order
                    said.update(zip(missing, lines, strict=True))
                else:  # (never so: said now, and asked again next time)
                    for line in lines:
                        unread(line)
            for key in sorted(asked & said.keys()):
                unread(said[key])
            return {key: kept[key] for key in asked if key in kept}

        return starts
