"""A code x speaker matrix (``report matrix --by-speaker``, the reports view's ``b``): who
said what across transcripts, as QualCoder's and ATLAS.ti's code-by-case tables give it.

A passage counts once in the column of each speaker whose words it holds
(:func:`~tui_reader.core.documents.turns.speakers_of_passage`: a passage across a question and
its answer is both speakers', as a query's ``speaker:`` and the exports take it); one in no
turn (an article, a transcript's preamble) in the column :data:`NO_SPEAKER`.  Two spellings of
one speaker (``INTERVIEWER`` and ``Interviewer``, ``Lucía`` and ``Lucia``) are one column, as
``speaker:`` compares names (:func:`~tui_reader.core.documents.turns.speaker_key`), named as
most of their turns spell it.  Offsets are code points into a document's canonical text,
half-open ``[start, end)``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from tui_reader.core.analysis.reports import (
    Coded,
    Row,
    column_key,
    column_order,
    report_tags,
)
from tui_reader.core.documents.turns import Turn, speaker_key, speakers_of_passage
from tui_reader.core.errors import TuiReaderError

NO_SPEAKER = "(no speaker)"  # the column of the passages holding no speaker's words


class SpeakerColumns:
    """The speakers of passages, each document's turns read once from ``turns_of`` (a
    document that cannot be read has none: the report says it is left out as it says any
    other), and the columns they make."""

    def __init__(self, turns_of: Callable[[str], Sequence[Turn]]) -> None:
        self.turns_of = turns_of
        self._turns: dict[str, Sequence[Turn]] = {}
        self._spelled: Counter[tuple[str, str]] = Counter()  # (key, spelling): turns
        self._names: dict[str, str] | None = None  # a speaker's key -> its column
        self._spelling: dict[str, str] = {}  # a speaker's key -> its name as most spell it

    def turns(self, document: str) -> Sequence[Turn]:
        found = self._turns.get(document)
        if found is None:
            try:
                found = self.turns_of(document)
            except TuiReaderError:
                found = ()
            self._turns[document] = found
            self._spelled.update((speaker_key(t.speaker), t.speaker) for t in found if t.speaker)
            self._names = None
        return found

    def names(self) -> dict[str, str]:
        """Each speaker of the documents read so far (by its key) and the name of its column:
        as most of its turns spell it, of as many the first read (a speaker called ``(no
        speaker)`` in quotes; ``tag``, the row's code, is set apart in the rows, as any
        column so named is: :func:`~tui_reader.core.analysis.reports.column_key`)."""
        if self._names is None:
            spellings: dict[str, Counter[str]] = defaultdict(Counter)
            for (key, spelling), count in self._spelled.items():
                spellings[key][spelling] += count
            # (of as many, the first read: the documents are read in order)
            self._spelling = {key: max(c, key=c.__getitem__) for key, c in spellings.items()}
            self._names = {key: speaker_column(s) for key, s in self._spelling.items()}
        return self._names

    def spelling(self, key: str) -> str:
        """The name of the speaker ``key`` as most of its turns spell it."""
        self.names()
        return self._spelling.get(key, key)

    def keys_of(self, passage: Coded) -> tuple[str, ...]:
        """The speakers (their keys) whose words ``passage`` holds, ``("",)`` for none."""
        names = speakers_of_passage(self.turns(passage.document), passage.start, passage.end)
        return tuple(dict.fromkeys(map(speaker_key, names))) if names else ("",)

    def columns_of(self, passage: Coded) -> tuple[str, ...]:
        """The columns ``passage`` counts in: its speakers', or :data:`NO_SPEAKER`."""
        names = self.names()
        keys = self.keys_of(passage)
        return tuple(names[key] if key else NO_SPEAKER for key in keys)

    def column_speaker(self, column: str) -> str | None:
        """The key of the speaker of the column ``column`` (its name), ``""`` for
        :data:`NO_SPEAKER`'s, None for no such column."""
        if column == NO_SPEAKER:
            return ""
        return next((key for key, name in self.names().items() if name == column), None)


def speaker_column(name: str) -> str:
    """The column of a speaker called ``name``: itself, but that ``(no speaker)``
    (:data:`NO_SPEAKER`) and that quoted, once or more, are quoted once more, so no speaker's
    column is that of the passages of no speaker's words."""
    from tui_reader.core.analysis.query import quoted

    inner = name
    while inner != NO_SPEAKER:
        if len(inner) < 2 or inner[0] != '"' or inner[-1] != '"':
            return name
        inner = inner[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return quoted(name)


def speaker_matrix(
    annotations: Sequence[Coded], speakers: SpeakerColumns, tags: Sequence[str] = ()
) -> list[Row]:
    """Passages per code and speaker: ``{"tag", <speaker>: passages, ...}``, a column for
    each speaker of the documents the passages are in (in the order of a matrix's values:
    natural, case aside), then :data:`NO_SPEAKER` when a passage of a row is in it.  A
    passage of two speakers counts in both columns, so a row's cells may sum to more than
    its passages."""
    names = report_tags(annotations, tags)
    wanted = set(names)
    for document in sorted({a.document for a in annotations}):
        speakers.turns(document)  # in order: a speaker's column named alike every time
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in annotations:
        mine = [t for t in dict.fromkeys(a.tags) if t in wanted]
        if not mine:
            continue
        columns = [column_key(c) for c in speakers.columns_of(a)]
        for tag in mine:
            counts[tag].update(columns)
    order = [column_key(c) for c in sorted(speakers.names().values(), key=column_order)]
    none = column_key(NO_SPEAKER)
    if any(counts[tag][none] for tag in names):
        order.append(none)
    zeros = dict.fromkeys(order, 0)
    return [{"tag": tag, **zeros, **counts[tag]} for tag in names]


def speaker_where(column: str, speakers: SpeakerColumns) -> str:
    """The filter of the speaker column ``column``, as a query reads it back:
    ``speaker:"Carlos Méndez"``, and ``NOT speaker:*`` for :data:`NO_SPEAKER`."""
    from tui_reader.core.analysis.query import quoted_name

    key = speakers.column_speaker(column)
    if key == "":
        return "NOT speaker:*"
    return f"speaker:{quoted_name(speakers.spelling(key) if key is not None else column)}"


def documents_spoken(keys: Iterable[str], speakers: SpeakerColumns) -> bool:
    """Whether a document of ``keys`` reads as a transcript (has a speaker's turn)."""
    return any(any(t.speaker for t in speakers.turns(key)) for key in keys)
