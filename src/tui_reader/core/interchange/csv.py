"""CSV export: one row per annotation-tag pair, Taguette's layout, safe to open in a spreadsheet.

Columns: ``id, document, tag, quote`` (as Taguette's highlights export) then ``note, start, end,
line, status, created, page, speaker, timestamp`` (those three for documents with pages or
speaker turns: ``12`` or ``12–13``, ``P03``, ``00:07:09``), ``coder``.  An untagged annotation
has one row with an empty tag.  The text starts with a UTF-8 byte-order mark so spreadsheet
programs pick the right encoding, rows end in CRLF (RFC 4180), and a text cell a spreadsheet
would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
made inert with a leading ``'``.  ``start``/``end`` are code points into the document's
canonical text, half-open.
"""

from __future__ import annotations

import csv
import io

from tui_reader.core.analysis.values import show_value
from tui_reader.core.annotations.model import reading_order
from tui_reader.core.documents.lines import LineIndex
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions, is_orphan

COLUMNS = (
    "id", "document", "tag", "quote", "note", "start", "end", "line", "status", "created",
    "page", "speaker", "timestamp", "coder",
)  # fmt: skip
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """``cell`` made safe from spreadsheet formula injection (OWASP: prefix a ``'``)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def attribute_column(name: str) -> str:
    """The column of a document attribute: its name, unless a fixed column has it."""
    return f"attribute:{name}" if name in COLUMNS else name


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The CSV text (with its byte-order mark) for ``annotations`` in (document, start) order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = sorted({n for values in options.attributes.values() for n in values})
    writer.writerow([*COLUMNS, *(inert(attribute_column(n)) for n in names)])
    indexes: dict[str, LineIndex] = {}
    for annotation in sorted(annotations, key=reading_order):
        line = page = speaker = timestamp = ""
        document = documents.get(annotation.document)
        if document is not None and not is_orphan(annotation, documents):
            index = indexes.get(annotation.document)
            if index is None:
                index = indexes[annotation.document] = LineIndex(document.text)
            line = str(index.line(annotation.start))
            page = document.page_label(annotation.start, annotation.end).split(" ", 1)[-1]
            turn = document.turn_at(annotation.start)
            if turn is not None:
                speaker, timestamp = turn.speaker, turn.time
        own = options.attributes.get(annotation.document, {})
        for tag in annotation.tags or ("",):
            writer.writerow(
                [
                    inert(annotation.id),
                    inert(annotation.document),
                    inert(tag),
                    inert(annotation.quote),
                    inert(annotation.note),
                    annotation.start,
                    annotation.end,
                    line,
                    str(annotation.status),
                    inert(annotation.created),
                    page,
                    inert(speaker),
                    timestamp,
                    inert(annotation.coder),
                    *(inert(show_value(own[n])) if n in own else "" for n in names),
                ]
            )
    return BOM + buffer.getvalue()
