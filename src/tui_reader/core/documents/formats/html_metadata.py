"""A saved web page's metadata: its title (without the site's name, the page's own rather
than another part's, a Google Docs document's marked title), its author (its head's, else a
byline's; a news agency the byline names is its agency), its date (not its copyright
notice's year), its site and its URL, as trafilatura finds them and as this module corrects
them."""

from __future__ import annotations

import re
from typing import Any

import trafilatura
import trafilatura.metadata

from tui_reader.core.documents.formats.builder import untitled
from tui_reader.core.documents.formats.html_authors import clean_author, without_agencies
from tui_reader.core.documents.formats.html_byline_names import linked_authors, unmarked_bylines
from tui_reader.core.documents.formats.html_controls import without_permalinks
from tui_reader.core.documents.formats.html_elements import classes, text_of
from tui_reader.core.documents.formats.html_text import note_reference

# A part after the page's title, a separator before it (" | Daily Courier"): the site's name
# when it holds it (see clean_title).
_SUFFIX = re.compile(r"\s+[|–—:·•-]\s+[^|–—:·•]{1,60}$")
# Browsers write this comment at the top of a page they save.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


def page_metadata(
    page: Any, text: str, body: str, heading: str | None
) -> tuple[dict[str, str | int], str]:
    """The metadata of the web page ``text`` (``page`` parsed, a parse of its own: it is
    changed), whose article's text is ``body`` and first heading ``heading``, and its title
    ("" when it has none of its own)."""
    titled = _titled(page)
    _without_inline_data(titled)
    # The page's length without its inline data (the parse left out the longest already).
    extensive = len(text) <= EXTENSIVE_DATE_SEARCH or (
        len(_INLINE_DATA.sub(r"\1", text)) <= EXTENSIVE_DATE_SEARCH
    )
    info = trafilatura.extract_metadata(titled, extensive=extensive)
    metadata: dict[str, str | int] = {}
    title = ""
    if info is not None:
        site = str(info.sitename or "")
        title = clean_title(str(info.title or ""), site)
        title = _own_title(title, head_title(titled), body, heading, site)
        title = _titled_below(titled, title, head_title(titled))
        if untitled(title):
            # The title an editor writes into a new page ("Document", "Untitled Document"):
            # the page was titled so, not by its heading.
            title = ""
        # A news agency the byline names ("EFE", "Agencias") is no author: it is kept apart.
        author, agency = without_agencies(clean_author(info.author or ""), info.author or "")
        if not author:
            author, linked = without_agencies(_unmarked_author(titled))
            agency = agency or linked
        # The site signing its own pieces ("EL PAÍS" above an editorial) is no author.
        author = "; ".join(
            name for name in author.split("; ") if name.casefold() != site.casefold()
        )
        for name, value in (
            ("title", title),
            ("author", author),
            ("agency", agency),
            ("date", _not_copyright(info.date, titled, body, extensive)),
            ("site", site),
            ("url", info.url),
        ):
            if value:
                metadata[name] = " ".join(str(value).split())
    own = _google_docs_title(titled, body)
    if own:
        title = metadata["title"] = own  # what its author marked as the title, first
    saved_from = _SAVED_FROM.search(text[:4096])
    if saved_from and "url" not in metadata:
        metadata["url"] = saved_from.group(1)
    return metadata, title


def _no_categories(metatype: str, tree: Any) -> list[str]:
    """No categories nor tags, for trafilatura's metadata, which looks for them last: none
    is read here (the title, author, date, site and URL are), and the search took a twenty-fifth
    of the time of a page of many short paragraphs, reading every link of it twice."""
    return []


# trafilatura's search for a page's categories and tags is called by extract_metadata alone.
trafilatura.metadata.extract_catstags = _no_categories


def _unmarked_author(page: Any) -> str:
    """The names the first byline of ``page`` in its article's facts gives, when no class
    or id marks it as an author's (:func:`unmarked_bylines`); else those of the links to
    the authors' pages under its title (:func:`linked_authors`), parted by "; "; else
    ``""``."""
    found = unmarked_bylines(page)
    return found[0][1] if found else "; ".join(linked_authors(page))


# A page longer than this (in characters, its inline images' data left out) has its date
# looked for in its markup and its text's timestamps, not in every phrase of its text:
# htmldate's extensive search reads the whole page a dozen times (3 s a megabyte), a page of
# 9 MB took 28 s, past the conversion's time limit, to find a number of its text taken for a
# year ("1995-01-01").
EXTENSIVE_DATE_SEARCH = 500_000
# A data: URI's data, after its media type: an image a saved page carries inline.
_INLINE_DATA = re.compile(r"(data:[^,\s\"'()]{0,200},)[^\s\"'()]+", re.IGNORECASE)


def _without_inline_data(page: Any) -> None:
    """``page`` with the data of every data: URI in its attributes taken out (an image saved
    inline, whose base64 the date search read as the page's text and could date it by; the
    parse left out the longest already, see :func:`~.html_text.parse_html`)."""
    for value in page.xpath("//@*[contains(., 'data:') or contains(., 'DATA:')]"):
        short = _INLINE_DATA.sub(r"\1", str(value))
        if len(short) < len(value):
            value.getparent().set(value.attrname, short)


def _titled(page: Any) -> Any:
    """``page`` as its title is taken from: without its headings' permalinks and without
    its buttons, whose labels a heading holding one ended in ("Function vdupq_n_s16 Copy
    item path", every item's page rustdoc makes), nor the references to notes in its
    headings ("Visit to the market1", its note's number run into the title)."""
    for button in list(page.iter("button")):
        if button.getparent() is not None:
            button.drop_tree()  # its tail stays
    for heading in list(page.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        for reference in list(heading.iter("a", "sup")):
            if reference.getparent() is not None and note_reference(reference, reference.tag):
                reference.drop_tree()  # its tail stays
    return without_permalinks(page)


TITLE_PARTS = re.compile(r"\s+[|–—·•-]\s+")


def _google_docs_title(page: Any, body: str) -> str:
    """The text of the paragraph a Google Docs document downloaded as a web page marks as
    its title (a ``<p>`` of class ``title`` in the body, which Google Docs gives the class
    ``doc-content`` or its outline's paragraphs an id "h...."), "" in any other page or
    when it is no paragraph of the text read: the document was titled by its first
    heading, a section's ("At dawn"), its own title above it passed over."""
    found = page.find("body")
    if found is None:
        return ""
    marked = "doc-content" in classes(found)
    for paragraph in found.iterchildren("p"):
        if "title" in classes(paragraph):
            if not (marked or str(paragraph.get("id", "")).startswith("h.")):
                return ""
            title = " ".join(text_of(paragraph).split())
            return title if title and title in body else ""
    return ""


def head_title(page: Any) -> str:
    """The text of the ``<title>`` of ``page`` on one line ("" without one)."""
    found = page.find(".//title")
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


# A copyright notice and its year, or its years' span ("© 2024", "Copyright 2010-2024").
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<year>\d{4})", re.IGNORECASE
)


def _not_copyright(date: str | None, page: Any, body: str, extensive: bool) -> str | None:
    """``date``, the page's date as found, unless it is the first of January of the year of
    the page's copyright notice ("© 2024 Daily Courier" in its footer) and its markup names
    no date: the search of the page's words took the notice for the story's date, and every
    story saved from a site was dated the first of January of the year saved."""
    if not date or not extensive or not date.endswith("-01-01") or date[:4] in body:
        return date
    page_text = " ".join(page.itertext())
    if not any(found["year"] == date[:4] for found in _COPYRIGHT.finditer(page_text)):
        return date
    from htmldate import find_date

    return find_date(page, extensive_search=False, original_date=True) or None


def _own_title(title: str, head: str, body: str, heading: str | None, site: str = "") -> str:
    """The page's own title rather than another part's: the article extractor takes a
    page's only ``<h1>``, or a heading of a class naming a title, for its title, which is
    the site's name on every page of Node.js's documentation ("Node.js v20.20.2
    documentation", in the ``<title>`` "Crypto | Node.js v20.20.2 Documentation") and the
    heading of a hidden help window on every page of a book mdBook made ("Keyboard
    shortcuts").  Then the ``head`` title's own part, or the article's first ``heading``
    when it holds that part ("Error code E0366" for "E0366 - Error codes index").  The
    site's name before the page's own title ("Daily Courier - Floods in the valley", the
    site named by the page): that title, not the site's name the extractor took."""
    parts = [part for part in TITLE_PARTS.split(head) if part]
    folded = title.casefold()
    if len(parts) < 2 or not folded:
        return title
    if site and folded == " ".join(site.split()).casefold():
        others = [part for part in parts if part.casefold() != folded]
        if others:
            return max(others, key=len)
    if folded in (part.casefold() for part in parts[1:]):
        return parts[0]  # the site's name, after the page's own title
    if folded in head.casefold() or title in body or not heading:
        return title
    # A title found nowhere a reader sees it, the article's heading holding the page's own.
    return heading if parts[0].casefold() in heading.casefold() else title


def _titled_below(page: Any, title: str, head: str) -> str:
    """The ``head`` title of ``page`` rather than ``title``, the extractor's, when a heading
    below the heading ``title`` reads as ``head`` whole: the page's own under the site's
    banner ("Module templates from libxslt" under "The XSLT C library for GNOME", every
    page of libxslt's manual titled by the banner).  A heading of ``head`` above the one
    of ``title`` is the site's name heading a story's: ``title`` stays."""
    if not head or not title or head.casefold() == title.casefold():
        return title
    seen_title = False
    for heading in page.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        words = " ".join("".join(heading.itertext()).split())
        if words == title:
            seen_title = True
        elif words == head:
            return head if seen_title else title
    return title


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
