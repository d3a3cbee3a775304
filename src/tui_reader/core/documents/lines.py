"""Source lines of a document's canonical text: the one way from an offset to "line N".

A line number is 1-based and counts the newlines before the offset (code points into the
canonical text).  This is what "line" means wherever the user sees it: the codebook, corpus
search, exports.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


class LineIndex:
    """Line numbers of offsets in one text.

    ``lines`` answers sorted offsets in one pass (counting newlines between them, no index);
    ``line`` answers offsets in any order by bisecting the newline offsets, found once on first
    use, so locating many annotations in a big document costs a binary search each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self._newlines: list[int] | None = None

    def line(self, offset: int) -> int:
        """1-based line of the code point at ``offset``."""
        if self._newlines is None:
            newlines: list[int] = []
            find = self.text.find
            at = find("\n")
            while at != -1:
                newlines.append(at)
                at = find("\n", at + 1)
            self._newlines = newlines
        return bisect_right(self._newlines, offset - 1) + 1

    def lines(self, offsets: Sequence[int]) -> list[int]:
        """The 1-based line of each of ``offsets`` (sorted ascending: a ValueError otherwise)."""
        found: list[int] = []
        line, previous = 1, 0
        for offset in offsets:
            if offset < previous:
                raise ValueError("offsets must be sorted")
            line += self.text.count("\n", previous, offset)
            previous = offset
            found.append(line)
        return found

    def percent(self, offset: int) -> int:
        """``offset`` as a whole percentage of the text's length (rounded down, 0..100)."""
        if self.length <= 0:
            return 0
        return max(0, min(100, offset * 100 // self.length))
