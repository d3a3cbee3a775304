"""What a web page's controls show: its disclosures read opened, its form controls left
out, its headings' permalinks ("Usage¶", "Crypto#"), a wiki's "[edit]" links and the links
to a story's section above its title gone, and its list of links to its own sections with
the heading naming it ("Table of contents")."""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.documents.formats.html_elements import HEADING_TAGS, text_of

# A form's controls: what they hold is no text of the page's (a list's choices, a field's
# text typed in advance, a button's label).
_CONTROLS = ("select", "datalist", "textarea", "input", "button")


def disclosed(page: Any) -> None:
    """Make the page's disclosures (an accordion of questions, a "show more") read as a
    browser shows them opened, and its form controls left out: a button labelling a part
    (in a heading, or one that opens and closes a part: ``aria-expanded``) is its words, the
    part it opens (``aria-controls``) is read though closed (``hidden``), and every other
    control is left out, with a form's names for them (``<label>``).  The questions of an
    accordion were lost (the extractor drops every button) with the answers it held closed,
    and a short page read as one passage held its form's choices and buttons ("Choose one
    Two Submit")."""
    opened: set[str] = set()
    for button in list(page.iter("button", "summary", "div", "a", "span")):
        if button.get("aria-expanded") is not None:
            opened.update(str(button.get("aria-controls") or "").split())
    if opened:
        for part in page.iter():
            if isinstance(part.tag, str) and part.get("id") in opened:
                part.attrib.pop("hidden", None)
    for control in list(page.iter(*_CONTROLS)):
        if control.getparent() is None:
            continue
        if control.tag == "button" and (
            control.get("aria-expanded") is not None
            or next(control.iterancestors(*HEADING_TAGS), None) is not None
        ):
            if next(control.iterancestors(*HEADING_TAGS), None) is None:
                control.tag = "p"  # a part's label: a passage of its own
            else:
                control.drop_tag()  # its words in its heading
        else:
            control.drop_tree()  # its tail stays
    for form in page.iter("form"):
        for label in list(form.iter("label", "legend")):  # a control's name, without it
            if label.getparent() is not None:
                label.drop_tree()


# What a heading's permalink shows: a mark, not words ("Crypto#" in Node.js's documentation,
# "Usage¶" in Sphinx's and MkDocs', "§" or a link sign elsewhere).
_PERMALINK_MARKS = frozenset({"#", "¶", "§", "🔗", "⚓", "⚓︎", "∞"})
# Where a permalink stands: a heading, or the term of a definition (a function's, as
# Texinfo writes it: "ffi_prep_cif (ffi_cif *cif, ...) ¶").
_LINKED = ("h1", "h2", "h3", "h4", "h5", "h6", "dt")
_PERMALINK_CLASSES = frozenset({"headerlink", "copiable-anchor", "copiable-link"})


def without_permalinks(page: Any) -> Any:
    """``page`` without its headings' permalinks: every heading of a page Sphinx made
    (Python's documentation) ended in a pilcrow ("Command line usage¶"), of a page of
    Node.js's documentation in a hash ("Crypto#"), and so did the title taken from its
    first heading ("IDLE¶").  A permalink is a link of a class Sphinx or Texinfo gives one,
    or a link within the page in a heading or a definition's term whose text is such a
    mark.  A wiki's links to edit a section go too ("History[edit]"), in its heading or
    beside it."""
    for anchor in list(page.iter("a")):
        if anchor.getparent() is None:
            continue
        classes = str(anchor.get("class", "")).split()
        mark = (
            str(anchor.get("href", "")).startswith("#")
            and "".join(anchor.itertext()).strip() in _PERMALINK_MARKS
            and next(anchor.iterancestors(*_LINKED), None) is not None
        )
        if _PERMALINK_CLASSES.intersection(classes) or mark:
            anchor.drop_tree()  # its tail stays
    # A wiki's link to edit a section, in its heading ("History[edit]", a page of
    # Wikipedia saved, and its title with it) or, as MediaWiki has set it since 2024,
    # beside it in the block holding the heading (``<div class="mw-heading">``), where it
    # was read as two paragraphs of its own, "[" and "edit]", under every heading.
    for edit in list(page.iter("span")):
        if "mw-editsection" in str(edit.get("class", "")).split() and edit.getparent() is not None:
            edit.drop_tree()  # its tail stays
    return page


# A link to a page listing a site's stories of a tag or a section.
_SECTION_PAGE = re.compile(r"/(?:tag|tags|category|categories|topic|topics|section)/", re.I)
_SECTION_LONGEST = 40  # characters: a section's or a tag's name or two


def section_links_dropped(page: Any) -> None:
    """``page`` without the links to its story's sections or tags standing alone right
    above its title (Ghost's "News" linking to "/tag/news/" above the ``<h1>``): read as a
    line of their own, they opened the text and its first passage."""
    for title in list(page.iter("h1")):
        above = title.getprevious()
        if above is None or not isinstance(above.tag, str) or (above.tail or "").strip():
            continue
        links = [above] if above.tag == "a" else list(above.iter("a"))
        words = " ".join(text_of(above).split())
        linked = " ".join(" ".join(text_of(link).split()) for link in links)
        if (
            links
            and all(_SECTION_PAGE.search(str(link.get("href", ""))) for link in links)
            and 0 < len(words) <= _SECTION_LONGEST
            and not any(
                c.isalnum() for c in words.replace(" ", "").replace(linked.replace(" ", ""), "", 1)
            )
        ):
            above.drop_tree()  # its tail (blank) stays


# A heading naming a page's list of links to its own sections.
_CONTENTS_HEADING = re.compile(
    r"(?:table of contents|contents|on this page|in this article|inhalt|índice|contenido"
    r"|sommaire|table des matières|indice):?",
    re.IGNORECASE,
)


def contents_dropped(page: Any) -> None:
    """``page`` without its list of links to its own sections and the heading naming it
    right above it ("Table of contents", "On this page"): the extractor leaves such a list
    out as it leaves a menu, and its heading stood alone above the first section's, a
    heading of nothing (every page of npm's manual).  A list holding words besides its
    links, or links to other pages, is kept, and so is its heading; a manual read whole
    (a Texinfo one) keeps both: this is for an article's extraction alone."""
    for heading in list(page.iter(*HEADING_TAGS)):
        below = heading.getnext()
        if (
            below is None
            or not isinstance(below.tag, str)
            or (heading.tail or "").strip()
            or not _CONTENTS_HEADING.fullmatch(" ".join(text_of(heading).split()))
        ):
            continue
        links = list(below.iter("a"))
        linked = "".join("".join(text_of(link).split()) for link in links)
        if (
            len(links) >= 2
            and all(str(link.get("href", "")).startswith("#") for link in links)
            and "".join(text_of(below).split()) == linked
        ):
            below.drop_tree()  # its tail stays
            heading.drop_tree()
