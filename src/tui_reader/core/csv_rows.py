"""Reading a CSV file a user gives (Taguette's exports, a table of attributes): the rows of its
text, a cell of any length (a highlight of a whole chapter is more than the standard library's
128 KB default), and a file the csv module cannot read one :class:`ImportFormatError` naming it
and the line, never a ``_csv.Error`` traceback."""

from __future__ import annotations

import csv
import io
import re

from tui_reader.core.errors import ImportFormatError

CELL_LIMIT = 1 << 30  # characters; a text's size is bounded before it gets here


def read_long_cells() -> None:
    """Let the csv module read a cell of any length (its default refuses one over 128 KB):
    every reader of a CSV text calls it first, a document's converter in its own process
    too.  The text is in memory already, so a cell is no more than a piece of it."""
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)


def csv_rows(text: str, source: str, delimiter: str = ",") -> list[list[str]]:
    """The rows of the CSV ``text`` (read from ``source``), cells separated by ``delimiter``."""
    read_long_cells()
    # newline="": a line ends at CR LF, LF or a lone CR (Excel for Mac), as csv asks
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFormatError(f"{source}: damaged CSV at line {reader.line_num}: {exc}") from exc
    if text.count('"') % 2:  # a quote opened and never closed: read strictly to be sure
        _refuse_a_cut_off_cell(text, source, delimiter)
    return rows


def _refuse_a_cut_off_cell(text: str, source: str, delimiter: str) -> None:
    """:class:`ImportFormatError` when ``text`` ends inside a quoted cell (a file cut off in
    a download or a copy): the csv module takes the rest of the file as that cell's text,
    without a word.  (A quote written in a cell unquoted, which it reads as it is, is
    no error here.)"""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise ImportFormatError(
                f"{source}: ends inside a quoted cell opened on line {_opened_on(text)} (was "
                "the file cut off?); nothing was read from it"
            ) from exc


def _opened_on(text: str) -> int:
    """The line of the quote that opens the last cell of ``text``, never closed (a quote
    doubled inside a quoted cell is one in its text)."""
    inside, opened, at = False, 0, text.find('"')
    while at >= 0:
        if not inside:
            inside, opened = True, at
        elif text.startswith('""', at):
            at += 1  # a quote in the cell's text
        else:
            inside = False
        at = text.find('"', at + 1)
    return text.count("\n", 0, opened) + 1


# The most of the first line the separator is told by.  The csv module's Sniffer looks for a
# quoted cell with a search whose time grows as the square of the line, or faster: a first
# line of 217 KB (a file of one line; a row holding a whole interview, no header) took 40 s
# to import, 8 KB of ', "x' over and over 2 s, twice that eight times as long.  A header
# shows its separator in its first 2,048 characters, sniffed in a tenth of a second at most.
SNIFFED = 2048


def header_delimiter(text: str) -> str:
    """What separates the cells of the CSV ``text``, as its first line shows (its first
    :data:`SNIFFED` characters): a comma, or the semicolon a spreadsheet saves "CSV" with
    where the decimal mark is a comma, or a tab."""
    # a lone CR ends a line too (Excel for Mac)
    first = re.split(r"\r\n|\r|\n", text[:SNIFFED], maxsplit=1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:  # one column, or nothing to tell by
        return ","


_SEPARATOR_LINE = re.compile(r"\"?sep=([,;\t|])\"?[,;\t|]*[ ]*(?:\r\n|\n|\r)", re.IGNORECASE)


def separator_line(text: str) -> tuple[str, str | None]:
    """``text`` (its byte-order mark left out) without the ``sep=;`` line Excel reads (and
    some tools and users write) to name the separator, and the separator it names; None when
    it has no such line (the header is then its first line)."""
    text = text.lstrip("\ufeff")
    found = _SEPARATOR_LINE.match(text)
    return (text, None) if found is None else (text[found.end() :], found.group(1))
