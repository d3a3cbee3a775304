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


def csv_rows(text: str, source: str, delimiter: str = ",") -> list[list[str]]:
    """The rows of the CSV ``text`` (read from ``source``), cells separated by ``delimiter``."""
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise ImportFormatError(f"{source}: damaged CSV at line {reader.line_num}: {exc}") from exc


def header_delimiter(text: str) -> str:
    """What separates the cells of the CSV ``text``, as its first line shows: a comma, or the
    semicolon a spreadsheet saves "CSV" with where the decimal mark is a comma, or a tab."""
    first = text.split("\n", 1)[0]
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
