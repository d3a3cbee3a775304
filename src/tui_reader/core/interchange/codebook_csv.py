"""The codebook as a CSV Taguette's "Import codebook" reads (``codebook-csv``): a row per
code, ``tag`` (its whole path, ``policy/border``: Taguette's tags are paths) and
``description``, in the codebook's order.

Taguette's import takes the tag's path from the one column named ``tag`` (or ``name`` or
``path``), its description from ``description``, and strips both.  It guesses the file's
encoding (chardet), so the file starts with a byte-order mark, which names UTF-8 for
certain.  A cell a spreadsheet opening the file would run as a formula (a code named
``=HYPERLINK(...)``, ``+cmd``, ``@ana``) begins with a no-break space (:func:`_inert`), not the
``'`` the CSV export writes, which Taguette would keep in the name.  A code's memo and colour
have no place there and are not written.  ``import`` reads the file back as Taguette's own
codebook export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from tui_reader.core.codebook.names import tag_path
from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.csv import formula_like
from tui_reader.core.interchange.refi import code_names, codes_to_write
from tui_reader.core.wording import clipped, counted

HEADER = ("tag", "description")


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The codebook CSV of ``tags`` and the annotations' tags (those a selection asked for
    alone: ``options.sections``).  Raises :class:`ExportError` when there is none."""
    names = codes_to_write(tags, (a.tags for a in annotations), options.sections)
    return _codebook(names, tags, options)


def render_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """:func:`render` of annotations given as columns."""
    return _codebook(codes_to_write(tags, columns.tags, options.sections), tags, options)


def _codebook(names: list[str], tags: Codebook, options: ExportOptions) -> str:
    descriptions: dict[str, str] = {}
    for tag in tags:
        descriptions.setdefault(tag_path(tag.name), tag.description)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for name in names:
        writer.writerow([_inert(name), _inert(descriptions.get(name, "").strip())])
    return "\ufeff" + buffer.getvalue()


def _inert(cell: str) -> str:
    """``cell``, one a spreadsheet would run as a formula after a no-break space: a
    spreadsheet shows it as text, and Taguette's import, which strips each cell with
    Python's ``str.strip`` (as QualCoder's import of a list of codes in a CSV does), takes
    the code as it is, as ours does (a cell here is never
    begun by a space of its own: a code's levels and a description are stripped)."""
    return "\u00a0" + cell if formula_like(cell) else cell


# What Taguette's import refuses (its validate.tag_path and validate.description)
TAGUETTE_NAME = 200
TAGUETTE_DESCRIPTION = 102_400


def taguette_refuses(
    tags: Codebook, used: Iterable[Sequence[str]], sections: Sequence[str] = ()
) -> list[str]:
    """A line for the codes of the export Taguette's import would refuse: a name longer
    than :data:`TAGUETTE_NAME` characters (ours may be 1,000), a description longer than
    :data:`TAGUETTE_DESCRIPTION`; written all the same, for another tool."""
    names = code_names(tags, used, sections)
    descriptions: dict[str, str] = {}
    for tag in tags:
        descriptions.setdefault(tag_path(tag.name), tag.description.strip())
    lines = []
    for over, why in (
        ([n for n in names if len(n) > TAGUETTE_NAME], f"a name of over {TAGUETTE_NAME}"),
        (
            [n for n in names if len(descriptions.get(n, "")) > TAGUETTE_DESCRIPTION],
            f"a description of over {TAGUETTE_DESCRIPTION:,}",
        ),
    ):
        if over:
            shown = ", ".join(repr(clipped(n, 40)) for n in over[:3])
            more = f" and {len(over) - 3:,} more" if len(over) > 3 else ""
            lines.append(
                f"{counted(len(over), 'code')} with {why} characters, which Taguette's "
                f"import leaves out: {shown}{more}"
            )
    return lines
