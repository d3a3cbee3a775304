"""A note another tool keeps in Markdown (Hypothesis's, a W3C body of format
``text/markdown``) as the plain text a note is here: what a reader of it sees there, its
emphasis and headings as their words (``**Key** point`` is ``Key point``), a link's text with
its address after it (``the report (https://example.org/r)``: the address is not lost), an
image's description and address, a list's items on lines of their own, and its line breaks
where they were typed.  HTML written in it is read as Hypothesis shows it (its Markdown
passes HTML through, its sanitiser keeping HTML's own elements): ``<b>Key</b>`` is ``Key``,
``<br>`` a line break, a ``<script>`` nothing; a tag of no HTML element is kept as typed (a
transcript's ``<inaudible>`` is what the note says; Hypothesis's sanitiser would drop it from
view, but not from the note)."""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# A link written in HTML, its address (quoted either way), and its end
_HTML_LINK = re.compile(r"""(?is)<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_HTML_LINK_END = re.compile(r"(?i)</a\s*>")

# markdown-it leaves out what nests deeper than this (a quote in a quote ... twenty deep):
# such a note is kept as written.
_NESTING = 20


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # breaks: a line break typed is kept, as a note here keeps its lines; html: HTML typed
    # is read as HTML, as Hypothesis's reader shows it (a tag of no element escaped first)
    options = {"html": True, "breaks": True, "maxNesting": _NESTING}
    return MarkdownIt("commonmark", options).enable("strikethrough")


def shown_text(markdown: str) -> str:
    """The plain text a reader of ``markdown`` (a note) sees, addresses of links and images
    kept after their text; as written when it nests too deep to read whole."""
    from tui_reader.core.documents.formats.html_text import fragment_text
    from tui_reader.core.interchange.markdown_text import without_raw_html

    if not markdown.strip():
        return ""
    parser = _parser()
    tokens = parser.parse("\n".join(without_raw_html(markdown.split("\n"))))
    if any(token.level >= _NESTING - 1 for token in tokens):
        return markdown.strip()
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _with_addresses(token.children)
    html = parser.renderer.render(tokens, parser.options, {})
    return fragment_text(html, "a note in Markdown") or markdown.strip()


def _with_addresses(children: list[Token]) -> list[Token]:
    """``children`` with the address of each link after its text, ``(ADDRESS)``, unless its
    text is that address (``<https://x.org>``, an e-mail), and of each image after its
    description."""
    from markdown_it.token import Token

    written: list[Token] = []
    address: str | None = None
    shown: list[str] = []
    for child in children:
        written.append(child)
        after = None
        opened = _HTML_LINK.match(child.content) if child.type == "html_inline" else None
        if child.type == "link_open":
            address, shown = str(child.attrGet("href") or ""), []
        elif opened is not None:  # <a href="...">, as HTML typed in it writes a link
            address, shown = html.unescape(opened.group(1) or opened.group(2) or ""), []
        elif (
            child.type == "link_close"
            or (child.type == "html_inline" and _HTML_LINK_END.match(child.content))
        ) and address is not None:
            text = "".join(shown).strip()
            if address and text not in (address, address.removeprefix("mailto:")):
                after = address
            address = None
        elif child.type == "image":
            after = str(child.attrGet("src") or "") or None
        elif address is not None and child.type in ("text", "code_inline"):
            shown.append(child.content)
        if after:
            more = Token("text", "", 0)
            more.content = f" ({after})"
            written.append(more)
    return written
