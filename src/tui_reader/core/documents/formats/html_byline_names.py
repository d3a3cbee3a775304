"""Where a web page's byline stands and whose names it gives: words opening with "By" and
a few names, an element a class or an id marks as an author's, a link to an author's page,
names alone, a byline set among the article's facts; what :mod:`.html_bylines` keeps in the
text and :mod:`.html_metadata` reads the author from."""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.documents.formats.html_authors import is_agency
from tui_reader.core.documents.formats.html_elements import PASSAGES, STORY_LENGTH, text_of

# A byline as a page shows it, its words opening with "By" in the page's language ("By Ana
# Pérez", "Por Ana Pérez", "Von ...", "Par ...", "Door ...", "Av ...", "Af ...", "Di ...").
BYLINE = re.compile(r"(?:by|por|von|par|door|av|af|di|de)\s+\w", re.IGNORECASE)
BYLINE_LENGTH = 120  # characters at most: a byline names its authors, it tells no story
# The words of a class or an id the extractor leaves an element out for as an author's
# ("byline", "c-byline", "author", "article-author"): a byline's words were lost whole.
AUTHOR_MARK = re.compile(r"author|byline|byl\b", re.IGNORECASE)


def marks(element: Any) -> str:
    """The names ``element`` is given that may mark it as an author's: its class, its id,
    its test id (Medium's ``data-testid="authorName"``) and its component's name (the
    Guardian's ``data-component="meta-byline"``)."""
    return " ".join(str(element.get(name, "")) for name in _MARK_NAMES)


_MARK_NAMES = ("class", "id", "data-testid", "data-component")
# The elements given any of those names, in the page's order (XPath, in lxml's C): the
# others cannot be marked, and a page of 200,000 paragraphs had every one's read, twice.
_MARKABLE = "descendant-or-self::*[@class or @id or @data-testid or @data-component]"


def markable(page: Any) -> list[Any]:
    """The elements of ``page`` (itself included) that :func:`marks` may find marked, in
    the page's order: those given a class, an id, a test id or a component's name."""
    found: list[Any] = page.xpath(_MARKABLE)
    return found


def linked_names(page: Any) -> set[Any]:
    """The links naming a person in a block marked as a byline whose words are more than a
    byline's (Substack's "byline-wrapper": a link to the author's profile, "Ana Ruiz", then
    the date): each link whose words are a name or a few, with no "By" before them."""
    found: set[Any] = set()
    for block in markable(page):
        if not AUTHOR_MARK.search(marks(block)):
            continue
        words = " ".join(text_of(block).split())
        if not words or len(words) > BYLINE_LENGTH or BYLINE.match(words):
            continue
        if names_alone(PLACE.sub("", words)):
            continue  # a byline of names alone itself ("Ana Ruiz in Kyiv")
        for link in block.iter("a"):
            if names_alone(" ".join(text_of(link).split())):
                found.add(_byline_around(link, block))
    for link in page.iter("a"):
        # A link to the author's page, named by no class (El País's "/autor/ana-ruiz/"):
        # the block around it holding names alone, its place too ("Ana Ruiz Tapachula").
        if link in found or not _AUTHOR_PAGE.search(str(link.get("href", ""))):
            continue
        if names_alone(" ".join(text_of(link).split())):
            found.add(_byline_around(link, None))
    return found


def _byline_around(link: Any, block: Any) -> Any:
    """The outermost element around ``link`` (a name), inside ``block`` when given, whose
    words are a byline still: "By" and names ("By Ana Ruiz", WordPress's "By" before its
    link), or names alone, a place too ("Ana Ruiz" above "Tapachula")."""
    byline = link
    for holder in link.iterancestors():
        if holder is block or holder.tag in ("article", "main", "body", "header"):
            break
        words = " ".join(text_of(holder).split())
        if not (
            (BYLINE.match(words) and len(words) <= BYLINE_LENGTH)
            or names_alone(PLACE.sub("", words))
        ) or any(c.isdigit() for c in words):
            break
        if next(holder.iter(*PASSAGES[1:]), None) is not None:
            break
        byline = holder
    return byline


def linked_authors(page: Any) -> list[str]:
    """The names of the links to an author's page (:data:`_AUTHOR_PAGE`) whose words are
    names alone (or a news agency's, :func:`is_agency`), between the story's title and its
    first paragraph, outside a menu, a sidebar or a footer: a byline no class marks, nor
    the page's head names (El País's "/autor/ana-ruiz/", "/autor/agencia-efe/").  None when
    the page has no title (``h1``) or no story."""
    title = next(page.iter("h1"), None)
    if title is None:
        return []
    names: list[str] = []
    seen_title = False
    for node in page.iter():
        if node is title:
            seen_title = True
        elif not seen_title or not isinstance(node.tag, str):
            continue
        elif node.tag == "p" and len(text_of(node)) >= STORY_LENGTH:
            return list(dict.fromkeys(names))  # the story's first paragraph
        elif node.tag == "a" and _AUTHOR_PAGE.search(str(node.get("href", ""))):
            words = " ".join(text_of(node).split())
            if (names_alone(words) or is_agency(words)) and next(
                node.iterancestors("nav", "footer", "aside"), None
            ) is None:
                names.append(words)
    return []


# The address of an author's page on a news site: ".../author/ana-ruiz/", "/autor/...",
# "/auteur/...", "/autore/...", "/autorin/...", "/profile/...".
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:es|in|en)?|auteurs?|autori?e?|profiles?|journalists?|periodistas?)/"
    r"[^/?#]+/?(?:[?#]|$)",
    re.IGNORECASE,
)


# What ends the names of a byline set in a line of the article's facts ("By Ana Ruiz · 12
# May 2024 · 5 min read"): a separator or a figure.
_BYLINE_NAMES_END = re.compile(r"[·•|—–/\d]")


def unmarked_bylines(page: Any) -> list[tuple[Any, str]]:
    """The bylines ``page`` sets in a block of its article's facts (:data:`FACTS_HOLDER`,
    "meta", "article-info") in an element no class or id marks as an author's, each with
    the names it gives: its own words open with "By" (:data:`BYLINE`) followed by names
    alone (:func:`names_alone`, or one name: "By Reuters"), a separator or a figure ending
    them.  The extractor leaves such a block out whole, and its byline with it (and found
    no author in it)."""
    found = []
    for element in page.iter():
        if not isinstance(element.tag, str) or not BYLINE.match((element.text or "").lstrip()):
            continue
        holders = [element, *list(element.iterancestors())[:HOLDER_DEPTH]]
        if not any(
            FACTS_HOLDER.search(f"{node.get('class', '')} {node.get('id', '')}")
            for node in holders
            if node.tag not in ("article", "main", "body")
        ):
            continue
        words = " ".join(text_of(element).split())
        if len(words) > BYLINE_LENGTH:
            continue
        after = words.split(None, 1)[1] if len(words.split(None, 1)) > 1 else ""
        names = _BYLINE_NAMES_END.split(after, maxsplit=1)[0].strip(" ,")
        one = len(names.split()) == 1 and names[:1].isupper()
        if names and (one or names_alone(names)):
            found.append((element, names))
    return found


# Words a list of names holds besides the names ("Ana Pérez and Luis Gómez", "Ana de la Cruz")
_NAME_JOINS = frozenset({"and", "&", "y", "e", "et", "und", "de", "da", "del", "la", "van", "von"})


# Where a byline's writer writes from, after the names (the Guardian's "Ana Ruiz in Kyiv").
PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:,?\s+(?:and\s+)?[A-Z][\w'’.-]*){0,3}$")


def names_alone(words: str) -> bool:
    """Whether ``words`` are a person's name or a few, nothing else: two to eight words,
    each opening with a capital, but the words joining or inside names, no digit."""
    parts = words.replace(",", " ").split()
    return 2 <= len(parts) <= 8 and all(
        part.lower() in _NAME_JOINS or (part[0].isupper() and not any(c.isdigit() for c in part))
        for part in parts
    )


# A class or an id of a block the extractor leaves out whole as an article's facts: a
# byline in one went with it.
FACTS_HOLDER = re.compile(r"meta|info|author|byline", re.IGNORECASE)
HOLDER_DEPTH = 3  # the blocks up from a byline looked at for one holding it
