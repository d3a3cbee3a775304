"""Where an annotation lies in its document, as people read it: line number and position %."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timedelta


class LineIndex:
    """Line numbers of code-point offsets in one text, by bisecting its newline offsets.

    Built once per document (one pass over the text), so locating many annotations in a big
    document costs a binary search each, not a scan.
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        newlines: list[int] = []
        find = text.find
        at = find("\n")
        while at != -1:
            newlines.append(at)
            at = find("\n", at + 1)
        self._newlines = newlines

    def line(self, offset: int) -> int:
        """1-based line of the code point at ``offset`` (the count of newlines before it, + 1)."""
        return bisect_right(self._newlines, offset - 1) + 1

    def percent(self, offset: int) -> int:
        """``offset`` as a whole percentage of the text's length (rounded down, 0..100)."""
        if self.length <= 0:
            return 0
        return max(0, min(100, offset * 100 // self.length))


def display_time(iso: str) -> str:
    """``2026-11-20T10:00:00Z`` as ``2026-11-20 10:00 UTC``; anything unparsable as given."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    offset = moment.utcoffset()
    if offset is None or offset == timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")
