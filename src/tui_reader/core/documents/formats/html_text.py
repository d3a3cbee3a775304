"""An HTML element tree -> canonical text and spans, as Markdown documents are shown.

Used for the article trafilatura extracts from a web page and for EPUB chapters.  Headings,
paragraphs, lists (bullet glyph or number), block quotes, preformatted text, tables (cells
joined by " │ ") and inline emphasis, strong text, code and links become spans; scripts,
styles, forms and navigation are left out.  Text is written through a
:class:`~.builder.TextBuilder`, so it is sanitised as it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from tui_reader.core.documents.formats.builder import TextBuilder, bullet
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.errors import DocumentError

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "form", "button", "select", "input",
     "textarea", "svg", "iframe", "object", "embed", "head", "title", "meta", "link",
     "annotation", "annotation-xml"}  # MathML's other tellings of a formula (TeX): read once
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
_MAX_DEPTH = 200  # deeper, an element's text is written as running text (no recursion)
# Where words of a flattened element (a table cell, an element nested too deeply) part.
_SPACED = _BLOCKS | frozenset(_HEADINGS) | frozenset(
    {"ul", "ol", "menu", "li", "blockquote", "pre", "table", "tr", "td", "th", "br", "hr"}
)  # fmt: skip
_MAX_NESTING = 2048  # the depth lxml reads with huge_tree (256 without)


def parse_html(data: str | bytes, path: Path, what: str) -> Any:
    """``data`` parsed by lxml's HTML parser (no network, no comments), all of it: an inline
    image over 10 MB (a page saved as one file) or 256 elements nested (unclosed ``<font>``
    tags) made the parser stop there and drop the rest without a word; huge_tree lifts those
    limits, and a page it still cannot read to its end (elements nested more than
    :data:`_MAX_NESTING` deep) is refused, naming ``what`` (a web page, an EPUB chapter)."""
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=True,
        collect_ids=False, default_doctype=False,
    )  # fmt: skip
    try:
        root = lxml.html.fromstring(data, parser=parser)
    except ValueError:  # a text declaring its encoding (<?xml encoding=...?>): as UTF-8 bytes
        if not isinstance(data, str):
            raise
        root = lxml.html.fromstring(data.encode("utf-8", "surrogatepass"), parser=parser)
    if any(error.level_name == "FATAL" for error in parser.error_log):
        raise DocumentError(
            path,
            f"refused: {what} nested more than {_MAX_NESTING:,} elements deep "
            "(the rest of its text cannot be read)",
        )
    return root


class HtmlWriter:
    """Writes element trees into one :class:`TextBuilder` (several chapters in a row)."""

    def __init__(self, out: TextBuilder | None = None) -> None:
        self.out = out if out is not None else TextBuilder()
        self.first_heading: str | None = None
        self._lists: list[list[int]] = []  # one [next number or -1 for bullets] per open list

    def element(self, node: Any, depth: int = 0, pre: bool = False) -> None:
        """Write ``node`` and what it holds."""
        tag = _tag(node)
        if tag in _SKIP:
            self._tail(node, pre)
            return
        if depth > _MAX_DEPTH:  # its text as running text, without recursing
            self._text(flat_text(node), pre)
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
            for caption in (c for c in node if _tag(c) == "caption"):
                out.line()
                out.write(" ".join(flat_text(caption).split()))
            for row in _rows(node):
                out.line()
                cells = [" ".join(flat_text(c).split()) for c in row if _tag(c) in ("td", "th")]
                out.write(" │ ".join(cells))
            out.span(start, SpanKind.PARAGRAPH)
            out.block()
        elif tag == "hr":
            out.block()
            start = out.length
            out.write("─" * 40)
            out.span(start, SpanKind.RULE)
            out.block()
        elif tag == "br":  # two in a row part paragraphs, as old pages without <p> write them
            if out.at_line_start():
                out.block()
            else:
                out.line()
        elif tag == "img":
            alt = str(node.get("alt") or "").strip()
            if alt:
                out.write_inline(f" [{alt}] ")
        elif tag == "ruby":
            self._ruby(node, depth, pre)
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

    def _ruby(self, node: Any, depth: int, pre: bool) -> None:
        """Ruby: its base as one run of text, then its readings in brackets ("漢字(かんじ)"):
        a reading written after each character ("漢かん字じ") hid every word from a
        search.  The fallback brackets (``rp``) are left out: these are written instead."""
        readings: list[str] = []
        self._text(node.text, pre)
        for child in node:
            tag = _tag(child)
            if tag in ("rt", "rtc"):
                readings.append("".join(flat_text(child).split()))
            elif tag and tag != "rp":
                self.element(child, depth + 1, pre)
                continue
            self._text(child.tail, pre)
        if any(readings):
            self.out.write("(" + "".join(readings) + ")")

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
        number = int(start_attr) if start_attr.isdecimal() and len(start_attr) < 10 else 1
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


def _rows(table: Any) -> Any:
    """The rows of ``table`` (in its head, body and foot too), not a nested table's."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)


def flat_text(node: Any) -> str:
    """The text of ``node`` (not its tail) as running text: a space where a block, a cell or a
    line break parts words ("para1 para2", not "para1para2"), images' alternative text,
    nothing of what :data:`_SKIP` leaves out (a script in a cell).  Walked without recursion
    (lxml's iterwalk), however deep."""
    parts: list[str] = []
    skipped = 0  # how deep inside a left-out element
    for event, element in etree.iterwalk(node, events=("start", "end")):
        tag = _tag(element)
        if event == "start":
            if skipped or tag in _SKIP:
                skipped += 1
                continue
            if tag in _SPACED:
                parts.append(" ")
            if tag == "img" and element.get("alt"):
                parts.append(f" [{str(element.get('alt')).strip()}] ")
            if tag and element.text:
                parts.append(element.text)
            continue
        if skipped:
            skipped -= 1
            if skipped:
                continue
        elif tag in _SPACED:
            parts.append(" ")
        if element is not node and element.tail:
            parts.append(element.tail)
    return "".join(parts)


def _text(node: Any) -> str:
    return "".join(node.itertext()) if isinstance(node.tag, str) else ""
