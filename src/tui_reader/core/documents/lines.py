"""Source lines of a document's canonical text: the one way from an offset to "line N".

A line number is 1-based and counts the newlines before the offset (code points into the
canonical text).  This is what "line" means wherever the user sees it: the codebook, corpus
search, exports.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class LineIndex:
    """Line numbers of offsets in one text.

    ``lines`` answers sorted offsets in one pass (counting newlines between them, no index);
    ``line`` answers offsets in any order by bisecting the newline offsets, found once on first
    use, so locating many annotations in a big document costs a binary search each."""

    def __init__(self, text: str, added: Sequence[int] = ()) -> None:
        """``added``: the newlines of ``text`` that are no line feed of its file
        (:func:`added_breaks`, ``Document.added_breaks``): the lines said are the file's, as
        grep counts them, a form feed or a lone CR no line break."""
        self.text = text
        self.length = len(text)
        self.added = added
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
        line = bisect_right(self._newlines, offset - 1) + 1
        return file_line(line, self.added) if self.added else line

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
        if self.added:
            return [file_line(line, self.added) for line in found]
        return found

    def percent(self, offset: int) -> int:
        """``offset`` as a whole percentage of the text's length (rounded down, 0..100)."""
        return self.percents((offset,))[0]

    def percents(self, offsets: Sequence[int]) -> list[int]:
        """:meth:`percent` of each of ``offsets``, in one pass."""
        length = self.length
        if length <= 0:
            return [0] * len(offsets)
        return [max(0, min(100, offset * 100 // length)) for offset in offsets]


# The line breaks of a decoded text file as its canonical text makes them newlines
# (sanitize.normalize_newlines): a CRLF or a LF is one newline, the file's own; a lone CR, a
# vertical tab, a form feed, NEXT LINE and LINE SEPARATOR one newline the file did not have,
# PARAGRAPH SEPARATOR two.  CRs before a LF are one line end with it ("\r\r\n": a CRLF
# written again through a file in text mode on Windows), the file's own.
_ADDING = "\r\x0b\x0c\x85\u2028\u2029"  # what may add a newline (a CRLF adds none)


def added_breaks(decoded: str, pages: list[int] | None = None) -> list[int]:
    """The newlines of the canonical text of the decoded text file ``decoded`` that are no
    line feed of the file (a form feed, a lone CR, ...), each as its place among the canonical
    text's newlines (0: the first), ascending; empty for most files, whose only breaks are
    line feeds.  :func:`file_line` takes a canonical line back to the file's, as grep counts
    it.  Only those breaks are looked at one by one, the line feeds between them counted.
    ``pages``: given, the places of those that are a form feed (a page's end, as pdftotext
    and a printer's files have it) are put in it too (see :func:`page_breaks`)."""
    if not any(char in decoded for char in _ADDING[1:]) and (
        "\r" not in decoded
        or decoded.count("\r") == decoded.count("\r\n") + decoded.count("\r\r\n")
    ):
        return []  # line feeds alone, or CRLFs (a Windows file): each the file's own
    places: list[int] = []  # where each break that adds a newline is: found by str.find,
    # many times faster than a regular expression's scan of every character
    find = decoded.find
    for char in _ADDING:
        at = find(char)
        while at != -1:
            after = at + 1
            if char == "\r":  # a run of CRs: each a line break, or with a LF after it none
                while decoded.startswith("\r", after):
                    after += 1
                if not decoded.startswith("\n", after):
                    places.extend(range(at, after))
            else:
                places.append(at)
            at = find(char, after)
    places.sort()
    added: list[int] = []
    count = 0  # the canonical text's newlines so far
    previous = 0
    for at in places:
        count += decoded.count("\n", previous, at)  # line feeds, a CRLF's too: one each
        previous = at + 1
        if decoded[at] == "\u2029":
            added += (count, count + 1)
            count += 2
        else:
            if pages is not None and decoded[at] == "\x0c":
                pages.append(count)
            added.append(count)
            count += 1
    return added


def page_breaks(decoded: str) -> list[int]:
    """The newlines of the canonical text of the decoded text file ``decoded`` that are a
    form feed of the file, each as its place among the canonical text's newlines (as
    :func:`added_breaks` places them): where a page ends, which the text's newline alone
    does not tell (a first line a form feed ends is a page of its own, a title page)."""
    pages: list[int] = []
    if "\x0c" in decoded:
        added_breaks(decoded, pages)
    return pages


def file_line(line: int, added: Sequence[int]) -> int:
    """The line of the file (the line feeds before it, plus one: grep's ``-n``) of the
    1-based ``line`` of its canonical text, whose ``added`` newlines (:func:`added_breaks`)
    are no line feed of the file."""
    return line - bisect_left(added, line - 1) if added else line
