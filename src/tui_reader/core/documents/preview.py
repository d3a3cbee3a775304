"""The first part of a big plain-text file, to show while the whole file loads.

Reading, decoding and hashing a 50 MB file takes seconds; its first screen is in the first
few kilobytes.  For plain UTF-8 text the canonical text of a prefix cut at a newline is a
prefix of the whole file's canonical text (decoding, newline normalisation and sanitising
all work line by line), so offsets into the preview stay valid in the full document.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui_reader.core.documents.document import Document, parse_document
from tui_reader.core.documents.formats import format_of, format_of_text
from tui_reader.core.documents.safe_read import read_document_bytes
from tui_reader.core.errors import DocumentError

PREVIEW_THRESHOLD = 4 * 1024 * 1024  # files smaller than this load whole at once
PREVIEW_BYTES = 256 * 1024


def load_preview(path: Path, *, max_bytes: int = PREVIEW_BYTES) -> Document | None:
    """A :class:`Document` of the first ``max_bytes`` of ``path`` (cut at a newline), or
    ``None`` when the file is small, not plain text, not UTF-8 or cannot be read."""
    if format_of(path) != "text":
        return None
    try:
        if path.stat().st_size < PREVIEW_THRESHOLD:
            return None
        data = read_document_bytes(path, max_bytes=max_bytes)
    except (OSError, DocumentError):
        return None
    cut = data.rfind(b"\n")
    if cut <= 0:
        return None  # one enormous line: nothing safe to cut at
    data = data[: cut + 1]
    if data.startswith(b"\xef\xbb\xbf") or b"\x00" in data:
        return None  # a BOM or UTF-16: let the full loader decide
    if format_of_text(data) != "text":
        return None  # subtitles saved as text: converted whole
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    document = parse_document(data, path, "text")
    if document.encoding != "utf-8":
        return None
    return replace(document, preview=True)
