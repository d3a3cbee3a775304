"""The paragraphs a query's ``FOLLOWS/2``, ``PRECEDES/2`` and ``NEAR/2`` count: each
document's, cut as ``agreement --unit paragraph`` cuts them, and kept with them between runs
(:func:`~tui_reader.core.analysis.coder_agreement.compared_units`: a text whose units were
cut before is not read again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui_reader.core.analysis.meeting import Paragraphs

if TYPE_CHECKING:  # (the agreement's modules are loaded once a distance is asked for)
    from tui_reader.core.analysis.coder_agreement import Progress
    from tui_reader.core.workspace import Workspace


def paragraphs_of(
    workspace: Workspace,
    progress: Progress | None = None,
    unread: Callable[[str], None] = lambda _line: None,
) -> Paragraphs:
    """The starts of the paragraphs of the documents asked for, in ``workspace``: their
    texts read and cut under ``progress`` (a first run over thousands of documents takes
    seconds). A document that cannot be read has none (no passage of it is that near
    another), and is named to ``unread``, one line each, without the command's name."""

    def starts(keys: Iterable[str]) -> Mapping[str, Sequence[int]]:
        from tui_reader.core.analysis.coder_agreement import compared_units, no_progress

        cut = progress or no_progress
        units, lines = compared_units(workspace, sorted(keys), "paragraph", cut)
        for line in lines:
            unread(not_counted(line))
        return {key: spans[:, 0].tolist() for key, spans in units.items()}

    return starts


def not_counted(line: str) -> str:
    """``line``, of a document that could not be read, as a query with a distance says it:
    its file and its problem, and what that does to the query."""
    line = line.removeprefix("tui-reader: ")
    for end in (" (left out)", ": left out"):
        line = line.removesuffix(end)
    return f"{line} (its paragraphs not counted: none of its passages is near another)"


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
        self._starts: dict[str, Sequence[int]] = {}
        self._unread: dict[str, str] = {}

    def paragraphs(
        self, progress: Progress | None = None, unread: Callable[[str], None] = lambda _: None
    ) -> Paragraphs:
        """:func:`paragraphs_of`, of the documents not asked for before only."""

        def starts(keys: Iterable[str]) -> Mapping[str, Sequence[int]]:
            asked = set(keys)
            wanted = sorted(k for k in asked if k not in self._starts and k not in self._unread)
            if wanted:
                lines: list[str] = []
                found = paragraphs_of(self.workspace, progress, lines.append)(wanted)
                self._starts.update(found)
                missing = [key for key in wanted if key not in found]
                if len(missing) == len(lines):  # a line each, in the documents' order
                    self._unread.update(zip(missing, lines, strict=True))
                else:  # (never so: said now, and asked again next time)
                    for line in lines:
                        unread(line)
            for key in sorted(asked & self._unread.keys()):
                unread(self._unread[key])
            return {key: self._starts[key] for key in asked if key in self._starts}

        return starts
