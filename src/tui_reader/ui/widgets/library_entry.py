"""One document of the library (:class:`LibraryEntry`) and the two lines its row shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from tui_reader.core.display import shown
from tui_reader.core.wording import counted

if TYPE_CHECKING:
    from tui_reader.core.documents.facts import DocumentFacts


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library.  ``error`` is set (and the rest unknown) for unreadable files."""

    key: str
    rel: str
    title: str = ""
    words: int = 0
    kind: str = ""  # the format's name for converted formats ("PDF", "Word"), else ""
    pages: int = 0
    length: int = 0  # code points of canonical text
    annotations: int = 0
    position: int | None = None  # saved reading position, code points
    error: str | None = None
    loading: bool = False
    coverage: float = 0.0  # share of the text inside coded passages (0-1)
    facts: DocumentFacts | None = None  # what the scan read (format, metadata), once read

    @property
    def readable(self) -> bool:
        return self.error is None and not self.loading

    @property
    def progress(self) -> int | None:
        """Per cent read (position over length), or ``None`` when never opened."""
        if self.position is None or not self.readable:
            return None
        if self.length == 0:
            return 100
        return round(100 * min(self.position, self.length) / self.length)


def _clip(text: str, width: int) -> str:
    text = shown(text)  # file names and errors quoting them: nothing raw on the terminal
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def row_text(entry: LibraryEntry, width: int) -> Text:
    """Two lines: the title, then words, annotations, share coded and progress (or the
    problem).  In a narrow library the annotations are counted as ``3 ann.``."""
    if entry.loading:
        return Text.assemble((_clip(entry.rel, width), "dim"), "\n", ("loading…", "dim italic"))
    if entry.error is not None:
        return Text.assemble(
            (_clip(entry.rel, width), "dim"), "\n", (_clip(entry.error, width), "dim italic")
        )
    line = _details(entry, short=False)
    if len(line) > width:
        line = _details(entry, short=True)
    return Text.assemble((_clip(entry.title, width), "bold"), "\n", (_clip(line, width), "dim"))


def _details(entry: LibraryEntry, *, short: bool) -> str:
    details = [entry.kind] if entry.kind else []
    if entry.pages:
        details.append(counted(entry.pages, "page"))
    details.append(counted(entry.words, "word"))
    if entry.annotations:
        details.append(
            f"{entry.annotations:,} ann." if short else counted(entry.annotations, "annotation")
        )
    if entry.coverage > 0:
        details.append(f"{coded_share(entry.coverage)} coded")
    progress = entry.progress
    if progress is not None:
        details.append(f"{progress}% read")
    return " · ".join(details)


def coded_share(coverage: float) -> str:
    """``37%``; a little coding shows as ``<1%``, never as ``0%``."""
    if 0 < coverage < 0.005:
        return "<1%"
    return f"{coverage * 100:.0f}%"
