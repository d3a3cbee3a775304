"""Natural order: names holding numbers sorted as a person, a file manager or QualCoder sorts
them (``t1, t2, t14``), not as text (``t1, t14, t2``).  The corpus listing and every list of
codes (:func:`tui_reader.core.codebook.names.tag_order`) sort by it."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[str | int, ...]:
    """``text`` as a sort key: each run of decimal digits a number, the text between them
    without case (``T14`` -> ``("t", 14, "")``).  Split on a captured pattern, the runs of
    digits are every other part, so two keys compare text with text and number with number."""
    return tuple(
        int(part) if i % 2 else part.casefold() for i, part in enumerate(_DIGITS.split(text))
    )
