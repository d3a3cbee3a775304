"""Natural order: names holding numbers sorted as a person, a file manager or QualCoder sorts
them (``t1, t2, t14``), not as text (``t1, t14, t2``).  The corpus listing and every list of
codes (:func:`tui_reader.core.codebook.names.tag_order`) sort by it."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[str | int, ...]:
    """``text`` as a sort key: each run of decimal digits a number, the text between them
    without case or accents (``T14`` -> ``("t", 14, "")``, ``émotion`` among the e's, not
    after the z's).  Split on a captured pattern, the runs of digits are every other part, so
    two keys compare text with text and number with number.  Names equal but for case or
    accents compare equal: a sort that must not leave their order to chance breaks the tie
    with the name itself (:func:`tui_reader.core.codebook.names.tag_order` does)."""
    if text.isascii():  # most names: cased at once, only the runs of digits turned to numbers
        parts: list[str | int] = list(_DIGITS.split(text.casefold()))
        parts[1::2] = map(int, parts[1::2])
        return tuple(parts)
    return tuple(int(part) if i % 2 else _plain(part) for i, part in enumerate(_DIGITS.split(text)))


def _plain(part: str) -> str:
    """``part`` without case, and its letters without their accents (``É`` -> ``e``)."""
    if part.isascii():
        return part.casefold()
    letters = unicodedata.normalize("NFD", part)
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()
