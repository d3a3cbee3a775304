"""One document of the library (:class:`LibraryEntry`) and the two lines its row shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from tui_reader.core.display import shown, without_bidi
from tui_reader.core.wording import counted

if TYPE_CHECKING:
    from tui_reader.core.documents.facts import DocumentFacts


@dataclass(slots=True)
class LibraryEntry:
    """One row of the library.  ``error`` is set (and the rest unknown) for unreadable files.

    Never changed once made (a row that changes is a new entry, ``dataclasses.replace``), yet
    not a frozen dataclass: a frozen one's ``__init__`` sets each of its 13 fields through
    ``object.__setattr__``, and the 10,000 entries of a big corpus, made on the UI thread
    before the library's first rows, took twice as long (~15 ms more of a first screen)."""

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
    """``text`` in ``width`` cells at most (a Chinese or Japanese title's characters take two
    each: cut by characters, it ran past the row's end)."""
    text = shown(text)  # file names and errors quoting them: nothing raw on the terminal
    if len(text) <= width // 2 or cell_len(text) <= width:
        return text
    return set_cell_size(text, max(1, width - 1)) + "…"


def _path_clip(rel: str, width: int) -> str:
    """A file's path in ``width`` cells at most, its end kept: the folders nearest the file
    and its name, the start left out ("…/2019/interview.txt"); narrower, the file's folder
    and its name's start and end around an ellipsis.  Cut at its end, two paths alike but for
    a folder near the file ("interviews/2019/…", "interviews/2020/…") read alike."""
    rel = shown(rel)
    if cell_len(rel) <= width:
        return rel
    parts = rel.split("/")
    for kept in range(len(parts) - 1, 1, -1):
        end = "…/" + "/".join(parts[-kept:])
        if cell_len(end) <= width:
            return end
    last = "/".join(parts[-2:])
    if cell_len(last) <= width:
        return last
    head = max(1, (width - 1) * 2 // 3)
    tail = ""
    for char in reversed(last):
        if cell_len(char + tail) > width - 1 - head:
            break
        tail = char + tail
    start = set_cell_size(last, head).rstrip()
    while cell_len(start) > head:  # a wide character cut in two was padded back
        start = start[:-1]
    return start + "…" + tail


def row_text(entry: LibraryEntry, width: int, *, named: bool = False) -> Text:
    """Two lines: the title, then words, annotations, share coded and progress (or the
    problem).  ``named``: another document has the same title, so the title line starts with
    the file's name (``interview2.txt · Interview``), a path too long its end
    (``…/2019/interview.txt``: the folder that tells it from another).  In a library
    narrower than :data:`COUNT_SPELT_FROM` every row counts the annotations as ``3 ann.``,
    and where the line is still too long whole parts are left out (:data:`LEFT_OUT_FIRST`),
    never cut in the middle: ``1,173 words · 2 ann.…`` hid the share coded and what was
    read."""
    if entry.loading:
        return Text.assemble(
            (_path_clip(entry.rel, width), "dim"), "\n", ("loading…", "dim italic")
        )
    if entry.error is not None:
        return Text.assemble(
            (_path_clip(entry.rel, width), "dim"), "\n", (_clip(entry.error, width), "dim italic")
        )
    line = _joined(_fitted(_details(entry, short=width < COUNT_SPELT_FROM), width))
    if named:
        title = Text.assemble((_path_clip(entry.rel, width), "bold"))
        if title.cell_len + 3 < width:
            title.append(_clip(f" · {without_bidi(entry.title)}", width - title.cell_len))
    else:
        title = Text(_clip(without_bidi(entry.title), width), "bold")
    return Text.assemble(title, "\n", (_clip(line, width), "dim"))


# The cells a row needs for the longest details of a text (words, annotations, share coded,
# progress) with the annotations spelt out; a narrower library says ``ann.`` in every row.
# Each row chose for itself before: "2 annotations" in a short row under "3 ann." in a long one.
COUNT_SPELT_FROM = len("99,999 words · 9,999 annotations · 100% coded · 100% read")

# What a narrow row leaves out of its details first.  The count of annotations stays
# longest, then how far the document was read (which to go on with: the share coded went
# before it, and at 80 columns no coded document's row said what of it was read), then the
# share coded.
LEFT_OUT_FIRST = ("pages", "kind", "words", "coded", "read")


def _fitted(details: dict[str, str], width: int) -> dict[str, str]:
    """The parts of ``details`` kept in ``width``, in their order: the annotations always,
    then each part from the last of :data:`LEFT_OUT_FIRST` to the first that still fits; one
    that does not is left out, not those after it (``5,000 words · 50% read`` keeps its words
    where the kind and the pages have no room)."""
    wanted = ["annotations", *reversed(LEFT_OUT_FIRST)]
    kept: set[str] = set()
    for part in (p for p in wanted if p in details):
        line = _joined({k: v for k, v in details.items() if k in kept or k == part})
        if not kept or len(line) <= width:  # one part at least, cut if it must be
            kept.add(part)
    return {k: v for k, v in details.items() if k in kept}


def _joined(details: dict[str, str]) -> str:
    return " · ".join(details.values())


def _details(entry: LibraryEntry, *, short: bool) -> dict[str, str]:
    details = {"kind": entry.kind} if entry.kind else {}
    if entry.pages:
        details["pages"] = counted(entry.pages, "page")
    details["words"] = counted(entry.words, "word")
    if entry.annotations:
        details["annotations"] = (
            f"{entry.annotations:,} ann." if short else counted(entry.annotations, "annotation")
        )
    if entry.coverage > 0:
        details["coded"] = f"{coded_share(entry.coverage)} coded"
    progress = entry.progress
    if progress is not None:
        details["read"] = f"{progress}% read"
    return details


def coded_share(coverage: float) -> str:
    """``37%``; a little coding shows as ``<1%``, never as ``0%``."""
    if 0 < coverage < 0.005:
        return "<1%"
    return f"{coverage * 100:.0f}%"
