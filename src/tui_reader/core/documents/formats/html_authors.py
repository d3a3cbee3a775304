"""The author a web page's metadata gives, cleaned of what the extractor read with the
names when it took them from the page's byline rather than from the page's own author tags:
CNN's "Ana Ruiz; CNN Updated ; Sun May" (its byline's outlet and the date beside it), the
BBC's "Ana Ruiz BBC News; Tapachula", WordPress's "Post author By Ana Ruiz"."""

from __future__ import annotations

import re

# A byline's "By" and what stands before it ("Post author By Ana Ruiz").
_BY = re.compile(r"^(?:.{0,40}?\s)?(?:by|por)\s+(?=\S)", re.IGNORECASE)
# Words after the names that are none: a date's, or a time stamp's ("Updated 10:32 AM").
_NOT_NAMES = frozenset(
    {"updated", "published", "posted", "modified", "last", "on", "at", "am", "pm",
     "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "may", "jun",
     "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march",
     "april", "june", "july", "august", "september", "october", "november", "december"}
)  # fmt: skip
# Words joining or inside names ("Ana de la Cruz", "Ana Ruiz and Bo Chen").
_JOINS = frozenset({"and", "&", "y", "e", "et", "und", "de", "da", "del", "la", "van", "von"})


def clean_author(author: str) -> str:
    """``author`` as the page's metadata gives it (authors parted by "; "), each author's
    names alone: a "By" and what precedes it left out, and what follows the names (an
    outlet in capitals after a name that has none, "BBC News"; a date; an outlet of one word
    in capitals beside an author of two, "CNN"; and, when the byline was read with words
    that are no names, a place of one word beside an author of two, "Tapachula").  An author
    of one word in a list of names alone stays ("Ana Ruiz; Madonna").  ``author`` unchanged
    when no names are left."""
    given = [" ".join(part.split()) for part in author.split(";")]
    parts = [_names(part) for part in given]
    read_with_more = any(part != names for part, names in zip(given, parts, strict=True))
    kept = [part for part in parts if part]
    if any(len(part.split()) > 1 for part in kept):
        kept = [part for part in kept if len(part.split()) > 1 or not _beside(part, kept)]
        if read_with_more:
            kept = [part for part in kept if len(part.split()) > 1]
    return "; ".join(dict.fromkeys(kept)) or author


def _beside(part: str, kept: list[str]) -> bool:
    """Whether ``part``, one word, is an outlet in capitals ("CNN") beside names that are
    not in capitals ("Ana Ruiz"), rather than an author of one word."""
    return part.isupper() and len(part) > 1 and any(not other.isupper() for other in kept)


def _names(part: str) -> str:
    """The names opening ``part`` (one author as the extractor read it)."""
    words = _BY.sub("", " ".join(part.split())).split()
    names: list[str] = []
    for word in words:
        bare = word.strip(",.")
        if bare.lower() in _JOINS and names:
            names.append(word.rstrip(","))
            continue
        if not bare[:1].isupper() or bare.lower() in _NOT_NAMES or any(c.isdigit() for c in bare):
            break
        # An outlet in capitals after a name that has none ("Ana Ruiz BBC News").
        if names and bare.isupper() and len(bare) > 1 and not any(n.isupper() for n in names):
            break
        names.append(word.rstrip(","))
        if word.endswith(","):
            break  # what follows a comma is an outlet or a place ("Ana Ruiz, CNN")
    while names and names[-1].lower() in _JOINS:
        names.pop()
    return " ".join(names)


# The news agencies a story's byline names where a reporter's name would stand (El País's
# "Agencias", "EFE", "Europa Press"; a wire story's "Reuters", "AP"): no person, its author.
_AGENCIES = frozenset(
    {"agencias", "agencia", "agencia efe", "efe", "europa press", "servimedia", "colpisa",
     "reuters", "thomson reuters", "ap", "associated press", "the associated press", "afp",
     "agence france-presse", "agence france presse", "dpa", "ansa", "lusa", "xinhua",
     "kyodo", "kyodo news", "yonhap", "tass", "ria novosti", "upi", "pa", "pa media",
     "press association", "anadolu", "anadolu agency", "notimex", "télam", "pti",
     "press trust of india"}
)  # fmt: skip
# What parts agencies or names in a byline: "Ana Ruiz, Agencias", "EFE / Reuters", "AP y EFE".
_BYLINE_PARTS = re.compile(r"\s*(?:[;,/|·•]|\s(?:y|and|e|et|und|&)\s)\s*", re.IGNORECASE)


def is_agency(words: str) -> bool:
    """Whether ``words`` name a news agency (:data:`_AGENCIES`), or a few of them."""
    parts = [part.strip(" .") for part in _BYLINE_PARTS.split(_BY.sub("", words.strip()))]
    parts = [part for part in parts if part]
    return bool(parts) and all(" ".join(part.split()).casefold() in _AGENCIES for part in parts)


def without_agencies(author: str, given: str = "") -> tuple[str, str]:
    """``author`` (names parted by "; ") without the news agencies among them, and those
    agencies with the ones the byline ``given`` (as the page gave it) names beside its
    names ("Ana Ruiz, Agencias"), parted by "; "."""
    persons: list[str] = []
    agencies: list[str] = []
    for part in author.split(";"):
        part = " ".join(part.split())
        if is_agency(part):
            agencies.append(part)
        elif part:
            persons.append(part)
    for part in _BYLINE_PARTS.split(_BY.sub("", given.strip())):
        part = " ".join(part.strip(" .").split())
        if part and is_agency(part) and part.casefold() not in map(str.casefold, agencies):
            agencies.append(part)
    return "; ".join(persons), "; ".join(agencies)
