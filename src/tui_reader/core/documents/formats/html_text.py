"""An HTML element tree -> canonical text and spans, as Markdown documents are shown.

Used for the article trafilatura extracts from a web page and for EPUB chapters.  Headings,
paragraphs, lists (bullet glyph, or number or letter as a browser numbers them), block quotes,
preformatted text, tables (cells joined by " │ "), quotations (between quotation marks) and
inline emphasis, strong text, code and links become spans; scripts,
styles, forms and navigation are left out.  Text is written through a
:class:`~.builder.TextBuilder`, so it is sanitised as it is written.
"""

from __future__ import annotations

import copy
import html
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any, overload

import lxml.html
from lxml import etree

from tui_reader.core.documents.formats.builder import (
    TextBuilder,
    bullet,
    number_label,
    spanned_cell,
    superscript,
)
from tui_reader.core.documents.formats.html_alt import describes
from tui_reader.core.documents.sanitize import sanitize
from tui_reader.core.documents.spans import SpanKind
from tui_reader.core.documents.table_units import cell_words
from tui_reader.core.errors import DocumentError

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "form", "button", "select", "input",
     "textarea", "svg", "iframe", "object", "embed", "video", "audio", "canvas", "head",
     "title", "meta", "link",
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
# Whether a page holds an element nested deeper than html_depth.SHALLOW_DEPTH (a test checks
# the two agree; that module is loaded only for such a page): libxml2 looks, at C's pace.
_DEEPER_THAN_SHALLOW = etree.XPath("boolean(//*[ancestor::*[256]])")
# A page saved as one file carries its images and fonts inline, as ``data:`` addresses of
# megabytes in an attribute or a style sheet.  They are never text, but the article and
# date extractors search the page's markup with regular expressions: an 8 MB image took 10 s
# of CPU to read the page.  Their contents are left out once the page is parsed.
_LONG_VALUE = 4096
_LONG_VALUES = etree.XPath(f"//@*[string-length(.) > {_LONG_VALUE}]")
_LONG_STYLES = etree.XPath(f"//style[string-length(.) > {_LONG_VALUE}]")
# A class or an id names an element for its style sheets and scripts, and is never shown:
# the extractors search them for words ("footer", "comment") in a pass over the page each,
# a class of 10 MB took 13 s of CPU, one of 30 MB passed the conversion's limit.  One longer
# than _LONG_VALUE (a long list of utility classes is a few hundred characters) keeps its
# first words.
_NAMES = frozenset({"class", "id"})
# A style is read for whether it hides its element or places it apart, its list's numbering
# and Word's list items (here), and by the article extractor for "hidden", "display: none"
# and "border", each within one declaration: a style of 10 MB took 3.4 s of CPU, its every
# search a pass over all of it.  One longer than _LONG_VALUE keeps its declarations each once
# (as first written), those of its first _LONG_VALUE characters and those holding a word
# read, up to _STYLE_KEPT characters of each word's.
_STYLE_READ = (
    "display", "visibility", "hidden", "position", "border", "list-style", "mso-list",
    "text-indent", "margin-left",
)  # fmt: skip
_STYLE_KEPT = 4 * _LONG_VALUE
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_INLINE_DATA = re.compile(r"(data:[^,\s\"')]{0,200},)[^\s\"')]{256,}", re.IGNORECASE)
_LISTS = frozenset({"ul", "ol", "menu"})
# An ordered list's numbering: its type attribute, or the list-style-type of its style.
_LIST_TYPES = {"1": "decimal", "a": "alpha", "A": "Alpha", "i": "lowerRoman", "I": "upperRoman"}
_LIST_STYLES = {
    "decimal": "decimal", "decimal-leading-zero": "decimalZero", "lower-alpha": "alpha",
    "lower-latin": "alpha", "upper-alpha": "Alpha", "upper-latin": "Alpha",
    "lower-roman": "lowerRoman", "upper-roman": "upperRoman",
}  # fmt: skip
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([^;!]*)", re.IGNORECASE)
_INTEGER = re.compile(r"\s*([-+]?\d{1,9})\s*")
_QUOTES = ("“", "”", "‘", "’")  # a quotation (<q>), and one inside it


# A character reference that may stand for a control character (&#27;, &#x1b;, &#129;): the
# text is sanitised before it is parsed, such a reference after, and trafilatura gives no
# article at all for a page whose text holds a control character.  All of a reference's
# digits are its number: the start of a longer one ("&#x1F" of "&#x1F600;", "&#157" of
# "&#1575;") was read as a control character and left out, an emoji read "600;".
_CONTROL_REFERENCE = r"&#(?:[xX]0*[0-9a-fA-F]{1,2}(?![0-9a-fA-F])|0*[0-9]{1,3}(?![0-9]));?"
_CONTROL_REFERENCE_TEXT = re.compile(_CONTROL_REFERENCE)
_CONTROL_REFERENCE_BYTES = re.compile(_CONTROL_REFERENCE.encode("ascii"))


@overload
def without_control_references(markup: str) -> str: ...
@overload
def without_control_references(markup: bytes) -> bytes: ...
def without_control_references(markup: str | bytes) -> str | bytes:
    """``markup`` (a web page, an EPUB chapter) with each character reference to a control
    character left out (a space for one that parts words, as &#13; does), the rest kept, as
    the parser reads them: each reference alone.  Left to the parser, a reference was read as
    HTML reads it (&#x9c; is "œ" of Windows-1252), and the text sanitised after: an OSC that
    &#x9d; opened was closed by nothing and took the rest of its paragraph with it
    ("here &#x9d;0;title&#x9c; end." lost " end.").  Bytes are looked at as ASCII (the
    encodings a page or a chapter is written in; UTF-16 is read as it was)."""
    if isinstance(markup, bytes):
        if b"&#" not in markup:
            return markup
        return _CONTROL_REFERENCE_BYTES.sub(
            lambda found: _without_control(found.group().decode("ascii")).encode("ascii"), markup
        )
    if "&#" not in markup:
        return markup
    return _CONTROL_REFERENCE_TEXT.sub(lambda found: _without_control(found.group()), markup)


def _without_control(reference: str) -> str:
    """A character ``reference`` kept, or nothing when it stands for a control character (a
    space for one that parts words, as &#13; does)."""
    character = html.unescape(reference)  # as a browser reads it (&#150; is "–")
    if character and sanitize(character) == character:
        return reference
    return " " if character.isspace() else ""


def parse_html(data: str | bytes, path: Path, what: str) -> Any:
    """``data`` parsed by lxml's HTML parser (no network, no comments), all of it: an inline
    image over 10 MB (a page saved as one file) or 256 elements nested (unclosed ``<font>``
    tags) made the parser stop there and drop the rest without a word; huge_tree lifts those
    limits.  A page it still cannot read to its end (elements nested more than
    :data:`_MAX_NESTING` deep, which libxml2 stops at) is read again with the tags nested
    deepest left out, their text kept (:func:`~.html_depth.shallow_markup`): it was refused
    whole.  One that cannot be read even so is refused, naming ``what`` (a web page, an EPUB
    chapter).  So is a page nested deeper than :data:`~.html_depth.SHALLOW_DEPTH` that lxml
    reads (a CMS's unclosed ``<div>`` tags): an article extractor walks a page's elements each
    with its ancestors, and a page 2,000 deep took seconds to read; deeper than
    :data:`_MAX_DEPTH`, the writer wrote its text as running text all the same.  One nested
    deeper than :data:`~.html_depth.REFUSED_DEPTH` is refused, saying so."""
    root, stopped = _parsed_html(data, path, what)
    if stopped or _DEEPER_THAN_SHALLOW(root):
        from tui_reader.core.documents.formats.html_depth import (
            REFUSED_DEPTH,
            NestedTooDeep,
            shallow_markup,
        )

        markup = data if isinstance(data, str) else _decoded(data, root)
        try:
            shallow = shallow_markup(markup)
        except NestedTooDeep:
            raise DocumentError(
                path, f"refused: {what} nested more than {REFUSED_DEPTH:,} elements deep"
            ) from None
        root, stopped = _parsed_html(shallow, path, what)
    if stopped:
        raise DocumentError(
            path,
            f"refused: {what} nested more than {_MAX_NESTING:,} elements deep "
            "(the rest of its text cannot be read)",
        )
    _without_inline_data(root)
    return root


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def fragment_text(html: str, what: str) -> str:
    """The text a browser shows of the piece of HTML ``html`` (none of a comment), its
    blocks parted by blank lines, its line breaks kept (an HTML block in Markdown, a note
    another tool wrote in HTML); one nested past reading, as written (``what`` names it)."""
    html = _HTML_COMMENT.sub("", html)
    if not html.strip():
        return ""
    try:
        root = parse_html(f"<div>{html}</div>", Path(what), what)
    except DocumentError:  # nested past reading: its text as written
        return html.strip()
    writer = HtmlWriter()
    writer.element(root)
    return str(writer.out.text()).strip()


def _without_inline_data(root: Any) -> None:
    """``root`` with the contents of its long ``data:`` addresses (inline images, fonts)
    left out of its attributes and style sheets, ``data:image/png;base64,`` kept, and its
    classes and ids cut to their first words (see ``_NAMES``), its styles to the
    declarations read (see ``_STYLE_READ``)."""
    for value in _LONG_VALUES(root):
        # (a look for "data:" costs a tenth of the substitution's pass over 10 MB)
        shorter = _INLINE_DATA.sub(r"\1", value) if "data:" in value.lower() else value
        if len(shorter) > _LONG_VALUE and value.attrname in _NAMES:
            shorter = _first_words(shorter)
        elif len(shorter) > _LONG_VALUE and value.attrname == "style":
            shorter = _style_read(shorter)
        if len(shorter) < len(value):
            value.getparent().set(value.attrname, shorter)
    for style in _LONG_STYLES(root):
        if style.text:
            style.text = _INLINE_DATA.sub(r"\1", style.text)


def _style_read(value: str) -> str:
    """The style ``value`` with its declarations each once, as first written: those ending
    within its first ``_LONG_VALUE`` characters, and those holding a word read
    (``_STYLE_READ``) up to ``_STYLE_KEPT`` characters of each word's, each cut to
    ``_LONG_VALUE``."""
    head = max(value.rfind(";", 0, _LONG_VALUE), 0)
    lowered = value.lower()
    if len(lowered) != len(value):  # a letter that lowers to two ("İ"): the words' alone
        lowered = value.translate(_ASCII_LOWER)
    found: set[tuple[int, int]] = set()  # where each declaration read begins and ends
    for word in _STYLE_READ:
        at = lowered.find(word, head)
        size = 0
        while at >= 0 and size < _STYLE_KEPT:
            begins = lowered.rfind(";", 0, at) + 1
            ends = lowered.find(";", at)
            ends = len(value) if ends < 0 else ends
            found.add((begins, min(ends, begins + _LONG_VALUE)))
            size += min(ends - begins, _LONG_VALUE) + 1
            at = lowered.find(word, ends)
    parts = value[:head].split(";") + [value[b:e] for b, e in sorted(found)]
    kept = dict.fromkeys(part.strip() for part in parts)
    kept.pop("", None)
    return ";".join(kept)


def _first_words(value: str) -> str:
    """The words of the class or id ``value`` that end within its first ``_LONG_VALUE``
    characters (that many, one word so long)."""
    head = value[: _LONG_VALUE + 1]
    cut = max(head.rfind(" "), head.rfind("\t"), head.rfind("\n"))
    return head[:cut].rstrip() if cut > 0 else head[:_LONG_VALUE]


def _decoded(data: bytes, root: Any) -> str:
    """The page ``data`` as text, in the encoding lxml read it in (``root``)."""
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    try:
        return data.decode(encoding, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _html_classes() -> Any:
    """The classes lxml.html gives a page's nodes (a form's and its fields' their own, every
    other element :class:`~lxml.html.HtmlElement`), looked up by lxml itself.  Its HTML
    parser asks a Python method each time it hands out an element (30 and more times an
    element of a web page, by every pass over the page, the extractor's copies of it and
    their passes): a seventh of the time a page of many short paragraphs took."""
    html = lxml.html
    others = etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment,
        pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity,
    )  # fmt: skip
    lookup = etree.ElementNamespaceClassLookup(others)
    names = lookup.get_namespace(None)
    for tag, kind in (
        ("form", html.FormElement), ("input", html.InputElement),
        ("select", html.SelectElement), ("textarea", html.TextareaElement),
        ("label", html.LabelElement),
    ):  # fmt: skip
        names[tag] = kind
    return lookup


_HTML_CLASSES = _html_classes()


def _parsed_html(data: str | bytes, path: Path, what: str) -> tuple[Any, bool]:
    """The root of ``data`` parsed (see :func:`parse_html`), and whether the parser stopped
    before its end."""
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=True,
        collect_ids=False, default_doctype=False,
    )  # fmt: skip
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        try:
            root = lxml.html.fromstring(data, parser=parser)
        except ValueError:  # a text declaring its encoding (<?xml encoding=...?>): as bytes
            if not isinstance(data, str):
                raise
            root = lxml.html.fromstring(data.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError as exc:  # "Document is empty": a comment, a doctype, nothing
        raise DocumentError(path, f"no text in this {what}") from exc
    return root, any(error.level_name == "FATAL" for error in parser.error_log)


def _after_term(node: Any) -> bool:
    """Whether ``node`` (a definition) follows a term or another definition of it."""
    before = node.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    return before is not None and before.tag in ("dt", "dd")


class HtmlWriter:
    """Writes element trees into one :class:`TextBuilder` (several chapters in a row)."""

    def __init__(self, out: TextBuilder | None = None) -> None:
        self.out = out if out is not None else TextBuilder()
        self.first_heading: str | None = None
        self._lists: list[_Numbering | None] = []  # one per open list (None: bullets)
        # Labels of list items given by the caller ("3.", "c."): a web page's, numbered
        # before its article was extracted (see html.py).
        self.labels: dict[Any, str] = {}
        self._items: list[int] = []  # where the text of each open list item starts
        # The label each note's reference shows ("[1]"), by the id of the note it links to,
        # and the label the next words written open with: a note's, set where it stands
        # (an EPUB's <aside epub:type="footnote">), was a paragraph of no one's.
        self._note_labels: dict[str, str] = {}
        self._opening = ""

    def _part(self) -> None:
        """Part a block from what is around it: a blank line, a line break in a list item,
        nothing before an item's first words (a paragraph in an item is on its marker's
        line: it was parted from its marker by a blank line)."""
        if not self._items:
            self.out.block()
        elif self.out.length != self._items[-1]:
            self.out.line()

    def element(self, node: Any, depth: int = 0, pre: bool = False) -> None:
        """Write ``node`` and what it holds."""
        tag = _tag(node)
        if tag in _SKIP or not_shown(node) or (tag == "a" and _back_link(node)):
            self._tail(node, pre)
            return
        if depth > _MAX_DEPTH:  # its text as running text, without recursing
            self._text(flat_text(node), pre)
            self._tail(node, pre)
            return
        out = self.out
        if note_reference(node, tag):
            # A note's number in the text, as a Word file's is written: it was run into the
            # word it follows ("A claim1 here").
            label = "".join(_text(node).split())
            shown = label if label.startswith("[") else f"[{label}]"
            link = node if tag == "a" else next(node.iter("a"), None)
            target = str(link.get("href", "")) if link is not None else ""
            if "#" in target:
                self._note_labels.setdefault(target.split("#", 1)[1], shown)
            self._text(shown, pre)
            self._tail(node, pre)
            return
        if tag == "math":  # a formula as its characters read: "x=y²"
            self._text(math_text(node), pre)
            self._tail(node, pre)
            return
        if tag == "sup" and len(node) == 0:
            # A superscript's digits raised: they were run into the word before ("E=mc2").
            self._text(superscript(node.text or ""), pre)
            self._tail(node, pre)
            return
        # Words set where its style places them on the page (a fixed-layout e-book's lines,
        # each a span of its own): parted from the words before and after, as the page
        # shows them apart ("for three" then "days": "threedays").
        placed = not pre and tag not in _BLOCKS and _placed(node)
        # A note set where it stands opens with its reference's label ("[1] The note."),
        # when its words come before it ends.
        noted = tag != "li" and _note_kinds(node) and str(node.get("id")) in self._note_labels
        if noted:
            self._opening = self._note_labels[str(node.get("id"))] + " "
        if placed:
            out.write_inline(" ")
        if tag in _HEADINGS:
            out.block()
            start = out.length
            self._children(node, depth, pre)
            out.span(start, SpanKind.HEADING, _HEADINGS[tag])
            if self.first_heading is None:
                self.first_heading = heading_words(node) or None
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
        elif tag == "pre" and any(_tag(child) == "pre" for child in node):
            # A listing holding listings (the article extractor wraps one in another, its
            # own indentation between them): the listings are read, the indentation was
            # blank lines and spaces before the first.
            self._children(node, depth, pre)
        elif tag == "pre":
            out.block()
            start = out.length
            if node.text and node.text.startswith("\n"):
                # A newline right after <pre> is no line of it, as browsers read it: manuals
                # write one, and each listing had a blank line above it.
                node.text = node.text[1:]
            self._children(node, depth, pre=True)
            out.span(start, SpanKind.CODE_BLOCK)
            out.block()
        elif tag == "table" and (frames := _frames(node)):
            # A table of one cell frames what it holds (a program listing in a shaded box,
            # as manuals write it), and a table laying a page out sets its parts side by
            # side (links beside the article, a forum post's author beside it): their
            # paragraphs, headings and the lines of a <pre> were run into one line of a
            # table.  Each cell's are written as they stand, one cell after the other.
            for frame in frames:
                out.block()
                self._children(frame, depth + 1, pre)
            out.block()
        elif tag == "table":
            out.block()
            start = out.length
            for caption in (c for c in node if _tag(c) == "caption"):
                out.line()
                out.write(" ".join(flat_text(caption).split()))
            rows = list(_laid_out(node))
            if len(rows) > 1 and all(len(cells) == 1 for cells in rows):
                # one column (a list of questions set in a table): a block a row, as the
                # builder's tables have it; its lines were one paragraph of prose
                for (cell,) in rows:
                    out.block()
                    opened = out.length
                    out.write(cell_words(cell))
                    out.span(opened, SpanKind.PARAGRAPH)
            else:
                for cells in rows:
                    out.line()
                    out.write(" │ ".join(map(cell_words, cells)))  # a cell's "│": no cell
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
            alt = " ".join(str(node.get("alt") or "").split())
            if describes(node, alt):  # not a cover's "Cover", an icon's, a logo's
                out.write_inline(f" [{alt}] ")
        elif tag == "ruby":
            self._ruby(node, depth, pre)
        elif tag == "q":  # a browser shows the quotation marks, the markup holds none
            opening, closing = quotation_marks(node)
            self._text(opening, pre)
            self._children(node, depth, pre)
            self._text(closing, pre)
        elif tag in _INLINE:
            start = out.length
            self._children(node, depth, pre)
            data = str(node.get("href") or "") if tag == "a" else ""
            out.span(start, _INLINE[tag], data)
        elif tag == "dd" and not self._items and _after_term(node):
            # A definition on the line below its term, as a browser sets it under it: a
            # blank line between them paired it with the term below as well as above.
            out.below()
            self._children(node, depth, pre)
            self._part()
        elif tag in _BLOCKS:
            self._part()
            start = out.length
            self._children(node, depth, pre)
            if tag == "p":
                out.span(start, SpanKind.PARAGRAPH)
            self._part()
        else:
            self._children(node, depth, pre)
        if noted:
            self._opening = ""
        if placed:
            out.write_inline(" ")
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
        if self._opening and text and text.strip():
            opening, self._opening = self._opening, ""
            text = text.lstrip()
            if not _numbered_by(text, opening):
                self.out.write_inline(opening)
        if text:
            if pre:
                self.out.write(text)
            else:
                self.out.write_inline(text)

    def _list(self, node: Any, depth: int, ordered: bool) -> None:
        self.out.block() if not self._lists else self.out.line()
        self._lists.append(_Numbering(node) if ordered else None)
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
        numbering = self._lists[-1] if self._lists else None
        marker = self.labels.get(node)
        if marker is None:
            marker = numbering.label(node) if numbering is not None else bullet(level)
        out.write(marker + " ")
        out.span(start, SpanKind.BULLET)
        self._items.append(out.length)
        self._children(node, depth, pre)
        self._items.pop()
        out.span(start, SpanKind.LIST_ITEM)
        out.line()


class _Numbering:
    """How a browser numbers the items of an ordered list: from its ``start`` (by default 1,
    or the number of its items when ``reversed``), up or down, in the format of its
    ``type`` (``a``, ``A``, ``i``, ``I``) or its style's ``list-style-type``; an item's
    ``value`` sets its own number and those after it."""

    def __init__(self, node: Any) -> None:
        self.step = -1 if node.get("reversed") is not None else 1
        start = _integer(node.get("start"))
        if start is None:
            start = sum(1 for _ in list_items(node)) if self.step < 0 else 1
        self.next = start
        style = _LIST_STYLE.search(str(node.get("style") or ""))
        given = _LIST_STYLES.get(style.group(1).strip().lower()) if style else None
        self.format = given or _LIST_TYPES.get(str(node.get("type") or "").strip(), "decimal")

    def label(self, item: Any) -> str:
        """The label of ``item``, the next of the list's items (``3.``, ``c.``, ``iv.``)."""
        value = _integer(item.get("value"))
        number = value if value is not None else self.next
        self.next = number + self.step
        return list_label(number, self.format) + "."


def list_items(node: Any) -> Iterator[Any]:
    """The items of the list ``node``: its ``li`` elements, not those of a list in it (an
    item wrapped in another element counts; walked without recursion, however deep)."""
    stack = [iter(node)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = _tag(child)
        if tag == "li":
            yield child
        elif tag and tag not in _LISTS:
            stack.append(iter(child))


def ordered_labels(node: Any) -> Iterator[tuple[Any, str]]:
    """Each item of the ordered list ``node`` and its label, as :class:`HtmlWriter` writes
    it."""
    numbering = _Numbering(node)
    for item in list_items(node):
        yield item, numbering.label(item)


def list_label(number: int, fmt: str) -> str:
    """``number`` as a browser writes it in a list of the format ``fmt``: ``alpha`` and
    ``Alpha`` run a..z, aa, ab, .. (CSS's lower-alpha), the rest as Word's formats; a
    number a format cannot write (0 in letters, 5000 in roman) in digits."""
    if number < 0:
        return str(number)
    return number_label(number, fmt)


def _integer(value: Any) -> int | None:
    found = _INTEGER.fullmatch(str(value)) if value is not None else None
    return int(found.group(1)) if found else None


def quotation_marks(q: Any) -> tuple[str, str]:
    """The marks a browser puts around the quotation ``q``: double quotes, single inside
    another quotation, double again inside that."""
    inside = sum(1 for parent in q.iterancestors() if _tag(parent) == "q")
    return (_QUOTES[2], _QUOTES[3]) if inside % 2 else (_QUOTES[0], _QUOTES[1])


def math_text(node: Any) -> str:
    """The characters of the MathML formula ``node`` in their order ("x=y²" for x equals y
    squared): a superscript's digits and signs raised, its annotations (the formula again,
    in TeX) left out."""
    parts: list[str] = []

    def walk(element: Any, depth: int) -> None:
        tag = _tag(element)
        if tag in ("annotation", "annotation-xml"):
            return
        if depth > _MAX_DEPTH:  # its text as it stands, without recursing
            parts.append(flat_text(element))
            return
        parts.append(element.text or "")
        for i, child in enumerate(element):
            if (tag, i) in (("msup", 1), ("msubsup", 2)):
                parts.append(superscript(flat_text(child)))
            elif isinstance(child.tag, str):
                walk(child, depth + 1)
            parts.append(child.tail or "")

    walk(node, 0)
    return " ".join("".join(parts).split())


_OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
_NOTE_LABEL = re.compile(r"\[?[\w*†‡§]{1,4}\]?")


def note_reference(node: Any, tag: str) -> bool:
    """Whether ``node`` is the reference to a note: a link an EPUB marks as one (its
    ``epub:type`` or ``role``), or a superscript holding only a link within the document
    whose text is a note's label ("1", "*", "iv"), or such a link holding only such a
    superscript (``<a href="#fn1"><sup>1</sup></a>``, as Calibre and InDesign write one:
    it was read "¹" where the other way round read "[1]")."""
    if tag == "a":
        kinds = f"{node.get(_OPS_TYPE, '')} {node.get('epub:type', '')} {node.get('role', '')}"
        if {"noteref", "doc-noteref"}.intersection(kinds.split()):
            return True
        return (
            len(node) == 1
            and _tag(node[0]) == "sup"
            and not (node.text or "").strip()
            and not (node[0].tail or "").strip()
            and "#" in str(node.get("href", ""))
            and _NOTE_LABEL.fullmatch("".join(_text(node).split())) is not None
        )
    if tag != "sup" or not _NOTE_LABEL.fullmatch("".join(_text(node).split())):
        return False
    return any("#" in str(link.get("href", "")) for link in node.iter("a"))


def _numbered_by(text: str, opening: str) -> bool:
    """Whether a note's words ``text`` open with its own label, the label ``opening`` its
    reference shows ("[1] ") written bare or raised ("1. The note.", "1" alone: a link back
    to the reference, "¹ The note."): a note numbered twice ("[1] 1. The note.")."""
    label = opening.strip()
    bare = label[1:-1] if label.startswith("[") and label.endswith("]") else label
    return any(
        shown and text.startswith(shown) and _label_ends(text[len(shown) : len(shown) + 1])
        for shown in (label, bare, superscript(bare))
    )


def _label_ends(after: str) -> bool:
    """Whether ``after``, the character after a label (or ``""``), ends it."""
    return not after or after.isspace() or after in ".):]"


_NOTE_KINDS = frozenset({"footnote", "endnote", "rearnote", "note", "doc-footnote", "doc-endnote"})


def _note_kinds(node: Any) -> bool:
    """Whether ``node`` is a note, as an EPUB marks one (its ``epub:type`` or ``role``)."""
    kinds = f"{node.get(_OPS_TYPE, '')} {node.get('epub:type', '')} {node.get('role', '')}"
    return bool(_NOTE_KINDS.intersection(kinds.split()))


def _set_apart(node: Any) -> bool:
    """Whether ``node`` is a footnote set apart from the text where it stands (an EPUB's
    ``<aside epub:type="footnote">``, ``role="doc-footnote"``), which a reader shows only
    when its reference is followed; a list's item (an endnote) is not."""
    if not node.attrib:
        return False  # (it is told by its attributes alone)
    tag = _tag(node)
    if tag == "li":
        return False
    if tag == "aside" and _note_kinds(node):
        return True
    kinds = f"{node.get(_OPS_TYPE, '')} {node.get('epub:type', '')} {node.get('role', '')}"
    return bool({"footnote", "doc-footnote"}.intersection(kinds.split()))


def footnotes_last(body: Any) -> None:
    """Move the footnotes set amid ``body``'s text (:func:`_set_apart`) to its end, in
    their order, the words after each kept where they stood: a note an EPUB sets below the
    paragraph that refers to it was read between that paragraph and the next, as if the
    author had written it there.  Notes with no words of the text after them stay."""
    notes: list[Any] = []
    last = 0  # how many of the notes have words of the text after them
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, node in walk:
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node is not body and _set_apart(node):
                notes.append(node)
                walk.skip_subtree()
            elif _tag(node) in _SKIP:
                walk.skip_subtree()
            elif (node.text or "").strip():
                last = len(notes)
        elif node is not body and (node.tail or "").strip():
            last = len(notes)
    for note in notes[:last]:
        parent = note.getparent()
        if parent is None:
            continue
        tail, before = note.tail or "", note.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        note.tail = None
        parent.remove(note)
        body.append(note)


def page_footnotes_last(page: Any) -> None:
    """Move a web page's footnotes set amid its article (an ``<aside role="doc-footnote">``
    below the paragraph referring to it) to the end of the article holding them (its
    ``<article>`` or ``<main>``, else the page's body), as :func:`footnotes_last` does a
    chapter's, each a division opening with its reference's label ("[1] The note."): the
    note was read between two paragraphs, and the extractor dropped an ``<aside>`` note
    whole, wherever it stood."""
    notes = [node for node in page.iter() if isinstance(node.tag, str) and _set_apart(node)]
    if not notes:
        return
    labels: dict[str, str] = {}
    for node in page.iter("a", "sup"):
        if note_reference(node, _tag(node)):
            label = "".join(_text(node).split())
            link = node if _tag(node) == "a" else next(node.iter("a"), None)
            target = str(link.get("href", "")) if link is not None else ""
            if "#" in target:
                labels.setdefault(
                    target.split("#", 1)[1], label if label[:1] == "[" else f"[{label}]"
                )
    for note in notes:
        shown = labels.get(str(note.get("id")))
        if shown is None or _numbered_by(" ".join(_text(note).split()), shown):
            continue
        holder = note
        while not (holder.text or "").strip() and len(holder) and _tag(holder[0]) in ("p", "div"):
            holder = holder[0]
        holder.text = f"{shown} {(holder.text or '').lstrip()}"
    holders: list[Any] = []
    for note in notes:
        holder = next(note.iterancestors("article", "main"), None)
        if holder is None:
            holder = next(note.iterancestors("body"), None)
        if holder is not None and holder not in holders:
            holders.append(holder)
    for holder in holders:
        footnotes_last(holder)
    for note in notes:
        if _tag(note) == "aside":
            note.tag = "div"


_BACK_MARKS = frozenset({"↩", "↑", "^", "⤴", "↵", "⮌"})


def _back_link(link: Any) -> bool:
    """Whether the link ``link`` leads from a note back to where it is referred to: marked
    so (an EPUB's ``epub:type="backlink"``, ``role="doc-backlink"``), or an arrow alone
    linking to a place ("↩"): what it shows was read at each note's end ("The note. ↩")."""
    kinds = f"{link.get(_OPS_TYPE, '')} {link.get('epub:type', '')} {link.get('role', '')}"
    if {"backlink", "doc-backlink"}.intersection(kinds.split()):
        return True
    shown = "".join(_text(link).split()).strip("\ufe0e\ufe0f")
    return shown in _BACK_MARKS and "#" in str(link.get("href", ""))


def heading_words(node: Any) -> str:
    """The words of the heading ``node``, one space between them, without the references
    to notes in it (:func:`note_reference`): its title ("Visit to the market", not "Visit
    to the market1"), as the text writes it apart ("...market[1]")."""
    if next((n for n in node.iter("a", "sup") if note_reference(n, _tag(n))), None) is None:
        return " ".join(_text(node).split())
    clone = copy.deepcopy(node)
    clone.tail = None
    for element in list(clone.iter("a", "sup")):
        parent = element.getparent()
        if parent is None or not note_reference(element, _tag(element)):
            continue
        before, tail = element.getprevious(), element.tail or ""
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(element)
    return " ".join(_text(clone).split())


_UNSEEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


_PLACED_STYLE = re.compile(r"(?:^|;)\s*position\s*:\s*(?:absolute|fixed)\b", re.I)


def _placed(node: Any) -> bool:
    """Whether ``node``'s own style places it on the page apart from the text around it
    (``position: absolute`` or ``fixed``)."""
    style = node.get("style")
    return style is not None and _PLACED_STYLE.search(style) is not None


def not_shown(node: Any) -> bool:
    """Whether a browser leaves ``node`` out of the page: it has the ``hidden`` attribute
    (but for "until-found", shown when a search finds it), or its own style hides it, or a
    class sites hide words for screen readers alone with ("sr-only"); or whether it marks
    where a printed page breaks (an e-book's ``epub:type="pagebreak"``,
    ``role="doc-pagebreak"``), its page's number no words of the text: it was read into
    them ("by the 14river").  A footnote set apart (:func:`_set_apart`) hidden so is shown:
    a reader shows it when its reference is followed (it was left out, "[*]" referring to
    no note)."""
    if not isinstance(node.tag, str) or not node.attrib:
        return False  # (all it looks at is attributes: most elements of a page have none)
    hidden = node.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":
        return not _set_apart(node)
    style = node.get("style")
    if style is not None and _UNSEEN_STYLE.search(style) is not None:
        return not _set_apart(node)
    classes = node.get("class")
    if classes and (
        not _SCREEN_READERS.isdisjoint(classes.lower().split())
        or _NAMED_FOR_SCREEN_READERS.search(classes) is not None
    ):
        return True
    kinds = f"{node.get(_OPS_TYPE) or node.get('epub:type') or ''} {node.get('role') or ''}"
    return "pagebreak" in kinds and not _PAGE_BREAK.isdisjoint(kinds.split())


_PAGE_BREAK = frozenset({"pagebreak", "doc-pagebreak"})
# The classes sites give words for screen readers alone, hidden from the eye by their style
# sheet (Bootstrap's, WordPress's, Drupal's, HTML5 Boilerplate's): "(opens in a new window)".
_SCREEN_READERS = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only",
     "element-invisible", "a11y-hidden", "hidden-visually", "u-visually-hidden"}
)  # fmt: skip


# The same, a component's name in a class a style sheet written in script generates
# ("ssrcss-1gfhkyd-VisuallyHidden" as the BBC's pages have it, styled-components'
# "VisuallyHidden-sc-1x2y3z-0"): the BBC's captions opened with "Image caption, ".
_NAMED_FOR_SCREEN_READERS = re.compile(
    r"(?:^|[-_\s])(?:VisuallyHidden|visuallyHidden|ScreenReaderOnly|ScreenReaderText|SrOnly"
    r"|srOnly)(?=$|[-_\s])"
)


def _tag(node: Any) -> str:
    tag = node.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


# What a table's one cell holds when the table frames it rather than lists data.
_FRAMED = ("pre", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _frames(table: Any) -> list[Any]:
    """The cells of ``table`` when it frames or lays out what they hold rather than lists
    data, else none: a table of one row of one cell holding blocks (paragraphs, a
    ``<pre>``); a table a cell of which holds a heading, or of one row a cell of which
    holds paragraphs (two blocks, words and a block, or lines parted by a blank one:
    ``<br><br>``), as a page laid out in a table sets its links beside its article and a
    forum its posts beside their authors; no caption."""
    if any(_tag(child) == "caption" for child in table):
        return []
    rows = list(_rows(table))
    cells = [cell for row in rows for cell in row if _tag(cell) in ("td", "th")]
    if len(rows) == 1 and len(cells) == 1:
        return cells if next(cells[0].iter(*_FRAMED), None) is not None else []
    if any(next(cell.iter(*_HEADING_TAGS), None) is not None for cell in cells):
        return cells
    return cells if len(rows) == 1 and any(map(_holds_paragraphs, cells)) else []


def _holds_paragraphs(cell: Any) -> bool:
    """Whether ``cell`` holds two blocks, words and a block, or two line breaks in a row."""
    blocks = sum(1 for _ in zip(range(2), cell.iter(*_FRAMED), strict=False))
    if blocks + bool((cell.text or "").strip()) >= 2:
        return True
    return any(
        _tag(br.getnext()) == "br" and not (br.tail or "").strip()
        for br in cell.iter("br")
        if br.getnext() is not None
    )


def _rows(table: Any) -> Any:
    """The rows of ``table`` (in its head, body and foot too), not a nested table's."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)


def _laid_out(table: Any) -> Iterator[list[str]]:
    """The rows of ``table`` as a browser sets them, each its cells' text: a cell spanning
    rows (``rowspan``) stands in its column of the rows below too (:func:`spanned_cell`),
    so their cells stay in their columns; a cell spanning columns (``colspan``) is one
    cell, written once.  A row's empty cells at its end (no cell of the browser's row
    stands there, or an empty one) are left out, and a row left with none."""
    # a column -> how many rows below a cell above still spans, and what it says
    spanned: dict[int, tuple[int, str]] = {}
    for row in _rows(table):
        cells: list[str] = []
        for cell in (c for c in row if _tag(c) in ("td", "th")):
            while len(cells) in spanned:
                _spanned_cell(cells, spanned)
            rows = _span(cell.get("rowspan"))
            said = " ".join(flat_text(cell).split())
            if rows > 1:
                spanned[len(cells)] = (rows - 1, said)
            cells.append(said)
        while spanned and len(cells) <= max(spanned):
            _spanned_cell(cells, spanned)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield cells


def _spanned_cell(cells: list[str], spanned: dict[int, tuple[int, str]]) -> None:
    """The cell in ``cells``' next column that a cell of a row above spans (see
    :func:`spanned_cell`), or an empty one."""
    column = len(cells)
    said = ""
    if column in spanned:
        left, said = spanned[column]
        if left > 1:
            spanned[column] = (left - 1, said)
        else:
            del spanned[column]
    cells.append(spanned_cell(said))


_MAX_SPAN = 1000  # a browser's own bound on rowspan is 65,534; a hostile page's is no concern


def _span(value: Any) -> int:
    """A cell's ``rowspan`` read as a browser reads it: 1 when missing or not a number."""
    match = re.match(r"\s*\+?(\d+)", str(value or ""))
    return min(int(match.group(1)), _MAX_SPAN) if match else 1


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
            if tag == "img":
                alt = " ".join(str(element.get("alt") or "").split())
                if describes(element, alt):
                    parts.append(f" [{alt}] ")
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
