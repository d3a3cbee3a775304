"""A web page's tables read as a browser shows them: a table laying out the page made
plain divisions, a cell spanning rows written in each row it spans, a cell spanning
columns read as one, a row too wide for the extractor parted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html

from tui_reader.core.documents.formats.builder import spanned_cell
from tui_reader.core.documents.formats.html_elements import INLINE_ONLY, PASSAGES, blank

_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"})


def layout_tables_opened(page: Any) -> None:
    """Each table laying out a page (a newsletter's: a cell holding its passages and a
    table of data among them) made plain divisions: the extractor keeps a table's nested
    tables for after it, and a newsletter's data table was read after its footer, the
    table's last row.  A table is a layout's when one of its own cells holds both a table
    and a passage: a paragraph or a heading, or words of its own outside the table, loose
    as an old site's are (:func:`_loose_words`)."""
    layouts = [
        table
        for table in page.iter("table")
        if any(
            next(cell.iter("table"), None) is not None
            and (
                next(cell.iter(*PASSAGES), None) is not None or _loose_words(cell) >= _LOOSE_PASSAGE
            )
            for cell in _own_parts(table)
            if cell.tag in ("td", "th")
        )
    ]
    for table in layouts:
        for part in list(_own_parts(table)):
            if part.tag in ("td", "th"):
                _loose_text_in_paragraphs(part)
            _as_division(part)
        _as_division(table)


def _loose_text_in_paragraphs(cell: Any) -> None:
    """Each run of ``cell``'s words and inline elements between its blocks made a paragraph,
    as a browser lays such a run out as a block of its own: the extractor dropped the
    words loose in a division (a layout's cell made one) beside blocks."""
    if blank(cell.text) and all(
        child.tag not in INLINE_ONLY and blank(child.tail) for child in cell
    ):
        return  # nothing loose: blocks alone
    children = list(cell)
    parts: list[Any] = []
    run: Any = None  # the paragraph being filled, None after a block

    def loose(text: str | None) -> None:
        nonlocal run
        if blank(text):
            if run is not None and text:
                _add_text(run, text)
            return
        if run is None:
            run = lxml.html.Element("p")
            parts.append(run)
        _add_text(run, text)

    loose(cell.text)
    cell.text = None
    for child in children:
        tail, child.tail = child.tail, None
        cell.remove(child)
        if isinstance(child.tag, str) and child.tag not in INLINE_ONLY:
            run = None
            parts.append(child)
        else:
            if run is None:
                run = lxml.html.Element("p")
                parts.append(run)
            run.append(child)
        loose(tail)
    cell.extend(parts)


def _add_text(paragraph: Any, text: str | None) -> None:
    """``text`` written at the end of ``paragraph``."""
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + (text or "")
    else:
        paragraph.text = (paragraph.text or "") + (text or "")


_LOOSE_PASSAGE = 12  # words of a cell outside its tables that are a passage, not a label


def _loose_words(cell: Any) -> int:
    """How many words ``cell`` holds outside the tables inside it, counted up to
    :data:`_LOOSE_PASSAGE` (a nested table's words are not walked: a page of tables nested
    hundreds deep is read once)."""
    words = 0
    pending = [cell]
    while pending and words < _LOOSE_PASSAGE:
        node = pending.pop()
        if node is not cell:
            words += len((node.tail or "").split())
            if not isinstance(node.tag, str) or node.tag == "table":
                continue
        words += len((node.text or "").split())
        pending.extend(node)
    return words


def fill_row_spans(table: Any) -> None:
    """Write a cell spanning rows (``rowspan``) in each row below it spans, as the rows
    read (:func:`.builder.spanned_cell`): the extractor wrote an empty cell there, a row
    reading " │ La 72 │ 325" under "North │ Casa Ana │ 40"."""
    spanned: dict[int, tuple[int, str]] = {}  # a column -> rows still spanned, what it says
    for row in (part for part in _own_parts(table) if part.tag == "tr"):
        column = 0
        for cell in [c for c in row if c.tag in ("td", "th")]:
            while column in spanned:
                cell.addprevious(_spanned(spanned, column))
                column += 1
            rows = _span_count(cell.get("rowspan"))
            cell.attrib.pop("rowspan", None)
            if rows > 1:
                spanned[column] = (rows - 1, " ".join(cell.text_content().split()))
            column += _span_count(cell.get("colspan"))
        while spanned and column <= max(spanned):
            row.append(_spanned(spanned, column) if column in spanned else row.makeelement("td"))
            column += 1


def _spanned(spanned: dict[int, tuple[int, str]], column: int) -> Any:
    """A cell saying what the cell spanning ``column`` from a row above says."""
    left, said = spanned.pop(column)
    if left > 1:
        spanned[column] = (left - 1, said)
    cell = lxml.html.Element("td")
    cell.text = spanned_cell(said)
    return cell


def _span_count(value: Any) -> int:
    """A ``rowspan``'s or ``colspan``'s count as a browser reads it: 1 when missing or not a
    number, at most 1,000."""
    found = re.match(r"\s*\+?(\d+)", str(value or ""))
    return min(int(found.group(1)), 1000) if found else 1


def _own_parts(table: Any) -> Iterator[Any]:
    """The rows, cells and row groups of ``table`` itself, not of a table inside it."""
    for node in table.iterdescendants(*_TABLE_PARTS):
        if next(node.iterancestors("table"), None) is table:
            yield node


def _as_division(node: Any) -> None:
    """``node`` a ``<div>``, without the attributes of its table's structure."""
    node.tag = "div"
    for name in ("colspan", "rowspan", "scope", "headers"):
        node.attrib.pop(name, None)


# The cells of a row the extractor is given at most: it counts a row's cells again for each
# cell it adds (quadratic), and a row 100,000 cells wide took minutes.  A row of a table a
# person reads is far narrower.
ROW_CELLS = 1000


def bound_rows(holder: Any) -> None:
    """Part a row of ``holder`` wider than :data:`ROW_CELLS` cells (a ``<tr>``, or cells
    written straight into a table without one) into rows of that many, in their order."""
    cells = [child for child in holder if child.tag in ("td", "th")]
    if len(cells) <= ROW_CELLS:
        return
    if holder.tag == "tr":
        parent = holder.getparent()
        if parent is None:
            return
        at = parent.index(holder)
        tail, holder.tail = holder.tail, None
        row = holder
        for start in range(ROW_CELLS, len(cells), ROW_CELLS):
            row = holder.makeelement("tr", {})
            row.extend(cells[start : start + ROW_CELLS])
            at += 1
            parent.insert(at, row)
        row.tail = tail
        return
    for start in range(0, len(cells), ROW_CELLS):
        part = cells[start : start + ROW_CELLS]
        row = holder.makeelement("tr", {})
        holder.insert(holder.index(part[0]), row)
        row.extend(part)
