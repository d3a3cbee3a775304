"""A news page's advertising labels, left out of its article.

Newspapers mark the place of an advertisement in the article's flow with a line of its own,
"Advertisement", "Story continues below advertisement", "Continue reading the main story",
"Skip advertisement" (or "Anzeige", "Publicidad", "Publicité"): the ad itself is a script's
and never saved, but its label is a paragraph of the article's, and the article extractor
kept it between two paragraphs of the story, where it was read, searched and counted as
the story's words.  :func:`adverts_dropped` takes out each element saying nothing but such a
label, and each element a page's markup names an ad slot by its class or id ("ad-slot",
"advert", "adsbygoogle", "dfp-ad"), its tail kept.
"""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.documents.formats.html_elements import named_by

# What an ad's label says, in small letters, its spaces one, its punctuation left out.
_LABELS = frozenset(
    {"advertisement", "advertisements", "ad", "ads", "sponsored", "paid content",
     "story continues below advertisement", "article continues below advertisement",
     "continue reading the main story", "continue reading below", "skip advertisement",
     "advertisement skip to content", "article continues below this ad",
     "the article continues after the ad", "scroll to continue with content",
     "anzeige", "werbung", "publicidad", "publicité", "pubblicità", "publicidade",
     "reclame", "advertentie", "reklama", "annons"}
)  # fmt: skip
# A class or id naming an ad slot: "ad", "ads", "advert...", "ad-slot", "adsbygoogle",
# "dfp-ad", "google-ad", "ad_container" (not "add", "head", "shadow", "read-more").
_AD_NAME = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|adv|advert\w*|adsbygoogle|adslot|adunit|dfp|sponsored)(?:$|[\s_-])",
    re.I,
)
# Elements an ad's label is written in.
_LABEL_HOLDERS = frozenset({"p", "div", "span", "aside", "section", "small", "center", "ins"})
_PUNCTUATION = re.compile(r"[^\w\s]")
_LONGEST_LABEL = 60  # characters: an element saying more is no ad's label


def adverts_dropped(page: Any) -> None:
    """Take the advertising labels and ad slots out of ``page`` (see the module)."""
    dropped = named_by(page, _AD_NAME)
    # (a heading "Advertising" is a section's; an element of more parts, no label)
    for element in page.iter(*_LABEL_HOLDERS):
        if len(element) == 0:
            words = element.text or ""
        elif len(element) == 1:
            words = _first_words(element)
        else:
            continue
        if 0 < len(words) <= _LONGEST_LABEL and _label(words):
            dropped.append(element)
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()  # its tail stays


def _first_words(element: Any) -> str:
    """The words of ``element`` up to a few more than a label holds: a page of unclosed
    tags nests each element in one, and the words of all below it, read for each of them,
    were the page's words read hundreds of times."""
    parts: list[str] = []
    length = 0
    for text in element.itertext():
        parts.append(text)
        length += len(text)
        if length > _LONGEST_LABEL:
            break
    return "".join(parts)


def _label(words: str) -> bool:
    """Whether ``words`` say nothing but an ad's label."""
    return " ".join(_PUNCTUATION.sub(" ", words).split()).casefold() in _LABELS
