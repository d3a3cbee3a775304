"""The first sheet of an Excel workbook (``.xlsx``) as CSV text: Taguette exports its
highlights (``id, document, tag, content``) and its codebook (``tag, description, ...``) to
Excel as well as to CSV, and the import reads either alike (:mod:`.taguette`).

An ``.xlsx`` is a zip of XML (Office Open XML, ECMA-376): the workbook names its sheets in
order (``xl/workbook.xml``, each sheet's part through ``xl/_rels/workbook.xml.rels``), a
sheet's cells are in ``sheetData/row/c`` (``r="B3"`` its place), a text cell's value an index
into ``xl/sharedStrings.xml`` (``t="s"``) or written in it (``t="inlineStr"``, ``t="str"``).
Read through :class:`~tui_reader.core.documents.formats.archive.Container`, which refuses a
zip bomb.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path, PurePosixPath
from typing import Any

from tui_reader.core.documents.formats.archive import Container

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WORKBOOK = "xl/workbook.xml"
_COLUMN = re.compile(r"[A-Z]+")


def is_workbook(names: frozenset[str] | set[str]) -> bool:
    """Whether a zip of these member ``names`` is an Excel workbook."""
    return WORKBOOK in names


def first_sheet_csv(data: bytes, path: Path) -> str:
    """The first sheet of the workbook in ``data`` as CSV text, each row's cells in their
    columns (an empty cell empty), numbers as Excel shows them written (``3``, ``2.5``)."""
    container = Container(data, path, "Excel workbook")
    shared = _shared_strings(container)
    sheet = container.xml(_first_sheet(container))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in sheet.iter(f"{_MAIN}row"):
        cells: dict[int, str] = {}
        for n, cell in enumerate(row.iter(f"{_MAIN}c")):
            place = _COLUMN.match(str(cell.get("r") or ""))
            cells[_column(place.group()) if place else n] = _value(cell, shared)
        width = max(cells, default=-1) + 1
        writer.writerow([cells.get(i, "") for i in range(width)])
    return out.getvalue()


def _first_sheet(container: Container) -> str:
    """The part of the workbook's first sheet (``xl/worksheets/sheet1.xml`` as Excel and
    xlsxwriter name it, else as the workbook's relationships say)."""
    book = container.xml(WORKBOOK)
    first = book.find(f"{_MAIN}sheets/{_MAIN}sheet")
    rel = first.get(_REL_ID) if first is not None else None
    rels = "xl/_rels/workbook.xml.rels"
    if rel and rels in container.names:
        for link in container.xml(rels).iter(f"{_RELATIONSHIPS}Relationship"):
            target = str(link.get("Target") or "")
            if link.get("Id") == rel and target:
                whole = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                return str(PurePosixPath(whole))
    return "xl/worksheets/sheet1.xml"


def _shared_strings(container: Container) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in container.names:
        return []
    table = container.xml(name)
    return [_text(item) for item in table.iter(f"{_MAIN}si")]


def _text(element: Any) -> str:
    """A string item's text: its ``t``, or its runs' ``t`` in order (a phonetic reading,
    ``rPh``, left out)."""
    parts = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts.extend(t.text or "" for t in child.iter(f"{_MAIN}t"))
    return "".join(parts)


def _value(cell: Any, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        found = cell.find(f"{_MAIN}is")
        return _text(found) if found is not None else ""
    value = cell.findtext(f"{_MAIN}v") or ""
    if kind == "s":
        try:
            return shared[int(value)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind in ("str", "e"):
        return value
    try:  # a number, written as Excel shows it: 3, not 3.0
        number = float(value)
    except ValueError:
        return value
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else value


def _column(letters: str) -> int:
    """``A`` 0, ``Z`` 25, ``AA`` 26."""
    n = 0
    for letter in letters:
        n = n * 26 + ord(letter) - ord("A") + 1
    return n - 1
