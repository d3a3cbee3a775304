"""Style spans over a document's canonical text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SpanKind(StrEnum):
    """What a span marks.  Block kinds cover whole blocks; inline kinds cover runs of text."""

    TITLE = "title"
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # data: the level, "1".."6"
    BLOCKQUOTE = "blockquote"
    LIST_ITEM = "list_item"  # covers the bullet glyph or number too
    BULLET = "bullet"  # the bullet glyph or "1." marker of a list item
    CODE_BLOCK = "code_block"  # data: the info string (language), may be empty
    RULE = "rule"  # a thematic break, drawn as a line of box characters
    EMPHASIS = "emphasis"
    STRONG = "strong"
    STRIKETHROUGH = "strikethrough"
    CODE = "code"
    LINK = "link"  # data: the URL
    # A paragraph of hard-wrapped text whose single newlines are soft: shown flowing at the
    # reading width (see core.documents.hard_wrap); the text itself is unchanged.
    SOFT_WRAP = "soft_wrap"


BLOCK_KINDS = frozenset(
    {
        SpanKind.TITLE,
        SpanKind.PARAGRAPH,
        SpanKind.HEADING,
        SpanKind.BLOCKQUOTE,
        SpanKind.LIST_ITEM,
        SpanKind.CODE_BLOCK,
        SpanKind.RULE,
    }
)


@dataclass(frozen=True, slots=True)
class Span:
    """A styled range ``[start, end)`` of code points in the canonical text."""

    start: int
    end: int
    kind: SpanKind
    data: str = ""

    def __init__(self, start: int, end: int, kind: SpanKind, data: str = "") -> None:
        # A document has a span per paragraph (100,000 in a 50 MB text): its fields are set
        # through their slots, a third faster than the frozen class's own __init__ (which
        # goes through object.__setattr__); the instance stays frozen all the same.
        _set_start(self, start)
        _set_end(self, end)
        _set_kind(self, kind)
        _set_data(self, data)

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, SpanKind, str]]:
        # A conversion's spans come back from its child process pickled: the frozen class's
        # own state was set again field by field through object.__setattr__, which took as
        # long as writing the spans (a second for the 400,000 of a table of 200,000 rows).
        return Span, (self.start, self.end, self.kind, self.data)


_set_start, _set_end, _set_kind, _set_data = (
    vars(Span)[name].__set__ for name in ("start", "end", "kind", "data")
)
