"""A page's markup nested beyond what lxml reads, made shallow enough to read.

libxml2 stops reading a page whose elements nest more than 2,048 deep (a page from a careless
CMS that never closes its ``<div>`` or ``<font>`` tags): the page was refused, all of it;
one nested a little less deep took seconds to read (an article extractor walks each element
with all its ancestors).
:func:`shallow_markup` writes the page again with the tags of elements nested deeper than
:data:`SHALLOW_DEPTH` left out and their text kept (a block's tags as line breaks, so its
words stay apart from the next block's).  The markup is read by the standard library's
tokenizer, one tag at a time, with no recursion however deep the page goes.
A page nested deeper than :data:`REFUSED_DEPTH` is no page a person wrote (``<ol><li>a``
200,000 times, unclosed): the tokenizer stops there and :class:`NestedTooDeep` is raised, for
a refusal that says so.  Its blocks left out were each a line break for the extractor to walk
with all the elements kept above it: such a page took 30 s of CPU to be refused as too
complex, another as holding no article text.
"""

from __future__ import annotations

from html.parser import HTMLParser

SHALLOW_DEPTH = 256
"""Elements nested deeper than this are written as their text (see :func:`shallow_markup`)."""
REFUSED_DEPTH = 10_000
"""A page nested deeper than this is refused (see :class:`NestedTooDeep`)."""


class NestedTooDeep(Exception):
    """The markup given to :func:`shallow_markup` nests elements deeper than
    :data:`REFUSED_DEPTH`; it is read no further."""


# Elements that hold nothing (no end tag): they nest nothing.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "image"}
)  # fmt: skip
# Elements whose content is no text (a script's code, a style sheet): kept at any depth, or
# their code was read as words ("deep wordsno after" for a <script>no</script>); they nest
# nothing, the tokenizer reading their content as it stands.
_CODE = frozenset({"script", "style"})
# Elements a start tag of the same name closes (an unclosed <p> before the next <p>).
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
# Elements whose tags, left out, part their words from the words around them.
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "figure",
     "figcaption", "dl", "dt", "dd", "address", "center", "blockquote", "pre", "ul", "ol",
     "li", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption"}
)  # fmt: skip


def shallow_markup(markup: str) -> str:
    """``markup`` with the tags of elements nested deeper than :data:`SHALLOW_DEPTH` left
    out, their text, character references and the rest of the page kept as written.
    Raises :class:`NestedTooDeep` as soon as an element is nested deeper than
    :data:`REFUSED_DEPTH`."""
    writer = _Shallow()
    writer.feed(markup)
    writer.close()
    return "".join(writer.parts)


class _Shallow(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # each open element: its name, written
        self.parted = False  # a line break written for a block left out, no words since

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or ""
        if tag in _VOID:
            self.write(written)
            return
        if tag in _SELF_CLOSING and self.open and self.open[-1][0] == tag:
            self.handle_endtag(tag)
        kept = len(self.open) < SHALLOW_DEPTH or tag in _CODE
        self.open.append((tag, kept))
        if len(self.open) > REFUSED_DEPTH:
            raise NestedTooDeep
        if kept:
            self.write(written)
        elif tag in _BLOCKS:
            self.part()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.write(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                kept = self.open[at][1]
                del self.open[at:]
                if kept:
                    self.write(f"</{tag}>")
                elif tag in _BLOCKS:
                    self.part()
                return
        self.write(f"</{tag}>")  # closing nothing open: lxml passes over it

    def write(self, markup: str) -> None:
        self.parts.append(markup)
        self.parted = False

    def part(self) -> None:
        """A block's tag left out: its words apart from the next block's (one line break
        for a run of such tags: thousands of them made as many empty lines)."""
        if not self.parted:
            self.write("<br>")
            self.parted = True

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.write(data)
        else:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.write(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.write(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.parts.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.parts.append(f"<![{data}]>")
