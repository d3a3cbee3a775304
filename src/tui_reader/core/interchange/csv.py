"""CSV export: one row per annotation-tag pair, Taguette's layout, safe to open in a spreadsheet.

Columns: ``id, document, tag, content`` (as Taguette's highlights export names them; ``content``
is the passage) then ``note, start, end,
line, status, created, page, speaker, timestamp`` (those three for documents with pages or
speaker turns: ``12`` or ``12–13``, ``P03``, ``00:07:09``), ``coder``.  An untagged annotation
has one row with an empty tag.  The text starts with a UTF-8 byte-order mark so spreadsheet
programs pick the right encoding, rows end in CRLF (RFC 4180), and a text cell a spreadsheet
would run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
made inert with a leading ``'``.  So a cell that starts with ``'`` followed by one of those
was neutralised, and the passage is the rest; a passage that really began with ``'`` cannot be
told from it: for data tools ``csv-raw`` (:func:`render_raw`) writes every cell as it is, with
no byte-order mark.  ``start``/``end`` are code points into the document's canonical text,
half-open.
"""

from __future__ import annotations

import csv
import io

from tui_reader.core.analysis.values import show_value
from tui_reader.core.annotations.model import reading_order
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions, is_orphan
from tui_reader.core.interchange.places_in_text import Places

COLUMNS = (
    "id", "document", "tag", "content", "note", "start", "end", "line", "status", "created",
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


def render_raw(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """``csv-raw``: the same table with every cell as it is and no byte-order mark, for data
    tools (pandas, R) rather than spreadsheets: never open it in one."""
    return render(annotations, documents, tags, options, protect=False)


def render(
    annotations: Annotations,
    documents: Documents,
    tags: Codebook,
    options: ExportOptions,
    *,
    protect: bool = True,
) -> str:
    """The CSV text (with its byte-order mark) for ``annotations`` in (document, start) order;
    ``protect=False``: cells as they are, no byte-order mark."""
    guard = inert if protect else str
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = sorted({n for values in options.attributes.values() for n in values})
    writer.writerow([*COLUMNS, *(guard(attribute_column(n)) for n in names)])
    places = Places(documents, options.places)
    for annotation in sorted(annotations, key=reading_order):
        line = page = speaker = timestamp = ""
        if not is_orphan(annotation, documents):  # its document is there
            place = places.of(annotation)
            line, page = str(place.line), place.page.split(" ", 1)[-1]
            speaker, timestamp = place.speaker, place.time
        own = options.attributes.get(annotation.document, {})
        for tag in annotation.tags or ("",):
            writer.writerow(
                [
                    guard(annotation.id),
                    guard(annotation.document),
                    guard(tag),
                    guard(annotation.quote),
                    guard(annotation.note),
                    annotation.start,
                    annotation.end,
                    line,
                    str(annotation.status),
                    guard(annotation.created),
                    page,
                    guard(speaker),
                    timestamp,
                    guard(annotation.coder),
                    *(guard(show_value(own[n])) if n in own else "" for n in names),
                ]
            )
    return (BOM if protect else "") + buffer.getvalue()
