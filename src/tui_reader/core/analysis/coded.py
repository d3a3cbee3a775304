"""What the analyses read of a coded passage, whatever made it: an :class:`Annotation`, or a
lighter record of one read straight from the store (see :mod:`.scope_records` and
:mod:`.settled_coding`).  Offsets are code points into the document's canonical text,
half-open ``[start, end)``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Placed(Protocol):
    """A coded passage: its document, its place there and its codes."""

    @property
    def document(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def tags(self) -> Sequence[str]: ...
