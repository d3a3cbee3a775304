"""A UTF-8 text file read and cleaned a chunk at a time, for the memory a 50 MB file costs.

Reading the whole file and then decoding it holds its bytes and its text at once, and
CPython's decoder, on meeting the first character beyond Latin-1 late in the file, copies
what it has decoded into a wider buffer: bytes + narrow text + wide text, four times the file
for English text with one curly quote near its end.  Here the file is read a megabyte at a
time with an incremental decoder; each piece is cut after its last newline, its newlines
normalised and its controls removed (none of which reaches across a ``\\n``), and appended
to the text, which CPython grows in place: the bytes are never whole, and the peak is the
text and one piece (twice the text once, when a piece widens it).

Only strict UTF-8 is read this way (with or without a BOM); anything else (another BOM,
NUL bytes, invalid UTF-8, ISO-2022's escapes) returns ``None`` and the caller reads the
whole file as before.
The result equals ``clean_text(decode_bytes(data)[0])``.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from tui_reader.core.documents.decoding import refuse_if_mostly_controls
from tui_reader.core.documents.lines import added_breaks
from tui_reader.core.documents.safe_read import document_chunks
from tui_reader.core.documents.sanitize import (
    clean_text,
    holds_control,
    holds_invisible,
    holds_separator,
)

CHUNK_BYTES = 64 * 1024  # small pieces: bigger ones fragment glibc's heap (RSS twice the text)
_SAMPLE = 64 * 1024  # code points judged for control bytes, as decode_bytes judges them


def read_utf8_text(
    path: Path,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    added: list[int] | None = None,
    pages: list[int] | None = None,
    hashed: Callable[[bytes], object] | None = None,
) -> str | None:
    """The sanitised text of the UTF-8 file at ``path`` (a UTF-8 BOM dropped), or ``None``
    when the file is not strict UTF-8 without NUL bytes (the caller decodes it whole).
    ``added``: given, the text's newlines that are no line feed of the file are put in it
    (:func:`~tui_reader.core.documents.lines.added_breaks` of the whole decoded file);
    ``pages``: given, those that are a form feed (:func:`~.lines.page_breaks`); ``hashed``:
    given each piece of the file's bytes as it is read, in order (a hash's ``update``).

    Raises :class:`DocumentError` as ``read_document_bytes`` and ``decode_bytes`` would."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text = ""
    # The breaks found so far (added_breaks of each piece cleaned, in its own newlines) and
    # how many newlines the text had before that piece: placed once the text is whole (a
    # closure over ``text`` would make it a cell, whose ``+=`` copies it every time).
    pieces: list[tuple[int, list[int]]] = []
    paged: list[tuple[int, list[int]]] = []  # the form feeds among them, so
    sample = ""  # the first code points as decoded, judged as decode_bytes judges them
    carry = ""  # decoded after the last newline: cleaned with the next piece
    first = True
    escaped = False  # the piece before ended in an escape
    # Other byte-order marks start with a NUL or with bytes UTF-8 never has: refused below.
    for data in document_chunks(path, max(chunk_bytes, len(codecs.BOM_UTF8))):
        if hashed is not None:
            hashed(data)
        if first:
            first = False
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
        if b"\x00" in data or b"\x1b$" in data or (escaped and data.startswith(b"$")):
            return None  # NUL bytes, or ISO-2022's escapes: left to the whole decoder
        escaped = data.endswith(b"\x1b")
        try:
            decoded = decoder.decode(data)
        except UnicodeDecodeError:
            return None
        del data
        if len(sample) < _SAMPLE:
            sample += decoded[: _SAMPLE - len(sample)]
        if carry:
            decoded, carry = carry + decoded, ""
        if (
            "\r" not in decoded
            and "\xad" not in decoded
            and not holds_control(decoded)
            and not holds_separator(decoded)
            and not holds_invisible(decoded)
        ):
            # Most text: nothing to clean.  ``text += ...`` on the one reference grows the
            # string in place (CPython).  Its last character waits for the next piece: a
            # backspace there overstrikes it ("’" and "\b’" in two pieces gave "’’").
            text += decoded[:-1]
            carry = decoded[-1:]
            continue
        cut = decoded.rfind("\n") + 1  # clean whole lines: nothing reaches across a newline
        carry = decoded[cut:]
        if cut:
            if added is not None or pages is not None:
                _note_breaks(decoded[:cut], len(text), pieces, paged)
            text += clean_text(decoded[:cut])
        del decoded
    try:
        carry += decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    refuse_if_mostly_controls(sample, path)
    if added is not None or pages is not None:
        _note_breaks(carry, len(text), pieces, paged)
    text += clean_text(carry)
    if added is not None:
        _place_breaks(text, pieces, added)
    if pages is not None:
        _place_breaks(text, paged, pages)
    return text


def _note_breaks(
    piece: str,
    start: int,
    pieces: list[tuple[int, list[int]]],
    paged: list[tuple[int, list[int]]],
) -> None:
    """Note the added breaks of ``piece`` (decoded, its text to start at ``start``) in
    ``pieces``, and its form feeds among them in ``paged``."""
    pages: list[int] = []
    found = added_breaks(piece, pages)
    if found:
        pieces.append((start, found))
    if pages:
        paged.append((start, pages))


def _place_breaks(text: str, pieces: list[tuple[int, list[int]]], added: list[int]) -> None:
    """Put in ``added`` the breaks of each of ``pieces`` (where in ``text`` the piece starts,
    its breaks among its own newlines) among the newlines of the whole ``text``."""
    newlines, counted = 0, 0
    for start, found in pieces:
        newlines += text.count("\n", counted, start)
        counted = start
        added.extend(newlines + place for place in found)
