"""A regular expression compiled when it is first used, not when its module is imported.

The modules on the way to the first screen (reading a text: its encoding, its words, its
speakers, its title) hold dozens of patterns that a plain UTF-8 text never asks (the legacy
encodings' tests, the transcript formats' lines, the East Asian word rules). Compiling them
at import took about 20 ms of the first screen's CPU; a ``LazyPattern`` pays for its pattern
the first time one of its methods runs, and from then on its methods are the compiled
pattern's own (no extra call in a hot loop).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

S = TypeVar("S", str, bytes)

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern(Generic[S]):
    """``re.compile(source, flags)``, compiled on first use; the methods of ``re.Pattern``
    that the project uses, with the same signatures."""

    def __init__(self, source: S, flags: int = 0) -> None:
        self.pattern: S = source
        self.flags: int = flags

    @property
    def compiled(self) -> re.Pattern[S]:
        """The compiled pattern; compiling it puts its methods on this object."""
        found: re.Pattern[S] | None = self.__dict__.get("_compiled")
        if found is None:
            found = re.compile(self.pattern, self.flags)
            # Instance attributes come before the class's methods: from now on
            # ``lazy.search`` is the compiled pattern's own bound method.
            self.__dict__["_compiled"] = found
            for name in _METHODS:
                self.__dict__[name] = getattr(found, name)
        return found

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def search(self, string: S, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[S] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: S, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[S] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: S, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[S] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: S, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[S]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: S, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: S | Callable[[re.Match[S]], S], string: S, count: int = 0) -> S:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: S | Callable[[re.Match[S]], S], string: S, count: int = 0
    ) -> tuple[S, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: S, maxsplit: int = 0) -> list[S | Any]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
