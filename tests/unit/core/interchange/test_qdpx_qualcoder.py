"""A project export as QualCoder's REFI-QDA import reads it (``tests/helpers/qualcoder.py``):
what lands where in QualCoder."""

from __future__ import annotations

from pathlib import Path

from helpers.qualcoder import qualcoder_import

from tui_reader.core.annotations.model import make_annotation
from tui_reader.core.documents.document import parse_document
from tui_reader.core.interchange import ExportOptions, get_format

TEXT = "Interview 1 - Ana, Tapachula\n\nThe checkpoints moved closer to town.\n"
DOCUMENT = parse_document(TEXT.encode(), Path("int-1.txt"))
ANNOTATION = make_annotation("int-1.txt", TEXT, 30, 45, DOCUMENT.sha256, ("border",))


def exported(options: ExportOptions | None = None) -> bytes:
    options = options or ExportOptions(exported_at="2026-01-04T00:00:00Z")
    data = get_format("qdpx").render([ANNOTATION], {"int-1.txt": DOCUMENT}, [], options)
    assert isinstance(data, bytes)
    return data


def test_a_documents_title_is_not_its_memo_in_qualcoder() -> None:
    """The document's title was written as its source's ``Description``, which QualCoder
    takes for the file's memo: every document arrived there with a memo no one wrote, its
    first line.  QualCoder shows the source's name (the file name); the title goes nowhere."""
    project = qualcoder_import(exported())
    assert project.file_memos == {"int-1.txt": ""}
    assert project.codings == [("int-1.txt", "The checkpoints", "", "border")]
