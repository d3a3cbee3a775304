"""Several literals any of which matches (grep's several ``-e`` without ``-E``), each found as a
search of one finds it (:class:`~.hits.ExactLiteral`, :class:`~.hits.FoldedLiteral`,
:class:`~.hits.WholeWords`): a space typed finds any kind of space (:data:`~.hits.SPACES`) and,
taking case as typed, letters typed find a ligature writing them (``confirm`` finds ``conﬁrm``;
ignoring case, full case folding finds it already).

A text holding neither (most texts) is searched by the literals' compiled pattern
(:class:`~.user_pattern.UserPattern`, the longest of them a place holds taken, as grep takes
it: ``-e war -e warning`` finds ``warning``).  Another is searched read loosely: its other
spaces written as the space (a code point for a code point) and its ligatures as their
letters, each hit said in the text's own offsets; where the literal taken starts or ends
inside a ligature (``conf`` in ``conﬁrm``), the longest other literal found at that place is
taken, as in the text itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tui_reader.core.search.hits import (
    LIGATURE_PAIRS,
    SPACES,
    Span,
    Unligatured,
    holds_ligatures,
    holds_other_spaces,
    loosely_typed,
)
from tui_reader.core.search.user_pattern import UserPattern

_AS_SPACE = str.maketrans(dict.fromkeys(SPACES, " "))


class AnyLiteral:
    """``literals`` (not empty, none empty), any of which matches, with the part of
    ``re.Pattern`` the searches use (:class:`~.user_pattern.TextPattern`); ``ignore_case``:
    folded fully; ``whole_words``: as grep -w takes them."""

    def __init__(
        self, literals: Sequence[str], *, ignore_case: bool = False, whole_words: bool = False
    ) -> None:
        import regex  # (as the regular expressions read a word character)

        typed = [loosely_typed(literal) for literal in literals]
        self._typed = typed
        self._longest_first = sorted(typed, key=len, reverse=True)  # (stable: ties as typed)
        self._compiled = UserPattern(
            typed[0],
            ignore_case=ignore_case,
            literal=True,
            whole_words=whole_words,
            more=typed[1:],
        )
        self.pattern = " | ".join(literals)
        self.flags = self._compiled.flags
        self._spaced = any(" " in literal for literal in typed)
        # taking case as typed, letters a ligature writes (ignoring case: its fold, found)
        self._paired = not ignore_case and any(
            pair in literal for literal in typed for pair in LIGATURE_PAIRS
        )
        self._whole_words = whole_words
        self._word = regex.compile(r"\w")

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Span]:
        view = Unligatured(string) if self._paired and holds_ligatures(string) else None
        spaced = self._spaced and holds_other_spaces(string)
        if view is None and not spaced:
            for each in self._compiled.finditer(string, pos, endpos):
                yield Span(*each.span())
            return
        searched = string if view is None else view.folded
        if spaced:
            searched = searched.translate(_AS_SPACE)  # (a code point for a code point)
        end = len(string) if endpos is None else min(max(0, endpos), len(string))
        at = max(0, min(pos, len(string)))
        if view is not None:
            at, end = view.folded_offset(at), view.folded_offset(end)
        while at <= end:
            match = self._compiled.search(searched, at, end)
            if match is None:
                return
            start, stop = match.span()
            if view is None:
                yield Span(start, stop)
                at = stop if stop > start else stop + 1
                continue
            found = self._at_edges(searched, view, start, stop, end)
            if found is None:
                at = start + 1
                continue
            first, last, stop = found
            yield Span(first, last)
            at = stop

    def _at_edges(
        self, searched: str, view: Unligatured, start: int, stop: int, end: int
    ) -> tuple[int, int, int] | None:
        """The text's offsets of the match ``[start, stop)`` of the text read loosely, and
        its end there; where it starts or ends inside a ligature, those of the longest literal
        at ``start`` that does not (``None``: none)."""
        first, last = view.offset(start), view.offset(stop)
        if first is not None and last is not None:
            return first, last, stop
        if first is None:
            return None  # (each literal found there starts inside it)
        for literal in self._longest_first:
            after = start + len(literal)
            if after > end or not searched.startswith(literal, start):
                continue
            last = view.offset(after)
            if last is None:
                continue
            if self._whole_words and (
                (start and self._word.match(searched[start - 1]))
                or (after < len(searched) and self._word.match(searched[after]))
            ):
                continue
            return first, last, after
        return None

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Span | None:
        return next(self.finditer(string, pos, endpos), None)
