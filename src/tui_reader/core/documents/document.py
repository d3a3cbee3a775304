"""Bytes -> Document: decoded, sanitised canonical text, style spans and metadata.

All offsets are code points into ``Document.text``, half-open ``[start, end)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.formats import FORMAT_BY_SUFFIX, Parsed
from tui_reader.core.documents.formats.plain import parse_plain
from tui_reader.core.documents.sanitize import normalize_newlines, sanitize
from tui_reader.core.documents.spans import Span
from tui_reader.core.errors import DocumentError, UnsupportedFormatError


@dataclass(frozen=True, eq=False)
class Document:
    """A loaded document.  ``text`` is the canonical text every offset refers to."""

    path: Path
    text: str
    spans: tuple[Span, ...]
    title: str
    format: str  # "text" or "markdown"
    encoding: str
    sha256: str = field(repr=False)
    words: int = 0


def text_sha256(text: str) -> str:
    """Hex sha256 of canonical text encoded as UTF-8 (the identity annotations are made on)."""
    digest = hashlib.sha256()
    for i in range(0, len(text), _CHUNK):
        digest.update(text[i : i + _CHUNK].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def format_of(path: Path) -> str | None:
    """The format name for ``path`` by its extension, or ``None`` when unsupported."""
    return FORMAT_BY_SUFFIX.get(path.suffix.lower())


def load_document(path: Path) -> Document:
    """Read and parse the file at ``path``.

    Raises :class:`DocumentError` (or a subclass) naming the file and the problem: unsupported
    extension, unreadable file, binary data.
    """
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormatError(path, f"unsupported file type {path.suffix!r}")
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise DocumentError(path, "is a folder, not a file") from exc
    except OSError as exc:
        raise DocumentError(path, exc.strerror or str(exc)) from exc
    decoded, encoding = decode_bytes(data, path)
    del data  # a large file's bytes need not live beside its text
    return _build(decoded, encoding, path, fmt)


def parse_document(data: bytes, path: Path, fmt: str = "text") -> Document:
    """Build a :class:`Document` from raw bytes (see :func:`load_document`)."""
    decoded, encoding = decode_bytes(data, path)
    return _build(decoded, encoding, path, fmt)


def _build(decoded: str, encoding: str, path: Path, fmt: str) -> Document:
    clean = sanitize(normalize_newlines(decoded))
    del decoded
    if fmt == "markdown":
        # Imported here: a plain-text document never pays for markdown-it-py.
        from tui_reader.core.documents.formats.markdown import parse_markdown

        parsed: Parsed = parse_markdown(clean)
    else:
        parsed = parse_plain(clean)
    # Markdown rendering may reintroduce nothing unsafe (its output is drawn from the
    # sanitised input), but entity references such as "&#27;" decode to controls: sanitise
    # again and, if that changed anything, fall back to the safe plain rendering.
    text = parsed.text
    if fmt == "markdown" and sanitize(text) != text:
        parsed = parse_plain(clean)
        text = parsed.text
    title = _one_line(parsed.title) if parsed.title else path.stem
    return Document(
        path=path,
        text=text,
        spans=tuple(parsed.spans),
        title=title,
        format=fmt,
        encoding=encoding,
        sha256=text_sha256(text),
        words=count_words(text),
    )


_CHUNK = 1 << 20  # code points: big enough to be fast, small enough to keep copies cheap


def count_words(text: str) -> int:
    """Whitespace-separated words, counted a chunk at a time (no list of every word)."""
    words = 0
    previous_ends_in_word = False
    for i in range(0, len(text), _CHUNK):
        chunk = text[i : i + _CHUNK]
        words += len(chunk.split())
        if previous_ends_in_word and not chunk[0].isspace():
            words -= 1  # a word cut in two by the chunk boundary
        previous_ends_in_word = not chunk[-1].isspace()
    return words


def _one_line(title: str) -> str:
    return " ".join(title.split())[:200]
