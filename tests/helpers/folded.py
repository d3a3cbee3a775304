"""What a search ignoring case finds, said plainly: the reference the searches are checked by."""

from __future__ import annotations

from tui_reader.core.search.hits import fold


def folded_reference(text: str, query: str) -> list[tuple[int, int]]:
    """The hits of ``query`` in ``text`` ignoring case by full case folding (the dotted capital I a plain i), found the slow and
    obvious way: from each character on, the shortest run of characters whose fold is the
    query's (a run cut inside a character's fold, ß's "ss", is none), non-overlapping, left to
    right."""
    wanted = fold(query)
    hits: list[tuple[int, int]] = []
    start = 0
    while start < len(text) and wanted:
        end = start + 1
        folded = fold(text[start:end])
        while wanted.startswith(folded) and folded != wanted and end < len(text):
            end += 1
            folded = fold(text[start:end])
        if folded == wanted:
            hits.append((start, end))
            start = end
        else:
            start += 1
    return hits
