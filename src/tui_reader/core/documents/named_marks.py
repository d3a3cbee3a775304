"""A named mark (less's ``m`` letter, ``'`` letter): a place in a document's text, kept with the
words around it so that it is found again in the text of the file once edited.

A mark is kept as its offset (a code point) and up to :data:`CONTEXT` code points of text
before and after it.  In a text where those are no longer at the offset, the mark goes to the
nearest place where they are (the words after it, else the words before it); where neither is
found, to its offset, within the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONTEXT = 32  # code points kept on each side of a mark


@dataclass(frozen=True, slots=True)
class NamedMark:
    offset: int
    before: str = ""
    after: str = ""

    @classmethod
    def taken(cls, text: str, offset: int) -> NamedMark:
        """The mark at ``offset`` of ``text``, with the words around it."""
        offset = min(max(0, offset), len(text))
        return cls(offset, text[max(0, offset - CONTEXT) : offset], text[offset : offset + CONTEXT])

    def placed_in(self, text: str) -> int:
        """Where the mark is in ``text`` (see the module's note)."""
        offset = min(max(0, self.offset), len(text))
        before, after = self.before, self.after
        if text.startswith(after, offset) and text.endswith(before, 0, offset):
            return offset
        for needle, shift in ((before + after, len(before)), (after, 0), (before, len(before))):
            if len(needle) >= 4:
                found = _nearest(text, needle, offset - shift)
                if found is not None:
                    return found + shift
        return offset

    def as_record(self) -> dict[str, Any]:
        return {"offset": self.offset, "before": self.before, "after": self.after}

    @classmethod
    def from_record(cls, record: object) -> NamedMark | None:
        """The mark a stored record holds; None for a damaged one."""
        if not isinstance(record, dict):
            return None
        offset, before, after = record.get("offset"), record.get("before"), record.get("after")
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            return None
        before = before if isinstance(before, str) else ""
        after = after if isinstance(after, str) else ""
        return cls(offset, before[-CONTEXT:], after[:CONTEXT])


def _nearest(text: str, needle: str, near: int) -> int | None:
    """The start of the occurrence of ``needle`` in ``text`` nearest ``near``."""
    at = max(0, min(near, len(text)))
    following = text.find(needle, at)
    preceding = text.rfind(needle, 0, at + len(needle) - 1) if at else -1
    found = [p for p in (following, preceding) if p >= 0]
    return min(found, key=lambda p: abs(p - near)) if found else None
