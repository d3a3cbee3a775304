"""Reading Taguette's exports for ``import``: its highlights (CSV or HTML) and its codebook (CSV).

Taguette (https://www.taguette.org) writes:

- highlights as CSV, ``id,document,tag,content``: one row per highlight and tag (a highlight
  with two tags is two rows with one id; ``content`` is the passage as plain text);
- highlights as HTML: each highlight's passage, then a paragraph naming its document and tags
  (``<strong>Document:</strong> NAME <strong>Tags:</strong> a, b``), highlights parted by
  ``<hr>``;
- the codebook as CSV, ``tag,parent,description,number of highlights`` (older versions
  without ``parent``).

Our own CSV export (Taguette's columns, then ``note, start, end, ..., coder``) is read back
with its ids, places, notes and coders (and its documents' attributes, typed as ``attr import``
types them): a passage found at its ``start``/``end`` is placed
there, under its own id (Taguette's highlights get ids made from their number and text).
Taguette exports no positions: each highlight is placed by finding its text (whitespace may
differ, and a space it wrote between two pieces of its HTML, a word in bold and a comma, be
none) in the document of that name here; the n-th highlight of one text takes its n-th
occurrence (every highlight of a text found once takes that one).  What cannot be placed is
listed, never dropped silently.  Offsets are code
points into the canonical text, half-open ``[start, end)``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import PurePosixPath

from tui_reader.core.analysis.values import check_attribute_name
from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, quoted
from tui_reader.core.csv_rows import csv_rows, header_delimiter, separator_line
from tui_reader.core.documents.sanitize import clean_text
from tui_reader.core.errors import AttributeValueError, DocumentError, ImportFormatError
from tui_reader.core.interchange.csv import COLUMNS, attribute_name, restored
from tui_reader.core.interchange.export_text import export_key, export_line
from tui_reader.core.interchange.import_schema import (
    MAX_OFFSET,
    MAX_SHORT,
    MAX_TEXT,
    TOO_LONG_CELL,
    document_key_problems,
)
from tui_reader.core.interchange.places import utc_to_the_second
from tui_reader.core.interchange.refi import guid

_LINE_END = re.compile(r"\r\n|\r|\n")
_HIGHLIGHT_COLUMNS = {"document", "tag", "content"}
# the cells of a passage's row: one of our CSV export whose every one is empty is a document's
# (its attributes, the document coded nowhere), a row of no passage
_PASSAGE_CELLS = ("id", "tag", "content", "note", "start", "end")
_CODEBOOK_COLUMNS = {"tag", "description"}
# An id our CSV export wrote (an annotation's own, a UUID): Taguette numbers its highlights
_OWN_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@dataclass(frozen=True)
class Highlight:
    """A passage of a Taguette document with its tags; ``number``: its id in the export."""

    document: str
    text: str
    tags: tuple[str, ...]
    number: str
    # What our own CSV export adds to Taguette's columns: where the passage lies ([start,
    # end) in code points; None when not given), its note and coder.
    start: int | None = None
    end: int | None = None
    note: str = ""
    coder: str = ""
    # our export's ``created`` and ``updated``: a valid time, or "" when its cell is empty (as
    # the JSON export says a passage dated by no one); None when the row gives no time that
    # can be taken (Taguette's rows), the file's time taken for it
    created: str | None = None
    updated: str | None = None
    # The passage's cell as written, when that is not ``text``: ``'=x``, read as ``=x`` (our
    # export made it inert), may be a passage that begins with ``'``, as its place tells
    written: str = ""
    # ``number`` is the annotation's own id (our CSV export's, of one highlight: a row that
    # says where its passage lies), which its annotation keeps: imported into an empty
    # database, the same annotation
    own_id: bool = False


@dataclass(frozen=True)
class TaguetteExport:
    highlights: list[Highlight]
    tags: list[Tag]
    problems: list[str] = field(default_factory=list)  # what was read in part, why
    # our CSV export's attribute columns (its columns after ``updated``) as a CSV of
    # attributes (document first, one row a document), for :func:`read_attribute_csv` to
    # type as ``attr import`` types them; "" when the file has none
    attributes: str = ""
    # what of those columns could not be read (a column no attribute can be named by)
    attribute_problems: list[str] = field(default_factory=list)
    # how many rows were left out whole (a note or passage longer than a text may be), each
    # said in ``problems``: the import fails then, as a JSON record left out fails it
    rows_left_out: int = 0


class Target:
    """A document here a highlight may belong to: its key, title and text, given or, with
    ``read`` (a document's title, text and sha256; :class:`DocumentError` when it cannot be
    read), read when first asked for: a document no highlight names by its key is never
    read.  (An import of one row read all 10,000 documents of a corpus to place it.)"""

    __slots__ = ("_read", "_readable", "_sha256", "_text", "_title", "key")

    def __init__(
        self,
        key: str,
        title: str = "",
        text: str = "",
        sha256: str = "",
        read: Callable[[], tuple[str, str, str]] | None = None,
    ) -> None:
        self.key = key
        self._title, self._text, self._sha256 = title, text, sha256
        self._read, self._readable = read, True

    def __repr__(self) -> str:
        return f"Target({self.key!r})"

    @property
    def readable(self) -> bool:
        """Whether the document can be read (read now, the first time)."""
        read, self._read = self._read, None
        if read is not None:
            try:
                self._title, self._text, self._sha256 = read()
            except DocumentError:
                self._readable = False
        return self._readable

    @property
    def title(self) -> str:
        return self._title if self.readable else ""

    @property
    def text(self) -> str:
        return self._text if self.readable else ""

    @property
    def sha256(self) -> str:
        return self._sha256 if self.readable else ""


def looks_like_taguette(text: str) -> bool:
    """True for a CSV whose header is Taguette's, or Taguette's highlights HTML."""
    if "<strong>" in text[:65536] and re.search(r"<html|<!doctype", text[:1024], re.I):
        return True
    header = set(_header(text))
    return header >= _HIGHLIGHT_COLUMNS or header >= _CODEBOOK_COLUMNS


def _header(text: str) -> list[str]:
    text, separator = separator_line(text)
    first = _LINE_END.split(text, maxsplit=1)[0]  # a lone CR ends a line too (Excel for Mac)
    row = next(iter(csv_rows(first, "the header", separator or header_delimiter(first))), [])
    return [column.strip().casefold() for column in row]


def read_taguette(text: str, source: str) -> TaguetteExport:
    """The highlights or codebook in a Taguette export's ``text``."""
    if re.search(r"<html|<!doctype", text[:1024], re.I):
        return TaguetteExport(_html_highlights(text), [])
    header = _header(text)
    # Excel's "sep=;" line names the separator, the header the line after it
    text, separator = separator_line(text)
    # cells split as the header is: a spreadsheet where the decimal mark is a comma saves
    # "CSV" with semicolons (our export opened, edited and saved in Excel)
    delimiter = separator or header_delimiter(text)
    table = csv_rows(text, source, delimiter)
    # a column's first of its name (case aside) is the one read: our export's attribute
    # "Coder" or "Content" written after its own columns (as exports before their names were
    # written attribute:Coder did) is no passage's coder or text
    first: dict[str, int] = {}
    for n, name in enumerate(header):
        first.setdefault(name, n)
    rows: list[dict[str, str | None]] = [
        {name: row[n] for name, n in first.items() if n < len(row)} for row in table[1:]
    ]
    if set(header) >= _HIGHLIGHT_COLUMNS:
        problems: list[str] = []
        unread: list[str] = []  # the attribute columns': values left out
        attributes = _attribute_csv(table, header, delimiter, unread)
        left_out: list[str] = []
        highlights = _csv_highlights(rows, problems, left_out)
        return TaguetteExport(highlights, [], problems, attributes, unread, len(left_out))
    if set(header) >= _CODEBOOK_COLUMNS:
        tags = [
            Tag(_tag(row.get("tag")), description=(row.get("description") or "").strip())
            for row in rows
            if _tag(row.get("tag"))
        ]
        return TaguetteExport([], tags)
    raise ImportFormatError(
        f"{source}: not a Taguette export (a highlights CSV has the columns "
        "id,document,tag,content; a codebook CSV tag,description)"
    )


def _attribute_csv(
    table: Sequence[Sequence[str]], header: Sequence[str], delimiter: str, problems: list[str]
) -> str:
    """The attributes our CSV export wrote (a column each after its own, ``attribute:start``
    for one a column of its own has the name of) as a CSV of attributes: the document, then
    one column each, its cells parted by ``delimiter`` as the file's are (a spreadsheet that
    saved it with ';' wrote its numbers with a decimal comma), a row for each document (its
    first: every row of a document holds its values; the others left empty, so that a
    problem names the file's own row), the cells our export made inert read as they were.
    "" for a file of no such column, or not ours (Taguette's has no ``start`` or ``end``).
    A column no attribute can be named by is left out, said in ``problems``."""
    if not table or not {"start", "end"} <= set(header):
        return ""
    own = set(COLUMNS)
    columns = [
        n
        for n, name in enumerate(header)
        if name and (name not in own or header.index(name) != n)  # (a name of ours again)
    ]
    if not columns or "document" not in header:
        return ""
    document = header.index("document")
    names: list[str] = []
    kept: list[int] = []
    for n in columns:
        name = attribute_name(table[0][n].strip())
        try:  # a column added in a spreadsheet ('my comment') is left out, the others read
            check_attribute_name(name.partition(":")[0].strip())
        except AttributeValueError as exc:
            problems.append(f"the column {name[:40]!r} left out: {exc}")
            continue
        if any(name.casefold() == other.casefold() for other in names):
            problems.append(f"the column {name[:40]!r} left out: it is in the header twice")
            continue
        names.append(name)
        kept.append(n)
    columns = kept
    if not columns:
        return ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["document", *names])
    seen: set[str] = set()
    for row in table[1:]:
        name = restored(row[document]) if document < len(row) else ""
        if not name.strip() or name in seen:
            writer.writerow([])
            continue
        seen.add(name)
        writer.writerow([name, *(restored(row[n]) if n < len(row) else "" for n in columns)])
    return buffer.getvalue() if seen else ""


def _tag(value: str | None) -> str:
    return "/".join(part.strip() for part in (value or "").split("/") if part.strip())


def _csv_highlights(
    rows: Iterable[dict[str, str | None]],
    problems: list[str] | None = None,
    left_out: list[str] | None = None,
) -> list[Highlight]:
    """One highlight per id (rows of one id carry its tags one by one).  A cell our own CSV
    export made inert for spreadsheets (``'=x``, ``'- a list``) is read as it was.  A row of
    our export (it has a ``start`` or ``end`` cell) keeps its note, coder and times whatever
    its place cells hold: one that is no whole number (a spreadsheet's edit) leaves the
    passage to be found by its text, and is said in ``problems``, as a time that is none.
    A row left out whole is said in ``problems`` and in ``left_out`` too."""
    found: dict[tuple[str, str, str], list[str]] = {}
    ours: dict[tuple[str, str, str], Highlight] = {}  # our export's place, note and coder
    said_problems = problems if problems is not None else []

    def refuse(n: int, said: str, why: str) -> None:
        """Row ``n`` (its id ``said``) left out, and said so."""
        where = f"row {n} ({said[:40]})" if said else f"row {n}"
        line = f"{where}: {why}; not imported"
        said_problems.append(line)
        if left_out is not None:
            left_out.append(line)

    for n, row in enumerate(rows, 2):
        if not any((row.get(name) or "").strip() for name in _PASSAGE_CELLS):
            continue  # a document's row of our export: its attributes alone, no passage
        said = (row.get("id") or "").strip()
        if (long := _longer_than_a_text(row)) is not None:
            # (a note of hundreds of megabytes was taken whole, as a JSON record's was)
            refuse(n, said, f"{long}: longer than {MAX_TEXT:,} characters")
            continue
        cell = row.get("content") or ""
        document, content = restored(row.get("document") or ""), restored(cell)
        if not document.strip():
            # (said by its id alone, as a document named '' nowhere here: which row, not)
            refuse(n, said, "its document cell is empty")
            continue
        number = said or f"row {n}"
        tags = found.setdefault((number, document, content), [])
        tag = _tag(restored(row.get("tag") or ""))
        if tag and tag not in tags:
            tags.append(tag)
        if (number, document, content) in ours:
            continue
        cells = {name: row.get(name) for name in ("start", "end", "created", "updated")}
        if cells["start"] is None and cells["end"] is None:
            continue  # Taguette's row: no place of ours
        where = f"row {n} ({said[:40]})" if said else f"row {n}"
        start, end = _position(cells["start"]), _position(cells["end"])
        for name, value in (("start", start), ("end", end)):
            given = (cells[name] or "").strip()
            if value is None and given:
                said_problems.append(
                    f"{where}: {name} {given[:40]!r} is not a whole number; placed where its "
                    "passage is found"
                )
        created, updated = _time(cells["created"]), _time(cells["updated"])
        for name, time, dated in (
            ("created", created, "dated as changed"),
            ("updated", updated, "dated when the file was written"),
        ):
            given = (cells[name] or "").strip()
            if time is None and given:
                said_problems.append(f"{where}: {name} {given[:40]!r} is not a time; {dated}")
        if created is None and updated:
            created = updated  # made then or before: not after the change it names
        note, coder = restored(row.get("note") or ""), restored(row.get("coder") or "")
        ours[(number, document, content)] = Highlight(
            document,
            content,
            (),
            number,
            start if end is not None else None,
            end if start is not None else None,
            note,
            coder.strip(),
            created,
            updated,
            cell if cell != content else "",
            # the id of a row of our export is its annotation's
            bool(said) and len(said) <= MAX_SHORT and "\x00" not in said,
        )
    return [
        replace(ours[key], tags=tuple(tags))
        if key in ours
        else Highlight(key[1], key[2], tuple(tags), key[0])
        for key, tags in found.items()
    ]


def _longer_than_a_text(row: dict[str, str | None]) -> str | None:
    """The passage's or the note's cell of ``row`` when longer than a record's text may be
    (:data:`MAX_TEXT`), as its column names it."""
    for name in ("content", "note"):
        cell = row.get(name)
        if cell is not None and len(cell) > MAX_TEXT:
            return name
    # a cell longer still, of any column, left out as the file was read (long_strings)
    return next((name for name, cell in row.items() if cell == TOO_LONG_CELL), None)


def _time(cell: str | None) -> str | None:
    """A ``created``/``updated`` cell of our CSV export: a valid time, or "" for an empty cell
    (a passage our export said undated, as its JSON export says it); None for any other, and
    for no cell (an export made before the column was)."""
    if cell is None:
        return None
    cell = cell.strip()
    return cell if not cell or utc_to_the_second(cell) else None


def _position(cell: str | None) -> int | None:
    """A ``start``/``end`` cell of our CSV export: a whole number, else None."""
    text = (cell or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


class _HighlightsPage(HTMLParser):
    """Taguette's highlights HTML: each highlight's passage, then its details paragraph
    (``<strong>Document:</strong> NAME <strong>Tags:</strong> a, b``), the last paragraph
    before the ``<hr>``.  A passage's own bold words (a speaker's name in a Word transcript)
    are passage, not details."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.highlights: list[Highlight] = []
        self._text: list[str] = []  # the current highlight's text, pieces as they come
        self._paragraph: tuple[int, list[str]] | None = None  # the open <p>: where, parts
        self._last: tuple[int, list[str]] | None = None  # the last paragraph: where, parts
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "h1", "style"):
            self._in_title = True
        elif tag == "hr":
            self._finish()
        elif tag == "strong" and self._paragraph is not None:
            self._paragraph[1].append("")  # a paragraph's parts: split at each <strong>
        elif tag in ("p", "br", "div", "li"):
            self._text.append("\n")
            if tag == "p":
                self._paragraph = self._last = (len(self._text), [""])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "h1", "style"):
            self._in_title = False
        elif tag == "p":
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            return
        self._text.append(data)
        if self._paragraph is not None:
            self._paragraph[1][-1] += data

    def close(self) -> None:
        super().close()
        self._finish()

    def _finish(self) -> None:
        if self._last is not None and len(self._last[1]) >= 3:  # text, Document:, Tags:
            where, parts = self._last
            document = parts[-2].partition(":")[2].strip()
            tags = tuple(t for t in map(_tag, parts[-1].partition(":")[2].split(",")) if t)
            number = f"highlight {len(self.highlights) + 1}"
            passage = "".join(self._text[:where])
            self.highlights.append(Highlight(document, passage, tags, number))
        self._text, self._paragraph, self._last = [], None, None


def _html_highlights(text: str) -> list[Highlight]:
    page = _HighlightsPage()
    page.feed(text)
    page.close()
    return page.highlights


def match_document(name: str, targets: Sequence[Target]) -> Target | None:
    """The document here a Taguette document name means: the same key, file name, file name
    without extension, or title (case aside), in that order; else, for a key of another
    database (``corpus/a.txt``: a colleague's CSV export, their corpus in another folder), the
    one document here of its file name.  A key as our CSV export writes it (through the
    export gate: a control its picture, a backslash two; its spaces kept) is that key's,
    first: ``a\\u0080b.txt`` is how it writes a file holding U+0080, not the file so named
    beside it (written ``a\\\\u0080b.txt``)."""
    whole = name.casefold()
    for way in (
        lambda key: export_key(key).casefold(),
        str.casefold,
        lambda key: export_line(key).casefold(),  # as exports wrote a tab before: a space
    ):
        for target in targets:
            if way(target.key) == whole and target.readable:
                return target
    folded = name.strip().casefold()
    ways = (
        lambda t: t.key.casefold(),
        lambda t: PurePosixPath(t.key).name.casefold(),
        lambda t: PurePosixPath(t.key).stem.casefold(),
        lambda t: t.title.strip().casefold(),  # (each document read, when none is named so)
    )
    for way in ways:
        for target in targets:
            if way(target) == folded and target.readable:
                return target
    file_name = PurePosixPath(folded).name
    if file_name and file_name != folded:
        named = [
            t
            for t in targets
            if PurePosixPath(t.key).name.casefold() == file_name
            and _folders_agree(folded, t.key)
            and t.readable
        ]
        if len(named) == 1:
            return named[0]
    return None


def _folders_agree(name: str, key: str) -> bool:
    """Whether the folders of ``name`` (a key of another database, casefolded) may be those
    of ``key`` here, each key beginning at its own database's folder: read from the file up,
    they are the same but for the topmost folder of either (``corpus/x/a.txt`` is
    ``c/x/a.txt`` of a corpus in another folder, ``../ana/corpus/a.txt`` is ``c/a.txt``);
    ``c/z/a.txt``, its file gone, is not ``c/x/a.txt``, another document of that name."""
    theirs = PurePosixPath(name).parts[:-1]
    ours = PurePosixPath(key.casefold()).parts[:-1]
    shared = 0
    while shared < min(len(theirs), len(ours)) and theirs[-1 - shared] == ours[-1 - shared]:
        shared += 1
    return shared >= min(len(theirs), len(ours)) - 1


def place_highlights(
    highlights: Sequence[Highlight], targets: Sequence[Target], when: str
) -> tuple[list[Annotation], list[str]]:
    """The highlights as annotations (made at ``when``), and a line for each that could not
    be placed; the highlights of a document that is not here, one line for that document
    (3,000 highlights of one missing interview were 3,000 lines of the one problem)."""
    annotations: list[Annotation] = []
    unplaced: list[str] = []
    missing: dict[str, tuple[int, list[str]]] = {}  # document -> its line's place, numbers
    taken: dict[tuple[str, str], int] = {}  # (key, text) -> occurrences used
    # (key, text) -> where the text is in the document: looked for once (for each highlight
    # of a word said 5,000 times, every place of it was looked for again: 6.7 s of CPU)
    places: dict[tuple[str, str], list[tuple[int, int]]] = {}
    numbers = Counter(highlight.number for highlight in highlights)
    for highlight in highlights:
        # An id our export wrote is the annotation's own, whatever its form (a record another
        # tool made, imported from JSON: 'ovl1'); Taguette numbers its highlights, and a row
        # of its own says no place.  Two passages under one id keep neither.
        own = numbers[highlight.number] == 1 and (
            highlight.own_id or _OWN_ID.fullmatch(highlight.number) is not None
        )
        if own != highlight.own_id:
            highlight = replace(highlight, own_id=own)
        target = match_document(highlight.document, targets)
        if target is None and _kept_unseen(highlight):
            # a passage of ours whose document is not here (the corpus not there yet, or
            # another folder's): kept as an orphan under its key, as a JSON import keeps it
            target = Target(highlight.document, "", "", "")
        if target is None:
            if highlight.document not in missing:
                missing[highlight.document] = (len(unplaced), [])
                unplaced.append("")  # said once its highlights are known
            missing[highlight.document][1].append(highlight.number)
            continue
        start, end = highlight.start, highlight.end
        if start is not None and end is not None:
            # where our own export says it lies: the passage as read, or its cell as written
            # (a passage that begins with ', which is not a guard against formulas)
            there = [
                h
                for h in (highlight, replace(highlight, text=highlight.written, written=""))
                if h.text and _there(h.text, target.text, start, end)
            ]
            if there:
                annotations.append(_annotation(there[0], target, start, end, when))
                continue
        words = clean_text(highlight.text).split()  # as the document's text has it
        pattern = r"\s+".join(map(re.escape, words))
        used = taken.get((target.key, pattern), 0)
        found = places.get((target.key, pattern)) if target.text else None
        if found is None:
            found = [m.span() for m in re.finditer(pattern, target.text)] if words else []
            if not found and words:  # its accents written otherwise (é, or e and U+0301)
                found = _composed_spans(words, target.text)
            if target.text:
                places[(target.key, pattern)] = found
        if not found and len(words) > 1:
            # Taguette writes a highlight's HTML as its pieces of text joined by a space
            # (BeautifulSoup's get_text(" ", strip=True)): a word in bold before a comma, or
            # in a word, comes with a space the document does not have ('back , he said')
            pattern = r"\s*".join(map(re.escape, words))
            used = taken.get((target.key, pattern), 0)
            found = places.get((target.key, pattern)) if target.text else None
            if found is None:
                found = [m.span() for m in re.finditer(pattern, target.text)]
                if target.text:
                    places[(target.key, pattern)] = found
        if (
            not found
            and words
            and highlight.own_id
            and start is not None
            and end is not None
            and max(start, end) < MAX_OFFSET
        ):
            # a passage of ours no longer in its document's text (an orphan when exported, or
            # the file edited since): kept as an orphan on it, as a JSON import keeps it
            end = max(end, start + 1)  # a place of no length is none a passage has
            annotations.append(_annotation(highlight, target, start, end, when, orphan=True))
            continue
        if not found:
            what = "is empty" if not words else f"is not in {target.key}"
            unplaced.append(f"{highlight.number}: the passage {what}")
            continue
        if len(found) <= used and len(found) > 1:  # which of them, nothing says
            unplaced.append(
                f"{highlight.number}: the passage is {len(found)} times in {target.key}, each "
                "taken by an earlier highlight; which one this is cannot be told"
            )
            continue
        # a text found once is there, however many highlights took it (two highlights of
        # one passage, coded apart: it was listed as not in the document, and lost)
        taken[(target.key, pattern)] = used + 1
        start, end = found[min(used, len(found) - 1)]
        annotations.append(_annotation(highlight, target, start, end, when))
    for document, (at, its) in missing.items():
        unplaced[at] = f"{_numbers(its)}: no document here named {document!r}"
    return annotations, unplaced


def _composed_spans(words: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Where ``words`` (a highlight's, whitespace aside) are in ``text`` when both are read
    composed (NFC), in ``text``'s own offsets: a passage Taguette wrote with its accents as
    one code point (é) is the same passage in a document here that writes them apart (e
    and U+0301, as a Mac or a PDF does), and the other way round."""
    from tui_reader.core.search.composed import composed_form, is_composed, uncomposed

    if is_composed(text) and all(map(is_composed, words)):
        return []
    way_back = uncomposed(text)
    pattern = r"\s+".join(re.escape(composed_form(word)) for word in words)
    spans = [m.span() for m in re.finditer(pattern, text if way_back is None else way_back.text)]
    return spans if way_back is None else [way_back.span(*span) for span in spans]


def _numbers(numbers: Sequence[str]) -> str:
    """The highlights ``numbers`` as a line names them: the first three, the rest counted."""
    if len(numbers) == 1:
        return numbers[0]
    head = ", ".join(numbers[:3])
    rest = len(numbers) - 3
    return f"{len(numbers):,} highlights ({head}{f' and {rest:,} more' if rest > 0 else ''})"


def _kept_unseen(highlight: Highlight) -> bool:
    """Whether ``highlight`` is a passage of our export (its own id, its place given) whose
    document, no file here, is named by a key the store takes (see :mod:`.import_schema`)."""
    return (
        highlight.own_id
        and highlight.start is not None
        and highlight.end is not None
        and bool(clean_text(highlight.text).split())
        and not document_key_problems(highlight.document)
    )


def _there(passage: str, text: str, start: int, end: int) -> bool:
    """Whether ``passage`` is the text at ``[start, end)`` (whitespace aside)."""
    return 0 <= start < end <= len(text) and text[start:end].split() == passage.split()


def _annotation(
    highlight: Highlight, target: Target, start: int, end: int, when: str, *, orphan: bool = False
) -> Annotation:
    """``highlight`` as an annotation of ``target`` at ``[start, end)``; ``orphan``: a passage
    of ours not in ``target``'s text, kept as an orphan at the place its row says, its quote
    as the row gives it (the text it was made on not known: no hash), found again by
    re-anchoring if its text comes back."""
    name = f"{highlight.document}\n{highlight.number}\n{highlight.text}"
    # as the row dates it (our export's), never after the file was written; else the file's
    # time (a change made in the file is dated so: see foreign.dated_in_file)
    created = when if highlight.created is None else min(highlight.created, when)
    return Annotation(
        document=target.key,
        start=start,
        end=end,
        **(
            {"quote": highlight.text, "prefix": "", "suffix": ""}
            if orphan
            else quoted(target.text, start, end)
        ),
        doc_sha256="" if orphan else target.sha256,
        status=AnchorStatus.ORPHAN if orphan else AnchorStatus.ANCHORED,
        tags=highlight.tags,
        note=highlight.note,
        id=highlight.number if highlight.own_id else guid("taguette", name).lower(),
        created=created,
        updated=max(when if highlight.updated is None else min(highlight.updated, when), created),
        coder=highlight.coder,
    )
