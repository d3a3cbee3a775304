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


def natural_string(text: str) -> str:
    """``text`` as one string that sorts as :func:`natural_key` sorts it, then as ``text``
    itself (the key ``(natural_key(text), text)``), compared as strings are, in C: a corpus
    of 10,000 files was sorted by tuples of text and numbers, a fifth of its listing.

    The parts are :func:`natural_key`'s, joined: each number written ``\\0\\0``, its digits'
    count as a character, then its digits (no zero before them), so numbers compare by size;
    a NUL in the text is written ``\\0\\1`` and every other character stands for itself, so
    a text part that ends where the other goes on (``ab`` before ``abc``, ``ab`` before
    ``ab2``) sorts first, as in the tuples; ``\\0\\0\\0`` and ``text`` last break a tie."""
    if text.isascii():
        folded = text.casefold()
        parts: list[str] = _DIGITS.split(folded if "\0" not in folded else _nul(folded))
        numbers = map(_ascii_number, parts[1::2])
    else:
        parts = [
            _nul(_plain(part)) if i % 2 == 0 else part for i, part in enumerate(_DIGITS.split(text))
        ]
        numbers = map(_number, parts[1::2])
    parts[1::2] = numbers
    parts.append(_TIE)
    parts.append(text)
    return "".join(parts)


_TIE = "\0\0\0"  # below any character that can follow where a key ends in a longer one
# "\0\0" and the count of a number's digits (a file name's run of digits: 255 at most)
_NUMBER_HEADS = tuple(f"\0\0{chr(count)}" for count in range(256))


def _nul(text: str) -> str:
    """``text`` with each NUL written ``\\0\\1`` (above ``\\0\\0``, which begins a number)."""
    return text.replace("\0", "\0\1")


def _ascii_number(digits: str) -> str:
    """A run of ASCII digits as :func:`natural_string` writes it: ``\\0\\0``, how many
    digits it has without the zeros before them, those digits."""
    value = digits.lstrip("0") or "0"
    count = len(value)
    return (_NUMBER_HEADS[count] if count < 256 else f"\0\0{chr(count)}") + value


def _number(digits: str) -> str:
    """:func:`_ascii_number` of a run of any script's decimal digits (``٣``: 3)."""
    return _ascii_number(str(int(digits)))
