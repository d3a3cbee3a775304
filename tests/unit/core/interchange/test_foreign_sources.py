"""Which document here a REFI-QDA project's source is, when no document has its text: the
one of its name whose text is a later version of it (edited here since); the file a source
with no document here is written as."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from tui_reader.core.interchange.foreign import _earlier_version, free_path


def test_a_book_on_one_line_edited_here_is_told_at_once() -> None:
    """A book saved as one line (a paragraph of 20,000 words) was compared word by word in
    order, which takes the square of its length: the import hung for many minutes. Its
    sentences are compared now, as a text's paragraphs are."""
    book = " ".join(f"Sentence {n} of the book is here." for n in range(4_000))
    edited = "A foreword written here. " + book.replace("Sentence 7 ", "Sentence seven ")
    other = " ".join(f"Line {n} of another book." for n in range(4_000))
    found: list[bool] = []
    worker = threading.Thread(
        target=lambda: found.extend(
            [_earlier_version(book, edited), _earlier_version(book, other)]
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)
    assert found == [True, False]


def test_a_short_note_edited_is_told_by_its_words() -> None:
    assert _earlier_version("A short note about soldiers", "A short note about the soldiers")
    assert not _earlier_version("A short note about soldiers", "Nothing alike at all here")


def test_a_source_named_with_escapes_of_a_utf8_character_is_that_character(
    tmp_path: Path,
) -> None:
    """A source named with the escapes of the bytes of a UTF-8 character (``\\xc3\\xa9``,
    no name our export writes: a hand's) gave a file name of two lone bytes, a name no
    listing gives that file (``é.txt``): its passages on a document the corpus lists
    otherwise.  It is that character, as the file system reads its bytes."""
    path = free_path(tmp_path, "\\xc3\\xa9.txt", "A text.\n")
    assert path == tmp_path / "é.txt"
    latin = free_path(tmp_path, "caf\\xe9.txt", "A text.\n")
    assert latin == tmp_path / os.fsdecode(b"caf\xe9.txt")
