"""Comma- and tab-separated text (.csv, .tsv), read with the standard library's csv module.

A file whose header row names a speaker's column and a text's (as Descript, Sonix, Trint,
Otter and Rev export a transcript: ``Speaker,Start,End,Text``, ``Speaker Name``, ``Start
Time``; or as a sheet of one's own may, ``Respondent,Answer``, ``Who,What``, when its
rows read as things said) is a transcript: a turn a row, written ``[00:00:05] Ana: what
was said`` as a subtitle file's are, its time the row's start (hours added, fractions left
out; a chat's message its day and time as written, its Date and Time columns'), and
the row's cells of any other column holding words (a note, a comment, a
translation) each on a line below in its turn, named by its header ("Notes: laughs"), a
translation's the speaker's words, the notes after them no one's (``Turn.said``);
columns of figures alone (an end time, a confidence, "3.5s") and a row's ID are
left out.  Any other file is a table: a line a row, its cells parted by " │ " as a Word
file's table's are (its turns then found as a table transcript's are).  Cells are read as
the csv module reads them: quoted cells lose their quotes, their doubled quotes are one,
and the commas, tabs and line breaks inside them are the cell's (a cell's lines are one
line in a table, a turn's lines in a transcript).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from tui_reader.core.csv_rows import header_delimiter, read_long_cells, separator_line
from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.spans import Span, SpanKind
from tui_reader.core.documents.table_units import CELL, cell_words
from tui_reader.core.documents.turns import Turn, label_speaker, speakers_named
from tui_reader.core.errors import DocumentError

# A header cell's words (in small letters, "_" and "-" as spaces, a unit in parentheses
# left out: "Start (s)") naming each column a transcript's export has.
_SPEAKER_COLUMNS = frozenset(
    {"speaker", "speaker name", "speaker label", "speakers", "name", "who", "participant"}
)
_TEXT_COLUMNS = frozenset(
    {"text", "transcript", "transcription", "utterance", "content", "words", "dialogue",
     "dialog", "sentence", "caption", "what was said"}
)  # fmt: skip
# The words an interview's, a survey's or a chat's own sheet names them by ("Respondent,
# Answer", "Who,What", "Author,Message"): a header naming them is a transcript's only when
# its rows read as one (see _reads_as_said), a table of figures or of yes and no staying one.
_OTHER_SPEAKER_COLUMNS = frozenset(
    {"respondent", "interviewee", "informant", "person", "voice", "character", "role",
     "author", "sender", "user", "username"}
)  # fmt: skip
_OTHER_TEXT_COLUMNS = frozenset(
    {"answer", "response", "reply", "what", "message", "statement", "quote", "speech",
     "verbatim", "said"}
)  # fmt: skip
_NAME_WORDS = 6  # the most words a speaker's cell has (a name, a role: never a sentence)
# A column of a row's start and end in one cell ("0:00:05.2 - 0:00:10.4"), as NVivo writes
# a transcript's "Timespan": its rows had no time, that cell named no column of a time.
_TIME_COLUMNS = (  # in order of preference: a row's start before any other time
    "start", "start time", "starttime", "start timecode", "begin", "in", "time in",
    "timecode", "timestamp", "time", "timespan", "time span", "time range", "timerange",
)  # fmt: skip
# A column of the day a row was written (a chat's or a forum's export: "Date,Author,Message"),
# its time of day in it or in a column of the time (the "Time" or "Timestamp" column, not a
# recording's start): the row's stamp as written, a message's moment, no offset into a
# recording.
_DATE_COLUMNS = frozenset(
    {"date", "datetime", "date time", "date and time", "day", "sent", "sent at", "created",
     "created at", "posted", "posted at"}
)  # fmt: skip
_TIME_OF_DAY_COLUMNS = frozenset({"time", "timestamp", "hour", "time sent"})
# A cell opening with a day: "2023-05-12", "12/05/2023", "5.12.23", "2023-05-12T10:02:33Z".
_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?![\d])|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?![\d])")
# A column of a row's key ("ID", "Row ID", "UUID"): its letters are a number's, no words.
_KEYS = frozenset({"id", "uuid", "guid"})
# Words of a header naming a column of what someone wrote about the turn, not of what was
# said in other words (a translation, a gloss, the original): its cells are the turn's, for
# citing, but no speaker's words to autocode or count.
_NOTE_WORDS = frozenset(
    {"note", "notes", "comment", "comments", "remark", "remarks", "annotation", "annotations",
     "memo", "memos", "observation", "observations", "context", "description", "summary",
     "topic", "topics", "theme", "themes", "code", "codes", "tag", "tags", "keyword",
     "keywords", "category", "categories", "label", "labels", "nonverbal",
     "sound", "sounds", "action", "actions", "flag", "flags", "issue", "issues", "question",
     "status", "coder", "reviewer"}
)  # fmt: skip
# A figure with its unit: "3.2s", "120 ms", "0,93", "80 %".
_FIGURE = re.compile(r"[-+]?\d[\d.,:]*\s*(?:[^\W\d_]{1,3}|%)?")
_UNIT = re.compile(r"\([^()]*\)")
# A cell's time: "00:00:05", "0:05", "00:00:05.120", "00:00:05,120", a timecode's frames
# after a third colon ("00:00:05:12"), or seconds alone ("5.32", as Descript writes them).
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,:;]\d{1,3})?")
_SECONDS = re.compile(r"(\d{1,7})(?:[.,]\d+)?")
# What parts a span's start from its end in a cell ("0:00:05.2 - 0:00:10.4", "00:05 --> 00:10").
_SPAN_END = re.compile(r"[ \t]*(?:-->|[-–—]|\bto\b)[ \t]*(?=\d)")


def convert_csv(text: str, path: Path) -> Parsed:
    """The table or transcript of the comma-separated ``text`` (a semicolon's, as Excel
    saves CSV where a comma is the decimal mark, when its first line has more of them)."""
    # Excel's "sep=;" line naming the separator is no row of the table; without one, the
    # header says, as for the CSV files a user imports
    text, said = separator_line(text)
    return _convert(text, path, said or header_delimiter(text))


def convert_tsv(text: str, path: Path) -> Parsed:
    """The table or transcript of the tab-separated ``text`` (Excel's "Unicode text", its
    cells holding a tab, a quote or a line break quoted, as the csv module's excel-tab
    dialect reads them)."""
    return _convert(text, path, "\t")


def _convert(text: str, path: Path, delimiter: str) -> Parsed:
    rows: list[list[str]] = []
    longer: dict[int, list[str]] = {}  # the rows of more cells than the header, as read
    for read in _rows(text, path, delimiter):
        row = [_cell(cell) for cell in read]
        if not any(row):
            continue
        if rows and len(row) > len(rows[0]):
            longer[len(rows)] = read
        rows.append(row)
    if not rows:  # an empty table, as an empty text is an empty document
        return Parsed("", [], None)
    columns = transcript_columns(rows)
    if columns is not None:
        said, width = columns[1], len(rows[0])
        # A text holding the separator unquoted ("We slept, he said, there"), as a sheet
        # typed by hand or a tool writing no quotes has it: the cells it was cut into are
        # the text's, the row's cells past them its other columns'.  Past the header's last
        # column they were left out of the turn; before other columns (a start and an end
        # time after the text), the text was its first piece, the times its other pieces.
        for i, read in longer.items():
            cells = read
            if said == width - 1:
                while len(cells) > width and not cells[-1].strip():
                    cells = cells[:-1]  # a row's empty cells at its end: no words
            end = said + 1 + len(cells) - width
            rows[i] = [
                *rows[i][:said],
                _cell(delimiter.join(cells[said:end])),
                *(_cell(cell) for cell in cells[end:]),
            ]
    return table_or_transcript(rows, columns)


def table_or_transcript(
    rows: list[list[str]], columns: tuple[int, int, int | None, int | None] | None = None
) -> Parsed:
    """The transcript the rows ``rows`` hold (each a list of cells, trimmed, none of empty
    cells alone, the header first) when its header names a speaker's and a text's column
    (``columns``, as :func:`transcript_columns` finds them, looked for when not given), else
    their table: what a sheet's rows read from a CSV file or an Excel workbook's make."""
    if columns is None:
        columns = transcript_columns(rows)
    if columns is not None:
        parsed = _transcript(rows, *columns)
        if parsed is not None:
            return parsed
    # The table as TextBuilder.table writes one (a line a row, a cell's lines joined by a
    # space, a row's empty cells at its end left out), joined here: the cells are pieces of
    # the sanitised text, and a 20 MB table written cell by cell took 20 s.
    lines = []
    apart = 0  # the cells' marks written
    for row in rows:
        while not row[-1]:
            row.pop()
        lines.append(" │ ".join(cell.replace("\n", " ") for cell in row))
        apart += len(row) - 1
    table = "\n".join(lines)
    if table.count(CELL) > apart:  # a cell holds a "│" of its own: it parts no cells
        table = "\n".join(
            " │ ".join(cell_words(cell.replace("\n", " ")) for cell in row) for row in rows
        )
    return Parsed(table, [Span(0, len(table), SpanKind.PARAGRAPH)], None)


def _rows(text: str, path: Path, delimiter: str) -> Iterator[list[str]]:
    # A cell of a whole interview, over the csv module's 128 KB, refused the file ("field
    # larger than field limit") when converted in a process that had read no CSV to import.
    read_long_cells()
    reader = csv.reader(
        text.lstrip("\ufeff").splitlines(keepends=True),
        dialect="excel-tab" if delimiter == "\t" else "excel",
        delimiter=delimiter,
    )
    try:
        yield from reader
    except csv.Error as exc:  # a line the csv module cannot read (a NUL byte)
        raise DocumentError(path, f"unreadable row at line {reader.line_num} ({exc})") from exc


def _cell(cell: str) -> str:
    """A cell's words, its lines each trimmed, blank ones left out."""
    if "\n" not in cell:
        return cell.strip()
    return "\n".join(line.strip() for line in cell.splitlines() if line.strip())


def _column_name(cell: str) -> str:
    return " ".join(_UNIT.sub(" ", cell).replace("_", " ").replace("-", " ").lower().split())


def transcript_columns(
    rows: list[list[str]],
) -> tuple[int, int, int | None, int | None] | None:
    """The columns of the speaker, the text, the start time and the day (or ``None``) that
    the header row (the first of ``rows``) names, or ``None`` if it names no speaker's or
    no text's (a day's column only beside a time of day's, or alone).  A column named by
    a word a transcription service's export does not use ("Respondent", "Answer") is taken
    only when the rows below read as things said."""
    names = [_column_name(cell) for cell in rows[0]]
    speaker = _named(names, _SPEAKER_COLUMNS, _OTHER_SPEAKER_COLUMNS)
    said = _named(names, _TEXT_COLUMNS, _OTHER_TEXT_COLUMNS)
    if speaker is None or said is None or speaker == said:
        return None
    exported = names[speaker] in _SPEAKER_COLUMNS and names[said] in _TEXT_COLUMNS
    if not exported and not _reads_as_said(rows[1:], speaker, said):
        return None
    time = next((names.index(n) for n in _TIME_COLUMNS if n in names), None)
    date = next((i for i, n in enumerate(names) if n in _DATE_COLUMNS), None)
    if time is not None and names[time] not in _TIME_OF_DAY_COLUMNS:
        date = None  # a recording's start: a day beside it is the interview's, every row's
    return speaker, said, time, date


def _named(names: list[str], *words: frozenset[str]) -> int | None:
    """The first column named by a word of the first of ``words`` naming one."""
    return next((names.index(n) for kind in words for n in names if n in kind), None)


def _reads_as_said(rows: list[list[str]], speaker: int, said: int) -> bool:
    """Whether the ``rows``' speakers are names (a few words at most) and what they said
    is sentences (two words a cell or more on average, with letters): a sheet of people's
    ages, or of their yes and no, is a table."""
    names = [row[speaker] for row in rows if speaker < len(row) and row[speaker]]
    words = [row[said] for row in rows if said < len(row) and row[said]]
    if not names or not words or any(len(name.split()) > _NAME_WORDS for name in names):
        return False
    lettered = sum(any(c.isalpha() for c in cell) for cell in words)
    if 2 * lettered <= len(words):
        return False
    return sum(len(c.split()) for c in words) >= 2 * len(words) or _dialogue(rows, speaker, said)


def _dialogue(rows: list[list[str]], speaker: int, said: int) -> bool:
    """Whether the ``rows`` are an exchange, however short its answers ("Cold?" "Yes."):
    a question asked, and a speaker speaking again after another has (a sheet of each
    respondent's one answer names each once)."""
    if not any(said < len(row) and row[said].rstrip().endswith("?") for row in rows):
        return False
    seen: set[str] = set()
    last = ""
    for row in rows:
        name = " ".join(row[speaker].split()).casefold() if speaker < len(row) else ""
        if not name or name == last:
            continue
        if name in seen:
            return True
        seen.add(name)
        last = name
    return False


def _transcript(
    rows: list[list[str]], speaker: int, said: int, time: int | None, date: int | None
) -> Parsed | None:
    """A turn for each row saying something, or ``None`` when none does; the row's other
    cells of a column holding words (a note, a comment, a translation) each on a line below
    what was said, named by their column's header, the turn's (a passage of a translation
    is cited by its speaker and time).

    The turns are joined here, as the table is, not written through a TextBuilder: each
    piece is a cell (or words of one) of the sanitised text, trimmed, so there is nothing
    for the builder to clean, trim or take back, and its calls took 10 µs a row (a tweet
    dataset of 1,000,000 rows was stopped at the time limit).  The text is as the builder
    wrote it: a blank line between turns, no space at a line's end."""
    pieces: list[str] = []
    spans: list[Span] = []  # in the order sorted_spans gives: a turn's, then its labels
    turns: list[Turn] = []
    length = 0
    header, rows = rows[0], rows[1:]
    extra = _word_columns(header, rows, {speaker, said, time, date})
    # What was said in other words first (a translation: the speaker's), then the notes
    noted = {i for i in extra if _NOTE_WORDS & set(_column_name(header[i]).split())}
    extra = [i for i in extra if i not in noted] + [i for i in extra if i in noted]
    labels = {i: " ".join(header[i].split()) for i in extra}
    for row in rows:
        words = row[said] if said < len(row) else ""
        added = [(labels[i], row[i], i in noted) for i in extra if i < len(row) and row[i]]
        if not words and not added:
            continue
        if length:
            pieces.append("\n\n")
            length += 2
        start = length
        paragraph = len(spans)
        spans.append(Span(start, start, SpanKind.PARAGRAPH))  # its end set below
        name = clock = ""
        body = start
        if words:
            name = " ".join(row[speaker].split()) if speaker < len(row) else ""
            clock = _stamp(row, time, date)
            if clock:
                pieces.append(f"[{clock}] ")
                length += len(clock) + 3
            if name:
                spans.append(Span(length, length + len(name), SpanKind.STRONG))
                pieces.append(f"{name}: ")
                length += len(name) + 2
            body = length
            pieces.append(words)
            length += len(words)
        words_end = -1  # where the speaker's words end, before the row's notes
        for column, cell, note in added:  # a row with no words: its notes a paragraph alone
            if note and words_end < 0 and words:
                words_end = length
            if length > start:
                pieces.append("\n")
                length += 1
            if column:
                spans.append(Span(length, length + len(column) + 1, SpanKind.EMPHASIS))
                pieces.append(f"{column}: ")
                length += len(column) + 2
            pieces.append(cell)
            length += len(cell)
        spans[paragraph] = Span(start, length, SpanKind.PARAGRAPH)
        if words:  # its notes and translation the turn's, cited by its speaker and time
            turns.append(Turn(start, length, body, label_speaker(name), clock, words_end))
    if not turns:
        return None
    speakers = speakers_named(turns)
    metadata: dict[str, str | int] = {"speakers": speakers} if speakers else {}
    return Parsed("".join(pieces), spans, None, (), tuple(turns), metadata)


def _word_columns(header: list[str], rows: list[list[str]], taken: set[int | None]) -> list[int]:
    """The columns besides ``taken`` (the speaker's, the text's, the time's) that hold words
    somewhere: a note's, a comment's, a translation's.  A column of figures alone (a
    confidence, an end time, a duration) and a second column of the speaker's ("Speaker
    ID") are left out."""
    found = []
    for i, cell in enumerate(header):
        name = _column_name(cell)
        if i in taken or name in _SPEAKER_COLUMNS or {"speaker", *_KEYS} & set(name.split()):
            continue
        if any(i < len(row) and _worded(row[i]) for row in rows):
            found.append(i)
    return found


def _worded(cell: str) -> bool:
    """Whether a cell holds words: a letter, and not in a figure's unit ("3.2s", "80 %")."""
    return any(c.isalpha() for c in cell) and _FIGURE.fullmatch(cell) is None


def _stamp(row: list[str], time: int | None, date: int | None) -> str:
    """The row's time: its day and time of day as written when it has a day (a chat's
    message, "2023-05-12 10:02:33"), else its start in a recording as ``00:07:09``, or ""."""
    at = row[time] if time is not None and time < len(row) else ""
    day = " ".join(row[date].split()) if date is not None and date < len(row) else ""
    if day and any(c.isdigit() for c in day):
        if at and ":" not in day and _DAY.match(at.strip()) is None:
            return f"{day} {' '.join(at.split())}"  # the time of day beside its day
        return day
    if _DAY.match(at.strip()):  # a timestamp of a day and a time ("2023-05-12T10:02:33Z")
        return " ".join(at.split())
    return _clock(at)


def _clock(cell: str) -> str:
    """A cell's time as ``00:07:09``, or "" when it holds none."""
    cell = cell.strip().strip("[]()").strip()  # "[00:00:05]", as some services write it
    span = _SPAN_END.search(cell)
    if span is not None and span.start() > 0:  # a span: its start ("0:05 - 0:10")
        cell = cell[: span.start()]
    found = _CLOCK.fullmatch(cell)
    if found is not None:
        hours, minutes, seconds = int(found[1] or 0), int(found[2]), int(found[3])
    else:
        found = _SECONDS.fullmatch(cell)
        if found is None:
            return ""
        total = int(found[1])
        hours, minutes, seconds = total // 3600, total // 60 % 60, total % 60
    return f"{hours:02}:{minutes:02}:{seconds:02}"
