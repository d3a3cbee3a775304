"""A news page's promotions of its other stories, left out of its article.

Newspapers put lines between a story's paragraphs that point to other stories: "Read more:
Mexico deploys troops to its southern border", "READ MORE: ...", "See also: ...", "Lesen
Sie auch: ...", a label and links and nothing else, and close with a "Related Topics"
whose list of links the article extractor drops.  They were read as the story's own
paragraphs, searched and counted as its words.  :func:`promotions_dropped` takes out each
paragraph or item that is such a label followed by links alone, and each saying nothing
but a label of a list of stories; a paragraph of the story's own words holding a link, and
a heading, stay.  So are its calls to sign up to its newsletter ("Sign up for our
newsletter", Substack's "Subscribe now", the Guardian's sign-up box and the links around it),
and the paywall a page saved by a reader without a subscription ends with ("Subscribe to
continue reading", "You have reached your limit of free articles", its "Log in" link).
"""

from __future__ import annotations

import re
from typing import Any

# A label of a promotion, in small letters, its spaces one.
_LABELS = frozenset(
    {"read more", "read also", "also read", "see also", "related", "related article",
     "related articles", "related story", "related stories", "related topics",
     "related content", "related coverage", "more on this story", "more on this topic",
     "recommended", "recommended stories", "you may also like", "you might also like",
     "don't miss", "dont miss", "also see", "further reading", "more from",
     "lesen sie auch", "mehr zum thema", "auch interessant", "leer más", "lee también",
     "lea también", "te puede interesar", "lire aussi", "à lire aussi", "voir aussi",
     "leia também", "leia mais", "leggi anche", "lees ook", "czytaj też", "läs också"}
)  # fmt: skip
# Of them, the labels of a list of stories, dropped when they stand alone ("See also" alone
# may be a manual's, above its own words).
_LIST_LABELS = frozenset(
    {"related", "related articles", "related stories", "related topics", "related content",
     "related coverage", "more on this story", "more on this topic", "recommended",
     "recommended stories", "you may also like", "you might also like", "mehr zum thema"}
)  # fmt: skip
_FIRST_WORDS = frozenset(label.split()[0] for label in _LABELS)
_HOLDERS = ("p", "li", "div", "h4", "h5", "h6", "strong", "span")
_LABEL_END = re.compile(r"[\s:|>»›→-]+$")
_LONGEST = 200  # characters: a promotion says a label and a headline or two


# A call to sign up to the site's newsletter, in small letters, its spaces one: "Sign up for
# our newsletter", "Subscribe to The Morning Briefing ... in your inbox", Substack's "Thanks
# for reading X! Subscribe for free to receive new posts", its button's "Subscribe now", and
# the Guardian's links around its sign-up box ("skip past newsletter promotion").
_SIGN_UP = re.compile(
    r"(?:sign(?: |-)?up|subscribe|get our)\b.*\b(?:newsletters?|inbox|briefing|new posts)\b.*"
    r"|(?:sign(?: |-)?up|subscribe)\b.*\bour\b.*\b(?:e-?mails?|alerts|podcast|channel)\b.*"
    r"|thanks for reading\b.*\bsubscribe\b.*"
    r"|(?:subscribe|sign up)(?: now| for free| here)?[.!]?"
    r"|(?:skip past|after) newsletter promotion"
    # (a paywall's: "Subscribe to continue reading", "Log in to keep reading", "You have
    # reached your limit of free articles", "This article is for subscribers only",
    # "Already a subscriber? Log in")
    r"|(?:subscribe|sign in|log ?in|register|create an? (?:free )?account)\b.{0,80}"
    r"\bto (?:continue|keep) reading\b.*"
    r"|you(?:'ve|’ve| have) (?:reached|used|read) (?:your|all|the)\b.{0,60}\b(?:free|limit)\b.*"
    r"|(?:this|the) (?:article|story|content) is (?:only )?(?:for|available (?:only )?to"
    r"|reserved for|exclusive (?:to|for)) (?:paying )?(?:subscribers|members)\b.*"
    r"|already (?:a subscriber|subscribed|have an account)\?.{0,60}"
    r"|(?:log ?in|sign in)[.!]?"
)
_SIGN_UP_FIRST = frozenset(
    {"sign", "signup", "sign-up", "subscribe", "get", "thanks", "skip", "after", "log",
     "login", "register", "create", "you", "you've", "you’ve", "this", "the", "already"}
)  # fmt: skip
_SIGN_UP_LONGEST = 200  # characters: a call to sign up is a sentence or two
# A sign-up box by its class, id or component's name (the Guardian's "newsletter-signup",
# Substack's "subscription-widget"), of a box's few words.
_SIGN_UP_BOX = re.compile(
    r"newsletter|e-?mail-?sign-?up|(?:sign-?up|subscri(?:be|ption))-?(?:form|box|widget|cta|promo)"
)
_SIGN_UP_BOX_LONGEST = 600


def promotions_dropped(page: Any) -> None:
    """Take the promotions of other stories out of ``page`` (see the module), and its
    calls to sign up to its newsletter (:func:`_sign_up_calls`)."""
    dropped = _sign_up_calls(page)
    for element in page.iter(*_HOLDERS):
        if len(element) > 4:  # (an element of many parts: no promotion line)
            continue
        # (its first words, its own or its first part's, a label's first: looked at first,
        # as most elements are no promotion)
        head = element.text if element.text and element.text.strip() else ""
        if not head and len(element):
            head = element[0].text or ""
        first = head.split(None, 1)[0].casefold().rstrip(":|>»›→-") if head.strip() else ""
        if first not in _FIRST_WORDS:
            continue
        words = "".join(element.itertext())
        if not words.strip() or len(words) > _LONGEST:
            continue
        linked = "".join("".join(a.itertext()) for a in element.iter("a"))
        if not linked.strip():
            if element.tag in ("p", "div", "span") and _label(words, _LIST_LABELS):
                dropped.append(element)  # "Related Topics" above its list of links
            continue
        # The words outside its links: the label alone ("Read more:")
        outside = words
        for a in element.iter("a"):
            outside = outside.replace("".join(a.itertext()), " ", 1)
        if _label(outside):
            dropped.append(element)
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()  # its tail stays


def _label(words: str, labels: frozenset[str] = _LABELS) -> bool:
    """Whether ``words`` say nothing but one of ``labels`` ("Read more:", "READ MORE |")."""
    said = " ".join(_LABEL_END.sub("", words.strip()).split()).casefold()
    return said in labels


def _sign_up_calls(page: Any) -> list[Any]:
    """The elements of ``page`` that call its reader to sign up to its newsletter: a short
    passage saying so alone (a sentence of the story's own starting with "Sign up" stays,
    saying no newsletter, inbox or e-mail; so does one quoted), or a box of few words the
    page names a newsletter's sign-up.  They were read between the story's paragraphs."""
    found = []
    for element in page.iter(*_HOLDERS, "a", "aside", "section", "form", "h2", "h3"):
        names = (
            " ".join(
                str(element.get(name) or "") for name in ("class", "id", "data-component")
            ).lower()
            if element.attrib
            else ""
        )
        if (
            names
            and ("news" in names or "sign" in names or "subscri" in names)
            and _SIGN_UP_BOX.search(names)
            and len("".join(element.itertext())) <= _SIGN_UP_BOX_LONGEST
        ):
            found.append(element)
            continue
        head = element.text if element.text and element.text.strip() else ""
        if not head and len(element):
            head = element[0].text or ""
        if not head.strip() or head.split(None, 1)[0].casefold() not in _SIGN_UP_FIRST:
            continue
        words = "".join(element.itertext())
        if len(words) <= _SIGN_UP_LONGEST and _SIGN_UP.fullmatch(
            " ".join(words.split()).casefold()
        ):
            found.append(element)
    return found
