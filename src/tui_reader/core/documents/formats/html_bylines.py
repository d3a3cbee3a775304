"""A story's byline kept in its text ("By Ana Pérez", names alone above the story), which
the extractor leaves out with the header's date and buttons, and the facts left beside it
(a date alone) left out."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from tui_reader.core.documents.formats.html_byline_names import (
    AUTHOR_MARK,
    BYLINE,
    BYLINE_LENGTH,
    FACTS_HOLDER,
    HOLDER_DEPTH,
    PLACE,
    linked_names,
    markable,
    marks,
    names_alone,
    unmarked_bylines,
)
from tui_reader.core.documents.formats.html_elements import (
    HEADING_TAGS,
    PASSAGES,
    STORY_LENGTH,
    lifted_before,
    text_of,
)
from tui_reader.core.documents.formats.html_standfirst import BROUGHT_DOWN


def byline_kept(page: Any) -> None:
    """Keep the byline a page shows ("By Ana Pérez" under its heading) as a passage: the
    extractor leaves out every element whose class or id names an author or a byline (it
    reads the author into the metadata), and the reader saw words the text did not hold.
    Only an element whose words open with "By" and are a byline's few, or are names alone
    above the story's first paragraph ("Ana Pérez and Luis Gómez", Medium's test id
    "authorName", the link naming the author in Substack's "byline-wrapper"), is so kept
    (an author's biography at the article's foot stays out, as a menu's "Authors" does).
    One between the story's title and its first paragraph is read right above that
    paragraph, and the story's facts left there alone go (:func:`_facts_dropped`), with
    the links alone ("· Follow") of the block the byline was taken from."""
    order: dict[Any, int] | None = None  # each element's place in the page, when asked
    story = -1  # where the first paragraph of the story's length is
    # (the elements themselves: a proxy of lxml's keeps its identity while one is held)
    linked = linked_names(page)
    unmarked = {element for element, _ in unmarked_bylines(page)} | linked
    kept: set[Any] = set()  # the bylines kept so far
    left: list[Any] = []  # the blocks of the story's header bylines were taken out of
    # Those marked as an author's or found unmarked: no attribute is given in the loop, so
    # an element given none of the marks' names before it is none (see markable)
    candidates = markable(page)
    wanted = set(candidates)
    if not unmarked <= wanted:
        wanted |= unmarked
        candidates = [element for element in page.iter() if element in wanted]
    for element in candidates:
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if not AUTHOR_MARK.search(marks(element)) and element not in unmarked:
            continue
        if element in linked and not kept.isdisjoint(element.iterancestors()):
            continue  # a name in a byline kept whole ("Ana Ruiz in Kyiv")
        words = " ".join(text_of(element).split())
        if not words or len(words) > BYLINE_LENGTH:
            continue
        if not BYLINE.match(words):
            if not names_alone(PLACE.sub("", words)):
                continue
            if order is None:
                order = {node: n for n, node in enumerate(page.iter())}
                story = next(
                    (order[p] for p in page.iter("p") if len(text_of(p)) >= STORY_LENGTH),
                    -1,
                )
            if not 0 <= order.get(element, story) < story:
                continue  # below the story's first paragraph, or no story: no byline
        if next(element.iterancestors("nav", "footer", "aside"), None) is not None:
            continue
        if BYLINE.match(words) and _holds_byline(element, words, unmarked):
            # A block holding the byline and more (its date, "Updated 10:32 AM, May 12",
            # an author's picture): the byline inside it is kept, the rest left out as
            # the article's facts are.  It read "By Ana Ruiz Updated 10:32 AM ...".
            continue
        for node in element.iter():
            if isinstance(node.tag, str):
                node.attrib.pop("class", None)
                node.attrib.pop("id", None)
                node.attrib.pop("rel", None)
                node.attrib.pop("itemprop", None)
        if element.tag not in PASSAGES:
            element.tag = "p"  # a passage of its own, as the page sets it apart
        _lines_kept(element)
        links = sum(len(text_of(a).split()) for a in element.iter("a"))
        if 2 * links > len(words.split()):
            # Mostly links to the authors' pages ("By ANA RUIZ and BO CHEN", AP's): the
            # extractor leaves out a passage of links, and the byline was lost.
            for link in list(element.iter("a")):
                link.drop_tag()
        holder = _byline_holder(element)
        if holder is not element:
            # Out of the block of the article's facts that holds it ("article-meta": its
            # date, its share buttons), which the extractor leaves out whole: above it.
            lifted_before(element, holder)
            if _facts_alone(holder):
                holder.drop_tree()  # its tail stays
        header = next(element.iterancestors("header"), None)
        if order is None:
            order = {node: n for n, node in enumerate(page.iter())}
        title = next(page.iter("h1"), None)
        inside = not kept.isdisjoint(element.iterancestors())  # a byline kept holds it
        kept.add(element)
        story_first = (
            _story_paragraph_after(page, element, order)
            if header is None and not inside and title is not None
            else None
        )
        if (
            story_first is not None
            and title is not None
            and order.get(title, -1) < order.get(element, -1)
            and next(element.iterancestors(*_STORY_BLOCKS), None) is None
        ):
            # Between the story's title and its first paragraph, in the blocks of its
            # header the extractor leaves out (Substack's "post-header", Medium's): above
            # that paragraph, below its standfirst.  The block it leaves holding links
            # alone ("· Follow") goes: with the byline out, the extractor kept it.
            left.append(element.getparent())
            figure = _figure_between(element, story_first, order)
            lifted_before(element, story_first if figure is None else figure)
        elif header is not None and next(header.iter("h1"), None) is not None:
            # In the story's header (<header>: its title, standfirst, byline and buttons),
            # which the extractor leaves out when it takes the story's body (WordPress's
            # "entry-content", the New York Times' "articleBody"): above the story's first
            # paragraph, below its standfirst.
            first = _story_paragraph_after(page, header, order)
            if first is not None:
                lifted_before(element, first)
    _facts_dropped(page)
    for block in left:
        if block is not None and block.getparent() is not None and _links_alone(block):
            block.drop_tree()  # its tail stays


def _holds_byline(block: Any, words: str, unmarked: set[Any]) -> bool:
    """Whether ``block`` (its ``words`` a byline's) holds a byline of its own, marked or
    found, beside the article's facts (a figure: its date) or a picture (a headshot)."""
    for inner in block.iterdescendants():
        if not isinstance(inner.tag, str) or not (
            AUTHOR_MARK.search(marks(inner)) or inner in unmarked
        ):
            continue
        said = " ".join(text_of(inner).split())
        if BYLINE.match(said):
            rest = words.replace(said, "", 1)
            pictured = next(block.iter("img", "picture", "svg"), None) is not None
            if pictured or any(c.isdigit() for c in rest):
                return True
    return False


_LINE_BLOCKS = ("div", "p", "address", "section", "header", "footer", "h2", "h3", "h4", "h5")


def _lines_kept(byline: Any) -> None:
    """The blocks inside ``byline`` (made a passage) each a line of it, as the page shows
    them: "By Ana Ruiz" above "BBC News, Tapachula" ran together, "By Ana RuizBBC News"."""
    for inner in list(byline.iterdescendants(*_LINE_BLOCKS)):
        inner.text = f"{_LINE_MARK}{inner.text or ''}"
        before = text_of(byline).split(_LINE_MARK, 1)[0]
        inner.text = inner.text[len(_LINE_MARK) :]
        inner.tag = "span"
        if before.strip():
            inner.addprevious(lxml.html.Element("br"))
        after = inner.getnext()
        if (inner.tail or "").strip() or (after is not None and after.tag not in _LINE_BLOCKS):
            # (words after it, not a block of its own: "Tapachula" below "Ana Ruiz")
            end = lxml.html.Element("br")
            end.tail, inner.tail = inner.tail, None
            inner.addnext(end)


_LINE_MARK = "\u2064"  # (INVISIBLE PLUS: where a block stands among a byline's words)


def _links_alone(block: Any) -> bool:
    """Whether ``block`` holds few words, none of them its own but in its links (a
    header's "· Follow", "Subscribe"), and no passage."""
    words = " ".join(text_of(block).split())
    if len(words) > _FACTS_LENGTH or next(block.iter(*PASSAGES[1:], "img"), None) is not None:
        return False
    own = [block.text, *(node.tail for node in block.iterdescendants())]
    own += [node.text for node in block.iterdescendants() if "a" not in _tags_up(node, block)]
    return not any(c.isalnum() for part in own if part for c in part)


def _tags_up(node: Any, block: Any) -> set[str]:
    """The tags of ``node`` and its ancestors inside ``block``."""
    tags = {str(node.tag)}
    for ancestor in node.iterancestors():
        if ancestor is block:
            break
        tags.add(str(ancestor.tag))
    return tags


# The blocks a byline inside stands where the story is, not in its header.
_STORY_BLOCKS = ("li", "blockquote", "table", "figure")


_FACTS_LENGTH = 80  # characters of a line of an article's facts at most: a date, a time


def _facts_alone(holder: Any) -> bool:
    """Whether the block of the article's facts ``holder``, its byline taken out, holds its
    date, time or reading time alone ("12 May 2024", "Updated 10:32 · 5 min read"): a
    figure among few words, no passage (a list, when it says a date).  The extractor
    leaves such a block out when its class names it "meta", and kept it when "info"
    ("article-info"): a lone date line between the byline and the story, as one theme
    names it and not another."""
    words = " ".join(text_of(holder).split())
    return (
        0 < len(words) <= _FACTS_LENGTH
        and any(c.isdigit() for c in words)
        and words[-1] not in ".!?"
        and next(holder.iter(*HEADING_TAGS, "table", "img", "figure"), None) is None
        # (a list of them, WordPress's "post-meta", saying a date: no list of figures)
        and (next(holder.iter("ul", "ol"), None) is None or _dated(holder))
    )


# The test ids of a line of an article's facts: its date, its time, its reading time
# (Medium's "storyPublishDate" and "storyReadTime").
_FACTS_LINE = re.compile(r"date|time|read", re.IGNORECASE)


def _facts_dropped(page: Any) -> None:
    """Leave out each block of a story's facts alone (its date, its time, its reading time:
    :func:`_facts_alone`) between its title and its first paragraph, named so
    (:data:`FACTS_HOLDER`, or a test id of :data:`_FACTS_LINE`), no byline beside it: the
    extractor leaves out one named "meta", as it leaves out the facts beside a byline, and
    kept one named "info" ("article-info") or by a test id (Medium's), a line "12 May
    2024", or "7 min readMar 12, 2024", between the title and the story."""
    title = next(page.iter("h1"), None)
    if title is None:
        return
    seen_title = False
    for node in list(page.iter()):
        if node is title:
            seen_title = True
            continue
        if not seen_title or not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if node.tag == "p" and len(" ".join(text_of(node).split())) >= STORY_LENGTH:
            return  # the story's first paragraph
        if title in set(node.iterancestors()) or not (
            FACTS_HOLDER.search(f"{node.get('class', '')} {node.get('id', '')}")
            or _FACTS_LINE.search(str(node.get("data-testid", "")))
        ):
            continue
        if next(node.iterancestors("nav", "footer", "aside"), None) is not None:
            continue
        if _facts_alone(node) and _dated(node):
            node.drop_tree()  # its tail stays


# What a line of a story's facts says: a date ("12 May 2024", "May 12", "2024-05-12",
# "12/05/2024"), a time ("10:32", "10.32 BST"), a reading time ("5 min read") or an age
# ("2 hours ago"); a box of the story's figures ("Deaths: 12") says none.
_DATED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic|janv|févr|mars"
    r"|avr|mai|juin|juil|août|sept|déc|mär|okt|dez)[a-zéû]*\.?\s+\d"
    r"|\d\s*(?:de\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic"
    r"|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|mär|okt|dez)[a-zéû]*\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\b\d{1,2}[:.]\d{2}\b"
    r"|\bmin(?:ute)?s?\s+read\b|\bago\b",
    re.IGNORECASE,
)


def _dated(block: Any) -> bool:
    """Whether ``block`` says a date, a time, a reading time or an age (:data:`_DATED`),
    its parts' words apart ("Post author" and "May 12" of two items)."""
    return _DATED.search(" ".join(block.itertext())) is not None


def _byline_holder(element: Any) -> Any:
    """The outermost block of :data:`FACTS_HOLDER` holding the byline ``element``, up to
    :data:`HOLDER_DEPTH` blocks up and never past the article; else ``element``."""
    holder = element
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= HOLDER_DEPTH or ancestor.tag in ("article", "main", "body"):
            break
        if FACTS_HOLDER.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            holder = ancestor
    return holder


def _figure_between(byline: Any, first: Any, order: dict[Any, int]) -> Any | None:
    """The first figure standing between ``byline`` and the story's ``first`` paragraph in
    the page's ``order``, the three side by side in one block: where the byline goes, above
    it, as the page shows it (the figure's caption was read above the byline).  A figure
    :func:`.standfirst_kept` brought down from higher up (a lead picture set above the
    byline, the Guardian's) is none."""
    if byline.getparent() is not first.getparent():
        return None
    for figure in first.getparent().iterchildren("figure"):
        if BROUGHT_DOWN in figure.attrib:
            continue  # (set above the byline on the page: see standfirst_kept)
        if order.get(byline, -1) < order.get(figure, -1) < order.get(first, -1):
            return figure
    return None


def _story_paragraph_after(page: Any, after: Any, order: dict[Any, int]) -> Any | None:
    """The first paragraph of a story's length (``STORY_LENGTH``) that comes after the
    element ``after`` in the page's ``order`` and is not inside it: where a byline lifted
    out of the story's header goes, above it."""
    return next(
        (
            p
            for p in page.iter("p")
            if order.get(p, -1) > order.get(after, 0)
            and after not in set(p.iterancestors())
            and len(text_of(p)) >= STORY_LENGTH
        ),
        None,
    )
