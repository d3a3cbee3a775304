"""Whose coding is on show: every coder's, only mine, or one other coder's.

The app's reading view, library and codebook counts, query view and reports follow one
:class:`CoderView` (held by the workspace); ``C`` steps through the choices: all, mine, each
other coder in turn, all again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from tui_reader.core.annotations.model import Annotation
from tui_reader.core.frozen_value import FrozenValue


class CoderView(FrozenValue):
    """Every coder's annotations (``only`` None), or those of coder ``only``."""

    __slots__ = ("only",)
    only: str | None

    def __init__(self, only: str | None = None) -> None:
        self._set(only=only)

    def shows(self, annotation: Annotation) -> bool:
        return self.only is None or annotation.coder == self.only

    def filter(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """The annotations on show, in the order given."""
        if self.only is None:
            return list(annotations)
        return [a for a in annotations if a.coder == self.only]

    def label(self, me: str) -> str:
        """``all coders``, ``only mine (ana)`` or ``ben's``."""
        if self.only is None:
            return "all coders"
        return f"only mine ({me})" if self.only == me else f"{self.only}'s"

    def following(self, me: str, coders: Sequence[str]) -> CoderView:
        """The next choice: all, then mine, then each other coder (by name), then all."""
        order: list[str | None] = [None, me, *sorted(c for c in set(coders) if c != me)]
        index = order.index(self.only) if self.only in order else 0
        return CoderView(order[(index + 1) % len(order)])


def compare_partner(me: str, view: CoderView, counts: Mapping[str, int]) -> str | None:
    """The coder to compare ``me`` with: the one on show, else whoever coded most (None when
    only ``me`` has coded)."""
    if view.only not in (None, me):
        return view.only
    others = sorted((c for c in counts if c != me), key=lambda c: (-counts[c], c))
    return others[0] if others else None
