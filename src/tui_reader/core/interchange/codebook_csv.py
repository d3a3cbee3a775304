"""The codebook as a CSV Taguette's "Import codebook" reads (``codebook-csv``): a row per
code, ``tag`` (its whole path, ``policy/border``: Taguette's tags are paths) and
``description``, in the codebook's order.

Taguette's import takes the tag's path from the one column named ``tag`` (or ``name`` or
``path``), its description from ``description``, and strips both.  It guesses the file's
encoding (chardet), so the file starts with a byte-order mark, which names UTF-8 for
certain; cells are written as they are, with no spreadsheet formula guard, which Taguette
would take into the name.  A code's memo and colour have no place there and are not written.
``import`` reads the file back as Taguette's own codebook export.
"""

from __future__ import annotations

import csv
import io

from tui_reader.core.codebook.names import tag_path
from tui_reader.core.errors import ExportError
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.refi import code_names

HEADER = ("tag", "description")


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The codebook CSV of ``tags`` and the annotations' tags (those a selection asked for
    alone: ``options.sections``).  Raises :class:`ExportError` when there is none."""
    names = code_names(tags, (a.tags for a in annotations), options.sections)
    return _codebook(names, tags, options)


def render_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """:func:`render` of annotations given as columns."""
    return _codebook(code_names(tags, columns.tags, options.sections), tags, options)


def _codebook(names: list[str], tags: Codebook, options: ExportOptions) -> str:
    if not names and options.sections:
        asked = ", ".join(repr(s) for s in options.sections)
        raise ExportError(f"no tags to export: no code is {asked} or below it")
    if not names:
        raise ExportError("no tags to export: the codebook is empty")
    descriptions: dict[str, str] = {}
    for tag in tags:
        descriptions.setdefault(tag_path(tag.name), tag.description)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for name in names:
        writer.writerow([name, descriptions.get(name, "").strip()])
    return "\ufeff" + buffer.getvalue()
