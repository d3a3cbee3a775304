"""Four pages of a text with a running line, the same on each page: a passage in it and 32
characters either side are alike on every page; the page's own words stand further off. For
the tests of a W3C quote's context naming one place."""

from __future__ import annotations

RUNNING = "Journal of Border Studies, volume twelve. The shelter opened in May. All rights kept."
PAGES = "\n\n".join(
    f"Page {n}: A paragraph of its own words, page {n}. {'Some text. ' * 8}"
    f"\n{RUNNING}\n{'More of the text here. ' * 6}"
    for n in range(1, 5)
)
QUOTE = "The shelter opened in May."


def occurrences(text: str, needle: str) -> int:
    """How many times ``needle`` occurs in ``text``, overlapping ones counted."""
    return sum(1 for at in range(len(text)) if text.startswith(needle, at))
