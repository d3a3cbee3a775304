"""The kinds of elements a web page's preparation for the article extractor reads by (a
passage, a heading, what a browser does not show, what holds blocks, what stands inline),
an element's words, and the elements a class or id names, for ``html.py`` and the modules of
its steps."""

from __future__ import annotations

import re
from typing import Any

PASSAGES = ("p", "h1", "h2", "h3", "h4", "h5", "h6")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What a browser does not show: a template, what is shown only without scripts, and what a
# video, a sound, a frame, an embedded file or a drawing shows only where it cannot be shown
# ("Your browser does not support the video tag.").
UNSEEN = frozenset({"template", "noscript", "video", "audio", "iframe", "object", "canvas"})
BLOCK_HOLDERS = frozenset(
    {"body", "div", "section", "article", "main", "center", "td", "th", "li", "blockquote",
     "form", "header", "footer", "aside", "figure", "address"}
)  # fmt: skip
# What may stand in a term or a definition of a list of them that is written as passages.
INLINE_ONLY = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd",
     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
     "wbr", "del", "ins", "font", "img", "tt", "strike", "big"}
)  # fmt: skip


# What is never dropped for the class or id it is named by: the page, its body, its article
# and its main part.
_NEVER_DROPPED = frozenset({"html", "body", "article", "main"})

STORY_LENGTH = 100  # characters of a paragraph of a story's, at least


def named_by(page: Any, name: re.Pattern[str]) -> list[Any]:
    """The elements of ``page``, in its order, whose class or id ``name`` finds, but the
    page, its body, its article and its main part."""
    # The descendant axis, not "//*[...]": libxml2 reads that as each element's children
    # in turn and sorts what they give, which took 33 s on a forum page of 11,183 posts.
    return [
        element
        for element in page.xpath("/descendant::*[@class or @id]")
        if element.tag not in _NEVER_DROPPED
        and name.search(f"{element.get('class') or ''} {element.get('id') or ''}")
    ]


def classes(element: Any) -> list[str]:
    """The classes of ``element``."""
    return str(element.get("class", "")).split()


def text_of(node: Any) -> str:
    return "".join(node.itertext())


def blank(text: str | None) -> bool:
    return not (text or "").strip()


def lifted_before(element: Any, holder: Any) -> None:
    """Move ``element`` to stand right before ``holder``, its tail left where it was."""
    tail, element.tail = element.tail, None
    before = element.getprevious()
    if tail:
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent = element.getparent()
            parent.text = (parent.text or "") + tail
    holder.addprevious(element)
