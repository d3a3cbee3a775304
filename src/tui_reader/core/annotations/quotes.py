"""Finding a quoted passage in a document: exact, else with any run of whitespace matching
any other (a quote copied from a wrapped or reflowed text) and an accented letter matching
however either side encodes it (``é`` as one code point, or as ``e`` and a combining accent,
as PDFs and files from a Mac write it)."""

from __future__ import annotations

import re
import unicodedata

from tui_reader.core.display import shown_name
from tui_reader.core.documents.document import Document
from tui_reader.core.errors import TuiReaderError
from tui_reader.core.wording import counted, quoted


def find_quote(document: Document, quote: str, occurrence: int | None) -> tuple[int, int]:
    """``[start, end)`` (code points) of ``quote`` in the document; ambiguity without
    ``occurrence`` (1 = the first) is an error, as is a quote that is not there."""
    if not quote.strip():
        raise TuiReaderError("the quote is empty")
    # Each accented letter either way: a text pasted together from a PDF and a web page writes
    # it both ways, and each is an occurrence of it; or the quote as typed, where that does not
    # match it (accents in an order composing changes).  Not both when one will do: Python's
    # parser takes the two alike apart a character at a time (25 s for a quote of 100,000).
    either = either_encoding(quote)
    exact = re.compile(either)
    if not exact.fullmatch(quote):
        exact = re.compile(f"{re.escape(quote)}|{either}")
    hits = [(m.start(), m.end()) for m in exact.finditer(document.text)]
    if not hits:
        words = [either_encoding(w) for w in quote.split()]
        flexible = re.compile(r"\s+".join(words))
        hits = [(m.start(), m.end()) for m in flexible.finditer(document.text)]
    name = shown_name(document.path.name)  # a tab in it as list shows it, not a space
    if not hits:
        raise TuiReaderError(f"{name}: quote not found: {quoted(quote)}")
    if occurrence is None:
        if len(hits) > 1:
            raise TuiReaderError(
                f"{name}: the quote occurs {len(hits)} times; "
                f"choose one with --occurrence 1..{len(hits)}"
            )
        return hits[0]
    if not 1 <= occurrence <= len(hits):
        raise TuiReaderError(
            f"{name}: --occurrence {occurrence} out of range "
            f"(the quote occurs {counted(len(hits), 'time')})"
        )
    return hits[occurrence - 1]


def either_encoding(text: str) -> str:
    """A regular expression matching ``text`` literally, each accented letter in it written
    either way: composed (``é``, one code point) or decomposed (``e`` and U+0301)."""
    if text.isascii():
        return re.escape(text)
    parts = []
    for char in unicodedata.normalize("NFC", text):
        split = unicodedata.normalize("NFD", char)
        parts.append(
            re.escape(char) if split == char else f"(?:{re.escape(char)}|{re.escape(split)})"
        )
    return "".join(parts)
