"""Passages shown in full with the rest of their line before and after (the query view, the
codebook's passage list): each document is read once for all its passages.

Offsets are code points into a document's canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_reader.core.annotations.model import AnchorStatus, Annotation, reading_order
from tui_reader.core.annotations.passages import Passage
from tui_reader.core.documents.document import Document
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.documents.turns import Turn, find_turns, passage_citation, turn_at
from tui_reader.core.errors import DocumentError

if TYPE_CHECKING:
    from tui_reader.core.documents.corpus import CorpusFile
    from tui_reader.core.workspace import Workspace

CONTEXT_REACH = 160  # code points of context at most, each side
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PassageInContext:
    """A placed passage with the text around it: ``before`` ends where it starts, ``after``
    begins where it ends (each within the passage's own line, cut at a word with ``…``)."""

    passage: Passage
    before: str = ""
    after: str = ""
    page: int | None = None  # of a paged document (PDF, ...)
    # Its citation in a transcript: the time of its words and its turns' speakers
    # ("[00:07:05] INTERVIEWER, P03"), or either alone
    speaker: str = ""

    @property
    def annotation(self) -> Annotation:
        return self.passage.annotation


def context_around(
    text: str,
    start: int,
    end: int,
    reach: int = CONTEXT_REACH,
    within: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """The text of the passage's own line before ``start`` and after ``end``, as ``F`` and
    grep show a hit's line: a passage that starts or ends a line has no context on that side
    (the line beyond is another turn of a transcript, its next speaker's label, or a title).
    ``within``: ``[lo, hi)`` the context does not reach past either (what a transcript's
    speaker said in the passage's turn: not its label, nor the notes after it)."""
    lo, hi = within if within is not None else (0, len(text))
    lo, hi = min(max(0, lo), start), max(min(len(text), hi), end)
    head = text[max(lo, start - reach * 2) : start]
    before = head.rsplit("\n", 1)[-1]
    tail = text[end : min(hi, end + reach * 2)]
    after = tail.split("\n", 1)[0]
    return _cut_left(_flat(before), reach), _cut_right(_flat(after), reach)


def _flat(text: str) -> str:
    """Whitespace runs made one space (a space at either end is kept: it parts the context
    from the passage as the text does)."""
    return _SPACES.sub(" ", text) if text.strip() else ""


def _cut_left(text: str, reach: int) -> str:
    if len(text) <= reach:
        return text
    cut = text[-reach:]
    space = cut.find(" ", 0, len(cut) - 1)
    return "…" + (cut[space + 1 :] if 0 <= space < reach // 2 else cut)


def _cut_right(text: str, reach: int) -> str:
    if len(text) <= reach:
        return text
    cut = text[:reach]
    space = cut.rfind(" ", 1)
    return (cut[:space] if space > reach // 2 else cut) + "…"


def _by_document(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    by_document: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        by_document[annotation.document].append(annotation)
    return by_document


def first_documents(
    annotations: Iterable[Annotation], at_least: int
) -> tuple[list[Annotation], list[Annotation]]:
    """``annotations`` split in two: those of the first documents (in the order
    :func:`in_context` lists them) that hold ``at_least`` of them together, and the rest;
    ``in_context`` of each, one after the other, lists what it lists of all (the first can
    be shown while the rest are placed)."""
    by_document = _by_document(annotations)
    first: list[Annotation] = []
    rest: list[Annotation] = []
    for key in sorted(by_document):
        (first if len(first) < at_least else rest).extend(by_document[key])
    return first, rest


class _PlainText:
    """What :func:`in_context` reads of a plain text's Document, from its text read as the
    corpus search reads it: its lines are its file's (no break added), it has no pages, and
    its speakers' turns are :func:`find_turns` of its text, as loading it finds them."""

    added_breaks: tuple[int, ...] = ()

    def __init__(self, title: str, text: str) -> None:
        self.title = title
        self.text = text
        self.turns = find_turns(text)

    def turn_at(self, offset: int) -> Turn | None:
        return turn_at(self.turns, offset) if self.turns else None

    def page_at(self, _offset: int) -> int | None:
        return None


PlainRead = Callable[[str], tuple[str, str] | None]
"""A document's title and text when it is a plain text read without loading it, else None
(see :func:`plain_texts`)."""


def plain_texts(workspace: Workspace) -> PlainRead:
    """The title and text of each listed plain text file whose text, read as the corpus
    search and an export read it (:func:`~tui_reader.core.interchange.records_in_place.
    text_read`), is its Document's (lines the file's, no pages, not subtitles), by key: a
    fifth of the CPU of loading it (2,000 texts of 10 KB: 0.3 s, loaded 1.3 s); None for any
    other document (it is loaded)."""
    from tui_reader.core.interchange.records_in_place import text_read

    files: dict[str, CorpusFile] = {}

    def read(key: str) -> tuple[str, str] | None:
        if not files:
            files.update((k, f) for k, f in workspace.keyed_files() if not f.link)
        file = files.get(key)
        if file is None or file.format != "text":
            return None
        found = text_read(file, None)
        return None if found is None else (found.title, found.text)

    return read


def in_context(
    annotations: Iterable[Annotation],
    load: Callable[[str], Document],
    cancelled: Callable[[], bool] = lambda: False,
    plain: PlainRead = lambda _key: None,
    reading: Callable[[int, int], None] | None = None,
) -> tuple[list[PassageInContext], list[str]]:
    """The annotations (placed in the current texts) with their title, line and context, in
    (document, start) order; and the problems met (a document that cannot be read: its
    passages are listed without context or line).  ``plain``: a plain text's title and
    text read without loading it (:func:`plain_texts`), the same as its Document's.
    ``reading(done, of)``: told before each document is read, ``done`` of the ``of``
    documents read so far."""
    by_document = _by_document(annotations)
    shown: list[PassageInContext] = []
    problems: list[str] = []
    keys = sorted(by_document)
    for done, key in enumerate(keys):
        if cancelled():
            break
        if reading is not None:
            reading(done, len(keys))
        ordered = sorted(by_document[key], key=reading_order)
        read = plain(key)
        document: Document | _PlainText
        try:
            document = load(key) if read is None else _PlainText(*read)
        except DocumentError as exc:
            problems.append(str(exc))
            shown.extend(PassageInContext(Passage(a, key, None)) for a in ordered)
            continue
        text = document.text
        lines = LineIndex(text, document.added_breaks).lines(
            [min(a.start, len(text)) for a in ordered]
        )
        for annotation, line in zip(ordered, lines, strict=True):
            passage = Passage(annotation, document.title, line)
            if annotation.status is AnchorStatus.ORPHAN:
                shown.append(PassageInContext(passage))
                continue
            turn = document.turn_at(annotation.start)
            said = (turn.body, turn.said_end) if turn is not None else None
            before, after = context_around(text, annotation.start, annotation.end, within=said)
            # (cited as the status line and the exports cite it: "[00:07:09] P03")
            speaker = passage_citation(document.turns, annotation.start, annotation.end)[2]
            page = document.page_at(annotation.start)
            shown.append(PassageInContext(passage, before, after, page, speaker))
    return shown, problems
