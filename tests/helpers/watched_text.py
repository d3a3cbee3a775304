"""A text that notes its looks of more than one character (``str.find`` and ``str.count`` of
several characters go at a character's pace, of one at ``memchr``'s): what a first listing
of 10,000 files pays for in every one of them."""

from __future__ import annotations

from typing import Any


class WatchedText(str):
    """``str``, its ``find`` and ``count`` of more than one character noted in ``looked``:
    (what was looked for, how many characters were gone through)."""

    looked: list[tuple[str, int]]

    def __new__(cls, text: str) -> WatchedText:
        made = super().__new__(cls, text)
        made.looked = []
        return made

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        if len(sub) > 1:
            stop = len(self) if end is None else min(end, len(self))
            self.looked.append((sub, (stop if found < 0 else found) - (start or 0)))
        return found

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        if len(sub) > 1:
            stop = len(self) if end is None else min(end, len(self))
            self.looked.append((sub, stop - (start or 0)))
        return super().count(sub, start, end)

    def long_looks(self, longer_than: int = 1_000) -> list[str]:
        """What was looked for through more than ``longer_than`` characters."""
        return [sub for sub, length in self.looked if length > longer_than]


class WatchedSlices(WatchedText):
    """:class:`WatchedText` whose ``in`` of more than one character is noted too, and whose
    slices are watched with it (noted in the same list): ``sub in text[:n]`` is a look."""

    def __contains__(self, sub: object) -> bool:
        if isinstance(sub, str) and len(sub) > 1:
            self.looked.append((sub, len(self)))
        return super().__contains__(sub)  # type: ignore[operator]

    def __getitem__(self, key: Any) -> str:  # type: ignore[override]
        part = super().__getitem__(key)
        if not isinstance(key, slice):
            return part
        watched = WatchedSlices(part)
        watched.looked = self.looked
        return watched
