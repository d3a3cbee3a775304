"""A web page's pictures told by their alternative text, where the article shows them.

The article extractor leaves every ``<img>`` out, and with it the words its author wrote for
a reader who cannot see it: a photograph's "A man wades through flood water carrying a
child", a chart's "River level rose from 2 m to 4.1 m overnight".  A figure's caption was
kept, its picture's description lost.  :func:`alt_texts_kept` puts each such description in
its picture's place, in brackets (as the page's text read without the extractor writes it):
a passage of its own where the picture stands among blocks, words in the line where it
stands in one.  A picture whose description is no description stays out: an empty or
one-word alt (a decorative picture's, "Facebook", "logo"), an icon, a logo, an avatar or an
emoji by its class, name or file, a tracking pixel (a width or height of a pixel or two),
one hidden from screen readers, a picture that is a link (a logo taking one home, a
share button), and one whose description its figure's caption says already.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

# What a picture's class, id or file name calls it when it decorates rather than tells.
_DECORATION = re.compile(
    r"icon|logo|avatar|emoji|sprite|badge|spinner|spacer|pixel|tracking|gravatar|button",
    re.I,
)
# Elements whose children are blocks: a picture alone among them is a passage of its own.
_BLOCK_HOLDERS = frozenset(
    {"body", "div", "section", "article", "main", "center", "td", "th", "li", "blockquote",
     "figure", "picture", "address"}
)  # fmt: skip
_WORDS_AT_LEAST = 2  # "Facebook" or "Logo" is a button's or a brand's name, no description


def alt_texts_kept(page: Any) -> None:
    """Put the alternative text of each picture of ``page`` that describes something in
    its place (see the module)."""
    for img in list(page.iter("img")):
        alt = " ".join(str(img.get("alt") or "").split())
        parent = img.getparent()
        if parent is None or not describes(img, alt):
            continue
        holder, replaced = parent, img
        while holder is not None and holder.tag in ("picture", "source"):
            # <picture>'s sources and its one <img>, which the parser may put in the last
            # <source> (an element of no end tag it reads as holding what follows): the
            # picture
            holder, replaced = holder.getparent(), holder
        if holder is None:
            continue
        shown = lxml.html.Element("p" if holder.tag in _BLOCK_HOLDERS else "span")
        shown.text = f"[{alt}]" if shown.tag == "p" else f" [{alt}] "
        # (in the picture's place: the extractor drops a <picture> whole, and the words
        # put in it were lost, the Guardian's, the New York Times' and Medium's)
        shown.tail = replaced.tail
        holder.replace(replaced, shown)


def describes(img: Any, alt: str) -> bool:
    """Whether ``alt``, the alternative text of ``img``, describes what it shows (its
    elements in XHTML's namespace or none, as an e-book's or a web page's)."""
    if len(alt.split()) < _WORDS_AT_LEAST:
        return False
    if str(img.get("aria-hidden") or "").lower() == "true":
        return False
    if str(img.get("role") or "").lower() in ("presentation", "none"):
        return False
    for size in ("width", "height"):
        value = str(img.get(size) or "").strip().removesuffix("px")
        if value.isdecimal() and int(value) <= 2:
            return False
    named = " ".join(str(img.get(a) or "") for a in ("class", "id", "src"))
    if _DECORATION.search(named):
        return False
    folded = alt.casefold()
    for above in img.iterancestors():
        if _local(above) == "a":
            return False
        if _local(above) == "figure":
            for caption in (e for e in above.iter() if _local(e) == "figcaption"):
                if folded in " ".join("".join(caption.itertext()).split()).casefold():
                    return False
    return True


def _local(element: Any) -> str:
    """The name of ``element``'s tag without its namespace ("" for a comment)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
