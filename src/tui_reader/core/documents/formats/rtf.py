"""RTF -> plain text by striprtf (pure Python); paragraphs as in plain text.

striprtf keeps the text and paragraph breaks but not the styles: headings and emphasis of an
RTF file are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from striprtf import striprtf

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.plain import parse_plain
from tui_reader.core.documents.sanitize import normalize_newlines, sanitize
from tui_reader.core.errors import DocumentError

_rtf_to_text: Callable[..., str] = striprtf.rtf_to_text


def convert_rtf(text: str, path: Path) -> Parsed:
    """The text of the RTF document ``text`` (decoded, sanitised)."""
    if not text.lstrip().startswith("{\\rtf"):
        raise DocumentError(path, "not an RTF document (no {\\rtf header)")
    plain = sanitize(normalize_newlines(_rtf_to_text(text, errors="replace")))
    # Each RTF paragraph (\\par) is one line: set them apart as plain-text paragraphs are.
    return parse_plain("\n\n".join(line.strip() for line in plain.split("\n") if line.strip()))
