"""The library's filter: words of a document's title or path, attribute filters
(``country=Mexico``, ``age>30``, ``doc:int-*``: the query language's document filters), or both
side by side (``country=Mexico southcom``: Mexican documents with "southcom" in the title or
path).

A query that does not read as a filter yet (``country=`` while it is typed, ``country=(``) is
taken as words, so the list follows the typing instead of going blank on a syntax error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui_reader.core.analysis.matching import (
    AttributeLookup,
    document_test,
    is_document_filter,
    type_mismatches,
    unmatched_attributes,
)
from tui_reader.core.analysis.query import And, Code, Node, parse_query
from tui_reader.core.analysis.values import text_key
from tui_reader.core.errors import TuiReaderError

# "country=Mexico", "age>30", "doc:x": what makes a query more than words
FILTER_SHAPE = re.compile(r"[^\s=<>!]\s*(=|!=|<|>)|\bdoc:", re.IGNORECASE)


@dataclass(frozen=True)
class LibraryFilter:
    """Words every shown document's title or path holds (as :func:`~.values.text_key` reads
    them: ``mexico`` finds a title "México", as ``country=mexico`` finds its attribute), and
    the test its key must pass (``None``: no attribute filter); ``problems``: a line for
    each comparison whose value is not of its attribute's type (``words>abc``), which
    matches no document (or every one), as ``query --where`` says it."""

    words: tuple[str, ...] = ()
    documents: Callable[[str], bool] | None = None
    problems: tuple[str, ...] = ()

    @property
    def filters_attributes(self) -> bool:
        return self.documents is not None

    def matches(self, key: str, title: str, path: str) -> bool:
        haystack = _haystack(title, path)
        if not all(word in haystack for word in self.words):
            return False
        return self.documents is None or self.documents(key)


@functools.lru_cache(maxsize=1 << 15)
def _haystack(title: str, path: str) -> str:
    """A document's title and path as the filter's words are looked for in them: made once
    for each keystroke after the first (10,000 accented titles took 46 ms a keystroke)."""
    return text_key(f"{title} {path}")


def library_filter(
    query: str,
    attributes: AttributeLookup,
    keys: Iterable[str] | None = None,
    *,
    every_read: bool = False,
) -> LibraryFilter:
    """The filter ``query`` (as typed in the library) stands for, attributes looked up with
    ``attributes``; ``keys``: the documents listed, a ``doc:NAME`` naming none of them as
    typed taken in another case as a query takes it (``doc:A.TXT`` for ``a.txt``), and, once
    ``every_read`` (each of them read, its file's attributes known), an attribute none of them
    has said as the query view says it (``contry=mexico``: did you mean 'country'?)."""
    if keys is not None:
        keys = tuple(keys)  # looked through twice: the doc: names, the attributes held
    words = tuple(text_key(query).split())
    if not FILTER_SHAPE.search(query):
        return LibraryFilter(words)
    try:
        node = parse_query(query)
    except TuiReaderError:
        return LibraryFilter(words)
    terms = node.operands if isinstance(node, And) else (node,)
    names = tuple(text_key(t.name) for t in terms if isinstance(t, Code))
    filters = [t for t in terms if not isinstance(t, Code)]
    if not filters or not all(is_document_filter(t) for t in filters):
        return LibraryFilter(words)  # codes or text: not something a document list can test
    document: Node = filters[0] if len(filters) == 1 else And(tuple(filters))
    test = document_test(document, attributes, keys)
    listed = keys if every_read else None
    return LibraryFilter(names, test, _mismatches(document, attributes, listed))


def _mismatches(
    document: Node, attributes: AttributeLookup, listed: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The comparisons of ``document`` whose value is not of its attribute's type, when
    ``attributes`` knows the types (a :class:`~.attributes.DocumentAttributes`), and, with
    the documents ``listed``, those of an attribute none of them has (a typo: ``contry``)."""
    types = getattr(attributes, "types", None)
    if types is None:
        return ()
    worded: frozenset[str] = getattr(attributes, "dates_holding_words", frozenset())
    years: frozenset[str] = getattr(attributes, "numbers_holding_years", frozenset())
    found = list(type_mismatches(document, types, worded, years))
    if listed is not None:

        def held(name: str) -> bool:  # asked only of a name the user's attributes lack
            return any(attributes(key, name) is not None for key in listed)

        found.extend(unmatched_attributes(document, types, held))
    return tuple(found)
