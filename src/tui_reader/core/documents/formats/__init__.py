"""One module per input format; each turns decoded text into canonical text + spans."""

from __future__ import annotations

from dataclasses import dataclass

from tui_reader.core.documents.spans import Span


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a format module produces from decoded, newline-normalised text.

    ``text`` is the canonical text (sanitised by the caller afterwards is *not* allowed: format
    modules receive already-sanitised input so offsets stay valid).  ``title`` is ``None``
    when the format found none of its own.
    """

    text: str
    spans: list[Span]
    title: str | None


FORMAT_BY_SUFFIX: dict[str, str] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
