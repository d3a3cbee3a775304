"""Excel workbooks (.xlsx): survey answers and transcripts kept as a sheet.

Microsoft Forms exports its answers as a workbook alone, Google Forms' sheet, Qualtrics
and SurveyMonkey download as one, and transcription services export a transcript as one
(a speaker's column, a text's): a workbook is a zip of XML, read as Word's and
OpenDocument's are (:class:`~.archive.Container`), no library of its own.  A workbook of
one sheet holding cells is read as that sheet saved as CSV is
(:func:`.delimited.table_or_transcript`: a transcript when its header names a speaker's
and a text's column, else a table, a line a row, its cells parted by " │ "); each sheet of
a workbook of several is a table under its name, a heading.  A cell reads as Excel shows
it in its plainest form: its text, a number as written (``3``, ``2.5``), a date or a time
in the cell's format a date (``2024-03-05``, ``2024-03-05 14:30``, its seconds when
it has some, ``14:30:00``), TRUE or
FALSE; a formula's last value (its formula, ``=AVERAGE(C2:C5)``, when none was kept).
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.archive import Container, MemberStream, iterparse_xml
from tui_reader.core.documents.formats.builder import TextBuilder, spanned_cell
from tui_reader.core.documents.formats.delimited import table_or_transcript, transcript_columns
from tui_reader.core.documents.sanitize import sanitize
from tui_reader.core.documents.turns import Turn, find_turns
from tui_reader.core.errors import DocumentError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Excel's own formats of dates and times, by number (ECMA-376 18.8.30)
_DATE_FORMATS = frozenset({14, 15, 16, 17, 22, 27, 30, 36, 50, 57})
_TIME_FORMATS = frozenset({18, 19, 20, 21, 45, 46, 47})
# A format of one's own that shows a date or a time: a day, a month, a year or an hour's
# letter outside quotes, brackets' colours and escaped characters ("yyyy-mm-dd", "[h]:mm").
_UNQUOTED = re.compile(r'"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]')
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)
_CELL_REFERENCE = re.compile(r"([A-Z]{1,3})\d*")
# The folder of a workbook's sheets, each read a row at a time, never whole (a sheet of a
# million rows is 170 MB of XML).
_SHEETS = "xl/worksheets/"
_MAX_COLUMNS = 16_384  # Excel's last column, XFD
_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's dates (1900's leap day, a mistake, aside)
_EPOCH_1904 = datetime(1904, 1, 1)  # a Mac's workbooks of old


def convert_xlsx(data: bytes, path: Path) -> Parsed:
    """Canonical text and spans of the Excel workbook ``data``: its sheet's table or
    transcript, or each of its sheets under its name."""
    box = Container(data, path, "Excel", streamed=(_SHEETS,))
    if "xl/workbook.xml" not in box.names:
        raise DocumentError(path, "not an Excel workbook (no xl/workbook.xml)")
    workbook = box.xml("xl/workbook.xml")
    ns = _STRICT if workbook.tag.startswith(_STRICT) else _MAIN
    properties = workbook.find(f"{ns}workbookPr")
    old_mac = properties is not None and properties.get("date1904") in ("1", "true")
    epoch = _EPOCH_1904 if old_mac else _EPOCH
    strings = _shared_strings(box, ns)
    styles = _date_styles(box, ns)
    sheets: list[tuple[str, list[list[str]]]] = []
    for name, member in _sheets(box, workbook, ns):
        with box.stream(member) as sheet:
            rows = _rows(sheet, path, f"Excel part {member}", ns, strings, styles, epoch)
        if rows:
            sheets.append((sanitize(" ".join(name.split())), rows))
    if not sheets:  # an empty workbook, as an empty CSV is an empty table
        return Parsed("", [], None)
    if len(sheets) == 1:
        return table_or_transcript(sheets[0][1])
    out = TextBuilder()
    told: list[tuple[int, int]] = []  # where each sheet whose header names speakers lies
    for name, rows in sheets:
        out.block()
        start = out.length
        out.write(name)
        out.heading_span(start, "2")
        out.table(([[cell] for cell in row] for row in rows), out.write, sheet=True)
        if transcript_columns(rows) is not None:
            told.append((start, out.length))
    text = out.text()
    # A sheet is a transcript by its own header alone: the turns of the text as a whole
    # took a sheet of codes behind a transcript's for more of it ("Code │ Date │ ...", a
    # turn of a speaker "Code").
    turns = [_moved(turn, start) for start, end in told for turn in find_turns(text[start:end])]
    return Parsed(text, out.sorted_spans(), None, turns=tuple(turns), tables=tuple(out.tables))


def _moved(turn: Turn, by: int) -> Turn:
    """``turn`` found in a part of the text starting at ``by``, in the whole text."""
    return Turn(
        turn.start + by,
        turn.end + by,
        turn.body + by,
        turn.speaker,
        turn.time,
        turn.said + by if turn.said >= 0 else -1,
        tuple((at + by, time) for at, time in turn.times),
    )


def _sheets(box: Container, workbook: Any, ns: str) -> list[tuple[str, str]]:
    """Each sheet's name and its member, in the workbook's order (a chart's sheet, which
    holds no cells, left out)."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in box.names:
        for rel in box.xml("xl/_rels/workbook.xml.rels").iter(f"{_PACKAGE_REL}Relationship"):
            target = str(rel.get("Target") or "")
            member = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
            targets[str(rel.get("Id"))] = member
    found = []
    for sheet in workbook.iter(f"{ns}sheet"):
        rel = next((v for k, v in sheet.attrib.items() if str(k).endswith("}id")), "")
        member = targets.get(str(rel), "")
        if member in box.names and "worksheets/" in member:
            found.append((str(sheet.get("name") or ""), member))
    return found


def _shared_strings(box: Container, ns: str) -> list[str]:
    """The workbook's strings, which its cells name by number (a phonetic guide's
    reading, Japanese furigana, left out)."""
    if "xl/sharedStrings.xml" not in box.names:
        return []
    return [_string(item, ns) for item in box.xml("xl/sharedStrings.xml").iter(f"{ns}si")]


def _string(item: Any, ns: str) -> str:
    """The text of a string item: its runs' texts, a phonetic guide's left out."""
    return _unescaped(
        "".join(
            str(t.text or "")
            for t in item.iter(f"{ns}t")
            if t.getparent() is not None and t.getparent().tag != f"{ns}rPh"
        )
    )


# A character a cell's text holds that XML cannot (a carriage return: a line typed on
# Windows, "_x000D_" before its line end, as Excel writes a survey's answer of two lines),
# written as its code between "_x" and "_" (ECMA-376's ST_Xstring; a "_" that would open
# one written "_x005F_"): a cell read "Line one_x000D_ Line two".
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _unescaped(text: str) -> str:
    """``text`` (a cell's, as the workbook writes it) with its escaped characters read."""
    if "_x" not in text:
        return text
    text = _ESCAPED.sub(lambda code: chr(int(code.group(1), 16)), text)
    if _SURROGATE.search(text):  # a character beyond the BMP, written as its two halves
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _date_styles(box: Container, ns: str) -> dict[int, str]:
    """The cell formats (by their number in the workbook's list) that show a date, a time
    or both: "date", "time" or "datetime"."""
    if "xl/styles.xml" not in box.names:
        return {}
    root = box.xml("xl/styles.xml")
    own: dict[int, str] = {}
    for fmt in root.iter(f"{ns}numFmt"):
        code = _UNQUOTED.sub("", str(fmt.get("formatCode") or ""))
        letters = {c.lower() for c in _DATE_LETTERS.findall(code)}
        if not letters or "general" in code.lower():
            continue
        day = bool(letters & {"d", "y"}) or ("m" in letters and not letters & {"h", "s"})
        time = bool(letters & {"h", "s"})
        own[_number(fmt.get("numFmtId"))] = (
            "datetime" if day and time else "time" if time else "date"
        )
    kinds: dict[int, str] = {}
    cell_formats = root.find(f"{ns}cellXfs")
    for index, xf in enumerate(() if cell_formats is None else cell_formats.iter(f"{ns}xf")):
        number = _number(xf.get("numFmtId"))
        kind = own.get(number) or (
            "date" if number in _DATE_FORMATS else "time" if number in _TIME_FORMATS else ""
        )
        if number == 22:
            kind = "datetime"
        if kind:
            kinds[index] = kind
    return kinds


def _number(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return -1


def _rows(
    sheet: bytes | MemberStream,
    path: Path,
    what: str,
    ns: str,
    strings: list[str],
    styles: dict[int, str],
    epoch: datetime,
) -> list[list[str]]:
    """The rows of the sheet ``sheet`` (its XML, or its member streamed) holding words or
    figures, each its cells' text in their columns' order (an empty column between two cells
    an empty cell), its empty cells at its end left out.  A cell merged down over the rows
    below it (a survey's region or group set once beside its respondents) says what it says
    in each of those rows, as a Word or web page's table reads
    (:func:`.builder.spanned_cell`): Excel keeps its words in its first row alone, and the
    rows below read as answers of no region.

    The sheet is read a row at a time, each row let go once read (a sheet of a million
    cells took a gigabyte as a tree, and ten seconds); what is read is what the tree gave:
    the rows of the sheet's first ``sheetData``, the merges of its first ``mergeCells``."""
    found: dict[int, dict[int, str]] = {}  # a row's number (from 1) -> its cells
    merges: list[str] = []
    row_tag, merge_tag = f"{ns}row", f"{ns}mergeCell"
    data_tag, merges_tag = f"{ns}sheetData", f"{ns}mergeCells"
    first: dict[str, Any] = {}  # the sheet's first sheetData and mergeCells, once seen
    number = 0
    for element in iterparse_xml(sheet, path, what, (row_tag, merge_tag)):
        parent = element.getparent()
        holder = data_tag if element.tag == row_tag else merges_tag
        if parent is not None and _first_of_sheet(parent, holder, first):
            if element.tag == merge_tag:
                merges.append(str(element.get("ref") or ""))
            else:
                number = _row(element, number, ns, strings, styles, epoch, found)
            element.clear(keep_tail=True)
            while element.getprevious() is not None:  # rows read before, cleared
                del parent[0]
        # (one out of place is left as it is: it may lie in a cell's text, read whole)
    _merged_down(merges, found)
    rows: list[list[str]] = []
    for _number, cells in sorted(found.items()):
        line = [""] * (max(cells) + 1)
        for at, text in cells.items():
            line[at] = text
        rows.append(line)
    return rows


def _first_of_sheet(parent: Any, tag: str, first: dict[str, Any]) -> bool:
    """Whether ``parent`` is the sheet's first child named ``tag`` (its first
    ``sheetData``, its first ``mergeCells``), the one a tree's ``find`` gave."""
    if parent.tag != tag:
        return False
    if tag not in first:
        sheet = parent.getparent()
        if sheet is None or sheet.getparent() is not None:
            return False
        found = sheet.find(tag)
        if found is None:
            return False
        first[tag] = found
    return bool(first[tag] is parent)


def _row(
    row: Any,
    number: int,
    ns: str,
    strings: list[str],
    styles: dict[int, str],
    epoch: datetime,
    found: dict[int, dict[int, str]],
) -> int:
    """Read the row ``row`` into ``found`` (by number, its cells by column) and return its
    number (the row before it ``number``).  Its cells are its children named ``c`` (what
    ``iterfind`` gave), looked at in one pass, their columns by :func:`_column_at`."""
    given = str(row.get("r") or "")
    number = int(given) if given.isdecimal() and len(given) < 8 else number + 1
    cells: dict[int, str] = {}
    column = -1
    cell_tag = f"{ns}c"
    for cell in row:
        if cell.tag != cell_tag:
            continue
        column = _column_at(str(cell.get("r") or ""), column)
        if not 0 <= column < _MAX_COLUMNS:
            continue
        text = _cell_text(cell, ns, strings, styles, epoch)
        if text:
            cells[column] = text
    if cells:
        found.setdefault(number, {}).update(cells)
    return number


# The column of each reference's letters met (its digits stripped): a sheet names the same
# few columns a million times.
_COLUMNS_MET: dict[str, int] = {}
_DIGITS = "0123456789"


def _column_at(reference: str, before: int) -> int:
    """The column a cell's ``reference`` ("B7") names, or the one after ``before`` (the
    cell before it) when it names none."""
    letters = reference.rstrip(_DIGITS)
    column = _COLUMNS_MET.get(letters)
    if column is None:
        found = _CELL_REFERENCE.match(reference)
        if found is None:
            return before + 1
        column = _column(found.group(1))
        if len(letters) <= 3:  # (what a hostile file names otherwise is not kept)
            _COLUMNS_MET[letters] = column
    return column


_MERGED = re.compile(r"([A-Z]{1,3})(\d{1,7}):[A-Z]{1,3}(\d{1,7})")


def _merged_down(merges: list[str], rows: dict[int, dict[int, str]]) -> None:
    """Write into ``rows`` (by number, their cells by column) what each cell merged down
    over the rows below it (``merges``: their ranges, "A2:A5") says, in its column of each
    of those rows that holds a cell of its own (a row the merge alone covers is none); each
    row's cell once, however many merges a damaged or hostile file names."""
    if not merges or not rows:
        return
    numbers = sorted(rows)
    for ref in merges:
        found = _MERGED.fullmatch(ref)
        if found is None:
            continue
        column, first, last = _column(found.group(1)), int(found.group(2)), int(found.group(3))
        said = spanned_cell(rows.get(first, {}).get(column, ""))
        if not said or last <= first:
            continue
        for number in numbers[bisect_right(numbers, first) : bisect_right(numbers, last)]:
            rows[number].setdefault(column, said)


def _column(letters: str) -> int:
    """The column "A" is 0, "Z" 25, "AA" 26."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _cell_text(
    cell: Any, ns: str, strings: list[str], styles: dict[int, str], epoch: datetime
) -> str:
    """What the cell ``cell`` shows, its lines each trimmed, blank ones left out.  Its
    children are looked at in one pass, the first of each name taken (what ``find`` gave)."""
    kind = cell.get("t") or "n"
    value = formula = inline = None
    v_tag, f_tag, is_tag = f"{ns}v", f"{ns}f", f"{ns}is"
    for child in cell:
        tag = child.tag
        if tag == v_tag:
            if value is None:
                value = child
        elif tag == f_tag:
            if formula is None:
                formula = child
        elif tag == is_tag and inline is None:
            inline = child
    raw = str(value.text or "") if value is not None else ""
    if kind == "s":
        index = _number(raw)
        text = strings[index] if 0 <= index < len(strings) else ""
    elif kind == "inlineStr":
        text = _string(inline, ns) if inline is not None else ""
    elif kind == "b":
        text = "TRUE" if raw.strip() == "1" else "FALSE" if raw.strip() == "0" else raw
    elif kind == "n" and raw:
        text = _figure(raw, styles.get(_number(cell.get("s"))) if styles else None, epoch)
    elif kind == "str":  # a formula's text
        text = _unescaped(raw)
    else:  # "e" (an error: "#N/A"), "d" (a date as written)
        text = raw
    # a formula never worked out (a workbook a program wrote and no one opened in Excel: no
    # last value kept): its formula, what the cell holds, where it read as empty (a last
    # value kept empty, =IF(A1="";"";...), is empty as Excel shows it)
    written = (formula.text or "").strip() if formula is not None else ""
    if value is None and kind != "inlineStr" and written:
        text = "=" + written
    text = sanitize(text)
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _figure(raw: str, kind: str | None, epoch: datetime) -> str:
    """A number as written, or as the date or time its cell's format shows it as."""
    if kind:
        return _when(raw, kind, epoch)
    if raw.isdecimal() and len(raw) < 16:  # a whole number (an ID, a count) as it reads
        return str(int(raw))
    try:
        number = float(raw)
    except ValueError:
        return raw
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.15g}"  # as Excel shows it: 15 digits ("0.1", not 0.1000000000000000055)


@lru_cache(maxsize=4096)
def _when(raw: str, kind: str, epoch: datetime) -> str:
    """A number in a cell whose format is a date's, a time's or both (``kind``) as it shows
    it: the few days of a survey's answers are worked out once each."""
    try:
        number = float(raw)
    except ValueError:
        return raw
    if 0 <= number < 2_958_466:  # (up to 9999-12-31)
        when = epoch + timedelta(days=number)
        when = (when + timedelta(milliseconds=500)).replace(microsecond=0)
        if kind == "time":
            return when.strftime("%H:%M:%S")
        if kind == "date" or (when.hour, when.minute, when.second) == (0, 0, 0):
            return when.strftime("%Y-%m-%d")
        return when.strftime("%Y-%m-%d %H:%M:%S" if when.second else "%Y-%m-%d %H:%M")
    return _figure(raw, None, epoch)
