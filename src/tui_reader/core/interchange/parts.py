"""An export's text in parts: the big formats (W3C, csv, Markdown) are a hundred thousand
texts joined, 30-150 MB at 100,000 annotations.  Joined and encoded :data:`PART` texts at a
time, and written part after part, they are never copied into one string or one bytes
(encoded one text at a time and joined, then joined again into the file, a W3C export took
twice as long).  A part, not the whole, is what one character beyond ASCII makes two or four
bytes a character."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from tui_reader.core.interchange.stopping import check

PART = 1000  # texts joined and encoded at once (a W3C part: about 1.5 MB)


def joined_parts(texts: Iterable[str], between: str) -> list[bytes]:
    """``between.join(texts)`` in UTF-8, in parts (none when there is no text)."""
    return list(parts_as_taken(texts, between))


def parts_as_taken(texts: Iterable[str], between: str) -> Iterator[bytes]:
    """The parts of :func:`joined_parts`, each made as it is taken: written as they come,
    never all held at once (a Markdown export by tag of 100,000 annotations is 79 MB)."""
    items = iter(texts)
    separator = between.encode("utf-8")
    first = True
    while chunk := list(islice(items, PART)):
        check()  # esc in the app's export dialog: stopped between two parts
        if not first:
            yield separator
        first = False
        yield between.join(chunk).encode("utf-8")
