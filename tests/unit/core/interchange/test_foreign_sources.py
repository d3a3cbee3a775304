"""Which document here a REFI-QDA project's source is, when no document has its text: the
one of its name whose text is a later version of it (edited here since)."""

from __future__ import annotations

import threading

from tui_reader.core.interchange.foreign import _earlier_version


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
