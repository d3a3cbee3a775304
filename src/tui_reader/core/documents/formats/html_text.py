"""An HTML element tree -> canonical text and spans, as Markdown documents are shown.

Used for the article trafilatura extracts from a web page and for EPUB chapters.  Headings,
paragraphs, lists (bullet glyph or number), block quotes, preformatted text, tables (cells
joined by " │ ") and inline emphasis, strong text, code and links become spans; scripts,
styles, forms and navigation are left out.  Text is written through a
:class:`~.builder.TextBuilder`, so it is sanitised as it is written.
"""

from __future__ import annotations

from typing import Any

from tui_reader.core.documents.formats.builder import TextBuilder, bullet
from tui_reader.core.documents.spans import SpanKind

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "form", "button", "select", "input",
     "textarea", "svg", "math", "iframe", "object", "embed", "head", "title", "meta", "link"}
)  # fmt: skip
_HEADINGS = {"h1": "1", "h2": "2", "h3": "3", "h4": "4", "h5": "5", "h6": "6"}
_INLINE = {
    "em": SpanKind.EMPHASIS,
    "i": SpanKind.EMPHASIS,
    "cite": SpanKind.EMPHASIS,
    "strong": SpanKind.STRONG,
    "b": SpanKind.STRONG,
    "s": SpanKind.STRIKETHROUGH,
    "del": SpanKind.STRIKETHROUGH,
    "strike": SpanKind.STRIKETHROUGH,
    "code": SpanKind.CODE,
    "kbd": SpanKind.CODE,
    "a": SpanKind.LINK,
}
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "figure",
     "figcaption", "dl", "dt", "dd", "address", "center", "body", "html", "caption",
     "details", "summary", "hgroup"}
)  # fmt: skip
_MAX_DEPTH = 200


class HtmlWriter:
    """Writes element trees into one :class:`TextBuilder` (several chapters in a row)."""

    def __init__(self, out: TextBuilder | None = None) -> None:
        self.out = out if out is not None else TextBuilder()
        self.first_heading: str | None = None
        self._lists: list[list[int]] = []  # one [next number or -1 for bullets] per open list

    def element(self, node: Any, depth: int = 0, pre: bool = False) -> None:
        """Write ``node`` and what it holds."""
        tag = _tag(node)
        if tag in _SKIP or depth > _MAX_DEPTH:
            self._tail(node, pre)
            return
        out = self.out
        if tag in _HEADINGS:
            out.block()
            start = out.length
            self._children(node, depth, pre)
            out.span(start, SpanKind.HEADING, _HEADINGS[tag])
            if self.first_heading is None:
                self.first_heading = " ".join(_text(node).split()) or None
            out.block()
        elif tag in ("ul", "ol", "menu"):
            self._list(node, depth, ordered=tag == "ol")
        elif tag == "li":
            self._item(node, depth, pre)
        elif tag == "blockquote":
            out.block()
            start = out.length
            self._children(node, depth, pre)
            out.span(start, SpanKind.BLOCKQUOTE)
            out.block()
        elif tag == "pre":
            out.block()
            start = out.length
            self._children(node, depth, pre=True)
            out.span(start, SpanKind.CODE_BLOCK)
            out.block()
        elif tag == "table":
            out.block()
            start = out.length
            for row in node.iter("tr", "{*}tr"):
                out.line()
                cells = [" ".join(_text(c).split()) for c in row if _tag(c) in ("td", "th")]
                out.write(" │ ".join(cells))
            out.span(start, SpanKind.PARAGRAPH)
            out.block()
        elif tag == "hr":
            out.block()
            start = out.length
            out.write("─" * 40)
            out.span(start, SpanKind.RULE)
            out.block()
        elif tag == "br":
            out.line()
        elif tag == "img":
            alt = str(node.get("alt") or "").strip()
            if alt:
                out.write_inline(f" [{alt}] ")
        elif tag in _INLINE:
            start = out.length
            self._children(node, depth, pre)
            data = str(node.get("href") or "") if tag == "a" else ""
            out.span(start, _INLINE[tag], data)
        elif tag in _BLOCKS:
            out.block()
            start = out.length
            self._children(node, depth, pre)
            if tag == "p":
                out.span(start, SpanKind.PARAGRAPH)
            out.block()
        else:
            self._children(node, depth, pre)
        self._tail(node, pre)

    def _children(self, node: Any, depth: int, pre: bool) -> None:
        self._text(node.text, pre)
        for child in node:
            if isinstance(child.tag, str):
                self.element(child, depth + 1, pre)
            else:
                self._text(child.tail, pre)  # a comment or processing instruction

    def _tail(self, node: Any, pre: bool) -> None:
        self._text(node.tail, pre)

    def _text(self, text: str | None, pre: bool) -> None:
        if text:
            if pre:
                self.out.write(text)
            else:
                self.out.write_inline(text)

    def _list(self, node: Any, depth: int, ordered: bool) -> None:
        start_attr = str(node.get("start") or "1")
        number = int(start_attr) if start_attr.isdigit() else 1
        self.out.block() if not self._lists else self.out.line()
        self._lists.append([number if ordered else -1])
        self._children(node, depth, False)
        self._lists.pop()
        if not self._lists:
            self.out.block()

    def _item(self, node: Any, depth: int, pre: bool) -> None:
        out = self.out
        out.line()
        level = max(0, len(self._lists) - 1)
        out.write("  " * level)
        start = out.length
        state = self._lists[-1] if self._lists else [-1]
        marker = bullet(level) if state[0] < 0 else f"{state[0]}."
        if state[0] >= 0:
            state[0] += 1
        out.write(marker + " ")
        out.span(start, SpanKind.BULLET)
        self._children(node, depth, pre)
        out.span(start, SpanKind.LIST_ITEM)
        out.line()


def _tag(node: Any) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _text(node: Any) -> str:
    return "".join(node.itertext()) if isinstance(node.tag, str) else ""
