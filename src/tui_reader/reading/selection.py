"""Passages to annotate: whitespace-trimmed ranges, and selections grown by whole units
(sentences, paragraphs).  Offsets are code points into the canonical text, half-open."""

from __future__ import annotations

from collections.abc import Callable

Range = tuple[int, int]
Unit = Callable[[str, int], Range]  # the unit holding an offset, e.g. textnav.sentence_range


def trimmed(text: str, start: int, end: int) -> Range:
    """``[start, end)`` without leading and trailing whitespace (may become empty): the
    spaces as the eye sees them, an accent set on a space (as a PDF may set it) among them."""
    from tui_reader.core.documents.units import spaces_trimmed

    return spaces_trimmed(text, start, end) if start < end else (start, end)


def unit_at(text: str, offset: int, unit: Unit) -> Range | None:
    """The unit holding ``offset``, trimmed; None when it holds no text."""
    start, end = trimmed(text, *unit(text, offset))
    return (start, end) if start < end else None


def grow_selection(text: str, selection: Range | None, caret: int, unit: Unit) -> Range | None:
    """What ``s`` / ``p`` select: with no selection the unit at the caret; with one, the whole
    units at both its ends; when it already covers whole units, those and the next one.
    None when there is no text to select."""
    if not text:
        return None
    if selection is None:
        return unit_at(text, caret, unit)
    first = unit_at(text, selection[0], unit)
    last = unit_at(text, max(selection[0], selection[1] - 1), unit)
    start = first[0] if first is not None else selection[0]
    end = last[1] if last is not None else selection[1]
    start, end = min(start, selection[0]), max(end, selection[1])
    start, end = trimmed(text, start, end)
    if (start, end) == selection:
        # the next unit's start: past the spaces as the eye sees them (an accent a PDF set
        # apart on a space, " \u0301", is a space's; the unit at it was the one before)
        following = trimmed(text, end, len(text))[0]
        if following < len(text):
            after = unit_at(text, following, unit)
            if after is not None:
                end = max(end, after[1])
    return (start, end) if start < end else None


def selection_in_edited(old: str, new: str, anchor: int, caret: int) -> Range | None:
    """A selection being made in ``old`` (from ``anchor`` to ``caret``, the characters under
    both in) found again in ``new``, the text of its file edited in another program, or only
    saved again: ``(anchor, caret)`` there, moved with the words around them as a mark is
    (:class:`NamedMark`); None when the characters it holds are not there together, a
    selection of text that was changed (the user did not select what stands there now)."""
    from tui_reader.core.documents.named_marks import NamedMark
    from tui_reader.core.documents.units import next_character

    start = min(anchor, caret)
    end = next_character(old, max(anchor, caret))
    held = old[start:end]
    if not held:  # the caret at the end of the text: nothing under it yet
        return len(new), len(new)
    placed = NamedMark.taken(old, start).placed_in(new)
    if not new.startswith(held, placed):
        placed = NamedMark.taken(old, end).placed_in(new) - len(held)
        if placed < 0 or not new.startswith(held, placed):
            return None
    return anchor - start + placed, caret - start + placed
