"""Saved web pages: the article only, by trafilatura (main-content extraction), with the
page's title (without the site's name), author, date, site and URL as metadata."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.utils import is_dubious_html, repair_faulty_html

from tui_reader.core.documents.formats import Parsed
from tui_reader.core.documents.formats.html_text import HtmlWriter, parse_html
from tui_reader.core.errors import DocumentError

_SUFFIX = re.compile(r"\s+[|–—:·•-]\s+[^|–—:·•]{1,60}$")
# Browsers write this comment at the top of a page they save.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


def convert_html(text: str, path: Path) -> Parsed:
    """The article of the web page ``text`` (decoded, sanitised HTML)."""
    if not text.strip():
        raise DocumentError(path, "empty web page")
    article = trafilatura.extract(
        _page(text, path),
        output_format="html",
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
    )
    writer = HtmlWriter()
    if article:
        writer.element(parse_html(article, path, "web page"))
    body = writer.out.text()
    if not body.strip():
        raise DocumentError(path, "no article text found in this web page")
    info = trafilatura.extract_metadata(_page(text, path))
    metadata: dict[str, str | int] = {}
    title = ""
    if info is not None:
        site = str(info.sitename or "")
        title = clean_title(str(info.title or ""), site)
        for name, value in (
            ("title", title),
            ("author", info.author),
            ("date", info.date),
            ("site", site),
            ("url", info.url),
        ):
            if value:
                metadata[name] = " ".join(str(value).split())
    saved_from = _SAVED_FROM.search(text[:4096])
    if saved_from and "url" not in metadata:
        metadata["url"] = saved_from.group(1)
    return Parsed(body, writer.out.sorted_spans(), title or writer.first_heading, (), (), metadata)


# What libxml2 says of a page that declares no encoding; its own guess, not the page's.
_UNDECLARED = frozenset({"iso-8859-1", "utf-8"})


def declared_encoding(data: bytes) -> str | None:
    """The encoding the web page ``data`` declares (``<meta charset>``, ``http-equiv``), as
    libxml2's HTML parser reads it from the page's start, or ``None``: none, one Python does
    not know, or UTF-16/32 (a page read as bytes cannot be: the standard says UTF-8)."""
    try:
        head = lxml.html.document_fromstring(
            data[:4096], parser=lxml.html.HTMLParser(no_network=True)
        )
    except (ValueError, lxml.etree.ParserError):
        return None
    declared = str(head.getroottree().docinfo.encoding or "").strip().lower()
    try:
        name = codecs.lookup(declared).name if declared else ""
    except LookupError:
        return None
    if not name or declared in _UNDECLARED or name.startswith(("utf-16", "utf-32", "utf-8")):
        return None
    return declared


def _page(text: str, path: Path) -> Any:
    """The page parsed as trafilatura parses it (its repairs first), but all of it
    (:func:`~.html_text.parse_html`: trafilatura's own parse stops at an inline image over
    10 MB or at 256 nested elements, and the article lost what came after); ``None``, as
    trafilatura says, for a text that is not HTML."""
    beginning = text[:50].lower()
    tree = parse_html(repair_faulty_html(text, beginning), path, "web page")
    if is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def clean_title(title: str, site: str) -> str:
    """``title`` without a trailing `` | Site name`` (or `` - Site``)."""
    title = " ".join(title.split())
    if site and title.lower().endswith(site.lower()) and len(title) > len(site):
        stripped = title[: -len(site)].rstrip(" |–—:·•-")
        if stripped:
            return stripped
    found = _SUFFIX.search(title)
    if found and site and site.lower() in found.group().lower():
        return title[: found.start()]
    return title
