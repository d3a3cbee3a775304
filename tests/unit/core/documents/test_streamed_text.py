"""A UTF-8 text read a chunk at a time is the text decoded whole, cleaned the same way; what
is not strict UTF-8 is left to the whole-file decoder."""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.core.documents.decoding import decode_bytes
from tui_reader.core.documents.document import load_document, parse_document
from tui_reader.core.documents.safe_read import document_chunks
from tui_reader.core.documents.sanitize import clean_text
from tui_reader.core.documents.streamed_text import read_utf8_text
from tui_reader.core.errors import BinaryFileError, DocumentError

# Line ends of every kind, escape sequences and controls (cut anywhere by the chunks),
# characters of 1 to 4 bytes in UTF-8, and beyond Latin-1 (the text widens midway).
PARTS = st.sampled_from(
    ["a", "word ", "\n", "\r\n", "\r", "\t", "\x1b[1m", "\x1b]0;title\x07", "\x1b", "\x9b2J",
     "\x07", "\x7f", "é", "’", "€", "😀", "\u200b", "\n\n", " \n", "\u2028", "\u2029", "\x85",
     "\x0b", "\x0c", "\x08", "_", "\xad"]
)  # fmt: skip


def whole(data: bytes) -> str:
    return clean_text(decode_bytes(data)[0])


@settings(max_examples=examples(150), deadline=None)
@given(parts=st.lists(PARTS, max_size=60), chunk=st.integers(min_value=1, max_value=23))
@example(parts=["a", "’", "\x08", "’"], chunk=4)  # an overstrike across two pieces
def test_a_chunked_read_equals_the_whole_decode(parts: list[str], chunk: int) -> None:
    data = "".join(parts).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            expected: str | None = whole(data)
        except BinaryFileError:
            expected = None  # mostly controls: both refuse it
        if expected is None:
            with pytest.raises(BinaryFileError):
                read_utf8_text(path, chunk_bytes=chunk)
        else:
            assert read_utf8_text(path, chunk_bytes=chunk) == expected


@settings(max_examples=examples(100), deadline=None)
@given(parts=st.lists(PARTS, max_size=60), chunk=st.integers(min_value=1, max_value=23))
def test_a_chunked_read_finds_the_page_breaks_of_the_whole_decode(
    parts: list[str], chunk: int
) -> None:
    """The form feeds of a text read a piece at a time are those of the text decoded whole,
    each a newline of the canonical text, among its added breaks (a title reads them)."""
    from tui_reader.core.documents.lines import added_breaks, page_breaks

    data = "".join(parts).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        added: list[int] = []
        pages: list[int] = []
        try:
            text = read_utf8_text(path, chunk_bytes=chunk, added=added, pages=pages)
        except BinaryFileError:
            return
    decoded = decode_bytes(data)[0]
    assert text is not None
    assert pages == page_breaks(decoded) and added == added_breaks(decoded)
    assert set(pages) <= set(added) and len(pages) == decoded.count("\x0c")
    assert all(n < text.count("\n") for n in pages)


@settings(max_examples=examples(40), deadline=None)
@given(parts=st.lists(PARTS, min_size=1, max_size=40))
def test_a_text_file_loads_as_its_bytes_parse(parts: list[str]) -> None:
    data = ("A title line\n\n" + "".join(parts)).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        loaded, parsed = load_document(path), parse_document(data, path, "text")
    assert (loaded.text, loaded.spans, loaded.title, loaded.encoding) == (
        parsed.text, parsed.spans, parsed.title, parsed.encoding,
    )  # fmt: skip
    assert (loaded.sha256, loaded.words, loaded.turns) == (
        parsed.sha256,
        parsed.words,
        parsed.turns,
    )


def test_a_utf8_bom_is_dropped_and_other_encodings_are_left_to_the_whole_decoder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Títle\r\nbody\n".encode())
    assert read_utf8_text(path, chunk_bytes=2) == "Títle\nbody\n"
    for data in (
        codecs.BOM_UTF16_LE + "text".encode("utf-16-le"),
        b"text with a NUL\x00",
        "caf\xe9 in Latin-1".encode("latin-1"),
        "cut short \u2019".encode()[:-1],
    ):
        path.write_bytes(data)
        assert read_utf8_text(path, chunk_bytes=4) is None
        assert outcome(lambda: load_document(path).text) == outcome(
            lambda data=data: parse_document(data, path, "text").text  # type: ignore[misc]
        )


def outcome(load: Callable[[], str]) -> str:
    """The text loaded, or the kind of error and its message."""
    try:
        return load()
    except DocumentError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_chunks_refuse_what_the_whole_read_refuses(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"x" * 100)
    assert b"".join(document_chunks(path, 7)) == b"x" * 100
    with pytest.raises(DocumentError, match="more than"):
        list(document_chunks(path, 7, limit=50))
    with pytest.raises(DocumentError, match="folder"):
        list(document_chunks(tmp_path, 7))
