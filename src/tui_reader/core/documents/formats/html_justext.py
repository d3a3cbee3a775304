"""jusText's revision of its paragraphs' classes (trafilatura's last fallback extractor), in
one pass each way instead of a search from every paragraph.

``justext.core.revise_paragraph_classification`` finds, for each short or near-good
paragraph, the nearest good or bad one above and below it by walking there: a page of
thousands of short paragraphs in a row (an article followed by 20,000 ``<div>``s of one
word) took minutes, quadratic, and was refused at the conversion's time limit.  The classes
here are exactly jusText's (its own quirks kept: its first look for a heading's good
paragraph sees the classes the paragraphs held before the call), each nearest neighbour
carried along a pass.  :func:`install` makes trafilatura call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_GOOD_OR_BAD = ("good", "bad")
_NEAR = ("good", "bad", "neargood")


def revise_paragraph_classification(
    paragraphs: Sequence[Any], max_heading_distance: int = 200
) -> None:
    """Set each paragraph's ``class_type`` as ``justext.core.revise_paragraph_classification``
    does (``classify_paragraphs`` has set each ``cf_class``), in time linear in the paragraphs."""
    count = len(paragraphs)
    sizes = [len(paragraph.text) for paragraph in paragraphs]
    # The class each held when called: what jusText's first look below a heading sees.
    held = [paragraph.class_type for paragraph in paragraphs]
    _good_headings(paragraphs, sizes, held, "short", "neargood", max_heading_distance, copy=True)

    classes = [paragraph.class_type for paragraph in paragraphs]
    above = _nearest(classes, range(count), _GOOD_OR_BAD)
    below = _nearest(classes, range(count - 1, -1, -1), _GOOD_OR_BAD)
    above_near = _nearest(classes, range(count), _NEAR)
    below_near = _nearest(classes, range(count - 1, -1, -1), _NEAR)
    for i, paragraph in enumerate(paragraphs):
        if classes[i] != "short":
            continue
        prev, after = above[i], below[i]
        if prev == "good" and after == "good":
            paragraph.class_type = "good"
        elif prev == "bad" and after == "bad":
            paragraph.class_type = "bad"
        elif (prev == "bad" and above_near[i] == "neargood") or (
            after == "bad" and below_near[i] == "neargood"
        ):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"

    # Near-good ones, in order: one revised is good or bad to those after it.
    classes = [paragraph.class_type for paragraph in paragraphs]
    below = _nearest(classes, range(count - 1, -1, -1), _GOOD_OR_BAD)
    prev = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            paragraph.class_type = "bad" if (prev, below[i]) == ("bad", "bad") else "good"
        if paragraph.class_type in _GOOD_OR_BAD:
            prev = paragraph.class_type

    classes = [paragraph.class_type for paragraph in paragraphs]
    _good_headings(paragraphs, sizes, classes, "bad", "good", max_heading_distance, copy=False)


def _nearest(classes: list[str], order: range, wanted: tuple[str, ...]) -> list[str]:
    """For each index, the class in ``wanted`` nearest before it in ``order`` ('bad' if none)."""
    found = ["bad"] * len(classes)
    last = "bad"
    for i in order:
        found[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return found


def _good_headings(
    paragraphs: Sequence[Any],
    sizes: list[int],
    classes: list[str],
    was: str,
    becomes: str,
    max_heading_distance: int,
    *,
    copy: bool,
) -> None:
    """Each heading of class ``was`` (of ``cf_class`` other than 'bad' when it was 'bad')
    ``becomes`` so when a good paragraph (of ``classes``) follows it within
    ``max_heading_distance`` characters of the paragraphs between; with ``copy``, each
    paragraph's ``class_type`` is its ``cf_class`` first."""
    count = len(paragraphs)
    next_good = [count] * (count + 1)  # the first good index after each, count if none
    for i in range(count - 1, -1, -1):
        next_good[i] = i + 1 if i + 1 < count and classes[i + 1] == "good" else next_good[i + 1]
    before = [0] * (count + 1)  # the characters of the paragraphs before each
    for i, size in enumerate(sizes):
        before[i + 1] = before[i] + size
    for i, paragraph in enumerate(paragraphs):
        if copy:
            paragraph.class_type = paragraph.cf_class
        if not (paragraph.heading and paragraph.class_type == was):
            continue
        if was == "bad" and paragraph.cf_class == "bad":
            continue
        j = next_good[i]
        if j < count and before[j] - before[i + 1] <= max_heading_distance:
            paragraph.class_type = becomes


def install() -> None:
    """Make trafilatura's jusText fallback revise its paragraphs with the function here."""
    import trafilatura.external

    trafilatura.external.revise_paragraph_classification = revise_paragraph_classification  # type: ignore[attr-defined]
