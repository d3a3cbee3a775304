"""The project's selections are written as text: exactly what ElementTree writes for them
(a project read back and written again by ElementTree is the same text)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.annotations.model import AnchorStatus, Annotation, Tag, reading_order
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import FORMATS, ExportOptions
from tui_reader.core.interchange.annotation_columns import AnnotationColumns
from tui_reader.core.interchange.qdpx import selections_of_rows
from tui_reader.core.interchange.refi import PROJECT_NS

HOSTILE = "ab &<>\"'\t\r\n\x00\x0b\u2028é😀]]>"
TEXT = "Some text for the selections, with a few words and & signs < > in it.\n" * 3
text_of = st.text(HOSTILE, max_size=12)


@st.composite
def annotations(draw: st.DrawFn) -> list[Annotation]:
    found = []
    for n in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(TEXT) - 2))
        end = draw(st.integers(start + 1, len(TEXT)))
        found.append(
            Annotation(
                document="doc.txt",
                start=start,
                end=end,
                quote=TEXT[start:end],
                tags=tuple(
                    draw(st.lists(st.sampled_from(["a", "a/b", "c&d", "<e>", ""]), max_size=3))
                ),
                note=draw(text_of),
                id=draw(st.sampled_from([f"00000000-0000-4000-8000-{n:012d}", f"id {n}&"])),
                created=draw(st.sampled_from(["2026-01-02T03:04:05Z", "", "not a date"])),
                updated=draw(st.sampled_from(["2026-01-02T03:04:06Z", "", "x"])),
                status=AnchorStatus.ANCHORED,
                coder=draw(st.sampled_from(["", "ana", 'Ben "O" <Neil>'])),
            )
        )
    return found


@settings(max_examples=examples(60), deadline=None)
@given(annotations())
def test_the_project_is_what_elementtree_writes(placed: list[Annotation]) -> None:
    document = parse_document(TEXT.encode(), Path("doc.txt"))
    data = FORMATS["qdpx"].render(
        placed, {"doc.txt": document}, [Tag("a", "#ff0000")], ExportOptions(exported_at="")
    )
    assert isinstance(data, bytes)
    project = zipfile.ZipFile(io.BytesIO(data)).read("project.qde").decode("utf-8")
    root = ET.fromstring(project)
    ET.register_namespace("", PROJECT_NS)
    ET.indent(root, space="  ")
    again = ET.tostring(root, encoding="unicode")
    assert project == '<?xml version="1.0" encoding="utf-8"?>\n' + again + "\n"
    # annotations of one passage and coder that share a code (or have none) are one
    columns = AnnotationColumns.of_annotations(sorted(placed, key=reading_order))
    selections = selections_of_rows(columns, range(len(placed)))
    assert project.count("<PlainTextSelection ") == len(selections)
