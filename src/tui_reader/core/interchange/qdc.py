"""REFI-QDA codebook export (``.qdc``): the tags alone, hierarchy, colours and descriptions, and
the codes' memos (after the description, as a project's: QualCoder reads a code's memo there).

The GUIDs are those of the ``.qdpx`` export, so a codebook and a project from the same work agree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tui_reader.core.interchange import Annotations, Codebook, Documents, ExportOptions
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.refi import CODEBOOK_NS, add_codes, codes_to_write, xml_bytes
from tui_reader.core.interchange.refi_analysis import code_memo_texts


def render(
    annotations: Annotations, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """The codebook XML (UTF-8 text, no byte-order mark) of ``tags`` and the annotations' tags
    (those a selection asked for alone: ``options.sections``).

    Raises :class:`ExportError` when there is no tag at all (the standard requires one code).
    """
    names = codes_to_write(tags, (a.tags for a in annotations), options.sections)
    return _codebook(names, tags, options)


def render_columns(
    columns: AnnotationColumns, documents: Documents, tags: Codebook, options: ExportOptions
) -> str:
    """:func:`render` of annotations given as columns."""
    return _codebook(codes_to_write(tags, columns.tags, options.sections), tags, options)


def _codebook(names: list[str], tags: Codebook, options: ExportOptions) -> str:
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": options.generator})
    # each code's memo in its Description, where QualCoder reads a code's memo
    add_codes(root, CODEBOOK_NS, tags, names, memos=code_memo_texts(options.memos))
    return xml_bytes(root, CODEBOOK_NS).decode("utf-8")
