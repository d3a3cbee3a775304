"""An e-book's table of contents written as a chapter: no text of the book.

An EPUB 3 marks its table of contents (its navigation document, ``<nav>``), which is not
read.  An EPUB 2's, or a book Calibre or a publisher's tool made, often has a page of its
own in the reading order, "Table of Contents" and a line a chapter, each a link to it: it
was read as the book's first pages, each chapter's title twice in the text, found twice by
a search, its words counted.  :func:`contents_page` tells such a page: the package's guide
names it the table of contents, or its words are links to the book's own parts, but for a
heading (three links at least; a page of notes linking back to the text, or an index of
pages, says more than its links).
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

import lxml.etree

_OPF = "{http://www.idpf.org/2007/opf}"
_LINKS_AT_LEAST = 3
_OWN_SHARE = 0.1  # of a page's words at most outside its links and headings
_OWN_AT_MOST = 300  # words outside links: a page of contents says a line or two
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def guide_contents(opf: Any, base: str) -> set[str]:
    """The parts of the package ``opf`` (in the folder ``base``) its guide names its table of
    contents (``<reference type="toc">``), by their names in the archive."""
    return {
        posixpath.normpath(posixpath.join(base, unquote(str(ref.get("href") or "").split("#")[0])))
        for ref in opf.iter(f"{_OPF}reference")
        if str(ref.get("type") or "").lower() == "toc" and ref.get("href")
    }


def contents_page(chapter: Any) -> bool:
    """Whether the parsed ``chapter`` is a table of contents: its words, but for its
    headings', are links to parts of the book (see the module)."""
    links = linked = own = 0
    headings = anchors = 0  # how deep inside a heading, a link, the walk is
    for event, element in lxml.etree.iterwalk(chapter, events=("start", "end")):
        tag = _local(element)
        if event == "start":
            if tag in _HEADINGS:
                headings += 1
            elif tag == "a":
                anchors += 1
                href = str(element.get("href") or "")
                if href and "://" not in href and not href.startswith(("#", "mailto:")):
                    links += 1
            text = element.text
        else:
            if tag in _HEADINGS:
                headings -= 1
            elif tag == "a":
                anchors -= 1
            text = element.tail if element is not chapter else None
        if text and not headings:
            words = len(text.split())
            if anchors:
                linked += words
            else:
                own += words
                if own > _OWN_AT_MOST:
                    return False  # (a chapter's words: looked at no further)
    return links >= _LINKS_AT_LEAST and linked > 0 and own <= _OWN_SHARE * (linked + own)


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
